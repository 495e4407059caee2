"""Fuzzing the caption-markup parser with a few thousand hostile inputs: it never raises, never
swallows an internal error, and every record it returns is well formed."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from markup_fuzz import check_parse, documents, random_document


@settings(
    max_examples=2500,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(documents())
def test_parse_bytes_survives_markup_soup(data: bytes) -> None:
    check_parse(data)


def test_parse_bytes_survives_seeded_fragment_documents() -> None:
    rng = random.Random(20240305)
    for _ in range(2000):
        check_parse(random_document(rng))
