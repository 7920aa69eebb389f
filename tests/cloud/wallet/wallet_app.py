"""A test client playing the Wallet app's part of the PassKit web service protocol: it adds a pass
(unpacks it, registers for updates), asks which passes changed since its tag, fetches them with
If-Modified-Since, and removes them (unregisters)."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class HeldPass:
    pass_type_id: str
    serial: str
    token: str
    content: dict
    data: bytes
    last_modified: str | None = None


@dataclass
class WalletApp:
    client: object  # the TestClient
    device_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    push_token: str = field(default_factory=lambda: uuid.uuid4().hex * 2)
    passes: dict[str, HeldPass] = field(default_factory=dict)
    tag: str | None = None
    # checks every pass received as Wallet would (hashes, signature); a failure fails the test
    verify: Callable[[bytes], None] = lambda _pkpass: None

    def _base(self, held: HeldPass) -> str:
        return urlsplit(held.content["webServiceURL"]).path + "/v1"

    def add(self, pkpass: bytes):
        self.verify(pkpass)
        with zipfile.ZipFile(io.BytesIO(pkpass)) as archive:
            content = json.loads(archive.read("pass.json"))
        held = HeldPass(
            content["passTypeIdentifier"],
            content["serialNumber"],
            content["authenticationToken"],
            content,
            pkpass,
        )
        self.passes[held.serial] = held
        return self.register(held.serial)

    def _registration(self, held: HeldPass) -> str:
        return f"{self._base(held)}/devices/{self.device_id}/registrations/{held.pass_type_id}/{held.serial}"

    def _auth(self, held: HeldPass, token: str | None = None) -> dict:
        return {"Authorization": f"ApplePass {token or held.token}"}

    def register(self, serial: str, token: str | None = None):
        held = self.passes[serial]
        return self.client.post(
            self._registration(held), json={"pushToken": self.push_token}, headers=self._auth(held, token)
        )

    def unregister(self, serial: str, token: str | None = None):
        held = self.passes[serial]
        return self.client.delete(self._registration(held), headers=self._auth(held, token))

    def changed_serials(self, pass_type_id: str, tag: str | None = None):
        """The web service's answer to 'which of my passes changed since my tag'."""
        held = next(iter(self.passes.values()))
        params = {"passesUpdatedSince": tag} if tag else {}
        return self.client.get(
            f"{self._base(held)}/devices/{self.device_id}/registrations/{pass_type_id}", params=params
        )

    def fetch(self, serial: str, token: str | None = None):
        held = self.passes[serial]
        headers = self._auth(held, token)
        if held.last_modified:
            headers["If-Modified-Since"] = held.last_modified
        r = self.client.get(f"{self._base(held)}/passes/{held.pass_type_id}/{serial}", headers=headers)
        if r.status_code == 200:
            self.verify(r.content)
            with zipfile.ZipFile(io.BytesIO(r.content)) as archive:
                held.content = json.loads(archive.read("pass.json"))
            held.data = r.content
        if r.status_code in (200, 304):
            held.last_modified = r.headers["Last-Modified"]
        return r

    def check_for_updates(self, pass_type_id: str) -> list[str]:
        """What Wallet does on a push: list what changed since its tag, fetch each, keep the new tag."""
        r = self.changed_serials(pass_type_id, self.tag)
        if r.status_code == 204:
            return []
        assert r.status_code == 200, r.text
        body = r.json()
        self.tag = body["lastUpdated"]
        for serial in body["serialNumbers"]:
            assert self.fetch(serial).status_code == 200
        return body["serialNumbers"]

    def balance(self, serial: str) -> str:
        return self.passes[serial].content["storeCard"]["primaryFields"][0]["value"]
