"""Shared helpers for the scanner tests: the real photos and their expected texts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# ../shared beside the clone (where CI puts it), or wherever LOYALTY_KIOSK_TESTDATA points
QR_DATA = (
    Path(
        os.environ.get("LOYALTY_KIOSK_TESTDATA", Path(__file__).resolve().parents[3] / "shared" / "testdata")
    )
    / "qr"
)


def _require_data() -> None:
    # missing photos must turn the run red, never into skipped tests that look green
    if not (QR_DATA / "photos-1").is_dir():
        raise pytest.UsageError(
            f"the QR test photos are missing at {QR_DATA}: put shared/ beside the clone "
            "or set LOYALTY_KIOSK_TESTDATA to its testdata folder"
        )


def normalise(text: str) -> str:
    return text.replace("\r\n", "\n").strip()


def photo_cases() -> list[tuple[Path, str]]:
    _require_data()
    cases = []
    for folder in ("photos-1", "photos-2"):
        for image in sorted((QR_DATA / folder).glob("*.png")) + sorted((QR_DATA / folder).glob("*.jpg")):
            expected = image.with_suffix(".txt")
            if expected.exists():  # a few photos have no known text: skipped, as the README says
                cases.append((image, normalise(expected.read_text(encoding="utf-8"))))
    return cases


def no_code_photos() -> list[Path]:
    _require_data()
    return sorted((QR_DATA / "no-code").glob("*.png")) + sorted((QR_DATA / "no-code").glob("*.jpg"))


@pytest.fixture(scope="session")
def qr_data() -> Path:
    _require_data()
    return QR_DATA
