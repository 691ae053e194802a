"""The folded search keys stored beside each row, recounted from the row they come from."""

from collections.abc import Callable, Iterator

from sqlmodel import Session, SQLModel, select

from coorace_desktop.domain import Event, Organisation, SupportAction
from coorace_desktop.domain.text import action_search_key, event_search_key
from coorace_desktop.services.members.organisations import current_search_key

# Table label (French, as `check` names it) -> model and the key its writers store.
RECOUNTED: dict[str, tuple[type[SQLModel], Callable[[Session, SQLModel], str]]] = {
    "adhérents": (Organisation, current_search_key),
    "accompagnements": (SupportAction, lambda _session, row: action_search_key(row.group_label, row.notes)),
    "événements": (Event, lambda _session, row: event_search_key(
        row.title, row.place, row.organiser_name, row.description, row.highlight_title)),
}


def stale_keys(session: Session) -> Iterator[tuple[str, SQLModel, str]]:
    """(label, row, fresh key) for every row whose stored search key differs from the recount."""
    for label, (model, recount) in RECOUNTED.items():
        for row in session.exec(select(model).order_by(model.id)).all():
            if (fresh := recount(session, row)) != row.search_key:
                yield label, row, fresh


def key_problems(session: Session) -> list[str]:
    by_label: dict[str, int] = {}
    for label, _row, _fresh in stale_keys(session):
        by_label[label] = by_label.get(label, 0) + 1
    return [f"Clés de recherche périmées : {count} {label} (la recherche ne les trouve pas tous)"
            for label, count in by_label.items()]


def refresh_keys(session: Session) -> dict[str, int]:
    """Store the recounted keys; how many rows of each label changed."""
    changed: dict[str, int] = {}
    for label, row, fresh in list(stale_keys(session)):
        row.search_key = fresh
        session.add(row)
        changed[label] = changed.get(label, 0) + 1
    session.flush()
    return changed
