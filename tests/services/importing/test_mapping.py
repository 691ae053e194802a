"""Column mapping: proposed from header names, remembered for next time."""

import json

from coorace_desktop.services.importing.mapping import (
    FIGURES,
    MEMBERS,
    load_remembered,
    mappings_file,
    propose_mapping,
    remember_mapping,
)
from coorace_desktop.services.importing.sources import SourceRow, SourceTable


def table(*rows: list[str]) -> SourceTable:
    return SourceTable(path=None, rows=tuple(SourceRow(n, tuple(r)) for n, r in enumerate(rows, 1)), format_label="")


def test_french_synonyms_accents_and_case_are_recognised():
    mapping = propose_mapping(
        table(["RAISON SOCIALE", "N° SIRET", "Conventionnement", "Adresse", "C.P.", "Commune", "Tél.", "E-mail", "Site internet", "Date d'adhésion"]),
        MEMBERS,
        remembered={},
    )
    assert mapping.fields == ("name", "siret", "types", "address", "postcode", "city", "phone", "email", "website", "joined_on")


def test_nom_is_the_organisation_unless_raison_sociale_is_there():
    alone = propose_mapping(table(["Nom", "Ville"]), MEMBERS, remembered={})
    assert alone.fields == ("name", "city")
    both = propose_mapping(table(["Raison sociale", "Nom", "Prénom"]), MEMBERS, remembered={})
    assert both.fields == ("name", "contact_last_name", "contact_first_name")


def test_contact_columns_do_not_steal_the_organisation_ones():
    mapping = propose_mapping(table(["Structure", "Courriel", "Courriel du contact", "Tél. du contact", "Téléphone"]), MEMBERS, remembered={})
    assert mapping.fields == ("name", "email", "contact_email", "contact_phone", "phone")


def test_unknown_columns_are_ignored_and_headers_named_when_blank():
    mapping = propose_mapping(table(["Raison sociale", "Couleur préférée", ""], ["AJE", "bleu", "x"]), MEMBERS, remembered={})
    assert mapping.fields == ("name", "", "")
    assert mapping.headers[2] == "Colonne 3"


def test_header_row_is_found_below_a_title():
    mapping = propose_mapping(table(["Chiffres 2020 des adhérents"], [], ["Structure", "Année", "CA", "ETP"]), FIGURES, remembered={})
    assert mapping.header_index == 2
    assert mapping.fields == ("name", "year", "turnover", "fte")


def test_required_fields_missing_are_named():
    mapping = propose_mapping(table(["Ville", "CP"]), MEMBERS, remembered={})
    assert mapping.missing_required() == ["Raison sociale"]


def test_a_header_containing_a_synonym_is_recognised():
    mapping = propose_mapping(table(["Dénomination usuelle", "Code postal (CP)", "Tél. standard"]), MEMBERS, remembered={})
    assert mapping.fields == ("name", "postcode", "phone")


def test_a_choice_is_remembered_for_next_time():
    first = propose_mapping(table(["Intitulé", "Bureau"]), MEMBERS)
    assert first.fields == ("", "")
    chosen = first.with_field(0, "name").with_field(1, "city")
    remember_mapping(chosen)
    assert json.loads(mappings_file().read_text(encoding="utf-8"))[MEMBERS]["bureau"] == "city"
    again = propose_mapping(table(["INTITULE", "bureau"]), MEMBERS)
    assert again.fields == ("name", "city")


def test_with_field_moves_a_field_rather_than_duplicating_it():
    mapping = propose_mapping(table(["Raison sociale", "Nom"]), MEMBERS, remembered={})
    moved = mapping.with_field(1, "name")
    assert moved.fields == ("", "name")


def test_a_damaged_remembered_file_is_ignored():
    mappings_file().parent.mkdir(parents=True, exist_ok=True)
    mappings_file().write_text("{not json", encoding="utf-8")
    assert load_remembered(MEMBERS) == {}
    mappings_file().write_text(json.dumps({MEMBERS: {"ville": "no_such_field", "cp": "postcode"}}), encoding="utf-8")
    assert load_remembered(MEMBERS) == {"cp": "postcode"}


def test_a_repeated_header_uses_the_first_column_and_says_so():
    mapping = propose_mapping(table(["Raison sociale", "Ville", "CP", "Ville"]), MEMBERS, remembered={})
    assert mapping.fields == ("name", "city", "postcode", "")
    assert mapping.repeated_headers() == (
        "Le titre « Ville » figure sur les colonnes 2 et 4 : la colonne 2 est importée comme « Ville » ; "
        "les autres sont ignorées."
    )
    chosen = mapping.with_field(3, "address")
    assert "la colonne 2 est importée comme « Ville », la colonne 4 est importée comme « Adresse »." in chosen.repeated_headers()
    unused = propose_mapping(table(["Raison sociale", "Divers", "Divers", ""]), MEMBERS, remembered={})
    assert unused.fields == ("name", "", "", "") and unused.repeated_headers() == ""  # nothing imported twice


def test_the_remembered_file_is_private_and_written_through_no_planted_name(tmp_path):
    path = mappings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{}", encoding="utf-8")
    path.chmod(0o644)  # an older, world-readable file
    victim = tmp_path / "victime.txt"
    victim.write_text("intact", encoding="utf-8")
    path.with_suffix(".tmp").symlink_to(victim)  # the fixed temporary name it used to write through
    remember_mapping(propose_mapping(table(["Raison sociale", "Bureau"]), MEMBERS, remembered={}).with_field(1, "city"))
    assert victim.read_text(encoding="utf-8") == "intact"
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_remembered(MEMBERS)["bureau"] == "city"
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name, path.with_suffix(".tmp").name]  # nothing left behind
