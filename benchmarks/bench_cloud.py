"""Cloud API under kiosk load, on loopback, against a real `loyalty-cloud serve` subprocess.

1,000 simulated kiosks each run a sync round (push 2 events, then pull since their cursor)
every 5 seconds: 200 rounds/s = 400 requests/s. Then one kiosk pushes 10,000 events in
batches of 1,000. On SQLite (1 worker) and on a private PostgreSQL (2 workers; skipped with
a note when its binaries are absent). The load generator speaks HTTP/1.1 over asyncio
streams directly so that it costs the 2-core machine little; setup uses httpx.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import cardtoken
from benchmarks._table import Row, percentile

PG_BIN = Path("/usr/lib/postgresql/15/bin")
KIOSKS = 1000
BUSINESSES = 100  # 10 kiosks per shop: a hosted deployment, not one shop with 1,000 tills
PERIOD = 5.0
TARGET_P99_MS = 200.0
HIGH = "1000000000"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _b64url(raw: bytes) -> str:
    import base64

    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


class _Postgres:
    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="bench-pg-"))
        self.port = _free_port()
        shutil.chown(self.root, "postgres", "postgres")
        self._pg("initdb", "-D", str(self.root / "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        opts = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c max_connections=200"
        self._pg(
            "pg_ctl", "-D", str(self.root / "data"), "-l", str(self.root / "log"), "-o", opts, "-w", "start"
        )

    def _pg(self, tool: str, *args: str) -> None:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(PG_BIN / tool), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=120,
        )

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            self._pg("pg_ctl", "-D", str(self.root / "data"), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def _postgres_missing() -> str | None:
    if os.geteuid() != 0:
        return "needs root to run a private PostgreSQL as user postgres"
    if not (PG_BIN / "initdb").exists() or shutil.which("runuser") is None:
        return f"PostgreSQL binaries not found in {PG_BIN}"
    return None


@contextlib.contextmanager
def _server(data_dir: Path, db_url: str | None, workers: int):
    env = {
        **os.environ,
        "LOYALTY_CLOUD_RATE_DASHBOARD_PER_HOUR": HIGH,
        "LOYALTY_CLOUD_RATE_PUBLIC_PER_MINUTE": HIGH,
        "LOYALTY_CLOUD_RATE_DEVICE_PER_MINUTE": HIGH,
        "LOYALTY_CLOUD_RATE_SIGNUP_PER_HOUR": HIGH,
        "LOYALTY_CLOUD_POOL_SIZE": "20",
    }
    base = [sys.executable, "-m", "cloud"]
    extra = ["--data-dir", str(data_dir)] + (["--database-url", db_url] if db_url else [])
    _create_owners(data_dir, db_url)
    port = _free_port()
    proc = subprocess.Popen(
        [
            *base,
            "serve",
            *extra,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("server did not start: " + proc.stderr.read().decode()[-2000:])
            time.sleep(0.1)  # polling a starting subprocess
        yield port, url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _create_owners(data_dir: Path, db_url: str | None) -> None:
    from cloud.clock import utcnow
    from cloud.db import Database, upgrade
    from cloud.security import Passwords
    from cloud.services import create_business
    from cloud.settings import load_settings

    settings = load_settings(
        data_dir=data_dir, database_url=db_url, argon2_time_cost=1, argon2_memory_kib=1024
    )
    db = Database(settings.database_url)
    try:
        upgrade(db.write_engine)
        with db.writing() as session:
            for b in range(BUSINESSES):
                create_business(
                    session,
                    Passwords(settings),
                    business_name=f"Shop {b}",
                    email=f"owner{b}@shop.example",
                    password="bench-password",
                    now=utcnow(),
                )
    finally:
        db.dispose()


def _shop(url: str, b: int) -> dict:
    with httpx.Client(base_url=url, timeout=30) as c:
        tok = c.post(
            "/api/v1/auth/login", json={"email": f"owner{b}@shop.example", "password": "bench-password"}
        )
        owner = {"Authorization": f"Bearer {tok.json()['access_token']}"}
        location = c.post("/api/v1/locations", json={"name": "Bench"}, headers=owner).json()["id"]
        offer = c.post(
            "/api/v1/offers",
            json={"name": "Coffee", "stamps_required": 9, "reward_text": "Coffee"},
            headers=owner,
        ).json()["id"]
    return {"owner": owner, "location": location, "offer": offer}


def _setup(url: str, kiosks: int) -> list[dict]:
    with ThreadPoolExecutor(8) as pool:
        shops = list(pool.map(lambda b: _shop(url, b), range(BUSINESSES)))

    def pair(i: int) -> dict:
        shop = shops[i % BUSINESSES]
        owner, location, offer = shop["owner"], shop["location"], shop["offer"]
        with httpx.Client(base_url=url, timeout=30) as c:
            code = c.post(
                "/api/v1/devices/pairing-codes",
                json={"location_id": location, "name": f"k{i}"},
                headers=owner,
            ).json()["code"]
            key = Ed25519PrivateKey.generate()
            r = c.post(
                "/api/v1/devices/pair",
                json={
                    "code": code,
                    "device_name": f"k{i}",
                    "key_id": 1000 + i,
                    "public_key": _b64url(cardtoken.public_key_bytes(key)),
                },
            )
            r.raise_for_status()
            auth = f"Device {r.json()['device_token']}"
            card = cardtoken.new_card_id()
            ev = {
                "id": str(uuid.uuid4()),
                "kind": "enroll",
                "card_id": card,
                "program_id": offer,
                "units": 0,
                "occurred_at": "2026-11-29T12:00:00Z",
                "key_id": 1000 + i,
                "customer": {"id": str(uuid.uuid4()), "name": f"Customer {i}"},
            }
            res = c.post("/api/v1/sync/push", json={"events": [ev]}, headers={"Authorization": auth}).json()
            assert res["results"][0]["status"] == "accepted", res
            return {"auth": auth, "card": card, "cursor": 0, "offer": offer}

    with ThreadPoolExecutor(8) as pool:
        kiosks_ = list(pool.map(pair, range(kiosks)))

    def first_sync(k: dict) -> None:
        with httpx.Client(base_url=url, timeout=30, headers={"Authorization": k["auth"]}) as c:
            while True:
                page = c.get("/api/v1/sync/pull", params={"cursor": k["cursor"], "limit": 1000}).json()
                k["cursor"] = page["cursor"]
                if not page["has_more"]:
                    return

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(first_sync, kiosks_))
    return kiosks_


class _Conn:
    """One keep-alive HTTP/1.1 connection, just enough for small JSON requests."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader = self.writer = None
        self.reconnects = 0

    async def request(
        self, method: str, path: str, auth: str, body: bytes | None = None
    ) -> tuple[int, bytes]:
        if self.writer is not None:
            try:
                return await self._request(method, path, auth, body)
            except (ConnectionError, asyncio.IncompleteReadError, IndexError):
                # the server closed an idle keep-alive connection: open a new one, as any client would
                self.writer.close()
                self.reconnects += 1
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        return await self._request(method, path, auth, body)

    async def _request(self, method: str, path: str, auth: str, body: bytes | None) -> tuple[int, bytes]:
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {auth}\r\n"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        self.writer.write(head.encode() + b"\r\n" + (body or b""))
        status_line = await self.reader.readline()
        length = 0
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        data = await self.reader.readexactly(length)
        return int(status_line.split()[1]), data


