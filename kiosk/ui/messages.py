"""Refusals in the cashier's language. The domain's English message is the fallback; every text
is a whole translatable sentence with named placeholders, never pieces glued together."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from kiosk.domain.problems import Problem
from kiosk.domain.refusals import Reason, Refusal, StorageProblem

_CONTEXT = "Refusal"

_TEXTS: dict[Reason, str] = {
    Reason.EMPTY_CODE: QT_TRANSLATE_NOOP("Refusal", "Nothing was scanned. Try again."),
    Reason.CODE_TOO_LONG: QT_TRANSLATE_NOOP("Refusal", "That code is far too long to be a loyalty card."),
    Reason.BINARY_CODE: QT_TRANSLATE_NOOP("Refusal", "That code holds unreadable characters."),
    Reason.NOT_A_CARD_CODE: QT_TRANSLATE_NOOP("Refusal", "That is not a loyalty card code."),
    Reason.TRUNCATED_TOKEN: QT_TRANSLATE_NOOP("Refusal", "Only part of the code was read. Scan again."),
    Reason.LOWERCASE_TOKEN: QT_TRANSLATE_NOOP(
        "Refusal", "The scanner changed the letters' case. Check the scanner and scan again."
    ),
    Reason.UNSUPPORTED_VERSION: QT_TRANSLATE_NOOP(
        "Refusal", "This card comes from a newer version of the app. Update the kiosk."
    ),
    Reason.BAD_CHECK_DIGIT: QT_TRANSLATE_NOOP("Refusal", "That card number has a typo: check the digits."),
    Reason.FORGED_TOKEN: QT_TRANSLATE_NOOP("Refusal", "This card's signature is not valid."),
    Reason.WRONG_BUSINESS: QT_TRANSLATE_NOOP("Refusal", "This card belongs to another business."),
    Reason.UNKNOWN_KEY: QT_TRANSLATE_NOOP(
        "Refusal", "This card was issued by a device this kiosk does not know yet. Sync and try again."
    ),
    Reason.REVOKED_KEY: QT_TRANSLATE_NOOP(
        "Refusal",
        "This card's code comes from a kiosk taken out of service. "
        "A manager can make a new QR code for the card under Customers.",
    ),
    Reason.UNSAFE_KEY: QT_TRANSLATE_NOOP(
        "Refusal",
        "This card's code names an unsafe signing key (one anybody can forge with). "
        "It is refused; tell the owner.",
    ),
    Reason.UNKNOWN_CARD: QT_TRANSLATE_NOOP("Refusal", "No card with this code is on this kiosk."),
    Reason.CARD_REVOKED: QT_TRANSLATE_NOOP("Refusal", "This card has been revoked."),
    Reason.PROGRAM_PAUSED: QT_TRANSLATE_NOOP("Refusal", "The offer {program} is paused."),
    Reason.PROGRAM_NOT_STARTED: QT_TRANSLATE_NOOP("Refusal", "The offer {program} has not started yet."),
    Reason.PROGRAM_ENDED: QT_TRANSLATE_NOOP("Refusal", "The offer {program} has ended."),
    Reason.COOLDOWN: QT_TRANSLATE_NOOP(
        "Refusal", "This card was just stamped. Wait {seconds} s before stamping again."
    ),
    Reason.BAD_QUANTITY: QT_TRANSLATE_NOOP("Refusal", "Quantity must be a whole number of at least 1."),
    Reason.OVER_VISIT_LIMIT: QT_TRANSLATE_NOOP("Refusal", "At most {limit} stamps per visit for {program}."),
    Reason.NOT_ENOUGH_UNITS: QT_TRANSLATE_NOOP("Refusal", "Not enough stamps yet: {units} of {required}."),
    Reason.OFFLINE_REDEMPTION_CAP: QT_TRANSLATE_NOOP(
        "Refusal", "This card already has {count} rewards redeemed offline. Wait until the kiosk is online."
    ),
    Reason.NOTHING_TO_UNDO: QT_TRANSLATE_NOOP("Refusal", "There is nothing to undo on this card."),
    Reason.UNDO_WINDOW_PASSED: QT_TRANSLATE_NOOP(
        "Refusal", "Too late to undo: that was more than {seconds} s ago."
    ),
    Reason.UNDO_WOULD_GO_NEGATIVE: QT_TRANSLATE_NOOP(
        "Refusal", "Cannot undo: the stamps have already been used for a reward."
    ),
    Reason.DUPLICATE: QT_TRANSLATE_NOOP("Refusal", "This already exists: {what}."),
    Reason.NOT_ALLOWED: QT_TRANSLATE_NOOP("Refusal", "Your role cannot do this."),
    Reason.NOT_SIGNED_IN: QT_TRANSLATE_NOOP("Refusal", "Sign in first."),
    Reason.LOCKED_OUT: QT_TRANSLATE_NOOP("Refusal", "Too many wrong PINs. Try again in {seconds} s."),
    Reason.WRONG_PIN: QT_TRANSLATE_NOOP("Refusal", "Wrong PIN."),
    Reason.STORAGE_FAILED: QT_TRANSLATE_NOOP("Refusal", "Could not save: {problem}. Nothing was recorded."),
}

# a full disk or read-only media is not damage: say so, and what to do, in the cashier's language
_STORAGE_TEXTS = {
    StorageProblem.FULL: QT_TRANSLATE_NOOP(
        "Refusal",
        "The disk is full ({free_mb} MB free in {folder}). Nothing was recorded; everything recorded "
        "before is safe. Ask a manager to free space on that disk (e.g. old backups), then scan again.",
    ),
    StorageProblem.READ_ONLY: QT_TRANSLATE_NOOP(
        "Refusal",
        "The kiosk's folder {folder} cannot be written to (read-only storage). Nothing was recorded; "
        "everything recorded before is safe. Ask a manager to fix the storage, then scan again.",
    ),
}

# INVALID_INPUT names a field and a Problem (kiosk.domain.problems); both are translated here
_FIELDS = {
    "Name": QT_TRANSLATE_NOOP("Refusal", "Name"),
    "Email": QT_TRANSLATE_NOOP("Refusal", "Email"),
    "Phone": QT_TRANSLATE_NOOP("Refusal", "Phone"),
    "PIN": QT_TRANSLATE_NOOP("Refusal", "PIN"),
    "Search": QT_TRANSLATE_NOOP("Refusal", "Search"),
    "Stamps": QT_TRANSLATE_NOOP("Refusal", "Stamps"),
    "Reason": QT_TRANSLATE_NOOP("Refusal", "Reason"),
    "Offer": QT_TRANSLATE_NOOP("Refusal", "Offer"),
    "Staff": QT_TRANSLATE_NOOP("Refusal", "Staff"),
    "Kiosk": QT_TRANSLATE_NOOP("Refusal", "Kiosk"),
    "Days": QT_TRANSLATE_NOOP("Refusal", "Days"),
    "Customer": QT_TRANSLATE_NOOP("Refusal", "Customer"),
}
# Each problem's English text is its own source string, so lupdate and the .ts files see them all.
_PROBLEM_CONTEXT = "Problem"
_PROBLEMS = {
    Problem.NAME_MISSING: QT_TRANSLATE_NOOP("Problem", "enter the customer's name"),
    Problem.NAME_TOO_LONG: QT_TRANSLATE_NOOP("Problem", "at most {max} ordinary characters"),
    Problem.EMAIL_INVALID: QT_TRANSLATE_NOOP("Problem", "that is not an email address"),
    Problem.PHONE_INVALID: QT_TRANSLATE_NOOP("Problem", "use digits, spaces and an optional +"),
    Problem.COUNTRY_UNKNOWN: QT_TRANSLATE_NOOP("Problem", "choose a country from the list"),
    Problem.PIN_INVALID: QT_TRANSLATE_NOOP("Problem", "4 to 8 digits"),
    Problem.STAFF_NAME_INVALID: QT_TRANSLATE_NOOP("Problem", "1 to 100 characters"),
    Problem.NO_SUCH_STAFF: QT_TRANSLATE_NOOP("Problem", "no such person"),
    Problem.LAST_OWNER: QT_TRANSLATE_NOOP("Problem", "the shop needs at least one active owner"),
    Problem.NO_SUCH_OFFER: QT_TRANSLATE_NOOP("Problem", "no such offer"),
    Problem.NO_RUNNING_OFFER: QT_TRANSLATE_NOOP("Problem", "no offer is running; create one first"),
    Problem.CHOOSE_RUNNING_OFFER: QT_TRANSLATE_NOOP("Problem", "choose at least one running offer"),
    Problem.SEARCH_EMPTY: QT_TRANSLATE_NOOP("Problem", "type something to search"),
    Problem.SEARCH_TOO_LONG: QT_TRANSLATE_NOOP("Problem", "too long"),
    Problem.ADJUST_UNITS: QT_TRANSLATE_NOOP("Problem", "a whole number from -{max} to {max}, not 0"),
    Problem.ADJUST_REASON: QT_TRANSLATE_NOOP("Problem", "say why, in at most 200 characters"),
    Problem.BALANCE_NEGATIVE: QT_TRANSLATE_NOOP("Problem", "the balance cannot go below zero"),
    Problem.NO_ISSUING_KEY: QT_TRANSLATE_NOOP("Problem", "no key to issue cards; finish the set-up first"),
    Problem.REPORT_DAYS: QT_TRANSLATE_NOOP("Problem", "a report covers 1 to {max} days"),
    Problem.NO_SUCH_CUSTOMER: QT_TRANSLATE_NOOP("Problem", "no such customer"),
    Problem.ERASE_IN_THE_CLOUD: QT_TRANSLATE_NOOP(
        "Problem",
        "this kiosk is paired with the cloud, which holds the customer's data: erase the customer in "
        "the cloud; this kiosk applies it at its next sync",
    ),
    Problem.OFFER_NAME_MISSING: QT_TRANSLATE_NOOP(
        "Problem", "Give the offer a name customers will recognise."
    ),
    Problem.OFFER_NAME_TOO_LONG: QT_TRANSLATE_NOOP("Problem", "At most 60 characters."),
    Problem.OFFER_STAMPS: QT_TRANSLATE_NOOP("Problem", "Between 2 and 50 stamps."),
    Problem.OFFER_REWARD_MISSING: QT_TRANSLATE_NOOP(
        "Problem", "Say what the customer gets, e.g. 'a free coffee'."
    ),
    Problem.OFFER_REWARD_TOO_LONG: QT_TRANSLATE_NOOP("Problem", "At most 120 characters."),
    Problem.OFFER_PER_VISIT: QT_TRANSLATE_NOOP("Problem", "Between 1 and 20 stamps per visit."),
    Problem.OFFER_COOLDOWN: QT_TRANSLATE_NOOP("Problem", "Between 0 seconds and one day."),
    Problem.OFFER_UNDO_WINDOW: QT_TRANSLATE_NOOP("Problem", "Between 0 seconds and one hour."),
    Problem.OFFER_ENDS_BEFORE_START: QT_TRANSLATE_NOOP("Problem", "The end must come after the start."),
    Problem.OFFER_COLOUR: QT_TRANSLATE_NOOP("Problem", "A colour like #6d4c41."),
    Problem.OFFER_ICON: QT_TRANSLATE_NOOP("Problem", "Choose one of the icons."),
    Problem.SHOP_NAME_MISSING: QT_TRANSLATE_NOOP("Problem", "enter the shop's name"),
    Problem.SHOP_NAME_TOO_LONG: QT_TRANSLATE_NOOP("Problem", "at most 80 characters"),
    Problem.ZONE_UNKNOWN: QT_TRANSLATE_NOOP("Problem", "choose a time zone from the list"),
    Problem.CURRENCY_UNKNOWN: QT_TRANSLATE_NOOP("Problem", "choose a currency from the list"),
    Problem.PINS_DIFFER: QT_TRANSLATE_NOOP("Problem", "the two PINs differ"),
    Problem.SHOP_SET_UP: QT_TRANSLATE_NOOP("Problem", "this kiosk is set up already"),
}


def problem_text(problem: Problem, params: dict | None = None) -> str:
    """A field problem in the kiosk's language (English when no translation is loaded)."""
    template = QCoreApplication.translate(_PROBLEM_CONTEXT, _PROBLEMS.get(problem, problem.value))
    try:
        return template.format(**(params or {}))
    except (KeyError, IndexError, ValueError):
        return problem.text(**(params or {}))


