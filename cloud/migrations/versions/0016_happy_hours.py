"""Happy hours (issue 15): the happy_hours table, pulled by kiosks like offers, and on each event
the happy hour that boosted it (an earn only), checked at push by the shared rule.

Revision ID: 0016_happy_hours
Revises: 0015_offer_revisions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cloud.types import UTCDateTime

revision = "0016_happy_hours"
down_revision = "0015_offer_revisions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE, never a batch copy of `events` (see 0006_rules)
    op.add_column("events", sa.Column("happy_hour_id", sa.String(36), nullable=True))
    op.create_table(
        "happy_hours",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("windows", sa.Text(), nullable=False),
        sa.Column("boost", sa.String(16), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("programs", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("ended_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name=op.f("fk_happy_hours_business_id_businesses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_happy_hours")),
    )
    op.create_index("ix_happy_hours_business_seq", "happy_hours", ["business_id", "seq"])


def downgrade() -> None:
    op.drop_index("ix_happy_hours_business_seq", table_name="happy_hours")
    op.drop_table("happy_hours")
    op.execute("ALTER TABLE events DROP COLUMN happy_hour_id")
