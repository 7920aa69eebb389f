"""Migrations: empty -> head, down and up again, and the schema matches the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from cloud.db import Database, alembic_config, downgrade, upgrade
from cloud.models import Base


def _revisions(db):
    script = ScriptDirectory.from_config(alembic_config(db.write_engine))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def _current(db):
    with db.write_engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _diff(db):
    with db.write_engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)


def test_upgrade_from_empty_matches_the_models(database_url):
    db = Database(database_url)
    try:
        upgrade(db.write_engine)
        assert _current(db) == _revisions(db)[-1]
        assert _diff(db) == []
        upgrade(db.write_engine)  # a second run is a no-op
    finally:
        db.dispose()


def test_every_revision_upgrades_to_head_and_round_trips(database_url):
    db = Database(database_url)
    try:
        revisions = _revisions(db)
        for start in revisions:  # from each earlier revision up to head
            upgrade(db.write_engine, start)
            assert _current(db) == start
            upgrade(db.write_engine)
            assert _current(db) == revisions[-1]
            downgrade(db.write_engine, "base")
            assert _current(db) is None
            assert set(inspect(db.write_engine).get_table_names()) <= {"alembic_version"}
        upgrade(db.write_engine)
        assert _diff(db) == []
    finally:
        db.dispose()
