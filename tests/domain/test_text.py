"""fold()'s fast path for ASCII text gives what the full Unicode path gives."""

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from coorace_desktop.domain.text import fold


def unicode_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]+", " ", bare).strip()


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_fast_path_matches_the_unicode_path(text):
    assert fold(text) == unicode_fold(text)


def test_ascii_and_accented_spellings_meet():
    assert fold("contact@AJE.fr") == "contact aje fr"
    assert fold("Mazères") == fold("MAZERES") == "mazeres"
