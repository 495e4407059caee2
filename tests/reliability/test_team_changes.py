"""Two desks on one shared library (SQLite file, PostgreSQL server): each notices what the other
edited or imported by polling, including an edit whose transaction commits late."""

from __future__ import annotations

import hashlib

import pytest

from desktop.core.library_records import FieldChange
from desktop.core.records import PhotoMetadata
from desktop.services import editing
from desktop.services.changes import ChangePoller, poll_changes
from desktop.services.library import open_library
from desktop.store import edits
from desktop.store.batches import discard_batch, start_batch
from desktop.store.imports import NewPhoto, insert_photos


def test_desk_a_sees_what_desk_b_edits_and_adds(library_location: str, make_photo) -> None:
    desk_a = open_library(library_location)
    desk_b = open_library(library_location)
    try:
        first, second = make_photo(desk_a, caption="one"), make_photo(desk_a, caption="two")
        poller = ChangePoller(desk_a)
        nothing = poller.poll()
        assert not nothing.changed  # what happened before the poller is not news

        editing.edit_photo(desk_b, second, {"caption": "two, edited on desk B"})
        seen = poller.poll()
        assert seen.photo_ids == (second,)
        assert seen.new_photo_ids == ()
        assert not poller.poll().changed  # reported once, not on every tick

        third = make_photo(desk_b, caption="three")  # an import on desk B
        seen = poller.poll()
        assert seen.new_photo_ids == (third,)
        assert seen.reload_all  # an import finished: captions of old photos may have changed
        assert first not in seen.photo_ids

        # The stateless form, for a caller keeping its own cursor.
        editing.edit_photo(desk_b, first, {"credit": "REUTERS"})
        stateless = poll_changes(desk_a, since=seen.latest, since_photo=seen.latest_photo)
        assert stateless.photo_ids == (first,)
        assert stateless.new_photo_ids == ()
        assert stateless.latest > seen.latest
    finally:
        desk_a.close()
        desk_b.close()


@pytest.mark.postgres
def test_edit_committed_late_is_not_missed(postgres_server, postgres_template, make_photo) -> None:
    """Desk B's edit takes the lower id but commits after desk C's: a poller that only asked
    for ids above the newest it had seen would never report B's edit."""
    url = postgres_server.create_database("cd_late_commit", template=postgres_template)
    desk_a, desk_b, desk_c = (open_library(url) for _ in range(3))
    try:
        slow_photo, quick_photo = make_photo(desk_a), make_photo(desk_a)
        poller = ChangePoller(desk_a)
        with desk_b.store.session() as slow:
            edits.apply_edits(slow, fields=[FieldChange(slow_photo, "caption", "slow desk")])
            slow.flush()  # B's edit row has its id now; its transaction is still open
            editing.edit_photo(desk_c, quick_photo, {"caption": "quick desk"})
            assert poller.poll().photo_ids == (quick_photo,)
        # B committed when its block ended.
        assert poller.poll().photo_ids == (slow_photo,)
        assert not poller.poll().changed
    finally:
        for desk in (desk_a, desk_b, desk_c):
            desk.close()


def test_discarded_import_asks_for_a_full_reload(sqlite_library, make_photo) -> None:
    make_photo(sqlite_library)
    poller = ChangePoller(sqlite_library)
    with sqlite_library.store.session() as s:
        batch = start_batch(s, kind="images", source="elsewhere")
    # A running import on another desk commits a chunk, then is cancelled.
    with sqlite_library.store.session() as s:
        (pid,) = insert_photos(
            s,
            batch,
            [NewPhoto("/x/a.jpg", "a.jpg", "a", hashlib.sha256(b"a").hexdigest(), 1, 0.0,
                      PhotoMetadata(width=1, height=1, format="JPEG"))],
        )  # fmt: skip
    assert poller.poll().new_photo_ids == (pid,)
    with sqlite_library.store.session() as s:
        discard_batch(s, batch)
    gone = poller.poll()
    assert gone.reload_all and gone.new_photo_ids == ()
