"""Member months (issue 17): per member, shop month, location and program, the visit days, the
first and last visit day and the spend, kept with the ledger (cloud/member_months.py) so the
owner's analytics read rollups instead of scanning a million events. Backfilled here from the
events; "" in location_id / program_id is every location / every program.

Revision ID: 0019_member_months
Revises: 0018_tier_schemes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019_member_months"
down_revision = "0018_tier_schemes"
branch_labels = None
depends_on = None

# the visit kinds of loyalty_rules.reports.VISIT_KINDS when this was written (a visit is an earn);
# the same four scopes as cloud/member_months.py, written out so later code changes leave it be
_SCOPES = (
    ("''", "''", ""),
    ("e.location_id", "''", "e.location_id"),
    ("''", "e.program_id", ""),
    ("e.location_id", "e.program_id", "e.location_id"),
)


def _backfill_sql() -> str:
    parts = []
    for location, program, needs in _SCOPES:
        where = f" AND {needs} IS NOT NULL" if needs else ""
        group = ", ".join(g for g in ("c.customer_id", "substr(e.day, 1, 7)", location, program) if g != "''")
        parts.append(
            f"SELECT e.business_id, c.customer_id, substr(e.day, 1, 7), {location}, {program}, "
            "count(DISTINCT e.day), min(e.day), max(e.day), sum(e.amount_minor) "
            "FROM events e JOIN cards c ON c.business_id = e.business_id AND c.id = e.card_id "
            f"WHERE e.kind = 'earn' AND e.voided = false AND c.customer_id IS NOT NULL{where} "
            f"GROUP BY e.business_id, {group}"
        )
    return (
        "INSERT INTO member_months (business_id, member_id, month, location_id, program_id, "
        "visit_days, first_day, last_day, spend_minor) " + " UNION ALL ".join(parts)
    )


def upgrade() -> None:
    op.create_table(
        "member_months",
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.String(36), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("location_id", sa.String(36), nullable=False),
        sa.Column("program_id", sa.String(36), nullable=False),
        sa.Column("visit_days", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.String(10), nullable=False),
        sa.Column("last_day", sa.String(10), nullable=False),
        sa.Column("spend_minor", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name="fk_member_months_business_id_businesses",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "business_id", "member_id", "month", "location_id", "program_id", name="pk_member_months"
        ),
    )
    op.create_index(
        "ix_member_months_scope_month", "member_months", ["business_id", "location_id", "program_id", "month"]
    )
    op.execute(_backfill_sql())


def downgrade() -> None:
    op.drop_index("ix_member_months_scope_month", table_name="member_months")
    op.drop_table("member_months")
