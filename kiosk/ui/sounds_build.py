"""Write the counter's feedback sounds as small WAV files (run once at setup; files are bundled).

python -m kiosk.ui.sounds_build

Four sounds a cashier tells apart without looking, all between 400 and 2,000 Hz (what a
monitor's or a laptop's small speakers actually play; the old 190 Hz refusal buzz was barely
audible on them) and each shorter than 400 ms, so a queue is never kept waiting for a sound:
- good (a stamp): two notes rising a fifth, short and light;
- reward: four notes climbing a major chord to a long high note;
- bad (a refusal): two low notes falling a semitone, with overtones so it sounds like a buzz;
- undo: one tone gliding down an octave, like something taken back.
tests/ui/test_sounds.py measures their spectra.
"""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kiosk.ui.resources import SOUNDS

RATE = 22_050
PEAK = 0.5  # of full scale: loud enough from two metres, room left so nothing clips


@dataclass(frozen=True)
class Note:
    """A tone from `start` Hz gliding to `end` Hz (the same for a steady note); `overtones` are
    the 2nd, 3rd, … harmonics' amplitudes relative to the fundamental. Frequency 0 is a rest."""

    start: float
    seconds: float
    end: float | None = None
    overtones: tuple[float, ...] = ()


SOUNDS_SPEC: dict[str, tuple[Note, ...]] = {
    "good": (Note(784.0, 0.07), Note(1174.7, 0.13)),
    "reward": (Note(880.0, 0.06), Note(1108.7, 0.06), Note(1318.5, 0.06), Note(1760.0, 0.17)),
    "bad": (
        Note(493.9, 0.14, overtones=(0.35, 0.25)),
        Note(0.0, 0.04),
        Note(466.2, 0.17, overtones=(0.35, 0.25)),
    ),
    "undo": (Note(1320.0, 0.2, end=660.0),),
}


def _note(note: Note) -> np.ndarray:
    count = int(RATE * note.seconds)
    if note.start == 0:
        return np.zeros(count)
    t = np.arange(count) / RATE
    end = note.start if note.end is None else note.end
    # the phase is the integral of a linearly changing frequency
    phase = 2 * np.pi * (note.start * t + (end - note.start) * t**2 / (2 * note.seconds))
    wave_ = np.sin(phase)
    for n, amplitude in enumerate(note.overtones, start=2):
        wave_ += amplitude * np.sin(n * phase)
    # 5 ms in, 15 ms out: no clicks at the edges
    envelope = np.minimum(
        1.0, np.minimum(np.arange(count) / (0.005 * RATE), (count - np.arange(count)) / (0.015 * RATE))
    )
    return wave_ * envelope


def samples(name: str) -> np.ndarray:
    """The sound as floats in [-PEAK, PEAK]."""
    joined = np.concatenate([_note(note) for note in SOUNDS_SPEC[name]])
    return PEAK * joined / np.max(np.abs(joined))


def write_all(folder: Path = SOUNDS) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SOUNDS_SPEC:
        pcm = np.round(samples(name) * 32767).astype("<i2")
        path = folder / f"{name}.wav"
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(pcm.tobytes())
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_all():
        print(written_path)
