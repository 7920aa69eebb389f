"""The numpy quintiles of cloud/rfm_scores.py are the shared rule's (loyalty_rules.rfm), for the
64-bit sums cloud/member_sums.py hands them (ties, repeats and spreads of every size)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from cloud.rfm_scores import _quintiles
from loyalty_rules.rfm import quintile_scores


@given(st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=80))
def test_quintiles_of_small_ints_are_the_shared_rule_s(values):
    assert _quintiles(np.array(values, dtype=np.int64)).tolist() == list(quintile_scores(values))


@given(st.lists(st.integers(min_value=0, max_value=2**62), min_size=1, max_size=40))
def test_quintiles_of_big_sums_are_the_shared_rule_s(values):
    assert _quintiles(np.array(values, dtype=np.int64)).tolist() == list(quintile_scores(values))


@given(st.lists(st.integers(min_value=20_251_206, max_value=20_251_306), min_size=1, max_size=120))
def test_quintiles_of_days_as_numbers_are_the_shared_rule_s(values):
    """Days as yyyymmdd: a narrow span far from 0 (counted once a list has a quarter as many
    values as its span, sorted otherwise: both ways here)."""
    assert _quintiles(np.array(values, dtype=np.int64)).tolist() == list(quintile_scores(values))


@given(st.lists(st.integers(min_value=-3, max_value=3), min_size=1, max_size=60))
def test_quintiles_of_a_narrow_span_with_negatives_are_the_shared_rule_s(values):
    assert _quintiles(np.array(values, dtype=np.int64)).tolist() == list(quintile_scores(values))
