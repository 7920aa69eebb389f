"""The OpenAPI document is exact: the schemathesis command with all its checks, all four phases
(examples, coverage, fuzzing, and the stateful phase that follows the document's links) against
the live cloud on loopback, with an owner's and a paired kiosk's credentials, finds nothing.

Run as the command an integrator would run (`schemathesis run … --checks all`), bounded by a
fixed seed and a few examples per operation so that it ends in about a minute on 2 cores.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import httpx
import pytest

import cardtoken
from cloud.views import b64url
from tests.sync.harness import PASSWORD, CloudProcess, create_owner

EXAMPLES = 10
SEED = int(os.environ.get("LOYALTY_SCHEMATHESIS_SEED", "20261203"))  # another seed: explore more
STATEFUL_STEPS = 60  # enough for customer -> card -> events, flag and revocation
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REFUSALS = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5XX"]
DEVICE_PATHS = r"^/api/v1/(sync/.*|devices/me|devices/me/analytics)$"


@pytest.fixture
def live_cloud(tmp_path):
    data = tmp_path / "cloud"
    data.mkdir()
    create_owner(data, "owner@shop.example")
    cloud = CloudProcess(data)
    cloud.start()
    try:
        yield cloud
    finally:
        cloud.stop()


def _credentials(url: str) -> tuple[str, str, str]:
    """An owner's access token, the device token of a kiosk paired at one of her locations, and
    the id of her offer (cards are issued for it)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    with httpx.Client(base_url=url, timeout=30) as http:
        login = http.post("/api/v1/auth/login", json={"email": "owner@shop.example", "password": PASSWORD})
        owner = {"Authorization": f"Bearer {login.json()['access_token']}"}
        location = http.post("/api/v1/locations", json={"name": "Main street"}, headers=owner).json()["id"]
        offer = http.post(
            "/api/v1/offers",
            json={"name": "Coffee", "stamps_required": 9, "reward_text": "A coffee"},
            headers=owner,
        ).json()["id"]
        code = http.post(
            "/api/v1/devices/pairing-codes", json={"location_id": location, "name": "Till"}, headers=owner
        ).json()["code"]
        key = cardtoken.public_key_bytes(Ed25519PrivateKey.generate())
        paired = http.post(
            "/api/v1/devices/pair",
            json={"code": code, "device_name": "Till", "public_key": b64url(key), "key_id": 9},
        )
        assert paired.status_code == 201, paired.text
        return owner["Authorization"], f"Device {paired.json()['device_token']}", offer


# a whole fuzzing run; on two busy cores under a shifted clock it has taken over five minutes
@pytest.mark.timeout(900)
def test_schemathesis_all_checks_all_phases_find_nothing(live_cloud, tmp_path):
    owner, device, offer = _credentials(live_cloud.url)
    config = tmp_path / "schemathesis.toml"
    config.write_text(
        f'headers = {{ Authorization = "{owner}" }}\n\n'
        # a body over the documented 1 MB limit is refused with 413 before it is parsed; that is a
        # refusal of invalid data as much as a 422 (schemathesis' default list lacks it)
        "[phases.stateful]\n"
        f"max-steps = {STATEFUL_STEPS}\n\n"
        "[checks.negative_data_rejection]\n"
        f"expected-statuses = {REFUSALS!r}\n\n"
        "[[operations]]\n"
        f"include-path-regex = '{DEVICE_PATHS}'\n"
        f'headers = {{ Authorization = "{device}" }}\n'
    )
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(config),
        "--no-color",
        "run",
        f"{live_cloud.url}/openapi.json",
        "--checks",
        "all",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--max-examples",
        str(EXAMPLES),
        "--seed",
        str(SEED),
        "--workers",
        "1",
        "--request-timeout",
        "30",
    ]
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "tests.cloud.schemathesis_hooks",
        "LOYALTY_SCHEMATHESIS_OFFER_ID": offer,
        "PYTHONPATH": REPO,
    }
    run = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=840)
    out = run.stdout + run.stderr
    (tmp_path / "schemathesis.out").write_text(out)
    found = [line[:300] for line in out.splitlines() if re.match(r"^(_{5,}|- ST\d|\s+curl )", line)]
    assert run.returncode == 0, "\n".join(found[:200]) + "\n" + out[-2500:]
    # every phase ran and passed, the stateful one included (it walks the links of the document)
    for phase in ("Examples", "Coverage", "Fuzzing", "Stateful"):
        assert re.search(rf"✅ +{phase}\b", out), f"{phase} did not pass:\n{out[-6000:]}"
    generated = int(re.search(r"(\d+) generated", out).group(1))
    assert generated > 1000, out[-3000:]
    assert "0 failures" in out or "failures" not in out.split("SUMMARY")[-1], out[-6000:]
    # the stateful phase reached the cards from a created customer (the document's links)
    assert "stateful testing never reached" not in out, out[-6000:]


