"""One handler per command: read arguments, call a service, print the result."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from desktop.cli.output import (
    ProgressPrinter,
    UserError,
    emit_json,
    printable,
    report_rejected,
    say,
)
from desktop.core.library_records import TAG_KINDS
from desktop.core.progress import CancelToken, Outcome
from desktop.services import browse, editing
from desktop.services.library import Library, open_library
from desktop.services.tasks import run

Handler = Callable[[argparse.Namespace, CancelToken], int]


def _open(args: argparse.Namespace) -> Library:
    return open_library(args.library)


def _status(outcome: Outcome) -> int:
    return 3 if outcome.rejected else 0


def cmd_parse(args: argparse.Namespace, _token: CancelToken) -> int:
    from desktop.core.captions import parse_file

    status = 0
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            say(f"rejected: {name}: no such file")
            status = 3
            continue
        result = parse_file(path)
        for warning in result.warnings:
            say(f"warning: {path}:{warning.line}: {warning.message}")
        for record in result.records:
            if args.json:
                emit_json(record.to_json())
            else:
                credit = f"  [{record.credit}]" if record.credit else ""
                print(
                    f"{printable(record.source)}:{record.line} {record.markup}: {printable(record.text)}{printable(credit)}"
                )
    return status


def cmd_import_dump(args: argparse.Namespace, token: CancelToken) -> int:
    from desktop.services.import_dump import import_dump

    rejected = 0
    with _open(args) as lib:
        for name in args.files:
            progress = ProgressPrinter(quiet=False)
            outcome = run(
                import_dump(lib, Path(name), dry_run=args.dry_run, cancel=token), progress
            )
            progress.close()
            report_rejected(outcome.rejected)
            report_rejected(outcome.warnings, warning=True)
            rejected += len(outcome.rejected)
            summary = {
                "file": name,
                "dry_run": args.dry_run,
                **outcome.counts,
                "rejected": [r.describe() for r in outcome.rejected],
            }
            if args.json:
                emit_json(summary)
            else:
                verb = "would add" if args.dry_run else "added"
                say(
                    f"{name}: {outcome.counts.get('parsed', 0)} captions parsed, {verb} "
                    f"{outcome.counts.get('added', 0)}, {outcome.counts.get('already_known', 0)} already known, "
                    f"{outcome.counts.get('matched', 0)} matched to photos"
                )
    return 3 if rejected else 0


def cmd_import_images(args: argparse.Namespace, token: CancelToken) -> int:
    from desktop.services.import_images import import_images

    with _open(args) as lib:
        progress = ProgressPrinter()
        outcome = run(
            import_images(lib, args.paths, recursive=not args.no_recursive, cancel=token), progress
        )
        progress.close()
    report_rejected(outcome.rejected)
    report_rejected(outcome.warnings, warning=True)
    if args.json:
        emit_json(
            {
                **outcome.counts,
                "rejected": [{"path": r.path, "reason": r.reason} for r in outcome.rejected],
                "warnings": [{"path": r.path, "reason": r.reason} for r in outcome.warnings],
            }
        )
    else:
        c = outcome.counts
        say(
            f"{c.get('added', 0)} photos added, {c.get('unchanged', 0) + c.get('duplicates', 0)} already in the library, "
            f"{c.get('moved', 0)} moved, {len(outcome.rejected)} rejected, {c.get('matched', 0)} captions matched"
        )
    return _status(outcome)


def cmd_list(args: argparse.Namespace, _token: CancelToken) -> int:
    with _open(args) as lib:
        ids = browse.photo_ids(lib, args.query, sort=args.sort)
        for start in range(0, len(ids), 500):
            for photo in browse.photo_summaries(lib, ids[start : start + 500]):
                if args.json:
                    emit_json(photo.to_json())
                else:
                    credit = f"  [{photo.credit}]" if photo.credit else ""
                    print(
                        f"{photo.id}\t{printable(photo.path)}\t{printable(photo.caption)[:80]}{printable(credit)}"
                    )
    return 0


def cmd_captions(args: argparse.Namespace, _token: CancelToken) -> int:
    with _open(args) as lib:
        for cap in browse.list_captions(lib, unmatched=args.unmatched):
            if args.json:
                emit_json(cap.to_json())
            else:
                where = f"{cap.source}:{cap.line}" if cap.line else cap.source or cap.origin
                photo = f"photo {cap.photo_id}" if cap.photo_id else "unmatched"
                print(f"{cap.id}\t{photo}\t{printable(where)}\t{printable(cap.text)[:80]}")
    return 0


def _tag(spec: str) -> tuple[str, str]:
    kind, sep, name = spec.partition(":")
    if sep and kind.lower() in TAG_KINDS and name.strip():
        return kind.lower(), name.strip()
    if not spec.strip():
        raise UserError("an empty tag")
    return "keyword", spec.strip()


def cmd_edit(args: argparse.Namespace, _token: CancelToken) -> int:
    values = {
        name: getattr(args, name)
        for name in ("caption", "headline", "credit", "byline", "copyright", "city", "country")
        if getattr(args, name) is not None
    }
    add = [_tag(t) for t in args.add_tag]
    remove = [_tag(t) for t in args.remove_tag]
    if not values and not add and not remove:
        raise UserError(
            "nothing to change: give --caption, --credit, --byline, --add-tag or --remove-tag"
        )
    with _open(args) as lib:
        outcome = editing.edit_photo(
            lib,
            args.photo_id,
            values,
            add_tags=add,
            remove_tags=remove,
            expected_version=args.expect_version,
        )
        photo = browse.photo_summaries(lib, [args.photo_id])[0]
    changed = [{"field": c.field, "old": c.old, "new": c.new} for c in outcome.fields]
    changed += [
        {"field": "tags", "add" if t.add else "remove": f"{t.kind}:{t.name}"} for t in outcome.tags
    ]
    if args.json:
        emit_json(
            {
                "photo": photo.to_json(),
                "changes": changed,
                "version": outcome.versions.get(args.photo_id, photo.version),
            }
        )
    else:
        say(
            f"photo {args.photo_id}: {len(changed)} change(s)"
            if changed
            else f"photo {args.photo_id}: nothing changed"
        )
    return 0


def cmd_history(args: argparse.Namespace, _token: CancelToken) -> int:
    with _open(args) as lib:
        for e in browse.edit_history(lib, args.photo_id):
            if args.json:
                emit_json(
                    {
                        "at": e.at.isoformat(),
                        "user": e.user,
                        "field": e.field,
                        "old": e.old_value,
                        "new": e.new_value,
                        "operation": e.operation,
                    }
                )
            else:
                print(
                    f"{e.at:%Y-%m-%d %H:%M:%S}\t{e.user}\t{e.field}\t{e.old_value!r} -> {e.new_value!r}"
                )
    return 0


def cmd_backup(args: argparse.Namespace, _token: CancelToken) -> int:
    from desktop.services.backup import backup

    with _open(args) as lib:
        dest = backup(lib, Path(args.file))
    say(f"library backed up to {dest}")
    return 0


def cmd_restore(args: argparse.Namespace, _token: CancelToken) -> int:
    from desktop.services.backup import restore

    kept = restore(args.library, Path(args.file))
    say(f"library restored from {args.file}; the previous one is kept at {kept}")
    return 0


def cmd_export(args: argparse.Namespace, token: CancelToken) -> int:
    from desktop.services.export import ExportRequest, export_gallery

    request = ExportRequest(
        out_dir=Path(args.out_dir),
        query=args.query,
        gallery=args.gallery,
        size=args.size,
        thumb_size=args.thumb_size,
        quality=args.quality,
        keep_gps=args.keep_gps,
        overwrite=args.overwrite,
        house_style=args.style,
        title=args.title,
    )
    with _open(args) as lib:
        progress = ProgressPrinter()
        outcome = run(export_gallery(lib, request, cancel=token), progress)
        progress.close()
    report_rejected(outcome.rejected)
    if args.json:
        emit_json(
            {
                "out_dir": str(Path(args.out_dir).resolve()),
                **outcome.counts,
                "rejected": [{"path": r.path, "reason": r.reason} for r in outcome.rejected],
            }
        )
    else:
        say(
            f"exported {outcome.counts.get('exported', 0)} photos to {Path(args.out_dir).resolve()}"
        )
    return _status(outcome)


HANDLERS: dict[str, Handler] = {
    "parse": cmd_parse,
    "import-dump": cmd_import_dump,
    "import-images": cmd_import_images,
    "list": cmd_list,
    "captions": cmd_captions,
    "edit": cmd_edit,
    "history": cmd_history,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "export": cmd_export,
}
