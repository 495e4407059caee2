"""EXIF orientation: the one table of transposes that shows stored pixels upright, shared by the
thumbnails and the gallery export."""

from __future__ import annotations

from PIL import Image

# EXIF orientation -> the transpose that displays the stored pixels upright (as exif_transpose).
UPRIGHT_TRANSPOSE: dict[int, Image.Transpose] = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
