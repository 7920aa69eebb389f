"""Tier schemes (issue 15): a points earn names the tier whose multiplier it was earned at, a
tier_change event the tier she fell to. The scheme itself lives in the offer's points settings
(JSON text), so only the event needs a column.

Revision ID: 0018_tier_schemes
Revises: 0017_referrals
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018_tier_schemes"
down_revision = "0017_referrals"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE, never a batch copy of `events` (see 0006_rules)
    op.add_column("events", sa.Column("tier", sa.String(24), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE events DROP COLUMN tier")
