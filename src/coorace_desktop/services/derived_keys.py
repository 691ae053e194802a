"""The folded search keys stored beside each row, recounted from the row they come from; and the
sort keys, totals and words the database's triggers keep (migrations 0013_sort_keys,
0015_pg_indexes, 0016_pg_words, 0017_event_presences, 0018_action_totals), recounted in SQL."""

from collections.abc import Callable, Iterator

from sqlalchemy import case, delete, func, insert, literal, text, update
from sqlmodel import Session, SQLModel, select

from coorace_desktop.domain import (
    Event,
    Organisation,
    Participation,
    ProjectHolder,
    Registration,
    SupportAction,
    Territory,
)
from coorace_desktop.domain.accompaniment_rules import BeneficiaryKind
from coorace_desktop.domain.enums import AttendanceStatus
from coorace_desktop.domain.text import action_search_key, event_search_key
from coorace_desktop.services.listing import kept_count
from coorace_desktop.services.members.organisations import current_search_key
from coorace_desktop.storage.engine import is_sqlite
from coorace_desktop.storage.word_search import ACTION_BENEFICIARIES, ROW_COUNTS, WORD_TABLES, WORDS_OF_KEYS

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


def beneficiary_key():
    """The support action's beneficiary_key as recounted: its beneficiary's folded name (a group:
    its search key's start)."""
    return func.coalesce(
        *(select(model.name_key).where(model.id == column).scalar_subquery() for model, column in (
            (Organisation, SupportAction.organisation_id),
            (ProjectHolder, SupportAction.project_holder_id),
            (Territory, SupportAction.territory_id),
        )),
        func.substr(SupportAction.search_key, 1, 200),
    )


def participants():
    """The event's participants as recounted: with registrations, the distinct persons present
    (the count is NULL for an event nobody is registered for); else others plus the persons of its
    participations."""
    persons = select(func.sum(Participation.persons)).where(Participation.event_id == Event.id).scalar_subquery()
    present = case((Registration.status == AttendanceStatus.PRESENT, Registration.person_id))
    by_names = (
        select(case((func.count() > 0, func.count(func.distinct(present)))))
        .where(Registration.event_id == Event.id)
        .scalar_subquery()
    )
    return func.coalesce(by_names, Event.other_participants + func.coalesce(persons, 0))


def presences():
    """The event's presences as recounted: its registrations marked present, NULL for an event
    nobody is registered for."""
    present = case((Registration.status == AttendanceStatus.PRESENT, 1))
    return select(case((func.count() > 0, func.count(present)))).where(Registration.event_id == Event.id).scalar_subquery()


# Table label (French, as `check` names it) -> stored column and its recount, both in SQL.
RECOUNTED_SORT_KEYS = {
    "accompagnements (bénéficiaire)": (SupportAction, SupportAction.beneficiary_key, beneficiary_key),
    "événements (participants)": (Event, Event.participants, participants),
    "événements (présences)": (Event, Event.presences, presences),
}
BENEFICIARY_TOTALS = "totaux des accompagnements"
# PostgreSQL only: label -> the model whose number of rows ROW_COUNTS keeps.
COUNTS_KEPT = {"total des événements": Event, "total des accompagnements": SupportAction}
# PostgreSQL only: label -> the table searched, whose words a table of words keeps.
WORDS_KEPT = {"mots des accompagnements": "support_actions", "mots des événements": "events"}


def beneficiary_totals(session: Session) -> dict[tuple[str, int], tuple[int, float, int]]:
    """Per beneficiary (kind, id; a group: 'group', 0), its actions, hours and group people, recounted."""
    kind = case(
        *((column.is_not(None), literal(name)) for column, name in (
            (SupportAction.organisation_id, BeneficiaryKind.ORGANISATION),
            (SupportAction.project_holder_id, BeneficiaryKind.PROJECT_HOLDER),
            (SupportAction.territory_id, BeneficiaryKind.TERRITORY),
        )),
        else_=literal("group"),
    )
    id = func.coalesce(SupportAction.organisation_id, SupportAction.project_holder_id, SupportAction.territory_id, 0)
    rows = session.execute(
        select(kind, id, func.count(), func.sum(SupportAction.hours), func.coalesce(func.sum(SupportAction.group_count), 0))
        .group_by(kind, id)
    ).all()
    return {(kind, id): (actions, float(hours), people) for kind, id, actions, hours, people in rows}


