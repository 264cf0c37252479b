"""The feedback loop's fixed lists: complaint categories (the office's recap table) and the
nine elements of the public-service satisfaction survey (Permenpan RB 14/2017)."""

from __future__ import annotations

CATEGORIES: tuple[str, ...] = (
    "app_unreachable",
    "verification_failed",
    "quota_full",
    "phone_not_supported",
    "no_smartphone",
    "office_problem",
    "other",
)


ELEMENTS: tuple[str, ...] = (
    "requirements",
    "procedure",
    "time",
    "cost",
    "product",
    "competence",
    "behaviour",
    "complaint_handling",
    "facilities",
)
