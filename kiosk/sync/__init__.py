"""Offline-first sync with the cloud: no Qt here; run from the sync worker thread."""
