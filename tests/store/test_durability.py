"""A stamp reported done survives the process being killed right after (SIGKILL)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

from tests.helpers import open_kiosk

CHILD = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from kiosk.services import Context, Services
    from kiosk.store import open_store
    from kiosk.services.context import utc_now
    services = Services(Context(open_store(Path(sys.argv[1]), now=utc_now())))
    token = sys.argv[2]
    for line in sys.stdin:
        outcome = services.record_scan(token, quantity=1)
        print(json.dumps({"ok": outcome.ok, "event": outcome.event.id if outcome.event else None,
                          "units": outcome.card.card.balance.units if outcome.card else None}), flush=True)
    """
)


def test_sigkill_after_reported_stamp_loses_nothing(tmp_path, clock):
    from dataclasses import replace

    from kiosk.domain.model import Role
    from kiosk.services import Actor
    from kiosk.services.demo import create_demo_shop

    data = tmp_path / "kiosk"
    k = open_kiosk(data, clock)
    shop = create_demo_shop(k.ctx, customers_count=2)
    token = next(iter(shop.tokens.values()))
    # no cooldown so the child can stamp repeatedly
    program = k.services.inspect(token).card.program
    owner = Actor(None, "test", Role.OWNER)
    from kiosk.domain.offers import OfferDraft

    draft = OfferDraft(
        name=program.name,
        units_required=program.units_required,
        reward_text=program.reward_text,
        per_visit_limit=5,
        cooldown_seconds=0,
    )
    assert k.services.save_offer(replace(draft), actor=owner, program_id=program.id).ok
    k.close()

    reported = []
    for _ in range(5):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(data), token],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=os.environ
            | {"PYTHONPATH": os.pathsep.join(filter(None, (os.getcwd(), os.environ.get("PYTHONPATH"))))},
        )
        child.stdin.write("stamp\n")
        child.stdin.flush()
        line = child.stdout.readline()
        # killed the instant the stamp was reported, before any orderly close
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        result = json.loads(line)
        assert result["ok"]
        reported.append(result)

    k = open_kiosk(data, clock)
    try:
        card = k.services.inspect(token).card.card
        history = k.services.card_history(token).events
        assert {r["event"] for r in reported} <= {e.id for e in history}
        assert card.balance.units == reported[-1]["units"] == 5
    finally:
        k.close()
