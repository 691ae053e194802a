"""Word search through SQLite's FTS5 index of support actions (migration 0004_action_words)."""

from sqlalchemy import Select, literal_column, select, text

from coorace_desktop.domain.text import fold

WORD_INDEXES = ("support_actions_fts",)


def action_ids_with_words(typed: str) -> Select | None:
    """Ids of the actions whose search key holds a word starting with each typed word, or None
    when nothing is typed. Folded words hold only [0-9a-z], so they cannot be FTS syntax."""
    words = fold(typed).split()
    # A lone letter ("plan d'actions") narrows nothing and, as a prefix, matches half the index.
    words = [word for word in words if len(word) > 1] or words
    if not words:
        return None
    phrase = " ".join(f'"{word}"*' for word in words)
    return (
        select(literal_column("rowid"))
        .select_from(text("support_actions_fts"))
        .where(text("support_actions_fts MATCH :phrase").bindparams(phrase=phrase))
    )
