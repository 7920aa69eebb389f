"""The pass's icon and logo: a stamp mark drawn in the offer's colours (until businesses upload a logo).

Wallet shows the icon on the lock screen and in notifications and needs it; the logo sits at
the pass's top left. Drawn once per colour and size and kept (a pass is built on every fetch).
"""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw

# file name -> (width, height) in pixels; @2x and @3x are the Retina versions
SIZES = {
    "icon.png": (29, 29),
    "icon@2x.png": (58, 58),
    "icon@3x.png": (87, 87),
    "logo.png": (50, 50),
    "logo@2x.png": (100, 100),
    "logo@3x.png": (150, 150),
}


def _stamp(size: tuple[int, int], background: tuple[int, int, int], ink: tuple[int, int, int]) -> bytes:
    width, height = size
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    side = min(width, height)
    pad = max(2, side // 8)
    ring = max(1, side // 12)
    box = (pad, pad, side - pad - 1, side - pad - 1)
    draw.ellipse(box, outline=ink, width=ring)
    inner = side // 2 - pad - ring * 2
    centre = side // 2
    if inner > 1:
        draw.ellipse(
            (centre - inner // 2, centre - inner // 2, centre + inner // 2, centre + inner // 2), fill=ink
        )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


@lru_cache(maxsize=64)
def pass_images(background: tuple[int, int, int], ink: tuple[int, int, int]) -> tuple[tuple[str, bytes], ...]:
    """(file name, PNG bytes) for every image of a pass in these colours."""
    return tuple((name, _stamp(size, background, ink)) for name, size in SIZES.items())
