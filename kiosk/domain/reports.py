"""What a manager reads after closing: the shared report counting (loyalty_rules.reports),
named here for the kiosk's modules."""

from __future__ import annotations

from loyalty_rules.reports import MAX_DAYS, Report, ReportLine, Totals, local_day, period, summarise

__all__ = ["MAX_DAYS", "Report", "ReportLine", "Totals", "local_day", "period", "summarise"]
