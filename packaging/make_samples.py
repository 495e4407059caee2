"""Writes the self-test samples in resources/samples/: a small JPEG with IPTC+XMP captions and a dump.

The JPEG's metadata is built by hand (an APP13 Photoshop/IPTC-IIM block spliced in after the
JFIF header, the XMP packet written by Pillow) so the samples need nothing beyond Pillow, and
the output is deterministic: re-running it gives the same bytes.

Run: .venv/bin/python packaging/make_samples.py
"""

from __future__ import annotations

import struct
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"
IMAGE_NAME = "self-test.jpg"
DUMP_NAME = "self-test-dump.txt"

CAPTION = "A tram crosses the Charles Bridge in the early morning fog in Prague."
CREDIT = "Caption Desk/Self Test"
BYLINE = "Ada Example"
KEYWORDS = ("self-test", "tram", "Prague")

XMP_PACKET = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{CAPTION}</rdf:li></rdf:Alt></dc:description>
   <dc:creator><rdf:Seq><rdf:li>{BYLINE}</rdf:li></rdf:Seq></dc:creator>
   <dc:subject><rdf:Bag>{"".join(f"<rdf:li>{k}</rdf:li>" for k in KEYWORDS)}</rdf:Bag></dc:subject>
   <photoshop:Credit>{CREDIT}</photoshop:Credit>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""

# Two captions: the first names the sample image (a WordPress -1024x683 derivative, so the
# match goes through the file-name normalisation); the second matches no photo.
DUMP_TEXT = f"""<p>Morning news round-up.</p>
[caption id="attachment_101" align="alignnone" width="1024"]<img class="size-large wp-image-101" src="https://news.example.org/wp-content/uploads/2024/03/self-test-1024x683.jpg" alt="Tram on a bridge" width="1024" height="683" /> {CAPTION} (Photo: {CREDIT})[/caption]
<p>Later that day.</p>
[caption id="attachment_102" align="alignright" width="300"]<img src="https://news.example.org/wp-content/uploads/2024/03/market-square-300x200.jpg" alt="" width="300" height="200" /> Stalls go up in the Old Town Square for the Easter market. REUTERS/Jane Doe[/caption]
"""


def _iptc_dataset(record: int, dataset: int, value: bytes) -> bytes:
    return struct.pack(">BBBH", 0x1C, record, dataset, len(value)) + value


def _app13(fields: list[tuple[int, str]]) -> bytes:
    """An APP13 segment: Photoshop 3.0 header, one 8BIM resource 0x0404 holding IPTC-IIM."""
    iim = _iptc_dataset(1, 90, b"\x1b%G")  # CodedCharacterSet: UTF-8
    for dataset, text in fields:
        iim += _iptc_dataset(2, dataset, text.encode("utf-8"))
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iim))
    resource += iim + (b"\x00" if len(iim) % 2 else b"")
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def _picture() -> Image.Image:
    """A deterministic picture with some detail, so it looks like a photo to the decoders."""
    im = Image.linear_gradient("L").resize((400, 266)).convert("RGB")
    draw = ImageDraw.Draw(im)
    for i in range(0, 400, 12):
        draw.line([(i, 0), (400 - i, 266)], fill=(i % 256, 120, 255 - i % 256))
    draw.rectangle([150, 170, 250, 210], fill=(200, 30, 30))
    return im


def make_image() -> bytes:
    buffer = BytesIO()
    _picture().save(buffer, "JPEG", quality=75, xmp=XMP_PACKET.encode("utf-8"))
    data = buffer.getvalue()
    # Splice the IPTC block in after SOI + APP0 (JFIF), where readers look for it.
    assert data[:4] == b"\xff\xd8\xff\xe0", "Pillow wrote no JFIF header"
    app0_end = 4 + struct.unpack(">H", data[4:6])[0]
    iptc = _app13(
        [
            (120, CAPTION),
            (110, CREDIT),
            (80, BYLINE),
            *((25, k) for k in KEYWORDS),
        ]
    )
    return data[:app0_end] + iptc + data[app0_end:]


def main() -> None:
    SAMPLES.mkdir(parents=True, exist_ok=True)
    (SAMPLES / IMAGE_NAME).write_bytes(make_image())
    (SAMPLES / DUMP_NAME).write_text(DUMP_TEXT, encoding="utf-8", newline="\n")
    for name in (IMAGE_NAME, DUMP_NAME):
        print(f"wrote {SAMPLES / name} ({(SAMPLES / name).stat().st_size} bytes)")


if __name__ == "__main__":
    main()
