"""Build the .qm translations from the .ts sources (the setup command calls this).

python -m kiosk.ui.i18n_build            # lrelease every resources/translations/*.ts
python -m kiosk.ui.i18n_build --update   # first refresh the .ts from the sources (lupdate)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from kiosk.ui.resources import TRANSLATIONS

UI_SOURCES = Path(__file__).resolve().parent
# refusals and field problems are worded where they are defined and marked there for lupdate
# (loyalty_rules.translatable): the domain's and the shared rules' modules are sources too
_ROOT = UI_SOURCES.parent.parent
MARKED_SOURCES = (_ROOT / "kiosk" / "domain", _ROOT / "loyalty_rules")
# the markers of loyalty_rules.translatable: plain texts, and texts with plural forms
_MARKED = re.compile(r"QT_TRANSLATE_NOOP\(|\btranslate\(\"")


def sources() -> list[str]:
    """Every Python file lupdate reads: the UI's tr() texts and the marked domain texts."""
    found = [*UI_SOURCES.rglob("*.py")]
    for folder in MARKED_SOURCES:
        found.extend(p for p in folder.rglob("*.py") if _MARKED.search(p.read_text(encoding="utf-8")))
    return sorted(str(p) for p in found)


def _tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials")
    return found


def update_sources() -> None:
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        # the sources are English: English needs only the plural forms ("%n entry"/"%n entries")
        plural_only = ["-pluralonly"] if ts.stem.endswith("_en") else []
        # texts no screen uses any more are dropped, not kept as "vanished"
        subprocess.run(
            [_tool("pyside6-lupdate"), "-no-obsolete", *plural_only, *sources(), "-ts", str(ts)], check=True
        )


def build() -> list[Path]:
    built = []
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if "--update" in args:
        update_sources()
    for qm in build():
        print(qm)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
