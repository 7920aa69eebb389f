"""The join page in a real browser: headless Chromium (Debian's chromium + chromium-driver)
driven by Selenium at a phone's viewport (390x844), against `loyalty-cloud serve` (uvicorn) on
127.0.0.1. A customer fills the form with the keyboard, forgets the consent, sees the message
next to it with her input kept, agrees, joins, and lands on her card page, whose QR code as the
browser drew it decodes to her card's token. The screenshots go to the test's own folder; to
renew docs/screenshots/join-*.png run it with LOYALTY_CLOUD_SCREENSHOTS=docs/screenshots."""

from __future__ import annotations

from pathlib import Path

import httpx
import numpy as np
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

import cardtoken
from kiosk.scanner.decode import decode_image
from tests.cloud.browser import phone_browser, screenshot, screenshot_folder
from tests.sync.harness import CloudProcess, OwnerApi, create_owner


@pytest.fixture
def served(tmp_path):
    data = tmp_path / "cloud"
    create_owner(data, "owner@cafe.example", "Café Blau")
    cloud = CloudProcess(data)
    cloud.start()
    try:
        with httpx.Client(base_url=cloud.url, timeout=10) as http:
            yield cloud, http, OwnerApi(http, "owner@cafe.example")
    finally:
        cloud.stop()


@pytest.fixture
def browser():
    with phone_browser() as driver:
        yield driver


@pytest.fixture
def screenshots(tmp_path) -> Path:
    return screenshot_folder(tmp_path / "screenshots")


def join_in_browser(driver, folder: Path, url: str, lang: str, texts: dict[str, str]) -> np.ndarray:
    driver.get(url)
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
    name = driver.find_element(By.ID, "name")
    name.send_keys("Ada Lovelace", Keys.TAB)  # the keyboard moves on to the email field
    assert driver.switch_to.active_element == driver.find_element(By.ID, "email")
    driver.switch_to.active_element.send_keys(f"ada.{lang}@example.org")
    driver.find_element(By.ID, "referral").send_keys("FRIEND-42")
    shot = screenshot(driver, folder, f"join-{lang}.png")
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    # she forgot the consent: the message sits next to it, and what she typed is still there
    error = WebDriverWait(driver, 10).until(
        expected_conditions.visibility_of_element_located((By.ID, "consent-error"))
    )
    assert error.text == texts["consent_error"]
    assert driver.find_element(By.ID, "email").get_attribute("value") == f"ada.{lang}@example.org"
    assert not driver.find_element(By.ID, "website").is_displayed()  # the honeypot stays hidden
    driver.find_element(By.CSS_SELECTOR, "label[for=consent]").click()  # the label ticks the box
    assert driver.find_element(By.ID, "consent").is_selected()
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    WebDriverWait(driver, 10).until(expected_conditions.url_contains("/c/"))
    assert driver.find_element(By.TAG_NAME, "h1").text == texts["card_title"]
    assert texts["progress"] in driver.find_element(By.CSS_SELECTOR, ".programs").text
    assert shot is not None
    return screenshot(driver, folder, f"join-card-{lang}.png")


def test_a_customer_joins_on_her_phone_and_her_card_page_shows_a_code_the_kiosk_reads(
    served, browser, screenshots
):
    cloud, http, owner = served
    owner.offer(name="Kaffeekarte", stamps_required=8, reward_text="Ein Kaffee gratis")
    link = http.post("/api/v1/join-links", json={}, headers=owner.headers).json()["path"]

    english = {
        "consent_error": "Please agree to the privacy notice to join.",
        "card_title": "Your card at Café Blau",
        "progress": "0 of 8 stamps",
    }
    german = {
        "consent_error": "Bitte stimmen Sie der Datenschutzerklärung zu, um Mitglied zu werden.",
        "card_title": "Ihre Karte bei Café Blau",
        "progress": "0 von 8 Stempeln",
    }
    codes = []
    for lang, texts in (("en", english), ("de", german)):
        if lang == "de":  # the business's language wins over the browser's English
            r = http.patch("/api/v1/businesses/me", json={"language": "de"}, headers=owner.headers)
            assert r.status_code == 200, r.text
        card_shot = join_in_browser(browser, screenshots, cloud.url + link, lang, texts)
        [code] = decode_image(card_shot)  # the QR as Chromium drew it, read by the kiosk's decoder
        codes.append(cardtoken.decode(code.text))

    cards = http.get("/api/v1/cards", headers=owner.headers).json()
    assert sorted(c["id"] for c in cards) == sorted(t.card_id for t in codes)
    assert len(http.get("/api/v1/customers", headers=owner.headers).json()) == 2
