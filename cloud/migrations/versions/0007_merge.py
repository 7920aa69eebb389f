"""Merging two members who are one person (issue 14): every merge a kiosk pushed is kept
(`member_merges`), and a customer absorbed into another points at her survivor (`merged_into`).
The survivor of a group of merged members is recomputed from all its merges (loyalty_rules.merges).

Revision ID: 0007_merge
Revises: 0006_rules
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_merge"
down_revision = "0006_rules"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE (see 0006_rules): a batch copy of `customers` is never needed for a column
    op.add_column("customers", sa.Column("merged_into", sa.String(36), nullable=True))
    op.create_table(
        "member_merges",
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("keep_id", sa.String(36), nullable=False),
        sa.Column("absorb_id", sa.String(36), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["business_id"], ["businesses.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("business_id", "event_id"),
    )


def downgrade() -> None:
    op.drop_table("member_merges")
    op.execute("ALTER TABLE customers DROP COLUMN merged_into")
