"""The join form: what a customer typed, checked field by field. Pure: no database, no clock.

A field's problem is a `FieldProblem`; the page words it in the visitor's language next to the
field and shows the form again with everything she typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

import phonenumbers

NAME_MAX = 200
EMAIL_MAX = 320
PHONE_MAX = 40
REFERRAL_MAX = 64
# one @, something on each side, a dot in the domain, no spaces: typos, not deliverability
EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


class Field(StrEnum):
    NAME = "name"
    EMAIL = "email"
    PHONE = "phone"
    CONSENT = "consent"
    REFERRAL = "referral"


class FieldProblem(StrEnum):
    NAME_MISSING = "name_missing"
    TOO_LONG = "too_long"
    CONTACT_MISSING = "contact_missing"
    EMAIL_INVALID = "email_invalid"
    PHONE_INVALID = "phone_invalid"
    CONSENT_MISSING = "consent_missing"
    CONTROL_CHARACTERS = "control_characters"


@dataclass(frozen=True)
class JoinForm:
    """The form as posted (every text as typed; the page shows them again on a problem)."""

    name: str = ""
    email: str = ""
    phone: str = ""
    consent: bool = False
    referral: str = ""
    honeypot: str = ""  # a field people never see: a bot that fills it in is answered politely

    @property
    def is_bot(self) -> bool:
        return bool(self.honeypot.strip())


@dataclass(frozen=True)
class CleanJoin:
    """A form without problems: trimmed name, lower-cased email, E.164 phone, referral as given."""

    name: str
    email: str | None
    phone: str | None
    referral: str | None


def _has_control(text: str) -> bool:
    return any(ord(ch) < 32 or ord(ch) == 127 for ch in text)


def phone_e164(text: str, region: str | None) -> str | None:
    """The number in E.164 (+4930...), or None when it is not a valid number. Without a leading +
    the number is read as one of `region` (the page's country, e.g. DE)."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def check(form: JoinForm, region: str | None) -> tuple[CleanJoin | None, dict[Field, FieldProblem]]:
    """The cleaned form, or None and each field's problem."""
    problems: dict[Field, FieldProblem] = {}
    name, email, phone, referral = (
        form.name.strip(),
        form.email.strip(),
        form.phone.strip(),
        form.referral.strip(),
    )
    for field, text, limit in (
        (Field.NAME, name, NAME_MAX),
        (Field.EMAIL, email, EMAIL_MAX),
        (Field.PHONE, phone, PHONE_MAX),
        (Field.REFERRAL, referral, REFERRAL_MAX),
    ):
        if len(text) > limit:
            problems[field] = FieldProblem.TOO_LONG
        elif _has_control(text):
            problems[field] = FieldProblem.CONTROL_CHARACTERS
    if not name:
        problems.setdefault(Field.NAME, FieldProblem.NAME_MISSING)
    if not email and not phone:
        problems.setdefault(Field.EMAIL, FieldProblem.CONTACT_MISSING)
    if email and not EMAIL_SHAPE.match(email):
        problems.setdefault(Field.EMAIL, FieldProblem.EMAIL_INVALID)
    e164 = phone_e164(phone, region) if phone and Field.PHONE not in problems else None
    if phone and e164 is None:
        problems.setdefault(Field.PHONE, FieldProblem.PHONE_INVALID)
    if not form.consent:
        problems[Field.CONSENT] = FieldProblem.CONSENT_MISSING
    if problems:
        return None, problems
    return CleanJoin(name, email.lower() or None, e164, referral or None), {}
