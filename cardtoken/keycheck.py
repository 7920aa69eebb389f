"""Which Ed25519 public keys a kiosk may trust: never a small-order (weak) point.

A public key whose point has order 1, 2, 4 or 8 (32 zero bytes is one of them) makes
verification meaningless: a "signature" can be made without any private key. Pairing
must refuse such a key and a kiosk must not trust one it pulled, so the test is here,
once, for both sides. Pure arithmetic on the curve -x^2 + y^2 = 1 + d*x^2*y^2 over
GF(2^255 - 19) (RFC 8032, section 5.1); the small-order encodings are derived, not listed.
"""

from __future__ import annotations

import enum
import functools

_P = 2**255 - 19
_D = -121665 * pow(121666, -1, _P) % _P
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)
_L = 2**252 + 27742317777372353535851937790883648493  # order of the prime subgroup
_IDENTITY = (0, 1)
KEY_LEN = 32


class KeyProblem(enum.Enum):
    """Why a public key is refused."""

    WRONG_LENGTH = "wrong_length"
    NOT_ON_CURVE = "not_on_curve"
    NON_CANONICAL = "non_canonical"  # y >= p or "-0": an honest key never looks like this
    SMALL_ORDER = "small_order"  # signatures under it prove nothing (includes all-zero)


def _add(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    # complete twisted Edwards addition (a = -1, d not a square): no exceptional cases
    x1, y1 = a
    x2, y2 = b
    t = _D * x1 * x2 * y1 * y2 % _P
    x3 = (x1 * y2 + y1 * x2) * pow(1 + t, -1, _P)
    y3 = (y1 * y2 + x1 * x2) * pow(1 - t, -1, _P)
    return x3 % _P, y3 % _P


def _times(point: tuple[int, int], n: int) -> tuple[int, int]:
    result = _IDENTITY
    while n:
        if n & 1:
            result = _add(result, point)
        point = _add(point, point)
        n >>= 1
    return result


def _decode(raw: bytes) -> tuple[int, int] | KeyProblem:
    if len(raw) != KEY_LEN:
        return KeyProblem.WRONG_LENGTH
    number = int.from_bytes(raw, "little")
    sign, y = number >> 255, number & ((1 << 255) - 1)
    if y >= _P:
        return KeyProblem.NON_CANONICAL
    u = (y * y - 1) * pow(_D * y * y + 1, -1, _P) % _P  # x^2
    x = pow(u, (_P + 3) // 8, _P)
    if x * x % _P != u:
        x = x * _SQRT_M1 % _P
    if x * x % _P != u:
        return KeyProblem.NOT_ON_CURVE
    if x == 0 and sign:
        return KeyProblem.NON_CANONICAL
    if x & 1 != sign:
        x = _P - x
    return x, y


def _encode(point: tuple[int, int]) -> bytes:
    x, y = point
    return (y | (x & 1) << 255).to_bytes(KEY_LEN, "little")


@functools.lru_cache(maxsize=1024)  # a kiosk checks its few keys on every scan
def key_problem(raw: bytes) -> KeyProblem | None:
    """None when `raw` is a key signatures can be checked against; otherwise why not."""
    point = _decode(bytes(raw))
    if isinstance(point, KeyProblem):
        return point
    if _times(point, 8) == _IDENTITY:  # the point's order divides the cofactor 8
        return KeyProblem.SMALL_ORDER
    return None


def is_usable_key(raw: bytes) -> bool:
    return key_problem(raw) is None


@functools.cache
def small_order_keys() -> frozenset[bytes]:
    """The 8 canonical encodings of points of order 1, 2, 4 and 8, derived from the curve.

    Multiplying any point by L leaves only its small-order part; the first point whose part
    has order 8 generates all eight.
    """
    y = 2
    while True:
        point = _decode(y.to_bytes(KEY_LEN, "little"))
        y += 1
        if isinstance(point, KeyProblem):
            continue
        torsion = _times(point, _L)
        if _times(torsion, 4) != _IDENTITY:
            return frozenset(_encode(_times(torsion, k)) for k in range(8))
