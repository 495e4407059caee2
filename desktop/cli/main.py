"""`caption-desk`: the parser, the dispatch, and the one place errors become exit codes.

Exit status (shared/spec/cli.md): 0 success; 1 failure, nothing changed; 2 usage error; 3 done,
but some inputs were rejected (named on stderr and in --json output).
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
from collections.abc import Sequence

from desktop import __version__
from desktop.cli import commands
from desktop.cli.output import UserError, say
from desktop.core.progress import Cancelled, CancelToken
from desktop.services.library import ENV_LIBRARY, LibraryError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_REJECTED = 0, 1, 2, 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caption-desk",
        description="Caption Desk: clean captions, credits and tags for press photos.",
        epilog=f"The library is a SQLite file or a PostgreSQL URL; default: ${ENV_LIBRARY}, else "
        "library.sqlite in your user data folder. With no command, the desktop app opens.",
    )
    parser.add_argument("--version", action="version", version=f"caption-desk {__version__}")
    parser.add_argument(
        "--library",
        metavar="PATH_OR_URL",
        default=os.environ.get(ENV_LIBRARY),
        help="the library: a SQLite file path or postgresql+psycopg://user@host/db URL",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation works (temporary library, sample import and export) and exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_text: str, json_flag: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        if json_flag:
            p.add_argument(
                "--json",
                action="store_true",
                help="machine-readable output on stdout (JSON Lines for listings)",
            )
        return p

    p = add("gui", "open the desktop app on the library", json_flag=False)
    p.add_argument(
        "--screenshot",
        metavar="FILE",
        help="render the main window (1400x900) to a PNG once the first thumbnails have loaded, then exit",
    )

    p = add(
        "parse",
        "parse caption markup in dump files and print the caption records (touches no library)",
    )
    p.add_argument("files", nargs="+", metavar="FILE")

    p = add(
        "import-dump",
        "import the captions of dump files into the library, matched to photos where possible",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="show what would change, change nothing")

    p = add("import-images", "import image files and folders with their embedded metadata")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--no-recursive", action="store_true", help="do not descend into sub-folders")

    p = add(
        "list",
        'list photos matching a full-text query (words, "phrases", credit: tag: byline: caption: headline:)',
    )
    p.add_argument("query", nargs="?", metavar="QUERY")
    p.add_argument("--sort", choices=["id", "taken", "taken-asc", "imported", "name"], default="id")

    p = add("captions", "list caption records")
    p.add_argument("--unmatched", action="store_true", help="only captions not matched to a photo")

    p = add(
        "edit", "edit one photo's caption, credit, byline and tags (recorded in the edit history)"
    )
    p.add_argument("photo_id", type=int, metavar="PHOTO_ID")
    for name in ("caption", "headline", "credit", "byline", "copyright", "city", "country"):
        p.add_argument(f"--{name}", metavar="T")
    p.add_argument(
        "--add-tag",
        action="append",
        default=[],
        metavar="T",
        help="a tag; KIND:NAME for a person/place/organisation/event tag",
    )
    p.add_argument("--remove-tag", action="append", default=[], metavar="T")
    p.add_argument(
        "--expect-version",
        type=int,
        metavar="N",
        help="refuse the edit if the photo is no longer at version N",
    )

    p = add("history", "show a photo's edit history")
    p.add_argument("photo_id", type=int, metavar="PHOTO_ID")

    p = add("backup", "copy the library to FILE while it is in use", json_flag=False)
    p.add_argument("file", metavar="FILE")
    p = add(
        "restore",
        "replace the library with a backup (the current one is kept aside first)",
        json_flag=False,
    )
    p.add_argument("file", metavar="FILE")

    p = add("export", "export the photos matching QUERY (default: all) as a gallery folder")
    p.add_argument("out_dir", metavar="OUT_DIR")
    p.add_argument("query", nargs="?", metavar="QUERY")
    p.add_argument(
        "--size",
        type=int,
        default=1600,
        metavar="PX",
        help="long edge of the images (default 1600)",
    )
    p.add_argument(
        "--thumb-size",
        type=int,
        default=400,
        metavar="PX",
        help="long edge of the thumbnails (default 400)",
    )
    p.add_argument(
        "--quality", type=int, default=85, metavar="Q", help="JPEG quality 1-95 (default 85)"
    )
    p.add_argument(
        "--keep-gps", action="store_true", help="keep GPS and location data (stripped by default)"
    )
    p.add_argument(
        "--overwrite", action="store_true", help="replace OUT_DIR if it exists and is not empty"
    )
    p.add_argument(
        "--style",
        metavar="FORMAT",
        help="house style of the caption line, default '{caption} (Photo: {credit})'",
    )
    p.add_argument(
        "--gallery", metavar="NAME", help="export this gallery (collection), in its order"
    )
    p.add_argument("--title", default="Gallery", help="the page title")
    return parser


def _install_cancel(token: CancelToken) -> None:
    def handler(_sig: int, _frame: object) -> None:
        if token.cancelled:  # a second Ctrl+C: give up at once
            raise KeyboardInterrupt
        say("cancelling… (Ctrl+C again to abort)")
        token.cancel()

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from desktop.cli.self_test import run_self_test

        return run_self_test()
    command = args.command or "gui"
    if command == "gui":
        # The CLI never imports Qt itself: the GUI is loaded only when asked for.
        app = importlib.import_module("desktop.ui.app")
        return app.run(library=args.library, screenshot=getattr(args, "screenshot", None))
    token = CancelToken()
    _install_cancel(token)
    handler = commands.HANDLERS[command]
    try:
        return handler(args, token)
    except UserError as exc:
        say(f"caption-desk {command}: {exc}")
        return EXIT_FAILED
    except LibraryError as exc:
        say(f"caption-desk {command}: {exc}")
        return EXIT_FAILED
    except Cancelled:
        say(f"caption-desk {command}: cancelled; nothing was changed")
        return EXIT_FAILED
    except KeyboardInterrupt:
        say(f"caption-desk {command}: interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
