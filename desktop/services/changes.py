"""Noticing what other desks changed in a shared library, for a GUI that polls on a timer.

`ChangePoller(lib).poll()` returns the photos edited and added since its last poll. It looks a
little way back below the newest ids it has seen, because on PostgreSQL ids are handed out when
a row is written but become visible when its transaction commits: an edit that took id 10 may
commit after one that took id 11 was already seen. Ids already reported are not reported again.
`poll_changes(lib, since)` is the stateless form for callers that keep the cursor themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.services.library import Library
from desktop.store import changes

LOOKBACK = 500  # edit and photo ids below the newest seen that are checked again for late commits


@dataclass(frozen=True)
class ChangeSet:
    """What changed since the last poll; all empty and False means nothing to refresh."""

    photo_ids: tuple[int, ...]  # photos whose fields or tags were edited (by any desk)
    new_photo_ids: tuple[int, ...]  # photos added by an import (on any desk)
    latest: int  # the newest edit id: pass it as `since` to poll_changes next time
    latest_photo: int  # the newest photo id
    reload_all: bool = False  # an import finished or was undone, or photos went: refresh all

    @property
    def changed(self) -> bool:
        return bool(self.photo_ids or self.new_photo_ids or self.reload_all)


def poll_changes(lib: Library, since: int, since_photo: int | None = None) -> ChangeSet:
    """Photos edited after edit id `since` (and added after photo id `since_photo`, if given)."""
    with lib.store.session() as s:
        photo_ids, latest = changes.changed_photo_ids_since(s, since)
        marker = changes.change_marker(s)
        new_ids = changes.photo_ids_after(s, since_photo) if since_photo is not None else []
    return ChangeSet(tuple(photo_ids), tuple(new_ids), latest, max(marker[1], since_photo or 0))


class ChangePoller:
    """One desk's view of the shared library's changes; call `poll()` from a timer.

    The first poll reports nothing that happened before the poller was made."""

    def __init__(self, lib: Library, *, lookback: int = LOOKBACK) -> None:
        self._lib = lib
        self._lookback = lookback
        with lib.store.session() as s:
            edit_id, photo_id, count, imports = changes.change_marker(s)
            self._seen_edits = {e for e, _ in changes.edits_since(s, edit_id - lookback)}
            self._seen_photos = set(changes.photo_ids_after(s, max(0, photo_id - lookback)))
        self._edit_id, self._photo_id, self._count, self._imports = (
            edit_id,
            photo_id,
            count,
            imports,
        )

    @property
    def latest(self) -> int:
        return self._edit_id

    def poll(self) -> ChangeSet:
        low_edit = max(0, self._edit_id - self._lookback)
        low_photo = max(0, self._photo_id - self._lookback)
        with self._lib.store.session() as s:
            rows = changes.edits_since(s, low_edit)
            photo_rows = changes.photo_ids_after(s, low_photo)
            _, _, count, imports = changes.change_marker(s)
        fresh_edits = [(e, p) for e, p in rows if e not in self._seen_edits]
        fresh_photos = [p for p in photo_rows if p not in self._seen_photos]
        self._seen_edits.update(e for e, _ in fresh_edits)
        self._seen_photos.update(fresh_photos)
        self._edit_id = max([self._edit_id, *(e for e, _ in fresh_edits)])
        self._photo_id = max([self._photo_id, *fresh_photos])
        # Forget what fell below the window, so the sets stay small however long the app runs.
        floor_edit = self._edit_id - self._lookback
        floor_photo = self._photo_id - self._lookback
        self._seen_edits = {e for e in self._seen_edits if e > floor_edit}
        self._seen_photos = {p for p in self._seen_photos if p > floor_photo}
        removed = count < self._count + len(fresh_photos)
        reload_all = removed or imports != self._imports
        self._count, self._imports = count, imports
        return ChangeSet(
            photo_ids=tuple(sorted({p for _, p in fresh_edits})),
            new_photo_ids=tuple(sorted(fresh_photos)),
            latest=self._edit_id,
            latest_photo=self._photo_id,
            reload_all=reload_all,
        )
