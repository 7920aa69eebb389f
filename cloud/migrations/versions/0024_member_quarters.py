"""Member quarters (issue 17): per member, quarter and scope, her month rows of its three months
summed (visit days, first and last visit day, spend), kept with them by cloud/member_months.py so
a year's RFM reads about half the rows. Backfilled here from member_months.

Revision ID: 0024_member_quarters
Revises: 0023_day_cells
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0024_member_quarters"
down_revision = "0023_day_cells"
branch_labels = None
depends_on = None

# a month "YYYY-MM"'s quarter, as its first month (the same expression as cloud/member_months.py)
_QUARTER = (
    "substr(month, 1, 5) || CASE WHEN substr(month, 6, 2) <= '03' THEN '01' "
    "WHEN substr(month, 6, 2) <= '06' THEN '04' WHEN substr(month, 6, 2) <= '09' THEN '07' ELSE '10' END"
)
_BACKFILL = (
    "INSERT INTO member_quarters (business_id, member_id, quarter, location_id, program_id, "
    "visit_days, first_day, last_day, spend_minor) "
    f"SELECT business_id, member_id, {_QUARTER}, location_id, program_id, "
    "sum(visit_days), min(first_day), max(last_day), sum(spend_minor) "
    f"FROM member_months GROUP BY business_id, member_id, {_QUARTER}, location_id, program_id"
)


def upgrade() -> None:
    op.create_table(
        "member_quarters",
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.String(36), nullable=False),
        sa.Column("quarter", sa.String(7), nullable=False),
        sa.Column("location_id", sa.String(36), nullable=False),
        sa.Column("program_id", sa.String(36), nullable=False),
        sa.Column("visit_days", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.String(10), nullable=False),
        sa.Column("last_day", sa.String(10), nullable=False),
        sa.Column("spend_minor", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name="fk_member_quarters_business_id_businesses",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "business_id", "member_id", "quarter", "location_id", "program_id", name="pk_member_quarters"
        ),
    )
    op.create_index(
        "ix_member_quarters_scope_quarter",
        "member_quarters",
        ["business_id", "location_id", "program_id", "quarter"],
    )
    op.execute(_BACKFILL)


def downgrade() -> None:
    op.drop_index("ix_member_quarters_scope_quarter", table_name="member_quarters")
    op.drop_table("member_quarters")
