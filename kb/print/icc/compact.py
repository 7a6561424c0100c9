"""Make the compact output-intent profile from basICColor's ISO Coated v2 300% (see README.md in this folder).

Not part of the build: run once by hand when the profile has to be made again.

    .venv/bin/python kb/print/icc/compact.py ISOcoated_v2_300_bas.icc kb/print/icc/ISOcoated_v2_300_bas-compact.icc

The colorimetric CMYK -> Lab table (A2B1, what a proof or a viewer uses for our DeviceCMYK colours) is kept as it
is. The other tables keep every second or fourth grid point of the original (exact values at those points, no
recomputing), and the measurement data (targ) is left out: 1 MB becomes about 180 kB, embedded in every drukker PDF.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

HEADER = 128
STEPS = {b"A2B0": 2, b"A2B2": 2, b"B2A0": 4, b"B2A1": 2, b"B2A2": 2, b"gamt": 4}  # keep every n-th grid point
DROP = {b"targ"}
DESCRIPTION = "ISO Coated v2 300% (basICColor), compact (altered)"
ALTERED = " Altered: smaller tables, measurement data left out; see kb/print/icc/README.md."


def _subsample_lut16(tag: bytes, step: int) -> bytes:
    """A lut16Type (mft2) with every ``step``-th CLUT grid point in each input dimension."""
    assert tag[:4] == b"mft2"
    inputs, outputs, grid = tag[8], tag[9], tag[10]
    assert (grid - 1) % step == 0, (grid, step)
    in_entries, out_entries = struct.unpack(">HH", tag[48:52])
    start = 52 + inputs * in_entries * 2
    clut_size = grid**inputs * outputs * 2
    clut, rest = tag[start : start + clut_size], tag[start + clut_size :]
    new_grid = (grid - 1) // step + 1
    kept = bytearray()
    for index in range(new_grid**inputs):
        source, remainder = 0, index
        for dimension in range(inputs):  # the first input varies slowest
            weight = new_grid ** (inputs - 1 - dimension)
            node, remainder = divmod(remainder, weight)
            source += node * step * grid ** (inputs - 1 - dimension)
        kept += clut[source * outputs * 2 : (source + 1) * outputs * 2]
    return tag[:10] + bytes([new_grid]) + tag[11:start] + bytes(kept) + rest


def _text_tag(text: str) -> bytes:
    return b"text" + bytes(4) + text.encode("ascii") + b"\0"


def _desc_tag(text: str) -> bytes:
    ascii_text = text.encode("ascii") + b"\0"
    return b"desc" + bytes(4) + struct.pack(">I", len(ascii_text)) + ascii_text + bytes(4 + 4) + bytes(2 + 1 + 67)


def compact(profile: bytes) -> bytes:
    count = struct.unpack(">I", profile[HEADER : HEADER + 4])[0]
    tags = []
    for i in range(count):
        signature, offset, size = struct.unpack(">4sII", profile[HEADER + 4 + 12 * i : HEADER + 16 + 12 * i])
        data = profile[offset : offset + size]
        if signature in DROP:
            continue
        if signature in STEPS:
            data = _subsample_lut16(data, STEPS[signature])
        elif signature == b"desc":
            data = _desc_tag(DESCRIPTION)
        elif signature == b"cprt":
            data = _text_tag(data[8:].rstrip(b"\0").decode("ascii") + ALTERED)
        tags.append((signature, data))
    table = HEADER + 4 + 12 * len(tags)
    body, entries, offset = b"", b"", table
    for signature, data in tags:
        data += bytes(-len(data) % 4)  # tags start on 4-byte boundaries
        entries += struct.pack(">4sII", signature, offset, len(data))
        body += data
        offset += len(data)
    header = bytearray(profile[:HEADER])
    header[0:4] = struct.pack(">I", offset)
    header[84:100] = bytes(16)  # no profile ID (v2)
    return bytes(header) + struct.pack(">I", len(tags)) + entries + body


if __name__ == "__main__":
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    target.write_bytes(compact(source.read_bytes()))
    print(f"{target}: {target.stat().st_size} bytes")
