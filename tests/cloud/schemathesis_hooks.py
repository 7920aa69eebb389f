"""Loaded by the schemathesis command (SCHEMATHESIS_HOOKS) in test_schemathesis.py: teaches it
the formats the cloud's OpenAPI document names beyond JSON Schema's own."""

from __future__ import annotations

import base64
import os

import schemathesis
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import strategies as st

import cardtoken


def _public_key(seed: bytes) -> str:
    raw = cardtoken.public_key_bytes(Ed25519PrivateKey.from_private_bytes(seed))
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


# a real key from 32 drawn bytes: deterministic under a seed, and always a point of large order
schemathesis.openapi.format("ed25519-public-key", st.binary(min_size=32, max_size=32).map(_public_key))


# A card is issued for an offer: random ids never name one, so positive cases name the offer the
# test made (schemathesis' own advice: supply the identifiers the API needs). With it the stateful
# phase walks customer -> card -> the card's reads, flag and revocation.
@schemathesis.hook.apply_to(method="POST", path="/api/v1/customers/{customer_id}/cards")
def map_case(context, case):
    offer = os.environ.get("LOYALTY_SCHEMATHESIS_OFFER_ID")
    positive = case.meta is None or case.meta.generation.mode.is_positive
    if offer and positive and isinstance(case.body, dict) and "program_id" in case.body:
        case.body = {**case.body, "program_id": offer}
    return case


# The schema publishes the widest bounds of every kind (loyalty_rules.kinds.widest) and each kind
# narrows them (a stamp card needs 2 to 50 stamps), and an offer's window compares two fields: a
# schema can say neither. Positive cases are drawn inside what the kind and the window allow, so
# "schema-valid but refused" still finds a real gap; negative cases go through untouched.
_OFFER_OPERATIONS = {
    ("POST", "/api/v1/offers"),
    ("PATCH", "/api/v1/offers/{offer_id}"),
    ("PUT", "/api/v1/sync/offers"),
}


def _within(value, low, high):
    # JSON's 180.0 is an integer to the schema (and to the cloud): clamp it like 180
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    return type(value)(min(max(value, low), high))


def _fit_offer(offer: dict, *, patch: bool = False) -> dict:
    from loyalty_rules.kinds import rules_for
    from loyalty_rules.model import ProgramKind

    kind = ProgramKind(offer.get("kind", "stamps")) if offer.get("kind") in ("stamps", "points") else None
    offer = dict(offer)
    if kind is not None or "kind" not in offer:
        rules = rules_for(kind or ProgramKind.STAMPS)
        if "stamps_required" in offer:
            offer["stamps_required"] = _within(offer["stamps_required"], *rules.units_range)
        if "per_visit_limit" in offer:
            offer["per_visit_limit"] = _within(offer["per_visit_limit"], *rules.per_visit_range)
        if patch and "kind" not in offer:
            # a PATCH keeps the offer's kind, which may be points: one sale a visit, and the count
            # its catalogue's cheapest cost, so neither is drawn (the schema cannot tie them)
            offer.pop("stamps_required", None)
            if "per_visit_limit" in offer:
                offer["per_visit_limit"] = 1
        if kind is not ProgramKind.POINTS:
            offer.pop("points", None)  # a stamp card has no points settings
        else:  # a points offer is refused without a sensible catalogue
            cost = offer.get("stamps_required", 50)
            offer["points"] = {
                "rate": "1",
                "rounding": "down",
                "minimum_spend_minor": 0,
                "minor_per_unit": 100,
                "catalogue": [{"id": "coffee", "name": "Coffee", "cost": cost}],
            }
            offer.setdefault("points_revision", 1)
    if offer.get("starts_at") and offer.get("ends_at") and offer["ends_at"] <= offer["starts_at"]:
        offer["ends_at"] = None
    return offer


_OFFER_BY_ID = "/api/v1/offers/{offer_id}"
_EXPERIMENTS = ("POST", "/api/v1/experiments")


def _distinct_arms(body: dict) -> dict:
    """An experiment tests offers of the business, each once: the schema can say neither (the
    arms may differ in weight only), so a positive case names the test's offer, keeps each
    offer's first arm, and adds a control arm when that leaves one."""
    if isinstance(body.get("name"), str) and not body["name"].strip():
        body = {**body, "name": "A/B test"}  # a name of spaces alone names nothing: refused, rightly
    arms = body.get("arms")
    if not isinstance(arms, list):
        return body
    offer = os.environ.get("LOYALTY_SCHEMATHESIS_OFFER_ID")
    if offer:  # random ids name no offer of the business: the one the test made stands in
        arms = [{**a, "offer_id": offer} if isinstance(a, dict) and a.get("offer_id") else a for a in arms]
    seen, kept = set(), []
    for arm in arms:
        key = arm.get("offer_id") if isinstance(arm, dict) else id(arm)
        if key not in seen:
            seen.add(key)
            kept.append(arm)
    if len(kept) == 1:  # a test needs two groups: a control beside an offer, or the offer beside one
        only = kept[0] if isinstance(kept[0], dict) else {}
        if only.get("offer_id") is not None:
            kept.append({**only, "offer_id": None})
        elif offer:
            kept.append({**only, "offer_id": offer})
    return {**body, "arms": kept}


