"""Managers' reports: this kiosk's visits, stamps, rewards and new customers over a period."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo
from zoneinfo import ZoneInfo

from tzlocal import reload_localzone

from kiosk.domain.model import Role
from kiosk.domain.outcomes import Outcome
from kiosk.domain.problems import Problem, invalid
from kiosk.domain.refusals import Reason, refuse
from kiosk.domain.reports import MAX_DAYS, Report, period, summarise
from kiosk.services.context import Actor, Connection, Context, connection
from kiosk.services.first_run import shop_zone_name
from kiosk.store import StorageError, directory
from kiosk.store.reports import report_lines


@dataclass(frozen=True, slots=True)
class ReportOutcome(Outcome):
    report: Report | None = None
    days: int = 0
    offer_names: dict[str, str] = field(default_factory=dict)  # program id -> name
    # a paired kiosk holds only its own events: the cloud's analytics cover every kiosk
    paired: bool = False


def local_zone(ctx: Context | None = None) -> tzinfo:
    """The time zone the shop's days start in: the one the owner chose at the first run (saved in
    the shop's settings), else this machine's; as a zone with its daylight-saving
    rules (a fixed offset taken from today would put a day's first hour on the wrong date for
    every day on the other side of a clock change). Read afresh each time (a report is rare): a
    zone changed on the running machine counts from the next report."""
    if ctx is not None:
        chosen = shop_zone_name(ctx)
        if chosen is not None:
            return ZoneInfo(chosen)
    return reload_localzone()


def report(ctx: Context, days: int, *, actor: Actor, tz: tzinfo | None = None) -> ReportOutcome:
    if not actor.role.at_least(Role.MANAGER):
        return ReportOutcome(refusal=refuse(Reason.NOT_ALLOWED))
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        return ReportOutcome(refusal=invalid("Days", Problem.REPORT_DAYS, max=MAX_DAYS))
    zone = tz or local_zone(ctx)
    start, end = period(ctx.clock(), days, zone)
    try:
        with ctx.store.reading() as conn:
            made = summarise(report_lines(conn, start, end), start, end, zone)
            names = {p.id: p.name for p in directory.all_programs(conn)}
            paired = connection(conn) is Connection.PAIRED
    except StorageError as exc:
        return ReportOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=str(exc)))
    return ReportOutcome(report=made, days=days, offer_names=names, paired=paired)
