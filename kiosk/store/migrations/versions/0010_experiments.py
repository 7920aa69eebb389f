"""A/B tests of offers (issue 17): the experiments the kiosk pulled, so that the counter applies
a member's arm offline. A new table; nothing existing changes.

Revision ID: 0010_experiments
Revises: 0009_points
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_experiments"
down_revision = "0009_points"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "experiments",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("arms", sa.Text, nullable=False),
        sa.Column("metric", sa.String(32), nullable=False),
        sa.Column("days", sa.Integer, nullable=False),
        sa.Column("horizon", sa.Integer, nullable=False),
        sa.Column("started_at", sa.String(26), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("needs_push", sa.Boolean, nullable=False, server_default="0"),
    )


def downgrade() -> None:
    op.drop_table("experiments")
