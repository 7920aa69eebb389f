"""The CDNOW check: our BG/NBD and Gamma-Gamma fits reproduce the published estimates.

Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way", Marketing Science, fit BG/NBD
on the first 39 weeks of the CDNOW 1/10 sample: r = 0.243, α = 4.414, a = 0.793, b = 2.426,
LL = -9582.4. Their "RFM and CLV: Using Iso-Value Curves" (JMR 2005) fit Gamma-Gamma on the mean
spend per repeat transaction of the 946 customers with a repeat purchase: p = 6.25, q = 3.74,
γ = 15.44. The data lives in shared/testdata/cdnow beside the clone (see its README).
"""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from cloud.__main__ import main
from cloud.insights import bgnbd, gamma_gamma, holdout
from cloud.insights.bgnbd import BgNbdParams
from cloud.insights.gamma_gamma import GammaGammaParams
from cloud.insights.purchases import read_purchases, split

REPO = Path(__file__).resolve().parents[2]
PUBLISHED_BG_NBD = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
PUBLISHED_GAMMA_GAMMA = {"p": 6.25, "q": 3.74, "gamma": 15.44}


def _cdnow_file() -> Path:
    # shared/ sits beside the clone in CI and beside the checkout here (worktrees are one level
    # deeper), or wherever LOYALTY_KIOSK_TESTDATA points; missing data fails the run, never skips
    roots = [Path(os.environ["LOYALTY_KIOSK_TESTDATA"])] if "LOYALTY_KIOSK_TESTDATA" in os.environ else []
    roots += [parent / "shared" / "testdata" for parent in REPO.parents]
    for root in roots:
        if (root / "cdnow" / "CDNOW_sample.txt").is_file():
            return root / "cdnow" / "CDNOW_sample.txt"
    pytest.fail(
        "the CDNOW sample is missing: put shared/ beside the clone or set LOYALTY_KIOSK_TESTDATA "
        f"to its testdata folder (looked in {', '.join(str(r) for r in roots)})"
    )


@pytest.fixture(scope="module")
def cdnow() -> Path:
    return _cdnow_file()


@pytest.fixture(scope="module")
def calibration(cdnow):
    return split(read_purchases(cdnow), calibration_weeks=39)


def test_cohort_is_the_papers(calibration):
    h = calibration.histories
    assert len(h.customers) == 2357
    assert int((h.x > 0).sum()) == 946
    assert calibration.calibration_end.isoformat() == "1997-09-30"
    assert calibration.last_day.isoformat() == "1998-06-30"


def test_bg_nbd_reproduces_the_published_estimates(calibration):
    h = calibration.histories
    fitted = bgnbd.fit(h.x, h.t_x, h.T)
    assert fitted.converged
    got = {"r": fitted.params.r, "alpha": fitted.params.alpha, "a": fitted.params.a, "b": fitted.params.b}
    assert {name: round(value, 3) for name, value in got.items()} == PUBLISHED_BG_NBD
    assert round(fitted.log_likelihood, 1) == -9582.4


def test_likelihood_at_the_published_estimates(calibration):
    h = calibration.histories
    at_published = bgnbd.log_likelihood(BgNbdParams(**PUBLISHED_BG_NBD), h.x, h.t_x, h.T)
    fitted = bgnbd.fit(h.x, h.t_x, h.T)
    assert round(at_published, 1) == -9582.4
    # rounding the estimates to three decimals costs almost nothing, and never gains
    assert 0 <= fitted.log_likelihood - at_published < 0.01


@pytest.mark.parametrize(
    "start",
    [BgNbdParams(0.1, 0.1, 0.1, 0.1), BgNbdParams(5.0, 50.0, 5.0, 5.0), BgNbdParams(0.01, 100.0, 3.0, 0.5)],
)
def test_bg_nbd_fit_converges_from_other_starts(calibration, start):
    h = calibration.histories
    reference = bgnbd.fit(h.x, h.t_x, h.T).params
    fitted = bgnbd.fit(h.x, h.t_x, h.T, start=start)
    assert fitted.converged
    for name in PUBLISHED_BG_NBD:
        assert getattr(fitted.params, name) == pytest.approx(getattr(reference, name), rel=1e-5)


@pytest.mark.parametrize(
    "start",
    [GammaGammaParams(1.0, 1.0, 1.0), GammaGammaParams(0.1, 0.1, 0.1), GammaGammaParams(50.0, 2.0, 300.0)],
)
def test_gamma_gamma_reproduces_the_published_estimates_from_any_start(calibration, start):
    h = calibration.histories
    repeat = h.x > 0
    fitted = gamma_gamma.fit(h.x[repeat], h.m_x[repeat], start=start)
    assert fitted.converged
    assert fitted.customers == 946
    got = {"p": fitted.params.p, "q": fitted.params.q, "gamma": fitted.params.gamma}
    assert {name: round(value, 2) for name, value in got.items()} == PUBLISHED_GAMMA_GAMMA


def _holdout_transactions_counted_from_the_raw_file(path: Path) -> int:
    # independently of the reader: distinct (customer, day) pairs after the calibration's last day
    days = {tuple(line.split()[:3]) for line in path.read_text().splitlines() if line.strip()}
    return sum(1 for _customer, _sample, day in days if day > "19970930")


