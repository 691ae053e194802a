"""Files that are not what they should be: a French message and the previous table kept, or a
clean import of what is valid with the rest counted."""

import json

import pytest

from coorace_desktop.services.reference.reading import ReferenceFileError
from coorace_desktop.services.reference.store import import_reference, reference_status
from tests.services.reference.fixtures import (
    Entry,
    make_siret,
    write_data_inclusion_csv,
    write_data_inclusion_json,
    write_emplois_pages,
)


def entries(count: int, first: int = 0) -> list[Entry]:
    return [Entry(make_siret(first + n), f"SIAE {first + n}", ("ACI",), "1 rue", "31000", "Toulouse") for n in range(count)]


@pytest.fixture
def imported(database, tmp_path):
    """A reference of 10 entries already there, which a refused file must leave untouched."""
    return import_reference(database, [write_data_inclusion_json(tmp_path / "first.json", entries(10))])


def refused(database, path, *words: str) -> None:
    before = reference_status(database)
    with pytest.raises(ReferenceFileError) as error:
        import_reference(database, [path])
    for word in words:
        assert word in str(error.value)
    assert reference_status(database) == before


def test_empty_file(database, imported, tmp_path):
    (tmp_path / "vide.json").write_bytes(b"")
    refused(database, tmp_path / "vide.json", "vide.json est vide")
    (tmp_path / "liste.json").write_text("[ ]")
    refused(database, tmp_path / "liste.json", "aucune structure", "conservé")


def test_broken_json_after_many_entries(database, imported, tmp_path):
    path = write_data_inclusion_json(tmp_path / "coupe.json", entries(3_000, first=100))
    path.write_bytes(path.read_bytes()[:-500])  # truncated while downloading
    refused(database, path, "coupe.json n'est pas un JSON lisible", "tronqué")
    path.write_text('[{"nom": "A", "siret": "1"} {"nom": "B"}]')
    refused(database, path, "après l'entrée n° 1")
    (tmp_path / "page.json").write_text('{"results": [')
    refused(database, tmp_path / "page.json", "page.json n'est pas un JSON lisible")


def test_another_shape(database, imported, tmp_path):
    (tmp_path / "autre.json").write_text(json.dumps([{"title": "Réunion", "date": "2026-01-01"}]))
    refused(database, tmp_path / "autre.json", "n'est pas un fichier de structures de data·inclusion")
    (tmp_path / "autre.csv").write_text("Raison sociale;Ville\nAJE;Pamiers\n", encoding="utf-8")
    refused(database, tmp_path / "autre.csv", "colonnes siret et nom attendues", "Raison sociale")
    (tmp_path / "objet.json").write_text(json.dumps({"data": []}))
    refused(database, tmp_path / "objet.json", "pas de liste « results »")
    (tmp_path / "latin1.csv").write_bytes("id,nom,siret\n1,Entraide Cévenole,1\n".encode("cp1252"))
    refused(database, tmp_path / "latin1.csv", "n'est pas en UTF-8")


def test_nothing_valid_is_refused_with_the_counts(database, imported, tmp_path):
    invalid = [Entry("12345678901234", "Fausse", ("ACI",), "", "31000", "Toulouse")] * 2
    refused(database, write_data_inclusion_csv(tmp_path / "faux.csv", invalid), "2 SIRET invalides", "conservé")


def test_duplicates_and_invalid_checksums_counted(database, tmp_path):
    good = entries(20)
    bad = [Entry(make_siret(500)[:-1] + str((int(make_siret(500)[-1]) + 1) % 10), "Chiffre faux", ("EI",), "", "31000", "Toulouse")]
    not_siae = [Entry(make_siret(600), "Mairie", ("MUNI",), "", "31000", "Toulouse", networks=())]
    without = [Entry("", "Sans SIRET", ("ACI",), "", "31000", "Toulouse")]
    for write in (write_data_inclusion_json, write_data_inclusion_csv):
        path = write(tmp_path / f"f{write.__name__[-4:]}", good + good[:3] + bad + not_siae + without)
        status = import_reference(database, [path])
        assert (status.entries, status.duplicates, status.invalid_siret, status.other_kinds, status.without_siret) == (20, 3, 1, 1, 1)
        assert "3 doublons" in status.summary() and "1 SIRET invalide" in status.summary()


def test_emplois_lists_one_entry_per_type(database, tmp_path):
    """The API gives an SIAE holding two agreements twice: one entry with both types, no duplicate."""
    both = Entry(make_siret(1), "Régie de quartier", ("ACI", "EI"), "2 place", "34000", "Montpellier")
    paths = write_emplois_pages(tmp_path, [both, *entries(5, first=10)], per_page=2)
    assert len(paths) == 3
    status = import_reference(database, paths)
    assert (status.entries, status.duplicates) == (6, 0)
    from coorace_desktop.services.reference.matching import reference_overview

    prospect = next(p for p in reference_overview(database).prospects if p.siret == both.siret)
    assert prospect.types == ("ACI", "EI") and prospect.department == "34"


def test_sources_are_not_mixed(database, tmp_path):
    data_inclusion = write_data_inclusion_json(tmp_path / "di.json", entries(2))
    pages = write_emplois_pages(tmp_path, entries(2, first=5))
    with pytest.raises(ReferenceFileError, match="une seule source"):
        import_reference(database, [data_inclusion, *pages])
