"""Photos made in the test run: with malformed EXIF (built byte by byte), and with every kind of
metadata block a camera, a phone or an editor writes."""

import io
import struct

from PIL import Image, PngImagePlugin

ASCII, SHORT, LONG, RATIONAL = 2, 3, 4, 5
ORIENTATION, MAKE, MODEL, EXIF_IFD, GPS_IFD, INTEROP_IFD = 0x0112, 0x010F, 0x0110, 0x8769, 0x8825, 0xA005


def entry(tag, kind, count, value):
    """One little-endian IFD entry; `value` is the 4-byte value or offset field (an int or bytes)."""
    field = value if isinstance(value, bytes) else struct.pack("<I", value & 0xFFFFFFFF)
    return struct.pack("<HHI", tag, kind, count) + field.ljust(4, b"\0")[:4]


def tiff(entries, next_ifd=0, tail=b"", declared=None):
    """A TIFF block (what APP1 Exif carries) with one IFD at offset 8, then `tail` at offset
    8 + 2 + 12 * len(entries) + 4. `declared` overrides the entry count written."""
    count = len(entries) if declared is None else declared
    return b"II*\0" + struct.pack("<I", 8) + struct.pack("<H", count) + b"".join(entries) + (
        struct.pack("<I", next_ifd) + tail
    )


def tail_offset(entries):
    return 8 + 2 + 12 * len(entries) + 4


def jpeg_with_exif(exif_block, size=(64, 48), color="navy"):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", exif=b"Exif\0\0" + exif_block)
    return buffer.getvalue()


MALFORMED_EXIF = {
    "orientation as text": tiff([entry(ORIENTATION, ASCII, 2, b"6\0")]),
    "orientation as a rational": tiff(
        [entry(ORIENTATION, RATIONAL, 1, tail_offset([None]))], tail=struct.pack("<II", 6, 1)
    ),
    "orientation out of range": tiff([entry(ORIENTATION, SHORT, 1, 9)]),
    "orientation zero": tiff([entry(ORIENTATION, SHORT, 1, 0)]),
    "orientation as a huge long": tiff([entry(ORIENTATION, LONG, 1, 0xFFFFFFFF)]),
    "orientation with two values": tiff([entry(ORIENTATION, SHORT, 2, struct.pack("<HH", 6, 8))]),
    "orientation with a huge count": tiff([entry(ORIENTATION, SHORT, 0x7FFFFFFF, 40)]),
    "orientation of an unknown type": tiff([entry(ORIENTATION, 99, 1, 6)]),
    "make with a huge count": tiff([entry(MAKE, ASCII, 0xFFFFFFFF, 0xFFFFFFF0)]),
    "model past the end": tiff([entry(MODEL, ASCII, 64, 0x0FFFFFFF)]),
    "make as a number": tiff([entry(MAKE, LONG, 1, 12345)]),
    "exif ifd pointing back at ifd0": tiff([entry(EXIF_IFD, LONG, 1, 8), entry(ORIENTATION, SHORT, 1, 6)]),
    "gps ifd past the end": tiff([entry(GPS_IFD, LONG, 1, 0xFFFFFF)]),
    "gps ifd as text": tiff([entry(GPS_IFD, ASCII, 4, b"abc\0")]),
    "interop ifd looping": tiff([entry(EXIF_IFD, LONG, 1, 8), entry(INTEROP_IFD, LONG, 1, 8)]),
    "next ifd looping": tiff([entry(ORIENTATION, SHORT, 1, 3)], next_ifd=8),
    "next ifd past the end": tiff([entry(ORIENTATION, SHORT, 1, 3)], next_ifd=0x7FFFFFFF),
    "truncated ifd": tiff([entry(ORIENTATION, SHORT, 1, 6)], declared=400)[:40],
    "ifd offset past the end": b"II*\0" + struct.pack("<I", 0xFFFF),
    "big-endian header, little-endian body": b"MM\0*" + tiff([entry(ORIENTATION, SHORT, 1, 6)])[4:],
    "no ifd at all": b"II*\0",
    "garbage": bytes(range(256)) * 4,
}


