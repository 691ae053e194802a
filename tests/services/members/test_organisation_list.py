"""The members list query: accent-insensitive search, filters, sort on every column, paging."""

from dataclasses import replace
from datetime import date

import pytest

from coorace_desktop.domain.enums import FeeStatus, MembershipStatus, PaymentMethod, SiaeType
from coorace_desktop.domain.members import MembershipDraft, OrganisationDraft, SiteDraft
from coorace_desktop.domain.text import fold
from coorace_desktop.services.fees.calls import cancel_call, generate_calls
from coorace_desktop.services.fees.fee_list import FEE_STATUS_ORDER
from coorace_desktop.services.fees.payments import PaymentInput, called_fee, record_payment
from coorace_desktop.services.fees.reminders import due_reminders, record_reminders
from coorace_desktop.services.fees.scale import ScaleInput, save_scale
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.members import organisations as members
from coorace_desktop.services.members.organisation_list import (
    FEE_YEAR_FILTER,
    count_members,
    list_members,
    member_departments,
    member_ids,
)

TODAY = date(2026, 11, 27)


def names(database, query: ListQuery) -> list[str]:
    return [row.name for row in list_members(database, query, 0, 1000, TODAY)]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("herisson", "HERISSON BELLOR"),
        ("HÉRISSON bellor", "HERISSON BELLOR"),
        ("mazères", "HERISSON BELLOR"),  # city
        ("pr.hb@wanadoo", "HERISSON BELLOR"),  # e-mail
        ("slupek", "AILES"),  # contact name
        ("montauban avie", "AVIE"),  # every word, in any field
    ],
)
def test_search_is_accent_and_case_insensitive_over_name_city_email_contacts(demo_database, typed, expected):
    assert names(demo_database, ListQuery(search=typed)) == [expected]
    assert count_members(demo_database, ListQuery(search=typed), TODAY) == 1


def test_filters_by_type_department_and_status(demo_database):
    assert names(demo_database, ListQuery(filters={"type": SiaeType.GES})) == ["IRISSE"]
    in_82 = names(demo_database, ListQuery(filters={"department": "82"}))
    assert "AVIE" in in_82 and "JARDINS MONTALBANAIS" in in_82
    both = ListQuery(filters={"department": "82", "type": SiaeType.AI})
    assert set(names(demo_database, both)) < set(in_82)
    assert count_members(demo_database, ListQuery(filters={"status": MembershipStatus.ACTIVE}), TODAY) == 51
    assert "31" in member_departments(demo_database) and "" not in member_departments(demo_database)


def test_status_follows_membership_periods(database):
    def add(name: str, *periods: MembershipDraft) -> None:
        members.save_organisation(database, OrganisationDraft(name=name, memberships=periods))

    add("Actif", MembershipDraft(date(2010, 1, 1)))
    add("Part en fin d'année", MembershipDraft(date(2010, 1, 1), date(2026, 12, 31)))
    add("Parti", MembershipDraft(date(2010, 1, 1), date(2020, 12, 31)))
    add("Jamais adhérent")
    by_status = {s: names(database, ListQuery(filters={"status": s})) for s in MembershipStatus}
    assert by_status == {
        MembershipStatus.ACTIVE: ["Actif", "Part en fin d'année"],
        MembershipStatus.FORMER: ["Parti"],
        MembershipStatus.PROSPECT: ["Jamais adhérent"],
    }
    # The page's rows compute the status per row; the filter, over a set: the same rule.
    for status in MembershipStatus:
        rows = list_members(database, ListQuery(filters={"status": status}), 0, 10, TODAY)
        assert {row.status for row in rows} == {status}


