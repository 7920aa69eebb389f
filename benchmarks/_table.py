"""The one table every benchmark reports into."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Row:
    """One measured line. `target` is the figure an issue asks for, shown beside the result."""

    group: str
    case: str
    result: str
    target: str = ""
    ok: bool | None = None  # None when there is no target to meet
    notes: str = ""
    extra: dict = field(default_factory=dict)


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def median_p95_ms(samples_s: list[float]) -> tuple[float, float]:
    ms = [s * 1000.0 for s in samples_s]
    return statistics.median(ms), percentile(ms, 0.95)


def render(rows: list[Row]) -> str:
    headers = ["group", "case", "result", "target", "ok", "notes"]
    cells = [
        [r.group, r.case, r.result, r.target, "" if r.ok is None else ("yes" if r.ok else "NO"), r.notes]
        for r in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) if cells else len(h) for i, h in enumerate(headers)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |" for row in cells]
    return "\n".join([line, sep, *body])
