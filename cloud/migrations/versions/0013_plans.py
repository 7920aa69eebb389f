"""Plans (issue 15): each business has one, free, professional or enterprise.

Businesses that exist before this revision become professional: they had no limit until now, and
professional takes away nothing they could be using except a second location or more than 1,000
members (the operator moves those to enterprise with `loyalty-cloud plan`). New businesses
start free (`create-owner --plan`); the demo shop is enterprise.

Revision ID: 0013_plans
Revises: 0012_insights
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_plans"
down_revision = "0012_insights"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE, never a batch copy of `businesses` (see 0006_rules): every row there now
    # is a business from before plans, so one UPDATE makes them professional; new rows get "free"
    op.add_column("businesses", sa.Column("plan", sa.String(16), nullable=False, server_default="free"))
    op.execute("UPDATE businesses SET plan = 'professional'")


def downgrade() -> None:
    op.execute("ALTER TABLE businesses DROP COLUMN plan")
