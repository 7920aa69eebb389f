"""405 with an exact `Allow` for every method a path does not document, OPTIONS included.

FastAPI registers one route per method, so Starlette's own 405 names only the first route
that matched, and a templated route (`/devices/{device_id}`) swallows methods meant for a
fixed path beside it (`DELETE /devices/me` became a 422 for a bad device id). Here, as in
OpenAPI, a fixed path wins over templated ones, and `Allow` lists all methods of the path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from cloud.problems import PROBLEM_MEDIA, problem_type


@dataclass(frozen=True, slots=True)
class _Path:
    regex: re.Pattern
    fixed: bool  # no path parameters
    methods: frozenset[str]


def _regex(template: str) -> re.Pattern:
    parts = re.split(r"(\{[^}]+\})", template)
    return re.compile("^" + "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts) + "$")


class MethodGuardMiddleware:
    """Reads the paths and methods from the app's own OpenAPI document: `Allow` is what it says."""

    def __init__(self, app, openapi: Callable[[], dict]) -> None:
        self.app = app
        self._openapi = openapi
        self._paths: list[_Path] | None = None

    def _table(self) -> list[_Path]:
        if self._paths is None:
            self._paths = [
                _Path(_regex(path), "{" not in path, frozenset(m.upper() for m in operations))
                for path, operations in self._openapi().get("paths", {}).items()
            ]
        return self._paths

    def allowed(self, path: str) -> frozenset[str] | None:
        """The methods of the documented path that `path` is, or None when it is none."""
        matching = [p for p in self._table() if p.regex.match(path)]
        if not matching:
            return None
        fixed = [p for p in matching if p.fixed]
        return frozenset().union(*(p.methods for p in fixed or matching))

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            allowed = self.allowed(scope["path"])
            if allowed is not None and scope["method"] not in allowed:
                await _method_not_allowed(send, scope, allowed)
                return
        await self.app(scope, receive, send)


async def _method_not_allowed(send, scope, allowed: frozenset[str]) -> None:
    listed = ", ".join(sorted(allowed))
    body = json.dumps(
        {
            "type": problem_type("method-not-allowed"),
            "title": "Method not allowed",
            "status": 405,
            "detail": f"{scope['method']} is not allowed here; this path takes {listed}.",
            "instance": scope["path"],
        }
    ).encode()
    headers = [
        (b"content-type", PROBLEM_MEDIA.encode()),
        (b"content-length", str(len(body)).encode()),
        (b"allow", listed.encode()),
    ]
    await send({"type": "http.response.start", "status": 405, "headers": headers})
    await send({"type": "http.response.body", "body": body})
