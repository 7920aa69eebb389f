"""Churn and lifetime value on a business's own ledger: the models fitted in the background.

A fit (BG/NBD for visits, Gamma-Gamma for spend once events carry amounts) takes seconds on a big
shop, so it never runs in a request. GET /analytics/churn reads the business's row of
`churn_fits`; when there is none, or it is older than STALE_AFTER, the request queues a fit job on
the cloud's huey queue (cloud/wallet/jobqueue.py) and answers from what is there. Each member's
outlook is then the cached parameters applied to her current history (cheap, vectorised).

Time is in weeks; a member's history runs from her first visit day: x = repeat visit days,
t_x = weeks from the first to the last visit, T = weeks from the first visit to the day fitted up to.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

import numpy as np
from huey.api import Huey
from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session

from cloud.db import Database
from cloud.insights import bgnbd, gamma_gamma
from cloud.insights._optimize import FitError
from cloud.member_activity import Filters, history_query, minor_per_unit
from cloud.models import ChurnFit
from cloud.zones import shop_zone
from loyalty_rules.reports import local_day

log = logging.getLogger("cloud.churn")
STALE_AFTER = timedelta(days=1)  # a fit older than this is redone (and served until then)
RETRY_AFTER = timedelta(minutes=10)  # a fit asked for and not finished by then is asked for again
MIN_REPEAT_MEMBERS = 10  # fewer members who came back than this: "not enough data yet"
MIN_MEMBERS = 20
WEEK = 7.0


class FitStatus(Enum):
    FITTING = "fitting"  # asked for, not finished (no fit yet)
    READY = "ready"
    NOT_ENOUGH_DATA = "not_enough_data"
    FAILED = "failed"  # the optimiser did not converge on this ledger


@dataclass(frozen=True)
class Histories:
    members: tuple[str, ...]
    x: np.ndarray
    t_x: np.ndarray
    T: np.ndarray
    m_x: np.ndarray | None  # mean spend per visit day; None while events carry no amount


def histories(
    members: tuple[str, ...],
    first_visit: np.ndarray,
    last_visit: np.ndarray,
    visit_days: np.ndarray,
    spend: np.ndarray | None,
    as_of: date,
) -> Histories:
    """Each member's (x, t_x, T) from her first and last visit days (numpy datetime64[D]), her
    visit days and her spend in currency units (None when some member's events carry no amount)."""
    day = np.datetime64(as_of.isoformat(), "D")
    first = (day - first_visit).astype(float)
    last = (day - last_visit).astype(float)
    visits = visit_days.astype(float)
    m_x = None
    if members and spend is not None:
        m_x = spend / np.maximum(visits, 1)
    return Histories(members, visits - 1, (first - last) / WEEK, first / WEEK, m_x)


_SEP = " "  # between fields and rows of the aggregated text: in no member id (a UUID), day or number
_NO_SPEND = "-"


def ledger_histories(session: Session, business_id: int, as_of: date) -> Histories:
    """The histories of every member with a visit up to `as_of`.

    The database hands them over as one text (member, first day, last day, visit days, spend per
    member, in no particular order) that numpy splits into columns: tens of thousands of result
    rows would be as many tuples, and the garbage collector's passes over them cost more than the
    query (a full one every few requests, ~100 ms at 50,000 members)."""
    q = history_query(session, Filters(business_id), as_of).subquery()
    fields = (
        q.c.member,
        q.c.first_visit,
        q.c.last_visit,
        cast(q.c.visit_days, String),
        func.coalesce(cast(q.c.spend_minor, String), _NO_SPEND),
    )
    row = fields[0]
    for field in fields[1:]:
        row = row + _SEP + field
    text = session.scalar(select(func.aggregate_strings(row, _SEP)))
    per_unit = minor_per_unit(session, business_id)
    cols = np.array(text.split(_SEP) if text else [], dtype=object).reshape(-1, len(fields))
    spend_minor = cols[:, 4]
    spend = None
    if not np.any(spend_minor == _NO_SPEND):
        spend = _in_units(spend_minor, per_unit)
    return histories(
        tuple(cols[:, 0]),
        cols[:, 1].astype("datetime64[D]"),
        cols[:, 2].astype("datetime64[D]"),
        cols[:, 3].astype(np.int64),
        spend,
        as_of,
    )


def _in_units(spend_minor: np.ndarray, per_unit: int) -> np.ndarray:
    """Spend texts in minor units, divided as Python divides ints (correctly rounded): in numpy
    while every one has at most 15 digits (exact in a float), else one by one."""
    if max(map(len, spend_minor), default=0) <= 15:
        return spend_minor.astype(np.int64) / per_unit
    return np.array([int(s) / per_unit for s in spend_minor], dtype=float)


def most_at_risk(alive: np.ndarray, members: tuple[str, ...], limit: int) -> np.ndarray:
    """The indices of the `limit` members least likely to be active, ties by member id: the head of
    a sort of everyone by (chance, id), found by sorting only the members at or below the
    limit-th lowest chance (sorting 50,000 ids cost more than scoring them)."""
    candidates = np.arange(alive.size)
    if limit < alive.size:
        cut = np.partition(alive, limit - 1)[limit - 1]
        if not np.isnan(cut):
            candidates = np.flatnonzero(alive <= cut)
    ids = np.array([members[i] for i in candidates])
    return candidates[np.lexsort((ids, alive[candidates]))][:limit]


def shop_today(session: Session, business_id: int, now: datetime) -> date:
    return local_day(now, shop_zone(session, business_id))


def fit_business(db: Database, business_id: int, now: datetime) -> FitStatus:
    """Fit both models on the business's whole ledger up to the shop's today and store the outcome."""
    with db.read_session() as session:
        as_of = shop_today(session, business_id, now)
        h = ledger_histories(session, business_id, as_of)
    repeat = int(np.sum(h.x > 0))
    values: dict = {"members": len(h.members), "repeat_members": repeat, "as_of": as_of.isoformat()}
    values.update(dict.fromkeys(("r", "alpha", "a", "b", "p", "q", "gamma")))
    status = FitStatus.NOT_ENOUGH_DATA
    if repeat >= MIN_REPEAT_MEMBERS and len(h.members) >= MIN_MEMBERS:
        try:
            visits = bgnbd.fit(h.x, h.t_x, h.T)
            values.update(r=visits.params.r, alpha=visits.params.alpha, a=visits.params.a, b=visits.params.b)
            status = FitStatus.READY if visits.converged else FitStatus.FAILED
            if h.m_x is not None and status is FitStatus.READY:
                came_back = h.x > 0
                spend = gamma_gamma.fit(h.x[came_back], h.m_x[came_back])
                if spend.converged:
                    values.update(p=spend.params.p, q=spend.params.q, gamma=spend.params.gamma)
        except FitError:
            status = FitStatus.FAILED
    with db.writing() as session:
        row = session.get(ChurnFit, business_id)
        if row is None:
            row = ChurnFit(business_id=business_id, requested_at=now)
            session.add(row)
        row.status, row.fitted_at = status.value, now
        for name, value in values.items():
            setattr(row, name, value)
    return status


def _fit_due(row: ChurnFit, now: datetime) -> bool:
    """Whether a fit must be queued: the cached one is stale and no job for it is outstanding (or
    the outstanding one was asked for so long ago that it seems lost)."""
    outstanding = row.fitted_at is None or row.requested_at > row.fitted_at
    stale = row.fitted_at is None or now - row.fitted_at >= STALE_AFTER
    return stale and (not outstanding or now - row.requested_at >= RETRY_AFTER)


class ChurnFits:
    """Queues fits on the cloud's huey queue; the cloud's consumer threads run them."""

    def __init__(self, db: Database, huey: Huey, clock) -> None:
        self.db, self.huey, self.clock = db, huey, clock
        self._idle = threading.Condition()
        self._pending: set[str] = set()
        # the task name is the queue's contract with jobs queued by an earlier run: keep it
        self._task = huey.task(context=True, name="insights.fit_churn")(self._fit)

    def current(self, session: Session, business_id: int) -> ChurnFit | None:
        return session.scalar(select(ChurnFit).where(ChurnFit.business_id == business_id))

    def refresh_if_needed(self, business_id: int, now: datetime, session: Session) -> ChurnFit | None:
        """The business's cached fit (None: none yet), queueing a new one when there is none, it is
        stale, or an earlier request's job seems lost. Read in the caller's (read) session; only a
        fit to queue takes the write transaction, which decides again under the row's lock."""
        row = session.get(ChurnFit, business_id)
        if row is not None and not _fit_due(row, now):
            return row
        with self.db.writing() as writing:
            row = writing.get(ChurnFit, business_id, with_for_update=True)
            if row is None:
                row = ChurnFit(
                    business_id=business_id,
                    status=FitStatus.FITTING.value,
                    requested_at=now,
                    members=0,
                    repeat_members=0,
                )
                writing.add(row)
                queue = True
            else:
                queue = _fit_due(row, now)
                if queue:
                    row.requested_at = now
            writing.flush()
            writing.expunge(row)
        if queue:
            self._queue(business_id, now)
        return row

    def _queue(self, business_id: int, now: datetime) -> None:
        task = self._task.s(business_id, now.isoformat())
        with self._idle:
            self._pending.add(task.id)
        try:
            self.huey.enqueue(task)
        except Exception:  # storage unreachable: the next request asks again after RETRY_AFTER
            log.exception("a churn fit could not be queued")
            self._finished(task.id)

    def _fit(self, business_id: int, now: str, task=None) -> None:
        try:
            fit_business(self.db, business_id, datetime.fromisoformat(now))
        except Exception:  # a job's failure must not end the worker
            log.exception("a churn fit failed")
        finally:
            if task is not None:
                self._finished(task.id)

    def _finished(self, task_id: str) -> None:
        with self._idle:
            self._pending.discard(task_id)
            self._idle.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """Wait until every fit this process queued finished (for tests and benchmarks)."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(min(left, 0.05))
            return True
