"""Sign-in hints per person: how many digits the PIN has (the pad submits itself at that length)
and when the person last signed in at this kiosk (the pad preselects the last one).

Revision ID: 0007
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff") as batch:
        # NULL until the PIN is next set or typed right: until then the person presses OK
        batch.add_column(sa.Column("pin_length", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("last_signed_in_at", sa.String(26), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("staff") as batch:
        batch.drop_column("last_signed_in_at")
        batch.drop_column("pin_length")