def test_members_of_a_period_as_the_dashboard_counts_them(database):
    def add(name: str, periods: tuple[MembershipDraft, ...]) -> int:
        return members.save_organisation(database, OrganisationDraft(name=name, memberships=periods))

    add("Toujours", (MembershipDraft(date(2010, 1, 1)),))
    add("Partie le 01/06/2024", (MembershipDraft(date(2010, 1, 1), date(2024, 6, 1)),))
    add("Arrivée en 2025", (MembershipDraft(date(2025, 1, 1)),))
    add("Jamais adhérente", ())
    during = "member_during"
    assert names(database, ListQuery(filters={during: (date(2024, 1, 1), date(2024, 12, 31))})) == ["Partie le 01/06/2024", "Toujours"]
    assert names(database, ListQuery(filters={during: (date(2024, 6, 1), date(2024, 12, 31))})) == ["Toujours"]  # its last day was 31/05
    assert names(database, ListQuery(filters={during: (date(2025, 3, 1), date(2025, 3, 31))})) == ["Arrivée en 2025", "Toujours"]


def test_rows_carry_what_the_table_shows(demo_database):
    avie_id = next(r.id for r in list_members(demo_database, ListQuery(search="avie"), 0, 5, TODAY))
    draft = members.get_organisation(demo_database, avie_id)
    members.save_organisation(demo_database, replace(draft, memberships=(MembershipDraft(date(2012, 5, 1)),)))
    for year in (2025, 2026):
        save_scale(demo_database, ScaleInput(year, minimum=300))
        generate_calls(demo_database, year, {avie_id}, called_on=date(year, 2, 1))
    record_payment(demo_database, called_fee(demo_database, avie_id, 2026), PaymentInput("300", date(2026, 3, 1), PaymentMethod.CHEQUE))
    record_payment(demo_database, called_fee(demo_database, avie_id, 2025), PaymentInput("100", date(2025, 3, 1), PaymentMethod.CHEQUE))
    (row,) = list_members(demo_database, ListQuery(search="avie"), 0, 5, TODAY)
    assert (row.types_text, row.departments_text, row.city) == ("AI", "31, 82", "Villemur-sur-Tarn")
    assert (row.member_since, row.status, row.fee_status, row.fee_paid_on) == (
        date(2012, 5, 1), MembershipStatus.ACTIVE, FeeStatus.PAID, date(2026, 3, 1)
    )
    (next_year,) = list_members(demo_database, ListQuery(search="avie"), 0, 5, date(2027, 1, 2))
    assert next_year.fee_status == FeeStatus.NOT_CALLED
    # The status of a chosen year.
    (chosen,) = list_members(demo_database, ListQuery(search="avie", filters={FEE_YEAR_FILTER: 2025}), 0, 5, TODAY)
    assert (chosen.fee_status, chosen.fee_paid_on) == (FeeStatus.PARTIAL, date(2025, 3, 1))


SORT_VALUES = {
    "name": lambda r: fold(r.name),
    "city": lambda r: r.city.lower(),
    "phone": lambda r: r.phone,
    "email": lambda r: r.email.lower(),
    "departments": lambda r: r.departments[0],
    "status": lambda r: list(MembershipStatus).index(r.status),
    "fee": lambda r: list(FEE_STATUS_ORDER).index(r.fee_status),
    "member_since": lambda r: r.member_since or date.min,
    "types": lambda r: [-sum(1 << (7 - list(SiaeType).index(t)) for t in r.types)],
}


@pytest.mark.parametrize("key", SORT_VALUES)
def test_every_column_sorts_both_ways_in_sql(demo_database, key):
    ascending = list_members(demo_database, ListQuery(sort_key=key), 0, 1000, TODAY)
    descending = list_members(demo_database, ListQuery(sort_key=key, descending=True), 0, 1000, TODAY)
    values = [SORT_VALUES[key](row) for row in ascending]
    assert values == sorted(values)
    assert [SORT_VALUES[key](row) for row in descending] == sorted(values, reverse=True)
    assert len(ascending) == 51


