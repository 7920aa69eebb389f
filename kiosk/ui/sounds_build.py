"""Write the counter's feedback sounds as small WAV files (run once at setup; files are bundled).

python -m kiosk.ui.sounds_build
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

from kiosk.ui.resources import SOUNDS

RATE = 22_050

# a rising two-note chime for "stamp added", a low double buzz for "refused", three notes for a reward
TONES: dict[str, list[tuple[float, float]]] = {
    "good": [(880.0, 0.09), (1318.5, 0.14)],
    "bad": [(196.0, 0.16), (0.0, 0.05), (185.0, 0.22)],
    "reward": [(1046.5, 0.09), (1318.5, 0.09), (1568.0, 0.22)],
}


def _samples(freq: float, seconds: float) -> list[int]:
    count = int(RATE * seconds)
    out = []
    for i in range(count):
        envelope = min(1.0, i / 200, (count - i) / 600)  # no clicks at the edges
        value = math.sin(2 * math.pi * freq * i / RATE) if freq else 0.0
        out.append(int(0.45 * 32767 * envelope * value))
    return out


def write_all(folder: Path = SOUNDS) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, notes in TONES.items():
        samples = [s for freq, seconds in notes for s in _samples(freq, seconds)]
        path = folder / f"{name}.wav"
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(struct.pack(f"<{len(samples)}h", *samples))
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_all():
        print(written_path)
