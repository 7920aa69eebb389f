"""The join page's refusals as a customer's phone shows them: headless Chromium at 390x844 against
`loyalty-cloud serve` on 127.0.0.1.

- Field errors: an empty name and a mistyped email come back as messages next to the fields, with
  what she typed kept, the focus on the first field at fault and each field described by its
  message (aria-describedby), in English and, for a German business, in German; nothing stored.
- The rate limit: with a signup limit of 3 an hour set for the test, Chromium submits the form
  until the cloud refuses; the refusal is the friendly page (429, Retry-After), in the business's
  language.

Screenshots go to the test's folder; to renew docs/screenshots/join-errors-*.png and
join-limit-*.png run with LOYALTY_CLOUD_SCREENSHOTS=docs/screenshots."""

from __future__ import annotations

from contextlib import contextmanager

import httpx
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tests.cloud.browser import phone_browser, replaced, responses, screenshot, screenshot_folder
from tests.sync.harness import CloudProcess, OwnerApi, create_owner

OWNER = "owner@cafe.example"
SIGNUPS_PER_HOUR = 3
WAIT = 15.0  # seconds: a bound on each wait

ERRORS = {
    "en": {
        "name": "Please enter your name.",
        "email": "This does not look like an email address (name@example.com).",
        "alert": "Please check the highlighted fields.",
    },
    "de": {
        "name": "Bitte geben Sie Ihren Namen ein.",
        "email": "Das sieht nicht wie eine E-Mail-Adresse aus (name@beispiel.de).",
        "alert": "Bitte prüfen Sie die markierten Felder.",
    },
}
LIMIT = {
    "en": ("Please wait a moment", "Too many requests came from your network. Please try again in {wait}."),
    "de": (
        "Bitte warten Sie einen Moment",
        "Aus Ihrem Netz kamen zu viele Anfragen. Bitte versuchen Sie es in {wait} erneut.",
    ),
}
WAIT_WORDS = {"en": ("1 minute", "{n}\u00a0minutes"), "de": ("einer Minute", "{n}\u00a0Minuten")}


def wait_words(lang: str, retry_after: int) -> str:
    """How long the page says to wait: Retry-After in whole minutes, rounded up."""
    minutes = -(-retry_after // 60)
    one, many = WAIT_WORDS[lang]
    return one if minutes == 1 else many.format(n=minutes)


@contextmanager
def served(tmp_path, **limits: str):
    data = tmp_path / "cloud"
    create_owner(data, OWNER, "Café Blau")
    cloud = CloudProcess(data, env={f"LOYALTY_CLOUD_{k.upper()}": v for k, v in limits.items()})
    cloud.start()
    try:
        with httpx.Client(base_url=cloud.url, timeout=30, trust_env=False) as http:
            owner = OwnerApi(http, OWNER)
            owner.offer(name="Coffee card", stamps_required=8)
            link = http.post("/api/v1/join-links", json={}, headers=owner.headers).json()["path"]
            yield cloud.url + link, http, owner
    finally:
        cloud.stop()


def speak_german(http: httpx.Client, owner: OwnerApi) -> None:
    r = http.patch("/api/v1/businesses/me", json={"language": "de"}, headers=owner.headers)
    assert r.status_code == 200, r.text


def submit(driver, *, name: str, email: str, consent: bool = True) -> dict:
    """Fill in and send the form; the document Chromium received for it (status, headers)."""
    responses(driver)  # forget what came before
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "referral").send_keys("FRIEND-42")
    if consent:
        driver.find_element(By.CSS_SELECTOR, "label[for=consent]").click()
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, WAIT).until(replaced(old))  # the next page is in
    (received,) = responses(driver)
    return received


def test_field_errors_sit_next_to_their_fields_with_her_input_kept_and_the_focus_on_the_first(tmp_path):
    folder = screenshot_folder(tmp_path / "screenshots")
    with served(tmp_path) as (url, http, owner), phone_browser(network_log=True) as driver:
        for lang in ("en", "de"):
            if lang == "de":
                speak_german(http, owner)
            driver.get(url)
            received = submit(driver, name="   ", email="ada(at)example")
            assert received["status"] == 422
            assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
            texts = ERRORS[lang]
            assert driver.find_element(By.CSS_SELECTOR, "[role=alert]").text == texts["alert"]
            for field in ("name", "email"):
                box = driver.find_element(By.ID, field)
                error = driver.find_element(By.ID, f"{field}-error")
                assert error.is_displayed()
                assert error.text == texts[field]
                assert box.get_attribute("aria-invalid") == "true"
                assert f"{field}-error" in box.get_attribute("aria-describedby").split()
            # the focus is on the first field at fault: she types her name straight away
            assert driver.switch_to.active_element == driver.find_element(By.ID, "name")
            # what she typed is kept (the blank name trimmed to nothing is no loss)
            assert driver.find_element(By.ID, "email").get_attribute("value") == "ada(at)example"
            assert driver.find_element(By.ID, "referral").get_attribute("value") == "FRIEND-42"
            assert driver.find_element(By.ID, "consent").is_selected()
            assert not driver.find_elements(By.ID, "consent-error")  # no message where all is well
            screenshot(driver, folder, f"join-errors-{lang}.png")

            # she puts it right and joins from the same form
            driver.switch_to.active_element.send_keys("Ada Lovelace")
            email = driver.find_element(By.ID, "email")
            email.clear()
            email.send_keys(f"ada.{lang}@example.org")
            driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            WebDriverWait(driver, WAIT).until(expected_conditions.url_contains("/c/"))
        people = http.get("/api/v1/customers", headers=owner.headers).json()
        assert sorted(p["name"] for p in people) == ["Ada Lovelace", "Ada Lovelace"]  # one per good form


def test_past_the_signup_limit_chromium_shows_the_friendly_page_in_the_business_language(tmp_path):
    folder = screenshot_folder(tmp_path / "screenshots")
    limits = {"rate_signup_per_hour": str(SIGNUPS_PER_HOUR)}
    with served(tmp_path, **limits) as (url, http, owner), phone_browser(network_log=True) as driver:
        joined = 0
        for attempt in range(SIGNUPS_PER_HOUR + 2):  # bounded: refused after the limit
            driver.get(url)
            received = submit(driver, name=f"Guest {attempt}", email=f"guest{attempt}@example.org")
            if received["status"] != 200 or "/c/" not in received["url"]:
                break
            joined += 1
        assert joined == SIGNUPS_PER_HOUR
        for lang in ("en", "de"):
            if lang == "de":  # a German business: the same refusal in German
                speak_german(http, owner)
                driver.get(url)
                received = submit(driver, name="Gast", email="gast@example.org")
            assert received["status"] == 429
            assert "/j/" in received["url"]
            retry_after = int(received["headers"]["retry-after"])
            assert 1 <= retry_after <= 3600
            assert received["headers"]["content-type"].startswith("text/html")
            assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
            title, body = LIMIT[lang]
            assert driver.find_element(By.TAG_NAME, "h1").text == title
            # textContent, not .text: WebDriver shows a no-break space as a space
            shown = driver.find_element(By.CSS_SELECTOR, "main p").get_attribute("textContent")
            assert shown == body.format(wait=wait_words(lang, retry_after))
            screenshot(driver, folder, f"join-limit-{lang}.png")
        assert len(http.get("/api/v1/customers", headers=owner.headers).json()) == SIGNUPS_PER_HOUR
