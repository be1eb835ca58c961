"""Generated registration lists (tests/importers/list_grammar.py) with known truth: the import
must recover every guest with title, sessions and category, and import nobody else."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from list_grammar import compare, generate

from kosi_checkin.services.importing import dry_run, preview_import

LISTS = 500
BATCHES = 10


def _check(seed: int, folder: Path) -> None:
    generated = generate(seed, folder)
    event = generated.event
    report = dry_run(preview_import(generated.path, event), event)  # type: ignore[arg-type]
    score = compare(generated, report.extraction.people)
    perfect = {"guests": score["guests"], "found": score["guests"], "titles": score["guests"],
               "sessions": score["guests"], "categories": score["guests"], "strays": 0}
    assert score == perfect, (seed, generated.shape, [c.as_json() for c in report.preview.columns],
                              [p.as_json() for p in report.extraction.problems][:5])


@pytest.mark.parametrize("batch", range(BATCHES))
def test_generated_lists_are_recovered(tmp_path: Path, batch: int) -> None:
    for seed in range(batch * LISTS // BATCHES, (batch + 1) * LISTS // BATCHES):
        _check(seed, tmp_path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=10_000, max_value=2**31))
def test_a_search_over_the_grammar(tmp_path: Path, seed: int) -> None:
    _check(seed, tmp_path)
