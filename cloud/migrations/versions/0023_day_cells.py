"""Day cells (issue 17): per business, shop day, location and offer, the figures the summary and
revenue sum (visits, units earned, redemptions, units given for rewards, spend, earns), net of
undos, kept with the ledger by cloud/day_cells.py. Backfilled here from the events, by the same
counting (a void on its own day, as the negative of its target).

And member_months.earns: a member-month's live earns (the tiers' visits measure counts earns, not
visit days). Its rows are counted again from the events, as 0019 counted them, with the earns.

Revision ID: 0023_day_cells
Revises: 0020_member_totals
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023_day_cells"
down_revision = "0020_member_totals"
branch_labels = None
depends_on = None

# The kinds as loyalty_rules.reports counted them when this was written: a visit is an earn,
# units earned come from earns and referrals, a reward is a redeem.
_BACKFILL = """
INSERT INTO day_cells (business_id, day, location_id, program_id,
    visits, stamps, redemptions, redeemed_units, spend_minor, earns)
SELECT business_id, day, coalesce(location_id, ''), coalesce(program_id, ''),
    coalesce(sum(CASE WHEN kind = 'earn' THEN sign ELSE 0 END), 0),
    coalesce(sum(CASE WHEN kind IN ('earn', 'referral') THEN units ELSE 0 END), 0),
    coalesce(sum(CASE WHEN kind = 'redeem' THEN sign ELSE 0 END), 0),
    coalesce(sum(CASE WHEN kind = 'redeem' THEN -units ELSE 0 END), 0),
    coalesce(sum(spend), 0),
    coalesce(sum(CASE WHEN kind = 'earn' THEN sign ELSE 0 END), 0)
FROM (
    SELECT e.business_id, e.day, e.location_id, e.program_id, e.kind, 1 AS sign, e.units,
        CASE WHEN e.kind = 'earn' THEN e.amount_minor ELSE 0 END AS spend
    FROM events e WHERE e.kind <> 'void'
    UNION ALL
    SELECT e.business_id, e.day, e.location_id, e.program_id, t.kind, -1, e.units,
        CASE WHEN t.kind = 'earn' THEN -t.amount_minor ELSE 0 END
    FROM events e JOIN events t ON t.business_id = e.business_id AND t.id = e.ref_event_id
    WHERE e.kind = 'void'
) counted
GROUP BY business_id, day, coalesce(location_id, ''), coalesce(program_id, '')
"""


# the four scopes of cloud/member_months.py, as 0019_member_months wrote them out
_SCOPES = (
    ("''", "''", ""),
    ("e.location_id", "''", "e.location_id"),
    ("''", "e.program_id", ""),
    ("e.location_id", "e.program_id", "e.location_id"),
)


def _member_months_sql() -> str:
    parts = []
    for location, program, needs in _SCOPES:
        where = f" AND {needs} IS NOT NULL" if needs else ""
        group = ", ".join(g for g in ("c.customer_id", "substr(e.day, 1, 7)", location, program) if g != "''")
        parts.append(
            f"SELECT e.business_id, c.customer_id, substr(e.day, 1, 7), {location}, {program}, "
            "count(DISTINCT e.day), min(e.day), max(e.day), sum(e.amount_minor), count(*) "
            "FROM events e JOIN cards c ON c.business_id = e.business_id AND c.id = e.card_id "
            f"WHERE e.kind = 'earn' AND e.voided = false AND c.customer_id IS NOT NULL{where} "
            f"GROUP BY e.business_id, {group}"
        )
    return (
        "INSERT INTO member_months (business_id, member_id, month, location_id, program_id, "
        "visit_days, first_day, last_day, spend_minor, earns) " + " UNION ALL ".join(parts)
    )


def upgrade() -> None:
    op.add_column("member_months", sa.Column("earns", sa.Integer(), nullable=False, server_default="0"))
    op.execute("DELETE FROM member_months")
    op.execute(_member_months_sql())
    op.create_table(
        "day_cells",
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("location_id", sa.String(36), nullable=False),
        sa.Column("program_id", sa.String(36), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("stamps", sa.BigInteger(), nullable=False),
        sa.Column("redemptions", sa.Integer(), nullable=False),
        sa.Column("redeemed_units", sa.BigInteger(), nullable=False),
        sa.Column("spend_minor", sa.BigInteger(), nullable=False),
        sa.Column("earns", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name="fk_day_cells_business_id_businesses",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("business_id", "day", "location_id", "program_id", name="pk_day_cells"),
    )
    op.execute(_BACKFILL)


def downgrade() -> None:
    op.drop_table("day_cells")
    with op.batch_alter_table("member_months") as batch:
        batch.drop_column("earns")
