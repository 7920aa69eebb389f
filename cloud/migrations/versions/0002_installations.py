"""Clone detection and event body hashes (issue 12, items 2 and 4).

- events.body_hash: SHA-256 of the event's canonical body, so an id that comes back with a
  different body is told apart from a retry (NULL for events stored before: a retry of those
  stays `duplicate`).
- devices.credential_shared_at: when two installations were found behind one credential.
- device_installations: each installation (data folder) seen presenting a device's credential.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import cloud.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("body_hash", sa.String(length=64), nullable=True))
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("credential_shared_at", cloud.types.UTCDateTime(), nullable=True))
    op.create_table(
        "device_installations",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("installation_id", sa.String(length=36), nullable=False),
        sa.Column("first_seen", cloud.types.UTCDateTime(), nullable=False),
        sa.Column("last_seen", cloud.types.UTCDateTime(), nullable=False),
        sa.Column("last_sequence", sa.BigInteger(), nullable=True),
        sa.Column("ordinal", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"],
            ["devices.id"],
            name=op.f("fk_device_installations_device_id_devices"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("device_id", "installation_id", name=op.f("pk_device_installations")),
    )


def downgrade() -> None:
    op.drop_table("device_installations")
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.drop_column("credential_shared_at")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("body_hash")
