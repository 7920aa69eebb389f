"""The shop's country for phone numbers: a kiosk setting, first guessed from the computer's
locale or time zone (the tz database's zone.tab says which country a zone is in)."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Connection

from kiosk.domain.phones import is_region, region_of
from kiosk.store import meta

SETTING = "phone_region"
_ZONEINFO = Path("/usr/share/zoneinfo")


def _zone_countries() -> dict[str, str]:
    try:
        lines = (_ZONEINFO / "zone.tab").read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    return {
        f[2]: f[0] for f in (line.split("\t") for line in lines if not line.startswith("#")) if len(f) > 2
    }


def _local_zone() -> str | None:
    if os.environ.get("TZ"):
        return os.environ["TZ"].lstrip(":")
    try:
        return Path("/etc/timezone").read_text(encoding="utf-8").strip() or None
    except OSError:
        pass
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        return None
    return target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else None


def detect_region() -> str:
    locale_name = os.environ.get("LC_ALL") or os.environ.get("LC_TELEPHONE") or os.environ.get("LANG")
    return region_of(locale_name, _zone_countries(), _local_zone())


def phone_region(conn: Connection) -> str:
    """The setting, or the guess until an owner sets it."""
    stored = meta.get_setting(conn, SETTING)
    return stored if stored and is_region(stored) else detect_region()


def set_phone_region(conn: Connection, region: str) -> None:
    meta.put_setting(conn, SETTING, region.upper())
