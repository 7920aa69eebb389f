import functools
import operator

from kiosk.scanner.debounce import Debouncer, DebounceSettings


def test_a_code_held_in_view_is_one_scan():
    d = Debouncer(DebounceSettings(gone_after_s=0.5, repeat_after_s=1.5))
    scans = [d.feed(["A"], now=i / 30) for i in range(300)]  # ten seconds in view
    assert functools.reduce(operator.iadd, scans, []) == ["A"]


def test_brief_dropouts_do_not_rescan():
    d = Debouncer(DebounceSettings(gone_after_s=0.5, repeat_after_s=1.5))
    assert d.feed(["A"], 0.0) == ["A"]
    assert d.feed([], 0.1) == []
    assert d.feed(["A"], 0.3) == []


def test_shown_again_after_leaving_view_is_a_new_scan():
    d = Debouncer(DebounceSettings(gone_after_s=0.5, repeat_after_s=1.5))
    assert d.feed(["A"], 0.0) == ["A"]
    assert d.feed([], 1.0) == []
    assert d.feed(["A"], 1.2) == []  # gone, but within the repeat interval: same scan
    assert d.feed([], 2.0) == []
    assert d.feed(["A"], 3.0) == ["A"]


def test_codes_are_independent_and_duplicates_in_a_frame_count_once():
    d = Debouncer()
    assert d.feed(["A", "B", "A"], 0.0) == ["A", "B"]
    assert d.feed(["B", "C"], 0.1) == ["C"]


def test_instances_do_not_share_state():
    first, second = Debouncer(), Debouncer()
    assert first.feed(["A"], 0.0) == ["A"]
    assert second.feed(["A"], 0.0) == ["A"]


def test_reset_forgets():
    d = Debouncer()
    d.feed(["A"], 0.0)
    d.reset()
    assert d.feed(["A"], 0.1) == ["A"]
