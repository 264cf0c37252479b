"""audit seal and NIK key: each audit record binds the ticket events written since the one
before; stored NIK hashes are re-keyed with the office's NIK key (db/ops/privacy.py)

Revision ID: 0005_audit_seal_nik_key
Revises: 0004_print_parts
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_audit_seal_nik_key"
down_revision = "0004_print_parts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("events_upto", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("events_digest", sa.String(length=64), nullable=False, server_default="")
        )
    from db.rules.privacy import rekey_nik_hash

    bookings = sa.table("bookings", sa.column("id", sa.Integer), sa.column("nik_hash", sa.String))
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(bookings.c.id, bookings.c.nik_hash).where(bookings.c.nik_hash.is_not(None))
    ).all()
    for booking_id, legacy in rows:
        connection.execute(
            bookings.update()
            .where(bookings.c.id == booking_id)
            .values(nik_hash=rekey_nik_hash(legacy))
        )


def downgrade() -> None:
    # The keyed NIK hashes stay keyed: the unkeyed ones cannot be recovered from them.
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("events_digest")
        batch.drop_column("events_upto")
