"""The first ledger schema.

Revision ID: 0001
Revises:
"""

from alembic import op

from kiosk.store.schema import metadata

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# A frozen copy of the tables as of this revision would be needed once schema.py moves on;
# until a second revision exists, the first one creates exactly what schema.py declares.


def upgrade() -> None:
    metadata.create_all(op.get_bind())


def downgrade() -> None:
    metadata.drop_all(op.get_bind())
