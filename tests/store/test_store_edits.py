"""Editing through the store, on SQLite and on a real PostgreSQL server: history, tags, versions."""

from __future__ import annotations

import pytest

from desktop.core.library_records import FieldChange
from desktop.services import browse, editing
from desktop.services.library import ConflictError


def test_edit_caption_and_credit_leaves_history(library, make_photo) -> None:
    pid = make_photo(library, caption="Old caption", credit="AP Photo/Evan Vucci")
    outcome = editing.edit_photo(library, pid, {"caption": "New caption.", "credit": "REUTERS"})
    assert {(c.field, c.old, c.new) for c in outcome.fields} == {
        ("caption", "Old caption", "New caption."),
        ("credit", "AP Photo/Evan Vucci", "REUTERS"),
    }
    detail = browse.photo_detail(library, pid)
    assert detail.summary.caption == "New caption."
    assert detail.summary.credit == "REUTERS"
    assert detail.caption_origin == "edited"
    history = browse.edit_history(library, pid)
    assert {(h.field, h.old_value, h.new_value) for h in history} == {
        ("caption", "Old caption", "New caption."),
        ("credit", "AP Photo/Evan Vucci", "REUTERS"),
    }
    assert all(h.user for h in history)
    assert len({h.operation for h in history}) == 1  # one user action, one operation


def test_unchanged_value_writes_no_history(library, make_photo) -> None:
    pid = make_photo(library, caption="Same")
    outcome = editing.edit_photo(library, pid, {"caption": "  Same "})
    assert outcome.fields == []
    assert browse.edit_history(library, pid) == []


def test_undo_puts_old_values_back(library, make_photo) -> None:
    pid = make_photo(library, caption="First", credit="EPA")
    outcome = editing.edit_photo(
        library, pid, {"caption": "Second", "credit": None}, add_tags=[("person", "Koichi Wakata")]
    )
    editing.undo(library, outcome)
    photo = browse.photo_summaries(library, [pid])[0]
    assert (photo.caption, photo.credit, photo.tags) == ("First", "EPA", ())


def test_tags_add_remove_and_kinds(library, make_photo) -> None:
    pid = make_photo(library, keywords=["space"])
    editing.edit_photo(
        library, pid, add_tags=[("person", "Rick Mastracchio"), ("place", "Baikonur")]
    )
    detail = browse.photo_detail(library, pid)
    assert {(t.kind, t.name) for t in detail.tags} == {
        ("keyword", "space"),
        ("person", "Rick Mastracchio"),
        ("place", "Baikonur"),
    }
    editing.edit_photo(library, pid, remove_tags=[("keyword", "space")])
    assert set(browse.photo_summaries(library, [pid])[0].tags) == {"Rick Mastracchio", "Baikonur"}
    assert ("person", "Rick Mastracchio", 1) in browse.known_tags(library, "person")


def test_batch_set_credit_on_three_photos(library, make_photo) -> None:
    ids = [make_photo(library, caption=f"c{i}") for i in range(3)]
    outcome = editing.batch_set(library, ids, {"credit": "AFP"})
    assert len(outcome.fields) == 3
    assert [p.credit for p in browse.photo_summaries(library, ids)] == ["AFP"] * 3
    assert browse.known_credits(library)[0] == "AFP"


def test_stale_write_is_refused(library, make_photo) -> None:
    pid = make_photo(library, caption="Original")
    version = browse.photo_summaries(library, [pid])[0].version
    editing.edit_photo(library, pid, {"caption": "Theirs"}, expected_version=version)
    with pytest.raises(ConflictError, match="changed by someone else"):
        editing.edit_photo(library, pid, {"caption": "Mine"}, expected_version=version)
    assert browse.photo_summaries(library, [pid])[0].caption == "Theirs"


def test_find_and_replace_preview_then_apply(library, make_photo) -> None:
    a = make_photo(library, caption="Soyuz blasts off from Baikonur.")
    b = make_photo(library, caption="Crew waves at Baikonur cosmodrome.")
    c = make_photo(library, caption="Nothing to change.")
    preview = editing.preview_replace(
        library, [a, b, c], r"Baikonur( cosmodrome)?", "the Baikonur Cosmodrome", regex=True
    )
    assert [(r.photo_id, r.new) for r in preview] == [
        (a, "Soyuz blasts off from the Baikonur Cosmodrome."),
        (b, "Crew waves at the Baikonur Cosmodrome."),
    ]
    assert browse.photo_summaries(library, [a])[0].caption == "Soyuz blasts off from Baikonur."
    editing.apply_replace(library, preview)
    assert (
        browse.photo_summaries(library, [b])[0].caption == "Crew waves at the Baikonur Cosmodrome."
    )


def test_unknown_field_is_refused(library, make_photo) -> None:
    pid = make_photo(library)
    with pytest.raises(ValueError, match="not an editable field"):
        editing.apply_edits(library, [FieldChange(pid, "path", "/etc/passwd")])


def test_galleries_keep_their_order(library, make_photo) -> None:
    ids = [make_photo(library, caption=f"c{i}") for i in range(4)]
    gid = editing.create_gallery(library, "Soyuz launch", [ids[2], ids[0], ids[3]])
    assert browse.photo_ids(library, gallery_id=gid) == [ids[2], ids[0], ids[3]]
    editing.reorder_gallery(library, gid, [ids[3], ids[2]])
    assert browse.photo_ids(library, gallery_id=gid) == [ids[3], ids[2]]
    assert [(g.name, g.photo_count) for g in browse.list_galleries(library)] == [
        ("Soyuz launch", 2)
    ]


def test_batch_edit_refused_whole_if_one_photo_moved_on(library, make_photo) -> None:
    ids = [make_photo(library, caption=f"c{i}") for i in range(3)]
    versions = {p.id: p.version for p in browse.photo_summaries(library, ids)}
    editing.edit_photo(library, ids[1], {"credit": "EPA"})  # a colleague, meanwhile
    with pytest.raises(ConflictError):
        editing.batch_set(library, ids, {"credit": "AFP"}, expected_versions=versions)
    assert [p.credit for p in browse.photo_summaries(library, ids)] == [None, "EPA", None]


def test_sidebar_counts(library, make_photo) -> None:
    make_photo(library, caption="has caption", credit="AFP")
    make_photo(library, caption=None, credit=None)
    make_photo(library, caption="no credit")
    assert browse.count_missing(library, "caption") == 1
    assert browse.count_missing(library, "credit") == 2
    assert browse.count_unmatched_captions(library) == 0
