"""Issue 14's merge story end to end, against the real cloud: Ada signed up twice (two members,
one person). While both tills are offline, till A merges the older sign-up into the newer one and
till B the newer into the older, and each stamps one of her codes. After their sync rounds both
tills and the cloud agree: one member (the earliest-created), every code hers, the same cards and
the same summed balances everywhere, every stamp counted once."""

from __future__ import annotations

from kiosk.domain.model import Role
from kiosk.services import Actor, counter, customers, merging
from kiosk.store import directory, ledger
from tests.sync.harness import OwnerApi

MANAGER = Actor(None, "Max", Role.MANAGER)


def _enroll(kiosk, cloud, name: str) -> tuple[str, str]:
    out = customers.enroll(kiosk.ctx, name, program_ids=[cloud.offer_id])
    assert out.ok, out.message
    ((_, code),) = out.tokens.items()
    return out.customer.id, code


def _stamp(kiosk, code: str, visits: int) -> None:
    for _ in range(visits):  # one stamp a visit
        kiosk.clock.advance(seconds=3600)  # past the offer's cooldown
        done = counter.record_scan(kiosk.ctx, code)
        assert done.ok, done.message


def _round(kiosk, cloud) -> None:
    status = kiosk.engine(cloud.http).run_round()
    assert (status.online, status.rejected, status.pending) == (True, 0, 0), status


def _what_the_till_shows(kiosk, code: str) -> tuple[str, list[tuple[int, int, int]]]:
    """The member a code shows, and her accounts (units, lifetime, visits)."""
    seen = customers.inspect(kiosk.ctx, code)
    assert seen.ok, seen.message
    accounts = sorted(
        (v.card.balance.units, v.card.balance.lifetime, v.card.balance.visits) for v in seen.customer_cards
    )
    return seen.card.customer.id, accounts


def _members(kiosk, *ids: str) -> dict[str, str | None]:
    with kiosk.store.reading() as conn:
        return {i: directory.get_customer(conn, i).merged_into for i in ids}


def _owners(kiosk) -> dict[int, str]:
    with kiosk.store.reading() as conn:
        return {
            c.id: c.customer_id
            for i in directory.search_customers(conn, "Lovelace")
            for c in ledger.cards_of_customer(conn, i.id)
        }


def test_a_merge_made_both_ways_on_two_offline_tills_converges_after_sync(cloud, make_kiosk):
    a, b = make_kiosk(cloud), make_kiosk(cloud)
    ada, ada_code = _enroll(a, cloud, "Ada Lovelace")
    a.clock.advance(seconds=3600)
    again, again_code = _enroll(b, cloud, "Ada K. Lovelace")  # the same person, an hour later
    _stamp(a, ada_code, 3)
    _stamp(b, again_code, 4)
    for kiosk in (a, b, a):
        _round(kiosk, cloud)

    # both tills go offline; each manager merges, each the other way round, and each till stamps
    on_a = merging.merge_members(a.ctx, again, ada, actor=MANAGER)
    on_b = merging.merge_members(b.ctx, ada, again, actor=MANAGER)
    assert on_a.ok, on_a.message
    assert on_b.ok, on_b.message
    assert [(c.combined.units, c.combined.lifetime) for c in on_a.combined] == [(7, 7)]
    assert _what_the_till_shows(a, ada_code) == (again, [(7, 7, 7)])  # till A's own choice, for now
    _stamp(a, ada_code, 1)
    _stamp(b, again_code, 2)

    for kiosk in (a, b, a):  # A, then B, then A again (A hears what B pushed)
        _round(kiosk, cloud)

    # one member everywhere: the earliest-created, whatever each till chose; 3 + 4 + 1 + 2 stamps
    for kiosk in (a, b):
        for code in (ada_code, again_code):
            assert _what_the_till_shows(kiosk, code) == (ada, [(10, 10, 10)])
        assert _members(kiosk, ada, again) == {ada: None, again: ada}
    assert _owners(a) == _owners(b)
    assert set(_owners(a).values()) == {ada}
    # the cloud holds the same: her two cards, whose balances add up to what the tills show
    owner = OwnerApi(cloud.http, cloud.owner_email)  # signed in again: the day's clock moved on
    cards = owner._ok(cloud.http.get("/api/v1/cards", params={"customer_id": ada}, headers=owner.headers))
    assert sorted(c["id"] for c in cards) == sorted(_owners(a))
    assert sum(c["balance"]["units"] for c in cards) == 10
    assert sum(c["balance"]["lifetime"] for c in cards) == 10
    # and each till's cached balance per card is the cloud's
    for kiosk in (a, b):
        for c in cards:
            assert kiosk.card(c["id"]).balance.units == c["balance"]["units"]
