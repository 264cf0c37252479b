"""print parts: what of a ticket reached the printer, and its language and layout

Revision ID: 0004_print_parts
Revises: 0003
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_print_parts"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("print_jobs") as batch:
        batch.add_column(
            sa.Column("delivered", sa.String(length=8), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("language", sa.String(length=2), nullable=True))
        batch.add_column(sa.Column("layout", sa.String(length=80), nullable=True))
        batch.add_column(
            sa.Column("copy_printed", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("print_jobs") as batch:
        batch.drop_column("copy_printed")
        batch.drop_column("layout")
        batch.drop_column("language")
        batch.drop_column("delivered")
