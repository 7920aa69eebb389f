"""One typed settings object for the cloud API, read from options and environment variables.

Every knob an operator or a test may turn lives here: database URL, JWT secret, token
lifetimes, rate limits, the request body limit and the key that seals signing keys at rest.
Environment variables are named ``LOYALTY_CLOUD_<FIELD>`` in upper case
(e.g. ``LOYALTY_CLOUD_RATE_PUBLIC_PER_MINUTE=60``).
"""

from __future__ import annotations

import dataclasses
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from cloud.private import restrict_tree

ENV_PREFIX = "LOYALTY_CLOUD_"
SECRET_FILE = "jwt-secret"


@dataclass(frozen=True)
class Settings:
    database_url: str
    jwt_secret: str
    data_dir: Path | None = None
    # seals the businesses' signing keys in the database (cloud/keyseal.py); empty: the
    # key-encryption-key file of the data folder, made on first start
    key_encryption_key: str = ""
    access_token_ttl: int = 15 * 60  # seconds
    refresh_token_ttl: int = 30 * 24 * 3600
    pairing_code_ttl: int = 10 * 60
    rate_dashboard_per_hour: int = 1000  # per signed-in user
    rate_signup_per_hour: int = 100  # per IP
    rate_public_per_minute: int = 10  # per IP
    rate_device_per_minute: int = 120  # per device
    rate_login_failures_per_hour: int = 20  # per account (email), whichever IPs they come from
    # where the rate-limit counters live: empty = this process's memory (one worker only);
    # redis://host:port/db = shared by every worker and instance
    redis_url: str = ""
    max_body_bytes: int = 1_000_000
    # the cloud's address as customers' phones reach it (https://…): Wallet passes update from
    # there; empty: the address each request came to
    public_url: str = ""
    # APNs, where pass update pushes go (host:port), and the CA file to trust for it instead of the
    # system's (tests point both at a local stand-in)
    apns_host: str = "api.push.apple.com:443"
    apns_ca_file: str = ""
    # Google Wallet's REST API and its "Add to Google Wallet" save address (tests point both at a
    # local stand-in); the OAuth token address comes from each owner's service-account key file
    google_wallet_api_url: str = "https://walletobjects.googleapis.com/walletobjects/v1"
    google_wallet_save_url: str = "https://pay.google.com/gp/v/save"
    # threads sending pass update pushes in the background (each push is a stream on a shared
    # HTTP/2 connection, so a few threads keep many pushes in flight)
    pass_update_workers: int = 8
    # run the queued pass update jobs in this process; off: this process only queues them (they
    # wait in the job queue, cloud/wallet/jobqueue.py, for a process that runs them)
    run_pass_updates: bool = True
    # where member emails (her card-page link) go out: empty host or sender = no email at all, and
    # the pages never promise one (cloud/join/mail.py)
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_from: str = ""
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    argon2_time_cost: int = 2
    argon2_memory_kib: int = 19 * 1024
    migrate_on_start: bool = True
    # after start-up, put the objects alive then (some 250,000: the app, its libraries) out of the
    # garbage collector's sight with gc.freeze: each full collection otherwise walks them all again,
    # some 130 ms in the middle of whichever request set it off. `serve` turns it on; off for apps
    # made and dropped by the hundred (tests), whose frozen cycles would never be freed.
    freeze_heap_on_start: bool = False
    sql_echo: bool = False
    pool_size: int = 10
    extra: dict = field(default_factory=dict)

    def replace(self, **changes) -> Settings:
        return dataclasses.replace(self, **changes)


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("loyalty-cloud", appauthor=False))


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'cloud.sqlite3'}"


def secret_file(path: Path, make: Callable[[], str]) -> str:
    """A secret kept in a file readable by the owner only: read, or made once with `make`. When
    several workers start at once, the first to create the file wins and the others read it."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    secret = make()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as fh:
        fh.write(secret + "\n")
    os.chmod(path, 0o600)
    return secret


def load_or_create_secret(data_dir: Path) -> str:
    """The JWT secret: generated once, kept in the data dir, readable by the owner only."""
    return secret_file(data_dir / SECRET_FILE, lambda: secrets.token_urlsafe(48))


def _env_overrides(env: dict[str, str]) -> dict:
    out: dict = {}
    for f in dataclasses.fields(Settings):
        raw = env.get(ENV_PREFIX + f.name.upper())
        if raw is None or f.name in ("extra",):
            continue
        if f.type in ("int",):
            out[f.name] = int(raw)
        elif f.type in ("bool",):
            out[f.name] = raw.strip().lower() in ("1", "true", "yes", "on")
        elif f.name == "data_dir":
            out[f.name] = Path(raw)
        else:
            out[f.name] = raw
    return out


def load_settings(
    *, data_dir: Path | None = None, database_url: str | None = None, env: dict | None = None, **overrides
) -> Settings:
    """Options win over environment variables, which win over defaults."""
    values = _env_overrides(dict(os.environ if env is None else env))
    if data_dir is not None:
        values["data_dir"] = Path(data_dir)
    if database_url:
        values["database_url"] = database_url
    values.update({k: v for k, v in overrides.items() if v is not None})
    data = Path(values.get("data_dir") or default_data_dir())
    values["data_dir"] = data
    restrict_tree(data)  # an installation from before: its database and secrets become owner-only
    if not values.get("database_url"):
        data.mkdir(mode=0o700, parents=True, exist_ok=True)
        values["database_url"] = sqlite_url(data)
    if not values.get("jwt_secret"):
        values["jwt_secret"] = load_or_create_secret(data)
    return Settings(**values)
