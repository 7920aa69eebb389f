"""This till's own join link: the cloud's join page pre-bound to this till and its location. The
enrolment screen shows it as a QR, so a customer can join on her own phone while the cashier
serves the next one (issue 16)."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from kiosk.domain.model import Program


@dataclass(frozen=True, slots=True)
class TillJoinLink:
    url: str  # the whole address the QR carries, e.g. https://cloud.example/j/Ab3dE5fG
    code: str
    device_id: str  # the till it belongs to: a link kept from another pairing is never shown
    program_id: str | None  # the offer a join on the page opens now (her first stamp lands there)
    fetched_at: datetime
    key_id: int | None = None  # the key the cloud signs a join's card with


class NoJoinLink(enum.Enum):
    """Why the enrolment screen has no join QR to show."""

    STANDALONE = "standalone"  # no cloud, so no join page
    NOT_FETCHED = "not_fetched"  # paired, but this till has not fetched its link from the cloud yet


def link_for_this_till(
    link: TillJoinLink | None, paired: bool, device_id: str | None
) -> TillJoinLink | NoJoinLink:
    """The link to show, or why there is none: only while paired, and only this device's."""
    if not paired:
        return NoJoinLink.STANDALONE
    if link is None or device_id is None or link.device_id != device_id:
        return NoJoinLink.NOT_FETCHED
    return link


def program_of_online_join(
    programs: Iterable[Program], joined_into: str | None, now: datetime
) -> Program | None:
    """The offer a member who joined on the join page holds her card in, as far as this kiosk can
    tell before it pulls her: the one the cloud named with the till's link while it runs, else
    the only running offer. None: the kiosk cannot tell (the scan waits for a sync)."""
    programs = list(programs)
    running = [p for p in programs if p.is_running(now)]
    named = next((p for p in programs if p.id == joined_into), None)
    if named is not None and named.is_running(now):
        return named
    if len(running) == 1:
        return running[0]
    return named  # not running: her stamp is refused with the offer's own reason
