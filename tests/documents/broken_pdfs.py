"""Structurally broken PDFs, made in the test run, for fuzzing the public verification page."""

import re


def _trailer_facts(data):
    start = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    root = re.findall(rb"/Root\s+(\d+\s+\d+)\s+R", data)[-1].decode()
    size = max(int(n) for n in re.findall(rb"/Size\s+(\d+)", data))
    return start, root, size


def incremental_updates(data, count, *, marked=True):
    """`data` followed by `count` tiny incremental updates, each adding one small object. With
    `marked=False` only the last one ends in `startxref` and `%%EOF`: the others are found only by
    following the trailers' /Prev chain."""
    start, root, size = _trailer_facts(data)
    out = bytearray(data)
    if not out.endswith(b"\n"):
        out += b"\n"
    number = size
    for index in range(count):
        offset = len(out)
        out += b"%d 0 obj\n<< /Update %d >>\nendobj\n" % (number, index)
        xref = len(out)
        out += b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n" % (number, offset)
        out += b"trailer\n<< /Size %d /Root %s R /Prev %d >>\n" % (number + 1, root.encode(), start)
        if marked or index == count - 1:
            out += b"startxref\n%d\n%%%%EOF\n" % xref
        start = xref
        number += 1
    return bytes(out)


def truncated(data, fraction):
    return data[: int(len(data) * fraction)]


def bit_flipped(data, every):
    """`data` with one bit flipped every `every` bytes (deterministic)."""
    out = bytearray(data)
    for position in range(every // 2, len(out), every):
        out[position] ^= 1 << (position % 8)
    return bytes(out)


def with_byte_range(data, replacement):
    """`data` with the signature's /ByteRange array replaced by `replacement` (same length, padded)."""
    match = re.search(rb"/ByteRange\s*\[[^\]]*\]", data)
    original = match.group(0)
    if len(replacement) > len(original):
        raise ValueError("replacement longer than the original /ByteRange")
    return data[: match.start()] + replacement.ljust(len(original)) + data[match.end() :]


def with_contents(data, replacement):
    """`data` with the signature's /Contents <hex> replaced by `replacement`, padded with spaces."""
    match = re.search(rb"/Contents\s*<[0-9a-fA-F]*>", data)
    original = match.group(0)
    return data[: match.start()] + replacement.ljust(len(original)) + data[match.end() :]


def without_filter(data):
    """`data` with the signature dictionary's /Filter renamed (so it has none)."""
    match = re.search(rb"/Filter\s*/Adobe\.PPKLite", data)
    return data[: match.start()] + b"/Xilter" + data[match.start() + 7 :]


def looping_prev(data):
    """`data` with one update whose trailer's /Prev points at itself."""
    _start, root, size = _trailer_facts(data)
    out = bytearray(data)
    xref = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size %d /Root %s R /Prev %d >>\n" % (
        size,
        root.encode(),
        xref,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
