"""A local stand-in for Google Wallet's endpoints: uvicorn serving a small Starlette app on
127.0.0.1 in a thread, speaking the documented protocol.

- POST /token: the OAuth 2.0 JWT-bearer grant (RFC 7523). The assertion must be RS256, signed by
  the service account's key (checked with its public key), for this token address and the Wallet
  issuer scope; the answer is a Bearer access token.
- /walletobjects/v1/loyaltyClass and /loyaltyObject: insert (POST), get (GET /<id>) and patch
  (PATCH /<id>, fields merged), each with `Authorization: Bearer <token>` (401 without); 409 on
  inserting an id that exists, 404 for an unknown id.
- GET /gp/v/save/<jwt>: the page "Add to Google Wallet" leads to. The JWT must be RS256, signed by the
  service account's key, for audience "google" with typ "savetowallet", and name objects inserted
  beforehand; the page says "saved <object id>" for each (as Google's page adds them to her Wallet)
  and the ids are kept in `saved`. A bad JWT gets a 400 page saying why.

It records every patch and can be told to answer 429 (with Retry-After) or 503 a number of times.
"""

from __future__ import annotations

import html
import json
import secrets
import socket
import threading
from dataclasses import dataclass, field

import jwt
import uvicorn
from cryptography.hazmat.primitives.asymmetric import rsa
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

SCOPE = "https://www.googleapis.com/auth/wallet_object.issuer"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
KINDS = ("loyaltyClass", "loyaltyObject")


@dataclass(frozen=True)
class Patch:
    kind: str
    id: str
    body: dict