def test_links_lead_from_a_created_customer_to_her_cards(cloud):
    document = cloud.client.get("/openapi.json").json()
    paths = document["paths"]
    created = paths["/api/v1/customers"]["post"]["responses"]["201"]["links"]
    issue_id = paths["/api/v1/customers/{customer_id}/cards"]["post"]["operationId"]
    assert {"operationId": issue_id, "parameters": {"customer_id": "$response.body#/id"}} in created.values()
    issued = paths["/api/v1/customers/{customer_id}/cards"]["post"]["responses"]["201"]["links"]
    get_card = paths["/api/v1/cards/{card_id}"]["get"]["operationId"]
    assert {"operationId": get_card, "parameters": {"card_id": "$response.body#/card/id"}} in issued.values()
    operation_ids = {op["operationId"] for ops in paths.values() for op in ops.values()}
    for ops in paths.values():
        for op in ops.values():
            for response in op["responses"].values():
                for link in response.get("links", {}).values():
                    assert link["operationId"] in operation_ids


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("OPTIONS", "/api/v1/businesses/me", "GET, PATCH"),
        ("OPTIONS", "/api/v1/cards/48210937551", "DELETE, GET, PATCH"),
        ("DELETE", "/api/v1/devices/me", "GET"),  # was a 422 for a bad device id
        ("GET", "/api/v1/devices/pair", "POST"),
        ("PUT", "/api/v1/offers", "GET, POST"),
    ],
)
def test_undocumented_methods_are_405_with_the_exact_allow(cloud, method, path, allow):
    owner = cloud.owner()
    r = cloud.client.request(method, path, headers=owner.headers)
    assert r.status_code == 405, r.text
    assert r.headers["allow"] == allow
    assert r.headers["content-type"].startswith("application/problem+json")


def test_what_the_schema_forbids_is_refused_and_what_it_allows_is_taken(cloud):
    owner = cloud.owner()
    offer = cloud.offer(owner)
    customer = cloud.client.post("/api/v1/customers", json={"name": "Ann"}, headers=owner.headers).json()[
        "id"
    ]
    refused = [
        ("PATCH", f"/api/v1/customers/{customer}", {"marketing_consent": 0}),  # not a boolean
        ("PATCH", f"/api/v1/customers/{customer}", {"name": None}),  # the schema offers no null here
        ("PATCH", f"/api/v1/offers/{offer}", {"starts_at": 0}),  # not an RFC 3339 string
        ("POST", "/api/v1/customers", {"name": "A\x00nn"}),  # NUL: the schema's pattern says no
    ]
    for method, path, body in refused:
        r = cloud.client.request(method, path, json=body, headers=owner.headers)
        assert r.status_code == 422, (path, body, r.text)
    schema = cloud.client.get("/openapi.json").json()["components"]["schemas"]
    assert "null" not in str(schema["CustomerPatch"]["properties"]["name"])
    assert schema["CustomerPatch"]["properties"]["name"]["pattern"] == r"^[^\x00]*$"
    r = cloud.client.patch(f"/api/v1/customers/{customer}", json={"email": None}, headers=owner.headers)
    assert r.status_code == 200, r.text  # nullable in the schema, and taken as "remove it"
