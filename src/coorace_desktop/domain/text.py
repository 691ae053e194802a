"""Text keys for accent- and case-insensitive search and duplicate detection."""

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# C0 control characters but tab, line feed and carriage return (NUL, ESC...): invisible, and
# illegal in XML, so in an .xlsx cell; the set openpyxl's ILLEGAL_CHARACTERS_RE refuses.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Letters Unicode does not decompose into a base letter plus accent ("Cœur" must match "coeur").
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})


class _FoldedCharacters(dict):
    """For str.translate: each character case-folded, ligatures spelt out, without the accents
    (combining marks) of its NFKD decomposition; worked out the first time it is met. Each of
    these acts on one character at a time, so translating a text gives what they give on the
    whole text (tests/domain/test_text.py), without a Python step per character."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code).casefold().translate(_LIGATURES))
        self[code] = folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        return folded


_FOLDED = _FoldedCharacters()


def fold(text: str | None) -> str:
    """Lower case without accents, punctuation folded to single spaces: 'Hérisson-Bellor' -> 'herisson bellor'."""
    if not text:
        return ""
    if text.isascii():
        # Same result without the translation: bulk imports fold ~50,000 strings.
        return _NON_ALNUM.sub(" ", text.lower()).strip()
    return _NON_ALNUM.sub(" ", text.translate(_FOLDED)).strip()


def search_key(*parts: str | None) -> str:
    """One folded string holding every part, for LIKE '%term%' searches in SQL."""
    return " | ".join(fold(part) for part in parts if part)


def action_search_key(group_label: str | None, notes: str | None) -> str:
    """What the support actions' search box and word index match."""
    return search_key(group_label, notes)


def event_search_key(
    title: str | None, place: str | None, organiser_name: str | None, description: str | None, highlight_title: str | None
) -> str:
    """What the events search box matches (it begins with the title, so it also sorts titles)."""
    return search_key(title, place, organiser_name, description, highlight_title)


def organisation_search_key(
    name: str, cities: list[str], emails: list[str], contact_names: list[str]
) -> str:
    """What the members search box matches: name, cities, e-mails and contact names."""
    return search_key(name, *cities, *emails, *contact_names)


_UNSAFE_IN_FILE_NAMES = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')
# Names Windows keeps for devices, with any extension ("CON.pdf" cannot be created there).
_WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}


def file_name(text: str, fallback: str, limit: int = 100) -> str:
    """A file name (without extension) any system accepts, from user text: 'ADEL : Aveyron' ->
    'ADEL _ Aveyron'; characters Windows refuses replaced, at most `limit` characters, never
    empty (`fallback`) nor a Windows device name."""
    name = " ".join(_UNSAFE_IN_FILE_NAMES.sub("_", text).split())[:limit].rstrip(" .")
    if not name:
        return fallback
    return f"_{name}" if name.split(".")[0].lower() in _WINDOWS_DEVICES else name
