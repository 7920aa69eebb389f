"""The bundled feedback sounds, measured: each one short, heard on small speakers (its energy
between 400 and 2,000 Hz), and each clearly unlike the others; undo makes its own sound."""

from __future__ import annotations

import itertools
import wave

import numpy as np
import pytest
from PySide6.QtCore import Qt

from kiosk.services.demo import DEMO_CASHIER_PIN
from kiosk.settings import KioskSettings
from kiosk.ui.resources import SOUNDS
from tests.ui.conftest import sign_in

NAMES = ("good", "reward", "bad", "undo")  # stamp, reward, refusal, undo
LOW, HIGH = 400.0, 2000.0


def read(name: str) -> tuple[np.ndarray, int]:
    path = SOUNDS / f"{name}.wav"
    assert path.exists(), f"{path.name} is missing"
    with wave.open(str(path), "rb") as wav:
        assert wav.getsampwidth() == 2
        assert wav.getnchannels() == 1
        rate = wav.getframerate()
        pcm = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
    return pcm.astype(float) / 32768, rate


def spectrum(name: str) -> tuple[np.ndarray, np.ndarray]:
    """Power per 10 Hz band up to 5 kHz (the same bands for every sound, whatever its length)."""
    signal, rate = read(name)
    power = np.abs(np.fft.rfft(signal * np.hanning(len(signal)), n=rate)) ** 2  # 1 Hz bins
    bands = power[:5000].reshape(-1, 10).sum(axis=1)
    return np.arange(5, 5000, 10.0), bands


def pitch_track(name: str) -> list[float]:
    """The dominant frequency of each 40 ms slice that is not silent."""
    signal, rate = read(name)
    step = int(0.04 * rate)
    track = []
    for start in range(0, len(signal) - step + 1, step):
        piece = signal[start : start + step]
        if np.sqrt(np.mean(piece**2)) < 0.05:
            continue
        power = np.abs(np.fft.rfft(piece * np.hanning(step), n=rate)) ** 2
        track.append(float(np.argmax(power)))
    return track


@pytest.mark.parametrize("name", NAMES)
def test_each_sound_is_short_and_in_the_range_small_speakers_play(name):
    signal, rate = read(name)
    seconds = len(signal) / rate
    assert 0.1 < seconds < 0.4, f"{name}: {seconds:.3f} s"
    assert np.max(np.abs(signal)) > 0.3  # loud enough to hear from two metres
    freqs, power = spectrum(name)
    dominant = freqs[np.argmax(power)]
    assert LOW <= dominant <= HIGH, f"{name}: dominant {dominant:.0f} Hz"
    inside = power[(freqs >= LOW) & (freqs <= HIGH)].sum() / power.sum()
    assert inside > 0.9, f"{name}: only {inside:.0%} of its energy is between 400 and 2,000 Hz"


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(NAMES, 2)))
def test_sounds_are_pairwise_distinct(a, b):
    """Different notes (their spectra barely overlap) and a different dominant pitch."""
    _, pa = spectrum(a)
    _, pb = spectrum(b)
    similarity = float(np.dot(pa, pb) / (np.linalg.norm(pa) * np.linalg.norm(pb)))
    assert similarity < 0.2, f"{a} and {b} sound alike (spectral similarity {similarity:.2f})"
    freqs, _ = spectrum(a)
    dominant_a, dominant_b = freqs[np.argmax(pa)], freqs[np.argmax(pb)]
    assert abs(dominant_a - dominant_b) >= 100, f"{a} {dominant_a:.0f} Hz vs {b} {dominant_b:.0f} Hz"


def test_contours_say_what_happened():
    """Good news rises, a refusal and an undo fall; a reward climbs higher than a stamp."""
    good, reward, bad, undo = (pitch_track(n) for n in NAMES)
    assert good[-1] > good[0]
    assert reward[-1] > reward[0]
    assert max(reward) > max(good)
    assert bad[-1] < bad[0]
    assert undo[-1] < undo[0]


def test_the_built_files_are_what_the_generator_makes(tmp_path):
    """resources/sounds is bundled as committed: it must be the generator's current output."""
    from kiosk.ui.sounds_build import write_all

    for path in write_all(tmp_path):
        assert path.read_bytes() == (SOUNDS / path.name).read_bytes(), path.name


def test_undo_plays_the_undo_sound(qtbot, make_kiosk, demo):
    kiosk = make_kiosk(KioskSettings(sound=True))
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    screen = kiosk.screens["scan"]
    token = next(t for k, t in demo.tokens.items() if k.endswith("/ Coffee card"))
    with qtbot.waitSignal(screen.result_shown, timeout=5000):
        qtbot.keyClicks(screen.code_entry, token)
        qtbot.keyClick(screen.code_entry, Qt.Key.Key_Return)
    assert kiosk.sounds.played == ["good"]
    with qtbot.waitSignal(screen.result_shown, timeout=5000):
        qtbot.keyClick(screen.code_entry, Qt.Key.Key_Z, Qt.KeyboardModifier.AltModifier)
    assert kiosk.sounds.played == ["good", "undo"]