def test_fee_sort_orders_by_the_status_of_the_chosen_year_as_shown(demo_database):
    """The sort joins the year's statuses once (year_fee_ranks): its order must be the order of the
    statuses the rows show, for the year chosen, each status by name, with every organisation once."""
    active = list_members(demo_database, ListQuery(sort_key="name", filters={"status": "active"}), 0, 5, TODAY)
    called = dict(zip(("paid", "partial", "cancelled", "reminded", "called"), (row.id for row in active), strict=True))
    for year in (2025, 2026):
        save_scale(demo_database, ScaleInput(year, minimum=300))
        generate_calls(demo_database, year, set(called.values()), called_on=date(year, 2, 1))
    pay = lambda name, year, amount: record_payment(  # noqa: E731
        demo_database, called_fee(demo_database, called[name], year), PaymentInput(amount, date(year, 3, 1), PaymentMethod.CHEQUE)
    )
    pay("paid", 2026, "300")  # paid
    pay("partial", 2026, "100")  # partial
    pay("paid", 2025, "50")  # partial in 2025
    pay("reminded", 2025, "300")  # paid in 2025
    cancel_call(demo_database, called_fee(demo_database, called["cancelled"], 2026), date(2026, 4, 1))
    reminders = [due for due in due_reminders(demo_database, 2026, date(2026, 10, 1)) if due.fee.id == called["reminded"]]
    record_reminders(demo_database, reminders, date(2026, 10, 1))  # the last stays called

    def order(query: ListQuery) -> list[tuple[FeeStatus, str, int]]:
        return [(row.fee_status, fold(row.name), row.id) for row in list_members(demo_database, query, 0, 1000, TODAY)]

    def rank(item: tuple[FeeStatus, str, int]) -> tuple[int, str, int]:
        return FEE_STATUS_ORDER.index(item[0]), item[1], item[2]

    for year in (None, 2025):
        query = ListQuery(sort_key="fee", filters={FEE_YEAR_FILTER: year} if year else {})
        ascending, descending = order(query), order(replace(query, descending=True))
        assert ascending == sorted(ascending, key=rank) and len(ascending) == 51
        assert [item[0] for item in descending] == sorted((item[0] for item in ascending), key=FEE_STATUS_ORDER.index, reverse=True)
        assert member_ids(demo_database, query, TODAY) == [
            row.id for row in list_members(demo_database, query, 0, 1000, TODAY)
        ]
    statuses = {organisation_id: status for status, _, organisation_id in order(ListQuery(sort_key="fee"))}
    assert {name: statuses[called[name]] for name in called} == {name: FeeStatus(name) for name in called}
    assert set(statuses.values()) == set(FeeStatus)  # the others not called
    in_2025 = {organisation_id: status for status, _, organisation_id in order(ListQuery(sort_key="fee", filters={FEE_YEAR_FILTER: 2025}))}
    assert [in_2025[called[name]] for name in ("paid", "reminded", "partial")] == [FeeStatus.PARTIAL, FeeStatus.PAID, FeeStatus.CALLED]


def test_types_sort_groups_by_first_type(demo_database):
    texts = [row.types_text for row in list_members(demo_database, ListQuery(sort_key="types"), 0, 1000, TODAY)]
    assert texts[0].startswith("AI") and texts.index("AI/ACI/GES") < texts.index("ACI")
    assert texts[-1] == "P'S"


def test_pages_are_stable_and_complete(demo_database):
    query = ListQuery(sort_key="city")
    whole = [row.id for row in list_members(demo_database, query, 0, 1000, TODAY)]
    paged = [row.id for offset in range(0, 60, 7) for row in list_members(demo_database, query, offset, 7, TODAY)]
    assert paged == whole and len(set(whole)) == 51


def test_organisations_without_sites_are_listed_with_empty_cells(database):
    members.save_organisation(database, OrganisationDraft(name="Sans site"))
    members.save_organisation(database, OrganisationDraft(name="Avec site", sites=(SiteDraft(city="Foix", postcode="09000"),)))
    rows = list_members(database, ListQuery(sort_key="city"), 0, 10, TODAY)
    assert [(r.name, r.city, r.departments) for r in rows] == [("Sans site", "", ()), ("Avec site", "Foix", ("09",))]
