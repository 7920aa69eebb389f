"""schemathesis against the app's own /openapi.json: no 5xx, every response matches the schema.

Bounded: a few examples per operation (positive and negative data) on one SQLite app, sent
with an owner's or a paired kiosk's credentials so that the protected code runs too.
(schemathesis' pytest plugin does not run under pytest 9, so operations are driven here.)
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.python import asgi as schemathesis_asgi
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 25


@pytest.fixture
def database_url(tmp_path):
    return f"sqlite:///{tmp_path / 'cloud.sqlite3'}"


@pytest.fixture
def api(cloud):
    owner = cloud.owner()
    offer = cloud.offer(owner)
    kiosk = cloud.kiosk(owner)
    cloud.enroll(kiosk, offer)
    schema = schemathesis.openapi.from_asgi("/openapi.json", cloud.app)
    yield schema, owner.headers, kiosk.headers
    # schemathesis keeps one event-loop thread for all ASGI apps until exit; end it with the test
    schemathesis_asgi._shutdown()


def _operations(schema):
    for result in schema.get_all_operations():
        yield result.ok()


def _checker(operation, mode, headers):
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        case.call_and_validate(headers=dict(headers), checks=CHECKS)

    return check


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_openapi_contract(api, mode):
    schema, owner_headers, device_headers = api
    failures = []
    count = 0
    for operation in _operations(schema):
        device = operation.path.startswith("/api/v1/sync") or operation.path == "/api/v1/devices/me"
        headers = device_headers if device else owner_headers

        check = _checker(operation, mode, headers)
        count += 1
        try:
            check()
        except Unsatisfiable:  # nothing to negate (e.g. no parameters at all)
            continue
        except Exception as exc:  # collect them all, then report
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
    assert count > 30
    assert not failures, "\n\n".join(failures)
