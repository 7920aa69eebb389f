"""The customer's join page and card page (issue 16): short join links, each join's consent and
referral code, the secret links to card pages (hashed), and the business's page language.

Revision ID: 0008_join
Revises: 0007_merge
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cloud.types import UTCDateTime

revision = "0008_join"
down_revision = "0007_merge"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE, never a batch copy of `businesses` (see 0006_rules)
    op.add_column("businesses", sa.Column("language", sa.String(8), nullable=True))
    op.create_table(
        "join_links",
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.String(36), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name=op.f("fk_join_links_business_id_businesses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["locations.id"],
            name=op.f("fk_join_links_location_id_locations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_join_links")),
    )
    op.create_index(op.f("ix_join_links_business_id"), "join_links", ["business_id"])
    op.create_table(
        "member_joins",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.String(36), nullable=False),
        sa.Column("card_id", sa.BigInteger(), nullable=False),
        sa.Column("join_code", sa.String(16), nullable=False),
        sa.Column("location_id", sa.String(36), nullable=True),
        sa.Column("consent_version", sa.String(32), nullable=False),
        sa.Column("consented_at", UTCDateTime(), nullable=False),
        sa.Column("referral_code", sa.String(64), nullable=True),
        sa.Column("existing_member", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name=op.f("fk_member_joins_business_id_businesses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_joins")),
    )
    op.create_index(op.f("ix_member_joins_business_id"), "member_joins", ["business_id"])
    op.create_table(
        "card_links",
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name=op.f("fk_card_links_business_id_businesses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("secret_hash", name=op.f("pk_card_links")),
    )
    op.create_index(op.f("ix_card_links_business_id"), "card_links", ["business_id"])


def downgrade() -> None:
    op.drop_table("card_links")
    op.drop_table("member_joins")
    op.drop_table("join_links")
    op.execute("ALTER TABLE businesses DROP COLUMN language")
