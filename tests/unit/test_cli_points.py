"""The points commands as a script or POS runs them (a subprocess, JSON out, exit status):
`scan CODE --amount 12.50` adds a sale's points, `redeem CODE --reward ID` gives a catalogue
reward; a bad amount or an unaffordable reward exits 2 and records nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from kiosk.domain.model import ProgramKind, Role
from kiosk.domain.offers import OfferDraft
from kiosk.services import Actor, Services
from kiosk.services.context import Context
from kiosk.store import open_store
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding
from tests.unit.test_cli import kiosk

BAKERY = OfferDraft(
    name="Bakery points",
    units_required=50,
    reward_text="a reward from the catalogue",
    per_visit_limit=1,
    kind=ProgramKind.POINTS,
    points=PointsSettings(
        Decimal(1), Rounding.HALF_UP, 500, (Reward("coffee", "Coffee", 50), Reward("lunch", "Lunch", 120))
    ),
)


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    """The demo shop made by the command, its points offer given a minimum spend of 5.00 by its
    manager's use case (the demo's earns from any amount)."""
    data = tmp_path_factory.mktemp("points-shop")
    assert json.loads(kiosk("demo", data_dir=data).stdout)["ok"]
    token = (data / "demo-qr").glob("*.txt").__next__().read_text().splitlines()[3]
    store = open_store(data, now=datetime.now(UTC))
    try:
        services = Services(Context(store))
        (demo_points,) = [p for p in services.list_offers() if p.points is not None]
        saved = services.save_offer(BAKERY, actor=Actor("m", "Max", Role.MANAGER), program_id=demo_points.id)
        assert saved.ok, saved.message
    finally:
        store.close()
    return data, token, saved.program.id


def test_the_demo_command_offers_points_per_spend_and_enrols_nobody_in_it(tmp_path):
    assert json.loads(kiosk("demo", data_dir=tmp_path).stdout)["ok"]
    store = open_store(tmp_path, now=datetime.now(UTC))
    try:
        offers = Services(Context(store)).list_offers()
    finally:
        store.close()
    assert [(p.name, p.kind) for p in offers if p.points is not None] == [
        ("Bakery points", ProgramKind.POINTS)
    ]
    # every demo QR code is a stamp card: a scan without an amount stamps, as before; a member
    # joins the points offer at her first sale
    cards = [f.read_text() for f in (tmp_path / "demo-qr").glob("*.txt")]
    assert len(cards) >= 36
    assert not any("Bakery points" in text for text in cards)


def test_a_sale_amount_adds_its_points_and_a_reward_spends_them(shop):
    data, token, _offer = shop
    sale = kiosk("scan", token, "--amount", "130.00", data_dir=data)
    assert sale.returncode == 0, sale.stdout
    out = json.loads(sale.stdout)
    assert (out["ok"], out["points_added"], out["points"], out["amount_minor"]) == (True, 130, 130, 13000)
    assert [r["id"] for r in out["affordable"]] == ["coffee", "lunch"]
    assert out["card"]["offer"]["name"] == "Bakery points"
    # the card names its unit: a points balance is never called stamps
    points_card = out["card"]
    assert (points_card["unit"], points_card["points"], points_card["balance"]) == ("points", 130, 130)
    assert (points_card["offer"]["kind"], points_card["lifetime_points"]) == ("points", 130)
    assert "stamps" not in points_card
    assert "stamps_required" not in points_card["offer"]
    stamp_card = json.loads(kiosk("card", token, data_dir=data).stdout)["card"]
    assert (stamp_card["unit"], stamp_card["offer"]["kind"]) == ("stamps", "stamps")
    assert stamp_card["stamps"] == stamp_card["balance"]
    assert "points" not in stamp_card

    given = kiosk("redeem", token, "--reward", "lunch", data_dir=data)
    assert given.returncode == 0, given.stdout
    out = json.loads(given.stdout)
    assert (out["reward"]["id"], out["points"], out["affordable"]) == ("lunch", 10, [])
    assert out["event"]["units"] == -120

    short = kiosk("redeem", token, "--reward", "coffee", data_dir=data)
    assert short.returncode == 2
    assert json.loads(short.stdout)["points"] == 10  # refused: nothing spent


@pytest.mark.parametrize("amount", ["12,50", "twelve", "-3", "1.234", "4.99", "0"])
def test_a_bad_or_too_small_amount_exits_2_and_records_nothing(shop, amount):
    data, token, offer = shop
    card = json.loads(kiosk("card", token, data_dir=data).stdout)["card"]
    refused = kiosk("scan", token, "--amount", amount, "--program", offer, data_dir=data)
    assert refused.returncode == 2, refused.stdout
    out = json.loads(refused.stdout)
    assert out["ok"] is False
    assert out["refused"]["reason"] == "invalid_input"
    assert out["refused"]["message"].startswith("amount: ")
    assert json.loads(kiosk("card", token, data_dir=data).stdout)["card"] == card  # her stamp card too
