"""Key figures, member counts and year-on-year changes: what they count and how complete they are."""

from datetime import date

from sqlalchemy import insert

from coorace_desktop.domain.enums import SiaeType
from coorace_desktop.domain.members import FiguresDraft
from coorace_desktop.domain.organisations import YearlyFigures
from coorace_desktop.services.reporting import member_figures as figures
from coorace_desktop.services.reporting.member_figures import Basis
from tests.services.report_helpers import add_member


def test_demo_counts_organisations_and_agreement_types_separately(demo_database):
    counts = figures.member_counts(demo_database, 2020)
    assert counts.reading == "51 structures adhérentes, 56 conventionnements"
    assert [(entry.siae_type, entry.organisations) for entry in counts.by_type] == [
        (SiaeType.AI, 26), (SiaeType.ACI, 23), (SiaeType.ETTI, 3), (SiaeType.EI, 2), (SiaeType.GES, 1), (SiaeType.PS, 1),
    ]
    by_code = {entry.code: entry for entry in counts.by_department}
    assert by_code["31"].organisations == 15 and by_code["82"].organisations == 3
    # AILES is listed under 31 only (one site); AVIE counts in 31 and in 82.
    assert counts.in_several_departments == ("AVIE",)
    assert sum(entry.sites for entry in counts.by_department) == 52
    assert counts.without_site == 0


def test_demo_key_figures_are_the_network_totals_and_say_so(demo_database):
    key = figures.key_figures(demo_database, 2020)
    assert {figure.basis for figure in key.figures} == {Basis.NETWORK}
    assert key.get("turnover").value == 27_500_000
    assert key.get("insertion_employees").value == 4799
    assert key.get("insertion_hours") is None  # never published: not printed as 0
    assert key.completeness.startswith("totaux du réseau publiés (Rapport d'activité 2020")


def test_demo_changes_against_2018_match_the_published_ones(demo_database):
    assert figures.default_reference_year(demo_database, 2020) == 2018
    changes = {change.measure: round(change.ratio * 100, 1) for change in figures.year_changes(demo_database, 2020, 2018)}
    assert changes == {"turnover": -4.0, "public_funding": 13.0, "insertion_employees": -9.6}


def test_members_figures_are_summed_and_say_how_many_members_sent_them(database):
    add_member(database, "Alpha", figures=(FiguresDraft(2020, turnover=1000, insertion_employees=10),))
    add_member(database, "Beta", figures=(FiguresDraft(2020, turnover=500),))
    add_member(database, "Gamma")
    with database.session() as session:  # a network total too: members' sums win where they exist
        session.execute(insert(YearlyFigures), [{"organisation_id": None, "year": 2020, "turnover": 9, "permanent_staff": 7}])
    key = figures.key_figures(database, 2020)
    assert (key.get("turnover").value, key.get("turnover").basis, key.get("turnover").reporting) == (1500, Basis.MEMBERS, 2)
    assert key.get("insertion_employees").reporting == 1
    assert key.get("permanent_staff").basis is Basis.NETWORK
    assert key.completeness.startswith("chiffres de 1 à 2 adhérents sur 3 selon l'indicateur ; totaux du réseau publiés")
    assert [name for _, name in figures.members_missing_figures(database, 2020)] == ["Gamma"]


def test_single_coverage_reads_like_the_issue(database):
    for name in ("A", "B"):
        add_member(database, name, figures=(FiguresDraft(2020, turnover=10),))
    add_member(database, "C")
    assert figures.key_figures(database, 2020).completeness == "chiffres de 2 adhérents sur 3"


def test_changes_compare_only_members_known_both_years(database):
    add_member(database, "Alpha", figures=(FiguresDraft(2019, turnover=100), FiguresDraft(2020, turnover=110)))
    add_member(database, "Beta", figures=(FiguresDraft(2020, turnover=5000),))  # new: no 2019 figure
    [change] = figures.year_changes(database, 2020, 2019)
    assert (change.value, change.reference_value, change.panel) == (110, 100, 1)
    assert round(change.ratio, 3) == 0.1


def test_the_year_members_are_those_whose_membership_overlaps_it(database):
    add_member(database, "Left in 2019", left_on=date(2019, 6, 30))
    add_member(database, "Joined in 2021", joined_on=date(2021, 2, 1))
    add_member(database, "Left in March 2020", left_on=date(2020, 3, 31))
    add_member(database, "Always")
    assert figures.member_counts(database, 2020).organisations == 2


def test_member_without_site_is_counted_apart(database):
    add_member(database, "Nowhere", sites=())
    counts = figures.member_counts(database, 2020)
    assert (counts.organisations, counts.without_site, counts.by_department) == (1, 1, ())
