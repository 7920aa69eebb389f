"""Points per spend (issue 15): a program's points settings (rate, rounding, minimum spend,
catalogue) as one JSON column, and on each event the sale amount an earn was for (integer minor
units) and the catalogue reward a redemption gave. Every existing row keeps NULL: a stamp card
has no settings, a stamp has no amount.

Revision ID: 0009_points
Revises: 0008_merge
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_points"
down_revision = "0008_merge"
branch_labels = None
depends_on = None


# Plain ALTER TABLE, never a batch copy: `programs` and `events` are referenced by foreign keys
# (cards, outbox), and with foreign keys on, recreating either would fail or cascade.


def upgrade() -> None:
    op.add_column("programs", sa.Column("points_settings", sa.Text, nullable=True))
    op.add_column("events", sa.Column("amount_minor", sa.Integer, nullable=True))
    op.add_column("events", sa.Column("reward_id", sa.String(40), nullable=True))


def downgrade() -> None:
    # loses what the points columns held: a kiosk only downgrades to restore an older program
    op.execute("ALTER TABLE events DROP COLUMN reward_id")
    op.execute("ALTER TABLE events DROP COLUMN amount_minor")
    op.execute("ALTER TABLE programs DROP COLUMN points_settings")
