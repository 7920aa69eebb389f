"""A user's email is unique per business, not across the cloud (issue 12, item 12).

An owner adding a manager whose email signs in to another business got a conflict that told
her so. Now (business_id, email) is unique and sign-in tells the accounts apart by password;
an index on email keeps sign-in's lookup fast.

Downgrade restores the cloud-wide unique email; it refuses, saying how many emails are
concerned and changing nothing, while an email has accounts in several businesses.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint("uq_users_email", type_="unique")
        batch_op.create_unique_constraint("uq_users_business_id_email", ["business_id", "email"])
        batch_op.create_index("ix_users_email", ["email"], unique=False)


def downgrade() -> None:
    shared = (
        op.get_bind()
        .execute(
            sa.text("SELECT COUNT(*) FROM (SELECT email FROM users GROUP BY email HAVING COUNT(*) > 1) AS s")
        )
        .scalar_one()
    )
    if shared:
        raise RuntimeError(
            f"cannot downgrade below 0003: {shared} email(s) sign in to "
            "several businesses, and the older schema allows one account per email; change those "
            "users' emails first"
        )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index("ix_users_email")
        batch_op.drop_constraint("uq_users_business_id_email", type_="unique")
        batch_op.create_unique_constraint("uq_users_email", ["email"])
