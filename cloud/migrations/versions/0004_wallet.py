"""Apple Wallet passes (issue 16): each business's pass certificate (its key sealed), the passes
handed out with their serial numbers, sealed authentication tokens and update tags, and the
phones registered for their updates.

Revision ID: 0004_wallet
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import cloud.types

revision = "0004_wallet"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "wallet_apple_configs",
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("pass_type_id", sa.String(length=200), nullable=False),
        sa.Column("team_id", sa.String(length=20), nullable=False),
        sa.Column("certificate_pem", sa.Text(), nullable=False),
        sa.Column("wwdr_pem", sa.Text(), nullable=False),
        sa.Column("private_key", sa.LargeBinary(), nullable=False),
        sa.Column("not_after", cloud.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", cloud.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name=op.f("fk_wallet_apple_configs_business_id_businesses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("business_id", name=op.f("pk_wallet_apple_configs")),
        sa.UniqueConstraint("pass_type_id", name=op.f("uq_wallet_apple_configs_pass_type_id")),
    )
    op.create_table(
        "wallet_passes",
        sa.Column("serial", sa.String(length=36), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("holder_kind", sa.String(length=16), nullable=False),
        sa.Column("holder_id", sa.String(length=64), nullable=False),
        sa.Column("auth_token", sa.LargeBinary(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("modified_at", cloud.types.UTCDateTime(), nullable=False),
        sa.Column("created_at", cloud.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name=op.f("fk_wallet_passes_business_id_businesses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("serial", name=op.f("pk_wallet_passes")),
        sa.UniqueConstraint("business_id", "holder_kind", "holder_id", name="uq_wallet_passes_holder"),
    )
    op.create_index(op.f("ix_wallet_passes_business_id"), "wallet_passes", ["business_id"], unique=False)
    op.create_table(
        "wallet_devices",
        sa.Column("id", sa.String(length=128), nullable=False),
        sa.Column("push_token", sa.String(length=200), nullable=False),
        sa.Column("updated_at", cloud.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wallet_devices")),
    )
    op.create_table(
        "wallet_registrations",
        sa.Column("device_id", sa.String(length=128), nullable=False),
        sa.Column("serial", sa.String(length=36), nullable=False),
        sa.Column("created_at", cloud.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"],
            ["wallet_devices.id"],
            name=op.f("fk_wallet_registrations_device_id_wallet_devices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["serial"],
            ["wallet_passes.serial"],
            name=op.f("fk_wallet_registrations_serial_wallet_passes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("device_id", "serial", name=op.f("pk_wallet_registrations")),
    )
    op.create_index(op.f("ix_wallet_registrations_serial"), "wallet_registrations", ["serial"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_wallet_registrations_serial"), table_name="wallet_registrations")
    op.drop_table("wallet_registrations")
    op.drop_table("wallet_devices")
    op.drop_index(op.f("ix_wallet_passes_business_id"), table_name="wallet_passes")
    op.drop_table("wallet_passes")
    op.drop_table("wallet_apple_configs")
