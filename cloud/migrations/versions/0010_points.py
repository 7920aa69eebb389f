"""Points per spend (issue 15): an offer's points settings (rate, rounding, minimum spend,
catalogue) as JSON text, and on each event the sale amount of a points earn (integer minor units)
and the catalogue reward of a points redemption. Every row from before keeps NULL: a stamp card
has no settings, a stamp no amount.

Revision ID: 0010_points
Revises: 0009_gwallet
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_points"
down_revision = "0009_gwallet"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE, never a batch copy of `offers` or `events` (see 0006_rules)
    op.add_column("offers", sa.Column("points_settings", sa.Text(), nullable=True))
    op.add_column("events", sa.Column("amount_minor", sa.BigInteger(), nullable=True))
    op.add_column("events", sa.Column("reward_id", sa.String(40), nullable=True))


def downgrade() -> None:
    # loses what the points columns held; the older schema has nowhere to keep it
    op.execute("ALTER TABLE events DROP COLUMN reward_id")
    op.execute("ALTER TABLE events DROP COLUMN amount_minor")
    op.execute("ALTER TABLE offers DROP COLUMN points_settings")
