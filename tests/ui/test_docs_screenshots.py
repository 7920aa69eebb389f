"""The tool that remakes docs/screenshots drives every screen of the demo shop as a person would;
it must keep running as the screens change (run in its own process, as a maintainer runs it).
Its paired kiosk's Analytics pictures come from a real cloud it starts (`loyalty-cloud demo-shop`
and `serve`): their At risk table must have had members in it, each with her chance."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

EXPECTED = {
    "scan-after-stamp.png",
    "offers-editor.png",
    "sync.png",
    "sync-plan-waiting.png",
    "customer-history.png",
    "first-run.png",
    "enroll-join-on-phone.png",
    "analytics.png",
    "analytics-cohorts.png",
    "analytics-segments.png",
    "analytics-at-risk.png",
    "analytics-cloud.png",
    "analytics-cloud-segments.png",
    "analytics-cloud-cohorts.png",
    "analytics-cloud-at-risk.png",
    "happy-hour-scan.png",
    "referral-enroll-form.png",
    "referral-enrolled.png",
    "referral-result.png",
    "points-tiers-editor.png",
    "points-tier-reached.png",
}
# dialogs are grabbed on their own: no wider or taller than the window they open over
# kiosk/ui/screenshots_analytics_cloud.py prints each language's At risk rows: how many, the first
# as member | visit days | chance still a customer | expected visits
AT_RISK = re.compile(r"^at risk \((en|de)\): (\d+) members, first: .+ \| \d+ \| \d+ % \| \d+[.,]\d$", re.M)
DIALOGS = {"offers-ab-test.png", "happy-hours-editor.png", "referral-policy.png"}


# a hang guard, not a speed check: the tool draws well over a hundred screens and dialogs in two
# languages and two themes, some minutes on a busy 2-core machine
@pytest.mark.timeout(900)
def test_the_screenshot_tool_draws_every_screen_in_english_and_german(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [sys.executable, "-m", "kiosk.ui.screenshots", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=840,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    at_risk = {language: int(count) for language, count in AT_RISK.findall(run.stdout)}
    assert set(at_risk) == {"en", "de"}, run.stdout[-3000:]
    assert min(at_risk.values()) > 0
    for folder in (tmp_path, tmp_path / "de"):
        names = {p.name for p in folder.glob("*.png")}
        assert names >= EXPECTED | DIALOGS, (folder, sorted(names))
        for name in DIALOGS:
            image = QImage(str(folder / name))
            assert 300 <= image.width() <= 1024, (name, image.size())
            assert 300 <= image.height() <= 768, (name, image.size())
        for name in EXPECTED:
            image = QImage(str(folder / name))
            assert (image.width(), image.height()) == (1024, 768), (folder / name, image.size())
