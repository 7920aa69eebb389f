"""The device credential: the keyring by default, a clear refusal without one, a file only when chosen."""

from __future__ import annotations

import stat

import keyring
import pytest
from keyring.backends import chainer, fail

from kiosk.sync.credentials import (
    FileCredentials,
    KeyringCredentials,
    NoKeyringBackend,
    account_for,
    credentials_for,
)


def test_keyring_round_trip_and_idempotent_delete(tmp_path, memory_keyring):
    creds = credentials_for(tmp_path)
    assert isinstance(creds, KeyringCredentials)
    assert creds.get() is None
    creds.set("secret")
    assert creds.get() == "secret"
    assert ("loyalty-kiosk", account_for(tmp_path)) in memory_keyring.secrets
    creds.delete()
    creds.delete()
    assert creds.get() is None


def test_side_by_side_kiosks_do_not_share_a_token(tmp_path):
    a, b = credentials_for(tmp_path / "a"), credentials_for(tmp_path / "b")
    a.set("token-a")
    b.set("token-b")
    assert (a.get(), b.get()) == ("token-a", "token-b")


@pytest.mark.parametrize("backend", [fail.Keyring(), chainer.ChainerBackend()])
def test_no_usable_backend_is_refused_with_the_choices(tmp_path, backend, monkeypatch):
    if isinstance(backend, chainer.ChainerBackend):
        monkeypatch.setattr(chainer.ChainerBackend, "backends", property(lambda self: []))
    keyring.set_keyring(backend)
    creds = credentials_for(tmp_path)
    with pytest.raises(NoKeyringBackend) as caught:
        creds.set("secret")
    assert "--token-file" in str(caught.value)
    assert not (tmp_path / "device-token").exists()  # never a silent plaintext fallback


def test_the_file_store_only_when_chosen_and_0600(tmp_path):
    creds = credentials_for(tmp_path, use_file=True)
    assert isinstance(creds, FileCredentials)
    creds.set("secret")
    mode = stat.S_IMODE((tmp_path / "device-token").stat().st_mode)
    assert mode == 0o600
    assert isinstance(credentials_for(tmp_path), FileCredentials)  # the choice is remembered
    creds.delete()
    assert creds.get() is None
