"""Checking what people type in: names, emails, phones, search text, PINs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kiosk.domain.problems import Problem, invalid
from kiosk.domain.refusals import Refusal

MAX_NAME = 100
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")


@dataclass(frozen=True, slots=True)
class NewCustomer:
    name: str
    email: str | None
    phone: str | None
    marketing_consent: bool


def search_key(text: str) -> str:
    """Lower case, accents removed, spaces collapsed: 'Zoë  Müller' -> 'zoe muller'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def normalise_phone(text: str) -> str | None:
    """Digits only, with a leading + kept; None when it cannot be a phone number."""
    stripped = text.strip()
    if not stripped or any(ch not in "+0123456789 -().\u00a0" for ch in stripped):
        return None
    if "+" in stripped[1:]:
        return None
    digits = "".join(ch for ch in stripped if ch.isdigit())
    if not 6 <= len(digits) <= 15:
        return None
    return ("+" if stripped.startswith("+") else "") + digits


def normalise_email(text: str) -> str | None:
    stripped = text.strip()
    if len(stripped) > 254 or not _EMAIL.match(stripped):
        return None
    # stored lower-case: shops and customers treat "Zoe@" and "zoe@" as the same address
    return stripped.lower()


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch).startswith("C") for ch in text)


def check_new_customer(
    name: str, email: str | None, phone: str | None, marketing_consent: bool
) -> NewCustomer | Refusal:
    clean_name = " ".join((name or "").split())
    if not clean_name:
        return invalid("Name", Problem.NAME_MISSING)
    if len(clean_name) > MAX_NAME or _has_control(clean_name):
        return invalid("Name", Problem.NAME_TOO_LONG, max=MAX_NAME)
    clean_email = None
    if email and email.strip():
        clean_email = normalise_email(email)
        if clean_email is None:
            return invalid("Email", Problem.EMAIL_INVALID)
    clean_phone = None
    if phone and phone.strip():
        clean_phone = normalise_phone(phone)
        if clean_phone is None:
            return invalid("Phone", Problem.PHONE_INVALID)
    return NewCustomer(clean_name, clean_email, clean_phone, bool(marketing_consent))


def check_pin(pin: str) -> Refusal | None:
    if not (isinstance(pin, str) and pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8):
        return invalid("PIN", Problem.PIN_INVALID)
    return None
