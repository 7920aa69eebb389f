"""The Analytics report's A/B tests section: per test its name and state, its groups, what it
measures and its horizon, then where it stands in the screen's own words (kiosk/ui/widgets/
ab_results_page.py). Before the horizon that is only "not enough data yet" with the members counted
so far: no value, interval or winner is printed early, as none is shown early (no peeking). After
it, the effects with their 95 % intervals and p-values and the forest plot, drawn as vectors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCharts import QChartView

from kiosk.ui.pdf_pages import PAPER, Pages

CHART_SHARE = 0.3  # of the page's height, at most, for one test's forest plot


@dataclass(frozen=True)
class AbTestTexts:
    """One test as the report says it, translated by the A/B tests tab."""

    heading: str  # its name, running or stopped, since when
    lines: tuple[str, ...]  # its groups, what it measures, its horizon
    status: str  # the tab's words: "Not enough data yet: …", or the effects and the winner
    ready: bool  # past the horizon: the numbers are final and the forest plot is drawn


@dataclass(frozen=True)
class AbTexts:
    heading: str
    note: str  # whose members are counted, or that there are no tests
    tests: tuple[AbTestTexts, ...]  # newest first, as on the screen


def ab_section(pages: Pages, texts: AbTexts, views: Sequence[QChartView | None]) -> None:
    """The tests on a new page, each kept whole on one page, its forest plot (`views`, one per
    test, None before its horizon) below its numbers. Without tests one line after what is
    already on the page, so no page is left near empty."""
    if not texts.tests:
        pages.keep(pages.text_height(texts.heading, 13, bold=True) + pages.text_height(texts.note, 9))
        pages.text(texts.heading, 13, bold=True)
        pages.text(texts.note, 9, colour=PAPER.muted)
        return
    pages.next_page()
    pages.text(texts.heading, 13, bold=True)
    pages.text(texts.note, 9, colour=PAPER.muted)
    for test, view in zip(texts.tests, views, strict=True):
        height = (
            pages.text_height(test.heading, 11, bold=True)
            + sum(pages.text_height(line, 9) for line in test.lines)
            + pages.text_height(test.status, 10)
            + (pages.chart_height(view, CHART_SHARE) if view is not None else 0)
        )
        pages.keep(height)
        pages.text(test.heading, 11, bold=True)
        for line in test.lines:
            pages.text(line, 9, colour=PAPER.muted)
        pages.text(test.status, 10, colour=PAPER.text if test.ready else PAPER.muted)
        if view is not None:
            pages.chart(view, CHART_SHARE)
