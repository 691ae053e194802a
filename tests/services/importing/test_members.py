"""Importing members: the preview, duplicates of demo members, rows in error, one transaction."""

import gc

import pytest
from sqlalchemy import func, select

from coorace_desktop.domain import Contact, Membership, Organisation, OrganisationType, Person, Site, validation
from coorace_desktop.domain.text import fold
from coorace_desktop.services.importing import (
    MEMBERS,
    Action,
    Decision,
    ImportRefused,
    apply_members,
    member_writes,
    preview_members,
    propose_mapping,
    read_table,
)
from coorace_desktop.services.importing.member_rows import parse_members
from coorace_desktop.services.members import organisations as members_service
from tests.services.importing.files import MEMBER_HEADERS, french_excel_csv, utf8_bom_csv, xlsx_with_title_and_groups

ROWS = [
    # unchanged: AJE exactly as the demo has it
    ["AJE", "AI", "9 rue Blanche", "09100", "Pamiers", "05 61 67 80 37", "contact@aje.fr", "", "", ""],
    # update: same organisation written differently, with a contact and a second site
    ["Hérisson-Bellor", "ACI/EI", "Domaine de Garabaud, route de Calmont", "09270", "Mazères", "0561694080", "pr.hb@wanadoo.fr", "Durand", "Élise", "Directrice"],
    ["HERISSON BELLOR", "EI", "2 place du Marché", "09100", "Pamiers", "", "", "", "", ""],
    # new organisations
    ["Régie de quartier Cœur de Ville", "ACI", "3 rue des Lilas", "31000", "Toulouse", "05 61 00 00 01", "contact@regie-coeur.fr", "Martin", "Zoé", "Présidente"],
    ["Alliance Emploi 46", "AI/ETTI", "4 avenue de Cahors", "46000", "Cahors", "", "", "", "", ""],
    # possible duplicates of demo members: same phone as BATI +, a name holding CASTA, same e-mail as IRISSE
    ["Bâti Plus Ariège", "ACI", "11 rue du Moulin", "09600", "Le Peyrat", "05 34 14 00 71", "", "", "", ""],
    ["CASTA ALZEN", "ACI", "", "09240", "Alzen", "", "", "", "", ""],
    ["Irisse Formation", "GES", "", "", "", "", "contact@irisse.fr", "", "", ""],
    # rows in error
    ["Chantier du Lot", "ACI", "1 rue X", "4600", "Cahors", "", "", "", "", ""],
    ["Atelier Vert", "ACI", "1 rue Y", "31000", "Toulouse", "", "atelier.vert@", "", "", ""],
    ["", "AI", "sans nom", "31000", "Toulouse", "", "", "", "", ""],
    ["Tarn Services", "SCOP", "1 rue Z", "81000", "Albi", "", "", "", "", ""],
]


def preview_of(database, path):
    table = read_table(path)
    return preview_members(database, table, propose_mapping(table, MEMBERS))


def count(database, table) -> int:
    with database.session() as session:
        return session.execute(select(func.count()).select_from(table)).scalar_one()


def snapshot(database) -> dict:
    return {table.__name__: count(database, table) for table in (Organisation, OrganisationType, Site, Contact, Person, Membership)}


def test_preview_of_a_french_excel_csv(demo_database, tmp_path):
    preview = preview_of(demo_database, french_excel_csv(tmp_path / "adherents.csv", [MEMBER_HEADERS, *ROWS]))
    by_name = {item.draft.name: item for item in preview.planned}
    assert by_name["AJE"].action == Action.UNCHANGED
    herisson = by_name["Hérisson-Bellor"]
    assert herisson.action == Action.UPDATE and herisson.existing_name == "HERISSON BELLOR" and herisson.reason == "même nom"
    assert herisson.draft.lines == (3, 4)  # both rows of the organisation gathered
    assert set(herisson.changes) == {"contact ajouté : Élise DURAND", "site ajouté : Pamiers"}
    assert by_name["Régie de quartier Cœur de Ville"].action == Action.CREATE
    assert {item.draft.name: (item.existing_name, item.reason) for item in preview.duplicates} == {
        "Bâti Plus Ariège": ("BATI +", "même téléphone : 05 34 14 00 71"),
        "CASTA ALZEN": ("CASTA", "nom inclus dans l'autre et même ville : Alzen"),
        "Irisse Formation": ("IRISSE", "même e-mail : contact@irisse.fr"),
    }
    errors = {error.line: error.reason for error in preview.errors}
    assert errors == {
        10: "Code postal invalide : 4600 (cinq chiffres attendus).",
        11: "Adresse e-mail invalide : atelier.vert@.",
        12: "La raison sociale est obligatoire.",
        13: "Type de structure inconnu : « SCOP » (attendus : AI, ACI, EI, ETTI, EITI, GES, P'S).",
    }
    assert preview.errors[0].cells[0] == "Chantier du Lot"
    assert preview.summary() == "2 à créer, 1 à mettre à jour, 1 inchangé, 3 doublons possibles, 4 lignes en erreur."