async def _load(port: int, kiosks: list[dict], seconds: float) -> dict:
    pool: asyncio.Queue[_Conn] = asyncio.Queue()
    for _ in range(64):
        pool.put_nowait(_Conn(port))
    latencies: list[float] = []
    errors = 0
    rounds = 0
    start = time.monotonic()
    end = start + seconds

    async def call(method, path, auth, body=None):
        nonlocal errors
        conn = await pool.get()
        t0 = time.perf_counter()
        try:
            status, data = await asyncio.wait_for(conn.request(method, path, auth, body), timeout=30)
        except (TimeoutError, OSError, asyncio.IncompleteReadError):
            errors += 1
            if conn.writer is not None:
                conn.writer.close()
            conn.writer = None
            return b"{}"
        finally:
            latencies.append(time.perf_counter() - t0)
            pool.put_nowait(conn)
        if status != 200:
            errors += 1
        return data

    async def kiosk(k: dict, offset: float):
        nonlocal rounds, errors
        due = start + offset
        while due < end:
            await asyncio.sleep(max(0.0, due - time.monotonic()))  # the kiosk's 5 s timer
            events = [
                {
                    "id": str(uuid.uuid4()),
                    "kind": "earn",
                    "card_id": k["card"],
                    "program_id": k["offer"],
                    "units": 1,
                    "occurred_at": "2026-11-29T12:00:00Z",
                }
                for _ in range(2)
            ]
            res = json.loads(
                await call("POST", "/api/v1/sync/push", k["auth"], json.dumps({"events": events}).encode())
            )
            errors += sum(1 for r in res.get("results", []) if r["status"] != "accepted")
            page = json.loads(
                await call("GET", f"/api/v1/sync/pull?cursor={k['cursor']}&limit=500", k["auth"])
            )
            k["cursor"] = page.get("cursor", k["cursor"])
            rounds += 1
            due += PERIOD

    tasks = [asyncio.ensure_future(kiosk(k, random.uniform(0, PERIOD))) for k in kiosks]
    _done, late = await asyncio.wait(tasks, timeout=seconds + 60)
    for task in late:  # bounded: never wait for ever on a stuck server
        task.cancel()
    errors += len(late)
    elapsed = time.monotonic() - start
    while not pool.empty():
        conn = pool.get_nowait()
        if conn.writer is not None:
            conn.writer.close()
    return {"latencies": latencies, "errors": errors, "rps": len(latencies) / elapsed, "rounds": rounds}