def stored_beneficiary_totals(session: Session) -> dict[tuple[str, int], tuple[int, float, int]]:
    """The same, as the triggers keep them in action_beneficiaries."""
    table = ACTION_BENEFICIARIES
    rows = session.execute(select(table.c.kind, table.c.id, table.c.actions, table.c.hours, table.c.people)).all()
    return {(kind, id): (actions, float(hours), people) for kind, id, actions, hours, people in rows}


def rows_count(session: Session, model: type[SQLModel]) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar_one()


def stale_words(session: Session, table: str) -> int:
    """How many (word, id) rows the table of `table`'s words lacks or holds too many, against a recount."""
    fresh, kept = WORDS_OF_KEYS.format(table=table), f"SELECT word, id FROM {WORD_TABLES[table].name}"
    return session.execute(text(f"SELECT (SELECT count(*) FROM ({fresh} EXCEPT {kept}) AS missing)"
                                f" + (SELECT count(*) FROM ({kept} EXCEPT {fresh}) AS extra)")).scalar_one()


def stale_totals(session: Session) -> dict[str, int]:
    """How many stored sort keys and totals differ from their recount, per label (none: empty)."""
    stale = {}
    for label, (model, stored, recount) in RECOUNTED_SORT_KEYS.items():
        stale[label] = session.execute(select(func.count()).select_from(model).where(stored.is_distinct_from(recount()))).scalar_one()
    fresh, kept = beneficiary_totals(session), stored_beneficiary_totals(session)
    stale[BENEFICIARY_TOTALS] = sum(fresh.get(key) != kept.get(key) for key in fresh.keys() | kept.keys())
    if not is_sqlite(session.get_bind().url):
        stale |= {label: int(kept_count(session, model) != rows_count(session, model)) for label, model in COUNTS_KEPT.items()}
        stale |= {label: stale_words(session, table) for label, table in WORDS_KEPT.items()}
    return {label: count for label, count in stale.items() if count}


def key_problems(session: Session) -> list[str]:
    by_label: dict[str, int] = {}
    for label, _row, _fresh in stale_keys(session):
        by_label[label] = by_label.get(label, 0) + 1
    return [f"Clés de recherche périmées : {count} {label} (la recherche ne les trouve pas tous)"
            for label, count in by_label.items()] + [
        f"Clés de tri et totaux périmés : {count} {label} (les tris et totaux sont faux)"
        for label, count in stale_totals(session).items()]


def refresh_keys(session: Session) -> dict[str, int]:
    """Store the recounted keys and totals; how many rows of each label changed."""
    changed: dict[str, int] = {}
    for label, row, fresh in list(stale_keys(session)):
        row.search_key = fresh
        session.add(row)
        changed[label] = changed.get(label, 0) + 1
    session.flush()
    changed.update(stale := stale_totals(session))
    for label, (model, stored, recount) in RECOUNTED_SORT_KEYS.items():
        if label in stale:
            session.execute(update(model).where(stored.is_distinct_from(recount())).values({stored: recount()}))
    if BENEFICIARY_TOTALS in stale:
        session.execute(delete(ACTION_BENEFICIARIES))
        if fresh := beneficiary_totals(session):
            session.execute(insert(ACTION_BENEFICIARIES), [
                {"kind": kind, "id": id, "actions": actions, "hours": hours, "people": people}
                for (kind, id), (actions, hours, people) in fresh.items()
            ])
    for label, model in COUNTS_KEPT.items():
        if label in stale:
            counts = ROW_COUNTS[model.__tablename__]
            session.execute(update(counts).values({column: rows_count(session, model) for column in counts.c}))
    for label, table in WORDS_KEPT.items():
        if label in stale:
            words = WORD_TABLES[table].name
            session.execute(text(f"DELETE FROM {words}"))
            session.execute(text(f"INSERT INTO {words} (word, id) {WORDS_OF_KEYS.format(table=table)}"))
    return changed
