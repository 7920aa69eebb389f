"""Referrals (issue 15): the referrals the cloud accepted from the bonus events that name them,
so a `referral` event is taken only as the bonus of a referral whose newcomer has a counted first
visit, under the same abuse rules as at the kiosk (loyalty_rules.referrals).

Revision ID: 0017_referrals
Revises: 0016_happy_hours
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cloud.types import UTCDateTime

revision = "0017_referrals"
down_revision = "0016_happy_hours"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "referrals",
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("referrer_id", sa.String(36), nullable=False),
        sa.Column("newcomer_id", sa.String(36), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("visit_event_id", sa.String(36), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id"], ["businesses.id"], name="fk_referrals_business_id_businesses", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("business_id", "id", name="pk_referrals"),
    )
    op.create_index(
        "ix_referrals_business_referrer_month", "referrals", ["business_id", "referrer_id", "month"]
    )
    op.create_index("ix_referrals_business_newcomer", "referrals", ["business_id", "newcomer_id"])


def downgrade() -> None:
    op.drop_index("ix_referrals_business_newcomer", table_name="referrals")
    op.drop_index("ix_referrals_business_referrer_month", table_name="referrals")
    op.drop_table("referrals")
