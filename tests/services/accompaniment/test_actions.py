"""Actions: commands refuse bad input in French; the list filters, searches, sorts and pages in SQL."""

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import delete, event, insert, select, update

from coorace_desktop.domain.accompaniment import SupportAction
from coorace_desktop.domain.accompaniment_rules import BeneficiaryKind, BeneficiaryRef
from coorace_desktop.domain.enums import ActionKind, ActionOutcome
from coorace_desktop.domain.organisations import Organisation
from coorace_desktop.domain.text import fold
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services import listing
from coorace_desktop.services.accompaniment.actions import (
    ActionNotFoundError,
    action_details,
    action_years,
    add_programme,
    create_action,
    delete_action,
    officer_choices,
    programme_choices,
    search_beneficiaries,
    update_action,
)
from coorace_desktop.services.accompaniment.actions_list import (
    NO_OFFICER,
    action_page,
    action_totals,
    count_actions,
)
from coorace_desktop.services.listing import ListQuery


def _ids(database, query: ListQuery) -> list[int]:
    return [row.id for row in action_page(database, query, 0, 100)]


@pytest.fixture
def actions(database, log) -> dict[str, int]:
    made = {
        "zest_herisson": log.draft("Zest'", ActionKind.TRAINING, log.organisation("HERISSON BELLOR"),
                                   action_date=date(2024, 2, 1), hours=3, notes="Séance au chantier de Pamiers"),
        "cedre_aje": log.draft("CEDRE ISO 9001", ActionKind.AUDIT, log.organisation("AJE"), action_date=date(2024, 6, 5),
                               hours=7, outcome=ActionOutcome.CERTIFIED, notes="Audit de certification réussi"),
        "zest_elan_2023": log.draft("Zest'", ActionKind.ADVICE, log.organisation("Élan Sud"), action_date=date(2023, 9, 9),
                                    hours=1, officer_id=log.officers["ROUMEAU"], notes="Maraîchage : étude"),
        "tzcld_figeac": log.draft("TZCLD", ActionKind.PRACTICE_GROUP, log.territory("Figeac"), action_date=date(2024, 1, 15), hours=2),
        "cap_holder": log.draft("Évaluation CAP", ActionKind.INDIVIDUAL_SUPPORT, log.holder("Ferme de Lézat"),
                                action_date=date(2024, 3, 3), hours=1.5),
    }
    return {key: create_action(database, draft) for key, draft in made.items()}


def test_filters_by_year_programme_officer_kind_and_beneficiary(database, log, actions):
    every = ListQuery(sort_key="date")
    assert count_actions(database, every) == 5
    assert _ids(database, every.with_filter("year", 2023)) == [actions["zest_elan_2023"]]
    assert _ids(database, every.with_filter("programme", log.programmes["Zest'"]).with_filter("year", 2024)) == [
        actions["zest_herisson"]
    ]
    assert _ids(database, every.with_filter("officer", log.officers["ROUMEAU"])) == [actions["zest_elan_2023"]]
    assert _ids(database, every.with_filter("kind", ActionKind.AUDIT)) == [actions["cedre_aje"]]
    assert _ids(database, every.with_filter("beneficiary", log.territory("Figeac"))) == [actions["tzcld_figeac"]]
    assert count_actions(database, every.with_filter("officer", NO_OFFICER)) == 0


def test_search_in_notes_ignores_accents_and_case(database, actions):
    assert _ids(database, ListQuery(search="MARAICHAGE")) == [actions["zest_elan_2023"]]
    assert _ids(database, ListQuery(search="audit réussi")) == [actions["cedre_aje"]]
    assert count_actions(database, ListQuery(search="pamiers introuvable")) == 0


