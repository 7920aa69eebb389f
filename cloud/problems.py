"""RFC 9457 problem details for every error the API can return.

`ApiProblem` is raised by routes; the handlers below also turn FastAPI's validation errors,
Starlette's 404/405 and any unexpected exception into `application/problem+json`.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("cloud")

PROBLEM_BASE = "https://loyalty.example/problems/"
PROBLEM_MEDIA = "application/problem+json"

_TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    410: "Gone",
    413: "Request body too large",
    415: "Unsupported media type",
    422: "Invalid request",
    429: "Too many requests",
    500: "Internal server error",
}


def problem_type(slug: str) -> str:
    return PROBLEM_BASE + slug


class ApiProblem(Exception):
    def __init__(
        self,
        status: int,
        slug: str,
        detail: str,
        *,
        title: str | None = None,
        headers: dict[str, str] | None = None,
        errors: list[dict[str, Any]] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.slug = slug
        self.detail = detail
        self.title = title or _TITLES.get(status, "Error")
        self.headers = headers or {}
        self.errors = errors
        self.extra = extra or {}  # RFC 9457 extension members, e.g. where a merged customer went


def not_found(what: str = "resource") -> ApiProblem:
    return ApiProblem(404, "not-found", f"No such {what}.")


def gone(detail: str) -> ApiProblem:
    """After a DELETE the resource is not found at its address (it stays in lists and syncs, with
    its status, because the ledger still names it). 404 rather than 410: a client holding an id
    cannot tell a deleted resource from one it never had, and need not."""
    return ApiProblem(404, "deleted", detail)


def merged(survivor_id: str) -> ApiProblem:
    """A customer absorbed by a member merge is no customer of her own any more: 404, as for a
    deleted one (a client that knows only 404 drops her), with the surviving member's id in
    `merged_into` so a client that knows merges follows her there."""
    return ApiProblem(
        404,
        "merged",
        f"This customer was merged into customer {survivor_id}.",
        extra={"merged_into": survivor_id},
    )


def problem_response(
    status: int,
    slug: str,
    detail: str,
    *,
    title: str | None = None,
    instance: str | None = None,
    headers: dict[str, str] | None = None,
    errors: list[dict[str, Any]] | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        **(extra or {}),
        "type": problem_type(slug),
        "title": title or _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_MEDIA)


def _clean_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors():
        out.append(
            {
                "loc": [str(p) for p in err.get("loc", ())],
                "type": str(err.get("type", "")),
                "msg": str(err.get("msg", "")),
            }
        )
    return out


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiProblem)
    async def _api_problem(request: Request, exc: ApiProblem):
        return problem_response(
            exc.status,
            exc.slug,
            exc.detail,
            title=exc.title,
            instance=request.url.path,
            headers=exc.headers,
            errors=exc.errors,
            extra=exc.extra,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        errors = _clean_errors(exc)
        if any(e["type"] == "json_invalid" for e in errors):
            return problem_response(
                400,
                "malformed-json",
                "The request body is not valid JSON.",
                instance=request.url.path,
                errors=errors,
            )
        return problem_response(
            422,
            "validation-error",
            "The request does not match the schema.",
            instance=request.url.path,
            errors=errors,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        status = exc.status_code
        slug = {404: "not-found", 405: "method-not-allowed"}.get(status, f"http-{status}")
        detail = exc.detail if isinstance(exc.detail, str) else _TITLES.get(status, "Error")
        return problem_response(
            status, slug, detail, instance=request.url.path, headers=getattr(exc, "headers", None)
        )

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError):
        log.info("integrity error on %s %s: %s", request.method, request.url.path, exc.orig)
        return problem_response(
            409, "conflict", "This conflicts with data that already exists.", instance=request.url.path
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, _exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(
            500, "internal-error", "Something went wrong on our side.", instance=request.url.path
        )
