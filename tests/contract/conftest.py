"""The sync tests' real in-process cloud and kiosks, reused here."""

from tests.sync.conftest import cloud, cloud_clock, make_kiosk  # noqa: F401 - fixtures
