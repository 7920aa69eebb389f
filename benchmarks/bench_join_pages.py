"""The customer's pages on a phone over slow 4G (issue 16: the join page loads in < 3 s, the seed's
mobile KPI): the join page /j/<code> and a member's card page /c/<secret>, served by
`loyalty-cloud serve` (uvicorn) on 127.0.0.1, loaded by headless Chromium at 390x844.

The throttled profile is Lighthouse's mobile "slow 4G": 150 ms round trip, 1.6 Mbit/s down
(1,638.4 kbit/s, Lighthouse's 1.6 * 1024) and 750 kbit/s up, applied with the Chrome DevTools
Protocol's Network.emulateNetworkConditions, and Lighthouse's 4x CPU slow-down
(Emulation.setCPUThrottlingRate). Each load is cold: the browser cache is cleared and disabled
before it (Network.clearBrowserCache, Network.setCacheDisabled). Measured is Navigation Timing's
navigation start -> load event end (PerformanceNavigationTiming.loadEventEnd, which starts at 0),
over LOADS loads per page, p50 and p95, with the bytes transferred (transferSize: headers and body
as they crossed the wire), side by side with the same pages unthrottled.

Chromium keeps its connection to the cloud between loads, so the throttled figure holds one round
trip per load for the request and its answer, not the connection set-up; the pages need one
request each (the style sheet is inline, the QR code an inline SVG, no scripts, no images)."""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

import httpx

from benchmarks._table import Row, percentile
from tests.cloud.browser import phone_browser
from tests.sync.harness import CloudProcess, OwnerApi, create_owner

TARGET_MS = 3000.0
LOADS = 15
KBIT = 1000 / 8  # bytes per second in one kbit/s
SLOW_4G = {
    "offline": False,
    "latency": 150,  # ms, round trip
    "downloadThroughput": 1.6 * 1024 * KBIT,  # bytes/s
    "uploadThroughput": 750 * KBIT,
}
UNTHROTTLED = {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
CPU_SLOWDOWN = 4
NAVIGATION = """
const [n] = performance.getEntriesByType('navigation');
return n && n.loadEventEnd > 0 ? [n.loadEventEnd - n.startTime, n.transferSize] : null;
"""


def _pages(cloud_url: str) -> dict[str, str]:
    """A business with an offer, its join page and one member's card page."""
    with httpx.Client(base_url=cloud_url, timeout=30, trust_env=False) as http:
        owner = OwnerApi(http, "owner@bench.example")
        owner.offer(name="Coffee card", stamps_required=8, reward_text="A free coffee")
        join = http.post("/api/v1/join-links", json={}, headers=owner.headers).json()["path"]
        joined = http.post(
            join,
            data={"name": "Zoe Baker", "email": "zoe@example.org", "consent": "yes"},
            follow_redirects=False,
        )
        assert joined.status_code == 303, joined.text
        return {"join page": cloud_url + join, "card page": cloud_url + joined.headers["location"]}


def _load(driver, url: str) -> tuple[float, int]:
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.get("about:blank")
    driver.get(url)  # returns after the load event
    timing = driver.execute_script(NAVIGATION)
    assert timing is not None, f"no load event for {url}"
    return float(timing[0]), int(timing[1])


def _measure(driver, url: str, network: dict, cpu: int, loads: int) -> tuple[float, float, int]:
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", network)
    driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": cpu})
    try:
        samples = [_load(driver, url) for _ in range(loads)]
    finally:
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", UNTHROTTLED)
        driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": 1})
    times = [ms for ms, _bytes in samples]
    return statistics.median(times), percentile(times, 0.95), max(size for _ms, size in samples)


def run(quick: bool) -> list[Row]:
    loads = 5 if quick else LOADS
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "cloud"
        create_owner(data, "owner@bench.example", "Café Blau")
        cloud = CloudProcess(data)
        cloud.start()
        try:
            pages = _pages(cloud.url)
            with phone_browser() as driver:
                for page, url in pages.items():
                    fast = _measure(driver, url, UNTHROTTLED, 1, loads)
                    slow = _measure(driver, url, SLOW_4G, CPU_SLOWDOWN, loads)
                    rows.append(
                        Row(
                            "join pages",
                            f"{page}, slow 4G + 4x CPU, cold cache ({loads} loads)",
                            f"p50 {slow[0]:.0f} ms, p95 {slow[1]:.0f} ms, {slow[2]:,} bytes",
                            f"p95 < {TARGET_MS:.0f} ms",
                            slow[1] < TARGET_MS,
                            f"unthrottled: p50 {fast[0]:.0f} ms, p95 {fast[1]:.0f} ms, {fast[2]:,} bytes",
                        )
                    )
        finally:
            cloud.stop()
    return rows
