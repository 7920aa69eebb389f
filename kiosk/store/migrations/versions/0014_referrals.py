"""Referrals (issue 15): who referred whom at enrolment and where it stands (pending, granted at
the newcomer's first qualifying visit, refused with its reason, voided by an undo of that visit).

Revision ID: 0014_referrals
Revises: 0013_happy_hours
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_referrals"
down_revision = "0013_happy_hours"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "referrals",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("referrer_id", sa.String(36), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("newcomer_id", sa.String(36), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("created_at", sa.String(26), nullable=False),
        sa.Column("month", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("refusal", sa.String(32), nullable=True),
        sa.Column("visit_event_id", sa.String(36), nullable=True),
    )
    op.create_index("ix_referrals_newcomer", "referrals", ["newcomer_id"])
    op.create_index("ix_referrals_referrer_month", "referrals", ["referrer_id", "month"])
    op.create_index("ix_referrals_visit", "referrals", ["visit_event_id"])


def downgrade() -> None:
    op.drop_table("referrals")
