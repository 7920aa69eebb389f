"""The application factory: `create_app(settings)` wires settings, database, clock and routes."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from contextlib import asynccontextmanager
from datetime import datetime

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from cloud import problems
from cloud.churn import ChurnFits
from cloud.clock import utcnow
from cloud.db import Database, upgrade
from cloud.deps import AppContext
from cloud.groupcommit import GroupCommitter
from cloud.join.mail import smtp_config
from cloud.keyseal import seal_plaintext_keys, sealer_for
from cloud.methods import MethodGuardMiddleware
from cloud.middleware import BodyLimitMiddleware, SecurityHeadersMiddleware
from cloud.openapi_links import add_links
from cloud.ratelimit import RateLimiter
from cloud.routes import (
    analytics,
    audit,
    auth,
    businesses,
    card_link_pages,
    cards,
    churn,
    customers,
    device_analytics,
    devices,
    experiments,
    experiments_sync,
    happy_hours,
    insights,
    insights_happy_hours,
    insights_revenue,
    insights_tiers,
    join_links,
    join_pages,
    locations,
    offers,
    offers_sync,
    passkit,
    sync,
    wallet_google,
    wallet_setup,
)
from cloud.security import Passwords
from cloud.settings import Settings, load_settings
from cloud.wallet.apns import ApnsClient
from cloud.wallet.google_api import GoogleWalletClient
from cloud.wallet.jobqueue import job_queue
from cloud.wallet.sealing import wallet_sealer
from cloud.wallet.updates import JobContext, PassUpdateQueue

PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
    "example": {
        "type": "https://loyalty.example/problems/not-found",
        "title": "Not found",
        "status": 404,
        "detail": "No such offer.",
        "instance": "/api/v1/offers/0b7d2a36-61c3-4a1e-9a44-6a0f6f1f2f7e",
    },
}


def _openapi(app: FastAPI) -> Callable[[], dict]:
    def build() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        components = schema.setdefault("components", {})
        components.setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
        for name in ("HTTPValidationError", "ValidationError"):
            components["schemas"].pop(name, None)
        problem = {
            "description": "An RFC 9457 problem",
            "content": {problems.PROBLEM_MEDIA: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for path in schema.get("paths", {}).values():
            for op in path.values():
                responses = op.setdefault("responses", {})
                responses.pop("422", None)
                responses["default"] = problem
        add_links(schema)
        app.openapi_schema = schema
        return schema

    return build


def create_app(settings: Settings, clock: Callable[[], datetime] | None = None) -> FastAPI:
    db = Database(settings.database_url, echo=settings.sql_echo, pool_size=settings.pool_size)
    if settings.migrate_on_start:
        upgrade(db.write_engine)
    sealer = sealer_for(settings.key_encryption_key, settings.data_dir)
    with db.writing() as session:  # and a wrong key-encryption key stops the start here
        seal_plaintext_keys(session, sealer)

    pass_updates = PassUpdateQueue(
        JobContext(
            db,
            wallet_sealer(settings),
            ApnsClient(settings.apns_host, ca_file=settings.apns_ca_file),
            google=GoogleWalletClient(settings.google_wallet_api_url),
            keys=sealer,
            clock=lambda: app.state.clock(),  # the app's clock, which tests may set
        ),
        job_queue(settings),
        workers=settings.pass_update_workers,
        smtp=smtp_config(settings),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        if settings.run_pass_updates:
            pass_updates.start()  # jobs an earlier run left queued go out now
        if settings.freeze_heap_on_start:
            gc.collect()  # the start-up's own garbage first: frozen, it would stay
            gc.freeze()
        yield
        pass_updates.close()  # before the database goes: a running job finishes its push
        db.dispose()

    app = FastAPI(
        title="Loyalty Kiosk cloud API",
        version="1.0.0",
        description="The reference central API the loyalty kiosks sync with. Errors are RFC 9457 problems.",
        lifespan=lifespan,
    )
    app.state.clock = clock or utcnow
    limiter = RateLimiter.from_settings(settings)
    app.state.ctx = AppContext(
        settings=settings,
        db=db,
        limiter=limiter,
        passwords=Passwords(settings),
        pushes=GroupCommitter(db.write_session, grouped=db.is_sqlite),
        sealer=sealer,
    )
    problems.install(app)
    for module in (auth, businesses, locations, offers, customers, cards, devices, sync, analytics, audit):
        app.include_router(module.router)
    app.include_router(offers_sync.router)
    app.include_router(insights.router)
    app.include_router(insights_tiers.router)
    app.include_router(insights_happy_hours.router)
    app.include_router(insights_revenue.router)
    app.include_router(experiments.router)
    app.include_router(experiments_sync.router)
    app.include_router(happy_hours.router)
    app.include_router(happy_hours.sync_router)
    app.include_router(churn.router)
    app.include_router(device_analytics.router)
    app.state.churn_fits = ChurnFits(db, pass_updates.huey, app.state.clock)
    app.state.wallet_sealer = wallet_sealer(settings)
    app.state.pass_updates = pass_updates
    app.include_router(wallet_setup.router)
    app.include_router(wallet_google.router)
    app.include_router(passkit.router)
    app.include_router(join_links.router)
    app.include_router(join_pages.router)  # the customer's HTML pages (not in the API document)
    app.include_router(card_link_pages.router)

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    app.openapi = _openapi(app)
    app.add_middleware(MethodGuardMiddleware, openapi=app.openapi)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)  # outermost: on every answer, 413s included
    return app


def app_from_env() -> FastAPI:
    """For `uvicorn --factory` with several workers: settings come from LOYALTY_CLOUD_* variables."""
    return create_app(load_settings(migrate_on_start=os.environ.get("LOYALTY_CLOUD_MIGRATE_ON_START") != "0"))
