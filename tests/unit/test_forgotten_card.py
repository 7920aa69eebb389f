"""A customer who forgot the card is found by any word of the name, in any accents, and by the
phone number in any form or by its last digits (issue 13)."""

from __future__ import annotations

import pytest

from kiosk.domain.model import Role
from kiosk.services import Actor

CASHIER = Actor("s1", "Cara", Role.CASHIER)


def _shop_in(demo, country: str) -> None:
    from kiosk.store import region  # imported here: the name tests run (and fail) on older code too

    with demo.services.ctx.store.transaction() as conn:
        region.set_phone_region(conn, country)


def _found(demo, query: str) -> set[str]:
    outcome = demo.services.lookup(query)
    assert outcome.ok, (query, outcome.refusal)
    return {m.customer.id for m in outcome.matches}


def test_any_word_of_the_name_finds_the_customer_without_accents(demo):
    ana = demo.services.enroll("Ana Jensen", actor=CASHIER).customer
    zoe = demo.services.enroll("Zoë Müller-Lüdenscheidt", actor=CASHIER).customer
    for query in ("Jensen", "jens", "JENSEN", "jensen ana", "Ana Jen", "ana"):
        assert ana.id in _found(demo, query), query
    for query in ("Müller-Lüdenscheidt", "muller", "Müller", "MÜL", "zoe", "Zoë Mül", "Lüdenscheidt"):
        assert zoe.id in _found(demo, query), query
    # every word typed must match: another Ana is not a Jensen
    assert ana.id not in _found(demo, "ana muller")
    assert zoe.id not in _found(demo, "jensen")


def test_a_phone_is_stored_in_one_international_form(demo):
    _shop_in(demo, "DE")
    outcome = demo.services.enroll("Ben Okafor", phone="0171 1234567", actor=CASHIER)
    assert outcome.ok, outcome.message
    assert outcome.customer.phone == "+491711234567"
    # the same number written the other way is the same person
    again = demo.services.enroll("Ben Twice", phone="+49 (171) 123-4567", actor=CASHIER)
    assert not again.ok
    assert "phone" in again.message


@pytest.mark.parametrize(
    "query", ["0171 1234567", "+49 171 1234567", "0049 171 1234567", "01711234567", "4567", "234567"]
)
def test_a_phone_is_found_in_any_form_and_by_its_last_digits(demo, query):
    _shop_in(demo, "DE")
    ben = demo.services.enroll("Ben Okafor", phone="+49 171 1234567", actor=CASHIER).customer
    assert ben.id in _found(demo, query)


def test_fewer_than_four_digits_or_other_endings_find_no_phone(demo):
    _shop_in(demo, "DE")
    ben = demo.services.enroll("Ben Okafor", phone="0171 1234567", actor=CASHIER).customer
    for query in ("567", "4568", "0171 1234568"):
        assert ben.id not in _found(demo, query), query


def test_the_shop_country_reads_national_numbers(demo):
    _shop_in(demo, "US")
    outcome = demo.services.enroll("Dev Rao", phone="(415) 555-2671", actor=CASHIER)
    assert outcome.customer.phone == "+14155552671"
    assert outcome.customer.id in _found(demo, "415-555-2671")
    assert outcome.customer.id in _found(demo, "2671")


def test_phone_rules():
    from kiosk.domain import phones

    assert phones.normalise_phone("0171 1234567", "DE") == "+491711234567"
    assert phones.normalise_phone("+44 20 7946 0958", "DE") == "+442079460958"
    for bad in ("call me", "12", "+49 1+2", "", "0171 12345678901234567"):
        assert phones.normalise_phone(bad, "DE") is None, bad
    assert phones.last_digits("+491711234567") == "4567"
    assert phones.last_digits(None) == ""
    assert phones.search_tail("ana", "DE") is None
    assert phones.search_tail("123", "DE") is None


def test_the_shop_country_is_guessed_from_locale_then_time_zone():
    from kiosk.domain import phones

    zones = {"Europe/Vienna": "AT", "America/Chicago": "US"}
    assert phones.region_of("de_CH.UTF-8", zones, "Europe/Vienna") == "CH"
    assert phones.region_of("C.UTF-8", zones, "Europe/Vienna") == "AT"
    assert phones.region_of(None, zones, "America/Chicago") == "US"
    assert phones.region_of("C", zones, "Etc/UTC") == phones.FALLBACK_REGION


MANAGER = Actor("m1", "Max", Role.MANAGER)


def test_a_manager_edits_contact_details_audited_and_found_by_the_new_name(demo):
    _shop_in(demo, "DE")
    ben = demo.services.enroll("Ben Okafor", phone="0171 1234567", actor=CASHIER).customer
    other = demo.services.enroll("Other Person", email="taken@example.com", actor=CASHIER).customer
    assert not demo.services.update_contact(
        ben.id, "Ben Okafor-Lindqvist", actor=CASHIER
    ).ok  # cashiers may not

    refused = demo.services.update_contact(ben.id, "", email="taken@example.com", phone="x", actor=MANAGER)
    assert {p.params["field"] for p in refused.problems} == {"Name", "Phone"}
    clash = demo.services.update_contact(ben.id, "Ben", email="taken@example.com", actor=MANAGER)
    assert [p.params["field"] for p in clash.problems] == ["Email"]

    done = demo.services.update_contact(
        ben.id, "Ben Okafor-Lindqvist", email="ben@example.com", phone="0171 1234567", actor=MANAGER
    )
    assert done.ok, done.message
    assert done.customer.phone == "+491711234567"  # keeping one's own number is no clash
    assert ben.id in _found(demo, "lindqvist")
    assert other.id not in _found(demo, "lindqvist")
    entry = next(e for e in demo.services.audit_list(actor=MANAGER) if e["action"] == "customer_changed")
    assert entry["detail"]["name"] == ["Ben Okafor", "Ben Okafor-Lindqvist"]
    assert entry["detail"]["email"] == [None, "ben@example.com"]
    assert "phone" not in entry["detail"]
    assert entry["staff_name"] == "Max"
