"""A till's own join link (issue 16): the counter shows a QR of it, and a join through it records
the till she joined at, beside the location already recorded.

Revision ID: 0011_tilljoin
Revises: 0010_points
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_tilljoin"
down_revision = "0010_points"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # join_links is small (a few links per business): a batch copy on SQLite costs nothing
    with op.batch_alter_table("join_links") as batch:
        batch.add_column(sa.Column("device_id", sa.String(36), nullable=True))
        batch.create_foreign_key(
            op.f("fk_join_links_device_id_devices"), "devices", ["device_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_unique_constraint(op.f("uq_join_links_device_id"), ["device_id"])
    op.add_column("member_joins", sa.Column("device_id", sa.String(36), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("member_joins") as batch:
        batch.drop_column("device_id")
    with op.batch_alter_table("join_links") as batch:
        batch.drop_constraint(op.f("uq_join_links_device_id"), type_="unique")
        batch.drop_constraint(op.f("fk_join_links_device_id_devices"), type_="foreignkey")
        batch.drop_column("device_id")
