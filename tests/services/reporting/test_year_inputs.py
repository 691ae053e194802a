"""The year's report inputs: rapport moral, resources, partners; bad input changes nothing."""

import pytest

from coorace_desktop.domain.enums import ResourceKind
from coorace_desktop.domain.reporting_rules import PartnerInput, ReportTextInput, ResourceInput
from coorace_desktop.domain.validation import DraftInvalid
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.reporting import year_inputs as reporting


def test_report_text_round_trip_and_signatory_required(database):
    assert reporting.report_text(database, 2021) == ReportTextInput(2021)
    reporting.save_report_text(database, ReportTextInput(2021, "  Bonjour.\n\nMerci.  ", " Isabelle   Chatry ", "Présidente"))
    saved = reporting.report_text(database, 2021)
    assert (saved.moral_report, saved.signatory_name) == ("Bonjour.\n\nMerci.", "Isabelle Chatry")
    with pytest.raises(DraftInvalid) as raised:
        reporting.save_report_text(database, ReportTextInput(2021, "Autre texte", ""))
    assert "signatory_name" in raised.value.errors
    assert reporting.report_text(database, 2021).moral_report == "Bonjour.\n\nMerci."


def test_demo_resources_are_the_published_shares(demo_database):
    lines = reporting.resources(demo_database, 2020)
    assert [(line.label, line.share_percent) for line in lines] == [
        ("Prestations", 16), ("Subventions", 65), ("Cotisations", 16), ("Autres", 3),
    ]


def test_resources_with_amounts_get_computed_shares(database):
    reporting.save_resources(
        database, 2021, [ResourceInput(ResourceKind.SUBSIDIES, 75_000), ResourceInput(ResourceKind.FEES, 25_000), ResourceInput(ResourceKind.OTHER)]
    )
    lines = reporting.resources(database, 2021)
    assert [(line.kind, line.amount, line.share_percent) for line in lines] == [
        (ResourceKind.SUBSIDIES, 75_000, 75.0), (ResourceKind.FEES, 25_000, 25.0),
    ]


@pytest.mark.parametrize(
    "entries, key",
    [
        ([ResourceInput(ResourceKind.FEES, -1)], "fees.amount"),
        ([ResourceInput(ResourceKind.FEES, share_percent=120)], "fees.share_percent"),
        ([ResourceInput(ResourceKind.FEES, share_percent=60), ResourceInput(ResourceKind.OTHER, share_percent=50)], "shares"),
    ],
)
def test_bad_resources_change_nothing(demo_database, entries, key):
    with pytest.raises(DraftInvalid) as raised:
        reporting.save_resources(demo_database, 2020, entries)
    assert key in raised.value.errors
    assert len(reporting.resources(demo_database, 2020)) == 4


def test_partners_by_year_and_crud(database):
    first = reporting.save_partner(database, PartnerInput("  Région   Occitanie ", since_year=2018))
    second = reporting.save_partner(database, PartnerInput("ENEDIS", "Partenariat RSE", 2019, 2020))
    assert [row.name for row in reporting.partners(database, 2021)] == ["Région Occitanie"]
    assert [row.name for row in reporting.partners(database, 2020)] == ["ENEDIS", "Région Occitanie"]
    reporting.save_partner(database, PartnerInput("ENEDIS", "Mécénat", 2019, None), second)
    assert [row.description for row in reporting.partners(database, 2025)] == ["Mécénat", ""]
    with pytest.raises(DraftInvalid):
        reporting.save_partner(database, PartnerInput("X", since_year=2021, until_year=2020))
    with pytest.raises(reporting.PartnerNotFoundError):
        reporting.save_partner(database, PartnerInput("Y"), 999)
    assert reporting.delete_partners(database, [first]) == 1
    assert [row.name for row in reporting.partners(database)] == ["ENEDIS"]


def test_partner_page_sorts_in_sql(database):
    for name, since in (("Région Occitanie", 2018), ("ENEDIS", 2019), ("Direccte", None)):
        reporting.save_partner(database, PartnerInput(name, since_year=since))
    assert reporting.count_partners(database, ListQuery()) == 3
    names = [row.name for row in reporting.partner_page(database, ListQuery(sort_key="name"), 0, 10)]
    assert names == ["Direccte", "ENEDIS", "Région Occitanie"]
    newest = reporting.partner_page(database, ListQuery(sort_key="since", descending=True), 0, 1)
    assert newest[0].name == "ENEDIS"


def test_report_years_are_those_with_something_recorded(demo_database, database):
    assert reporting.report_years(demo_database) == [2020, 2018]  # 2021 holds only planned events
    assert reporting.report_years(database) == []
