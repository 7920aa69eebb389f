"""The customer's pages, server-rendered HTML that needs no JavaScript:

    GET  /j/{code}          the join page of a business (or one of its locations)
    POST /j/{code}          join: a 303 to her card page, or the form again with each field's problem
    GET  /c/{secret}        her card page: her QR code, programs and balances, "Add to Apple Wallet"
    GET  /c/{secret}/apple-pass   her Apple Wallet pass (when the business has Wallet set up)
    GET  /c/{secret}/google-pass  her card put in Google Wallet: a 303 to Google's save link

Rate limits per IP: joining counts against the signup quota, every other page against the public
one; past either the visitor gets a page saying when to try again. A card page exists only behind
its secret link: a wrong, guessed or forged link is the same 404 as an unknown one.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Annotated

import segno
from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from cloud import plans
from cloud.deps import Ctx, Now, ReadDb, WriteDb, client_ip
from cloud.join import members
from cloud.join.form import JoinForm, check
from cloud.join.mail import card_link_mail
from cloud.join.texts import FIELD_PROBLEMS, PHONE_REGION, Language, pick_language, words
from cloud.models import Business, JoinLink
from cloud.problems import ApiProblem
from cloud.ratelimit import Bucket
from cloud.routes.wallet_setup import card_pass_bytes, public_url
from cloud.wallet import google_store, store
from cloud.wallet.google_updates import GoogleUnavailable, save_link
from cloud.wallet.pkpass import MEDIA_TYPE
from loyalty_rules.plans import Plan

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
templates = Jinja2Templates(directory=str(TEMPLATES))
CSS = (TEMPLATES / "site.css").read_text()
_CSS_HASH = base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()
# no scripts at all; the one style sheet is inline (one request on a slow phone) and allowed by hash
CSP = (
    f"default-src 'none'; style-src-elem 'sha256-{_CSS_HASH}'; style-src-attr 'unsafe-inline'; "
    "img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
PAGE_HEADERS = {"Content-Security-Policy": CSP, "Referrer-Policy": "no-referrer"}

router = APIRouter(include_in_schema=False)


def _language(request: Request, business_language: str | None) -> Language:
    return pick_language(business_language, request.headers.get("accept-language", ""))


def _page(request: Request, name: str, status: int, lang: Language, title: str, **context) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        name,
        {"lang": lang.value, "title": title, "css": Markup(CSS), "w": words(lang), **context},
        status_code=status,
        headers=PAGE_HEADERS,
    )


def _message(request: Request, status: int, lang: Language, key: str, **fmt) -> HTMLResponse:
    w = words(lang)
    return _page(
        request, "message.html", status, lang, w[f"{key}_title"], body=w[f"{key}_body"].format(**fmt)
    )


def _limited(request: Request, ctx, bucket: Bucket, lang: Language) -> HTMLResponse | None:
    """None when the visitor may go on; else the friendly 429 page (Retry-After kept)."""
    try:
        ctx.limiter.hit(bucket, client_ip(request))
    except ApiProblem as exc:
        if exc.status != 429:
            raise
        retry = int((exc.headers or {}).get("Retry-After", "60"))
        minutes = max(1, -(-retry // 60))  # rounded up: never "try again in 0 minutes"
        w = words(lang)
        wait = w["minute_one"] if minutes == 1 else w["minute_many"].format(minutes=minutes)
        page = _message(request, 429, lang, "too_many", wait=wait)
        page.headers["Retry-After"] = str(retry)
        return page
    return None


def _join_link(session, code: str) -> tuple[JoinLink, Business] | None:
    if not code or len(code) > 16:
        return None
    link = session.get(JoinLink, code)
    business = session.get(Business, link.business_id) if link is not None else None
    return (link, business) if link is not None and business is not None else None


def _opened(
    request: Request, session, ctx, code: str, bucket: Bucket
) -> tuple[JoinLink, Business, Language] | Response:
    """The join link `code` names, its business and the page's language; or the answer instead:
    the friendly 429 past the visitor's `bucket` limit (counted whether or not the link exists,
    so guessing links costs the same), or the 404 page."""
    found = _join_link(session, code)
    lang = _language(request, found[1].language if found else None)
    if (limited := _limited(request, ctx, bucket, lang)) is not None:
        return limited
    if found is None:
        return _message(request, 404, lang, "not_found")
    return found[0], found[1], lang


def _join_form(
    request: Request,
    link: JoinLink,
    business: Business,
    lang: Language,
    form: JoinForm,
    problems,
    status: int,
) -> HTMLResponse:
    w = words(lang)
    return _page(
        request,
        "join.html",
        status,
        lang,
        w["join_title"].format(business=business.name),
        action=f"/j/{link.code}",
        form=form,
        problems={field.value: FIELD_PROBLEMS[lang][problem] for field, problem in problems.items()},
        privacy=w["privacy"].format(business=business.name),
        consent=w["consent"].format(business=business.name),
        # "lost your link?" only where the cloud can send it: never a promise of an email it cannot send
        card_link_url=f"/j/{link.code}/card-link" if request.app.state.pass_updates.sends_mail else None,
    )


@router.get("/j/{code}", response_class=HTMLResponse)
def join_page(code: str, request: Request, session: ReadDb, ctx: Ctx) -> Response:
    opened = _opened(request, session, ctx, code, Bucket.PUBLIC)
    if isinstance(opened, Response):
        return opened
    link, business, lang = opened
    if plans.member_refusal(session.connection(), business.id, Plan(business.plan)) is not None:
        # not an error for her: the shop is full online; the counter still takes her (kept locally)
        return _message(request, 200, lang, "full", business=business.name)
    return _join_form(request, link, business, lang, JoinForm(), {}, 200)


@router.post("/j/{code}", response_class=HTMLResponse)
def join_submit(
    code: str,
    request: Request,
    session: WriteDb,
    ctx: Ctx,
    when: Now,
    name: Annotated[str, Form()] = "",
    email: Annotated[str, Form()] = "",
    phone: Annotated[str, Form()] = "",
    consent: Annotated[str, Form()] = "",
    referral: Annotated[str, Form()] = "",
    website: Annotated[str, Form()] = "",
) -> Response:
    opened = _opened(request, session, ctx, code, Bucket.SIGNUP)
    if isinstance(opened, Response):
        return opened
    link, business, lang = opened
    form = JoinForm(name, email, phone, consent == "yes", referral, website)
    if form.is_bot:  # a polite answer that says nothing; nothing is stored
        return _message(request, 200, lang, "thanks")
    clean, problems = check(form, PHONE_REGION[lang])
    if clean is None:
        return _join_form(request, link, business, lang, form, problems, 422)
    try:
        joined = members.join(session, ctx.sealer, link, clean, when)
    except members.NoProgram:
        session.rollback()
        return _message(request, 409, lang, "not_open", business=business.name)
    except members.MembersFull:  # 402 as the API's plan refusals; the page itself is friendly
        session.rollback()
        return _message(request, 402, lang, "full_sent", business=business.name)
    session.commit()
    if clean.email:  # a copy of her link to keep (queued only when the cloud sends email)
        url = f"{public_url(request, ctx.settings.public_url).rstrip('/')}/c/{joined.secret}"
        request.app.state.pass_updates.send_mail(
            card_link_mail(lang, clean.email, business.name, clean.name, url)
        )
    return RedirectResponse(
        f"/c/{joined.secret}", status_code=303, headers={"Referrer-Policy": "no-referrer"}
    )


def _qr_svg(code: str, label: str) -> Markup:
    qr = segno.make(code, error="m", micro=False)
    # the token is base64url text made here, and segno writes only its own markup: safe to inline
    return Markup(qr.svg_inline(border=4, dark="#000", light="#fff", title=label, omitsize=True))


@router.get("/c/{secret}", response_class=HTMLResponse)
def card_page(secret: str, request: Request, session: ReadDb, ctx: Ctx) -> Response:
    link = members.card_link(session, secret)
    page = members.card_page(session, link, ctx.sealer) if link is not None else None
    lang = _language(request, page.language if page else None)
    if (limited := _limited(request, ctx, Bucket.PUBLIC, lang)) is not None:
        return limited
    if page is None:
        return _message(request, 404, lang, "not_found")
    w = words(lang)
    wallet = store.apple_config(session, page.business_id) is not None
    google = google_store.google_config(session, page.business_id) is not None
    return _page(
        request,
        "card.html",
        200,
        lang,
        w["card_title"].format(business=page.business_name),
        page=page,
        qr_svg=_qr_svg(page.code, w["qr_label"]),
        wallet_url=f"/c/{secret}/apple-pass" if wallet else None,
        google_url=f"/c/{secret}/google-pass" if google else None,
    )


@router.get("/c/{secret}/apple-pass")
def card_apple_pass(secret: str, request: Request, session: WriteDb, ctx: Ctx, when: Now) -> Response:
    """Her card's Apple Wallet pass: the same pass (serial, token) staff would download for the
    card, so every copy of it updates."""
    link = members.card_link(session, secret)
    page = members.card_page(session, link, ctx.sealer) if link is not None else None
    lang = _language(request, page.language if page else None)
    if (limited := _limited(request, ctx, Bucket.PUBLIC, lang)) is not None:
        return limited
    config = store.apple_config(session, page.business_id) if page is not None else None
    if page is None or config is None:
        return _message(request, 404, lang, "not_found")
    data = card_pass_bytes(session, request, ctx, config, page.business_id, page.card_id, when)
    if data is None:  # pragma: no cover - the card was read in this transaction
        return _message(request, 404, lang, "not_found")
    session.commit()
    return Response(
        data,
        media_type=MEDIA_TYPE,
        headers={
            "Content-Disposition": 'attachment; filename="card.pkpass"',
            "Referrer-Policy": "no-referrer",
        },
    )


@router.get("/c/{secret}/google-pass")
def card_google_pass(secret: str, request: Request, session: WriteDb, ctx: Ctx, when: Now) -> Response:
    """Her card in Google Wallet: its class and object are put through Google's REST API first,
    then she goes to Google's save link, which names only the object."""
    link = members.card_link(session, secret)
    page = members.card_page(session, link, ctx.sealer) if link is not None else None
    lang = _language(request, page.language if page else None)
    if (limited := _limited(request, ctx, Bucket.PUBLIC, lang)) is not None:
        return limited
    config = google_store.google_config(session, page.business_id) if page is not None else None
    if page is None or config is None:
        return _message(request, 404, lang, "not_found")
    try:
        url = save_link(
            session,
            client=request.app.state.pass_updates.ctx.google,
            keys=ctx.sealer,
            sealer=request.app.state.wallet_sealer,
            save_url=ctx.settings.google_wallet_save_url,
            config=config,
            card_id=page.card_id,
            now=when,
        )
    except GoogleUnavailable:
        return _message(request, 503, lang, "google_unavailable")
    return RedirectResponse(url, status_code=303, headers={"Referrer-Policy": "no-referrer"})
