"""Reading a purchase file into calibration histories and holdout counts, checked by hand."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from cloud.insights.purchases import PurchaseFileError, parse_purchases, read_purchases, split

# weeks count from the file's first day, 2001-01-01; 2 calibration weeks = 01-01 … 01-14
SMALL = """\
A 1 20010101 1 10.00
A 1 20010101 2 5.00
A 1 20010108 1 20.00
A 1 20010111 1 40.00
B 2 20010103 1 7.50

C 3 20010114 1 3.00
A 1 20010115 1 1.00
B 2 20010121 1 2.00
B 2 20010122 1 4.00
B 2 20010125 1 8.00
D 4 20010120 1 9.00
"""


def test_small_file_by_hand():
    result = split(parse_purchases(SMALL.splitlines()), calibration_weeks=2)
    h = result.histories
    assert (result.start, result.calibration_end, result.last_day) == (
        date(2001, 1, 1),
        date(2001, 1, 14),
        date(2001, 1, 25),
    )
    assert result.calibration_weeks == 2
    assert h.customers == ("A", "B", "C")  # D first bought after calibration: not in the cohort
    assert result.later_customers == 1
    # A: transactions on days 0 (two purchases: one transaction of 15.00), 7 and 10
    #    → x = 2, t_x = 10/7, T = 13/7, m_x = (20 + 40)/2
    # B: one purchase on day 2 → x = 0, T = 11/7;  C: on the calibration's last day, day 13 → T = 0
    assert h.x.tolist() == [2, 0, 0]
    assert h.t_x == pytest.approx([10 / 7, 0, 0])
    assert pytest.approx([13 / 7, 11 / 7, 0.0]) == h.T
    assert h.m_x == pytest.approx([30.0, 0.0, 0.0])
    # holdout: days 14 (Jan 15) … 24 (Jan 25) = 11 days = weeks of 7 and 4 days
    assert result.holdout_days == 11
    assert result.holdout_horizons() == pytest.approx([1.0, 11 / 7])
    # A on Jan 15 (holdout day 1, week 1); B on Jan 21 (day 7, week 1), 22 and 25 (week 2)
    assert result.holdout_weekly.tolist() == [[1, 0], [1, 2], [0, 0]]
    assert result.holdout_spend == pytest.approx([1.0, 14.0, 0.0])


def test_a_customers_same_day_purchases_are_one_transaction():
    lines = ["X 1 20200301 1 2.00", "X 1 20200301 1 3.00", "X 1 20200305 1 4.00", "Y 2 20200320 1 1"]
    h = split(parse_purchases(lines), calibration_weeks=1).histories
    assert h.x.tolist() == [1]
    assert h.m_x.tolist() == [4.0]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("A 1 20010101 1", "line 1: expected 5 fields"),
        ("A 1 2001-01-01 1 3.00", "line 1: '2001-01-01' is not a date"),
        ("A 1 20010230 1 3.00", "line 1: '20010230' is not a date"),
        ("A 1 2001013 1 3.00", "line 1: '2001013' is not a date"),  # strptime alone reads 2001-01-03
        ("A 1 20010101 one 3.00", "line 1: quantity 'one' is not a whole number"),
        ("A 1 20010101 1 $3", r"line 1: amount '\$3' is not a number"),
        ("A 1 20010101 1 -3", "line 1: quantity and amount must be ≥ 0"),
        ("A 1 20010101 1 nan", "line 1: quantity and amount must be ≥ 0"),
    ],
)
def test_malformed_lines_are_named(line, message):
    with pytest.raises(PurchaseFileError, match=message):
        parse_purchases([line])


def test_the_first_bad_line_is_the_one_reported():
    with pytest.raises(PurchaseFileError, match="line 3:"):
        parse_purchases(["A 1 20010101 1 1", "", "A 1 2001013 1 1", "bad"])


def test_files_that_cannot_be_read(tmp_path):
    with pytest.raises(PurchaseFileError, match="no such file"):
        read_purchases(tmp_path / "missing.txt")
    with pytest.raises(PurchaseFileError, match="is a directory"):
        read_purchases(tmp_path)
    (tmp_path / "empty.txt").write_text("\n\n", encoding="utf-8")
    with pytest.raises(PurchaseFileError, match="holds no purchases"):
        read_purchases(tmp_path / "empty.txt")
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\x00\x01")
    with pytest.raises(PurchaseFileError, match="not a text file"):
        read_purchases(tmp_path / "binary.txt")


def test_a_calibration_period_the_data_cannot_hold_is_refused():
    purchases = parse_purchases(SMALL.splitlines())  # 25 days
    with pytest.raises(PurchaseFileError, match="at least 1 week"):
        split(purchases, 0)
    # 4 weeks end after the last day; 3 weeks (to Jan 21) still leave a holdout
    with pytest.raises(PurchaseFileError, match=r"no holdout is left.*fewer than 4 weeks"):
        split(purchases, 4)
    assert split(purchases, 3).holdout_days == 4
    assert np.sum(split(purchases, 3).holdout_weekly) == 2  # B on Jan 22 and 25
