"""Trim the ICU data library Qt ships (libicudata.so.NN, 32 MB) to what a German/English kiosk reads.

Qt Core links ICU for collation (QCollator), locale-aware case mapping and its text codecs. The
data library holds the data of every locale, 191 legacy code-page converters, the Chinese,
Japanese, Thai, Khmer, Lao and Burmese word dictionaries and the transliterators: most of its
32 MB. This module reads the ICU "common data" package out of the library, keeps

- every item that belongs to no locale (normalisation, break rules, time zones, plural rules,
  likely subtags, character names, the converter alias table...),
- each locale tree's root, English and German bundles (plus the tree's index and string pool),

and writes a new library with the same soname exporting the same symbol (icudtNN_dat), so
libicuuc finds it exactly as before. A locale ICU has no bundle for falls back to root, which is
what ICU does for any locale it does not know.

The package format (ICU's udata "CmnD" common data, format version 1): a data header, then a
table of contents (count; per item a name offset and a data offset, both from the start of the
table, sorted by name), the item names, and each item's bytes aligned to 16.
"""

from __future__ import annotations

import re
import struct
import subprocess
import tempfile
from pathlib import Path

# the kiosk's languages (kiosk.settings.LANGUAGES); ICU's bundles for them stay
LANGUAGES = ("en", "de")
# a locale bundle: root, de, de_CH, es__TRADITIONAL (a collation variant), sr_Latn_BA...
_LOCALE_ITEM = re.compile(r"^(?:root|[a-z]{2,3}(?:_[A-Za-z0-9]*)*)\.res$")
_NOT_A_LOCALE = {"res_index.res", "pool.res"}
# whole kinds of data no kiosk screen reaches: legacy code pages (Qt's own UTF-8/16 and Latin-1
# codecs cover the kiosk's files), dictionary-based word breaking for CJK and South-East Asian
# scripts, and transliteration
_DROPPED_SUFFIXES = (".cnv", ".dict")
# ...except the two Western European code pages a German or English shop may still meet
# (Latin-1 and UTF-8 are built into ICU and Qt): windows-1252 and ISO-8859-15, 2 KB each
_KEPT_CONVERTERS = {"ibm-5348_P100-1997.cnv", "ibm-923_P100-1998.cnv"}
_DROPPED_TREES = ("translit",)
_ALIGN = 16


class IcuDataError(Exception):
    """The library or package is not what this module knows how to trim."""


def keep_item(name: str, languages: tuple[str, ...] = LANGUAGES) -> bool:
    """name is a package item such as 'icudt73l/coll/de.res' or 'icudt73l/ibm-1047_P100-1995.cnv'."""
    parts = name.split("/")[1:]
    if not parts:
        return False
    leaf = parts[-1]
    if leaf in _KEPT_CONVERTERS:
        return True
    if leaf.endswith(_DROPPED_SUFFIXES) or parts[0] in _DROPPED_TREES:
        return False
    if leaf in _NOT_A_LOCALE or not _LOCALE_ITEM.match(leaf):
        return True
    language = leaf.removesuffix(".res").split("_")[0]
    return language == "root" or language in languages


def read_package(package: bytes) -> tuple[bytes, dict[str, bytes]]:
    """Split a common data package into its header and its items (name -> bytes)."""
    if len(package) < 32:
        raise IcuDataError("too short to be an ICU data package")
    header_size, magic1, magic2 = struct.unpack_from("<HBB", package, 0)
    if (magic1, magic2) != (0xDA, 0x27) or package[12:16] != b"CmnD":
        raise IcuDataError("not an ICU common data package (little-endian CmnD)")
    count = struct.unpack_from("<I", package, header_size)[0]
    entries = [struct.unpack_from("<II", package, header_size + 4 + 8 * i) for i in range(count)]
    starts = [header_size + data for _, data in entries] + [len(package)]
    items = {}
    for i, (name_offset, _) in enumerate(entries):
        at = header_size + name_offset
        name = package[at : package.index(b"\0", at)].decode("ascii")
        items[name] = package[starts[i] : starts[i + 1]]
    return package[:header_size], items


def write_package(header: bytes, items: dict[str, bytes]) -> bytes:
    names = sorted(items)
    encoded = [name.encode("ascii") + b"\0" for name in names]
    toc_size = 4 + 8 * len(names)
    names_size = sum(len(e) for e in encoded)
    data_start = _aligned(len(header) + toc_size + names_size) - len(header)
    toc = [struct.pack("<I", len(names))]
    name_at, data_at = toc_size, data_start
    for name, raw in zip(names, encoded, strict=True):
        toc.append(struct.pack("<II", name_at, data_at))
        name_at += len(raw)
        data_at += _aligned(len(items[name]))
    out = bytearray(header + b"".join(toc) + b"".join(encoded))
    out += bytes(len(header) + data_start - len(out))
    for name in names:
        out += items[name] + bytes(_aligned(len(items[name])) - len(items[name]))
    return bytes(out)


def _aligned(size: int) -> int:
    return (size + _ALIGN - 1) // _ALIGN * _ALIGN


def data_symbol(library: Path) -> tuple[str, int, int]:
    """The package symbol (icudtNN_dat), its file offset and the size of the section holding it."""
    symbols = subprocess.run(
        ["nm", "-D", "--defined-only", str(library)], capture_output=True, text=True, check=True
    )
    found = [line.split() for line in symbols.stdout.splitlines() if re.search(r"\bicudt\d+_dat$", line)]
    if len(found) != 1:
        raise IcuDataError(f"{library.name}: expected one icudtNN_dat symbol, found {len(found)}")
    address, name = int(found[0][0], 16), found[0][2]
    sections = subprocess.run(
        ["readelf", "-S", "-W", str(library)], capture_output=True, text=True, check=True
    )
    for line in sections.stdout.splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 6 and fields[1] == ".rodata":
            section_address, offset, size = (int(fields[i], 16) for i in (3, 4, 5))
            if section_address <= address < section_address + size:
                return name, offset + address - section_address, size - (address - section_address)
    raise IcuDataError(f"{library.name}: {name} is not in .rodata")


def build_library(package: bytes, symbol: str, soname: str, out: Path) -> None:
    """An ELF shared library exporting `symbol` = the package, 16-aligned, read-only (binutils only)."""
    with tempfile.TemporaryDirectory() as work:
        blob, source, obj = Path(work) / "data.dat", Path(work) / "data.s", Path(work) / "data.o"
        blob.write_bytes(package)
        source.write_text(
            f"\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign {_ALIGN}\n"
            f'{symbol}:\n\t.incbin "{blob}"\n\t.size {symbol}, . - {symbol}\n'
            '\t.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        subprocess.run(["as", "-o", str(obj), str(source)], check=True)
        subprocess.run(
            ["ld", "-shared", "-z", "noexecstack", "-soname", soname, "-o", str(out), str(obj)], check=True
        )


def trim_library(library: Path, out: Path, languages: tuple[str, ...] = LANGUAGES) -> tuple[int, int]:
    """Write a trimmed copy of an ICU data library to out; returns (items kept, items dropped)."""
    symbol, offset, size = data_symbol(library)
    with library.open("rb") as f:
        f.seek(offset)
        header, items = read_package(f.read(size))
    kept = {name: data for name, data in items.items() if keep_item(name, languages)}
    soname = library.name
    build_library(write_package(header, kept), symbol, soname, out)
    return len(kept), len(items) - len(kept)
