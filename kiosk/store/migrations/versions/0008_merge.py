"""Merging two members who are one person (issue 14): an absorbed customer row stays, pointing at
the member she became (`merged_into`), so every code she ever had still finds that member; a
`member_merge` event carries both customer ids up to the cloud. Nothing existing changes.

Revision ID: 0008_merge
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_merge"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customers") as batch:
        batch.add_column(sa.Column("merged_into", sa.String(36), nullable=True))
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("merge_keep_id", sa.String(36), nullable=True))
        batch.add_column(sa.Column("merge_absorb_id", sa.String(36), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("merge_absorb_id")
        batch.drop_column("merge_keep_id")
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("merged_into")
