"""Generated shop histories: offers a kiosk accepts, and a counter's day-to-day across a
daylight-saving change in the shop's zone. Plain values; applying them is `kiosk_side`'s job."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

SHOP_ZONE = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True, slots=True)
class OfferSpec:
    """Inside the kiosk's own limits (2–50 stamps, 1–20 a visit): the cloud's are wider."""

    stamps_required: int
    per_visit_limit: int
    cooldown_seconds: int
    undo_window_seconds: int


@dataclass(frozen=True, slots=True)
class Enrol:
    offers: tuple[int, ...]  # indexes into the history's offers: one card in each
    bonus: int = 0  # stamps the card starts with (a paper card carried over); 0 at the counter


@dataclass(frozen=True, slots=True)
class Earn:
    card: int  # an index into the cards made so far (modulo their number)
    quantity: int
    undo_after: int | None = None  # the cashier takes it back this many seconds later


@dataclass(frozen=True, slots=True)
class Redeem:
    card: int
    undo_after: int | None = None


@dataclass(frozen=True, slots=True)
class Undo:
    card: int


@dataclass(frozen=True, slots=True)
class Adjust:
    card: int
    units: int


@dataclass(frozen=True, slots=True)
class Referral:
    card: int
    units: int


@dataclass(frozen=True, slots=True)
class NewCode:
    """A lost card: a manager prints a new code for it (no ledger event; nothing may change)."""

    card: int


@dataclass(frozen=True, slots=True)
class Sync:
    """The kiosk's sync round runs mid-history: the cloud's balances come back under its own."""


Action = Enrol | Earn | Redeem | Undo | Adjust | Referral | NewCode | Sync


@dataclass(frozen=True, slots=True)
class Step:
    wait_seconds: int  # after the previous step
    action: Action
    # instead of waiting: this many seconds after the shop's next local midnight (negative:
    # before it), where the kiosk's and the cloud's days would part if they counted differently
    near_midnight: int | None = None


@dataclass(frozen=True, slots=True)
class History:
    offers: tuple[OfferSpec, ...]
    before_change_seconds: int  # the first step happens this long before the clock change
    steps: tuple[Step, ...]


def clock_change_before(now: datetime, at_least_days: int = 10) -> datetime:
    """The shop zone's latest daylight-saving change at least `at_least_days` before `now` (a
    real instant: the history stays in the past of the cloud's clock on any date)."""
    hour = (now - timedelta(days=at_least_days)).replace(minute=0, second=0, microsecond=0)
    for _ in range(24 * 400):
        earlier = hour - timedelta(hours=1)
        if earlier.astimezone(SHOP_ZONE).utcoffset() != hour.astimezone(SHOP_ZONE).utcoffset():
            return hour.astimezone(UTC)
        hour = earlier
    raise AssertionError(f"no clock change in {SHOP_ZONE} in the 400 days before {now}")


def next_step_time(now: datetime, step: Step) -> datetime:
    if step.near_midnight is None:
        return now + timedelta(seconds=step.wait_seconds)
    day = now.astimezone(SHOP_ZONE).date()
    while True:
        day += timedelta(days=1)
        midnight = datetime.combine(day, datetime.min.time(), tzinfo=SHOP_ZONE).astimezone(UTC)
        at = midnight + timedelta(seconds=step.near_midnight)
        if at >= now:
            return at


offer_specs = st.builds(
    OfferSpec,
    stamps_required=st.one_of(st.integers(2, 5), st.integers(2, 50)),
    per_visit_limit=st.integers(1, 20),
    cooldown_seconds=st.sampled_from((0, 60, 600)),
    undo_window_seconds=st.sampled_from((120, 0, 3600)),
)
_card = st.integers(0, 50)
_near_midnight = st.integers(-180, 180)
_undo_after = st.one_of(st.none(), st.integers(0, 240))
_long_wait = st.integers(3 * 3600, 30 * 3600)  # the next day, often: histories cross many midnights
_waits = st.one_of(st.integers(0, 180), st.integers(0, 6 * 3600), _long_wait, _long_wait)


def _enrol(offer_count: int) -> st.SearchStrategy[Enrol]:
    return st.builds(
        Enrol,
        offers=st.lists(st.integers(0, offer_count - 1), min_size=1, unique=True).map(tuple),
        bonus=st.one_of(st.just(0), st.integers(1, 5)),
    )


def _actions(offer_count: int) -> st.SearchStrategy[Action]:
    return st.one_of(
        _enrol(offer_count),
        st.builds(Earn, _card, st.one_of(st.integers(1, 3), st.integers(1, 20)), _undo_after),
        st.builds(Redeem, _card, _undo_after),
        st.builds(Undo, _card),
        st.builds(Adjust, _card, st.one_of(st.integers(-5, -1), st.integers(1, 5))),
        st.builds(Referral, _card, st.integers(1, 5)),
        st.builds(NewCode, _card),
        st.just(Sync()),
    )


@st.composite
def histories(draw, max_steps: int = 25) -> History:
    offers = tuple(draw(st.lists(offer_specs, min_size=1, max_size=3)))
    first = Step(draw(_waits), draw(_enrol(len(offers))))
    step = st.builds(Step, _waits, _actions(len(offers)), st.one_of(st.none(), _near_midnight))
    rest = draw(st.lists(step, min_size=3, max_size=max_steps))
    return History(offers, draw(st.integers(0, 3 * 24 * 3600)), (first, *rest))
