"""Random bytes and text into the token parser: never a crash, never a token, always a clear reason."""

from hypothesis import given, settings
from hypothesis import strategies as st

import cardtoken
from cardtoken import TokenError, TokenProblem

BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def _decode_or_problem(text: str):
    try:
        return cardtoken.decode(text)
    except TokenError as exc:
        error = exc
    assert isinstance(error.problem, TokenProblem)  # every refusal names its reason
    assert str(error)
    return error.problem


@settings(max_examples=500)
@given(st.text(max_size=300))
def test_random_text_is_refused_with_a_reason(text):
    result = _decode_or_problem(text)
    if not isinstance(result, TokenProblem):
        assert len(text) == cardtoken.TOKEN_LEN


@settings(max_examples=300)
@given(st.binary(max_size=300))
def test_random_bytes_as_scanned_text_are_refused(data):
    _decode_or_problem(data.decode("latin-1"))


@settings(max_examples=200)
@given(st.text(alphabet=BASE32, min_size=cardtoken.TOKEN_LEN, max_size=cardtoken.TOKEN_LEN))
def test_well_formed_random_tokens_never_verify(text):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    result = _decode_or_problem(text)
    if isinstance(result, cardtoken.CardToken):
        public = cardtoken.public_key_bytes(Ed25519PrivateKey.generate())
        assert not cardtoken.verify(result, public)
