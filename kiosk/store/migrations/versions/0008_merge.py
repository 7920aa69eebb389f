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


# Plain ALTER TABLE, never a batch copy: `customers` and `events` are referenced by foreign keys
# (cards, outbox), and with foreign keys on, recreating either would fail or cascade.


def upgrade() -> None:
    op.add_column("customers", sa.Column("merged_into", sa.String(36), nullable=True))
    op.add_column("events", sa.Column("merge_keep_id", sa.String(36), nullable=True))
    op.add_column("events", sa.Column("merge_absorb_id", sa.String(36), nullable=True))


def downgrade() -> None:
    # the merges stay made (cards keep their member); only the record of who absorbed whom goes
    op.execute("ALTER TABLE events DROP COLUMN merge_absorb_id")
    op.execute("ALTER TABLE events DROP COLUMN merge_keep_id")
    op.execute("ALTER TABLE customers DROP COLUMN merged_into")
