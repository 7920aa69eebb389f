"""A purchase file read into per-customer histories for a calibration period and its holdout.

The file has one purchase per line, whitespace-separated, in the layout of the CDNOW data set:
`customer_id  sample_id  date(YYYYMMDD)  quantity  amount`. As in the papers, a customer's
purchases on one day are one transaction (their amounts added). Weeks count from the first day
in the file: the calibration period is its first N weeks, the holdout everything after.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

_FIELDS = 5
_DAYS_PER_WEEK = 7


class PurchaseFileError(ValueError):
    """The file cannot be read as purchases; the message says where and why."""


@dataclass(frozen=True)
class Purchase:
    customer: str
    day: date
    amount: float


@dataclass(frozen=True)
class Histories:
    """The calibration cohort (customers whose first purchase is in the calibration period).

    Arrays are aligned with `customers`; times are in weeks from each customer's first purchase:
    x repeat transactions, the last at t_x, observed for T, up to the calibration's last day.
    Days are whole dates, so T = (last day - first day)/7, as in the papers: counting to the end
    of that day instead (one day more) moves the CDNOW estimates off the published ones.
    m_x is the mean amount of the x repeat transactions (0 when x = 0).
    """

    customers: tuple[str, ...]
    first_day: NDArray  # days from the start of the file
    x: NDArray
    t_x: NDArray
    T: NDArray
    m_x: NDArray


@dataclass(frozen=True)
class Split:
    start: date  # first day in the file: week 1 begins here
    calibration_end: date  # last day of the calibration period
    last_day: date  # last day in the file: the holdout ends here
    histories: Histories
    # per cohort customer, per holdout week: transactions made (all repeat: the first is earlier)
    holdout_weekly: NDArray
    holdout_spend: NDArray  # per cohort customer, the holdout's total amount
    later_customers: int  # first purchase after calibration: outside the cohort, not counted

    @property
    def holdout_days(self) -> int:
        return (self.last_day - self.calibration_end).days

    @property
    def calibration_weeks(self) -> int:
        return ((self.calibration_end - self.start).days + 1) // _DAYS_PER_WEEK

    def holdout_horizons(self) -> NDArray:
        """Weeks after calibration at the end of each holdout week (the last may be partial)."""
        weeks = self.holdout_weekly.shape[1]
        days = np.minimum(np.arange(1, weeks + 1) * _DAYS_PER_WEEK, self.holdout_days)
        return days / _DAYS_PER_WEEK


def _parse_line(number: int, line: str) -> Purchase:
    fields = line.split()
    if len(fields) != _FIELDS:
        raise PurchaseFileError(
            f"line {number}: expected {_FIELDS} fields (customer, sample id, date YYYYMMDD, quantity, "
            f"amount), found {len(fields)}: {line.strip()!r}"
        )
    customer, _sample, raw_day, raw_quantity, raw_amount = fields
    try:
        # strptime alone would read 2001013 as 2001-01-03: insist on all eight digits
        if len(raw_day) != 8 or not raw_day.isdigit():
            raise ValueError(raw_day)
        day = datetime.strptime(raw_day, "%Y%m%d").date()
    except ValueError:
        raise PurchaseFileError(f"line {number}: {raw_day!r} is not a date in the form YYYYMMDD") from None
    try:
        quantity = int(raw_quantity)
    except ValueError:
        raise PurchaseFileError(f"line {number}: quantity {raw_quantity!r} is not a whole number") from None
    try:
        amount = float(raw_amount)
    except ValueError:
        raise PurchaseFileError(f"line {number}: amount {raw_amount!r} is not a number") from None
    if quantity < 0 or not math.isfinite(amount) or amount < 0:
        raise PurchaseFileError(f"line {number}: quantity and amount must be ≥ 0: {line.strip()!r}")
    return Purchase(customer, day, amount)


def parse_purchases(lines: Iterable[str]) -> tuple[Purchase, ...]:
    """Every purchase in `lines` (blank lines are skipped); the first bad line raises."""
    purchases = tuple(_parse_line(n, line) for n, line in enumerate(lines, start=1) if line.strip())
    if not purchases:
        raise PurchaseFileError("the file holds no purchases")
    return purchases


def read_purchases(path: Path) -> tuple[Purchase, ...]:
    try:
        with path.open(encoding="utf-8") as file:
            return parse_purchases(file)
    except FileNotFoundError:
        raise PurchaseFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise PurchaseFileError(f"{path}: is a directory, not a purchase file") from None
    except UnicodeDecodeError:
        raise PurchaseFileError(f"{path}: not a text file (not UTF-8)") from None
    except OSError as exc:
        raise PurchaseFileError(f"{path}: cannot be read ({exc.strerror})") from None


def _daily(purchases: Iterable[Purchase]) -> dict[str, dict[date, float]]:
    """Per customer (in order of first appearance), her transactions: amount per day."""
    days: dict[str, dict[date, float]] = {}
    for purchase in purchases:
        by_day = days.setdefault(purchase.customer, {})
        by_day[purchase.day] = by_day.get(purchase.day, 0.0) + purchase.amount
    return days


def split(purchases: tuple[Purchase, ...], calibration_weeks: int) -> Split:
    """Histories over the first `calibration_weeks` weeks, and what the cohort did afterwards."""
    if not purchases:
        raise PurchaseFileError("no purchases to split")
    start = min(p.day for p in purchases)
    last_day = max(p.day for p in purchases)
    if calibration_weeks < 1:
        raise PurchaseFileError(f"the calibration period must be at least 1 week (got {calibration_weeks})")
    end = start + timedelta(days=calibration_weeks * _DAYS_PER_WEEK - 1)
    if end >= last_day:
        span = (last_day - start).days + 1
        raise PurchaseFileError(
            f"a calibration period of {calibration_weeks} weeks ends {end.isoformat()}, but the purchases "
            f"run from {start.isoformat()} to {last_day.isoformat()} ({span} days): no holdout is left "
            f"after it; use fewer than {math.ceil(span / _DAYS_PER_WEEK)} weeks"
        )
    end_day = (end - start).days
    holdout_weeks = math.ceil((last_day - end).days / _DAYS_PER_WEEK)
    customers: list[str] = []
    first_days: list[int] = []
    x: list[int] = []
    t_x: list[float] = []
    m_x: list[float] = []
    weekly: list[NDArray] = []
    spend: list[float] = []
    later = 0
    for customer, by_day in _daily(purchases).items():
        offsets = sorted(((day - start).days, amount) for day, amount in by_day.items())
        first = offsets[0][0]
        if first > end_day:
            later += 1
            continue
        calibration = [(d, amount) for d, amount in offsets if d <= end_day]
        holdout = [(d, amount) for d, amount in offsets if d > end_day]
        repeats = calibration[1:]
        customers.append(customer)
        first_days.append(first)
        x.append(len(repeats))
        t_x.append((calibration[-1][0] - first) / _DAYS_PER_WEEK)
        m_x.append(sum(amount for _, amount in repeats) / len(repeats) if repeats else 0.0)
        counts = np.zeros(holdout_weeks, dtype=int)
        for d, _ in holdout:
            counts[(d - end_day - 1) // _DAYS_PER_WEEK] += 1
        weekly.append(counts)
        spend.append(sum(amount for _, amount in holdout))
    first_day = np.asarray(first_days, dtype=float)
    histories = Histories(
        customers=tuple(customers),
        first_day=first_day,
        x=np.asarray(x, dtype=float),
        t_x=np.asarray(t_x, dtype=float),
        T=(end_day - first_day) / _DAYS_PER_WEEK,
        m_x=np.asarray(m_x, dtype=float),
    )
    return Split(
        start=start,
        calibration_end=end,
        last_day=last_day,
        histories=histories,
        holdout_weekly=np.vstack(weekly),
        holdout_spend=np.asarray(spend, dtype=float),
        later_customers=later,
    )
