"""Decoded memory is bounded: the shown-copy step for the largest images the limit allows, highly
compressed (a few hundred kilobytes), runs in a child process whose peak memory is measured; an image
over the limit is refused before it is decoded."""

import json
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUDGET_MB = 100  # what one shown copy may add to the process at the default UPLOAD_MAX_IMAGE_PIXELS

CHILD = """
import json, os, resource, sys
import django
django.setup()
from cases.evidence import EvidenceError, shown_copy
data = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    answer = len(shown_copy(data, "big-photo"))
except EvidenceError as error:
    answer = str(error)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"answer": answer, "added_mb": (after - before) / 1024}))
"""


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def uniform_png(width, height, color_type):
    """A PNG of one colour, compressed row by row (the test process never holds the pixels)."""
    channels = {0: 1, 2: 3, 6: 4}[color_type]
    row = b"\0" + b"\x80" * (width * channels)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", body) + _chunk(b"IEND", b"")


def uniform_jpeg(width, height):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (width, height), 128).save(buffer, "JPEG", quality=50)
    return buffer.getvalue()


def shown_copy_in_a_child(tmp_path, data, **environment):
    path = tmp_path / "photo"
    path.write_bytes(data)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "power_campaign.settings", **environment}
    command = [sys.executable, "-c", CHILD, str(path)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("label", "make"),
    [
        ("grey PNG, 49 million pixels", lambda: uniform_png(7000, 7000, 0)),
        ("colour PNG, 12.25 million pixels", lambda: uniform_png(3500, 3500, 2)),
        ("transparent PNG, 12.25 million pixels", lambda: uniform_png(3500, 3500, 6)),
        ("JPEG, 48 million pixels", lambda: uniform_jpeg(8000, 6000)),
    ],
)
def test_shown_copy_of_the_largest_allowed_image_stays_within_the_memory_budget(tmp_path, label, make):
    data = make()
    assert len(data) < 1_000_000  # a small upload...

    result = shown_copy_in_a_child(tmp_path, data)

    assert isinstance(result["answer"], int), result["answer"]  # ...accepted...
    assert result["added_mb"] < BUDGET_MB, f"{label}: {result['added_mb']:.0f} MB"  # ...within the budget


@pytest.mark.parametrize(
    ("size", "color_type", "message"),
    [
        (
            (10000, 8000),
            0,
            "big-photo: the image is too large (10000 × 8000 pixels; the limit is 50 million).",
        ),
        (
            (5000, 4000),
            2,
            "big-photo: the image is too large to open safely (5000 × 4000 pixels). "
            "Save it as JPEG, or at a lower resolution, and upload it again.",
        ),
    ],
)
def test_an_image_over_the_limit_is_refused_before_it_is_decoded(tmp_path, size, color_type, message):
    result = shown_copy_in_a_child(tmp_path, uniform_png(*size, color_type))

    assert result["answer"] == message
    assert result["added_mb"] < 5
