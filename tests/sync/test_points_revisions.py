"""A points offer edited at a paired kiosk while it is offline (in-process cloud, real SQLite on
both sides): each edit of the settings is the next revision and the sales recorded under it name
it; the next sync uploads every revision made here, oldest first, so each sale is checked by the
rate it was made at and none is refused. A sister till pulls the last revision."""

from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal

from kiosk.domain.model import Program, ProgramKind
from kiosk.services import customers
from kiosk.services.points import earn_points
from kiosk.store import directory, ledger, offer_uploads
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding

SETTINGS = PointsSettings(Decimal("1"), Rounding.DOWN, 0, (Reward("coffee", "Coffee", 50),))


def _round(kiosk, cloud):
    status = kiosk.engine(cloud.http).run_round()
    assert status.online, status
    assert status.rejected == 0, status
    return status


def _edit(kiosk, program_id: str, rate: str) -> None:
    with kiosk.store.transaction() as conn:
        program = directory.get_program(conn, program_id)
        directory.upsert_program(
            conn, replace(program, points=replace(SETTINGS, rate=Decimal(rate))), kiosk.clock()
        )
        offer_uploads.mark_for_upload(conn, program_id)


def test_edits_made_offline_each_reach_the_cloud_and_every_sale_is_accepted(cloud, make_kiosk):
    a = make_kiosk(cloud)
    program = Program(
        str(uuid.uuid4()),
        "Points",
        50,
        "Catalogue",
        kind=ProgramKind.POINTS,
        per_visit_limit=1,
        cooldown_seconds=0,
        points=SETTINGS,
    )
    with a.store.transaction() as conn:
        directory.upsert_program(conn, program, a.clock())
        offer_uploads.mark_for_upload(conn, program.id)
    out = customers.enroll(a.ctx, "Ana", program_ids=[program.id])
    ((card_id, _token),) = out.tokens.items()
    earned = [earn_points(a.ctx, card_id, 1000).points_added]  # revision 1: 1 per EUR
    _edit(a, program.id, "2")
    earned.append(earn_points(a.ctx, card_id, 1000).points_added)  # revision 2
    _edit(a, program.id, "3")
    earned.append(earn_points(a.ctx, card_id, 1000).points_added)  # revision 3
    assert earned == [10, 20, 30]
    with a.store.reading() as conn:
        assert [e.offer_revision for e in ledger.events_of_card(conn, card_id) if e.amount_minor] == [3, 2, 1]
    _round(a, cloud)  # the offer's three revisions, then the events: none refused
    _round(a, cloud)
    assert cloud.owner.card(card_id)["balance"]["units"] == 60
    offer = cloud.owner._ok(cloud.http.get(f"/api/v1/offers/{program.id}", headers=cloud.owner.headers))
    assert (offer["points"]["rate"], offer["points_revision"]) == ("3", 3)
    with a.store.reading() as conn:
        assert offer_uploads.earlier_revisions(conn, directory.get_program(conn, program.id)) == []
    b = make_kiosk(cloud)
    _round(b, cloud)
    with b.store.reading() as conn:
        pulled = directory.get_program(conn, program.id)
    assert (pulled.points.rate, pulled.points_revision) == (Decimal("3"), 3)
