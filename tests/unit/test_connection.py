"""Paired or standalone: one reading of the pairing, as an enum, that every use case asks."""

from __future__ import annotations

from kiosk.domain.model import Role
from kiosk.services import reports
from kiosk.services.context import Actor, Connection, connection
from kiosk.store import meta

OWNER = Actor(None, "Olivia Owner", Role.OWNER)


def _connection(kiosk) -> Connection:
    with kiosk.ctx.store.reading() as conn:
        return connection(conn)


def test_pairing_and_unpairing_switch_the_connection_that_the_use_cases_see(demo):
    assert _connection(demo) is Connection.STANDALONE
    assert reports.report(demo.ctx, 1, actor=OWNER).paired is False
    with demo.ctx.store.transaction() as conn:  # what pairing writes (kiosk/sync/pairing.py)
        meta.put_setting(conn, "cloud_url", "https://loyalty.example")
    assert _connection(demo) is Connection.PAIRED
    assert reports.report(demo.ctx, 1, actor=OWNER).paired is True
    with demo.ctx.store.transaction() as conn:  # and what unpairing deletes
        meta.delete_setting(conn, "cloud_url")
    assert _connection(demo) is Connection.STANDALONE
