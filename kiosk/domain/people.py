"""Checking what people type in: names, emails, phones, search text, PINs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kiosk.domain.phones import FALLBACK_REGION, normalise_phone
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


_WORD_BREAK = re.compile(r"[\s\-'’.,]+")


def words_of(key: str) -> list[str]:
    """A search key's words; hyphens and apostrophes part them too ('Müller-Lüdenscheidt', 'O'Neill')."""
    return [w for w in _WORD_BREAK.split(key) if w]


def name_words(name_key: str) -> list[str]:
    """The distinct words of a search key, each of which a search may start with."""
    return sorted(set(words_of(name_key)))


def matches_words(name_key: str, query_key: str) -> bool:
    """Every word of the query starts a word of the name: 'jen ana' finds 'ana jensen'."""
    words = words_of(name_key)
    return all(any(w.startswith(q) for w in words) for q in words_of(query_key))


def normalise_email(text: str) -> str | None:
    stripped = text.strip()
    if len(stripped) > 254 or not _EMAIL.match(stripped):
        return None
    # stored lower-case: shops and customers treat "Zoe@" and "zoe@" as the same address
    return stripped.lower()


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch).startswith("C") for ch in text)


def check_new_customer(
    name: str, email: str | None, phone: str | None, marketing_consent: bool, region: str = FALLBACK_REGION
) -> NewCustomer | Refusal:
    checked = check_new_customer_fields(name, email, phone, marketing_consent, region)
    return checked[0] if isinstance(checked, tuple) else checked


def check_new_customer_fields(
    name: str, email: str | None, phone: str | None, marketing_consent: bool, region: str = FALLBACK_REGION
) -> NewCustomer | tuple[Refusal, ...]:
    """The customer as stored, or every field's problem at once (the form shows them together)."""
    problems: list[Refusal] = []
    clean_name = " ".join((name or "").split())
    if not clean_name:
        problems.append(invalid("Name", Problem.NAME_MISSING))
    elif len(clean_name) > MAX_NAME or _has_control(clean_name):
        problems.append(invalid("Name", Problem.NAME_TOO_LONG, max=MAX_NAME))
    clean_email = None
    if email and email.strip():
        clean_email = normalise_email(email)
        if clean_email is None:
            problems.append(invalid("Email", Problem.EMAIL_INVALID))
    clean_phone = None
    if phone and phone.strip():
        clean_phone = normalise_phone(phone, region)
        if clean_phone is None:
            problems.append(invalid("Phone", Problem.PHONE_INVALID))
    if problems:
        return tuple(problems)
    return NewCustomer(clean_name, clean_email, clean_phone, bool(marketing_consent))


def check_pin(pin: str) -> Refusal | None:
    if not (isinstance(pin, str) and pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8):
        return invalid("PIN", Problem.PIN_INVALID)
    return None
