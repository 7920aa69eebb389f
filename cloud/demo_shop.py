"""A demo shop: years of realistic visits for the dashboard's screenshots, the tests and benchmarks.

Deterministic by seed. Members join over the whole period (a little more often as the shop
grows) and are one of three kinds: regulars (a visit every few days, for a long time), occasional
visitors (every few weeks) and churners (a handful of visits, then gone). Visits favour Friday and
Saturday, Sunday is quiet, and Friday 17:00-19:00 is a happy hour that draws extra visits. Every
visit stamps once; a card that reaches the offer's threshold redeems it on that visit, as the
counter does. Times are the shop's wall clock (its zone), stored in UTC with the shop's day.

The rows go straight into the tables in bulk (the kiosk push path would take hours at benchmark
sizes); they are the rows a push writes: an enroll and the member at her first visit, earns and
redeems, the cards' balances, sequence numbers from the business's counter.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, text, update
from sqlalchemy.orm import Session

from cloud import day_cells, member_months
from cloud.models import Business, Card, Customer, Event, Location, Offer

BATCH = 5000
FIRST_NAMES = (
    "Anna",
    "Ben",
    "Clara",
    "David",
    "Elif",
    "Finn",
    "Greta",
    "Hamid",
    "Ida",
    "Jonas",
    "Lea",
    "Mia",
)
LAST_NAMES = ("Schmidt", "Müller", "Weber", "Yilmaz", "Fischer", "Wagner", "Becker", "Hoffmann", "Kaya")
# how likely a visit planned for Monday..Sunday happens (else she skips it)
WEEKDAY_WEIGHT = (0.55, 0.6, 0.65, 0.7, 1.0, 1.0, 0.35)
_MEAN_WEIGHT = sum(WEEKDAY_WEIGHT) / 7
HAPPY_HOUR = (4, 17, 19)  # Friday 17:00-19:00
HAPPY_HOUR_SHARE = 0.4  # of Friday visits


class MemberKind(Enum):
    REGULAR = "regular"
    OCCASIONAL = "occasional"
    CHURNER = "churner"


# kind: (share of members, mean days between visits, mean lifetime in days)
KINDS = {
    MemberKind.REGULAR: (0.25, 3.5, 600.0),
    MemberKind.OCCASIONAL: (0.4, 21.0, 360.0),
    MemberKind.CHURNER: (0.35, 10.0, 30.0),
}


@dataclass(frozen=True)
class Visit:
    at: datetime  # UTC
    day: date  # the shop's


@dataclass(frozen=True)
class DemoMember:
    id: str
    card_id: int
    name: str
    email: str | None
    consent: bool
    kind: MemberKind
    visits: tuple[Visit, ...]


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _kind(rng: random.Random) -> MemberKind:
    roll, total = rng.random(), 0.0
    for kind, (share, _gap, _life) in KINDS.items():
        total += share
        if roll < total:
            return kind
    return MemberKind.CHURNER


def _visit_at(rng: random.Random, day: date, zone: ZoneInfo) -> Visit:
    weekday, start, end = HAPPY_HOUR
    if day.weekday() == weekday and rng.random() < HAPPY_HOUR_SHARE:
        minutes = rng.randrange(start * 60, end * 60)
    else:
        minutes = int(min(max(rng.gauss(12.5 * 60, 150), 7 * 60), 19 * 60 + 59))
    local = datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=zone)
    return Visit(local.astimezone(UTC), day)


def _days(rng: random.Random, joined: date, last: date, gap: float, life: float) -> list[date]:
    """Her visit days: planned ones a random gap apart, each kept with its weekday's weight (so
    busy days get more visits in proportion), until she leaves or the period ends."""
    end = min(last, joined + timedelta(days=int(rng.expovariate(1 / life))))
    planned = gap * _MEAN_WEIGHT  # thinning by the weights brings the mean gap back to `gap`
    days, day = [joined], joined + timedelta(days=1 + int(rng.expovariate(1 / planned)))
    while day <= end:
        if rng.random() < WEEKDAY_WEIGHT[day.weekday()]:
            days.append(day)
        day += timedelta(days=1 + int(rng.expovariate(1 / planned)))
    return days


def members(count: int, years: float, seed: int, last: date, zone: ZoneInfo) -> Iterator[DemoMember]:
    """`count` members of a shop open for `years` up to `last` (the shop's day)."""
    rng = random.Random(seed)
    span = max(1, int(365 * years))
    for _ in range(count):
        # joins grow with the shop: the square root bends them towards the later days
        joined = last - timedelta(days=int(span * (1 - rng.random() ** 0.7)))
        kind = _kind(rng)
        _share, gap, life = KINDS[kind]
        gap *= rng.uniform(0.6, 1.6)
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        member_id = _uuid(rng)
        email = f"{name.split()[0].lower()}.{member_id[:6]}@demo.example" if rng.random() < 0.6 else None
        visits = tuple(_visit_at(rng, d, zone) for d in _days(rng, joined, last, gap, life))
        card_id = rng.getrandbits(62) + 1
        yield DemoMember(
            member_id, card_id, name, email, email is not None and rng.random() < 0.7, kind, visits
        )


@dataclass
class Filled:
    business_id: int
    members: int = 0
    events: int = 0
    redemptions: int = 0


class _Writer:
    def __init__(self, session: Session, business_id: int) -> None:
        self.session, self.bid = session, business_id
        self.rows: dict[type, list[dict]] = {Customer: [], Card: [], Event: []}
        self.seq = session.scalar(select(Business.seq).where(Business.id == business_id)) or 0

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def add(self, model: type, row: dict) -> None:
        rows = self.rows[model]
        rows.append(row)
        if len(rows) >= BATCH:
            self.flush(model)

    def flush(self, model: type) -> None:
        if self.rows[model]:
            self.session.execute(insert(model), self.rows[model])
            self.rows[model] = []

    def close(self) -> None:
        for model in (Customer, Card, Event):
            self.flush(model)
        self.session.execute(update(Business).where(Business.id == self.bid).values(seq=self.seq))


def fill(
    session: Session,
    business_id: int,
    *,
    members_count: int = 500,
    years: float = 2.0,
    seed: int = 1,
    last: date,
    stamps_required: int = 9,
) -> Filled:
    """Adds a location, an offer and the demo members with their visits to the business."""
    zone = ZoneInfo(session.scalar(select(Business.time_zone).where(Business.id == business_id)) or "UTC")
    rng = random.Random(seed ^ 0x5EED)
    w = _Writer(session, business_id)
    opened = datetime.combine(last - timedelta(days=int(365 * years) + 1), time(8), tzinfo=UTC)
    location = Location(id=_uuid(rng), business_id=business_id, name="Demo café", created_at=opened)
    offer = Offer(
        id=_uuid(rng),
        business_id=business_id,
        name="Coffee",
        kind="stamps",
        stamps_required=stamps_required,
        reward_text="A free coffee",
        created_at=opened,
        seq=w.next_seq(),
    )
    session.add_all([location, offer])
    session.flush()
    out = Filled(business_id)

    def event(kind: str, m: DemoMember, units: int, v: Visit) -> None:
        w.add(
            Event,
            {
                "business_id": business_id,
                "id": _uuid(rng),
                "seq": w.next_seq(),
                "kind": kind,
                "card_id": m.card_id,
                "program_id": offer.id,
                "units": units,
                "occurred_at": v.at,
                "received_at": v.at,
                "day": v.day.isoformat(),
                "location_id": location.id,
                "voided": False,
            },
        )
        out.events += 1

    # Events are written in the order they happened, as kiosks push them: a real ledger's rows of
    # one month sit together on disk, and the analytics' day-range reads are measured on that.
    happened: list[tuple[datetime, int, str, int, DemoMember, Visit]] = []
    for m in members(members_count, years, seed, last, zone):
        first = m.visits[0]
        w.add(
            Customer,
            {
                "business_id": business_id,
                "id": m.id,
                "name": m.name,
                "email": m.email,
                "phone": None,
                "marketing_consent": m.consent,
                "created_at": first.at,
                "day": first.day.isoformat(),
                "seq": w.next_seq(),
            },
        )
        happened.append((first.at, len(happened), "enroll", 0, m, first))
        units = redeemed = 0
        for v in m.visits:
            happened.append((v.at, len(happened), "earn", 1, m, v))
            units += 1
            if units >= stamps_required:
                happened.append((v.at, len(happened), "redeem", -stamps_required, m, v))
                units -= stamps_required
                redeemed += 1
        out.redemptions += redeemed
        w.add(
            Card,
            {
                "business_id": business_id,
                "id": m.card_id,
                "customer_id": m.id,
                "program_id": offer.id,
                "status": "active",
                "flagged": False,
                "units": units,
                "lifetime": len(m.visits),
                "redemptions": redeemed,
                "visits": len(m.visits),
                "created_at": first.at,
                "seq": w.next_seq(),
            },
        )
        out.members += 1
    w.flush(Customer)
    w.flush(Card)
    happened.sort(key=lambda h: (h[0], h[1]))  # by time; a member's own order kept on a tie
    for _at, _n, kind, units, m, v in happened:
        event(kind, m, units, v)
    w.close()
    member_months.rebuild(session.connection(), business_id)  # the rows were written past the push path
    day_cells.rebuild(session.connection(), business_id)
    return out


def analyze(session: Session) -> None:
    """After a bulk fill on PostgreSQL: fresh statistics, else the planner guesses the new tables
    are tiny and joins them row by row (seconds where milliseconds do; autovacuum gets there later)."""
    if session.get_bind().dialect.name == "postgresql":
        rollups = ("member_months", "member_quarters", "member_totals", "day_cells")
        for table in ("events", "cards", "customers", *rollups):
            session.execute(text(f"ANALYZE {table}"))
