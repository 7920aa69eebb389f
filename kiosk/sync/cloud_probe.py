"""Does the paired cloud answer? For self-check: one unauthenticated GET of its health route."""

from __future__ import annotations

import httpx

HEALTH_PATH = "/healthz"


def cloud_answers(base_url: str, timeout_s: float = 3.0) -> tuple[bool, str]:
    url = base_url.rstrip("/") + HEALTH_PATH
    try:
        with httpx.Client(timeout=timeout_s, trust_env=False) as http:
            response = http.get(url)
    except httpx.HTTPError as exc:
        return False, f"{url}: {type(exc).__name__}: {exc}"
    if response.status_code != 200:
        return False, f"{url} answered HTTP {response.status_code}"
    return True, f"{url} answered in {response.elapsed.total_seconds() * 1000:.0f} ms"
