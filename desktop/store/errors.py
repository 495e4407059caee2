"""Errors the store raises with a message a user can act on (the CLI prints it as one line)."""

from __future__ import annotations


class LibraryError(Exception):
    """The library cannot be opened or used: a bad path, an unreachable server, a corrupt file."""


class NotFoundError(LibraryError):
    """A photo, caption or gallery id that the library does not hold."""


class ConflictError(LibraryError):
    """Someone else changed the photo since it was read: the write was refused, nothing lost."""

    def __init__(self, photo_id: int, expected: int, actual: int) -> None:
        super().__init__(
            f"photo {photo_id} was changed by someone else (version {actual}, you edited version "
            f"{expected}); reload it and edit again"
        )
        self.photo_id = photo_id
        self.expected = expected
        self.actual = actual
