"""Whether this kiosk syncs with a cloud: the rules for redeeming, erasing, offers, reports and the
sync status differ. One state, decided in one place (kiosk.store.meta.connection), never by each
caller testing the saved cloud address for itself."""

from __future__ import annotations

import enum


class Connection(enum.Enum):
    STANDALONE = "standalone"  # no cloud: this kiosk's ledger is the only one
    PAIRED = "paired"  # paired with a cloud, which has the last word (offers, erasure, double spends)


def connection_of(cloud_url: str | None) -> Connection:
    """Pairing saves the cloud's address; unpairing deletes it."""
    return Connection.PAIRED if cloud_url else Connection.STANDALONE
