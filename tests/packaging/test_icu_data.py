"""build/icu_data.py: the bundle's ICU data library, trimmed to the kiosk's languages.

The trimmed library is checked the way the frozen self-check checks it: Qt, with that library
loaded in place of the wheel's, sorts German names in German order. A library holding no data
at all fails the same check, so the check can tell.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import PySide6
import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("icu_data", ROOT / "build" / "icu_data.py")
icu_data = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(icu_data)

QT_LIB = Path(PySide6.__file__).parent / "Qt" / "lib"


@pytest.fixture(scope="module")
def wheel_icu_data() -> Path:
    found = sorted(QT_LIB.glob("libicudata.so.*"))
    assert found, f"no libicudata in {QT_LIB}"
    return found[0]


@pytest.mark.parametrize(
    ("item", "kept"),
    [
        ("icudt73l/de.res", True),
        ("icudt73l/de_CH.res", True),
        ("icudt73l/en_GB.res", True),
        ("icudt73l/root.res", True),
        ("icudt73l/coll/de__PHONEBOOK.res", True),
        ("icudt73l/coll/ucadata.icu", True),
        ("icudt73l/supplementalData.res", True),
        ("icudt73l/res_index.res", True),
        ("icudt73l/curr/pool.res", True),
        ("icudt73l/nfkc.nrm", True),
        ("icudt73l/brkitr/word.brk", True),
        ("icudt73l/ibm-5348_P100-1997.cnv", True),  # windows-1252
        ("icudt73l/sv.res", False),
        ("icudt73l/coll/zh.res", False),
        ("icudt73l/coll/es__TRADITIONAL.res", False),
        ("icudt73l/zone/sr_Latn_BA.res", False),
        ("icudt73l/ibm-1047_P100-1995.cnv", False),
        ("icudt73l/brkitr/cjdict.dict", False),
        ("icudt73l/translit/root.res", False),
        ("icudt73l", False),
    ],
)
def test_keeps_what_a_german_or_english_kiosk_reads(item, kept):
    assert icu_data.keep_item(item) is kept


def test_package_round_trip_keeps_every_item(wheel_icu_data):
    symbol, offset, size = icu_data.data_symbol(wheel_icu_data)
    with wheel_icu_data.open("rb") as f:
        f.seek(offset)
        header, items = icu_data.read_package(f.read(size))
    assert symbol.startswith("icudt")
    assert len(items) > 1000
    header_again, items_again = icu_data.read_package(icu_data.write_package(header, items))
    assert header_again == header
    assert sorted(items_again) == sorted(items)
    # items come back padded to 16 bytes at most
    assert all(items_again[name][: len(data)] == data for name, data in items.items())
    assert all(len(items_again[name]) - len(data) < 16 for name, data in items.items())


@pytest.mark.parametrize("garbage", [b"", b"not an ICU package at all, just text" * 3, bytes(64)])
def test_refuses_what_is_not_a_package(garbage):
    with pytest.raises(icu_data.IcuDataError):
        icu_data.read_package(garbage)


def german_order_with(library_dir: Path) -> subprocess.CompletedProcess:
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", LD_LIBRARY_PATH=str(library_dir), PYTHONPATH=str(ROOT)
    )
    code = "from kiosk.ui.selfcheck import probe_qt_platform; print(probe_qt_platform())"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)


def test_trimmed_library_is_small_and_qt_collates_german_with_it(wheel_icu_data, tmp_path):
    trimmed = tmp_path / wheel_icu_data.name
    kept, dropped = icu_data.trim_library(wheel_icu_data, trimmed)
    assert kept > 300
    assert dropped > kept
    assert trimmed.stat().st_size < wheel_icu_data.stat().st_size / 4
    result = german_order_with(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "German collation" in result.stdout


def test_without_icu_data_the_collation_check_fails(wheel_icu_data, tmp_path):
    symbol, offset, size = icu_data.data_symbol(wheel_icu_data)
    with wheel_icu_data.open("rb") as f:
        f.seek(offset)
        header, _ = icu_data.read_package(f.read(size))
    icu_data.build_library(
        icu_data.write_package(header, {}), symbol, wheel_icu_data.name, tmp_path / wheel_icu_data.name
    )
    result = german_order_with(tmp_path)
    assert result.returncode != 0
    assert "ICU collation data missing" in result.stderr