def test_rows_in_error_refuse_the_whole_import(demo_database, tmp_path):
    preview = preview_of(demo_database, french_excel_csv(tmp_path / "adherents.csv", [MEMBER_HEADERS, *ROWS]))
    before = snapshot(demo_database)
    with pytest.raises(ImportRefused, match="4 lignes en erreur : rien n'a été importé"):
        apply_members(demo_database, preview)
    assert snapshot(demo_database) == before


def test_apply_with_decisions_on_duplicates(demo_database, tmp_path):
    preview = preview_of(demo_database, french_excel_csv(tmp_path / "adherents.csv", [MEMBER_HEADERS, *ROWS]))
    decisions = {7: Decision.MERGE, 8: Decision.CREATE}  # Bâti Plus merged into BATI +, CASTA ALZEN created
    before = snapshot(demo_database)
    result = apply_members(demo_database, preview, decisions, skip_invalid=True)
    assert (result.created, result.updated, result.unchanged, result.skipped, result.rows_in_error) == (3, 2, 1, 1, 4)
    after = snapshot(demo_database)
    assert after["Organisation"] == before["Organisation"] + 3
    assert after["Membership"] == before["Membership"] + 3
    with demo_database.session() as session:
        names = set(session.execute(select(Organisation.name)).scalars())
        assert {"Régie de quartier Cœur de Ville", "Alliance Emploi 46", "CASTA ALZEN"} <= names
        assert not names & {"Bâti Plus Ariège", "Irisse Formation", "Chantier du Lot", "Atelier Vert", "Tarn Services"}
        regie = session.execute(select(Organisation).where(Organisation.name == "Régie de quartier Cœur de Ville")).scalar_one()
        site = session.execute(select(Site).where(Site.organisation_id == regie.id)).scalar_one()
        assert (site.postcode, site.department, site.phone) == ("31000", "31", "05 61 00 00 01")
        alliance = session.execute(select(Organisation.id).where(Organisation.name == "Alliance Emploi 46")).scalar_one()
        types = set(session.execute(select(OrganisationType.siae_type).where(OrganisationType.organisation_id == alliance)).scalars())
        assert types == {"AI", "ETTI"}
        herisson = session.execute(select(Organisation).where(Organisation.name == "HERISSON BELLOR")).scalar_one()
        cities = list(session.execute(select(Site.city).where(Site.organisation_id == herisson.id).order_by(Site.position)).scalars())
        assert cities == ["Mazères", "Pamiers"]
        assert "elise durand" in herisson.search_key and "pamiers" in herisson.search_key
        bati = session.execute(select(Organisation).where(Organisation.name == "BATI +")).scalar_one()
        assert bati.name == "BATI +"  # merged: the existing name stays


def test_keys_are_those_the_members_service_writes(demo_database, tmp_path):
    preview = preview_of(demo_database, french_excel_csv(tmp_path / "adherents.csv", [MEMBER_HEADERS, *ROWS[:5]]))
    apply_members(demo_database, preview)
    with demo_database.session() as session:
        imported = session.execute(select(Organisation).where(Organisation.name.in_(["HERISSON BELLOR", "Régie de quartier Cœur de Ville"]))).scalars().all()
        keys = {o.id: (o.name_key, o.search_key) for o in imported}
    assert len(keys) == 2
    for organisation_id, (name_key, search_key) in keys.items():
        members_service.save_organisation(demo_database, members_service.get_organisation(demo_database, organisation_id))
        with demo_database.session() as session:
            saved = session.get(Organisation, organisation_id)
            assert (saved.name_key, saved.search_key) == (name_key, search_key)
            assert name_key == fold(saved.name)


def test_reimporting_the_same_file_changes_nothing(demo_database, tmp_path):
    path = utf8_bom_csv(tmp_path / "adherents.csv", [MEMBER_HEADERS, *ROWS[:5]])
    apply_members(demo_database, preview_of(demo_database, path))
    before = snapshot(demo_database)
    again = preview_of(demo_database, path)
    assert {item.action for item in again.planned} == {Action.UNCHANGED}
    result = apply_members(demo_database, again)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 4)
    assert snapshot(demo_database) == before


def test_utf8_bom_accents_arrive_intact(database, tmp_path):
    path = utf8_bom_csv(tmp_path / "a.csv", [MEMBER_HEADERS, ROWS[3]], delimiter=",")
    apply_members(database, preview_of(database, path))
    with database.session() as session:
        assert session.execute(select(Person.first_name)).scalar_one() == "Zoé"
        assert session.execute(select(Organisation.name)).scalar_one() == "Régie de quartier Cœur de Ville"


