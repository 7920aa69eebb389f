"""Happy hours at the kiosk (issue 15): a manager sets one up (weekday + time windows of the
shop's clock, a multiplier or bonus, the offers it boosts), the counter boosts an earn inside a
window by the shared rule (loyalty_rules.happy_hours.best_for/boosted), and the Scan screen's
banner shows the ones running. Offline: decided from this kiosk's clock at the earn, as cooldowns
are (kiosk.domain.rules.check_earn), so a replay of the event decides the same.

A paired kiosk uploads its happy hours before its events (kiosk/sync/settings_push.py) and
pulls the cloud's; the event names the happy hour, and the cloud's push checks the boost by the
same rule (loyalty_rules.happy_hours.boost_problem) at the event's time."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from kiosk.domain.model import Program, Role
from kiosk.domain.outcomes import Outcome
from kiosk.domain.problems import Problem, invalid
from kiosk.domain.refusals import Reason, refuse
from kiosk.services.context import Actor, Context
from kiosk.store import StorageError, directory, meta
from kiosk.store import happy_hours as stored
from loyalty_rules.happy_hours import (
    Boost,
    HappyHour,
    HappyHourProblem,
    Window,
    best_for,
    boosted,
    ends_at,
    next_change,
    problems,
    running,
)
from loyalty_rules.model import ProgramStatus


@dataclass(frozen=True, slots=True)
class HappyHourDraft:
    """What the editor holds. `id`: the happy hour it changes, None for a new one."""

    name: str
    windows: tuple[Window, ...]
    boost: Boost
    amount: int
    programs: frozenset[str]
    id: str | None = None


@dataclass(frozen=True, slots=True)
class HappyHourOutcome(Outcome):
    """Saved (or ended): the happy hour as stored. Refused for bad input: every field's problem
    in `problems` (the editor marks each field), the first in `refusal`; nothing saved."""

    hour: HappyHour | None = None
    problems: dict[str, HappyHourProblem] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class HappyHoursOutcome(Outcome):
    """The editor's list, and the offers a happy hour may boost (running or paused ones)."""

    hours: tuple[HappyHour, ...] = ()
    offers: tuple[Program, ...] = ()


@dataclass(frozen=True, slots=True)
class RunningHappyHour:
    hour: HappyHour
    until: datetime  # aware, when its running window ends
    offer_names: tuple[str, ...]
    points_only: bool = False  # every offer it boosts counts points: the banner says "points"


@dataclass(frozen=True, slots=True)
class BannerOutcome(Outcome):
    """The Scan screen's banner at `now`: the happy hours running, and when to ask again (a start
    or an end; None: nothing will change). `zone`: the shop's, for showing the times."""

    running: tuple[RunningHappyHour, ...] = ()
    next_change: datetime | None = None
    zone: str = "UTC"
    at: datetime | None = None  # the moment this was read for: the timer counts from it


@dataclass(frozen=True, slots=True)
class Boosted:
    """An earn's units after the happy hour that applies (None: no boost)."""

    units: int
    hour: HappyHour | None = None


def boost_earn(conn, program_id: str, units: int, now: datetime) -> Boosted:
    """Inside the earn's transaction: the best running happy hour of the program at the kiosk's
    clock `now`, by the shared rule, and the units it grants."""
    hour = best_for(stored.active_happy_hours(conn), program_id, units, now, stored.shop_zone(conn))
    return Boosted(boosted(units, hour), hour)


def _refused(found: dict[str, HappyHourProblem]) -> HappyHourOutcome:
    name, problem = next(iter(found.items()))
    return HappyHourOutcome(
        refusal=refuse(Reason.INVALID_INPUT, field=name, problem=problem.value), problems=dict(found)
    )


def save_happy_hour(ctx: Context, draft: HappyHourDraft, *, actor: Actor) -> HappyHourOutcome:
    """Managers only, audited. Every problem of the shared rule comes back at its field; an offer
    that does not exist (or is archived) is a problem of `programs`; nothing is saved then."""
    if not actor.role.at_least(Role.MANAGER):
        return HappyHourOutcome(refusal=refuse(Reason.NOT_ALLOWED))
    hour = HappyHour(
        id=draft.id or ctx.new_id(),
        name=" ".join(draft.name.split()),
        windows=tuple(draft.windows),
        boost=draft.boost,
        amount=draft.amount,
        programs=frozenset(draft.programs),
    )
    found = problems(hour)
    if found:
        return _refused(found)
    try:
        with ctx.store.transaction() as conn:
            offers = {p.id: p for p in directory.all_programs(conn)}
            if any(i not in offers or offers[i].status is ProgramStatus.ARCHIVED for i in hour.programs):
                return HappyHourOutcome(refusal=invalid("programs", Problem.NO_SUCH_OFFER))
            if draft.id is not None:
                before = stored.get(conn, draft.id)
                if before is None:
                    return HappyHourOutcome(refusal=invalid("happy hour", Problem.NO_SUCH_OFFER))
                if not before.active:  # ended for good, here and in the cloud: a new one instead
                    return HappyHourOutcome(refusal=refuse(Reason.NOT_ALLOWED))
            now = ctx.clock()
            stored.save_here(conn, hour, now)
            meta.audit(conn, now, actor.staff_id, actor.name, "happy_hour_saved", happy_hour=hour.name)
        return HappyHourOutcome(hour=hour)
    except StorageError as exc:
        return HappyHourOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=str(exc)))


def end_happy_hour(ctx: Context, hour_id: str, *, actor: Actor) -> HappyHourOutcome:
    """Switch a happy hour off for good (kept, for the events that name it). Managers only."""
    if not actor.role.at_least(Role.MANAGER):
        return HappyHourOutcome(refusal=refuse(Reason.NOT_ALLOWED))
    try:
        with ctx.store.transaction() as conn:
            now = ctx.clock()
            hour = stored.get(conn, hour_id)
            if hour is None or not stored.deactivate(conn, hour_id, now):
                return HappyHourOutcome(refusal=invalid("happy hour", Problem.NO_SUCH_OFFER))
            meta.audit(conn, now, actor.staff_id, actor.name, "happy_hour_ended", happy_hour=hour.name)
        return HappyHourOutcome(hour=replace(hour, active=False))
    except StorageError as exc:
        return HappyHourOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=str(exc)))


def list_happy_hours(ctx: Context) -> HappyHoursOutcome:
    try:
        with ctx.store.reading() as conn:
            hours = tuple(stored.all_happy_hours(conn))
            offers = tuple(p for p in directory.all_programs(conn) if p.status is not ProgramStatus.ARCHIVED)
        return HappyHoursOutcome(hours=hours, offers=offers)
    except StorageError as exc:
        return HappyHoursOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=str(exc)))


def banner(ctx: Context, now: datetime | None = None) -> BannerOutcome:
    """What the Scan screen's banner shows at `now` (the kiosk's clock when not given), read by
    the worker; the screen's timer asks again at `next_change`."""
    try:
        with ctx.store.reading() as conn:
            at = now or ctx.clock()
            zone = stored.shop_zone(conn)
            hours = stored.active_happy_hours(conn)
            offers = {p.id: p for p in directory.all_programs(conn)}
        shown = tuple(
            RunningHappyHour(
                h,
                ends_at(h, at, zone) or at,
                tuple(sorted(offers[i].name for i in h.programs if i in offers)),
                all(offers[i].points is not None for i in h.programs if i in offers),
            )
            for h in running(hours, at, zone)
        )
        return BannerOutcome(running=shown, next_change=next_change(hours, at, zone), zone=zone, at=at)
    except StorageError as exc:
        return BannerOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=str(exc)))
