"""Google Wallet (issue 16): each business's sealed service-account key and issuer id, the loyalty
object of each card handed to Google Wallet, and the notifications asked for per object (Google
shows at most 3 per pass in 24 hours).

Revision ID: 0009_gwallet
Revises: 0008_join
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cloud.types import UTCDateTime

revision = "0009_gwallet"
down_revision = "0008_join"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "wallet_google_configs",
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("issuer_id", sa.String(32), nullable=False),
        sa.Column("client_email", sa.String(320), nullable=False),
        sa.Column("key_id", sa.String(64), nullable=False),
        sa.Column("token_uri", sa.String(500), nullable=False),
        sa.Column("private_key", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name=op.f("fk_wallet_google_configs_business_id_businesses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("business_id", name=op.f("pk_wallet_google_configs")),
    )
    op.create_table(
        "wallet_google_objects",
        sa.Column("object_id", sa.String(200), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name=op.f("fk_wallet_google_objects_business_id_businesses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("object_id", name=op.f("pk_wallet_google_objects")),
        sa.UniqueConstraint("business_id", "card_id", name="uq_wallet_google_objects_card"),
    )
    op.create_index(op.f("ix_wallet_google_objects_business_id"), "wallet_google_objects", ["business_id"])
    op.create_table(
        "wallet_google_notices",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("object_id", sa.String(200), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["object_id"],
            ["wallet_google_objects.object_id"],
            name=op.f("fk_wallet_google_notices_object_id_wallet_google_objects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wallet_google_notices")),
    )
    op.create_index(op.f("ix_wallet_google_notices_object_id"), "wallet_google_notices", ["object_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_wallet_google_notices_object_id"), table_name="wallet_google_notices")
    op.drop_table("wallet_google_notices")
    op.drop_index(op.f("ix_wallet_google_objects_business_id"), table_name="wallet_google_objects")
    op.drop_table("wallet_google_objects")
    op.drop_table("wallet_google_configs")
