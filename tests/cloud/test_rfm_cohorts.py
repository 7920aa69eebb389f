"""RFM scores and segments, and the cohort matrix, on small ledgers worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from cloud.insights.cohorts import Visit, cohort_matrix, months_between
from cloud.insights.rfm import Activity, Segment, quintile_scores, score, segment, segment_counts


def test_quintiles_by_hand_with_ties():
    # 1 + ⌊5·(strictly lower)/10⌋: the four 1s beat nobody → 1; the 2s beat 4 → 3; 3 beats 6 → 4;
    # 4 beats 7 → 4; 5 beats 8 → 5; 6 beats 9 → 5
    assert quintile_scores([1, 1, 1, 1, 2, 2, 3, 4, 5, 6]) == (1, 1, 1, 1, 3, 3, 4, 4, 5, 5)
    # the order of the list does not matter
    assert quintile_scores([6, 2, 1, 4, 1, 3, 1, 2, 5, 1]) == (5, 3, 1, 4, 1, 4, 1, 3, 5, 1)
    # recency: fewer days is better; 0 days beats the two others of four → 3
    assert quintile_scores([0, 0, 5, 10], higher_is_better=False) == (3, 3, 2, 1)
    assert quintile_scores([7]) == (1,)
    assert quintile_scores([]) == ()


def test_five_distinct_members_get_one_quintile_each():
    members = [
        Activity("ann", 1, 10, 500.0),
        Activity("bob", 10, 8, 80.0),
        Activity("cy", 20, 6, 60.0),
        Activity("di", 30, 4, 40.0),
        Activity("ed", 40, 2, 20.0),
    ]
    scores = score(members)
    assert [s.code for s in scores] == ["555", "444", "333", "222", "111"]
    assert [s.segment for s in scores] == [
        Segment.CHAMPIONS,
        Segment.LOYAL,
        Segment.NEEDS_ATTENTION,
        Segment.HIBERNATING,
        Segment.HIBERNATING,
    ]
    counts = segment_counts(scores)
    assert counts[Segment.HIBERNATING] == 2
    assert counts[Segment.AT_RISK] == 0
    assert list(counts) == list(Segment)
    assert sum(counts.values()) == 5


def test_segment_map():
    # rows: recency 1..5; columns: frequency 1..5
    letters = {
        "H": Segment.HIBERNATING,
        "R": Segment.AT_RISK,
        "C": Segment.CANNOT_LOSE,
        "S": Segment.ABOUT_TO_SLEEP,
        "A": Segment.NEEDS_ATTENTION,
        "L": Segment.LOYAL,
        "P": Segment.PROMISING,
        "O": Segment.POTENTIAL_LOYALIST,
        "N": Segment.NEW,
        "X": Segment.CHAMPIONS,
    }
    grid = ["HHRRC", "HHRRC", "SSALL", "POOLL", "NOOXX"]
    for r, row in enumerate(grid, start=1):
        for f, letter in enumerate(row, start=1):
            assert segment(r, f) is letters[letter], (r, f)
    with pytest.raises(ValueError, match="1 to 5"):
        segment(0, 3)


def test_negative_activity_is_refused():
    with pytest.raises(ValueError, match="member x"):
        score([Activity("x", -1, 1, 1.0)])


def test_cohort_matrix_by_hand():
    joined = {"a": date(2025, 1, 15), "b": date(2025, 1, 20), "c": date(2025, 2, 3), "d": date(2025, 4, 1)}
    visits = [
        Visit("a", date(2025, 1, 15), 10.0),
        Visit("a", date(2025, 2, 10), 5.0),
        Visit("a", date(2025, 2, 11), 1.0),  # a second visit in a month: still one member
        Visit("a", date(2025, 3, 1), 7.0),
        Visit("b", date(2025, 1, 20), 3.0),
        Visit("b", date(2025, 3, 31), 4.0),
        Visit("c", date(2025, 2, 3), 6.0),
        Visit("c", date(2025, 2, 20), 2.0),
        Visit("c", date(2025, 4, 2), 9.0),  # after `through`: not counted
        Visit("d", date(2025, 4, 1), 9.0),  # joined after `through`: no cohort
        Visit("z", date(2025, 1, 5), 9.0),  # never joined: no cohort
    ]
    jan, feb = cohort_matrix(joined, visits, through=date(2025, 3, 31))
    assert (jan.month, jan.size, feb.month, feb.size) == (date(2025, 1, 1), 2, date(2025, 2, 1), 1)
    # January: months 0, 1, 2 = Jan (a, b), Feb (a), Mar (a, b)
    assert jan.active == (2, 1, 2)
    assert jan.retention == (1.0, 0.5, 1.0)
    assert jan.spend == (13.0, 6.0, 11.0)
    # February: Feb (c), March (nobody), and month 2 (April) has not happened yet
    assert feb.active == (1, 0, None)
    assert feb.retention == (1.0, 0.0, None)
    assert feb.spend == (8.0, 0.0, None)


def test_cohorts_across_a_year_end_and_bad_visits():
    assert months_between(date(2024, 12, 1), date(2025, 1, 1)) == 1
    (dec,) = cohort_matrix(
        {"a": date(2024, 12, 31)}, [Visit("a", date(2025, 1, 1))], through=date(2025, 1, 9)
    )
    assert dec.active == (0, 1)
    with pytest.raises(ValueError, match="before joining"):
        cohort_matrix({"a": date(2025, 3, 3)}, [Visit("a", date(2025, 2, 1))], through=date(2025, 3, 9))
    assert cohort_matrix({}, [], through=date(2025, 3, 9)) == ()
