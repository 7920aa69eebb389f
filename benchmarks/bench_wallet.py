"""Apple Wallet pass generation (issue 16: p95 < 50 ms): building and signing a .pkpass alone, and
the whole fetch of the latest pass through the PassKit web service (token check, the card read
from SQLite, the pass built and signed) on the real app, with a 2048-bit RSA pass certificate
from a private test CA."""

from __future__ import annotations

import tempfile
import time
import uuid
from pathlib import Path

from fastapi.testclient import TestClient

from benchmarks._table import Row, median_p95_ms
from cloud.app import create_app
from cloud.clock import utcnow
from cloud.security import Passwords
from cloud.services import create_business
from cloud.settings import Settings
from cloud.wallet.credentials import load_credentials
from cloud.wallet.holder import PassHolder, ProgramBalance
from cloud.wallet.passjson import PassIdentity
from cloud.wallet.pkpass import build_pass
from tests.cloud.wallet.pki import key_pem, make_pki, pem

TARGET_MS = 50.0


def _build_alone(pki, runs: int) -> list[float]:
    credentials = load_credentials(
        certificate=pem(pki.cert), private_key=key_pem(pki.key), wwdr=pem(pki.wwdr), now=utcnow()
    )
    identity = PassIdentity(
        "pass.example.loyalty.test", "TEAM123456", str(uuid.uuid4()), "Cafe", "t" * 32, "https://x/wallet"
    )
    samples = []
    for i in range(runs):
        holder = PassHolder("A" * 127, "Zoe", (ProgramBalance("Coffee", i % 10, 10, "A coffee"),), i)
        started = time.perf_counter()
        build_pass(holder, identity, credentials)
        samples.append(time.perf_counter() - started)
    return samples


def _web_service(pki, runs: int) -> list[float]:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            database_url=f"sqlite:///{Path(folder) / 'cloud.sqlite3'}",
            jwt_secret="bench-" + "x" * 40,
            data_dir=Path(folder),
            argon2_time_cost=1,
            argon2_memory_kib=1024,
            rate_dashboard_per_hour=10**6,
        )
        app = create_app(settings)
        with TestClient(app) as client:
            with app.state.ctx.db.writing() as session:
                create_business(
                    session,
                    Passwords(settings),
                    business_name="Cafe",
                    email="o@x.example",
                    password="password-1",
                    now=utcnow(),
                    sealer=app.state.ctx.sealer,
                )
            token = client.post("/api/v1/auth/login", json={"email": "o@x.example", "password": "password-1"})
            owner = {"Authorization": f"Bearer {token.json()['access_token']}"}
            body = {
                "certificate": pem(pki.cert).decode(),
                "private_key": key_pem(pki.key).decode(),
                "wwdr_certificate": pem(pki.wwdr).decode(),
            }
            assert client.put("/api/v1/wallet/apple", json=body, headers=owner).status_code == 200
            offer = client.post(
                "/api/v1/offers",
                json={"name": "Coffee", "stamps_required": 9, "reward_text": "A coffee"},
                headers=owner,
            ).json()["id"]
            customer = client.post("/api/v1/customers", json={"name": "Zoe"}, headers=owner).json()["id"]
            card = client.post(
                f"/api/v1/customers/{customer}/cards", json={"program_id": offer}, headers=owner
            ).json()["card"]["id"]
            import io
            import json
            import zipfile

            pkpass = client.get(f"/api/v1/cards/{card}/apple-pass", headers=owner).content
            content = json.loads(zipfile.ZipFile(io.BytesIO(pkpass)).read("pass.json"))
            url = f"/wallet/v1/passes/{content['passTypeIdentifier']}/{content['serialNumber']}"
            auth = {"Authorization": f"ApplePass {content['authenticationToken']}"}
            samples = []
            for _ in range(runs):
                started = time.perf_counter()
                r = client.get(url, headers=auth)
                samples.append(time.perf_counter() - started)
                assert r.status_code == 200, r.text
        return samples


def run(quick: bool) -> list[Row]:
    runs = 50 if quick else 300
    pki = make_pki()
    rows = []
    for case, samples in (
        ("build + sign a .pkpass", _build_alone(pki, runs)),
        ("GET latest pass (web service, SQLite)", _web_service(pki, runs)),
    ):
        median, p95 = median_p95_ms(samples)
        rows.append(
            Row(
                "wallet",
                case,
                f"median {median:.1f} ms, p95 {p95:.1f} ms",
                f"p95 < {TARGET_MS:.0f} ms",
                p95 < TARGET_MS,
                f"{runs} runs, RSA 2048",
            )
        )
    return rows