@pytest.mark.parametrize(
    ("sort_key", "first"),
    [
        ("date", "zest_elan_2023"),
        ("officer", "zest_elan_2023"),  # ROUMEAU before VERA
        ("beneficiary", "cedre_aje"),  # AJE, Élan Sud, Ferme de Lézat, Figeac, HERISSON BELLOR
        ("programme", "cedre_aje"),  # CEDRE, Évaluation CAP (accent ignored), TZCLD, Zest'
        ("hours", "zest_elan_2023"),
        ("kind", "cap_holder"),  # Accompagnement individuel, Audit, Conseil, Formation, Groupe d'échange
        ("outcome", "cedre_aje"),  # Certifié before Réalisé
        ("notes", "tzcld_figeac"),  # empty notes first, the earlier action before
    ],
)
def test_every_column_sorts_in_sql(database, actions, sort_key, first):
    assert _ids(database, ListQuery(sort_key=sort_key))[0] == actions[first]
    assert _ids(database, ListQuery(sort_key=sort_key, descending=True))[-1] == actions[first]


def test_programme_order_puts_accented_names_in_place(database, actions):
    rows = action_page(database, ListQuery(sort_key="programme"), 0, 10)
    assert [row.programme for row in rows] == ["CEDRE ISO 9001", "Évaluation CAP", "TZCLD", "Zest'", "Zest'"]


def test_an_action_deleted_while_its_page_is_read_is_left_out(database, log):
    """A page chooses its ids, then reads their rows: on PostgreSQL each statement has its own
    snapshot, so an action deleted in between is left out of the page, not an error (SQLite's
    transaction still sees it)."""
    made = [create_action(database, log.draft("TZCLD", ActionKind.ADVICE, log.territory("Pamiers"))) for _ in range(3)]

    def delete_one(_connection, _cursor, statement, *_arguments):
        if "persons.first_name" in statement and deleted == []:
            deleted.append(made[1])
            with database.engine.begin() as other:
                other.execute(delete(SupportAction).where(SupportAction.id == made[1]))

    deleted: list[int] = []
    event.listen(database.engine, "before_cursor_execute", delete_one)
    try:
        page = [row.id for row in action_page(database, ListQuery(sort_key="date"), 0, 10)]
    finally:
        event.remove(database.engine, "before_cursor_execute", delete_one)
    assert deleted and page == ([made[0], made[2]] if database.is_server else made)


def test_pages_are_stable_and_complete(database, log):
    for _ in range(1, 8):
        create_action(database, log.draft("TZCLD", ActionKind.ADVICE, log.territory("Pamiers"), action_date=date(2024, 5, 1)))
    query = ListQuery(sort_key="date")
    pages = [row.id for offset in (0, 3, 6) for row in action_page(database, query, offset, 3)]
    assert len(pages) == len(set(pages)) == 7


@pytest.mark.parametrize("sort_key", ["date", "officer", "beneficiary", "programme", "kind", "hours", "outcome", "notes"])
@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_pages_join_up(database, log, actions, sort_key, descending):
    """Pages of 2 give the whole list's order, also where a sort reads one code after another."""
    create_action(database, log.draft("Zest'", ActionKind.AUDIT, log.organisation("AJE"), hours=3, notes="Suite"))
    query = ListQuery(sort_key=sort_key, descending=descending)
    whole = _ids(database, query)
    assert [row.id for offset in range(0, 6, 2) for row in action_page(database, query, offset, 2)] == whole
    assert len(whole) == 6


@pytest.mark.parametrize("common_words", [5000, 1])
def test_a_common_word_reads_like_a_rare_one(database, log, actions, monkeypatch, common_words):
    """A word matching many actions is matched on each row's key (COMMON_WORDS): the same rows,
    counts and totals as through the word index's list of ids; an action holding two words that
    start alike ('etude', 'etudes') counted once."""
    monkeypatch.setattr(listing, "COMMON_WORDS", common_words)
    made = create_action(database, log.draft("Zest'", ActionKind.ADVICE, log.organisation("AJE"),
                                             notes="Pré-étude maraîchère : deux études"))
    for query in (ListQuery(search="etud mara", sort_key="date"), ListQuery(search="etude", filters={"year": 2024})):
        assert count_actions(database, query) == len(_ids(database, query)) == action_totals(database, query).actions
    assert _ids(database, ListQuery(search="etud mara", sort_key="date")) == [actions["zest_elan_2023"], made]
    assert _ids(database, ListQuery(search="tude")) == []  # words match from their start, as the word index does


