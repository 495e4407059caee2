"""Full-text search at 1,000,000 captions on SQLite and on PostgreSQL.

Fills a library through the real schema (migrations), with the same folded search documents the
store writes, then times the store's own query path (desktop.store.photos.photo_ids) for several
queries. Run: python tests/benchmarks/bench_search.py [--rows N] [--skip-postgres]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.core.search_query import search_text
from desktop.services.library import open_library
from desktop.store.photos import photo_ids

WORDS = (
    "soyuz rocket launch crew space station cosmodrome olympic torch flame relay astronaut "
    "cosmonaut capsule spacecraft mission commander engineer press conference hotel docking "
    "module freighter arm segment experiment return earth games winter sochi athletes heights "
    "minister president protest rally parliament election vote campaign flood storm fire rescue "
    "market trade bank stocks football final goal striker coach stadium fans celebrate victory"
).split()
PLACES = (
    "Baikonur Moscow Kazakhstan Sochi Athens Houston Tokyo Paris Berlin Nairobi Lima Zürich".split()
)
CREDITS = [
    "REUTERS",
    "REUTERS/Shamil Zhumatov",
    "AP Photo/Evan Vucci",
    "AFP",
    "EPA/SERGEI ILNITSKY",
    "Getty Images",
    "NASA/Bill Ingalls",
]
RARE = "Mastracchio"  # in 1 caption of every 10,000

QUERIES = [
    ("rare word", RARE.lower()),
    ("two words", "torch baikonur"),
    ("phrase", '"olympic torch"'),
    ("credit prefix + word", "credit:zhumatov sochi"),
    ("byline prefix", "byline:vucci"),
    ("prefix while typing", "mastrac"),
    ("common word (10% of rows)", "rescue"),
]


def caption(rng: random.Random, i: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(12, 30))
    words.insert(rng.randrange(len(words)), rng.choice(PLACES))
    if i % 10_000 == 0:
        words.insert(3, RARE)
    return " ".join(words).capitalize() + "."


def rows(n: int, seed: int = 1):
    rng = random.Random(seed)
    now = datetime.now(UTC).isoformat(" ")
    for i in range(1, n + 1):
        text = caption(rng, i)
        credit_id = rng.randrange(len(CREDITS)) + 1
        byline = CREDITS[credit_id - 1].partition("/")[2] or None
        yield i, text, credit_id, byline, now


def fill_sqlite(path: Path, n: int) -> float:
    open_library(str(path)).close()
    import sqlite3

    con = sqlite3.connect(path)
    start = time.perf_counter()
    con.execute("BEGIN")
    con.executemany("INSERT INTO credits(id, name) VALUES (?, ?)", list(enumerate(CREDITS, 1)))
    batch_p, batch_s = [], []
    for i, text, credit_id, byline, now in rows(n):
        batch_p.append(
            (
                i,
                f"/photos/{i}.jpg",
                f"{i}.jpg",
                f"{i:064x}",
                0,
                1,
                now,
                text,
                credit_id,
                byline,
                "{}",
                1,
            )
        )
        batch_s.append(
            (i, search_text(text), search_text(CREDITS[credit_id - 1]), search_text(byline))
        )
        if len(batch_p) == 50_000:
            _flush_sqlite(con, batch_p, batch_s)
    _flush_sqlite(con, batch_p, batch_s)
    con.execute("COMMIT")
    con.close()
    return time.perf_counter() - start


def _flush_sqlite(con, batch_p, batch_s) -> None:
    con.executemany(
        "INSERT INTO photos(id, path, file_name, content_hash, file_size, orientation, imported_at, caption, credit_id, byline, field_origins, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        batch_p,
    )
    con.executemany(
        "INSERT INTO photo_search(rowid, caption, headline, credit, byline, tag) VALUES (?, ?, '', ?, ?, '')",
        batch_s,
    )
    batch_p.clear()
    batch_s.clear()


def fill_postgres(url: str, n: int) -> float:
    open_library(url).close()
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(url)
    conninfo = f"host={u.host} port={u.port} user={u.username} dbname={u.database}"
    start = time.perf_counter()
    with psycopg.connect(conninfo) as con, con.cursor() as cur:
        cur.executemany(
            "INSERT INTO credits(id, name) VALUES (%s, %s)", list(enumerate(CREDITS, 1))
        )
        with cur.copy(
            "COPY photos(id, path, file_name, content_hash, file_size, orientation, imported_at, caption, credit_id, byline, field_origins, version) FROM STDIN"
        ) as cp:
            for i, text, credit_id, byline, now in rows(n):
                cp.write_row(
                    (
                        i,
                        f"/photos/{i}.jpg",
                        f"{i}.jpg",
                        f"{i:064x}",
                        0,
                        1,
                        now,
                        text,
                        credit_id,
                        byline,
                        "{}",
                        1,
                    )
                )
        cur.execute("CREATE TEMP TABLE docs(id int, caption text, credit text, byline text)")
        with cur.copy("COPY docs FROM STDIN") as cp:
            for i, text, credit_id, byline, _ in rows(n):
                cp.write_row(
                    (i, search_text(text), search_text(CREDITS[credit_id - 1]), search_text(byline))
                )
        cur.execute(
            "INSERT INTO photo_search(photo_id, caption, headline, credit, byline, tag, doc) SELECT id, "
            "to_tsvector('simple', caption), ''::tsvector, to_tsvector('simple', credit), to_tsvector('simple', byline), "
            "''::tsvector, to_tsvector('simple', caption || ' ' || credit || ' ' || byline) FROM docs"
        )
        cur.execute("ANALYZE")
    return time.perf_counter() - start


def time_queries(location: str, label: str) -> None:
    lib = open_library(location)
    with lib.store.session() as s:
        for name, query in QUERIES:
            photo_ids(s, query)  # warm the cache once, as a desk's server would be
            times = []
            for _ in range(5):
                t0 = time.perf_counter()
                found = photo_ids(s, query)
                times.append(time.perf_counter() - t0)
            times.sort()
            print(
                f"  {label:10} {name:28} {len(found):>8} hits  median {times[2] * 1000:8.1f} ms  best {times[0] * 1000:8.1f} ms"
            )
    lib.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        secs = fill_sqlite(path, args.rows)
        print(
            f"SQLite: filled {args.rows:,} captions in {secs:.1f} s ({args.rows / secs:,.0f} rows/s); file {path.stat().st_size / 1e6:.0f} MB"
        )
        time_queries(str(path), "SQLite")
    if args.skip_postgres:
        return
    from pg_server import start_postgres

    server = start_postgres()
    try:
        url = server.create_database("bench")
        secs = fill_postgres(url, args.rows)
        print(
            f"PostgreSQL: filled {args.rows:,} captions in {secs:.1f} s ({args.rows / secs:,.0f} rows/s)"
        )
        time_queries(url, "PostgreSQL")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
