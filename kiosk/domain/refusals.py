"""Why the kiosk said no. Every refusal has its own reason and a plain message, worded only here;
nothing was recorded when one is returned."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from loyalty_rules.translatable import QT_TRANSLATE_NOOP


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
    # an A/B test of offers: the member's arm does not include this offer (loyalty_rules.experiments)
    NOT_IN_TEST_ARM = "not_in_test_arm"
    # people and input
    INVALID_INPUT = "invalid_input"
    DUPLICATE = "duplicate"
    NOT_ALLOWED = "not_allowed"
    NOT_SIGNED_IN = "not_signed_in"
    LOCKED_OUT = "locked_out"
    WRONG_PIN = "wrong_pin"
    # merging two members (kiosk/services/merging.py)
    MERGE_SAME_MEMBER = "merge_same_member"
    MERGE_UNKNOWN_MEMBER = "merge_unknown_member"
    MERGE_ERASED_MEMBER = "merge_erased_member"
    MERGE_ALREADY_MERGED = "merge_already_merged"
    MERGE_NO_CARD = "merge_no_card"
    # the machine
    STORAGE_FAILED = "storage_failed"


# The one wording of every refusal. English here; lupdate reads the marks (kiosk.ui.i18n_build)
# and the kiosk's UI translates each by its text (kiosk.ui.messages); the command line prints it.
_MESSAGES: dict[Reason, str] = {
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
    Reason.NOT_IN_TEST_ARM: QT_TRANSLATE_NOOP(
        "Refusal", "The offer {program} is being tested and does not apply to this member."
    ),
    # the field and the problem are translated on their own (kiosk.domain.problems)
    Reason.INVALID_INPUT: QT_TRANSLATE_NOOP("Refusal", "{field}: {problem}"),
    Reason.DUPLICATE: QT_TRANSLATE_NOOP("Refusal", "This already exists: {what}."),
    Reason.NOT_ALLOWED: QT_TRANSLATE_NOOP("Refusal", "Your role cannot do this."),
    Reason.NOT_SIGNED_IN: QT_TRANSLATE_NOOP("Refusal", "Sign in first."),
    Reason.LOCKED_OUT: QT_TRANSLATE_NOOP("Refusal", "Too many wrong PINs. Try again in {seconds} s."),
    Reason.WRONG_PIN: QT_TRANSLATE_NOOP("Refusal", "Wrong PIN."),
    Reason.MERGE_SAME_MEMBER: QT_TRANSLATE_NOOP(
        "Refusal", "A member cannot be merged with herself: choose two different members."
    ),
    Reason.MERGE_UNKNOWN_MEMBER: QT_TRANSLATE_NOOP("Refusal", "No member {member} is on this kiosk."),
    Reason.MERGE_ERASED_MEMBER: QT_TRANSLATE_NOOP(
        "Refusal", "This member's data was erased: an erased member cannot be merged."
    ),
    Reason.MERGE_ALREADY_MERGED: QT_TRANSLATE_NOOP(
        "Refusal", "{name} was already merged into another member: merge that member instead."
    ),
    Reason.MERGE_NO_CARD: QT_TRANSLATE_NOOP("Refusal", "Neither member has a card yet: nothing to merge."),
    Reason.STORAGE_FAILED: QT_TRANSLATE_NOOP("Refusal", "Could not save: {problem}. Nothing was recorded."),
}

# a full disk or read-only media is not damage: a STORAGE_FAILED refusal whose `storage` names one
# says so, and what to do (the folder and free space come with it: kiosk.services.counter)
_STORAGE_MESSAGES: dict[StorageProblem, str] = {
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


def message_template(refusal: Refusal) -> str:
    """The English template of a refusal's message: the text the translations are keyed by."""
    if refusal.reason is Reason.STORAGE_FAILED and refusal.params.get("storage") in _STORAGE_MESSAGES:
        return _STORAGE_MESSAGES[refusal.params["storage"]]
    return _MESSAGES[refusal.reason]


@dataclass(frozen=True, slots=True)
class Refusal:
    reason: Reason
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """In English (the command line, logs); the kiosk's screens show kiosk.ui.messages'."""
        template = message_template(self)
        try:
            return template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return template


def refuse(reason: Reason, **params: Any) -> Refusal:
    return Refusal(reason, params)
