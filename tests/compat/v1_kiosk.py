"""Run by tests/compat/test_v1_kiosk_merges.py in a subprocess whose import path starts with the
code of d983ead (a version-1 kiosk, before member merges): applies the pull pages a test saved
with that kiosk's own code, then says what its searches show, as JSON on stdout.

    python -m tests.compat.v1_kiosk DATA_DIR PAGES_JSON BUSINESS_ID QUERY...

Only this file is today's; everything it imports is d983ead's (the test checks kiosk.__file__)."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path


def main(argv: list[str]) -> dict:
    import kiosk
    from kiosk.services import Context, Services
    from kiosk.store import open_store, sync_repo
    from kiosk.sync import wire

    data_dir, pages, business_id, queries = Path(argv[0]), Path(argv[1]), int(argv[2]), argv[3:]
    now = datetime.now(UTC)
    store = open_store(data_dir, now=now)
    try:
        for body in json.loads(pages.read_text()):
            answer = wire.parse_pull(body, business_id)
            with store.transaction() as conn:
                sync_repo.apply_page(
                    conn, answer.page, business_id=business_id, cursor=answer.cursor, now=now
                )
        services = Services(Context(store))
        shown = {}
        for query in queries:
            found = services.lookup(query)
            shown[query] = [
                {
                    "id": m.customer.id,
                    "name": m.customer.name,
                    "cards": sorted([v.card.id, v.card.balance.units, v.program.name] for v in m.cards),
                }
                for m in found.matches
            ]
        return {"kiosk_code": kiosk.__file__, "shown": shown}
    finally:
        store.close()


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])))
