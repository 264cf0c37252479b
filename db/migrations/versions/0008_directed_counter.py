"""directed counter: a waiting ticket sent to one counter (a transfer to a counter or to an
officer's counter) is called only there

Revision ID: 0008_directed_counter
Revises: 0006_quota_counters
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_directed_counter"
down_revision = "0007_day_overrides"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("directed_counter", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("directed_counter")
