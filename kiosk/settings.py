"""The kiosk's one typed settings object, kept as JSON in the data folder.

Window geometry lives in QSettings (the UI's business); credentials only in the keyring.
A settings file with bad values is refused with a message naming the field, and the
kiosk starts on defaults instead of half-applying it.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

APP_NAME = "loyalty-kiosk"
SETTINGS_FILE = "settings.json"
SCANNER_KINDS = ("camera", "wedge", "serial")
THEMES = ("light", "dark")
LANGUAGES = ("en", "de")


class SettingsError(ValueError):
    pass


def default_data_dir() -> Path:
    override = os.environ.get("LOYALTY_KIOSK_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class KioskSettings:
    # scanning
    # camera | wedge | serial. A USB wedge scanner always works alongside; "camera" with source
    # "auto" shows the first webcam and a clear "use the hand scanner" state when there is none
    scanner_kind: str = "camera"
    camera_source: str = "auto"  # auto | a device index | /dev/video0 | a video file
    serial_port: str = ""
    serial_baud: int = 9600
    wedge_max_gap_ms: int = 60
    wedge_prefix: str = ""
    wedge_suffix: str = ""
    debounce_ms: int = 2500
    # the counter
    sound: bool = True
    theme: str = "light"
    language: str = "en"
    idle_sign_out_seconds: int = 300
    kiosk_mode: bool = False
    receipt_width_mm: int = 0  # 0 = A4 / Letter; 58 or 80 for receipt printers
    # sync
    sync_interval_seconds: int = 30
    offline_redemption_cap: int = 1
    extra: dict = field(default_factory=dict)

    def validate(self) -> None:
        problems = []
        if self.scanner_kind not in SCANNER_KINDS:
            problems.append(f"scanner_kind must be one of {', '.join(SCANNER_KINDS)}")
        elif (
            self.scanner_kind == "serial"
            and isinstance(self.serial_port, str)
            and not self.serial_port.strip()
        ):
            problems.append("serial_port is needed when scanner_kind is serial")
        if self.theme not in THEMES:
            problems.append(f"theme must be one of {', '.join(THEMES)}")
        if self.language not in LANGUAGES:
            problems.append(f"language must be one of {', '.join(LANGUAGES)}")
        checks = {
            "serial_baud": (1200, 921_600),
            "wedge_max_gap_ms": (5, 200),
            "debounce_ms": (200, 60_000),
            "idle_sign_out_seconds": (30, 86_400),
            "sync_interval_seconds": (5, 3_600),
            # 0 would refuse every reward on a paired kiosk: each one waits for the cloud a while
            "offline_redemption_cap": (1, 100),
        }
        for name, (low, high) in checks.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                problems.append(f"{name} must be a whole number from {low} to {high}")
        if self.receipt_width_mm not in (0, 58, 80):
            problems.append("receipt_width_mm must be 0, 58 or 80")
        for name in ("sound", "kiosk_mode"):
            if not isinstance(getattr(self, name), bool):
                problems.append(f"{name} must be true or false")
        for name in ("camera_source", "serial_port", "wedge_prefix", "wedge_suffix"):
            value = getattr(self, name)
            if not isinstance(value, str) or len(value) > 300:
                problems.append(f"{name} must be text of at most 300 characters")
        if problems:
            raise SettingsError("; ".join(problems))


def load_settings(data_dir: Path) -> KioskSettings:
    """Read settings.json; raises SettingsError with every problem named."""
    path = data_dir / SETTINGS_FILE
    if not path.exists():
        return KioskSettings()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SettingsError(f"{path} is not readable JSON: {exc}") from exc
    if not isinstance(raw, dict):
        raise SettingsError(f"{path} must hold a JSON object")
    known = {f.name for f in dataclasses.fields(KioskSettings)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise SettingsError(f"unknown settings in {path}: {', '.join(unknown)}")
    settings = KioskSettings(**raw)
    settings.validate()
    return settings


def save_settings(data_dir: Path, settings: KioskSettings) -> None:
    settings.validate()
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / SETTINGS_FILE
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(dataclasses.asdict(settings), indent=2), encoding="utf-8")
    os.chmod(tmp, 0o600)  # owner only, like every file of the kiosk (kiosk.private)
    os.replace(tmp, path)
