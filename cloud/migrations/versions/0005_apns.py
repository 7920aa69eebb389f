"""APNs token-auth keys (issue 16): each business's .p8 key, sealed, that signs pass update pushes.

Revision ID: 0005_apns
Revises: 0004_wallet
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import cloud.types

revision = "0005_apns"
down_revision = "0004_wallet"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "wallet_apns_keys",
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("key_id", sa.String(length=10), nullable=False),
        sa.Column("team_id", sa.String(length=10), nullable=False),
        sa.Column("private_key", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", cloud.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name=op.f("fk_wallet_apns_keys_business_id_businesses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("business_id", name=op.f("pk_wallet_apns_keys")),
    )


def downgrade() -> None:
    op.drop_table("wallet_apns_keys")