def test_clv_fit_command_prints_fits_and_the_holdout_check(cdnow, capsys):
    assert main(["clv-fit", str(cdnow), "--calibration-weeks", "39"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {k: round(out["bg_nbd"][k], 3) for k in PUBLISHED_BG_NBD} == PUBLISHED_BG_NBD
    assert {k: round(out["gamma_gamma"][k], 2) for k in PUBLISHED_GAMMA_GAMMA} == PUBLISHED_GAMMA_GAMMA
    assert round(out["bg_nbd"]["log_likelihood"], 1) == -9582.4
    assert out["customers"] == {
        "calibration_cohort": 2357,
        "with_repeat_purchase": 946,
        "first_purchase_after_calibration": 0,
    }
    forecast = out["holdout_forecast"]
    weeks = forecast["cumulative_repeat_transactions_by_week"]
    assert [w["week"] for w in weeks] == list(range(40, 79))
    actual = _holdout_transactions_counted_from_the_raw_file(cdnow)
    assert forecast["repeat_transactions"]["actual"] == weeks[-1]["actual"] == actual
    for key in ("expected", "expected_unconditional", "actual"):
        path = [w[key] for w in weeks]
        assert path == sorted(path)  # cumulative
    # the model tracks the holdout (the paper's point); weeks instead of days would be 7x off
    assert forecast["repeat_transactions"]["expected"] == pytest.approx(actual, rel=0.2)
    assert forecast["repeat_transactions"]["expected_unconditional"] == pytest.approx(actual, rel=0.2)
    assert forecast["spend"]["expected"] == pytest.approx(forecast["spend"]["actual"], rel=0.25)


def test_holdout_expectation_is_the_sum_of_each_customers(calibration):
    result = holdout.check(calibration)
    h = calibration.histories
    horizon = calibration.holdout_horizons()[-1]
    assert horizon == 39.0
    each = bgnbd.conditional_expected_transactions(result.visits.params, horizon, h.x, h.t_x, h.T)
    assert result.weeks[-1].expected == pytest.approx(each.sum(), rel=1e-12)


def _run(argv, capsys) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_clv_fit_refuses_bad_input_with_exit_code_2(tmp_path, cdnow, capsys):
    code, out, err = _run(["clv-fit", str(tmp_path / "nope.txt"), "--calibration-weeks", "39"], capsys)
    assert (code, out) == (2, "")
    assert "no such file" in err
    bad = tmp_path / "bad.txt"
    bad.write_text(cdnow.read_text().replace("19970118", "1997-01-18", 1), encoding="utf-8")
    code, out, err = _run(["clv-fit", str(bad), "--calibration-weeks", "39"], capsys)
    assert (code, out) == (2, "")
    assert "line 2: '1997-01-18' is not a date" in err
    for weeks, message in (("0", "at least 1 week"), ("78", "no holdout is left"), ("-3", "at least 1 week")):
        code, out, err = _run(["clv-fit", str(cdnow), "--calibration-weeks", weeks], capsys)
        assert (code, out) == (2, ""), weeks
        assert message in err
    with pytest.raises(SystemExit) as exited:
        main(["clv-fit", str(cdnow), "--calibration-weeks", "many"])
    assert exited.value.code == 2


def test_free_repeat_purchases_are_left_out_of_the_spend_fit(tmp_path, cdnow, capsys):
    # customer 00004 bought on 1997-01-01, then twice more in calibration: make both repeats free
    text = cdnow.read_text()
    for paid in (" 00004 0001 19970118  2   29.73", " 00004 0001 19970802  1   14.96"):
        assert paid in text
        text = text.replace(paid, paid.rsplit(" ", 1)[0] + " 0.00")
    free = tmp_path / "free.txt"
    free.write_text(text, encoding="utf-8")
    assert main(["clv-fit", str(free), "--calibration-weeks", "39"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["customers"]["with_repeat_purchase"] == 946
    assert out["gamma_gamma"]["customers"] == 945


def test_clv_fit_says_when_a_fit_runs_off_to_the_edge(tmp_path, capsys):
    # 20 clockwork customers, every week, none leaving: no maximum inside the parameter space
    start = date(2024, 1, 1)
    lines = [
        f"{c} {c} {start + timedelta(days=7 * week + c % 7):%Y%m%d} 1 {5 + c % 3}.00\n"
        for c in range(20)
        for week in range(30)
    ]
    regular = tmp_path / "regular.txt"
    regular.write_text("".join(lines), encoding="utf-8")
    code, out, err = _run(["clv-fit", str(regular), "--calibration-weeks", "20"], capsys)
    assert code == 1
    assert "ran to the edge" in err
    report = json.loads(out)  # still valid JSON: undefined numbers are null, never NaN
    assert report["bg_nbd"]["converged"] is False
    assert report["gamma_gamma"]["converged"] is False  # q → ∞: every customer spends alike
    assert report["customers"]["calibration_cohort"] == 20


def test_clv_fit_says_when_nothing_can_be_fitted(tmp_path, capsys):
    once = tmp_path / "once.txt"
    once.write_text("".join(f"{i} {i} 2020010{1 + i % 5} 1 5.00\n" for i in range(20)) + "0 0 20200301 1 1\n")
    code, out, err = _run(["clv-fit", str(once), "--calibration-weeks", "2"], capsys)
    assert (code, out) == (2, "")
    assert "no customer made a repeat purchase" in err
