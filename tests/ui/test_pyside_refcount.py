"""PySide6 6.12.0 drops None's reference count on every Qt call returning None and aborts with
`none_dealloc` after a few thousand. The pinned 6.11 must survive 20,000 such calls."""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtWidgets import QLabel, QWidget


def test_twenty_thousand_none_returning_calls(qapp):
    widget = QWidget()
    label = QLabel(widget)
    before = sys.getrefcount(None)
    for i in range(10_000):
        assert widget.setToolTip("tip") is None
        assert label.setText(str(i)) is None
    after = sys.getrefcount(None)
    # None is immortal on 3.12+; on 3.11 a leak of one per call would show as ~-20,000
    assert after - before > -1000, (PySide6.__version__, before, after)
    assert PySide6.__version_info__[:2] == (6, 11)
