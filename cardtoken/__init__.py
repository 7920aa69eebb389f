"""The card token: what a loyalty QR code holds, shared by the kiosk and the cloud.

Both sides must encode and verify byte-for-byte the same format, so it lives in this
one small package instead of being written twice (see DESIGN.md, "Card tokens").
Pure computation only: no I/O, no clock.
"""

from cardtoken.codec import (
    PAYLOAD_LEN,
    SIGNATURE_LEN,
    TOKEN_LEN,
    VERSION,
    CardToken,
    TokenError,
    TokenProblem,
    decode,
    encode,
    public_key_bytes,
    sign,
    verify,
)
from cardtoken.keycheck import KeyProblem, is_usable_key, key_problem, small_order_keys
from cardtoken.number import (
    CARD_ID_MAX,
    CardNumberError,
    format_card_number,
    new_card_id,
    parse_card_number,
)

__all__ = [
    "CARD_ID_MAX",
    "PAYLOAD_LEN",
    "SIGNATURE_LEN",
    "TOKEN_LEN",
    "VERSION",
    "CardNumberError",
    "CardToken",
    "KeyProblem",
    "TokenError",
    "TokenProblem",
    "decode",
    "encode",
    "format_card_number",
    "is_usable_key",
    "key_problem",
    "new_card_id",
    "parse_card_number",
    "public_key_bytes",
    "sign",
    "small_order_keys",
    "verify",
]
