"""The umlaut spellings merge as the regular expression they replace did, on any text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from kosi_checkin.domain.folding import fold, merge_umlauts


@given(st.text(alphabet="aoueäAEx -", max_size=40))
def test_merging_is_the_regular_expression_it_replaces(text: str) -> None:
    assert merge_umlauts(text) == re.sub(r"([aou])e", r"\1", text)


def test_the_spellings_of_a_name_fold_alike() -> None:
    assert fold("Müller") == fold("Mueller") == fold("Muller") == "muller"
    assert fold("Schaeffer-Oelke") == fold("Schäffer-Ölke") == "schaffer-olke"
    assert merge_umlauts("aee uee") == "ae ue"  # not merged twice
