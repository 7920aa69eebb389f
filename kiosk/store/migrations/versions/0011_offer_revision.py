"""Points settings revisions (issue 15): a program's points settings carry the revision they are
(the cloud's number, or this kiosk's edit of it), and each points earn and redemption records the
revision it was computed under, so that the cloud checks an earn made offline at the old rate by
that rate. A points program from before is revision 1, as the cloud's migration makes it; its
events from before record none (the cloud checks them by the settings it has now, as before).

Revision ID: 0011_offer_revision
Revises: 0010_experiments
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_offer_revision"
down_revision = "0010_experiments"
branch_labels = None
depends_on = None


# Plain ALTER TABLE, never a batch copy: `programs` and `events` are referenced by foreign keys.


def upgrade() -> None:
    op.add_column("programs", sa.Column("points_revision", sa.Integer, nullable=False, server_default="0"))
    op.add_column("events", sa.Column("offer_revision", sa.Integer, nullable=True))
    op.execute("UPDATE programs SET points_revision = 1 WHERE points_settings IS NOT NULL")
    op.create_table(
        "points_revisions",
        sa.Column("program_id", sa.String(36), sa.ForeignKey("programs.id"), primary_key=True),
        sa.Column("revision", sa.Integer, primary_key=True),
        sa.Column("points_settings", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("points_revisions")
    op.execute("ALTER TABLE events DROP COLUMN offer_revision")
    op.execute("ALTER TABLE programs DROP COLUMN points_revision")