@dataclass
class GoogleStandIn:
    """Use as a context manager. `token_uri` goes in the key file, `api_url` and `save_url` in the
    cloud's settings."""

    client_email: str
    public_key: rsa.RSAPublicKey
    resources: dict[str, dict[str, dict]] = field(default_factory=lambda: {k: {} for k in KINDS})
    patches: list[Patch] = field(default_factory=list)
    inserts: list[Patch] = field(default_factory=list)
    refused: list[int] = field(default_factory=list)  # statuses answered other than 2xx
    faults: list[int] = field(default_factory=list)  # statuses to answer the next API calls with
    saved: list[str] = field(default_factory=list)  # object ids added to her Wallet by the save page

    def __post_init__(self) -> None:
        self._changed = threading.Condition()
        self._tokens: set[str] = set()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        sock.listen(128)  # connections wait in the backlog until the server accepts: no start race
        self._sock = sock
        base = f"http://127.0.0.1:{sock.getsockname()[1]}"
        self.token_uri, self.api_url = f"{base}/token", f"{base}/walletobjects/v1"
        self.save_url = f"{base}/gp/v/save"
        routes = [
            Route("/token", self._token, methods=["POST"]),
            Route("/gp/v/save/{token}", self._save, methods=["GET"]),
        ]
        for kind in KINDS:
            routes += [
                Route(f"/walletobjects/v1/{kind}", self._insert, methods=["POST"]),
                Route(f"/walletobjects/v1/{kind}/{{rid}}", self._one, methods=["GET", "PATCH"]),
            ]
        config = uvicorn.Config(Starlette(routes=routes), log_level="warning", lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)

    def __enter__(self) -> GoogleStandIn:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.should_exit = True
        self._thread.join(10)
        self._sock.close()
        assert not self._thread.is_alive(), "the Google stand-in did not stop"

    # --- OAuth ------------------------------------------------------------------------------------

    async def _token(self, request: Request) -> Response:
        form = await request.form()
        if form.get("grant_type") != JWT_BEARER:
            return self._refuse(400, {"error": "unsupported_grant_type"})
        try:
            claims = jwt.decode(
                str(form.get("assertion", "")),
                self.public_key,
                algorithms=["RS256"],
                audience=self.token_uri,
                options={"require": ["iss", "aud", "iat", "exp"]},
            )
        except jwt.PyJWTError as exc:
            return self._refuse(400, {"error": "invalid_grant", "error_description": str(exc)})
        if claims["iss"] != self.client_email or SCOPE not in str(claims.get("scope", "")).split():
            return self._refuse(400, {"error": "invalid_scope"})
        token = secrets.token_urlsafe(24)
        with self._changed:
            self._tokens.add(token)
        return JSONResponse({"access_token": token, "expires_in": 3599, "token_type": "Bearer"})

    # --- the Wallet objects -------------------------------------------------------------------------

    def _fault(self, request: Request) -> Response | None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        with self._changed:
            if scheme != "Bearer" or token not in self._tokens:
                return self._refuse(401, {"error": {"code": 401, "status": "UNAUTHENTICATED"}})
            status = self.faults.pop(0) if self.faults else None
        if status is not None:
            answer = self._refuse(status, {"error": {"code": status}})
            answer.headers["Retry-After"] = "0"
            return answer
        return None

    def _refuse(self, status: int, body: dict) -> JSONResponse:
        with self._changed:
            self.refused.append(status)
            self._changed.notify_all()
        return JSONResponse(body, status_code=status)

    @staticmethod
    def _kind(request: Request) -> str:
        return next(k for k in KINDS if f"/{k}" in request.url.path)

    async def _insert(self, request: Request) -> Response:
        if (fault := self._fault(request)) is not None:
            return fault
        kind, body = self._kind(request), json.loads(await request.body())
        rid = body.get("id")
        with self._changed:
            if not isinstance(rid, str) or "." not in rid:
                return self._refuse(400, {"error": {"code": 400, "message": "id must be <issuer>.<suffix>"}})
            if kind == "loyaltyObject" and body.get("classId") not in self.resources["loyaltyClass"]:
                return self._refuse(404, {"error": {"code": 404, "message": "class not found"}})
            if rid in self.resources[kind]:
                return self._refuse(409, {"error": {"code": 409, "status": "ALREADY_EXISTS"}})
            self.resources[kind][rid] = body
            self.inserts.append(Patch(kind, rid, body))
            self._changed.notify_all()
        return JSONResponse(body)

    async def _one(self, request: Request) -> Response:
        if (fault := self._fault(request)) is not None:
            return fault
        kind, rid = self._kind(request), request.path_params["rid"]
        body = json.loads(await request.body()) if request.method == "PATCH" else None
        with self._changed:
            found = self.resources[kind].get(rid)
            if found is None:
                return self._refuse(404, {"error": {"code": 404, "status": "NOT_FOUND"}})
            if body is not None:
                found.update(body)
                self.patches.append(Patch(kind, rid, body))
                self._changed.notify_all()
            return JSONResponse(found)

    # --- the save page -----------------------------------------------------------------------------

    async def _save(self, request: Request) -> Response:
        try:
            claims = jwt.decode(
                request.path_params["token"],
                self.public_key,
                algorithms=["RS256"],
                audience="google",
                options={"require": ["iss", "aud", "typ", "payload"]},
            )
        except jwt.PyJWTError as exc:
            return self._refuse_page(f"invalid save link: {exc}")
        if claims["iss"] != self.client_email or claims["typ"] != "savetowallet":
            return self._refuse_page("invalid save link: not a savetowallet JWT of this service account")
        named = claims["payload"].get("loyaltyObjects") if isinstance(claims["payload"], dict) else None
        ids = [o.get("id") for o in named if isinstance(o, dict)] if isinstance(named, list) else []
        with self._changed:
            if not ids or any(rid not in self.resources["loyaltyObject"] for rid in ids):
                return self._refuse_page(f"no such loyalty object: {ids}")
            self.saved.extend(ids)
            self._changed.notify_all()
        lines = "".join(f"<p class=saved>saved {html.escape(rid)}</p>" for rid in ids)
        return HTMLResponse(f"<!doctype html><title>Google Wallet</title>{lines}")

    def _refuse_page(self, why: str) -> HTMLResponse:
        with self._changed:
            self.refused.append(400)
            self._changed.notify_all()
        page = f"<!doctype html><title>Google Wallet</title><p class=error>{html.escape(why)}</p>"
        return HTMLResponse(page, status_code=400)

    # --- for the tests ----------------------------------------------------------------------------

    def wait_for(self, predicate, timeout: float = 10.0) -> bool:
        """Wait until predicate(stand-in) holds; False when it does not within the timeout."""
        with self._changed:
            return self._changed.wait_for(lambda: predicate(self), timeout)

    def object(self, rid: str) -> dict | None:
        with self._changed:
            return self.resources["loyaltyObject"].get(rid)

    def forget(self, rid: str) -> None:
        """As if the object were deleted at Google (the next patch answers 404)."""
        with self._changed:
            self.resources["loyaltyObject"].pop(rid, None)
