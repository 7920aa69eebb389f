"""The cloud's analytics for this kiosk's shop (GET /api/v1/devices/me/analytics, with the device
credential), read into the same values the kiosk counts itself (kiosk/domain/insights.py), so the
Analytics screen draws either with the same code. Runs on a sync thread, never the UI's; every
failure comes back as a CloudRead saying why, never as an exception."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta, tzinfo
from itertools import takewhile
from typing import Any

import httpx

from kiosk.domain.analytics import Analytics, Cohort, DayFigures, OfferFigures, WeekFigures
from kiosk.domain.insights import (
    Churn,
    ChurnState,
    CloudProblem,
    CloudRead,
    ExperimentReport,
    Insights,
    MemberOutlook,
    Source,
    segment_counts,
)
from kiosk.store import Store, meta
from kiosk.sync.client import CloudClient, Refused, SyncError, Transient, Unauthorised
from kiosk.sync.credentials import CredentialError, CredentialStore
from kiosk.sync.wire import WireError
from loyalty_rules.ab_stats import Comparison, Estimate
from loyalty_rules.experiment_results import ArmResult, Results
from loyalty_rules.experiments import Metric
from loyalty_rules.rfm import Segment

log = logging.getLogger(__name__)

ANALYTICS_PATH = "/api/v1/devices/me/analytics"
# a screen is waiting: give up sooner than a sync round would, and show the kiosk's own figures
TIMEOUT = httpx.Timeout(connect=4.0, read=15.0, write=10.0, pool=4.0)


def _day(text: Any) -> date:
    if not isinstance(text, str):
        raise WireError(f"not a day: {text!r}")
    return date.fromisoformat(text)


def _known(value: Any) -> bool:
    return value is not None


def _analytics(body: dict, zone: tzinfo, as_of: datetime) -> Analytics:
    first, last = _day(body["start"]), _day(body["end"])
    if last < first:
        raise WireError("the analytics end before they start")
    by_day = {_day(d["day"]): d for d in body["days"]}
    days = []
    for i in range((last - first).days + 1):
        day = first + timedelta(days=i)
        d = by_day.get(day, {})
        days.append(
            DayFigures(day, int(d.get("visits", 0)), int(d.get("stamps", 0)), int(d.get("redemptions", 0)))
        )
    cohorts = tuple(
        # null: a month not come yet, which the kiosk's own Cohort leaves off
        Cohort(
            _day(c["month"] + "-01"), int(c["size"]), tuple(int(a) for a in takewhile(_known, c["active"]))
        )
        for c in body["cohorts"]
    )
    return Analytics(
        start=datetime.combine(first, time(0), tzinfo=zone),
        end=as_of,
        days=tuple(days),
        weeks=tuple(WeekFigures(_day(w["period"]), int(w["new_members"])) for w in body["weeks"]),
        offers=tuple(
            OfferFigures(
                str(o["id"] or ""),
                str(o["name"] or "—"),
                int(o["visits"]),
                int(o["stamps"]),
                int(o["redemptions"]),
            )
            for o in body["offers"]
        ),
        cohorts=cohorts,
    )


def _churn(body: dict) -> Churn:
    members = tuple(
        MemberOutlook(
            str(m["member_id"]),
            str(m["name"]),
            int(m["visit_days"]),
            float(m["probability_alive"]),
            float(m["expected_visits"]),
            None if m.get("expected_spend") is None else float(m["expected_spend"]),
        )
        for m in body.get("outlook") or ()
    )
    return Churn(ChurnState(body["status"]), str(body.get("message") or ""), int(body["weeks"]), members)


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _arm(a: dict, confidence: float) -> ArmResult:
    effect, value, low = _number(a.get("effect")), _number(a.get("value")), _number(a.get("value_low"))
    return ArmResult(
        offer_id=None if a["offer_id"] is None else str(a["offer_id"]),
        entered=int(a["entered"]),
        complete=int(a["complete"]),
        value=value,
        off_arm=int(a["off_arm"]),
        comparison=None
        if effect is None
        else Comparison(effect, float(a["ci_low"]), float(a["ci_high"]), float(a["p_value"]), confidence),
        estimate=None if value is None or low is None else Estimate(value, low, float(a["value_high"])),
    )


def _experiment(e: dict) -> ExperimentReport:
    ready = e["status"] == "ready"
    arms = tuple(_arm(a, 0.95) for a in e["arms"])
    names = e.get("arm_names") or [None] * len(arms)
    if len(names) != len(arms):
        raise WireError("an A/B test's arm names do not match its arms")
    winner = e.get("winner") if ready else None  # never a winner before the horizon
    return ExperimentReport(
        id=str(e["id"]),
        name=str(e["name"]),
        running=bool(e["running"]),
        start=_day(e["start"]),
        metric=Metric(e["metric"]),
        days=int(e["days"]),
        horizon=int(e["horizon"]),
        arm_names=tuple(None if n is None else str(n) for n in names),
        results=Results(
            ready,
            arms,
            None if winner is None else int(winner),
            None if ready or e.get("expected") is None else _day(e["expected"]),
        ),
    )


def parse_insights(body: Any, zone: tzinfo) -> Insights:
    """The cloud's answer as Insights, or WireError: an answer we cannot read is never drawn."""
    if not isinstance(body, dict):
        raise WireError("the cloud's analytics are not a JSON object")
    try:
        as_of = datetime.fromisoformat(body["as_of"])
        known = {s.value for s in Segment}  # a newer cloud's new segment is left off, not fatal
        rfm = body["rfm"]
        counts = {Segment(s["segment"]): int(s["members"]) for s in rfm["segments"] if s["segment"] in known}
        return Insights(
            _analytics(body, zone, as_of),
            segment_counts(counts),
            int(rfm["members"]),
            _churn(body["churn"]),
            Source.CLOUD,
            as_of,
            tuple(_experiment(e) for e in body.get("experiments") or ()),  # an older cloud has none
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise WireError(f"the cloud's analytics are not readable: {exc!r}") from exc


def read_cloud_insights(
    store: Store, credentials: CredentialStore, days: int, zone: tzinfo, *, http: httpx.Client | None = None
) -> CloudRead:
    """Ask the cloud this kiosk is paired with for the last `days` days' figures."""
    with store.reading() as conn:
        url = meta.get_setting(conn, "cloud_url")
    try:
        token = credentials.get() if url else None
    except CredentialError as exc:
        return CloudRead(days, problem=CloudProblem.NOT_PAIRED, detail=str(exc))
    if not url or not token:
        return CloudRead(days, problem=CloudProblem.NOT_PAIRED, detail="no cloud or no device credential")
    try:
        with CloudClient(url, token, http=http, timeout=TIMEOUT) as client:
            body = client.get_json(ANALYTICS_PATH, params={"days": days})
        return CloudRead(days, insights=parse_insights(body, zone))
    except (Transient, WireError) as exc:
        log.info("the cloud's analytics are out of reach: %s", exc)
        return CloudRead(days, problem=CloudProblem.UNREACHABLE, detail=str(exc))
    except (Unauthorised, Refused, SyncError) as exc:
        log.warning("the cloud refused this kiosk its analytics: %s", exc)
        return CloudRead(days, problem=CloudProblem.REFUSED, detail=str(exc))
