"""The first ledger schema, frozen as it stood at this revision.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Timestamps are kiosk.store.schema.UTCDateTime, stored as sortable UTC text: String(26) here.


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("n", sa.Integer(), primary_key=True),
        sa.Column("at", sa.String(26), nullable=False),
        sa.Column("staff_id", sa.String(36), nullable=True),
        sa.Column("staff_name", sa.String(100), nullable=True),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
    )
    op.create_table(
        "customers",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("name_key", sa.String(100), nullable=False),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("phone", sa.String(20), nullable=True),
        sa.Column("marketing_consent", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(26), nullable=False),
        sa.Column("updated_at", sa.String(26), nullable=False),
    )
    op.create_index("ix_customers_email", "customers", ["email"])
    op.create_index("ix_customers_name_key", "customers", ["name_key"])
    op.create_index("ix_customers_phone", "customers", ["phone"])
    op.create_table(
        "locations",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
    )
    op.create_table(
        "programs",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("units_required", sa.Integer(), nullable=False),
        sa.Column("reward_text", sa.String(120), nullable=False),
        sa.Column("per_visit_limit", sa.Integer(), nullable=False),
        sa.Column("cooldown_seconds", sa.Integer(), nullable=False),
        sa.Column("undo_window_seconds", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.String(26), nullable=True),
        sa.Column("ends_at", sa.String(26), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("colour", sa.String(9), nullable=False),
        sa.Column("icon", sa.String(32), nullable=False),
        sa.Column("created_at", sa.String(26), nullable=False),
        sa.Column("updated_at", sa.String(26), nullable=False),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "signing_keys",
        sa.Column("business_id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("key_id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("public_key", sa.LargeBinary(32), nullable=False),
        sa.Column("private_key", sa.LargeBinary(32), nullable=True),
        sa.Column("revoked", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "staff",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("pin_hash", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.String(26), nullable=True),
        sa.Column("created_at", sa.String(26), nullable=False),
    )
    op.create_table(
        "cards",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("customer_id", sa.String(36), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("program_id", sa.String(36), sa.ForeignKey("programs.id"), nullable=False),
        sa.Column("key_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("lifetime", sa.Integer(), nullable=False),
        sa.Column("redemptions", sa.Integer(), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("last_earn_at", sa.String(26), nullable=True),
        sa.Column("created_at", sa.String(26), nullable=False),
    )
    op.create_index("ix_cards_customer", "cards", ["customer_id"])
    op.create_table(
        "events",
        sa.Column("n", sa.Integer(), primary_key=True),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("card_id", sa.Integer(), sa.ForeignKey("cards.id"), nullable=False),
        sa.Column("program_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("ref_event_id", sa.String(36), nullable=True),
        sa.Column("ref_kind", sa.String(16), nullable=True),
        sa.Column("occurred_at", sa.String(26), nullable=False),
        sa.Column("staff_id", sa.String(36), nullable=True),
        sa.Column("staff_name", sa.String(100), nullable=True),
        sa.Column("location_id", sa.String(36), nullable=True),
        sa.Column("device_id", sa.String(36), nullable=True),
        sa.Column("reason", sa.String(200), nullable=True),
        sa.Column("server_seq", sa.Integer(), nullable=True),
    )
    op.create_index("ix_events_card", "events", ["card_id", "n"])
    op.create_index("ix_events_ref", "events", ["ref_event_id"])
    op.create_table(
        "outbox",
        sa.Column("event_n", sa.Integer(), sa.ForeignKey("events.n"), primary_key=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(300), nullable=True),
    )
    op.create_index("ix_outbox_state", "outbox", ["state", "event_n"])


def downgrade() -> None:
    for name in [
        "outbox",
        "events",
        "cards",
        "staff",
        "signing_keys",
        "settings",
        "programs",
        "locations",
        "customers",
        "audit_log",
    ]:
        op.drop_table(name)
