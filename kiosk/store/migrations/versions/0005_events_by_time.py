"""Reports read the events of a period: an index on when they happened.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_occurred", "events", ["occurred_at"])


def downgrade() -> None:
    op.drop_index("ix_events_occurred", table_name="events")
