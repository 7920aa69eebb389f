"""Cloud API under kiosk load, on loopback, against a real `loyalty-cloud serve` subprocess.

1,000 simulated kiosks, two offered loads (issue 5 says "each pulling and pushing a small batch
every 5 seconds (about 200 requests/s)", which are two different numbers):
- 200 requests/s: every 5 s each kiosk sends one sync request, a push (2 events) and a pull
  (since its cursor) in turn;
- 400 requests/s: every 5 s each kiosk pushes 2 events, then pulls.
Latency runs from the moment a kiosk wants to send (client-side queueing for one of the 64
keep-alive connections counts), so a slow server cannot hide behind the load generator.
Then one kiosk pushes 10,000 events in batches of 1,000. On SQLite (1 worker, the default
`serve`, and 2 workers) and on a private PostgreSQL (2 workers, durable settings; skipped with
a note when its binaries are absent). The load generator speaks HTTP/1.1 over asyncio streams
directly so that it costs the 2-core machine little; setup uses httpx. Every step is bounded:
the server and the private PostgreSQL are always stopped.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import shutil
import signal
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
LOADS = (("200 req/s", False), ("400 req/s", True))  # (name, push and pull every period)
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
        try:
            self._pg("initdb", "-D", str(self.root / "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8")
            opts = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c max_connections=200"
            self._pg(
                "pg_ctl",
                "-D",
                str(self.root / "data"),
                "-l",
                str(self.root / "log"),
                "-o",
                opts,
                "-t",
                "60",
                "-w",
                "start",
            )
        except BaseException:
            self.stop()
            raise

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
            if (self.root / "data" / "postmaster.pid").exists():
                try:
                    self._pg("pg_ctl", "-D", str(self.root / "data"), "-m", "fast", "-t", "30", "-w", "stop")
                except (subprocess.SubprocessError, OSError):
                    self._pg("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")
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
    log = open(data_dir / "serve.log", "wb")  # noqa: SIM115 - closed below
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
        stdout=log,
        stderr=subprocess.STDOUT,  # a file, never a pipe nobody reads (a full pipe blocks the server)
        start_new_session=True,  # its own process group: the workers stop with it
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
                raise RuntimeError("server did not start: " + _tail(data_dir / "serve.log"))
            time.sleep(0.1)  # polling a starting subprocess
        yield proc, port, url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


def _tail(path: Path, n: int = 2000) -> str:
    try:
        return path.read_bytes()[-n:].decode(errors="replace")
    except OSError:
        return ""


def _create_owners(data_dir: Path, db_url: str | None) -> None:
    from cloud.clock import utcnow
    from cloud.db import Database, upgrade
    from cloud.keyseal import sealer_for
    from cloud.security import Passwords
    from cloud.services import create_business
    from cloud.settings import load_settings
    from loyalty_rules.plans import Plan

    settings = load_settings(
        data_dir=data_dir, database_url=db_url, argon2_time_cost=1, argon2_memory_kib=1024
    )
    db = Database(settings.database_url)
    sealer = sealer_for(settings.key_encryption_key, settings.data_dir)
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
                    sealer=sealer,
                    plan=Plan.ENTERPRISE,
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


async def _load(port: int, kiosks: list[dict], seconds: float, both: bool) -> dict:
    """Every PERIOD each kiosk pushes 2 events and pulls (`both`), or does one of the two in turn."""
    pool: asyncio.Queue[_Conn] = asyncio.Queue()
    for _ in range(64):
        pool.put_nowait(_Conn(port))
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    errors = 0
    rounds = 0
    start = time.monotonic()
    end = start + seconds

    async def call(method, path, auth, body=None):
        nonlocal errors
        t0 = time.perf_counter()  # from the kiosk's wish to send: waiting for a connection counts
        conn = await pool.get()
        try:
            status, data = await asyncio.wait_for(conn.request(method, path, auth, body), timeout=30)
        except (TimeoutError, OSError, asyncio.IncompleteReadError) as exc:
            errors += 1
            statuses[type(exc).__name__] = statuses.get(type(exc).__name__, 0) + 1
            if conn.writer is not None:
                conn.writer.close()
            conn.writer = None
            return b"{}"
        finally:
            latencies.append(time.perf_counter() - t0)
            pool.put_nowait(conn)
        if status != 200:
            errors += 1
            statuses[str(status)] = statuses.get(str(status), 0) + 1
        return data

    async def push(k: dict) -> None:
        nonlocal errors
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

    async def pull(k: dict) -> None:
        page = json.loads(await call("GET", f"/api/v1/sync/pull?cursor={k['cursor']}&limit=500", k["auth"]))
        k["cursor"] = page.get("cursor", k["cursor"])

    async def kiosk(k: dict, offset: float, pushing: bool):
        nonlocal rounds
        due = start + offset
        while due < end:
            await asyncio.sleep(max(0.0, due - time.monotonic()))  # the kiosk's 5 s timer
            if both:
                await push(k)
                await pull(k)
            elif pushing:
                await push(k)
            else:
                await pull(k)
            pushing = not pushing
            rounds += 1
            due += PERIOD

    tasks = [
        asyncio.ensure_future(kiosk(k, random.uniform(0, PERIOD), i % 2 == 0)) for i, k in enumerate(kiosks)
    ]
    _done, late = await asyncio.wait(tasks, timeout=seconds + 30)
    for task in late:  # bounded: never wait for ever on a stuck server
        task.cancel()
    errors += len(late)
    elapsed = time.monotonic() - start
    while not pool.empty():
        conn = pool.get_nowait()
        if conn.writer is not None:
            conn.writer.close()
    return {
        "latencies": latencies,
        "errors": errors,
        "statuses": statuses,
        "late": len(late),
        "rps": len(latencies) / elapsed,
        "rounds": rounds,
    }


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


def _load_rows(group: str, load: str, result: dict, notes: str) -> list[Row]:
    ms = [x * 1000 for x in result["latencies"]]
    p50, p99 = percentile(ms, 0.5), percentile(ms, 0.99)
    detail = ", ".join(f"{k}: {v}" for k, v in sorted(result["statuses"].items())) or "none"
    print(
        f"  {group} {load}: {result['rps']:.0f} req/s p50 {p50:.1f} ms p99 {p99:.1f} ms "
        f"errors {result['errors']} ({detail})",
        file=sys.stderr,
        flush=True,
    )
    return [
        Row(
            group,
            f"{load} offered: achieved",
            f"{result['rps']:.0f} req/s ({result['rounds']} rounds)",
            "",
            None,
            notes,
        ),
        Row(
            group,
            f"{load} offered: p50 / p99",
            f"{p50:.1f} / {p99:.1f} ms",
            f"p99 < {TARGET_P99_MS:.0f} ms",
            p99 < TARGET_P99_MS,
            notes,
        ),
        Row(
            group,
            f"{load} offered: errors",
            str(result["errors"]),
            "0",
            result["errors"] == 0,
            f"failed statuses: {detail}; {result['late']} kiosks still waiting at the end",
        ),
    ]


def _measure(name: str, db_url: str | None, workers: int, quick: bool) -> list[Row]:
    seconds = 10.0 if quick else 30.0
    group = f"cloud {name}"
    rows: list[Row] = []
    with (
        tempfile.TemporaryDirectory(prefix="bench-cloud-") as tmp,
        _server(Path(tmp), db_url, workers) as (_proc, port, url),
    ):
        t0 = time.perf_counter()
        kiosks = _setup(url, KIOSKS)
        setup_s = time.perf_counter() - t0
        notes = (
            f"{workers} worker(s), {KIOSKS} kiosks in {BUSINESSES} shops, {seconds:.0f} s, "
            f"setup {setup_s:.0f} s"
        )
        for load, both in LOADS:
            result = asyncio.run(_load(port, kiosks, seconds, both))
            rows += _load_rows(group, load, result, notes)
            if result["errors"]:
                print("  server log (tail):\n" + _tail(Path(tmp) / "serve.log"), file=sys.stderr, flush=True)
        bulk_s, bulk_rejected = _bulk(url, kiosks[0])
    print(f"  {group}: bulk {bulk_s:.2f} s", file=sys.stderr, flush=True)
    rows.append(
        Row(
            group,
            "10,000 events in batches of 1,000",
            f"{bulk_s:.2f} s",
            "< 5 s",
            bulk_s < 5.0 and bulk_rejected == 0,
            f"{bulk_rejected} rejected",
        )
    )
    return rows


def run(quick: bool) -> list[Row]:
    rows = _measure("SQLite", None, 1, quick)
    # SQLite under several workers: writers of all processes queue on one flock (cloud/db.py)
    rows += _measure("SQLite 2 workers", None, 2, quick)
    missing = _postgres_missing()
    if missing:
        return [*rows, Row("cloud PostgreSQL", "skipped", missing)]
    pg = _Postgres()
    try:
        rows += _measure("PostgreSQL", pg.url, 2, quick)
    finally:
        pg.stop()
    return rows
