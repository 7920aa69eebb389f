"""Issue 16's Apple Wallet story, end to end with real parts on 127.0.0.1 only:

`loyalty-cloud serve` (uvicorn) with Apple Wallet set up (the test PKI's pass certificate, an APNs
key the local APNs stand-in trusts) -> a customer joins on the join page in headless Chromium at
390x844 -> she lands on her card page -> Chromium downloads her .pkpass through the page's "Add to
Apple Wallet" link -> the pass verifies (manifest hashes, `openssl smime -verify`) -> the Wallet
test client registers it -> a kiosk (a real store, the real sync engine) pulls her card, loses its
network, and stamps her by scanning the code from a screenshot of her card page -> its network
comes back and it syncs -> the APNs stand-in receives the push for her pass -> the Wallet client
asks which passes changed, fetches hers, and it shows the new balance.

Every wait is bounded (WebDriverWait, the stand-in's condition); nothing sleeps."""

from __future__ import annotations

import shutil
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from kiosk.scanner.decode import decode_image
from tests.cloud.browser import phone_browser, screenshot
from tests.cloud.wallet.conftest import KEY_ID, setup_body
from tests.cloud.wallet.pki import PASS_TYPE_ID
from tests.cloud.wallet.test_apns import p8
from tests.cloud.wallet.wallet_app import WalletApp
from tests.faults.proxy import FaultProxy
from tests.sync.harness import Clock, CloudProcess, Kiosk, OwnerApi, create_owner

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl command line missing")
OWNER = "owner@cafe.example"
WAIT = 20.0  # seconds: a bound on each wait, never a pause


def join_in_chromium(driver, url: str) -> None:
    driver.get(url)
    driver.find_element(By.ID, "name").send_keys("Zoe Baker")
    driver.find_element(By.ID, "email").send_keys("zoe@example.org")
    driver.find_element(By.CSS_SELECTOR, "label[for=consent]").click()
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, WAIT).until(expected_conditions.url_contains("/c/"))


def download_pass(driver, folder: Path) -> bytes:
    """Tap "Add to Apple Wallet" and wait (bounded) for Chromium to finish saving the file."""
    link = driver.find_element(By.CSS_SELECTOR, "a.wallet")
    assert link.text == "Add to Apple Wallet"
    link.click()
    target = folder / "card.pkpass"
    WebDriverWait(driver, WAIT).until(
        lambda _d: target.exists() and not any(p.suffix == ".crdownload" for p in folder.iterdir())
    )
    return target.read_bytes()


def sync(kiosk: Kiosk):
    engine = kiosk.engine()
    try:
        return engine.run_round()
    finally:
        engine.client.close()


def test_she_joins_in_chromium_adds_her_pass_is_stamped_offline_and_her_wallet_shows_the_stamp(
    tmp_path, pki, apns_key, standin, verify
):
    data = tmp_path / "cloud"
    create_owner(data, OWNER, "Café Blau")
    cloud = CloudProcess(
        data,
        env={"LOYALTY_CLOUD_APNS_HOST": standin.host, "LOYALTY_CLOUD_APNS_CA_FILE": str(standin.ca_file)},
    )
    with ExitStack() as stack:
        cloud.start()
        stack.callback(cloud.stop)  # before the stand-in stops: the cloud holds a connection to it
        http = stack.enter_context(httpx.Client(base_url=cloud.url, timeout=30, trust_env=False))
        owner = OwnerApi(http, OWNER)
        location = owner.location()
        owner.offer(name="Coffee card", stamps_required=8, reward_text="A free coffee")
        body = setup_body(pki, apns_key=p8(apns_key), apns_key_id=KEY_ID)
        r = http.put("/api/v1/wallet/apple", json=body, headers=owner.headers)
        assert r.status_code == 200, r.text
        link = http.post("/api/v1/join-links", json={}, headers=owner.headers).json()["path"]

        # she joins on her phone and lands on her card page
        downloads = tmp_path / "downloads"
        driver = stack.enter_context(phone_browser(download_dir=downloads))
        join_in_chromium(driver, cloud.url + link)
        assert "0 of 8 stamps" in driver.find_element(By.CSS_SELECTOR, ".programs").text
        card_shot = screenshot(driver, tmp_path / "screenshots", "story-card.png")  # not a docs picture

        # "Add to Apple Wallet": the file Chromium saved is a pass Wallet accepts
        pkpass = download_pass(driver, downloads)
        phone = WalletApp(http, verify=verify)  # verify: hashes and `openssl smime -verify`
        assert phone.add(pkpass).status_code == 201  # registered for updates
        (serial,) = phone.passes
        assert phone.balance(serial) == "0 of 8"
        assert phone.check_for_updates(PASS_TYPE_ID) == [serial]  # Wallet's first look, to take its tag
        assert standin.received == []  # registering pushes nothing

        # the till: paired, its morning sync pulls her card, then its network goes
        network = FaultProxy(cloud.port)
        stack.callback(network.close)
        kiosk = Kiosk(tmp_path / "kiosk", Clock())
        stack.callback(kiosk.close)
        kiosk.pair(network.url, owner.pairing_code(location))
        assert sync(kiosk).online
        network.plan.extend(["reset"] * 50)  # every request of the till is cut from here on

        [code] = decode_image(card_shot)  # the QR as Chromium drew it, read by the kiosk's decoder
        stamped = kiosk.stamp(code.text)
        assert stamped.refusal is None, stamped.refusal
        offline = sync(kiosk)
        assert (offline.online, kiosk.pending()) == (False, 1), offline  # on the till's disk, not sent
        assert standin.received == []
        assert phone.check_for_updates(PASS_TYPE_ID) == []  # the cloud knows nothing yet

        # the network is back: the till syncs, APNs gets the push, Wallet fetches the new pass
        network.plan.clear()
        back = sync(kiosk)
        assert (back.online, back.rejected, kiosk.pending()) == (True, 0, 0), back
        assert standin.wait_for(lambda s: s.pushes_to(phone.push_token), WAIT), standin.refused
        (push,) = standin.pushes_to(phone.push_token)
        assert (push.topic, push.payload, push.http_version) == (PASS_TYPE_ID, b"{}", "2")
        assert phone.check_for_updates(PASS_TYPE_ID) == [serial]
        assert phone.balance(serial) == "1 of 8"
        assert phone.passes[serial].content["barcodes"][0]["message"] == code.text  # the code she showed

        driver.refresh()  # her card page agrees
        assert "1 of 8 stamps" in driver.find_element(By.CSS_SELECTOR, ".programs").text
