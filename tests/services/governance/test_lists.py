"""The Governance tab's list queries: the board on a date or of an assembly, search and sort in SQL."""

from datetime import date

from coorace_desktop.domain.governance_drafts import AssemblyDraft, MandateEndDraft
from coorace_desktop.domain.text import fold
from coorace_desktop.services.governance.board import end_mandate
from coorace_desktop.services.governance.lists import (
    assembly_choices,
    assembly_page,
    bureau_rows,
    count_assemblies,
    count_seats,
    count_staff,
    organisation_choices,
    seat_page,
    staff_page,
)
from coorace_desktop.services.governance.records import save_assembly
from coorace_desktop.services.listing import ListQuery

END_OF_2020 = date(2020, 12, 31)


def test_the_board_on_a_date_counts_and_pages(demo_database):
    query = ListQuery(filters={"on": END_OF_2020}, sort_key="organisation")
    assert count_seats(demo_database, query) == 15
    page = seat_page(demo_database, query, 10, 10)
    assert [s.organisation_name for s in page] == ["LE TREMPLIN", "QUERCY CONTACTS", "REGAIN", "RERTR", "TREMPLIN POUR L'EMPLOI"]
    assert count_seats(demo_database, ListQuery(filters={"on": date(2019, 1, 1)})) == 0


def test_search_is_accent_and_case_insensitive_on_person_and_organisation(demo_database):
    on = {"on": END_OF_2020}
    assert [s.person_name for s in seat_page(demo_database, ListQuery("célïne", on), 0, 50)] == ["Céline DILHAT"]
    assert [s.person_name for s in seat_page(demo_database, ListQuery("inter rel", on), 0, 50)] == ["Isabelle CHATRY"]
    assert count_seats(demo_database, ListQuery("tremplin", on)) == 2


def test_sort_by_department_then_descending(demo_database):
    query = ListQuery(filters={"on": END_OF_2020}, sort_key="department", descending=True)
    departments = [s.department for s in seat_page(demo_database, query, 0, 50)]
    assert departments == sorted(departments, reverse=True) and departments[0] == "82"


def test_an_assemblys_mandates_whatever_their_dates(demo_database):
    assembly = assembly_page(demo_database, ListQuery(), 0, 10)[0]
    seat = seat_page(demo_database, ListQuery(filters={"on": END_OF_2020}), 0, 1)[0]
    end_mandate(demo_database, MandateEndDraft(seat.mandate_id, seat.start_on, date(2021, 1, 1), "Démission"))
    query = ListQuery(filters={"assembly": assembly.id, "on": date(2022, 1, 1)})
    assert count_seats(demo_database, query) == 15
    ended = [s for s in seat_page(demo_database, query, 0, 50) if s.end_on]
    assert [(s.mandate_id, s.end_reason) for s in ended] == [(seat.mandate_id, "Démission")]
    assert count_seats(demo_database, ListQuery(filters={"on": date(2022, 1, 1)})) == 14


def test_the_ends_soon_filter(demo_database):
    seat = seat_page(demo_database, ListQuery(filters={"on": END_OF_2020}), 0, 1)[0]
    end_mandate(demo_database, MandateEndDraft(seat.mandate_id, seat.start_on, date(2021, 3, 31)))
    query = ListQuery(filters={"on": END_OF_2020, "ends_soon": True})
    assert [s.mandate_id for s in seat_page(demo_database, query, 0, 50)] == [seat.mandate_id]
    assert seat_page(demo_database, query, 0, 50)[0].ends_soon


def test_bureau_rows_follow_the_date(demo_database):
    assert [b.role_label for b in bureau_rows(demo_database, ListQuery(filters={"on": END_OF_2020}))][0] == "Présidente"
    assert bureau_rows(demo_database, ListQuery(filters={"on": date(2020, 1, 1)})) == []


def test_staff_all_posts_or_on_a_date_with_search(demo_database):
    assert count_staff(demo_database, ListQuery()) == 5
    assert [p.person_name for p in staff_page(demo_database, ListQuery("poujade"), 0, 10)] == ["Céline POUJADE"]
    by_person = staff_page(demo_database, ListQuery(sort_key="person"), 0, 10)
    assert [p.person_name for p in by_person][:2] == ["Nathalie DELCOUR", "Nicolas IMBERDIS"]


def test_assemblies_and_choices(demo_database):
    save_assembly(demo_database, AssemblyDraft(date(2021, 6, 24), "Toulouse"))
    assert count_assemblies(demo_database, ListQuery()) == 2
    rows = assembly_page(demo_database, ListQuery(sort_key="held_on", descending=True), 0, 10)
    assert [(r.held_on, r.elected, r.kind_label) for r in rows] == [(date(2021, 6, 24), 0, "Ordinaire"), (date(2020, 7, 2), 15, "Ordinaire")]
    assert [c.label for c in assembly_choices(demo_database)] == ["AG ordinaire du 24/06/2021 (Toulouse)", "AG ordinaire du 02/07/2020"]
    labels = [c.label for c in organisation_choices(demo_database)]
    assert len(labels) == 51 and "INTER RELAIS (31)" in labels and labels == sorted(labels, key=fold)
