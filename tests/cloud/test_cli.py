"""`loyalty-cloud create-owner` and `migrate` on a real data directory; settings from env."""

from __future__ import annotations

import stat

from cloud.__main__ import main
from cloud.settings import load_settings


def test_create_owner_then_login(tmp_path, make_cloud, capsys):
    assert main(["migrate", "--data-dir", str(tmp_path)]) == 0
    assert (
        main(
            [
                "create-owner",
                "--data-dir",
                str(tmp_path),
                "--email",
                "boss@shop.example",
                "--password",
                "long-password",
                "--business-name",
                "Shop",
            ]
        )
        == 0
    )
    assert "created business" in capsys.readouterr().out
    # the same email twice is refused
    assert (
        main(
            [
                "create-owner",
                "--data-dir",
                str(tmp_path),
                "--email",
                "boss@shop.example",
                "--password",
                "long-password",
                "--business-name",
                "Shop",
            ]
        )
        == 1
    )
    secret = tmp_path / "jwt-secret"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    settings = load_settings(data_dir=tmp_path, env={})
    assert settings.jwt_secret == secret.read_text().strip()
    cloud = make_cloud(settings)
    tokens = cloud.login("boss@shop.example", "long-password")
    me = cloud.client.get(
        "/api/v1/businesses/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    assert me.json()["name"] == "Shop"


def test_short_password_refused(tmp_path):
    assert (
        main(
            [
                "create-owner",
                "--data-dir",
                str(tmp_path),
                "--email",
                "a@b.example",
                "--password",
                "short",
                "--business-name",
                "S",
            ]
        )
        == 2
    )


def test_settings_from_environment(tmp_path):
    env = {
        "LOYALTY_CLOUD_RATE_PUBLIC_PER_MINUTE": "77",
        "LOYALTY_CLOUD_JWT_SECRET": "s" * 40,
        "LOYALTY_CLOUD_MIGRATE_ON_START": "false",
    }
    s = load_settings(data_dir=tmp_path, env=env)
    assert s.rate_public_per_minute == 77
    assert s.jwt_secret == "s" * 40
    assert s.migrate_on_start is False
    assert s.database_url == f"sqlite:///{tmp_path / 'cloud.sqlite3'}"
