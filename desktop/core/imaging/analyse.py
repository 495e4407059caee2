"""One-pass analysis of one image file (hash, metadata, grid thumbnail), run inside a worker process."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from io import BytesIO

from desktop.core.imaging.decode import ImageRejected, decode_failure_reason, open_image
from desktop.core.imaging.hashing import sha256_bytes
from desktop.core.imaging.thumbnails import (
    GRID_SIZE,
    cache_path,
    render_thumbnail,
    save_jpeg_atomic,
)
from desktop.core.metadata.read import read_image_metadata
from desktop.core.progress import Rejected
from desktop.core.records import PhotoMetadata


@dataclass(frozen=True)
class AnalysedFile:
    """Everything the import needs about one image; plain and picklable to cross processes."""

    path: str
    size: int
    mtime: float
    sha256: str
    metadata: PhotoMetadata
    thumb_path: str


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "file not found"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return f"cannot read file ({exc.strerror or exc})"


def _read_once(path: str) -> tuple[bytes, os.stat_result]:
    """The file's bytes, read once, read-only, after refusing what is not a regular file
    (opening a FIFO would block the worker forever)."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise ImageRejected(_os_reason(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise ImageRejected("is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise ImageRejected("not a regular file")
    if st.st_size == 0:
        raise ImageRejected("empty file")
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise ImageRejected(_os_reason(exc)) from None
    if not data:
        raise ImageRejected("empty file")
    return data, st


def _analyse(path: str, thumb_dir: str) -> AnalysedFile:
    data, st = _read_once(path)
    digest = sha256_bytes(data)
    # exifread and Pillow both read from memory: the disk is read once per file.
    with open_image(BytesIO(data)) as im:
        metadata = read_image_metadata(im, data)
        thumb = cache_path(thumb_dir, digest, GRID_SIZE)
        # Same content hash means the pixels decoded before: no need to decode them again.
        if not thumb.exists():
            try:
                rendered = render_thumbnail(im, GRID_SIZE, metadata.orientation)
            except (OSError, SyntaxError, ValueError, EOFError) as exc:
                raise ImageRejected(decode_failure_reason(exc)) from None
            try:
                save_jpeg_atomic(rendered, thumb)
            except OSError as exc:
                raise ImageRejected(f"cannot write thumbnail cache ({exc})") from None
    return AnalysedFile(
        path=path,
        size=len(data),
        mtime=st.st_mtime,
        sha256=digest,
        metadata=metadata,
        thumb_path=str(thumb),
    )


def analyse_file(path: str, thumb_dir: str) -> AnalysedFile | Rejected:
    """Hash, read metadata and make the grid thumbnail of one file; never raises.

    A file we cannot use comes back as Rejected with a reason the user can act on; damaged
    metadata with decodable pixels comes back as AnalysedFile with metadata.warnings.
    """
    try:
        return _analyse(path, thumb_dir)
    except ImageRejected as exc:
        return Rejected(path, exc.reason)
    except MemoryError:
        return Rejected(path, "image too large: out of memory while decoding")
    except Exception as exc:  # a worker must not die on one odd file
        return Rejected(path, f"could not analyse ({type(exc).__name__}: {exc})")
