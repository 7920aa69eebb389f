"""Finding a customer who forgot the card: a word index of names and phones in one form.

Every word of every name goes into customer_words ("Jensen" finds "Ana Jensen"); phones are
rewritten in E.164 with the shop's country as default ('0171 1234567' -> '+491711234567') and
indexed by their digits last to first, so the last 4+ digits find a number. A phone that cannot
be read as a number is kept as it was: nothing a customer gave is lost.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from kiosk.domain.people import name_words
from kiosk.domain.phones import normalise_phone, phone_reversed
from kiosk.store.region import SETTING, detect_region

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_BATCH = 5_000


def upgrade() -> None:
    op.add_column("customers", sa.Column("phone_rev", sa.String(20), nullable=True))
    op.create_index("ix_customers_phone_rev", "customers", ["phone_rev"])
    op.create_table(
        "customer_words",
        sa.Column("word", sa.String(100), primary_key=True),
        sa.Column("customer_id", sa.String(36), primary_key=True),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_customer_words_customer", "customer_words", ["customer_id"])
    conn = op.get_bind()
    region = conn.execute(sa.text("SELECT value FROM settings WHERE key = :k"), {"k": SETTING}).scalar()
    if not region:
        # the guess is kept, so the numbers enrolled from now on are read the same way
        region = detect_region()
        conn.execute(
            sa.text("INSERT INTO settings (key, value) VALUES (:k, :v)"), {"k": SETTING, "v": region}
        )
    last = ""
    while True:
        rows = conn.execute(
            sa.text("SELECT id, name_key, phone FROM customers WHERE id > :last ORDER BY id LIMIT :n"),
            {"last": last, "n": _BATCH},
        ).all()
        if not rows:
            break
        last = rows[-1].id
        words = [{"w": w, "c": r.id} for r in rows for w in name_words(r.name_key)]
        if words:
            conn.execute(sa.text("INSERT OR IGNORE INTO customer_words VALUES (:w, :c)"), words)
        phones = []
        for r in rows:
            if r.phone:
                phone = normalise_phone(r.phone, region) or r.phone
                phones.append({"id": r.id, "p": phone, "r": phone_reversed(phone)})
        if phones:
            conn.execute(sa.text("UPDATE customers SET phone = :p, phone_rev = :r WHERE id = :id"), phones)


def downgrade() -> None:
    op.drop_index("ix_customer_words_customer", table_name="customer_words")
    op.drop_table("customer_words")
    op.drop_index("ix_customers_phone_rev", table_name="customers")
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("phone_rev")
