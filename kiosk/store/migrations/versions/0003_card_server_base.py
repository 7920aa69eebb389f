"""The cloud's balance of each card as last pulled, so a recompute from events is exact on a
paired kiosk too (cached balance = server base + the events the cloud had not counted).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_COLUMNS = ("base_units", "base_lifetime", "base_redemptions", "base_visits", "base_seq")


def upgrade() -> None:
    with op.batch_alter_table("cards") as batch:
        for name in _COLUMNS:
            batch.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default="0"))
    # Base 0 at seq 0 means "every local event is on top", exact for a standalone kiosk. No
    # paired kiosk ran 0002 before this shipped; one that did is made exact by its next pull,
    # which writes the cloud's numbers as the base and recomputes the cache from them.


def downgrade() -> None:
    with op.batch_alter_table("cards") as batch:
        for name in _COLUMNS:
            batch.drop_column(name)