_INVALID = QT_TRANSLATE_NOOP("Refusal", "{field}: {problem}")

# what a DUPLICATE refusal says exists already: the services name it in English
_DUPLICATES = {
    "A customer with this email": QT_TRANSLATE_NOOP("Refusal", "A customer with this email"),
    "A customer with this phone number": QT_TRANSLATE_NOOP("Refusal", "A customer with this phone number"),
}
_STAFF_MEMBER = "Staff member "
_STAFF_DUPLICATE = QT_TRANSLATE_NOOP("Refusal", "Staff member {name}")


def _duplicate_what(what: str) -> str:
    if what in _DUPLICATES:
        return _translate(_DUPLICATES[what])
    if what.startswith(_STAFF_MEMBER):
        return _translate(_STAFF_DUPLICATE).replace("{name}", what.removeprefix(_STAFF_MEMBER))
    return what


def _translate(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def refusal_text(refusal: Refusal | None) -> str:
    if refusal is None:
        return ""
    params = {key: str(value) for key, value in refusal.params.items()}
    if refusal.reason is Reason.INVALID_INPUT:
        field = params.get("field", "")
        params["field"] = _translate(_FIELDS[field]) if field in _FIELDS else field
        problem = refusal.params.get("problem_code")
        if isinstance(problem, Problem):
            params["problem"] = problem_text(problem, refusal.params.get("problem_params"))
        template = _translate(_INVALID)
    elif refusal.reason is Reason.STORAGE_FAILED and refusal.params.get("storage") in _STORAGE_TEXTS:
        template = _translate(_STORAGE_TEXTS[refusal.params["storage"]])
    elif refusal.reason in _TEXTS:
        if refusal.reason is Reason.DUPLICATE and "what" in params:
            params["what"] = _duplicate_what(params["what"])
        template = _translate(_TEXTS[refusal.reason])
    else:
        return refusal.message
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return refusal.message
