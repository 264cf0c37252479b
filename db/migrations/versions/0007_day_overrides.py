"""day overrides: a supervisor's changes to today and the next days over the settings
(walk-in or not, the office closed with a reason, a service closed, a counter's services)

Revision ID: 0007_day_overrides
Revises: 0006_quota_counters
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_day_overrides"
down_revision = "0006_quota_counters"
branch_labels = None
depends_on = None

TARGET = (
    "(kind IN ('walk_in_day', 'closed') AND service_code IS NULL AND counter_number IS NULL)"
    " OR (kind = 'service_closed' AND service_code IS NOT NULL AND counter_number IS NULL)"
    " OR (kind = 'counter_services' AND counter_number IS NOT NULL AND service_code IS NULL)"
)
# One row per day and kind (per service, per counter): (index, columns, which rows).
UNIQUE = (
    ("uq_day_overrides_kind", ["business_day", "kind"], "kind IN ('walk_in_day', 'closed')"),
    ("uq_day_overrides_service_code", ["business_day", "service_code"], "kind = 'service_closed'"),
    (
        "uq_day_overrides_counter_number",
        ["business_day", "counter_number"],
        "kind = 'counter_services'",
    ),
)


def upgrade() -> None:
    op.create_table(
        "day_overrides",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("service_code", sa.String(length=16), nullable=True),
        sa.Column("counter_number", sa.Integer(), nullable=True),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(TARGET, name=op.f("ck_day_overrides_target")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_day_overrides")),
    )
    op.create_index(
        op.f("ix_day_overrides_business_day"), "day_overrides", ["business_day"], unique=False
    )
    for name, columns, rows in UNIQUE:
        where = sa.text(rows)
        op.create_index(
            name,
            "day_overrides",
            columns,
            unique=True,
            sqlite_where=where,
            postgresql_where=where,
        )


def downgrade() -> None:
    for name, _columns, _rows in UNIQUE:
        op.drop_index(name, table_name="day_overrides")
    op.drop_index(op.f("ix_day_overrides_business_day"), table_name="day_overrides")
    op.drop_table("day_overrides")
