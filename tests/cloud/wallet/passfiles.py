"""Reading a .pkpass the way Wallet does: unzip, check every manifest hash, verify the signature
with the openssl command line against the test CA."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import zipfile
from pathlib import Path


def unpack(pkpass: bytes, folder: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(pkpass)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def manifest_mismatches(files: dict[str, bytes]) -> list[str]:
    """Files whose SHA-1 is not the manifest's, files missing from it and entries with no file."""
    listed = json.loads(files["manifest.json"])
    present = {n for n in files if n not in ("manifest.json", "signature")}
    wrong = [n for n in present if listed.get(n) != hashlib.sha1(files[n]).hexdigest()]
    return sorted(wrong + sorted(set(listed) ^ present))


def openssl_verify(folder: Path, root_pem: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            "openssl",
            "smime",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            str(folder / "signature"),
            "-content",
            str(folder / "manifest.json"),
            "-CAfile",
            str(root_pem),
            "-purpose",
            "any",
            "-out",
            "/dev/null",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def signer_certificates(folder: Path) -> str:
    out = subprocess.run(
        ["openssl", "pkcs7", "-inform", "DER", "-in", str(folder / "signature"), "-print_certs", "-noout"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return out.stdout


def pass_verifier(folder: Path, root_pem: Path):
    """A check of whole passes for the Wallet test client: unpacked, hashes right, openssl verifies."""
    count = 0

    def verify(pkpass: bytes) -> None:
        nonlocal count
        count += 1
        where = folder / f"pass-{count}"
        files = unpack(pkpass, where)
        assert manifest_mismatches(files) == []
        result = openssl_verify(where, root_pem)
        assert result.returncode == 0, result.stderr

    return verify
