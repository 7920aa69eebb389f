"""The HTTP client's mapping of every kind of failure to one typed exception."""

from __future__ import annotations

import httpx
import pytest

from kiosk.sync.client import CloudClient, DeviceRevoked, Refused, Transient, Unauthorised, parse_problem

PROBLEM = "application/problem+json"


def _client(handler) -> CloudClient:
    http = httpx.Client(base_url="http://cloud.test", transport=httpx.MockTransport(handler))
    return CloudClient("http://cloud.test", "tok", http=http)


def _problem(status: int, slug: str, **headers) -> httpx.Response:
    body = {
        "type": f"https://loyalty.example/problems/{slug}",
        "title": "x",
        "status": status,
        "detail": slug,
    }
    return httpx.Response(status, json=body, headers={"content-type": PROBLEM, **headers})


@pytest.mark.parametrize(
    ("response", "kind"),
    [
        (_problem(401, "device-revoked"), DeviceRevoked),
        (_problem(401, "invalid-device-token"), Unauthorised),
        (_problem(500, "internal"), Transient),
        (_problem(503, "unavailable"), Transient),
        (_problem(422, "invalid-request"), Refused),
        (_problem(409, "key-id-taken"), Refused),
        (httpx.Response(502, text="<html>bad gateway</html>"), Transient),
        (httpx.Response(200, text='{"cursor": 1, "has_mo'), Transient),  # cut short
        (httpx.Response(200, json={"cursor": 1}), Transient),  # not the contract
    ],
)
def test_failures_map_to_typed_exceptions(response, kind):
    with pytest.raises(kind) as caught, _client(lambda request: response) as client:
        client.pull(0, 1)
    assert type(caught.value) is kind


def test_429_carries_retry_after():
    client = _client(lambda request: _problem(429, "too-many-requests", **{"Retry-After": "7"}))
    with client, pytest.raises(Transient) as caught:
        client.pull(0, 1)
    assert caught.value.retry_after == 7.0
    assert caught.value.problem.slug == "too-many-requests"


@pytest.mark.parametrize(
    "error", [httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("reset")]
)
def test_network_errors_are_transient(error):
    def handler(request):
        raise error

    with pytest.raises(Transient), _client(handler) as client:
        client.pull(0, 1)


def test_device_token_is_sent_and_pairing_sends_none():
    seen = []

    def handler(request):
        seen.append(request.headers.get("Authorization"))
        return _problem(403, "invalid-pairing-code")

    with _client(handler) as client:
        with pytest.raises(Refused):
            client.pull(0, 1)
        with pytest.raises(Refused):
            client.pair("ABCD-EFGH", "Till", b"\x01" * 32, 7)
    assert seen == ["Device tok", None]


def test_no_token_is_unauthorised_without_a_request():
    client = CloudClient(
        "http://cloud.test",
        None,
        http=httpx.Client(transport=httpx.MockTransport(lambda r: pytest.fail("no request expected"))),
    )
    with pytest.raises(Unauthorised):
        client.pull(0, 1)


def test_parse_problem_of_a_bare_error():
    p = parse_problem(httpx.Response(504, text="timeout"))
    assert p.status == 504
    assert p.slug == "about:blank"
    assert "504" in p.describe()
