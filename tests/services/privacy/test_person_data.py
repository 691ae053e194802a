"""GDPR: export everything held about a person; erase them so that counts and history stay true."""

import json
import stat
from datetime import date

import pytest
from sqlmodel import select

from coorace_desktop.domain import Contact, Organisation, Person
from coorace_desktop.services.health import counts
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.privacy.export import export_person
from coorace_desktop.services.privacy.mentions import name_patterns
from coorace_desktop.services.privacy.person_data import (
    PersonRecord,
    PrivacyRefusal,
    count_persons,
    erase_person,
    find_persons,
    list_persons,
    person_record,
)

TODAY = date(2026, 11, 27)


def person_id(database, text):
    (found,) = find_persons(database, text)
    return found.id


def test_find_persons_is_accent_and_case_insensitive_and_accepts_a_number(demo_database):
    (chatry,) = find_persons(demo_database, "isabelle CHÂTRY")
    assert chatry.display_name == "Isabelle CHATRY"
    assert find_persons(demo_database, str(chatry.id)) == [chatry]
    assert len(find_persons(demo_database, "")) == 20


def test_the_record_of_the_president_holds_her_seat_office_contact_and_mentions(demo_database):
    record = person_record(demo_database, person_id(demo_database, "chatry"))
    assert [c.role for c in record.contacts] == ["Administrateur·rice de Coorace Occitanie"]
    (seat,) = record.board
    assert seat.elected_at == date(2020, 7, 2) and seat.period.end_on is None
    assert [role for role, _period in seat.offices] == ["Présidente"]
    assert record.staff == ()
    places = [mention.place for mention in record.mentions]
    assert "Rapport 2020 (signataire)" in places


def test_the_record_of_a_staff_member(demo_database):
    record = person_record(demo_database, person_id(demo_database, "imberdis"))
    (post,) = record.staff
    assert post.job_title == "Secrétaire général" and post.site == "Toulouse"
    assert record.board == () and record.contacts == ()


def test_text_export_is_readable_french_and_private(demo_database, tmp_path):
    target = export_person(demo_database, person_id(demo_database, "chatry"), tmp_path / "chatry.txt", TODAY)
    text = target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert text.startswith("Données personnelles détenues par Coorace Occitanie\n")
    assert "Document établi le 27/11/2026." in text
    assert "Conseil d'administration (1)\n  - représente " in text
    assert "depuis le 02/07/2020, élu·e à l'assemblée générale du 02/07/2020" in text
    assert "    Bureau : Présidente depuis le 02/07/2020" in text
    assert "Équipe salariée (0)\n  (néant)" in text
    assert "E-mail : (non renseigné)" in text


def test_json_export_is_structured(demo_database, tmp_path):
    target = export_person(demo_database, person_id(demo_database, "imberdis"), tmp_path / "imberdis.json", TODAY)
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["exported_on"] == "2026-11-27"
    assert document["person"]["last_name"] == "IMBERDIS"
    assert document["person"]["staff"][0]["job_title"] == "Secrétaire général"


def test_erasure_blanks_the_person_and_keeps_counts_and_history(demo_database):
    chatry = person_id(demo_database, "chatry")
    with demo_database.session() as session:
        person = session.get(Person, chatry)
        person.email, person.phone, person.notes = "i.chatry@exemple.fr", "05 61 00 00 00", "Préfère le téléphone."
        session.add(person)
    before = counts(demo_database)
    erasure = erase_person(demo_database, chatry, TODAY)
    assert erasure.former_name == "Isabelle CHATRY"
    assert (erasure.contacts, erasure.board_seats, erasure.staff_posts) == (1, 1, 0)
    assert any(m.place == "Rapport 2020 (signataire)" for m in erasure.mentions)
    assert counts(demo_database) == before
    record = person_record(demo_database, chatry)
    assert (record.first_name, record.email, record.phone, record.notes) == ("", "", "", "")
    assert record.last_name == f"Personne effacée n° {chatry}" and record.erased_on == TODAY
    assert [role for role, _ in record.board[0].offices] == ["Présidente"]  # the bureau's history stays true
    assert find_persons(demo_database, "chatry") == []
    assert find_persons(demo_database, "chatry", include_erased=True) == []
    assert [p.id for p in find_persons(demo_database, "effacee", include_erased=True)] == [chatry]
    with demo_database.session() as session:
        organisation = session.exec(
            select(Organisation).join(Contact, Contact.organisation_id == Organisation.id).where(Contact.person_id == chatry)
        ).one()
        assert "isabelle chatry" not in organisation.search_key and organisation.name_key in organisation.search_key


def test_erasing_twice_or_nobody_is_refused_in_french(demo_database):
    chatry = person_id(demo_database, "chatry")
    erase_person(demo_database, chatry, TODAY)
    with pytest.raises(PrivacyRefusal, match="déjà été effacée le 27/11/2026"):
        erase_person(demo_database, chatry, TODAY)
    with pytest.raises(PrivacyRefusal, match="Aucune personne n° 9999"):
        erase_person(demo_database, 9999)


