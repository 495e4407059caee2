"""Caption review: a dump previewed before anything is written, the user's choices imported,
waiting captions attached to photos and the attachment undone."""

from __future__ import annotations

from pathlib import Path

from desktop.services import browse, editing, review
from desktop.services.tasks import run

DUMP = (
    '[caption id="attachment_1" align="alignnone" width="800"]<img src="/up/soyuz-launch-300x200.jpg" /> '
    "The Soyuz rocket blasts off from Baikonur. REUTERS/Shamil Zhumatov[/caption]\n"
    '[caption id="attachment_2" align="alignnone" width="800"]Japanese astronaut Koichi Wakata (L) waves. REUTERS[/caption]\n'
    '[caption id="attachment_3" align="alignnone" width="800"]A third caption nobody wants. AP Photo/Evan Vucci[/caption]\n'
)


def test_preview_writes_nothing_and_proposes_matches(library, make_photo, tmp_path: Path) -> None:
    pid = make_photo(library, name="soyuz-launch.jpg")
    dump = tmp_path / "dump.txt"
    dump.write_text(DUMP, encoding="utf-8")
    preview = run(review.preview_dump(library, dump))
    assert [i.record.attachment_id for i in preview.items] == [1, 2, 3]
    assert preview.items[0].proposed is not None and preview.items[0].proposed.photo_id == pid
    assert preview.items[1].proposed is None
    assert browse.list_captions(library) == []


def test_import_selection_honours_skips_and_manual_matches(
    library, make_photo, tmp_path: Path
) -> None:
    soyuz = make_photo(library, name="soyuz-launch.jpg")
    crew = make_photo(library, name="crew.jpg")
    dump = tmp_path / "dump.txt"
    dump.write_text(DUMP, encoding="utf-8")
    preview = run(review.preview_dump(library, dump))
    outcome = run(review.import_dump_selection(library, preview, {1: crew, 2: "skip"}))
    assert outcome.counts == {"added": 2, "matched": 2, "skipped": 1, "already_known": 0}
    caps = {c.attachment_id: c for c in browse.list_captions(library)}
    assert set(caps) == {1, 2}
    assert caps[1].photo_id == soyuz and caps[2].photo_id == crew
    assert (
        browse.photo_summaries(library, [crew])[0].caption
        == "Japanese astronaut Koichi Wakata (L) waves."
    )
    again = run(review.preview_dump(library, dump))
    assert [i.known for i in again.items] == [True, True, False]


def test_attach_then_undo(library, make_photo, tmp_path: Path) -> None:
    pid = make_photo(library, name="IMG_1.jpg", caption="Embedded caption from the camera")
    dump = tmp_path / "dump.txt"
    dump.write_text(DUMP, encoding="utf-8")
    run(review.import_dump_selection(library, run(review.preview_dump(library, dump)), {}))
    waiting = {c.attachment_id: c for c in browse.list_captions(library, unmatched=True)}
    cap = waiting[3]

    outcome = review.attach_caption(library, cap.id, pid, mode="replace")
    photo = browse.photo_summaries(library, [pid])[0]
    assert photo.caption == "A third caption nobody wants."
    assert photo.credit == "AP Photo/Evan Vucci"
    versions = review.caption_versions(library, pid)
    assert (
        versions.embedded is not None
        and versions.embedded.text == "Embedded caption from the camera"
    )
    assert [d.id for d in versions.dumps] == [cap.id]

    review.detach_caption(library, cap.id)
    editing.undo(library, outcome)
    photo = browse.photo_summaries(library, [pid])[0]
    assert (photo.caption, photo.credit) == ("Embedded caption from the camera", None)
    assert cap.id in {c.id for c in browse.list_captions(library, unmatched=True)}


def test_suggestions_and_accepting_tags(library, make_photo, tmp_path: Path) -> None:
    pid = make_photo(
        library,
        name="wakata.jpg",
        caption="Japanese astronaut Koichi Wakata (L) waves before launch",
    )
    dump = tmp_path / "dump.txt"
    dump.write_text(
        '[caption id="attachment_9" width="10"]Japanese astronaut Koichi Wakata (L) waves before the launch. REUTERS[/caption]\n'.replace(
            "before the launch", "before launch today"
        ),
        encoding="utf-8",
    )
    run(review.import_dump_selection(library, run(review.preview_dump(library, dump)), {0: None}))
    cap = browse.list_captions(library, unmatched=True)[0]
    suggestions = review.suggest_photos(library, cap.id)
    assert suggestions and suggestions[0].photo_id == pid
    review.attach_caption(library, cap.id, pid, mode="keep")
    assert (
        browse.photo_summaries(library, [pid])[0].caption
        == "Japanese astronaut Koichi Wakata (L) waves before launch"
    )
    suggested = browse.suggested_tags(library, pid)
    assert ("person", "Koichi Wakata") in suggested
    review.accept_suggested_tags(library, pid, suggested)
    assert "Koichi Wakata" in browse.photo_summaries(library, [pid])[0].tags
    assert browse.suggested_tags(library, pid) == []


def test_one_photo_is_proposed_for_one_caption_only(library, make_photo, tmp_path: Path) -> None:
    pid = make_photo(library, name="soyuz-launch.jpg")
    dump = tmp_path / "dump.txt"
    dump.write_text(
        '[caption id="attachment_1" width="8"]<img src="/up/soyuz-launch.jpg" /> First. REUTERS[/caption]\n'
        '[caption id="attachment_2" width="8"]<img src="/up/soyuz-launch-300x200.jpg" /> Second. REUTERS[/caption]\n',
        encoding="utf-8",
    )
    preview = run(review.preview_dump(library, dump))
    assert [i.proposed.photo_id if i.proposed else None for i in preview.items] == [pid, None]
    assert pid in [m.photo_id for m in preview.items[1].candidates]


def test_undoing_an_attach_takes_its_suggested_tags_away(
    library, make_photo, tmp_path: Path
) -> None:
    pid = make_photo(library, name="x.jpg")
    dump = tmp_path / "d.txt"
    dump.write_text(
        '[caption id="attachment_4" width="8"]Japanese astronaut Koichi Wakata (L) waves. REUTERS[/caption]\n',
        encoding="utf-8",
    )
    run(review.import_dump_selection(library, run(review.preview_dump(library, dump)), {0: None}))
    cap = browse.list_captions(library, unmatched=True)[0]
    outcome = review.attach_caption(library, cap.id, pid)
    assert ("person", "Koichi Wakata") in browse.suggested_tags(library, pid)
    review.detach_caption(library, cap.id)
    editing.undo(library, outcome)
    assert browse.suggested_tags(library, pid) == []


def test_a_preview_with_everything_skipped_records_no_import(library, tmp_path: Path) -> None:
    dump = tmp_path / "d.txt"
    dump.write_text(DUMP, encoding="utf-8")
    preview = run(review.preview_dump(library, dump))
    run(review.import_dump_selection(library, preview, dict.fromkeys(range(3), "skip")))
    assert browse.recent_batches(library) == []