_HAPPY_HOURS = {("POST", "/api/v1/happy-hours"), ("PUT", "/api/v1/happy-hours/{hour_id}")}
_HAPPY_HOURS_UPLOAD = ("PUT", "/api/v1/sync/happy-hours")


def _fit_happy_hour(hour: dict) -> dict:
    """A happy hour the shared rules accept (loyalty_rules.happy_hours.problems): a name, its
    boost's range, one day and time (two drawn ones may overlap: a rule across fields), and the
    test's offer (random ids name none of the business)."""
    from loyalty_rules.happy_hours import BONUS_RANGE, MULTIPLIER_RANGE

    hour = dict(hour)
    if not isinstance(hour.get("name"), str) or not hour["name"].strip():
        hour["name"] = "Happy hour"
    # inside both boosts' ranges: a stateful step may keep the amount and draw another boost
    low, high = max(MULTIPLIER_RANGE[0], BONUS_RANGE[0]), min(MULTIPLIER_RANGE[1], BONUS_RANGE[1])
    hour["amount"] = _within(hour.get("amount", low), low, high)
    drawn = hour.get("windows") or []
    windows = [w for w in drawn if isinstance(w, dict) and w.get("starts") != w.get("ends")]
    hour["windows"] = windows[:1] or [{"weekday": 4, "starts": "17:00", "ends": "19:00"}]
    offer = os.environ.get("LOYALTY_SCHEMATHESIS_OFFER_ID")
    if offer:
        hour["programs"] = [offer]
    return hour


# These analytics refuse a start after the end (default: the shop's today, UTC for the test's
# shop) with a 422, which a schema cannot say: positive cases get their days in order.
_DAY_RANGES = {
    ("GET", "/api/v1/analytics/tiers"),
    ("GET", "/api/v1/analytics/happy-hours"),
    ("GET", "/api/v1/analytics/revenue"),
}


def _ordered_days(query: dict) -> dict:
    from datetime import UTC, datetime

    start, end = query.get("start"), query.get("end")
    if not isinstance(start, str) or (end is not None and not isinstance(end, str)):
        return query
    if end is None:
        today = datetime.now(UTC).date().isoformat()
        return {**query, "end": start} if start > today else query
    return {**query, "start": end, "end": start} if start > end else query


@schemathesis.hook("map_case")
def fit_offer_cases(context, case):
    """Positive cases only (a negative case must stay invalid): offer bodies inside their kind's
    limits, and an offer id where a link read one from an arm that has none (a control arm's
    null `offer_id`, which the dependency analysis turns into the text "None")."""
    positive = case.meta is None or case.meta.generation.mode.is_positive
    if not positive:
        return case
    operation = (case.operation.method.upper(), case.operation.path)
    if operation in _OFFER_OPERATIONS and isinstance(case.body, dict):
        body = case.body
        if isinstance(body.get("offers"), list):
            case.body = {
                **body,
                "offers": [_fit_offer(o) if isinstance(o, dict) else o for o in body["offers"]],
            }
        else:
            case.body = _fit_offer(body, patch=operation[0] == "PATCH")
    if operation == _EXPERIMENTS and isinstance(case.body, dict):
        case.body = _distinct_arms(case.body)
    if operation in _HAPPY_HOURS and isinstance(case.body, dict):
        case.body = _fit_happy_hour(case.body)
    if operation == _HAPPY_HOURS_UPLOAD and isinstance(case.body, dict):
        hours = case.body.get("happy_hours")
        if isinstance(hours, list):
            fitted = [_fit_happy_hour(h) if isinstance(h, dict) else h for h in hours]
            case.body = {**case.body, "happy_hours": fitted}
    if operation in _DAY_RANGES and isinstance(case.query, dict):
        case.query = _ordered_days(case.query)
    offer = os.environ.get("LOYALTY_SCHEMATHESIS_OFFER_ID")
    params = case.path_parameters or {}
    if case.operation.path == _OFFER_BY_ID and offer and str(params.get("offer_id")) in ("None", "null"):
        case.path_parameters = {**params, "offer_id": offer}
    return case
