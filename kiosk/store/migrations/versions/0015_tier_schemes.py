"""Tier schemes (issue 15): a points earn records the tier whose multiplier it was earned at.
The scheme itself lives inside the program's points settings (a JSON column), so only the
event needs a column.

Revision ID: 0015_tier_schemes
Revises: 0014_referrals
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_tier_schemes"
down_revision = "0014_referrals"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("events", sa.Column("tier", sa.String(24), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE events DROP COLUMN tier")