@pytest.mark.parametrize("common_words", [5000, 3, 1])
def test_a_rare_word_beside_a_common_one(database, log, monkeypatch, common_words):
    """Every typed word rare, one rare beside a common one (COMMON_WORDS = 3: 'bilan' in 4 actions,
    'tresorerie' in 1), or all common: the same actions, count and totals."""
    monkeypatch.setattr(listing, "COMMON_WORDS", common_words)
    made = [create_action(database, log.draft("Zest'", ActionKind.ADVICE, log.organisation("AJE"), notes=notes))
            for notes in ("Bilan d'étape", "Bilan annuel", "Bilan de trésorerie", "Bilans croisés", "Trésorerie")]
    for typed in ("bilan tresorerie", "tresorerie bilan", "TRÉSO bil"):
        query = ListQuery(search=typed, sort_key="date")
        assert _ids(database, query) == [made[2]], typed
        assert count_actions(database, query) == action_totals(database, query).actions == 1
    assert count_actions(database, ListQuery(search="bilan")) == 4


def test_whole_words_and_word_starts_are_counted_as_the_rows(database, log):
    """Typed words each the start of one word only ('visite terrain': PostgreSQL merges their
    lists in id order), then of two ('visites', 'terrains' written since: their lists hashed, an
    action holding 'visite' and 'visites' counted once): the count is the rows' number."""
    def write(notes: str) -> int:
        return create_action(database, log.draft("Zest'", ActionKind.ADVICE, log.organisation("AJE"), notes=notes))

    both = [write("Visite terrain"), write("Visite du terrain")]
    write("Visite")
    write("Terrain")
    for typed in ("visite terrain", "TERRAIN Visite"):
        query = ListQuery(search=typed, sort_key="date")
        assert sorted(_ids(database, query)) == both and count_actions(database, query) == 2, typed
    both += [write("Visites de terrains"), write("Visite et visites sur le terrain")]
    query = ListQuery(search="visite terrain", sort_key="date")
    assert sorted(_ids(database, query)) == both and count_actions(database, query) == 4


def test_rows_read_in_french(database, actions):
    assert action_page(database, ListQuery(search="figeac"), 0, 10) == []  # a beneficiary is not in the notes
    [row] = action_page(database, ListQuery().with_filter("kind", ActionKind.INDIVIDUAL_SUPPORT), 0, 10)
    assert (row.beneficiary, row.beneficiary_kind, row.officer, row.programme) == (
        "Ferme de Lézat", "Porteur de projet", "Rosana VERA", "Évaluation CAP"
    )


def test_totals_follow_the_filters(database, log, actions):
    totals = action_totals(database, ListQuery().with_filter("year", 2024))
    assert (totals.actions, totals.beneficiaries, totals.hours) == (4, 4, 13.5)
    create_action(database, log.draft("Zest'", ActionKind.TRAINING, log.organisation("HERISSON BELLOR"), hours=2))
    totals = action_totals(database, ListQuery().with_filter("programme", log.programmes["Zest'"]))
    assert (totals.actions, totals.beneficiaries, totals.hours) == (3, 2, 6.0)


def test_create_refuses_an_action_without_officer_or_beneficiary(database, log):
    draft = log.draft("Zest'", ActionKind.TRAINING, log.organisation("AJE"))
    with pytest.raises(ValidationError, match="chargé·e de mission"):
        create_action(database, replace(draft, officer_id=None))
    with pytest.raises(ValidationError, match="bénéficiaire"):
        create_action(database, replace(draft, beneficiary=None))
    with pytest.raises(ValidationError, match="n'existe plus"):
        create_action(database, replace(draft, beneficiary=BeneficiaryRef(BeneficiaryKind.ORGANISATION, 999)))
    assert count_actions(database, ListQuery()) == 0


def test_a_historical_record_keeps_its_unknown_officer(demo_database):
    [row] = action_page(demo_database, ListQuery(search="zest"), 0, 10)
    details = action_details(demo_database, row.id)
    assert details.historical and details.beneficiary is None and details.draft.group_count == 6
    update_action(demo_database, row.id, replace(details.draft, hours=35))
    assert action_details(demo_database, row.id).draft.hours == 35


