"""quota counters: each service and channel's tickets counted per business day in one row
(with the day's supervisor quota), so issuing checks its quota by key instead of counting
tickets; filled from the tickets and quota overrides already there

Revision ID: 0006_quota_counters
Revises: 0005_audit_seal_nik_key
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_quota_counters"
down_revision = "0005_audit_seal_nik_key"
branch_labels = None
depends_on = None


def upgrade() -> None:
    counters = op.create_table(
        "quota_counters",
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("service_code", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("issued", sa.Integer(), nullable=False),
        sa.Column("quota", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint(
            "business_day", "service_code", "channel", name=op.f("pk_quota_counters")
        ),
    )
    assert counters is not None
    tickets = sa.table(
        "tickets",
        sa.column("business_day", sa.Date),
        sa.column("service_code", sa.String),
        sa.column("channel", sa.String),
        sa.column("status", sa.String),
        sa.column("override_reason", sa.String),
    )
    overrides = sa.table(
        "quota_overrides",
        sa.column("id", sa.Integer),
        sa.column("business_day", sa.Date),
        sa.column("service_code", sa.String),
        sa.column("channel", sa.String),
        sa.column("quota", sa.Integer),
    )
    connection = op.get_bind()
    # What db.read.queue_state.issued_count counts, per day, service and channel.
    rows: dict[tuple[object, str, str], dict[str, object]] = {}
    for day, service, channel, issued in connection.execute(
        sa.select(
            tickets.c.business_day,
            tickets.c.service_code,
            tickets.c.channel,
            sa.func.count(),
        )
        .where(tickets.c.status != "cancelled", tickets.c.override_reason.is_(None))
        .group_by(tickets.c.business_day, tickets.c.service_code, tickets.c.channel)
    ):
        rows[(day, service, channel)] = {"issued": int(issued), "quota": None}
    # The latest override of each day, service and channel wins (db.read.queue_state.quota_for).
    for day, service, channel, quota in connection.execute(
        sa.select(
            overrides.c.business_day,
            overrides.c.service_code,
            overrides.c.channel,
            overrides.c.quota,
        ).order_by(overrides.c.id)
    ):
        rows.setdefault((day, service, channel), {"issued": 0, "quota": None})["quota"] = quota
    if rows:
        op.bulk_insert(
            counters,
            [
                {"business_day": d, "service_code": s, "channel": c, **values}
                for (d, s, c), values in rows.items()
            ],
        )


def downgrade() -> None:
    op.drop_table("quota_counters")
