"""Member quarters keep their first and last visit day as the number yyyymmdd (issue 17): RFM takes
each member's latest day of some 80,000 quarter rows, and the maximum of an integer costs the
database a third less than that of a text it then has to turn into a number. The table holds only
sums of member_months, so it is made again and refilled from them (both ways).

Revision ID: 0025_quarter_day_numbers
Revises: 0024_member_quarters
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0025_quarter_day_numbers"
down_revision = "0024_member_quarters"
branch_labels = None
depends_on = None

# a month "YYYY-MM"'s quarter, as its first month (the same expression as cloud/member_months.py)
_QUARTER = (
    "substr(month, 1, 5) || CASE WHEN substr(month, 6, 2) <= '03' THEN '01' "
    "WHEN substr(month, 6, 2) <= '06' THEN '04' WHEN substr(month, 6, 2) <= '09' THEN '07' ELSE '10' END"
)


def _number(day: str) -> str:
    return f"CAST(replace({day}, '-', '') AS INTEGER)"


def _remake(day_type, first: str, last: str) -> None:
    op.drop_index("ix_member_quarters_scope_quarter", table_name="member_quarters")
    op.drop_table("member_quarters")
    op.create_table(
        "member_quarters",
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.String(36), nullable=False),
        sa.Column("quarter", sa.String(7), nullable=False),
        sa.Column("location_id", sa.String(36), nullable=False),
        sa.Column("program_id", sa.String(36), nullable=False),
        sa.Column("visit_days", sa.Integer(), nullable=False),
        sa.Column("first_day", day_type, nullable=False),
        sa.Column("last_day", day_type, nullable=False),
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
    op.execute(
        "INSERT INTO member_quarters (business_id, member_id, quarter, location_id, program_id, "
        "visit_days, first_day, last_day, spend_minor) "
        f"SELECT business_id, member_id, {_QUARTER}, location_id, program_id, "
        f"sum(visit_days), {first}, {last}, sum(spend_minor) "
        f"FROM member_months GROUP BY business_id, member_id, {_QUARTER}, location_id, program_id"
    )


def upgrade() -> None:
    _remake(sa.Integer(), _number("min(first_day)"), _number("max(last_day)"))


def downgrade() -> None:
    _remake(sa.String(10), "min(first_day)", "max(last_day)")