def xmp_packet():
    return (
        b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:tiff="http://ns.adobe.com/tiff/1.0/" tiff:Make="XmpCam"/>'
        b"</rdf:RDF></x:xmpmeta><?xpacket end='w'?>"
    )


def _segment(marker, payload):
    return marker + struct.pack(">H", len(payload) + 2) + payload


def iptc_segment():
    record = b"\x1c\x02\x50" + struct.pack(">H", 9) + b"IptcPerson"[:9]  # 2:80 By-line
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\0\0" + struct.pack(">I", len(record)) + record
    return _segment(b"\xff\xed", b"Photoshop 3.0\0" + resource)


def exif_with_every_ifd():
    """EXIF with 0th (make, model, orientation 6), Exif, GPS, Interop and 1st (thumbnail) IFDs."""
    exif = Image.Exif()
    exif[MAKE] = "Acme Phone"
    exif[MODEL] = "Model 9"
    exif[ORIENTATION] = 6
    exif.get_ifd(EXIF_IFD).update({0x9003: "2026:03:19 08:15:00", 0x927C: b"maker note"})
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (41.0, 52.0, 30.0), 3: "W", 4: (87.0, 37.0, 40.0)})
    exif.get_ifd(EXIF_IFD)[INTEROP_IFD] = {1: "R98"}
    block = bytearray(exif.tobytes()[6:])  # without "Exif\0\0"
    # A 1st IFD (the thumbnail) after the 0th: Pillow writes none, so it is appended by hand.
    order = "<" if block[:2] == b"II" else ">"
    (count,) = struct.unpack(order + "H", block[8:10])
    next_pointer = 8 + 2 + 12 * count
    thumbnail = io.BytesIO()
    Image.new("RGB", (16, 12), "red").save(thumbnail, "JPEG", comment=b"thumbnail comment")
    thumbnail = thumbnail.getvalue()
    ifd1 = len(block)
    block[next_pointer : next_pointer + 4] = struct.pack(order + "I", ifd1)
    block += struct.pack(order + "H", 2)
    for tag, value in ((0x0201, ifd1 + 2 + 24 + 4), (0x0202, len(thumbnail))):  # thumbnail offset, length
        block += struct.pack(order + "HHII", tag, LONG, 1, value)
    block += struct.pack(order + "I", 0) + thumbnail
    return b"Exif\0\0" + bytes(block)


def jpeg_with_everything(size=(64, 48)):
    """A JPEG carrying a comment, EXIF (every IFD, orientation 6 and a thumbnail), XMP, IPTC and ICC."""
    from PIL import ImageCms

    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(
        buffer,
        "JPEG",
        exif=exif_with_every_ifd(),
        comment=b"Comment: taken by Jane at the dock",
        xmp=xmp_packet(),
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
    )
    data = buffer.getvalue()
    return data[:2] + iptc_segment() + data[2:]


def png_with_everything(size=(64, 48)):
    """A PNG with tEXt, iTXt (XMP) and zTXt chunks, an eXIf chunk with GPS, and an ICC profile."""
    from PIL import ImageCms

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jane Organizer")
    info.add_itxt("XML:com.adobe.xmp", xmp_packet().decode(), zip=False)
    info.add_text("Comment", "taken at the dock", zip=True)
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(
        buffer,
        "PNG",
        pnginfo=info,
        exif=exif_with_every_ifd(),
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
    )
    return buffer.getvalue()


def webp_with_everything(size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, "WEBP", exif=exif_with_every_ifd(), xmp=xmp_packet())
    return buffer.getvalue()


def png_chunks(data):
    """The chunk types of a PNG, in order."""
    position, chunks = 8, []
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        chunks.append(data[position + 4 : position + 8].decode("latin-1"))
        position += 12 + length
    return chunks


def jpeg_markers(data):
    """The marker bytes of a JPEG's segments before the image data (0xE0 APP0, 0xE1 APP1, 0xFE COM...)."""
    position, markers = 2, []
    while position < len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker == 0xDA:  # start of scan: the image data follows
            break
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        markers.append(marker)
        position += 2 + length
    return markers

