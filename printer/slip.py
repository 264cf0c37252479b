"""A slip as the printer sees it: a short printed note that is not a queue ticket (the
receipt of a problem report), all its texts already in the applicant's language."""

from __future__ import annotations

from dataclasses import dataclass, field

from printer.ticket import Language


@dataclass(frozen=True)
class SlipPrint:
    """Everything printed on one slip: the office, a title, a number in large print,
    labelled lines (``rows``: label and value) and paragraphs, then the footer."""

    office_name: str
    title: str
    number: str
    rows: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    paragraphs: tuple[str, ...] = field(default_factory=tuple)
    footer_lines: tuple[str, ...] = field(default_factory=tuple)
    language: Language = "id"
    # Printed again because the printer could not tell whether the first one came out.
    copy: bool = False

    def __post_init__(self) -> None:
        if not self.number.strip():
            raise ValueError("a slip needs a number")
        if self.language not in ("id", "en"):
            raise ValueError(f"language must be 'id' or 'en', not {self.language!r}")
        # Lists given are kept as tuples: the slip stays immutable.
        object.__setattr__(self, "rows", tuple((str(k), str(v)) for k, v in self.rows))
        object.__setattr__(self, "paragraphs", tuple(self.paragraphs))
        object.__setattr__(self, "footer_lines", tuple(self.footer_lines))