def test_the_export_of_an_erased_person_says_so_and_names_nobody(demo_database, tmp_path):
    chatry = person_id(demo_database, "chatry")
    erase_person(demo_database, chatry, TODAY)
    text = export_person(demo_database, chatry, tmp_path / "x.txt", TODAY).read_text(encoding="utf-8")
    assert "effacées le 27/11/2026" in text
    assert "chatry" not in text.lower() and "isabelle" not in text.lower()


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [("Isabelle", "Chatry", ["isabelle chatry", "chatry isabelle"]), ("", "Héritier", ["heritier"]), ("Jo", "", [])],
)
def test_name_patterns(first, last, expected):
    assert name_patterns(first, last) == expected


def test_the_persons_list_searches_filters_and_sorts_in_sql(demo_database):
    erase_person(demo_database, person_id(demo_database, "chatry"), TODAY)
    everyone = ListQuery(sort_key="name")
    assert count_persons(demo_database, everyone) == 20
    assert count_persons(demo_database, everyone.with_filter("erased", True)) == 1
    assert count_persons(demo_database, everyone.with_filter("erased", False)) == 19
    names = [p.last_name for p in list_persons(demo_database, everyone.with_filter("erased", False), 0, 100)]
    assert names == sorted(names, key=str.casefold) and len(names) == 19
    page = list_persons(demo_database, everyone, 5, 3)
    assert [p.id for p in page] == [p.id for p in list_persons(demo_database, everyone, 0, 100)[5:8]]
    (found,) = list_persons(demo_database, ListQuery(search="IMBÉRDIS"), 0, 10)
    assert found.first_name == "Nicolas"


def test_a_closed_report_naming_the_person_is_listed_among_the_mentions(demo_database):
    from coorace_desktop.services.reporting.closing import close_year

    facts = {"board": {"seats": [{"person_name": "Isabelle Chatry", "department": "31"}]}, "staff": []}
    close_year(demo_database, 2020, b"%PDF-1.4", facts, "Claire", pages=1, records={})
    places = [mention.place for mention in person_record(demo_database, person_id(demo_database, "chatry")).mentions]
    assert "Rapport 2020 clos (gardé tel qu'envoyé)" in places
    others = [mention.place for mention in person_record(demo_database, person_id(demo_database, "imberdis")).mentions]
    assert not any("clos" in place for place in others)


def test_registrations_are_in_the_export_and_survive_erasure_as_anonymous_counts(demo_database, tmp_path):
    from coorace_desktop.domain.enums import AttendanceStatus
    from coorace_desktop.services.events.commands import event_figures
    from coorace_desktop.services.events.registrations import event_attendance, set_attendance
    from tests.attendance_scenario import make_training

    training = make_training(demo_database)
    chatry = person_id(demo_database, "chatry")
    set_attendance(demo_database, training.event_id, 2, {chatry: AttendanceStatus.PRESENT})
    record = person_record(demo_database, chatry)
    assert [(line.session, line.status) for line in record.registrations] == [(1, "Inscrit·e"), (2, "Présent·e"), (3, "Inscrit·e")]
    text = export_person(demo_database, chatry, tmp_path / "chatry.txt", TODAY).read_text(encoding="utf-8")
    assert "Inscriptions à des événements (3)\n  - Formation des encadrants techniques (06/10/2020), séance 1 sur 3" in text
    assert "  - Formation des encadrants techniques (06/10/2020), séance 2 sur 3 pour INTER RELAIS : Présent·e\n" in text
    year = (date(2020, 1, 1), date(2020, 12, 31))
    before = event_figures(demo_database, *year)
    erasure = erase_person(demo_database, chatry, TODAY)
    assert erasure.registrations == 3
    after = event_figures(demo_database, *year)
    assert (after.persons_reached, after.participants, after.reached) == (before.persons_reached, before.participants, before.reached) != (0, 0, 0)
    people = event_attendance(demo_database, training.event_id).people
    assert len(people) == 25 and f"Personne effacée n° {chatry}" in {p.last_name for p in people}
    assert "CHATRY" not in {p.last_name for p in people}


@pytest.mark.parametrize(("held", "said"), [
    ((0, 1, 0), "0 contact, 1 mandat au conseil et 0 poste dans l'équipe"),
    ((2, 3, 2), "2 contacts, 3 mandats au conseil et 2 postes dans l'équipe"),
])
def test_what_an_erasure_keeps_agrees_with_its_counts(held, said):
    """The erasure's question (window and command line) said « 1 mandat(s) »."""
    contacts, board, staff = ((None,) * count for count in held)
    record = PersonRecord(1, "Isabelle", "Chatry", "", "", "", None, contacts, board, staff, ())
    assert record.roles == said
