"""Content hashing: SHA-256 hex digests that key the library's duplicates and the thumbnail cache."""

from __future__ import annotations

import hashlib
import os

CHUNK = 1024 * 1024


def sha256_file(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's content, streamed in 1 MB chunks so memory stays flat."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_bytes(data: bytes) -> str:
    """SHA-256 of bytes already in memory (the analysis reads each file once)."""
    return hashlib.sha256(data).hexdigest()
