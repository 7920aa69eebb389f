"""Points settings revisions (issue 15): each change of an offer's points settings is a new
revision, kept in `offer_revisions`, so that a till's earns computed offline under the rate of
before are checked by that rate; events say which revision they were computed under. A points
offer from before becomes its revision 1 (its events carry none and are checked by the current
settings, as before).

Revision ID: 0015_offer_revisions
Revises: 0014_experiments
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cloud.types import UTCDateTime

revision = "0015_offer_revisions"
down_revision = "0014_experiments"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE, never a batch copy of `offers` or `events` (see 0006_rules)
    op.add_column("offers", sa.Column("points_revision", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("events", sa.Column("offer_revision", sa.Integer(), nullable=True))
    op.create_table(
        "offer_revisions",
        sa.Column("offer_id", sa.String(36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("points_settings", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["offers.id"], name="fk_offer_revisions_offer_id_offers", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name="fk_offer_revisions_business_id_businesses",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("offer_id", "revision", name="pk_offer_revisions"),
    )
    op.create_index("ix_offer_revisions_business_id", "offer_revisions", ["business_id"])
    op.execute("UPDATE offers SET points_revision = 1 WHERE points_settings IS NOT NULL")
    op.execute(
        "INSERT INTO offer_revisions (offer_id, revision, business_id, points_settings, created_at) "
        "SELECT id, 1, business_id, points_settings, created_at FROM offers WHERE points_settings IS NOT NULL"
    )


def downgrade() -> None:
    # loses the older revisions: the schema of before checks every earn by the current settings
    op.drop_index("ix_offer_revisions_business_id", table_name="offer_revisions")
    op.drop_table("offer_revisions")
    op.execute("ALTER TABLE events DROP COLUMN offer_revision")
    op.execute("ALTER TABLE offers DROP COLUMN points_revision")
