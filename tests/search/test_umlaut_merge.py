"""The umlaut spellings merge as the regular expression they replace did, on any text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from kosi_checkin.domain.folding import fold, fold_words, merge_umlauts


@given(st.text(alphabet="aoueäAEx -", max_size=40))
def test_merging_is_the_regular_expression_it_replaces(text: str) -> None:
    assert merge_umlauts(text) == re.sub(r"([aou])e", r"\1", text)


def test_the_spellings_of_a_name_fold_alike() -> None:
    assert fold("Müller") == fold("Mueller") == fold("Muller") == "muller"
    assert fold("Schaeffer-Oelke") == fold("Schäffer-Ölke") == "schaffer-olke"
    assert merge_umlauts("aee uee") == "ae ue"  # not merged twice


@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
                | st.text(alphabet="aoueäöüßÄÖÜ ẞ\u00a0\u0308\u00a8ﬀİσςΣ\tÆøłe-", max_size=12), max_size=6))
def test_folding_the_words_apart_is_folding_them_together(parts: list[str]) -> None:
    assert fold_words(parts) == fold(" ".join(parts))
