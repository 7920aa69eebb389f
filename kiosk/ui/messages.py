"""Refusals in the cashier's language.

Every refusal and field problem is worded once, in English, where it is defined
(kiosk.domain.refusals, kiosk.domain.problems, loyalty_rules.problems) and marked there for lupdate
(kiosk.ui.i18n_build); here it is translated by that text. Each is a whole sentence with named
placeholders, never pieces glued together; the English message is the fallback."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from kiosk.domain.problems import Problem
from kiosk.domain.refusals import Reason, Refusal, message_template

_CONTEXT = "Refusal"

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
    # a points sale's and a catalogue reward's fields (kiosk.services.points)
    "amount": QT_TRANSLATE_NOOP("Refusal", "Amount"),
    "reward": QT_TRANSLATE_NOOP("Refusal", "Reward"),
    "code": QT_TRANSLATE_NOOP("Refusal", "Card"),
    "Referred by": QT_TRANSLATE_NOOP("Refusal", "Referred by"),  # enrolment's referral field
}
_PROBLEM_CONTEXT = "Problem"


def problem_text(problem: Problem, params: dict | None = None) -> str:
    """A field problem in the kiosk's language (English when no translation is loaded)."""
    template = QCoreApplication.translate(_PROBLEM_CONTEXT, problem.value)
    try:
        return template.format(**(params or {}))
    except (KeyError, IndexError, ValueError):
        return problem.text(**(params or {}))


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
    elif refusal.reason is Reason.DUPLICATE and "what" in params:
        params["what"] = _duplicate_what(params["what"])
    template = _translate(message_template(refusal))
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return refusal.message
