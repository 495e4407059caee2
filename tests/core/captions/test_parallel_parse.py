"""Records built in worker processes equal the in-process parse: same records, order, lines, warnings."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from desktop.core.captions import credits, iter_parse_file, parallel
from desktop.core.captions.credits import split_credit
from desktop.core.records import ParseWarning

TESTS = Path(__file__).resolve().parents[2]
DUMPS = TESTS / "data" / "dumps"


def _write_dump(path: Path, megabytes: float, seed: int) -> None:
    spec = importlib.util.spec_from_file_location("gen_dump", TESTS / "benchmarks" / "gen_dump.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write_dump(path, megabytes, seed)


def _parse(path: Path, workers: int, chunk_size: int) -> tuple[list, list[ParseWarning]]:
    warnings: list[ParseWarning] = []
    records = list(iter_parse_file(path, warnings=warnings, workers=workers, chunk_size=chunk_size))
    return records, warnings


@pytest.fixture
def pool_from_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wait for the worker pool instead of reading on while it starts, so that workers read
    every chunk of a small test file, not the parent alone."""

    def executor(self: parallel._PoolStarter):  # type: ignore[no-untyped-def]
        self.started.wait()
        return self._pool

    monkeypatch.setattr(parallel._PoolStarter, "executor", executor)


@pytest.mark.parametrize("chunk_size", [4096, 64 * 1024])
def test_workers_give_the_in_process_records(
    tmp_path: Path, chunk_size: int, pool_from_the_start: None
) -> None:
    path = tmp_path / "dump.txt"
    # Small chunks put chunk ends inside multi-line Gutenberg blocks and unclosed captions,
    # so the parent's own re-reading of carried-over markup is exercised too.
    _write_dump(path, 0.4, seed=11)
    in_process = _parse(path, 0, chunk_size)
    assert len(in_process[0]) > 300
    assert _parse(path, 2, chunk_size) == in_process


@pytest.mark.parametrize(
    "name", ["every-form.txt", "every-form.utf16.txt", "every-form.mojibake.txt"]
)
def test_workers_on_the_every_form_dump(name: str, pool_from_the_start: None) -> None:
    path = DUMPS / name
    assert _parse(path, 2, 256) == _parse(path, 0, 256)


def test_the_parent_reads_on_while_the_pool_starts(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    _write_dump(path, 0.4, seed=5)
    # Without waiting for the pool the first chunks are read here, the rest by workers once
    # they are up: the switch-over must not change a record or a warning.
    assert _parse(path, 2, 4096) == _parse(path, 0, 4096)


def test_stopping_early_leaves_no_pool_waiting(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    _write_dump(path, 0.2, seed=3)
    records = iter_parse_file(path, workers=2, chunk_size=4096)
    first = next(records)
    records.close()
    assert first.line >= 1


@pytest.mark.parametrize(
    "caption",
    [
        "The crew waves. The Canadian Press",
        "Fans in Sochi. Joe Raedle/Getty Images.",
        "Skater jumps. Photo by Kirill Kudryavtsev/AFP via Getty Images",
        "He spoke for REUTERS/Jane Doe",
        "Mayor Jane Doe for Reuters",
        "Blast off. ŘEUTERS/Jane Doe",
        "Blast off. REUTERS’s Jane Doe",
        "Crew waves in the U.S. Photo: J. R. Smith",
        "Crew waves! Jane Doe. Photo by Kirill Kudryavtsev/AFP via Getty Images",
        "He spoke. Photo: A. Smith and Jr. Doe/AFP",
        "Fans in Sochi! CopyrightA. Smith/REUTERS",
        "Fans in Sochi? The Canadian Press",
        "The crew waves in the park at night",
        "Fans in Sochi. Photo: jane doe",
        "Fans in Sochi. REUTERS/Jane van",
        "Fans in Sochi. reuters",
        "Fans in Sochi. Jane Doe/getty images.",
        "Fans in Sochi —REUTERS/Jane Doe and",
        "Fans in Sochi. © 2013",
    ],
)
def test_credit_gate_agrees_with_the_grammar_alone(
    caption: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    gated = split_credit(caption)
    grammar = credits.load_grammar()
    # Without the quick tests and shortcuts (sentence ends, anchor words) the grammar tries
    # every pattern at every place, as it used to.
    plain_grammar = credits.CreditGrammar(
        grammar.patterns, grammar.label_re, grammar.word_like, grammar.cue_words
    )
    monkeypatch.setattr(credits, "load_grammar", lambda path=None: plain_grammar)
    assert gated == split_credit(caption)
