"""TZCLD territories: stage history, counts per stage at any date, the list."""

from datetime import date

import pytest

from coorace_desktop.domain.enums import ActionKind, TerritoryStage
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.accompaniment import stage_counts_text, territory_stage_counts
from coorace_desktop.services.accompaniment.actions import create_action
from coorace_desktop.services.accompaniment.territories import (
    add_stage_change,
    count_territories,
    create_territory,
    delete_stage_change,
    delete_territory,
    stage_history,
    territory_page,
    update_territory,
)
from coorace_desktop.services.listing import ListQuery

I, E, A = TerritoryStage.INTERESTED, TerritoryStage.EMERGING, TerritoryStage.AUTHORISED


def test_the_stage_at_a_date_is_the_latest_change_on_or_before_it(database):
    lodeve = create_territory(database, "Lodève", "34", I, date(2019, 3, 1))
    add_stage_change(database, lodeve, E, date(2020, 6, 30))
    add_stage_change(database, lodeve, A, date(2022, 1, 15))
    create_territory(database, "Prades", "66", I, date(2020, 12, 31))
    create_territory(database, "Millau", "12", E, date(2021, 2, 1))

    assert territory_stage_counts(database, date(2019, 2, 28)) == {I: 0, E: 0, A: 0}
    assert territory_stage_counts(database, date(2020, 6, 29)) == {I: 1, E: 0, A: 0}
    assert territory_stage_counts(database, date(2020, 6, 30)) == {I: 0, E: 1, A: 0}
    assert territory_stage_counts(database, date(2020, 12, 31)) == {I: 1, E: 1, A: 0}
    counts = territory_stage_counts(database, date(2022, 1, 15))
    assert counts == {I: 1, E: 1, A: 1}
    assert stage_counts_text(counts, date(2022, 1, 15)) == (
        "Au 15 janvier 2022 : 1 territoire habilité, 1 projet émergent et 1 territoire intéressé"
    )
    assert [(c.stage, c.changed_on) for c in stage_history(database, lodeve)] == [
        (I, date(2019, 3, 1)), (E, date(2020, 6, 30)), (A, date(2022, 1, 15)),
    ]


def test_the_list_shows_the_current_stage(database):
    lodeve = create_territory(database, "Lodève", "34", I, date(2019, 3, 1))
    add_stage_change(database, lodeve, E, date(2020, 6, 30))
    create_territory(database, "Prades", "66", I, date(2020, 12, 31))
    [row] = territory_page(database, ListQuery(search="lodeve"), 0, 10)
    assert (row.stage_label, row.since, row.department_label) == ("Projet émergent", date(2020, 6, 30), "34 Hérault")
    assert count_territories(database, ListQuery().with_filter("stage", I)) == 1
    by_stage = territory_page(database, ListQuery(sort_key="stage", descending=True), 0, 10)
    assert [row.name for row in by_stage] == ["Lodève", "Prades"]


def test_refusals(database, log):
    with pytest.raises(ValidationError, match="futur"):
        create_territory(database, "Rodez", "12", I, date(2030, 1, 1), today=date(2026, 1, 1))
    with pytest.raises(ValidationError, match="Département inconnu"):
        create_territory(database, "Rodez", "99", I, date(2020, 1, 1))
    rodez = create_territory(database, "Rodez", "12", I, date(2020, 1, 1))
    with pytest.raises(ValidationError, match="déjà enregistrée le 01/01/2020"):
        add_stage_change(database, rodez, E, date(2020, 1, 1))
    [only] = stage_history(database, rodez)
    with pytest.raises(ValidationError, match="au moins une étape"):
        delete_stage_change(database, only.id)
    create_action(database, log.draft("TZCLD", ActionKind.ADVICE, log.territory("Figeac")))
    with pytest.raises(ValidationError, match="de 1 action d'accompagnement : supprimez ou modifiez d'abord cette action."):
        delete_territory(database, log.territories["Figeac"])
    create_action(database, log.draft("TZCLD", ActionKind.ADVICE, log.territory("Figeac")))  # « 2 action(s) » before
    with pytest.raises(ValidationError, match="de 2 actions d'accompagnement : supprimez ou modifiez d'abord ces actions."):
        delete_territory(database, log.territories["Figeac"])
    update_territory(database, rodez, "Rodez agglomération", "12")
    delete_territory(database, rodez)
    assert count_territories(database, ListQuery(search="rodez")) == 0
