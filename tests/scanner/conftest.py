"""Shared helpers for the scanner tests: the real photos and their expected texts."""

from __future__ import annotations

from pathlib import Path

import pytest

QR_DATA = Path(__file__).resolve().parents[3] / "shared" / "testdata" / "qr"


def normalise(text: str) -> str:
    return text.replace("\r\n", "\n").strip()


def photo_cases() -> list[tuple[Path, str]]:
    cases = []
    for folder in ("photos-1", "photos-2"):
        for image in sorted((QR_DATA / folder).glob("*.png")) + sorted((QR_DATA / folder).glob("*.jpg")):
            expected = image.with_suffix(".txt")
            if expected.exists():  # a few photos have no known text: skipped, as the README says
                cases.append((image, normalise(expected.read_text(encoding="utf-8"))))
    return cases


def no_code_photos() -> list[Path]:
    return sorted((QR_DATA / "no-code").glob("*.png")) + sorted((QR_DATA / "no-code").glob("*.jpg"))


@pytest.fixture(scope="session")
def qr_data() -> Path:
    if not QR_DATA.is_dir():
        pytest.skip(f"test photos not found at {QR_DATA}")
    return QR_DATA
