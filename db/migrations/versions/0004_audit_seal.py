"""audit seal: each audit record binds the ticket events written since the one before

Revision ID: 0004_audit_seal
Revises: 0003
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_audit_seal"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("events_upto", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("events_digest", sa.String(length=64), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("events_digest")
        batch.drop_column("events_upto")