def test_xlsx_with_merged_headers_and_blank_rows(database, tmp_path):
    rows = [ROWS[3], ROWS[4], ["Solidarité Gers", "EI", "5 rue", 32000, "Auch", "0562000000", "", "", "", ""], ["Ariège Emploi", "AI", "", 9000, "Foix", "", "", "", "", ""]]
    preview = preview_of(database, xlsx_with_title_and_groups(tmp_path / "a.xlsx", MEMBER_HEADERS, rows))
    assert preview.mapping.headers[0] == "Raison sociale" and preview.mapping.fields[0] == "name"
    assert [item.draft.line for item in preview.planned] == [5, 6, 8, 9]
    assert not preview.errors
    apply_members(database, preview)
    with database.session() as session:
        sites = dict(session.execute(select(Site.city, Site.postcode)).all())
    assert sites["Foix"] == "09000"  # a number column lost the zero; it is restored


def test_a_failure_in_the_middle_leaves_the_database_as_it_was(demo_database, tmp_path, monkeypatch):
    preview = preview_of(demo_database, french_excel_csv(tmp_path / "a.csv", [MEMBER_HEADERS, *ROWS[:5]]))
    before = snapshot(demo_database)

    def broken_flush(self):
        assert not gc.isenabled()  # paused for the import (services/importing/bulk.py)
        raise OSError("disque débranché")

    monkeypatch.setattr(member_writes.MemberWriter, "flush", broken_flush)
    with pytest.raises(OSError):
        apply_members(demo_database, preview)
    assert snapshot(demo_database) == before
    assert gc.isenabled()


def test_a_file_without_a_name_column_is_refused(database, tmp_path):
    path = french_excel_csv(tmp_path / "a.csv", [["Ville", "CP"], ["Foix", "09000"]])
    table = read_table(path)
    with pytest.raises(ImportRefused, match="Raison sociale"):
        preview_members(database, table, propose_mapping(table, MEMBERS))


def test_a_misspelt_name_is_a_possible_duplicate_skipped_by_default(demo_database, tmp_path):
    path = french_excel_csv(tmp_path / "a.csv", [["Raison sociale", "Ville"], ["Vallées Village Montagne", "Tarascon"]])
    preview = preview_of(demo_database, path)
    (item,) = preview.planned
    assert (item.action, item.existing_name) == (Action.DUPLICATE, "VALLEES VILLAGES MONTAGNE")
    assert item.reason.startswith("nom proche (")
    before = snapshot(demo_database)
    assert apply_members(demo_database, preview).skipped == 1
    assert snapshot(demo_database) == before


def test_an_organisation_imported_without_a_joining_date_is_a_member_from_today(demo_database, tmp_path):
    """Not from the beginning of time: the years already reported keep their members."""
    from datetime import date

    from coorace_desktop.services.reporting.member_figures import member_counts

    rows = [[*ROWS[3], ""], [*ROWS[4], "2015"], [*ROWS[5], "03/04/2019"]]
    path = utf8_bom_csv(tmp_path / "a.csv", [[*MEMBER_HEADERS, "Date d'adhésion"], *rows])
    apply_members(demo_database, preview_of(demo_database, path), {4: Decision.CREATE})  # line 4, Bâti Plus: a possible duplicate
    with demo_database.session() as session:
        periods = dict(
            session.execute(
                select(Organisation.name, Membership.joined_on).join(Membership).where(Organisation.name.in_([r[0] for r in rows]))
            ).all()
        )
        recorded = set(session.execute(select(Membership.recorded_on).where(Membership.notes == member_writes.IMPORT_NOTE)).scalars())
    assert periods == {ROWS[3][0]: date.today(), ROWS[4][0]: date(2015, 1, 1), ROWS[5][0]: date(2019, 4, 3)}
    assert recorded == {date.today()}
    assert member_counts(demo_database, 2020).organisations == 51 + 2  # those who joined in 2015 and 2019


def test_each_distinct_value_of_the_file_is_checked_once(tmp_path, monkeypatch):
    """A directory repeats its phones, towns and types: each distinct cell is validated once, and a
    refused one is reported on every row that has it."""
    calls: list[str] = []
    phone = validation.french_phone
    monkeypatch.setattr(validation, "french_phone", lambda value: calls.append(value) or phone(value))
    rows = [[f"Structure {n}", "ACI", "", "31000", "Toulouse", ["05 61 00 00 01", "0561000002", "12"][n % 3], "", "", "", ""] for n in range(30)]
    table = read_table(french_excel_csv(tmp_path / "repetes.csv", [MEMBER_HEADERS, *rows]))
    drafts, errors = parse_members(table, propose_mapping(table, MEMBERS, remembered={}))
    assert sorted(calls) == ["05 61 00 00 01", "0561000002", "12"]  # not the blank contact phone: blank is blank
    assert [d.sites[0].phone for d in drafts[:2]] == ["05 61 00 00 01", "05 61 00 00 02"]
    assert len(errors) == 10 and {e.reason for e in errors} == {"Numéro de téléphone invalide : 12."}
