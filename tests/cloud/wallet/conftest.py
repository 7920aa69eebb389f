from __future__ import annotations

import pytest

from tests.cloud.wallet.pki import PassPki, make_pki


@pytest.fixture(scope="session")
def pki() -> PassPki:
    """One CA for the session: RSA keys take a moment to make."""
    return make_pki()


@pytest.fixture
def pki_files(pki, tmp_path):
    folder = tmp_path / "pki"
    folder.mkdir()
    return pki.write(folder)
