""" "Lost your card link?": a member asks for the link to her card page by email.

    GET  /j/{code}/card-link   the form (one email field), or "ask at the counter" when the cloud
                               sends no email
    POST /j/{code}/card-link   always the same answer, "if this email belongs to a card here, we have
                               sent its link", so the page never tells whether someone is a member

Every member of the business with that email (possible duplicates too) gets an email with a fresh
link to her card page: a new random secret, stored hashed; links made before keep working. The
page only queues a job that looks her up (cloud/join/mail_jobs.py), so it answers alike, and as
fast, whoever asks. Both
count against the public rate limit per IP; a form with the honeypot filled in sends nothing.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse

from cloud.deps import Ctx, ReadDb
from cloud.join.form import EMAIL_MAX, EMAIL_SHAPE
from cloud.join.texts import Language, words
from cloud.models import Business, JoinLink
from cloud.ratelimit import Bucket
from cloud.routes.join_pages import _message, _opened, _page
from cloud.routes.wallet_setup import public_url

router = APIRouter(include_in_schema=False)


def _form(
    request: Request, link: JoinLink, business: Business, lang: Language, email: str, problem: str | None
) -> HTMLResponse:
    w = words(lang)
    return _page(
        request,
        "card_link.html",
        422 if problem else 200,
        lang,
        w["card_link_title"].format(business=business.name),
        action=f"/j/{link.code}/card-link",
        email=email,
        problem=problem,
    )


def _counter(request: Request, lang: Language, business: Business) -> HTMLResponse:
    return _message(request, 200, lang, "card_link_counter", business=business.name)


@router.get("/j/{code}/card-link", response_class=HTMLResponse)
def card_link_form(code: str, request: Request, session: ReadDb, ctx: Ctx) -> Response:
    opened = _opened(request, session, ctx, code, Bucket.PUBLIC)
    if isinstance(opened, Response):
        return opened
    link, business, lang = opened
    if not request.app.state.pass_updates.sends_mail:
        return _counter(request, lang, business)
    return _form(request, link, business, lang, "", None)


@router.post("/j/{code}/card-link", response_class=HTMLResponse)
def card_link_send(
    code: str,
    request: Request,
    session: ReadDb,
    ctx: Ctx,
    email: Annotated[str, Form()] = "",
    website: Annotated[str, Form()] = "",
) -> Response:
    opened = _opened(request, session, ctx, code, Bucket.PUBLIC)
    if isinstance(opened, Response):
        return opened
    link, business, lang = opened
    queue = request.app.state.pass_updates
    if not queue.sends_mail:
        return _counter(request, lang, business)
    if website.strip():  # the honeypot: the same answer as everyone, nothing made or sent
        return _message(request, 200, lang, "card_link_sent")
    typed = email.strip()
    if len(typed) > EMAIL_MAX or not EMAIL_SHAPE.match(typed):
        return _form(request, link, business, lang, email[:EMAIL_MAX], words(lang)["card_link_email_problem"])
    base = public_url(request, ctx.settings.public_url).rstrip("/")
    queue.send_card_links(business.id, typed.lower(), lang, base)  # looked up by the job, not here
    return _message(request, 200, lang, "card_link_sent")
