"""Embedded metadata readers (EXIF, IPTC IIM, XMP) and their merge into PhotoMetadata."""

from __future__ import annotations

from desktop.core.metadata.read import read_image_metadata, read_metadata

__all__ = ["read_image_metadata", "read_metadata"]
