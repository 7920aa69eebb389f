"""A/B tests of offers: the experiments table, pulled by kiosks like offers (issue 17).

Revision ID: 0014_experiments
Revises: 0013_plans
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cloud.types import UTCDateTime

revision = "0014_experiments"
down_revision = "0013_plans"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "experiments",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("arms", sa.Text(), nullable=False),
        sa.Column("metric", sa.String(32), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("horizon", sa.Integer(), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name=op.f("fk_experiments_business_id_businesses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_experiments")),
    )
    op.create_index("ix_experiments_business_seq", "experiments", ["business_id", "seq"])


def downgrade() -> None:
    op.drop_index("ix_experiments_business_seq", table_name="experiments")
    op.drop_table("experiments")
