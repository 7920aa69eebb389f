"""Tier buckets (issue 15): per card and month of the shop's clock, the points granted and the
visits counted, net of voids, so a member's tier is read from a window's months, not a replay.
Filled here from every existing event by the same rule ledger.append_event keeps them by from
now on (kiosk/store/tier_buckets.py).

Revision ID: 0012_tier_buckets
Revises: 0011_offer_revision
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_tier_buckets"
down_revision = "0011_offer_revision"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tier_buckets",
        sa.Column("card_id", sa.Integer, sa.ForeignKey("cards.id"), primary_key=True),
        sa.Column("month", sa.Integer, primary_key=True),
        sa.Column("points", sa.Integer, nullable=False),
        sa.Column("visits", sa.Integer, nullable=False),
    )
    # imported here, not at the top: Alembic loads every revision's module to walk the chain
    from kiosk.store import tier_buckets

    tier_buckets.rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_table("tier_buckets")
