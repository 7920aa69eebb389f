"""Happy hours (issue 15): a table of the shop's happy hours (weekly windows of its clock, the
boost and the programs it applies to), and on each event the happy hour that boosted it, if one
did, so that the boost can be checked and counted later.

Revision ID: 0013_happy_hours
Revises: 0012_tier_buckets
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_happy_hours"
down_revision = "0012_tier_buckets"
branch_labels = None
depends_on = None


# Plain ALTER TABLE, never a batch copy: `events` is referenced by foreign keys.


def upgrade() -> None:
    op.add_column("events", sa.Column("happy_hour_id", sa.String(36), nullable=True))
    op.create_table(
        "happy_hours",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("windows", sa.Text, nullable=False),
        sa.Column("boost", sa.String(16), nullable=False),
        sa.Column("amount", sa.Integer, nullable=False),
        sa.Column("programs", sa.Text, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("updated_at", sa.String(26), nullable=False),
        sa.Column("needs_push", sa.Boolean, nullable=False, server_default="0"),
    )


def downgrade() -> None:
    op.drop_table("happy_hours")
    op.execute("ALTER TABLE events DROP COLUMN happy_hour_id")
