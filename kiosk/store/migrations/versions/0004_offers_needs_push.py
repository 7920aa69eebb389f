"""Offers made or changed on a paired kiosk wait for upload to the cloud (PUT /sync/offers):
`programs.needs_push` marks them until the cloud accepts or rejects them.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("programs") as batch:
        batch.add_column(sa.Column("needs_push", sa.Boolean(), nullable=False, server_default="0"))
    # Existing offers start as "nothing to upload": the kiosk cannot tell the ones it pulled
    # from any made here earlier, and until now a paired kiosk refused local offer edits.


def downgrade() -> None:
    with op.batch_alter_table("programs") as batch:
        batch.drop_column("needs_push")
