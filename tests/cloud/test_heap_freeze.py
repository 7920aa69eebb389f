"""`freeze_heap_on_start` (on under `loyalty-cloud serve`): the objects alive after the app's start
are moved out of the garbage collector's sight, so a full collection walks only what requests
made since; off, as tests make and drop apps by the hundred, nothing is frozen."""

from __future__ import annotations

import gc

from fastapi.testclient import TestClient

from cloud.app import create_app
from cloud.settings import load_settings


def test_the_heap_is_frozen_after_start_only_when_asked(settings, tmp_path):
    gc.unfreeze()
    try:
        with TestClient(create_app(settings)) as client:
            assert client.get("/healthz").status_code == 200
            assert gc.get_freeze_count() == 0
        with TestClient(create_app(settings.replace(freeze_heap_on_start=True))) as client:
            frozen = gc.get_freeze_count()
            assert frozen > 10_000  # the app and its libraries, not a handful
            assert client.get("/healthz").status_code == 200
            gc.collect()
            assert len(gc.get_objects()) < frozen  # what a full collection still walks
    finally:
        gc.unfreeze()


def test_the_serve_workers_read_it_from_the_environment(tmp_path):
    env = {"LOYALTY_CLOUD_FREEZE_HEAP_ON_START": "1"}
    assert load_settings(data_dir=tmp_path, env=env).freeze_heap_on_start is True
    assert load_settings(data_dir=tmp_path, env={}).freeze_heap_on_start is False
