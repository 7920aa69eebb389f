"""Why the kiosk said no. Every refusal has its own reason and a plain message; nothing was
recorded when one is returned."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class StorageProblem(enum.Enum):
    """Why the disk refused a write. A full disk or read-only media is not a damaged ledger: the
    operator frees space or remounts, and nothing recorded is lost."""

    FULL = "full"
    READ_ONLY = "read_only"
    DAMAGED = "damaged"
    OTHER = "other"


class Reason(enum.Enum):
    # the scanned or typed text
    EMPTY_CODE = "empty_code"
    CODE_TOO_LONG = "code_too_long"
    BINARY_CODE = "binary_code"
    NOT_A_CARD_CODE = "not_a_card_code"
    TRUNCATED_TOKEN = "truncated_token"
    LOWERCASE_TOKEN = "lowercase_token"
    UNSUPPORTED_VERSION = "unsupported_version"
    BAD_CHECK_DIGIT = "bad_check_digit"
    # the token's signature and issuer
    FORGED_TOKEN = "forged_token"
    WRONG_BUSINESS = "wrong_business"
    UNKNOWN_KEY = "unknown_key"
    REVOKED_KEY = "revoked_key"
    UNSAFE_KEY = "unsafe_key"
    # the card
    UNKNOWN_CARD = "unknown_card"
    CARD_REVOKED = "card_revoked"
    # the program's rules
    PROGRAM_PAUSED = "program_paused"
    PROGRAM_NOT_STARTED = "program_not_started"
    PROGRAM_ENDED = "program_ended"
    COOLDOWN = "cooldown"
    BAD_QUANTITY = "bad_quantity"
    OVER_VISIT_LIMIT = "over_visit_limit"
    NOT_ENOUGH_UNITS = "not_enough_units"
    OFFLINE_REDEMPTION_CAP = "offline_redemption_cap"
    NOTHING_TO_UNDO = "nothing_to_undo"
    UNDO_WINDOW_PASSED = "undo_window_passed"
    UNDO_WOULD_GO_NEGATIVE = "undo_would_go_negative"
    # people and input
    INVALID_INPUT = "invalid_input"
    DUPLICATE = "duplicate"
    NOT_ALLOWED = "not_allowed"
    NOT_SIGNED_IN = "not_signed_in"
    LOCKED_OUT = "locked_out"
    WRONG_PIN = "wrong_pin"
    # the machine
    STORAGE_FAILED = "storage_failed"


_MESSAGES: dict[Reason, str] = {
    Reason.EMPTY_CODE: "Nothing was scanned. Try again.",
    Reason.CODE_TOO_LONG: "That code is far too long to be a loyalty card.",
    Reason.BINARY_CODE: "That code holds unreadable characters; it is not a loyalty card.",
    Reason.NOT_A_CARD_CODE: "That is not a loyalty card code.",
    Reason.TRUNCATED_TOKEN: "Only part of the code was read. Scan again.",
    Reason.LOWERCASE_TOKEN: "The scanner changed the letters' case (Caps Lock or keyboard setting). "
    "Check the scanner and scan again.",
    Reason.UNSUPPORTED_VERSION: "This card comes from a newer version of the app. Update the kiosk.",
    Reason.BAD_CHECK_DIGIT: "That card number has a typo: check the digits.",
    Reason.FORGED_TOKEN: "This card's signature is not valid. It may be forged or damaged.",
    Reason.WRONG_BUSINESS: "This card belongs to another business.",
    Reason.UNKNOWN_KEY: "This card was issued by a device this kiosk does not know yet. Sync and try again.",
    Reason.REVOKED_KEY: "This card's code comes from a kiosk taken out of service. "
    "A manager can make a new QR code for the card under Customers.",
    Reason.UNSAFE_KEY: "This card's code names an unsafe signing key (one anybody can forge with). "
    "It is refused; tell the owner.",
    Reason.UNKNOWN_CARD: "No card with this code is on this kiosk.",
    Reason.CARD_REVOKED: "This card has been revoked.",
    Reason.PROGRAM_PAUSED: "The offer {program} is paused.",
    Reason.PROGRAM_NOT_STARTED: "The offer {program} has not started yet.",
    Reason.PROGRAM_ENDED: "The offer {program} has ended.",
    Reason.COOLDOWN: "This card was just stamped. Wait {seconds} s before stamping again.",
    Reason.BAD_QUANTITY: "Quantity must be a whole number of at least 1.",
    Reason.OVER_VISIT_LIMIT: "At most {limit} stamps per visit for {program}.",
    Reason.NOT_ENOUGH_UNITS: "Not enough stamps yet: {units} of {required}.",
    Reason.OFFLINE_REDEMPTION_CAP: "This card already has {count} rewards redeemed while offline. "
    "Wait until the kiosk is back online.",
    Reason.NOTHING_TO_UNDO: "There is nothing to undo on this card.",
    Reason.UNDO_WINDOW_PASSED: "Too late to undo: that was more than {seconds} s ago.",
    Reason.UNDO_WOULD_GO_NEGATIVE: "Cannot undo: the stamps have already been used for a reward.",
    Reason.INVALID_INPUT: "{field}: {problem}",
    Reason.DUPLICATE: "{what} already exists.",
    Reason.NOT_ALLOWED: "Your role cannot do this.",
    Reason.NOT_SIGNED_IN: "Sign in first.",
    Reason.LOCKED_OUT: "Too many wrong PINs. Try again in {seconds} s.",
    Reason.WRONG_PIN: "Wrong PIN.",
    Reason.STORAGE_FAILED: "Could not save: {problem}. Nothing was recorded.",
}


@dataclass(frozen=True, slots=True)
class Refusal:
    reason: Reason
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        try:
            return _MESSAGES[self.reason].format(**self.params)
        except (KeyError, IndexError):
            return _MESSAGES[self.reason]


def refuse(reason: Reason, **params: Any) -> Refusal:
    return Refusal(reason, params)