def test_edit_moves_the_beneficiary_and_keeps_one(database, log, actions):
    details = action_details(database, actions["zest_herisson"])
    assert details.beneficiary.text == "HERISSON BELLOR (Adhérent)"
    update_action(database, details.id, replace(details.draft, beneficiary=log.holder("Recyclerie du Lot")))
    moved = action_details(database, details.id)
    assert moved.beneficiary.ref == log.holder("Recyclerie du Lot")
    delete_action(database, details.id)
    with pytest.raises(ActionNotFoundError):
        action_details(database, details.id)


def test_choices(database, log, actions):
    assert [choice.name for choice in officer_choices(database)] == ["Steve ROUMEAU", "Rosana VERA"]
    assert [choice.text for choice in search_beneficiaries(database, "elan")] == ["Élan Sud (Adhérent)"]
    assert {choice.ref.kind for choice in search_beneficiaries(database, "")} == set(BeneficiaryKind.ALL)
    assert action_years(database) == [2024, 2023]
    new = add_programme(database, "  Mobilité  solidaire ")
    assert (new, "Mobilité solidaire") in [(c.id, c.name) for c in programme_choices(database)]
    with pytest.raises(ValidationError, match="existe déjà"):
        add_programme(database, "mobilite SOLIDAIRE")


def test_a_search_counted_then_paged_gives_the_same_rows(database, log, actions):
    """Count, page and totals agree, and an edited note is found by its new words only."""
    create_action(database, log.draft("TZCLD", ActionKind.ADVICE, log.territory("Pamiers"), notes="Étude maraîchage bio"))
    query = ListQuery(search="maraichage", sort_key="date")
    assert count_actions(database, query) == 2
    assert len(_ids(database, query)) == 2
    assert action_totals(database, query).actions == 2
    details = action_details(database, actions["zest_elan_2023"])
    update_action(database, details.id, replace(details.draft, notes="Étude de faisabilité"))
    assert _ids(database, query) == [row.id for row in action_page(database, ListQuery(search="bio"), 0, 10)]
    assert count_actions(database, query) == 1


def test_the_word_index_follows_every_writer_and_finds_word_starts(database, log, actions):
    """The word index (SQLite's FTS5 kept by triggers, PostgreSQL's GIN index): a row written
    with plain SQL is found too, a deleted one is gone; words match from their start ("ornitho"
    finds "ornithologique"), on both backends."""
    created = create_action(database, log.draft("TZCLD", ActionKind.ADVICE, log.territory("Pamiers"), notes="Ferme ornithologique"))
    assert count_actions(database, ListQuery(search="ORNITHO")) == 1
    assert count_actions(database, ListQuery(search="thologique")) == 0
    with database.engine.begin() as connection:
        connection.execute(update(SupportAction).where(SupportAction.id == created).values(search_key="atelier reemploi"))
    assert count_actions(database, ListQuery(search="ornitho")) == 0
    assert count_actions(database, ListQuery(search="réemploi atel")) == 1
    with database.engine.begin() as connection:
        connection.execute(delete(SupportAction).where(SupportAction.id == created))
    assert count_actions(database, ListQuery(search="reemploi")) == 0


def test_proposals_rank_exact_name_then_start_then_word_then_anywhere_then_recent_use(database, log):
    names = ["LES RUDOVALORISTES", "VALORIS", "VALORISATION SUD", "ATELIER VALORIS", "AVALORIS", "VALORISONS"]
    with database.session() as session:
        session.execute(insert(Organisation), [{"name": name, "name_key": fold(name)} for name in names])
        ids = dict(session.execute(select(Organisation.name, Organisation.id)).all())
    assert [choice.name for choice in search_beneficiaries(database, "valoris")] == [
        "VALORIS", "VALORISATION SUD", "VALORISONS", "ATELIER VALORIS", "AVALORIS", "LES RUDOVALORISTES"]
    # among equal matches, the beneficiary helped last comes first
    create_action(database, log.draft("Zest'", ActionKind.ADVICE, BeneficiaryRef(BeneficiaryKind.ORGANISATION, ids["VALORISONS"])))
    assert [choice.name for choice in search_beneficiaries(database, "valoris")][1:3] == ["VALORISONS", "VALORISATION SUD"]
