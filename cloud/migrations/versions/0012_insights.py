"""The churn and lifetime-value models' fitted parameters, one row per business, and an index the
member analytics read visits from (issue 17).

Revision ID: 0012_insights
Revises: 0011_tilljoin
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cloud.types import UTCDateTime

revision = "0012_insights"
down_revision = "0011_tilljoin"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "churn_fits",
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("requested_at", UTCDateTime(), nullable=False),
        sa.Column("fitted_at", UTCDateTime(), nullable=True),
        sa.Column("as_of", sa.String(10), nullable=True),
        sa.Column("members", sa.Integer(), nullable=False),
        sa.Column("repeat_members", sa.Integer(), nullable=False),
        *(sa.Column(name, sa.Float(), nullable=True) for name in ("r", "alpha", "a", "b", "p", "q", "gamma")),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name=op.f("fk_churn_fits_business_id_businesses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("business_id", name=op.f("pk_churn_fits")),
    )
    op.create_index(
        "ix_events_business_kind_day", "events", ["business_id", "kind", "day", "card_id", "voided"]
    )


def downgrade() -> None:
    op.drop_index("ix_events_business_kind_day", table_name="events")
    op.drop_table("churn_fits")
