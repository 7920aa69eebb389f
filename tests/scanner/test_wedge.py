from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.scanner.wedge import (
    ReleasedKeys,
    SpecialKey,
    WedgeKey,
    WedgeParser,
    WedgeScan,
    WedgeSettings,
    layout_mismatch,
    layout_variants,
)

TOKEN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" * 3


def burst(text: str, start: float = 0.0, gap: float = 0.004, end: SpecialKey = SpecialKey.ENTER):
    keys = [WedgeKey(ch, start + i * gap) for i, ch in enumerate(text)]
    keys.append(WedgeKey("", start + len(text) * gap, end))
    return keys


def feed_all(parser: WedgeParser, keys) -> list:
    out = []
    for key in keys:
        out += parser.feed(key)
    return out


def released_text(results) -> str:
    return "".join(k.text for r in results if isinstance(r, ReleasedKeys) for k in r.keys)


def scans(results) -> list[str]:
    return [r.text for r in results if isinstance(r, WedgeScan)]


def test_a_scanner_burst_is_one_scan_and_nothing_is_typed():
    results = feed_all(WedgeParser(), burst(TOKEN))
    assert scans(results) == [TOKEN]
    assert released_text(results) == ""


@pytest.mark.parametrize("end", [SpecialKey.ENTER, SpecialKey.TAB])
def test_enter_or_tab_ends_a_scan(end):
    assert scans(feed_all(WedgeParser(), burst("482109375516", end=end))) == ["482109375516"]


def test_human_typing_is_released_key_by_key():
    parser = WedgeParser(WedgeSettings(max_gap_s=0.05))
    keys = [WedgeKey(ch, i * 0.18) for i, ch in enumerate("hello")]
    results = feed_all(parser, keys) + parser.poll(10.0)
    assert released_text(results) == "hello"
    assert scans(results) == []
    # each key was given back when the next one showed it was too slow, not all at the end
    assert [len(r.keys) for r in results] == [1, 1, 1, 1, 1]


def test_human_enter_after_slow_typing_is_typing():
    parser = WedgeParser()
    keys = [WedgeKey(ch, i * 0.2) for i, ch in enumerate("abc")] + [WedgeKey("", 0.6, SpecialKey.ENTER)]
    results = feed_all(parser, keys)
    assert scans(results) == []
    assert released_text(results) == "abc"
    assert results[-1].keys[-1].special is SpecialKey.ENTER


def test_too_short_a_burst_is_typing():
    results = feed_all(WedgeParser(), burst("ab"))
    assert scans(results) == []
    assert released_text(results) == "ab"


def test_a_held_key_is_released_when_its_gap_runs_out():
    parser = WedgeParser(WedgeSettings(max_gap_s=0.05))
    assert parser.feed(WedgeKey("x", 1.0)) == []
    assert parser.deadline() == pytest.approx(1.05)
    assert parser.poll(1.04) == []
    assert released_text(parser.poll(1.06)) == "x"
    assert not parser.holding


def test_a_pause_inside_a_burst_splits_it():
    keys = burst("ABCDEF")
    keys[3] = WedgeKey("D", 0.5)  # a long pause before D
    keys[4:] = [WedgeKey(k.text, k.at + 0.5, k.special) for k in keys[4:]]
    results = feed_all(WedgeParser(), keys)
    assert released_text(results) == "ABC"
    assert scans(results) == ["DEF"]


def test_special_keys_break_a_burst():
    keys = [*burst("ABCD")[:4], WedgeKey("", 0.017, SpecialKey.OTHER)]
    results = feed_all(WedgeParser(), keys)
    assert released_text(results) == "ABCD"
    assert scans(results) == []


def test_prefix_and_suffix_are_required_and_stripped():
    parser = WedgeParser(WedgeSettings(prefix="]Q", suffix="#"))
    assert scans(feed_all(parser, burst("]QTOKEN#"))) == ["TOKEN"]
    results = feed_all(parser, burst("TOKEN#", start=5.0))
    assert scans(results) == []
    assert released_text(results) == "TOKEN#"


def test_wrong_first_key_of_a_prefix_is_released_at_once():
    parser = WedgeParser(WedgeSettings(prefix="]Q"))
    assert released_text(parser.feed(WedgeKey("a", 0.0))) == "a"


def test_settings_are_checked():
    with pytest.raises(ValueError):
        WedgeSettings(max_gap_s=0)
    with pytest.raises(ValueError):
        WedgeSettings(min_length=0)


def test_layout_variants_swap_y_and_z_for_a_us_scanner_on_a_german_keymap():
    assert layout_variants("ABC234") == ["ABC234"]
    assert layout_variants("AYZ") == ["AYZ", "AZY"]
    assert layout_variants("4821ß0937") == ["4821ß0937", "4821-0937"]
    assert layout_mismatch("AYZ", "AYZ") is None
    note = layout_mismatch("AYZ", "AZY")
    assert note is not None
    assert "Y and Z" in note.message


def test_layout_variant_recovers_a_signed_token():
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    import cardtoken

    key = Ed25519PrivateKey.generate()
    public = cardtoken.public_key_bytes(key)
    for card_id in range(1, 50):  # find a token with a Y or Z in it
        text = cardtoken.encode(cardtoken.sign(key, 1, card_id, 1))
        if "Y" in text or "Z" in text:
            break
    typed = text.translate(str.maketrans("YZ", "ZY"))  # what the mismatched scanner typed

    def verifies(candidate: str) -> bool:
        try:
            return cardtoken.verify(cardtoken.decode(candidate), public)
        except cardtoken.TokenError:  # the swapped text may not even parse: that is a refusal too
            return False

    valid = [v for v in layout_variants(typed) if verifies(v)]
    assert valid == [text]
    assert layout_mismatch(typed, valid[0]) is not None


key_events = st.builds(
    WedgeKey,
    text=st.one_of(st.text(max_size=3), st.sampled_from(["A", "7", "\n", "\x00", "ß"])),
    at=st.floats(min_value=0, max_value=1e6, allow_nan=False),
    special=st.one_of(st.none(), st.sampled_from(SpecialKey)),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(key_events, max_size=60))
def test_random_key_streams_never_crash_and_lose_no_key(events):
    parser = WedgeParser()
    events = sorted(events, key=lambda k: k.at)
    results = feed_all(parser, events) + parser.poll(float("inf"))
    delivered = [k for r in results for k in r.keys]
    assert delivered == events  # every key is either typing or part of exactly one scan
    for r in results:
        if isinstance(r, WedgeScan):
            assert len(r.text) >= 3


@given(st.text(max_size=200))
def test_layout_variants_never_crash(text):
    variants = layout_variants(text)
    assert variants[0] == text
    assert len(variants) <= 2
