"""The local ledger on SQLite. The only package that imports SQLAlchemy; everything it
returns is a domain value, never an ORM row."""

from kiosk.store.db import StorageError, Store, open_store

__all__ = ["StorageError", "Store", "open_store"]
