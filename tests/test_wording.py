"""One word per idea across what users read (screens, messages, exports, report, guide)."""

import re
from pathlib import Path

import coorace_desktop
from coorace_desktop.resources import resource

SOURCES = Path(coorace_desktop.__file__).parent
# (word not to use, the one used instead)
ONE_WORD = [("ourriel", "E-mail"), ("Dépt.", "Dépt")]


def texts():
    for path in sorted(SOURCES.rglob("*.py")) + sorted(resource("help").glob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            yield path, number, line


def test_one_word_per_idea():
    found = [
        f"{path.name}:{number}: {avoided!r}, say {used!r}"
        for path, number, line in texts()
        for avoided, used in ONE_WORD
        # The import still recognises « Courriel » in a file's header: its synonyms may say it; so
        # does data·inclusion's field `courriel`, read by name.
        if avoided in line and not (path.name == "mapping.py" and "ImportField(" in line)
        and not (path.name == "reading.py" and '"courriel"' in line)
    ]
    assert found == []


def test_counts_agree_instead_of_parenthesised_plurals():
    """« 1 paragraphe(s) » reads as a form left unfinished: counts go through domain.french.plural."""
    pattern = re.compile(r"(?<![\w.])[a-zà-ÿ]+\((?:s|nt)\)")  # a French word, not a call such as key(s)
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for path, number, line in texts()
        if pattern.search(line.replace("len(s)", ""))
    ]
    assert found == []
