"""The card token format: size, round trip, and every way a token can be wrong."""

from __future__ import annotations

import base64

import pytest
import segno
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

import cardtoken

KEY = Ed25519PrivateKey.generate()
PUBLIC = cardtoken.public_key_bytes(KEY)


def make(business_id=42, card_id=12_345_678_901, key_id=7) -> str:
    return cardtoken.encode(cardtoken.sign(KEY, business_id, card_id, key_id))


def test_round_trip_and_size():
    text = make()
    assert len(text) == cardtoken.TOKEN_LEN == 127
    assert set(text) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    token = cardtoken.decode(text)
    assert (token.business_id, token.card_id, token.key_id) == (42, 12_345_678_901, 7)
    assert cardtoken.verify(token, PUBLIC)


def test_fits_a_small_qr_code():
    qr = segno.make(make(), error="m", boost_error=False)
    assert qr.version <= 7
    assert qr.mode == "alphanumeric"


def test_every_single_character_change_is_caught():
    text = make()
    positions = [*range(0, len(text), 3), len(text) - 1]
    for i, replacement in [(i, r) for i in positions for r in "AB7"]:
        if text[i] == replacement:
            continue
        tampered = text[:i] + replacement + text[i + 1 :]
        try:
            token = cardtoken.decode(tampered)
        except cardtoken.TokenError:
            continue
        assert not cardtoken.verify(token, PUBLIC), f"change at {i} went unnoticed"


def test_other_key_fails():
    other = cardtoken.public_key_bytes(Ed25519PrivateKey.generate())
    assert not cardtoken.verify(cardtoken.decode(make()), other)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", cardtoken.TokenProblem.EMPTY),
        ("ABC", cardtoken.TokenProblem.WRONG_LENGTH),
        ("A" * 126, cardtoken.TokenProblem.WRONG_LENGTH),
        ("A" * 127, cardtoken.TokenProblem.MALFORMED),
        ("!" * 127, cardtoken.TokenProblem.BAD_CHARACTERS),
    ],
)
def test_bad_shapes(text, problem):
    with pytest.raises(cardtoken.TokenError) as err:
        cardtoken.decode(text)
    assert err.value.problem is problem


def test_lowercase_is_reported_not_guessed():
    with pytest.raises(cardtoken.TokenError) as err:
        cardtoken.decode(make().lower())
    assert err.value.problem is cardtoken.TokenProblem.LOWERCASE


def test_future_version_is_reported():
    text = make()
    # version 2 in the first byte: base32 of 0x02 starts with "AI"
    raw = bytearray(__import__("base64").b32decode(text + "=" * (-len(text) % 8)))
    raw[0] = 2
    bumped = __import__("base64").b32encode(bytes(raw)).decode().rstrip("=")
    with pytest.raises(cardtoken.TokenError) as err:
        cardtoken.decode(bumped)
    assert err.value.problem is cardtoken.TokenProblem.UNSUPPORTED_VERSION


@given(st.binary(min_size=78, max_size=78), st.integers(1, 7))
def test_decoding_reads_every_bit_and_refuses_any_spare_bit(rest, spare):
    """decode reads the text as one base-32 number; it must agree with RFC 4648 base32 on every
    byte, and a set bit among the last character's 3 unused ones is not a token."""
    raw = bytes([cardtoken.VERSION]) + rest
    text = base64.b32encode(raw).decode().rstrip("=")
    token = cardtoken.decode(text)
    assert token.payload + token.signature == raw
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    altered = text[:-1] + alphabet[alphabet.index(text[-1]) | spare]
    with pytest.raises(cardtoken.TokenError) as err:
        cardtoken.decode(altered)
    assert err.value.problem is cardtoken.TokenProblem.MALFORMED


@given(st.text(max_size=300))
def test_random_text_never_crashes(text):
    try:
        token = cardtoken.decode(text)
    except cardtoken.TokenError:
        return
    assert not cardtoken.verify(token, PUBLIC)


def test_card_numbers_round_trip_and_catch_typos():
    for card_id in (10**10, 12_345_678_901, cardtoken.CARD_ID_MAX - 1):
        number = cardtoken.format_card_number(card_id)
        assert len(number.replace(" ", "")) == 12
        assert cardtoken.parse_card_number(number) == card_id
        assert cardtoken.parse_card_number(number.replace(" ", "-")) == card_id
        digits = number.replace(" ", "")
        for i in range(11):
            wrong = digits[:i] + str((int(digits[i]) + 1) % 10) + digits[i + 1 :]
            with pytest.raises(cardtoken.CardNumberError):
                cardtoken.parse_card_number(wrong)


@given(st.integers(min_value=10**10, max_value=cardtoken.CARD_ID_MAX - 1))
def test_new_and_any_card_ids_have_numbers(card_id):
    assert cardtoken.parse_card_number(cardtoken.format_card_number(card_id)) == card_id
    assert 10**10 <= cardtoken.new_card_id() < cardtoken.CARD_ID_MAX


def test_small_order_keys_are_derived_and_refused():
    weak = cardtoken.small_order_keys()
    assert len(weak) == 8
    assert bytes(32) in weak  # the all-zero key
    assert b"\x01" + bytes(31) in weak  # the neutral point
    for key in weak:
        assert cardtoken.key_problem(key) is cardtoken.KeyProblem.SMALL_ORDER
        assert not cardtoken.is_usable_key(key)
    # under the all-zero key (order 4) and the neutral point a signature nobody made "verifies":
    # the reason they must be refused
    for key in (bytes(32), b"\x01" + bytes(31)):
        assert cardtoken.verify(cardtoken.decode(forge_with(key)), key)


def test_real_keys_pass_and_malformed_keys_have_a_reason():
    for _ in range(20):
        assert cardtoken.key_problem(cardtoken.public_key_bytes(Ed25519PrivateKey.generate())) is None
    assert cardtoken.key_problem(PUBLIC[:31]) is cardtoken.KeyProblem.WRONG_LENGTH
    p_plus_one = (2**255 - 19 + 1).to_bytes(32, "little")  # the neutral point spelled with y >= p
    assert cardtoken.key_problem(p_plus_one) is cardtoken.KeyProblem.NON_CANONICAL
    assert cardtoken.key_problem((2).to_bytes(32, "little")) is cardtoken.KeyProblem.NOT_ON_CURVE


def forge_with(public: bytes) -> str | None:
    """A token that passes `verify` under a small-order key with no private key at all (R small, S=0)."""
    for r in sorted(cardtoken.small_order_keys()):
        token = cardtoken.CardToken(42, 12_345_678_901, 7, r + bytes(32))
        if cardtoken.verify(token, public):
            return cardtoken.encode(token)
    return None
