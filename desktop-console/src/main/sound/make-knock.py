#!/usr/bin/env python3
"""Makes the console's knock sound (../resources/dev/carecall/console/waitingroom/knock.wav): two soft, low knocks on
wood, about half a second, 22.05 kHz mono 16-bit. Made here rather than downloaded, so its origin and licence are
ours. Run it again after changing a number; the output is the same every time (the noise has a fixed seed)."""
import math
import random
import struct
import wave
from pathlib import Path

RATE = 22050
OUT = Path(__file__).resolve().parent.parent / "resources/dev/carecall/console/waitingroom/knock.wav"


def knock(length_s=0.16, pitch=190.0, level=0.55):
    """One knock: a short noise click for the knuckle, then a low body that dies away fast, like a wooden door."""
    noise = random.Random(14)
    samples = []
    for i in range(int(RATE * length_s)):
        t = i / RATE
        body = (math.sin(2 * math.pi * pitch * t) + 0.45 * math.sin(2 * math.pi * pitch * 2.7 * t)) * math.exp(-t / 0.035)
        click = (noise.random() * 2 - 1) * math.exp(-t / 0.004)
        samples.append(level * (0.8 * body + 0.35 * click))
    return samples


def main():
    first = knock()
    second = knock(pitch=175.0, level=0.45)
    gap = [0.0] * int(RATE * 0.09)
    tail = [0.0] * int(RATE * 0.12)
    samples = first + gap + second + tail
    # A few milliseconds of fade-in, so the start does not click on speakers that are already on.
    for i in range(int(RATE * 0.003)):
        samples[i] *= i / (RATE * 0.003)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(OUT), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", int(max(-1.0, min(1.0, s)) * 32767)) for s in samples))
    print(f"{OUT}: {len(samples) / RATE:.2f} s")


if __name__ == "__main__":
    main()
