"""pass.json of a storeCard, built from a holder: pure, so the whole layout is testable alone.

Field limits of a store card: one primary field, and secondary plus auxiliary fields share the
front's four places; everything else goes on the back. `changeMessage` on balance fields makes
the lock screen say "Coffee: 8 of 10 stamps" when an update arrives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cloud.wallet.holder import BalanceUnit, PassHolder, ProgramBalance

FORMAT_VERSION = 1
BARCODE_ENCODING = "iso-8859-1"
_HEX_COLOUR = re.compile(r"^#?([0-9a-fA-F]{6})$")
FRONT_PLACES = 4  # secondary + auxiliary fields on a store card's front


class PassContentError(ValueError):
    """A holder the pass format cannot carry (a code outside the barcode's character set)."""


@dataclass(frozen=True, slots=True)
class PassIdentity:
    """What the cloud adds to a holder: the pass's ids, its issuer and where it updates."""

    pass_type_id: str
    team_id: str
    serial: str
    organization: str
    authentication_token: str
    web_service_url: str


def rgb(colour: str) -> tuple[int, int, int]:
    match = _HEX_COLOUR.match(colour.strip())
    if match is None:
        return (46, 125, 50)  # the offers' default green, for a colour stored before validation
    value = int(match.group(1), 16)
    return (value >> 16 & 0xFF, value >> 8 & 0xFF, value & 0xFF)


def css_rgb(colour: tuple[int, int, int]) -> str:
    return "rgb({}, {}, {})".format(*colour)


def text_colour(background: tuple[int, int, int]) -> tuple[int, int, int]:
    """Black or white, whichever reads better on the background (WCAG relative luminance)."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in background)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    # contrast against white is (1.05)/(L+0.05), against black (L+0.05)/0.05: pick the larger
    return (0, 0, 0) if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else (255, 255, 255)


def _unit_word(program: ProgramBalance) -> str:
    return "stamps" if program.unit is BalanceUnit.STAMPS else "points"


def balance_field(index: int, program: ProgramBalance) -> dict:
    return {
        "key": f"program{index}",
        "label": program.name,
        "value": program.progress,
        # %@ is the new value: "Coffee: 8 of 10 stamps" on the lock screen
        "changeMessage": f"{program.name}: %@ {_unit_word(program)}",
    }


def _back_fields(holder: PassHolder) -> list[dict]:
    fields = []
    for i, program in enumerate(holder.programs):
        target = f" for {program.required} {_unit_word(program)}" if program.required else ""
        if program.reward:
            fields.append(
                {"key": f"reward{i}", "label": f"{program.name} reward", "value": program.reward + target}
            )
    if holder.number:
        fields.append({"key": "number", "label": "Card number", "value": holder.number})
    return fields


def check_barcode_text(code: str) -> str:
    try:
        code.encode(BARCODE_ENCODING)
    except UnicodeEncodeError as exc:
        raise PassContentError(f"the card code has characters outside {BARCODE_ENCODING}") from exc
    return code


def pass_json(holder: PassHolder, identity: PassIdentity) -> dict:
    background = rgb(holder.colour)
    foreground = text_colour(background)
    programs = [balance_field(i, p) for i, p in enumerate(holder.programs)]
    front = programs[1:FRONT_PLACES]
    name_field = {"key": "member", "label": "Member", "value": holder.display_name}
    barcode = {
        "format": "PKBarcodeFormatQR",
        "message": check_barcode_text(holder.code),
        "messageEncoding": BARCODE_ENCODING,
    }
    if holder.number:
        barcode["altText"] = holder.number
    store_card: dict = {"primaryFields": programs[:1], "secondaryFields": front}
    if holder.display_name and len(front) < FRONT_PLACES:
        store_card["auxiliaryFields"] = [name_field]
    store_card["backFields"] = programs[FRONT_PLACES:] + _back_fields(holder)
    return {
        "formatVersion": FORMAT_VERSION,
        "passTypeIdentifier": identity.pass_type_id,
        "serialNumber": identity.serial,
        "teamIdentifier": identity.team_id,
        "organizationName": identity.organization,
        "description": f"{identity.organization} loyalty card",
        "logoText": identity.organization,
        "webServiceURL": identity.web_service_url,
        "authenticationToken": identity.authentication_token,
        "backgroundColor": css_rgb(background),
        "foregroundColor": css_rgb(foreground),
        "labelColor": css_rgb(foreground),
        "barcodes": [barcode],
        "storeCard": store_card,
    }
