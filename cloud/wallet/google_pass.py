"""What Google Wallet is told: a loyalty class per program (offer) and a loyalty object per card,
as the JSON of Google's REST resources, and when a balance change may ask Google to notify the
phone. Pure functions over frozen values: no database, no network, time passed in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta

from cloud.wallet.holder import PassHolder

NOTIFY_LIMIT = 3  # Google shows at most 3 notifications per pass ...
NOTIFY_WINDOW = timedelta(hours=24)  # ... in any 24 hours
NOTIFY_ON_UPDATE = "notifyOnUpdate"
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")  # Google's ids are <issuer>.<letters, digits, '_', '-'>


def _suffix(text: str) -> str:
    return _UNSAFE.sub("_", text)[:100]


def class_id(issuer_id: str, business_id: int, program_id: str) -> str:
    return f"{issuer_id}.b{business_id}-program-{_suffix(program_id)}"


def object_id(issuer_id: str, business_id: int, card_id: int) -> str:
    return f"{issuer_id}.b{business_id}-card-{card_id}"


def points(holder: PassHolder) -> dict:
    """The first program's balance: "7 of 10" for stamps toward a reward."""
    program = holder.programs[0]
    return {"label": program.name, "balance": {"string": program.progress}}


def loyalty_class(class_ref: str, issuer_name: str, program_name: str, colour: str) -> dict:
    """The program's class: what every card of the offer shows alike."""
    return {
        "id": class_ref,
        "issuerName": issuer_name[:100] or "Loyalty",
        "programName": program_name[:100] or "Stamps",
        "hexBackgroundColor": colour,
        "reviewStatus": "UNDER_REVIEW",
    }


def loyalty_object(object_ref: str, class_ref: str, holder: PassHolder) -> dict:
    """The card's object: the QR is the same signed token the kiosk verifies offline."""
    body = {
        "id": object_ref,
        "classId": class_ref,
        "state": "ACTIVE",
        "barcode": {"type": "QR_CODE", "value": holder.code, "alternateText": holder.number},
        "loyaltyPoints": points(holder),
        "hexBackgroundColor": holder.colour,
    }
    if holder.display_name:
        body["accountName"] = holder.display_name
    if holder.number:
        body["accountId"] = holder.number
    return body


def balance_patch(holder: PassHolder, notify: bool) -> dict:
    """The PATCH body of a balance change; `notify` asks Google to tell the phone."""
    body: dict = {"loyaltyPoints": points(holder)}
    if notify:
        body["notifyPreference"] = NOTIFY_ON_UPDATE
    return body


def may_notify(sent: Iterable[datetime], now: datetime) -> bool:
    """True while fewer than NOTIFY_LIMIT notifications went to the object in the last 24 hours."""
    return sum(1 for when in sent if now - when < NOTIFY_WINDOW) < NOTIFY_LIMIT
