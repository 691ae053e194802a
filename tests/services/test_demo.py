"""The 2020 demo data: the directory folded into real organisations, the governance, the facts as records."""

import pytest
from sqlalchemy import func
from sqlmodel import select

from coorace_desktop.domain import (
    BoardMandate,
    BureauOffice,
    Event,
    NationalMandate,
    Organisation,
    OrganisationType,
    Person,
    Site,
    SupportAction,
    YearlyFigures,
)
from coorace_desktop.services.demo import DemoError, load_demo
from coorace_desktop.services.health import counts


def test_counts_match_the_report(demo_database):
    numbers = counts(demo_database)
    assert numbers["organisations"] == 51
    assert numbers["sites"] == 52
    assert numbers["board_members"] == 15
    assert numbers["bureau_offices"] == 6
    assert numbers["staff"] == 5


def test_ailes_is_one_organisation_and_avie_has_two_sites(demo_database):
    with demo_database.session() as session:
        ailes = session.exec(select(Organisation).where(Organisation.name == "AILES")).all()
        assert len(ailes) == 1
        assert [s.department for s in session.exec(select(Site).where(Site.organisation_id == ailes[0].id))] == ["31"]
        avie = session.exec(select(Organisation).where(Organisation.name == "AVIE")).one()
        sites = session.exec(select(Site).where(Site.organisation_id == avie.id).order_by(Site.position)).all()
        assert [(s.city, s.department) for s in sites] == [("Villemur-sur-Tarn", "31"), ("Montauban", "82")]


def test_multi_type_members_keep_all_their_types(demo_database):
    with demo_database.session() as session:
        def types_of(name):
            query = select(OrganisationType.siae_type).join(Organisation).where(Organisation.name == name)
            return sorted(session.exec(query).all())
        assert types_of("IRISSE") == ["ACI", "AI", "GES"]
        assert types_of("HERISSON BELLOR") == ["ACI", "EI"]
        per_type = dict(session.exec(select(OrganisationType.siae_type, func.count()).group_by(OrganisationType.siae_type)).all())
    assert per_type == {"AI": 26, "ACI": 23, "ETTI": 3, "EI": 2, "GES": 1, "PS": 1}


def test_sites_hold_normalised_phones_and_derived_departments(demo_database):
    with demo_database.session() as session:
        quercy = session.exec(select(Site).join(Organisation).where(Organisation.name == "QUERCY CONTACTS")).one()
        departments = set(session.exec(select(Site.department)).all())
    assert quercy.phone == "05 65 31 83 80"
    assert departments == {"09", "12", "30", "31", "32", "34", "46", "48", "66", "81", "82"}


def test_board_bureau_and_national_seats(demo_database):
    with demo_database.session() as session:
        board = session.exec(
            select(Person.last_name, Organisation.name).join(BoardMandate, BoardMandate.person_id == Person.id)
            .join(Organisation, BoardMandate.organisation_id == Organisation.id)
        ).all()
        offices = dict(session.exec(
            select(BureauOffice.role, Person.last_name)
            .join(BoardMandate, BureauOffice.mandate_id == BoardMandate.id)
            .join(Person, BoardMandate.person_id == Person.id)
        ).all())
        national = sorted(session.exec(
            select(Person.last_name).join(BoardMandate, BoardMandate.person_id == Person.id)
            .join(NationalMandate, NationalMandate.mandate_id == BoardMandate.id)
        ).all())
    assert ("CHATRY", "INTER RELAIS") in board and ("PEGAS", "IDDEES") in board
    assert offices == {"president": "CHATRY", "vice_president": "FROGER", "treasurer": "PEGAS",
                       "deputy_treasurer": "FAURE", "secretary": "CABAL-SCHNEIDER", "member": "RICCI"}
    assert national == ["CHATRY", "RICCI"]


def test_report_counts_are_records_not_invented_names(demo_database):
    with demo_database.session() as session:
        fdi = session.exec(select(SupportAction).where(SupportAction.group_count == 26)).one()
        assert fdi.organisation_id is None
        cdiae = session.exec(select(Event).where(Event.title == "Participation aux CDIAE de la région")).one()
        assert cdiae.sessions == 23 and cdiae.starts_on is None
        rendezvous = session.exec(select(Event.title, Event.starts_on).where(Event.year == 2021, Event.starts_on.is_not(None))).all()
    assert {title for title, _ in rendezvous} == {"Assemblée générale 2021", "Journée régionale ENEDIS", "Congrès Coorace"}


def test_network_totals_are_recorded_as_such(demo_database):
    with demo_database.session() as session:
        totals = session.exec(select(YearlyFigures).where(YearlyFigures.year == 2020)).one()
    assert totals.organisation_id is None
    assert (totals.turnover, totals.insertion_employees, totals.permanent_staff, totals.fte) == (27_500_000, 4799, 337, 1469)


def test_demo_refuses_a_database_that_has_members(demo_database):
    with pytest.raises(DemoError, match="contient déjà"):
        load_demo(demo_database)
    assert counts(demo_database)["organisations"] == 51
