"""TZCLD territories and the dated history of their stage (intéressé, projet émergent, habilité)."""

from dataclasses import dataclass
from datetime import date

from babel.dates import format_date
from sqlalchemy import ColumnElement, case, delete, func, insert, select, update
from sqlalchemy.orm import aliased

from coorace_desktop.domain.accompaniment import SupportAction, Territory, TerritoryStageChange
from coorace_desktop.domain.accompaniment_rules import (
    STAGE_ORDER,
    stage_change_date,
    territory_department,
    territory_name,
)
from coorace_desktop.domain.departments import DEPARTMENTS
from coorace_desktop.domain.enums import TerritoryStage
from coorace_desktop.domain.french import LOCALE, number, plural, plural_word
from coorace_desktop.domain.text import fold
from coorace_desktop.domain.validation import DeletedMeanwhileError, ValidationError
from coorace_desktop.services.accompaniment.common import count_rows, equal_filters
from coorace_desktop.services.listing import ListQuery, apply_search, apply_sort
from coorace_desktop.storage.database import Database

STAGE_PLURALS = {
    TerritoryStage.INTERESTED: ("territoire intéressé", "territoires intéressés"),
    TerritoryStage.EMERGING: ("projet émergent", "projets émergents"),
    TerritoryStage.AUTHORISED: ("territoire habilité", "territoires habilités"),
}


class TerritoryNotFoundError(DeletedMeanwhileError):
    message = "Ce territoire n'existe plus : il a peut-être été supprimé entre-temps."


@dataclass(frozen=True, slots=True)
class TerritoryRow:
    id: int
    name: str
    department: str
    stage: TerritoryStage | None
    since: date | None
    notes: str

    @property
    def department_label(self) -> str:
        return f"{self.department} {DEPARTMENTS.get(self.department, '')}".strip()

    @property
    def stage_label(self) -> str:
        return self.stage.label if self.stage else ""


@dataclass(frozen=True, slots=True)
class StageChangeRow:
    id: int
    stage: TerritoryStage
    changed_on: date


def _latest_change_id(on: date | None) -> ColumnElement[int]:
    """Per territory row in the outer query: the id of its latest change on or before `on`."""
    later = aliased(TerritoryStageChange)
    statement = select(later.id).where(later.territory_id == Territory.id)
    if on is not None:
        statement = statement.where(later.changed_on <= on)
    return statement.order_by(later.changed_on.desc(), later.id.desc()).limit(1).scalar_subquery()


def territory_stage_counts(database: Database, on: date) -> dict[TerritoryStage, int]:
    """How many territories were at each stage on that day (their latest change on or before it)."""
    with database.session() as session:
        rows = session.execute(
            select(TerritoryStageChange.stage, func.count())
            .select_from(Territory)
            .join(TerritoryStageChange, TerritoryStageChange.id == _latest_change_id(on))
            .group_by(TerritoryStageChange.stage)
        ).all()
    counts = dict.fromkeys(STAGE_ORDER, 0)
    counts.update({TerritoryStage(stage): count for stage, count in rows})
    return counts


def stage_counts_text(counts: dict[TerritoryStage, int], on: date) -> str:
    """'Au 31 décembre 2020 : 13 projets émergents et 23 territoires intéressés' (most advanced first)."""
    parts = []
    for stage in reversed(STAGE_ORDER):
        count = counts.get(stage, 0)
        if count:
            singular, plural = STAGE_PLURALS[stage]
            parts.append(f"{number(count)} {singular if count == 1 else plural}")
    listed = " et ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts) or "aucun territoire"
    return f"Au {format_date(on, 'd MMMM y', locale=LOCALE)} : {listed}"


# -- the list
def _list_statement(query: ListQuery):
    current = aliased(TerritoryStageChange)
    statement = (
        select(Territory.id, Territory.name, Territory.department, current.stage, current.changed_on, Territory.notes)
        .select_from(Territory)
        .outerjoin(current, current.id == _latest_change_id(None))
    )
    statement = apply_search(statement, Territory.name_key, query.search)
    statement = equal_filters(statement, query, {"stage": current.stage, "department": Territory.department})
    return statement, current


def count_territories(database: Database, query: ListQuery) -> int:
    return count_rows(database, _list_statement(query)[0])


def territory_page(database: Database, query: ListQuery, offset: int, limit: int) -> list[TerritoryRow]:
    statement, current = _list_statement(query)
    sort_columns = {
        "name": Territory.name_key,
        "department": Territory.department,
        "stage": case({stage.value: rank for rank, stage in enumerate(STAGE_ORDER)}, value=current.stage, else_=-1),
        "since": current.changed_on,
    }
    statement = apply_sort(statement, sort_columns, query, Territory.id).offset(offset).limit(limit)
    with database.session() as session:
        return [
            TerritoryRow(id, name, department, TerritoryStage(stage) if stage else None, since, notes)
            for id, name, department, stage, since, notes in session.execute(statement)
        ]


