"""`loyalty-kiosk decode IMAGE...`: print every QR code found in image files.

One line per code: `path<TAB>text`, with backslash, newline, carriage return and tab in
the text escaped as `\\\\`, `\\n`, `\\r`, `\\t` so each code stays on one line. It decodes
with `decode_image`, the same pipeline the camera uses (every fallback step, since a
still image has no next frame to wait for).

Exit status: 0 when every file could be read as an image, whether or not it held a
code (an image with no code is an answer, not an error); 1 when any file could not be
read (each gets a message on stderr and the rest are still decoded); 2 for usage errors
(argparse's own convention).
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from kiosk.scanner.images import ImageReadError, read_image_file

_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def escape_text(text: str) -> str:
    return text.translate(_ESCAPES)


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "decode",
        help="print the QR codes in image files",
        description="Print one line per QR code found: path<TAB>text (\\\\, \\n, \\r, \\t escaped).",
    )
    parser.add_argument("images", nargs="+", metavar="IMAGE", help="image files (PNG, JPEG, ...)")
    parser.set_defaults(handler=run, needs_store=False)  # no database: any file, anywhere
    return parser


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    from kiosk.scanner.decode import decode_image  # imported here: keeps `--help` fast

    status = 0
    for path in args.images:
        try:
            image = read_image_file(path)
        except ImageReadError as exc:
            print(f"loyalty-kiosk decode: {exc}", file=err)
            status = 1
            continue
        for code in decode_image(image):
            print(f"{path}\t{escape_text(code.text)}", file=out)
    return status
