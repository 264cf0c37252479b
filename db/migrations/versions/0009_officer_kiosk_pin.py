"""officer kiosk PIN: an officer's own PIN (argon2 hash) for assisted mode at the kiosk

Revision ID: 0009_officer_kiosk_pin
Revises: 0008_directed_counter
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_officer_kiosk_pin"
down_revision = "0008_directed_counter"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("officers") as batch:
        batch.add_column(sa.Column("kiosk_pin_hash", sa.String(length=255), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("officers") as batch:
        batch.drop_column("kiosk_pin_hash")
