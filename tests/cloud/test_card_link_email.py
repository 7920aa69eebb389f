"""Her card page's link by email (issue 16, "reachable again only through a link sent to the
member"): the real app and database, and a real SMTP server on 127.0.0.1 (aiosmtpd) that catches
what the cloud's email jobs send."""

from __future__ import annotations

import re
import socket
import threading
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlalchemy import func, select

from cloud.models import CardLink
from cloud.wallet.apns import Backoff
from tests.cloud.test_join_page import business, post

SENT_EN = "If this email belongs to a card here, we have sent its link."
WAIT = 20.0  # seconds the email jobs get at most


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Catcher:
    """aiosmtpd's handler: keeps every message; the first `refuse` tries get a 421 (try later)."""

    def __init__(self, refuse: int = 0) -> None:
        self.messages: list = []
        self.refuse = refuse
        self.answer = "421 Service not available, try again later"
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refuse > 0:
                self.refuse -= 1
                return self.answer
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"


@pytest.fixture
def smtp():
    catcher = Catcher()
    controller = Controller(catcher, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller
    controller.stop()


def mailing(make_cloud, settings, port: int, **overrides):
    cloud = make_cloud(
        settings, smtp_host="127.0.0.1", smtp_port=port, smtp_from="cards@cafe.example", **overrides
    )
    cloud.app.state.pass_updates.mail_backoff = Backoff(attempts=3, first=0.05, most=0.2)
    return cloud


def settle(cloud) -> None:
    assert cloud.app.state.pass_updates.wait_idle(WAIT)


def links(cloud) -> int:
    with cloud.db.read_session() as session:
        return session.scalar(select(func.count()).select_from(CardLink))


def text_of(msg) -> str:
    return msg.get_body(preferencelist=("plain",)).get_content()


def card_url(msg) -> str:
    found = re.findall(r"http://testserver/c/[A-Za-z0-9_-]+", text_of(msg))
    assert len(found) == 1, text_of(msg)
    return found[0]


def card_number(html: str) -> str:
    return re.search(r"</span> ([0-9 -]+)</p>", html).group(1)


def ask(cloud, path: str, email: str, **extra):
    return cloud.client.post(f"{path}/card-link", data={"email": email, **extra})


def test_a_member_asks_and_gets_a_new_link_to_her_own_card_page(make_cloud, settings, smtp):
    cloud = mailing(make_cloud, settings, smtp.port)
    _owner, _offer, path = business(cloud)
    joined = post(cloud, path)
    assert joined.status_code == 303
    first_page = cloud.client.get(joined.headers["location"])
    grace = post(cloud, path, name="Grace Hopper", email="grace@example.org")
    assert grace.status_code == 303
    settle(cloud)
    smtp.handler.messages.clear()  # the copies sent on joining (their own test below)
    before = links(cloud)

    assert f'href="{path}/card-link"' in cloud.client.get(path).text  # offered on the join page
    form = cloud.client.get(f"{path}/card-link")
    assert form.status_code == 200
    assert '<label for="email">' in form.text
    assert 'name="website"' in form.text
    answer = ask(cloud, path, "  ADA@Example.org ")
    assert answer.status_code == 200
    assert SENT_EN in answer.text
    settle(cloud)

    assert len(smtp.handler.messages) == 1
    msg = smtp.handler.messages[0]
    assert msg["To"] == "ada@example.org"  # the address she joined with
    assert msg["Subject"] == "Your loyalty card at Cafe Blue"
    assert msg["From"] == "cards@cafe.example"
    assert msg.get_body(preferencelist=("html",)) is not None
    url = card_url(msg)
    assert url != f"http://testserver{joined.headers['location']}"  # a fresh secret
    assert links(cloud) == before + 1
    page = cloud.client.get(url)
    assert page.status_code == 200
    assert "Ada Lovelace" in page.text
    assert "Grace Hopper" not in page.text
    assert card_number(page.text) == card_number(first_page.text)
    # the link she had keeps working
    assert cloud.client.get(joined.headers["location"]).status_code == 200


def test_joining_with_an_email_sends_her_a_copy_of_her_link(make_cloud, settings, smtp):
    cloud = mailing(make_cloud, settings, smtp.port)
    _owner, _offer, path = business(cloud)
    joined = post(cloud, path)
    post(cloud, path, name="Phone Only", email="", phone="+44 20 7946 0958")
    settle(cloud)
    assert [m["To"] for m in smtp.handler.messages] == ["ada@example.org"]
    copy = cloud.client.get(card_url(smtp.handler.messages[0]))
    assert copy.status_code == 200
    assert card_number(copy.text) == card_number(cloud.client.get(joined.headers["location"]).text)


def test_an_unknown_email_gets_the_same_answer_and_no_email(make_cloud, settings, smtp):
    cloud = mailing(make_cloud, settings, smtp.port)
    _owner, _offer, path = business(cloud)
    post(cloud, path)
    settle(cloud)
    smtp.handler.messages.clear()
    before = links(cloud)
    known = ask(cloud, path, "ada@example.org")
    unknown = ask(cloud, path, "nobody@example.org")
    assert (unknown.status_code, unknown.text) == (known.status_code, known.text)
    settle(cloud)
    assert [m["To"] for m in smtp.handler.messages] == ["ada@example.org"]
    assert links(cloud) == before + 1


def test_possible_duplicates_each_get_their_own_link(make_cloud, settings, smtp):
    cloud = mailing(make_cloud, settings, smtp.port)
    _owner, _offer, path = business(cloud)
    first = cloud.client.get(post(cloud, path).headers["location"])
    second = cloud.client.get(post(cloud, path, name="Ada L.").headers["location"])
    assert card_number(first.text) != card_number(second.text)
    settle(cloud)
    smtp.handler.messages.clear()
    ask(cloud, path, "ada@example.org")
    settle(cloud)
    pages = [cloud.client.get(card_url(m)).text for m in smtp.handler.messages]
    assert sorted(card_number(p) for p in pages) == sorted(
        [card_number(first.text), card_number(second.text)]
    )


def test_a_german_business_sends_a_german_email_and_page(make_cloud, settings, smtp):
    cloud = mailing(make_cloud, settings, smtp.port)
    owner, _offer, path = business(cloud, "Café Blau")
    r = cloud.client.patch("/api/v1/businesses/me", json={"language": "de"}, headers=owner.headers)
    assert r.status_code == 200
    post(cloud, path)
    settle(cloud)
    smtp.handler.messages.clear()
    form = cloud.client.get(f"{path}/card-link")
    assert '<html lang="de">' in form.text
    assert "Karten-Link senden" in form.text
    answer = ask(cloud, path, "ada@example.org")
    assert "Falls diese E-Mail-Adresse zu einer Karte hier gehört" in answer.text
    settle(cloud)
    (msg,) = smtp.handler.messages
    assert msg["Subject"] == "Ihre Treuekarte bei Café Blau"
    assert "Hallo Ada Lovelace" in text_of(msg)
    assert 'lang="de"' in msg.get_body(preferencelist=("html",)).get_content()


def test_the_honeypot_and_a_bad_address_send_nothing(make_cloud, settings, smtp):
    cloud = mailing(make_cloud, settings, smtp.port)
    _owner, _offer, path = business(cloud)
    post(cloud, path)
    settle(cloud)
    smtp.handler.messages.clear()
    before = links(cloud)
    bot = ask(cloud, path, "ada@example.org", website="http://spam.example")
    assert bot.status_code == 200
    assert SENT_EN in bot.text
    bad = ask(cloud, path, "not an address")
    assert bad.status_code == 422
    assert 'aria-invalid="true"' in bad.text
    assert "Please enter your email address" in bad.text
    settle(cloud)
    assert smtp.handler.messages == []
    assert links(cloud) == before


def test_past_the_public_rate_limit_a_friendly_429(make_cloud, settings, smtp):
    cloud = mailing(make_cloud, settings, smtp.port, rate_public_per_minute=3)
    _owner, _offer, path = business(cloud)
    # signing the owner up counted against the same bucket too: look for where the limit starts
    statuses = [cloud.client.get(f"{path}/card-link").status_code] + [
        ask(cloud, path, "ada@example.org").status_code for _ in range(4)
    ]
    first = statuses.index(429)
    assert statuses[0] == 200
    assert set(statuses[:first]) == {200}
    assert set(statuses[first:]) == {429}
    limited = ask(cloud, path, "ada@example.org")
    assert limited.status_code == 429
    assert "Please wait a moment" in limited.text
    assert int(limited.headers["Retry-After"]) > 0


def test_smtp_saying_try_later_is_retried_and_the_email_arrives(make_cloud, settings, smtp):
    cloud = mailing(make_cloud, settings, smtp.port)
    _owner, _offer, path = business(cloud)
    post(cloud, path)
    settle(cloud)
    smtp.handler.messages.clear()
    queue = cloud.app.state.pass_updates
    smtp.handler.refuse = 1  # the server says "try later" once
    answer = ask(cloud, path, "ada@example.org")
    assert answer.status_code == 200
    assert SENT_EN in answer.text
    settle(cloud)
    assert len(smtp.handler.messages) == 1
    assert (queue.mails.retried, queue.mails.sent) == (1, 2)  # her copy on joining, then this one
    assert cloud.client.get(card_url(smtp.handler.messages[0])).status_code == 200


def test_a_message_refused_for_good_is_not_tried_again(make_cloud, settings, smtp):
    cloud = mailing(make_cloud, settings, smtp.port)
    _owner, _offer, path = business(cloud)
    smtp.handler.refuse, smtp.handler.answer = 1, "554 Transaction failed"
    assert post(cloud, path).status_code == 303
    settle(cloud)
    queue = cloud.app.state.pass_updates
    assert (queue.mails.sent, queue.mails.failed, queue.mails.retried) == (0, 1, 0)
    assert smtp.handler.messages == []


def test_smtp_down_the_job_retries_and_the_page_answers_the_same(make_cloud, settings):
    cloud = mailing(make_cloud, settings, free_port())  # nobody listens there
    _owner, _offer, path = business(cloud)
    post(cloud, path)
    settle(cloud)
    answer = ask(cloud, path, "ada@example.org")
    assert answer.status_code == 200
    assert SENT_EN in answer.text
    unknown = ask(cloud, path, "nobody@example.org")
    assert (unknown.status_code, unknown.text) == (answer.status_code, answer.text)
    settle(cloud)
    queue = cloud.app.state.pass_updates
    assert (queue.mails.sent, queue.mails.failed) == (0, 2)  # her copy on joining and the link she asked for
    assert queue.mails.retried == 2 * (queue.mail_backoff.attempts - 1)


def test_without_smtp_no_form_is_offered_and_nothing_is_sent(cloud):
    _owner, _offer, path = business(cloud)
    post(cloud, path)
    join = cloud.client.get(path)
    assert "card-link" not in join.text
    before = links(cloud)
    for r in (cloud.client.get(f"{path}/card-link"), ask(cloud, path, "ada@example.org")):
        assert r.status_code == 200
        assert "Please ask at the counter" in r.text
        assert "<form" not in r.text
    assert links(cloud) == before
    assert cloud.app.state.pass_updates.mails.sent == 0


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_the_smtp_login_is_used(make_cloud, settings):
    catcher = Catcher()
    logins: list[bool] = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
            b"cafe",
            b"s3cret",
        )
        logins.append(ok)
        return AuthResult(success=ok)

    controller = Controller(
        catcher,
        hostname="127.0.0.1",
        port=free_port(),
        authenticator=authenticator,
        auth_required=True,
        auth_require_tls=False,  # loopback only; STARTTLS is the operator's switch
    )
    controller.start()
    try:
        cloud = mailing(make_cloud, settings, controller.port, smtp_username="cafe", smtp_password="s3cret")
        _owner, _offer, path = business(cloud)
        post(cloud, path)
        settle(cloud)
        assert [m["To"] for m in catcher.messages] == ["ada@example.org"]
        assert logins == [True]  # the server takes mail only after this login (auth_required)
        assert cloud.app.state.pass_updates.mails.sent == 1
    finally:
        controller.stop()
