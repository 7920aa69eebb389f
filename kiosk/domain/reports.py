"""What a manager reads after closing: the shared report counting (loyalty_rules.reports),
named here for the kiosk's modules."""

from __future__ import annotations

from loyalty_rules.reports import (
    MAX_DAYS,
    REWARD_KINDS,
    STAMP_KINDS,
    VISIT_KINDS,
    Report,
    ReportLine,
    Totals,
    local_day,
    period,
    summarise,
)

__all__ = [
    "MAX_DAYS",
    "REWARD_KINDS",
    "STAMP_KINDS",
    "VISIT_KINDS",
    "Report",
    "ReportLine",
    "Totals",
    "local_day",
    "period",
    "summarise",
]
