"""A business's time zone: the cloud's analytics count the shop's local days, as the kiosk's
reports do (issue 14, one rules package).

Every business starts in UTC, the zone its days were counted in until now, so no stored day
changes; setting a zone (PATCH /businesses/me) recounts that business's days.

Revision ID: 0006_rules
Revises: 0005_apns
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_rules"
down_revision = "0005_apns"
branch_labels = None
depends_on = None


# Plain ALTER TABLE on both engines, never a batch copy of the table: on SQLite a batch operation
# drops and recreates `businesses`, and with foreign keys on, dropping it would cascade to every
# row of every business (users, offers, events...).


def upgrade() -> None:
    op.add_column("businesses", sa.Column("time_zone", sa.String(64), nullable=False, server_default="UTC"))


def downgrade() -> None:
    # the days stay counted in the zone last set; the older schema cannot say which one that was
    op.execute("ALTER TABLE businesses DROP COLUMN time_zone")