# -- commands
def create_territory(
    database: Database, name: str, department: str, stage: TerritoryStage, changed_on: date, *, today: date | None = None
) -> int:
    """A new territory at its first known stage; returns its id."""
    name = territory_name(name)
    department = territory_department(department)
    changed_on = stage_change_date(changed_on, today=today or date.today())
    with database.session() as session:
        territory_id = session.execute(
            insert(Territory).values(name=name, department=department, name_key=fold(name)).returning(Territory.id)
        ).scalar_one()
        session.execute(
            insert(TerritoryStageChange).values(territory_id=territory_id, stage=stage, changed_on=changed_on)
        )
    return territory_id


def update_territory(database: Database, territory_id: int, name: str, department: str, notes: str = "") -> None:
    name = territory_name(name)
    department = territory_department(department)
    with database.session() as session:
        result = session.execute(
            update(Territory)
            .where(Territory.id == territory_id)
            .values(name=name, department=department, notes=notes.strip(), name_key=fold(name))
        )
        if result.rowcount == 0:
            raise TerritoryNotFoundError(territory_id)


def territory_deletion_question(database: Database, territory_id: int) -> str:
    """The confirmation text; refuses (ValidationError) a territory that support actions name."""
    with database.session() as session:
        name = session.execute(select(Territory.name).where(Territory.id == territory_id)).scalar_one_or_none()
        if name is None:
            raise TerritoryNotFoundError(territory_id)
        actions = session.execute(
            select(func.count()).where(SupportAction.territory_id == territory_id)
        ).scalar_one()
    if actions:
        raise ValidationError(
            f"« {name} » est le bénéficiaire de {plural(actions, 'action', 'actions')} d'accompagnement : "
            + plural_word(actions, "supprimez ou modifiez d'abord cette action.", "supprimez ou modifiez d'abord ces actions.")
        )
    return f"Supprimer le territoire « {name} » et l'historique de ses étapes ?"


def delete_territory(database: Database, territory_id: int) -> None:
    territory_deletion_question(database, territory_id)
    with database.session() as session:
        session.execute(delete(Territory).where(Territory.id == territory_id))


def stage_history(database: Database, territory_id: int) -> list[StageChangeRow]:
    """The territory's stage changes, oldest first."""
    with database.session() as session:
        rows = session.execute(
            select(TerritoryStageChange.id, TerritoryStageChange.stage, TerritoryStageChange.changed_on)
            .where(TerritoryStageChange.territory_id == territory_id)
            .order_by(TerritoryStageChange.changed_on, TerritoryStageChange.id)
        ).all()
    return [StageChangeRow(id, TerritoryStage(stage), changed_on) for id, stage, changed_on in rows]


def add_stage_change(
    database: Database, territory_id: int, stage: TerritoryStage, changed_on: date, *, today: date | None = None
) -> int:
    """Record that the territory reached `stage` on `changed_on`; one change per territory and day."""
    changed_on = stage_change_date(changed_on, today=today or date.today())
    with database.session() as session:
        if session.get(Territory, territory_id) is None:
            raise TerritoryNotFoundError(territory_id)
        clash = session.execute(
            select(TerritoryStageChange.stage).where(
                TerritoryStageChange.territory_id == territory_id, TerritoryStageChange.changed_on == changed_on
            )
        ).scalar_one_or_none()
        if clash is not None:
            raise ValidationError(
                f"Une étape est déjà enregistrée le {changed_on:%d/%m/%Y} ({TerritoryStage(clash).label}) : "
                "supprimez-la d'abord pour la remplacer."
            )
        return session.execute(
            insert(TerritoryStageChange)
            .values(territory_id=territory_id, stage=stage, changed_on=changed_on)
            .returning(TerritoryStageChange.id)
        ).scalar_one()


def delete_stage_change(database: Database, change_id: int) -> None:
    """Remove a mistaken change; a territory keeps at least one stage."""
    with database.session() as session:
        change = session.get(TerritoryStageChange, change_id)
        if change is None:
            return
        remaining = session.execute(
            select(func.count()).where(TerritoryStageChange.territory_id == change.territory_id)
        ).scalar_one()
        if remaining <= 1:
            raise ValidationError("Un territoire garde au moins une étape : ajoutez d'abord la bonne, puis supprimez celle-ci.")
        session.delete(change)