def _bulk(url: str, kiosk: dict) -> tuple[float, int]:
    with httpx.Client(base_url=url, timeout=60, headers={"Authorization": kiosk["auth"]}) as c:
        started = time.perf_counter()
        rejected = 0
        for _ in range(10):
            events = [
                {
                    "id": str(uuid.uuid4()),
                    "kind": "earn",
                    "card_id": kiosk["card"],
                    "program_id": kiosk["offer"],
                    "units": 1,
                    "occurred_at": "2026-11-29T12:00:00Z",
                }
                for _ in range(1000)
            ]
            r = c.post("/api/v1/sync/push", json={"events": events})
            r.raise_for_status()
            rejected += sum(1 for x in r.json()["results"] if x["status"] != "accepted")
        return time.perf_counter() - started, rejected


def _measure(name: str, db_url: str | None, workers: int, quick: bool) -> list[Row]:
    seconds = 10.0 if quick else 30.0
    with (
        tempfile.TemporaryDirectory(prefix="bench-cloud-") as tmp,
        _server(Path(tmp), db_url, workers) as (port, url),
    ):
        t0 = time.perf_counter()
        kiosks = _setup(url, KIOSKS)
        setup_s = time.perf_counter() - t0
        result = asyncio.run(_load(port, kiosks, seconds))
        ms = [x * 1000 for x in result["latencies"]]
        p50, p99 = percentile(ms, 0.5), percentile(ms, 0.99)
        bulk_s, bulk_rejected = _bulk(url, kiosks[0])
    group = f"cloud {name}"
    print(
        f"  {group}: {result['rps']:.0f} req/s p50 {p50:.1f} ms p99 {p99:.1f} ms errors {result['errors']} "
        f"bulk {bulk_s:.2f} s",
        file=sys.stderr,
        flush=True,
    )
    notes = (
        f"{workers} worker(s), {KIOSKS} kiosks in {BUSINESSES} shops, {seconds:.0f} s, setup {setup_s:.0f} s"
    )
    return [
        Row(
            group,
            "sync load: requests/s",
            f"{result['rps']:.0f} req/s ({result['rounds']} rounds)",
            "≈200 rounds/s (push+pull)",
            None,
            notes,
        ),
        Row(
            group,
            "sync load: p50 / p99 latency",
            f"{p50:.1f} / {p99:.1f} ms",
            f"p99 < {TARGET_P99_MS:.0f} ms",
            p99 < TARGET_P99_MS,
            notes,
        ),
        Row(group, "sync load: errors", str(result["errors"]), "0", result["errors"] == 0, notes),
        Row(
            group,
            "10,000 events in batches of 1,000",
            f"{bulk_s:.2f} s",
            "< 5 s",
            bulk_s < 5.0 and bulk_rejected == 0,
            f"{bulk_rejected} rejected",
        ),
    ]


def run(quick: bool) -> list[Row]:
    rows = _measure("SQLite", None, 1, quick)
    missing = _postgres_missing()
    if missing:
        return [*rows, Row("cloud PostgreSQL", "skipped", missing)]
    pg = _Postgres()
    try:
        rows += _measure("PostgreSQL", pg.url, 2, quick)
    finally:
        pg.stop()
    return rows
