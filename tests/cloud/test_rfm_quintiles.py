"""The numpy quintiles of cloud/rfm_scores.py are the shared rule's (loyalty_rules.rfm), also for
spend sums past what an int64 holds (kept as Python ints then)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cloud.rfm_scores import _int_array, _quintiles
from loyalty_rules.rfm import quintile_scores


@given(st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=80))
def test_quintiles_of_small_ints_are_the_shared_rule_s(values):
    assert _quintiles(_int_array(values)).tolist() == list(quintile_scores(values))


@given(st.lists(st.integers(min_value=0, max_value=2**70), min_size=1, max_size=40))
def test_quintiles_of_sums_past_int64_are_the_shared_rule_s(values):
    array = _int_array([*values, 2**64])  # one sum that does not fit: the whole column stays exact
    assert array.dtype == object
    assert _quintiles(array).tolist() == list(quintile_scores([*values, 2**64]))
