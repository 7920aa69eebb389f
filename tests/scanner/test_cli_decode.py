from __future__ import annotations

import argparse
import io

import cv2
import numpy as np

from kiosk.cli import decode as cli_decode
from kiosk.scanner.synthetic import render_code


def run_cli(*paths) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="loyalty-kiosk")
    cli_decode.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["decode", *map(str, paths)])
    out, err = io.StringIO(), io.StringIO()
    status = args.handler(args, out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def write_code(path, text: str):
    image = cv2.copyMakeBorder(render_code(text, module_px=5), 30, 30, 30, 30, cv2.BORDER_CONSTANT, value=255)
    cv2.imwrite(str(path), image)
    return path


def test_escape_text():
    assert cli_decode.escape_text("a\\b\nc\rd\te") == "a\\\\b\\nc\\rd\\te"


def test_prints_path_tab_escaped_text_per_code(tmp_path):
    first = write_code(tmp_path / "one.png", "line1\r\nline2\tend\\")
    second = write_code(tmp_path / "two.png", "PLAIN")
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((100, 100), 255, np.uint8))
    status, out, err = run_cli(first, blank, second)
    assert status == 0
    assert err == ""
    assert out.splitlines() == [f"{first}\tline1\\r\\nline2\\tend\\\\", f"{second}\tPLAIN"]


def test_unreadable_files_are_reported_and_the_rest_decoded(tmp_path):
    good = write_code(tmp_path / "good.png", "GOOD")
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"not an image")
    status, out, err = run_cli(tmp_path / "missing.png", junk, tmp_path, good)
    assert status == 1
    assert out == f"{good}\tGOOD\n"
    assert "missing.png: no such file" in err
    assert "junk.png: not an image file" in err
    assert "is a directory" in err


def test_real_photo_through_the_cli(qr_data):
    status, out, _ = run_cli(qr_data / "photos-1" / "1.png")
    assert status == 0
    assert out.startswith(str(qr_data / "photos-1" / "1.png") + "\t")
