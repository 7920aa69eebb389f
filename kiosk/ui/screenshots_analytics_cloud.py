"""Screenshots of a PAIRED kiosk's Analytics screen (docs/screenshots/analytics-cloud*.png, German
in de/): the cloud's figures for its demo shop (`loyalty-cloud demo-shop`: a few hundred members,
two years of visits), its RFM segments and, once its churn model is fitted, the members at risk
with their chance of still being customers and their expected visits. A standalone kiosk can show
none of the last (analytics-at-risk.png says so).

    python -m kiosk.ui.screenshots_analytics_cloud docs/screenshots

The cloud runs for real on a free loopback port, driven only through its command line
(`python -m cloud demo-shop | serve | pairing-code` as subprocesses): the kiosk never imports the
cloud (import-linter). The kiosk pairs through its Sync screen as an owner would, with the code
the owner's `pairing-code` command printed. kiosk/ui/screenshots.py's main() takes these too."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QProcess, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.domain.insights import ChurnState, Source
from kiosk.domain.model import Role
from kiosk.services import identity
from kiosk.services import staff as staff_service
from kiosk.services.context import Context
from kiosk.services.demo import DEMO_OWNER_PIN
from kiosk.store import Store
from kiosk.ui.app import Kiosk
from kiosk.ui.screenshot_steps import save, settle, shop_window, sign_in

OWNER_EMAIL, OWNER_PASSWORD = "owner@demo.example", "demo-password"
MEMBERS, YEARS = 300, 2
SERVE_WAIT_S = 60  # the cloud's start on a busy two-core machine
ROUND_WAIT_S = 120  # the first sync pulls every member of the shop
FIT_WAIT_S = 180  # the churn fit is a background job of the cloud; it takes seconds, not minutes
LISTENING = re.compile(rb"Uvicorn running on (http://127\.0\.0\.1:\d+)")


class CloudNotReady(RuntimeError):
    """The cloud did not start, pair or fit in time; what it printed says why."""


@dataclass
class DemoCloud:
    data_dir: Path
    url: str
    process: QProcess

    def pairing_code(self) -> str:
        """A code for the demo shop's first location, asked with the owner's sign-in."""
        printed = run_cloud_cli(
            "pairing-code", "--url", self.url, "--email", OWNER_EMAIL, "--password", OWNER_PASSWORD
        )
        return printed.split()[0]  # "BXZE-GAVY\t(location …; expires …)"


def run_cloud_cli(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "cloud", *args], capture_output=True, text=True, timeout=300, check=False
    )
    if done.returncode != 0:
        raise CloudNotReady(f"loyalty-cloud {args[0]} failed: {done.stderr[-2000:]}")
    return done.stdout


@contextmanager
def demo_cloud(data_dir: Path) -> Iterator[DemoCloud]:
    """`loyalty-cloud demo-shop` into `data_dir`, then `serve` on a port the system chose; the
    address is read from what uvicorn prints (waited for on the process's readyRead signal).
    Stopped (terminate, then kill) on the way out."""
    run_cloud_cli("demo-shop", "--data-dir", str(data_dir), "--members", str(MEMBERS), "--years", str(YEARS))
    process = QProcess()
    process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
    process.start(
        sys.executable,
        ["-m", "cloud", "serve", "--data-dir", str(data_dir), "--port", "0", "--log-level", "info"],
    )
    printed = b""
    try:
        deadline = time.monotonic() + SERVE_WAIT_S
        while not (found := LISTENING.search(printed)):
            if process.state() is QProcess.ProcessState.NotRunning or time.monotonic() > deadline:
                raise CloudNotReady(f"the cloud did not start: {printed.decode(errors='replace')[-2000:]}")
            settle(process.readyRead, 1000)
            printed += bytes(process.readAll().data())
        yield DemoCloud(data_dir, found.group(1).decode(), process)
    finally:
        process.terminate()
        if not process.waitForFinished(15000):
            process.kill()
            process.waitForFinished(5000)


def _owner_only(store: Store) -> None:
    """The demo shop's till: its owner only, no customers of its own (the cloud has them)."""
    ctx = Context(store)
    identity.set_up_business(ctx, "Demo café", "Till")
    owner = staff_service.add_staff(ctx, "Olivia Owner", Role.OWNER, DEMO_OWNER_PIN, actor=None).staff
    assert owner is not None


@contextmanager
def paired_window(cloud: DemoCloud, data: Path, language: str) -> Iterator[Kiosk]:
    """A new kiosk of the demo shop, paired with the cloud on its Sync screen by the owner, its
    first sync done; closed afterwards."""
    with shop_window(language, seed=_owner_only, data=data, sync_interval_seconds=3600) as (kiosk, _):
        sign_in(kiosk, "Olivia Owner", DEMO_OWNER_PIN)
        _pair(kiosk, cloud)
        yield kiosk


def _pair(kiosk: Kiosk, cloud: DemoCloud) -> None:
    kiosk.window.show_screen("sync")
    screen = kiosk.screens["sync"]
    panel = screen.pairing
    panel.url.setText(cloud.url)
    panel.code.setText(cloud.pairing_code())
    panel.device_name.setText("Till")
    # the credential in the kiosk's own (temporary) data folder, as an owner without a keyring
    # chooses: a screenshot run must leave no device token in the keyring of whoever runs it
    refused = []
    screen.control.pairing_refused.connect(refused.append)
    panel.on_token_file_clicked()
    deadline = time.monotonic() + ROUND_WAIT_S
    while kiosk.sync.worker is None and not refused and time.monotonic() < deadline:
        settle(screen.control.paired, 1000)
    screen.control.pairing_refused.disconnect(refused.append)
    if kiosk.sync.worker is None:
        raise CloudNotReady(f"pairing failed: {refused}")
    while screen.round_status is None:  # the first round, which pulls the shop's members
        if time.monotonic() > deadline:
            raise CloudNotReady("the first sync did not finish")
        settle(kiosk.sync.worker.sync_succeeded, 1000)


def _wait_for_fit(kiosk: Kiosk) -> None:
    """The first question queued the cloud's churn fit; ask again (as the period button does)
    until the cloud's answer carries the fitted model, within FIT_WAIT_S."""
    screen = kiosk.screens["analytics"]
    deadline = time.monotonic() + FIT_WAIT_S
    while True:
        insights = screen.insights
        from_cloud = insights is not None and insights.source is Source.CLOUD
        if from_cloud and insights.churn.state is not ChurnState.FITTING:
            return
        if time.monotonic() > deadline:
            raise CloudNotReady("the cloud's churn fit did not finish")
        if from_cloud:  # a second between questions: the fit wants the (shared) processor
            pause = QTimer()
            pause.setSingleShot(True)
            pause.start(1000)
            settle(pause.timeout, 2000)
        screen.period_buttons.button(screen.days).click()
        settle(screen.cloud_answered, 30000)


@dataclass(frozen=True)
class CloudShots:
    shots: list[Path]
    at_risk: list[tuple[str, ...]]  # the At risk table's rows as drawn: member, visit days, chance, visits


def at_risk_rows(kiosk: Kiosk) -> list[tuple[str, ...]]:
    table = kiosk.screens["analytics"].at_risk
    return [
        tuple(table.item(row, column).text() for column in range(table.columnCount()))
        for row in range(table.rowCount())
    ]


def shoot_analytics_cloud(outdir: Path, language: str = "en") -> CloudShots:
    QApplication.instance() or QApplication(sys.argv)  # the cloud's start is waited for in its event loop
    outdir.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as tmp,
        demo_cloud(Path(tmp) / "cloud") as cloud,
        paired_window(cloud, Path(tmp) / "kiosk", language) as kiosk,
    ):
        screen = kiosk.screens["analytics"]
        kiosk.window.show_screen("analytics")
        settle(screen.cloud_answered, 30000)
        _wait_for_fit(kiosk)
        screen.period_buttons.button(90).click()
        settle(screen.cloud_answered, 30000)
        if screen.insights.source is not Source.CLOUD:
            raise CloudNotReady(f"the Analytics screen shows no cloud figures: {screen.scope.text()}")
        screen.setFocus()  # no focus ring on a period button in the picture
        shots = [save(kiosk, outdir, "analytics-cloud")]
        for page, name in (
            (screen.charts["segments"], "analytics-cloud-segments"),
            (screen.cohorts.parentWidget(), "analytics-cloud-cohorts"),
            (screen.risk_page, "analytics-cloud-at-risk"),
        ):
            screen.tabs.setCurrentWidget(page)
            shots.append(save(kiosk, outdir, name))
        rows = at_risk_rows(kiosk)
        if screen.insights.churn.state is not ChurnState.READY or not rows:
            raise CloudNotReady(f"no members at risk drawn: {screen.risk_note.text()}")
        return CloudShots(shots, rows)


def shoot_paired_analytics(outdir: Path) -> None:
    """English in `outdir`, German in its de/; each language's at-risk rows in one printed line
    (tests/ui/test_docs_screenshots.py reads it: the table had rows, each with a chance)."""
    for folder, language in ((outdir, "en"), (outdir / "de", "de")):
        made = shoot_analytics_cloud(folder, language)
        print(f"at risk ({language}): {len(made.at_risk)} members, first: {' | '.join(made.at_risk[0])}")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    outdir = Path(args[0]) if args else Path("docs/screenshots")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    shoot_paired_analytics(outdir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
