"""Member totals (issue 17): per member and scope, her month rows summed over the whole ledger
(visit days, first and last visit day, spend), kept with them by cloud/member_months.py so churn
reads one row per member. Backfilled here from member_months.

Revision ID: 0020_member_totals
Revises: 0019_member_months
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020_member_totals"
down_revision = "0019_member_months"
branch_labels = None
depends_on = None

_BACKFILL = (
    "INSERT INTO member_totals (business_id, member_id, location_id, program_id, "
    "visit_days, first_day, last_day, spend_minor) "
    "SELECT business_id, member_id, location_id, program_id, "
    "sum(visit_days), min(first_day), max(last_day), sum(spend_minor) "
    "FROM member_months GROUP BY business_id, member_id, location_id, program_id"
)


def upgrade() -> None:
    op.create_table(
        "member_totals",
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.String(36), nullable=False),
        sa.Column("location_id", sa.String(36), nullable=False),
        sa.Column("program_id", sa.String(36), nullable=False),
        sa.Column("visit_days", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.String(10), nullable=False),
        sa.Column("last_day", sa.String(10), nullable=False),
        sa.Column("spend_minor", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name="fk_member_totals_business_id_businesses",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "business_id", "member_id", "location_id", "program_id", name="pk_member_totals"
        ),
    )
    op.create_index("ix_member_totals_scope", "member_totals", ["business_id", "location_id", "program_id"])
    op.execute(_BACKFILL)


def downgrade() -> None:
    op.drop_index("ix_member_totals_scope", table_name="member_totals")
    op.drop_table("member_totals")
