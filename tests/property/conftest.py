"""The cloud's database for the property tests: a SQLite file, or a private PostgreSQL (the same
server the cloud tests start; skipped with a printed reason when its binaries are absent)."""

from __future__ import annotations

import pytest

from tests.property.cloud_side import Cloud


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def cloud(request, tmp_path):
    (tmp_path / "cloud").mkdir()
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'cloud' / 'cloud.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres_server").new_database()
    made = Cloud(url, tmp_path / "cloud")
    yield made
    made.close()
