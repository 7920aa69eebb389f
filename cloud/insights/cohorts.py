"""Monthly join cohorts × months since joining: how many came back, and what they spent.

Month 0 is the month a member joined; a member counts as retained in month k when she visited
at least once in it. Cells after `through` have not happened yet and are None, not 0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Visit:
    member: str
    day: date
    spend: float = 0.0


@dataclass(frozen=True)
class CohortRow:
    month: date  # the first day of the join month
    size: int
    active: tuple[int | None, ...]  # members with a visit in month k after joining
    spend: tuple[float | None, ...]

    @property
    def retention(self) -> tuple[float | None, ...]:
        return tuple(None if a is None else a / self.size for a in self.active)


def month_of(day: date) -> date:
    return day.replace(day=1)


def months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def cohort_matrix(
    joined: Mapping[str, date], visits: Iterable[Visit], through: date
) -> tuple[CohortRow, ...]:
    """One row per join month (oldest first) up to `through`, columns up to `through`'s month."""
    last = month_of(through)
    cohort_of = {member: month_of(day) for member, day in joined.items() if day <= through}
    sizes: dict[date, int] = defaultdict(int)
    for month in cohort_of.values():
        sizes[month] += 1
    active: dict[tuple[date, int], set[str]] = defaultdict(set)
    spend: dict[tuple[date, int], float] = defaultdict(float)
    for visit in visits:
        cohort = cohort_of.get(visit.member)
        if cohort is None or visit.day > through:
            continue
        k = months_between(cohort, month_of(visit.day))
        if k < 0:
            raise ValueError(
                f"member {visit.member} visited on {visit.day}, before joining in {cohort:%Y-%m}"
            )
        active[cohort, k].add(visit.member)
        spend[cohort, k] += visit.spend
    rows = []
    width = months_between(min(sizes), last) + 1 if sizes else 0  # the oldest cohort's age
    for cohort in sorted(sizes):
        span = months_between(cohort, last) + 1
        rows.append(
            CohortRow(
                month=cohort,
                size=sizes[cohort],
                active=tuple(len(active[cohort, k]) if k < span else None for k in range(width)),
                spend=tuple(round(spend[cohort, k], 2) if k < span else None for k in range(width)),
            )
        )
    return tuple(rows)
