"""fold()'s fast paths (ASCII text; other text translated character by character) give what
the Unicode path over the whole text gives."""

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from coorace_desktop.domain.text import _LIGATURES, fold


def unicode_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]+", " ", bare).strip()


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_fast_path_matches_the_unicode_path(text):
    assert fold(text) == unicode_fold(text)


@given(st.text())
def test_the_translation_character_by_character_matches_the_unicode_path_over_the_whole_text(text):
    assert fold(text) == unicode_fold(text)


def test_every_character_of_the_basic_plane_folds_as_on_the_whole_text():
    # Composed with a letter on each side: a combining mark, a ligature or a decomposition of
    # one character must fold as it does within a word.
    for code in range(0x80, 0x10000):
        if not 0xD800 <= code < 0xE000:
            text = f"a{chr(code)}É{chr(code)}z"
            assert fold(text) == unicode_fold(text), hex(code)


def test_ascii_and_accented_spellings_meet():
    assert fold("contact@AJE.fr") == "contact aje fr"
    assert fold("Mazères") == fold("MAZERES") == "mazeres"
    assert fold("Œuvre d'Entraide Cévenole") == "oeuvre d entraide cevenole"
    assert fold("Hérisson-Bellor n° 12") == "herisson bellor n 12"
