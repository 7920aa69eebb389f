"""Phone numbers in one form: E.164 ('+491711234567'), read with the shop's country as default.

A cashier types '0171 1234567', a customer says '+49 171 1234567': both are the same person. The
parsing rules of every country are Google's libphonenumber (the `phonenumbers` package), not ours.
Searching matches the end of the number, which is the same in every format a person writes it in.
"""

from __future__ import annotations

import phonenumbers
from babel import Locale, UnknownLocaleError

FALLBACK_REGION = "DE"
MIN_TAIL = 4  # fewer digits than this match too many people to be a search
_ALLOWED = frozenset("+0123456789 -()./\u00a0")


def regions() -> list[str]:
    """Every country libphonenumber knows, by its two-letter code."""
    return sorted(phonenumbers.SUPPORTED_REGIONS)


MAX_NAME_CHARS = 32  # a country's name in a choice list, at most


def region_choices(language: str) -> list[tuple[str, str]]:
    """(code, "Name (+calling code)") for every country, named in `language` ("en", "de") and
    sorted by that name: people look for "Deutschland", not for "DE"."""
    try:  # CLDR's names, through Babel (which the first run's currencies use too)
        names = Locale.parse(language).territories
    except (UnknownLocaleError, ValueError):
        names = Locale.parse("en").territories
    named = []
    for code in regions():
        name = names.get(code, "")
        if len(name) > MAX_NAME_CHARS:  # "St. Helena, Ascension und Tristan da Cunha"
            name = name[: MAX_NAME_CHARS - 1].rstrip(" ,") + "…"
        calling = phonenumbers.country_code_for_region(code)
        named.append((code, f"{name or code} (+{calling})"))
    return sorted(named, key=lambda choice: choice[1].casefold())


def is_region(code: str) -> bool:
    return isinstance(code, str) and code.upper() in phonenumbers.SUPPORTED_REGIONS


def normalise_phone(text: str, region: str = FALLBACK_REGION) -> str | None:
    """The number in E.164, or None when it cannot be a phone number of `region` (or of the
    country its +prefix names)."""
    stripped = (text or "").strip()
    if not stripped or any(ch not in _ALLOWED for ch in stripped) or "+" in stripped[1:]:
        return None
    try:
        number = phonenumbers.parse(stripped, region.upper() if is_region(region) else FALLBACK_REGION)
    except phonenumbers.NumberParseException:
        return None
    # libphonenumber allows very short numbers in some countries (two digits in Germany): a
    # customer's contact number has at least six
    if len(str(number.national_number)) < 6 or not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_reversed(phone: str | None) -> str | None:
    """The number's digits last to first: the store's index on it finds numbers by their end."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    return digits[::-1] or None


def search_tail(query: str, region: str = FALLBACK_REGION) -> str | None:
    """The end of a phone number that a search text stands for, reversed for the store's index;
    None when the text is not (part of) a phone number.

    A whole number matches on its national digits, so '0171 1234567' typed at a German till
    finds '+491711234567', and a number stored as typed before it was normalised still matches.
    Four or more digits alone match numbers that end in them."""
    stripped = (query or "").strip()
    if not stripped or any(ch not in _ALLOWED for ch in stripped):
        return None
    digits = "".join(ch for ch in stripped if ch.isdigit())
    if len(digits) < MIN_TAIL:
        return None
    whole = normalise_phone(stripped, region)
    if whole is not None and len(digits) >= 6:
        national = str(phonenumbers.parse(whole).national_number)
        return national[::-1]
    return digits[::-1]


def last_digits(phone: str | None, count: int = 4) -> str:
    """What a results list shows of a number: enough to tell two people apart, not the whole."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    return digits[-count:] if len(digits) > count else ""


def region_of(locale_name: str | None, zone_countries: dict[str, str], zone: str | None) -> str:
    """The shop's country: from the locale ('de_DE.UTF-8'), else from the time zone
    ('Europe/Berlin' -> DE in the tz database's zone.tab), else the fallback."""
    if locale_name:
        territory = locale_name.split(".")[0].split("@")[0].partition("_")[2]
        if is_region(territory):
            return territory.upper()
    if zone and is_region(zone_countries.get(zone, "")):
        return zone_countries[zone].upper()
    return FALLBACK_REGION
