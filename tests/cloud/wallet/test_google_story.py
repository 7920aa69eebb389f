"""Issue 16's Google Wallet story, end to end with real parts on 127.0.0.1 only:

`loyalty-cloud serve` (uvicorn) with Google Wallet set up against the local Google stand-in (its
OAuth token address, REST API and save page) -> a customer joins on the join page in headless
Chromium at 390x844 -> she lands on her card page -> she taps "Add to Google Wallet": the cloud
inserts her loyalty object at Google and Chromium follows its redirect to the save page, which
checks the save JWT and says "saved <object id>" -> the object holds the code her card page shows
(read by the kiosk's decoder from Chromium's screenshot) and "0 of 8" -> a kiosk (a real store, the
real sync engine) pulls her card, loses the cloud, and stamps her all the same -> the cloud is back,
the kiosk syncs -> the cloud's job patches her object at Google: "1 of 8", with a notification.

Every wait is bounded (WebDriverWait, the stand-in's condition); nothing sleeps."""

from __future__ import annotations

from contextlib import ExitStack

import httpx
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

import cardtoken
from kiosk.scanner.decode import decode_image
from tests.cloud.browser import phone_browser, screenshot
from tests.cloud.wallet.conftest import GOOGLE_ISSUER, google_key_file
from tests.sync.harness import Clock, CloudProcess, Kiosk, OwnerApi, create_owner, stamps_of

OWNER = "owner@cafe.example"
WAIT = 20.0  # seconds: a bound on each wait, never a pause


def join_in_chromium(driver, url: str) -> None:
    driver.get(url)
    driver.find_element(By.ID, "name").send_keys("Ada Lovelace")
    driver.find_element(By.ID, "email").send_keys("ada@example.org")
    driver.find_element(By.CSS_SELECTOR, "label[for=consent]").click()
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, WAIT).until(expected_conditions.url_contains("/c/"))


def add_to_google_wallet(driver, save_url: str) -> str:
    """Tap "Add to Google Wallet", follow the cloud's redirect to Google's save page; the id of the
    object that page says it saved."""
    link = driver.find_element(By.CSS_SELECTOR, "a.wallet")
    assert link.text == "Add to Google Wallet"
    link.click()
    WebDriverWait(driver, WAIT).until(expected_conditions.url_contains(save_url + "/"))
    saved = driver.find_element(By.CSS_SELECTOR, "body").text
    prefix = "saved "
    assert saved.startswith(prefix), saved  # the stand-in accepted the save JWT
    return saved.removeprefix(prefix).strip()


def balance(google, object_id: str) -> str:
    return google.object(object_id)["loyaltyPoints"]["balance"]["string"]


def test_she_joins_in_chromium_adds_her_card_to_google_wallet_and_an_offline_kiosks_stamp_reaches_it(
    tmp_path, google, google_key
):
    data = tmp_path / "cloud"
    create_owner(data, OWNER, "Cafe Blue")
    cloud = CloudProcess(
        data,
        env={
            "LOYALTY_CLOUD_GOOGLE_WALLET_API_URL": google.api_url,
            "LOYALTY_CLOUD_GOOGLE_WALLET_SAVE_URL": google.save_url,
        },
    )
    with ExitStack() as stack:
        cloud.start()
        stack.callback(cloud.stop)  # before the stand-in stops (the fixture outlives this block)
        http = stack.enter_context(httpx.Client(base_url=cloud.url, timeout=30, trust_env=False))
        owner = OwnerApi(http, OWNER)
        owner.offer(name="Coffee card", stamps_required=8, reward_text="A free coffee")
        location = owner.location()
        key_file = google_key_file(google_key, google.token_uri)
        key = {"service_account_key": key_file, "issuer_id": GOOGLE_ISSUER}
        r = http.put("/api/v1/wallet/google", json=key, headers=owner.headers)
        assert r.status_code == 200, r.text
        link = http.post("/api/v1/join-links", json={}, headers=owner.headers).json()["path"]

        # she joins on her phone and lands on her card page
        driver = stack.enter_context(phone_browser())
        join_in_chromium(driver, cloud.url + link)
        card_url = driver.current_url
        assert "0 of 8 stamps" in driver.find_element(By.CSS_SELECTOR, ".programs").text
        card_shot = screenshot(driver, tmp_path / "screenshots", "google-card.png")  # not a docs picture
        [code] = decode_image(card_shot)  # the QR as Chromium drew it, read by the kiosk's decoder
        card_id = cardtoken.decode(code.text).card_id
        assert google.resources["loyaltyObject"] == {}  # nothing at Google yet
        assert google.saved == []

        # "Add to Google Wallet": the object is inserted, Google's save page adds it to her Wallet
        object_id = add_to_google_wallet(driver, google.save_url)
        assert google.saved == [object_id]
        assert list(google.resources["loyaltyObject"]) == [object_id]
        assert object_id.startswith(GOOGLE_ISSUER + ".")
        assert google.object(object_id)["barcode"]["value"] == code.text  # the code she shows
        assert balance(google, object_id) == "0 of 8"

        # the till: paired, its morning sync pulls her card
        kiosk = Kiosk(tmp_path / "kiosk", Clock())
        stack.callback(kiosk.close)
        kiosk.pair(cloud.url, owner.pairing_code(location))
        engine = kiosk.engine()
        stack.callback(engine.client.close)
        assert engine.run_round().online

        # the cloud is out of reach: the kiosk stamps her code all the same, and keeps it
        cloud.stop()
        stamped = kiosk.stamp(code.text)
        assert stamped.refusal is None, stamped.refusal
        assert stamps_of(kiosk, card_id) == 1
        offline = engine.run_round()
        assert (offline.online, kiosk.pending()) == (False, 1), offline  # on the till's disk, not sent
        assert balance(google, object_id) == "0 of 8"
        assert google.patches == []

        # back online: the kiosk syncs, the cloud's job patches her object at Google, with a notification
        cloud.start()
        back = engine.run_round()
        assert (back.online, back.accepted, back.rejected, kiosk.pending()) == (True, 1, 0, 0), back
        assert google.wait_for(lambda g: balance(g, object_id) == "1 of 8", WAIT), google.refused
        [patch] = [p for p in google.patches if p.id == object_id]
        assert patch.body["notifyPreference"] == "notifyOnUpdate"
        assert google.object(object_id)["barcode"]["value"] == code.text  # still her code
        assert google.refused == []

        driver.get(card_url)  # her card page agrees
        assert "1 of 8 stamps" in driver.find_element(By.CSS_SELECTOR, ".programs").text
