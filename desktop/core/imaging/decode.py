"""Opening untrusted image bytes with Pillow: supported formats only, bombs and junk refused with a reason."""

from __future__ import annotations

import re
import struct
import threading
import warnings
from typing import BinaryIO

from PIL import (  # noqa: F401  (importing a plugin registers it with Image.open)
    Image,
    JpegImagePlugin,
    PngImagePlugin,
    TiffImagePlugin,
    UnidentifiedImageError,
    WebPImagePlugin,
)

# Only the formats we import: Image.open would otherwise try every plugin (EPS goes to
# Ghostscript), and a .jpg that is secretly something exotic should be refused, not decoded.
SUPPORTED_FORMATS = ("JPEG", "PNG", "TIFF", "WEBP")
# warnings.catch_warnings swaps a process-global filter list; the GUI opens images from several
# threads (thumbnail loading), so opening is serialised. It reads only the header: cheap.
_WARNINGS_LOCK = threading.Lock()
JPEG_FORMATS = ("JPEG", "MPO")  # the JPEG opener returns MPO for multi-picture files


class ImageRejected(Exception):
    """An input we will not import; `reason` is what the user reads."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _too_large(exc: Exception) -> ImageRejected:
    match = re.search(r"\((\d+) pixels\)", str(exc))
    pixels = match.group(1) if match else "?"
    return ImageRejected(
        f"image too large: {pixels} pixels exceeds limit of {Image.MAX_IMAGE_PIXELS}"
    )


def open_image(fp: BinaryIO) -> Image.Image:
    """Open (not decode) an image; raises ImageRejected for non-images and decompression bombs.

    The bomb warning (over MAX_IMAGE_PIXELS) is an error here, not just the error Pillow raises
    at twice the limit: a newsroom never needs a 90-megapixel import, and a worker that tries
    one can take gigabytes. Other Pillow warnings (odd TIFF tags, truncated EXIF) are ignored
    here; the metadata readers report metadata problems themselves.
    """
    with _WARNINGS_LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return Image.open(fp, formats=SUPPORTED_FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _too_large(exc) from None
        except UnidentifiedImageError:
            raise ImageRejected("not an image (unrecognised format)") from None
        except (SyntaxError, ValueError, EOFError, struct.error) as exc:
            raise ImageRejected(f"corrupt image header ({exc})") from None


def decode_failure_reason(exc: BaseException) -> str:
    """The user-facing reason for an exception raised while decoding pixels."""
    message = str(exc)
    if isinstance(exc, (Image.DecompressionBombError, Image.DecompressionBombWarning)):
        return _too_large(exc).reason
    if "truncated" in message or isinstance(exc, EOFError):
        return "truncated image data"
    return f"corrupt image data ({message or type(exc).__name__})"
