"""Headless Chromium for the customer-page tests and the page-load benchmark: Debian's chromium and
chromium-driver driven by Selenium, as a phone (390x844 CSS pixels at 2x, an iPhone's user agent).

What the browser saw of each response (status, headers) comes from Chromium's own network log
("performance" log of DevTools events), since WebDriver does not expose status codes."""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path

import cv2
import numpy as np
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service

SCREENSHOTS_ENV = "LOYALTY_CLOUD_SCREENSHOTS"
PHONE = {"width": 390, "height": 844, "pixelRatio": 2}
PHONE_AGENT = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)


@contextmanager
def phone_browser(*, download_dir: Path | None = None, network_log: bool = False):
    """A phone-sized headless Chromium, quit at the end of the block. `download_dir`: where links
    to files (a .pkpass) are saved; `network_log`: keep DevTools network events for `responses`."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=en-GB"):
        options.add_argument(arg)
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": PHONE, "userAgent": PHONE_AGENT})
    prefs: dict = {"intl.accept_languages": "en-GB,en"}
    if download_dir is not None:
        download_dir.mkdir(parents=True, exist_ok=True)
        prefs.update(
            {
                "download.default_directory": str(download_dir),
                "download.prompt_for_download": False,
                "safebrowsing.enabled": False,
            }
        )
    options.add_experimental_option("prefs", prefs)
    if network_log:
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    # the browser runs on the real clock: under libfaketime (the shifted-clock runs) Chromium's
    # timers stall; only the cloud's dates need shifting
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD" and not k.startswith("FAKETIME")}
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver", env=env))
    driver.set_page_load_timeout(30)
    try:
        if download_dir is not None:  # headless Chromium saves downloads only when told where
            driver.execute_cdp_cmd(
                "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_dir)}
            )
        yield driver
    finally:
        driver.quit()


def responses(driver) -> list[dict]:
    """The documents' responses Chromium received since the last call (DevTools
    Network.responseReceived of type Document): each with url, status and headers (lower-case)."""
    out = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") != "Network.responseReceived":
            continue
        params = message["params"]
        if params.get("type") != "Document":
            continue
        response = params["response"]
        headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
        out.append({"url": response["url"], "status": response["status"], "headers": headers})
    return out


def screenshot_folder(default: Path) -> Path:
    """Where a test's screenshots go: its own folder, or docs/screenshots when renewing them."""
    return Path(os.environ.get(SCREENSHOTS_ENV) or default)


def screenshot(driver, folder: Path, name: str) -> np.ndarray:
    png = driver.get_screenshot_as_png()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(png)
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_COLOR)
    assert image.shape[1] == PHONE["width"] * PHONE["pixelRatio"]  # the phone's viewport, not a desktop's
    return image


def replaced(element):
    """A wait condition: true once `element`'s document has been replaced by the next page.
    Chromium reports a node of the old document either as stale or, when it asks about it while
    the new one loads, as a node that "does not belong to the document"; both mean the same."""

    def check(_driver) -> bool:
        try:
            element.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as exc:
            if "does not belong to the document" in str(exc):
                return True
            raise
        return False

    return check
