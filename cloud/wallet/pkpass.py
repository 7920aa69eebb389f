"""A .pkpass: pass.json and images, manifest.json with each file's SHA-1, and a detached PKCS#7
signature of the manifest, zipped. Apple checks every hash and the signature; one wrong byte
and Wallet refuses the pass."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

from cloud.wallet.credentials import AppleCredentials
from cloud.wallet.holder import PassHolder
from cloud.wallet.images import pass_images
from cloud.wallet.passjson import PassIdentity, pass_json, rgb, text_colour

MEDIA_TYPE = "application/vnd.apple.pkpass"


def manifest(files: dict[str, bytes]) -> bytes:
    return json.dumps(
        {name: hashlib.sha1(data).hexdigest() for name, data in sorted(files.items())}, indent=1
    ).encode()


def package(files: dict[str, bytes], credentials: AppleCredentials) -> bytes:
    """The signed archive of these files (pass.json and images)."""
    listing = manifest(files)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(files.items()):
            archive.writestr(name, data)
        archive.writestr("manifest.json", listing)
        archive.writestr("signature", credentials.sign(listing))
    return out.getvalue()


def build_pass(holder: PassHolder, identity: PassIdentity, credentials: AppleCredentials) -> bytes:
    content = pass_json(holder, identity)
    background = rgb(holder.colour)
    files = {"pass.json": json.dumps(content, ensure_ascii=False, indent=1).encode("utf-8")}
    files.update(pass_images(background, text_colour(background)))
    return package(files, credentials)
