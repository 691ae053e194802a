"""The fee campaign on the demo data, as the issue's done-when says it: a 2021 scale of three
brackets, its preview, 51 calls, 10 payments (two partial), the totals, the reminders."""

from datetime import date

from coorace_desktop.domain.enums import FeeStatus
from coorace_desktop.domain.french import whole_euros
from coorace_desktop.services.fees.calls import cancel_call, generate_calls
from coorace_desktop.services.fees.fee_list import OWED, STATUS, YEAR, fee_totals, list_fees, year_totals
from coorace_desktop.services.fees.reminders import due_reminders, record_reminders
from coorace_desktop.services.fees.scale import preview
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.reporting.check import check_report
from tests import fee_campaign as campaign


def test_the_preview_names_members_without_the_figure_and_gives_the_others_their_bracket(demo_database):
    members = campaign.prepare_scale(demo_database)
    lines = preview(demo_database, campaign.YEAR)
    assert [line.name for line in lines] == [name for _, name in members] and len(lines) == 51
    missing = [line.name for line in lines if line.missing_figure]
    assert missing == [name for _, name in members[:campaign.WITHOUT_FIGURES]]
    for n, line in enumerate(lines[campaign.WITHOUT_FIGURES:], start=campaign.WITHOUT_FIGURES):
        assert (line.figure, line.amount) == (campaign.headcount(n), campaign.expected_amount(n))
    # Without a figure nobody is charged the minimum silently: they are not called, and named.
    outcome = generate_calls(demo_database, campaign.YEAR, called_on=campaign.CALLED_ON)
    assert len(outcome.called) == 48 and outcome.missing == tuple(missing)
    assert missing[0] in outcome.summary()


def test_fifty_one_calls_ten_payments_totals_and_reminders(demo_database):
    members = campaign.run_calls(demo_database)
    rows = list_fees(demo_database, ListQuery(filters={YEAR: campaign.YEAR}))
    assert len(rows) == 51
    assert sorted(row.number_text for row in rows) == [f"2021-{n:03d}" for n in range(1, 52)]
    by_id = {row.id: row for row in rows}
    for n, (organisation_id, _) in enumerate(members):
        assert by_id[organisation_id].amount == campaign.expected_amount(n)
    assert by_id[members[0][0]].manual_reason.startswith("Pas de chiffres")

    campaign.record_payments(demo_database, members)
    called = sum(campaign.expected_amount(n) for n in range(51))
    received = sum(campaign.expected_amount(n) for n, part in campaign.PAYMENTS if part is None) + 100 + 150
    totals = year_totals(demo_database, campaign.YEAR)
    assert (totals.called, totals.received, totals.outstanding, totals.calls, totals.unpaid) == (called, received, called - received, 51, 43)
    statuses = [row.status for row in list_fees(demo_database, ListQuery(filters={YEAR: campaign.YEAR}))]
    assert (statuses.count(FeeStatus.PAID), statuses.count(FeeStatus.PARTIAL), statuses.count(FeeStatus.CALLED)) == (8, 2, 41)
    partial = fee_totals(demo_database, ListQuery(filters={YEAR: campaign.YEAR, STATUS: FeeStatus.PARTIAL.value}))
    assert (partial.called, partial.received) == (campaign.expected_amount(30) + campaign.expected_amount(33), 250)

    assert due_reminders(demo_database, campaign.YEAR, date(2021, 3, 17)) == []  # 14 days after the due date
    due = due_reminders(demo_database, campaign.YEAR, campaign.REMINDERS_DAY)
    assert len(due) == 43 and {reminder.level for reminder in due} == {1}
    partial_balances = {reminder.fee.name: reminder.balance for reminder in due if reminder.fee.received}
    assert partial_balances == {members[30][1]: campaign.expected_amount(30) - 100, members[33][1]: campaign.expected_amount(33) - 150}
    assert record_reminders(demo_database, due, campaign.REMINDERS_DAY) == 43
    rows = list_fees(demo_database, ListQuery(filters={YEAR: campaign.YEAR, STATUS: FeeStatus.REMINDED.value}))
    assert len(rows) == 41 and rows[0].status_text == "Relancée (relance 1)"
    # What is owed: reminded or paid in part (the dashboard's click-through), its totals the year's outstanding.
    owed = ListQuery(filters={YEAR: campaign.YEAR, STATUS: OWED})
    assert {row.status for row in list_fees(demo_database, owed)} == {FeeStatus.REMINDED, FeeStatus.PARTIAL}
    assert fee_totals(demo_database, owed).outstanding == totals.outstanding and len(list_fees(demo_database, owed)) == 43
    # Level 2 comes 30 days after level 1, not before.
    assert due_reminders(demo_database, campaign.YEAR, date(2021, 4, 18)) == []
    assert {r.level for r in due_reminders(demo_database, campaign.YEAR, date(2021, 4, 19))} == {2}


def test_verifier_names_the_members_whose_fee_is_unpaid_at_year_end(demo_database):
    members = campaign.run_calls(demo_database)
    campaign.record_payments(demo_database, members)
    assert not [f for f in check_report(demo_database, 2021, today=date(2021, 12, 1)) if "cotisation" in f.message]
    (finding,) = [f for f in check_report(demo_database, 2021, today=date(2022, 1, 15)) if "cotisation 2021" in f.message]
    outstanding = year_totals(demo_database, campaign.YEAR).outstanding
    assert finding.message.startswith(f"43 adhérents sans cotisation 2021 réglée en fin d'année ({whole_euros(outstanding)} restant dû)")
    assert len(finding.record_ids) == 43 and members[30][0] in finding.record_ids and members[3][0] not in finding.record_ids
    assert f"{members[30][1]} : Payée partiellement" in finding.details[[*finding.record_ids].index(members[30][0])]


def test_the_years_totals_read_from_its_fee_rows_are_the_pages_totals(demo_database):
    """year_totals (the dashboard) reads the year's fee rows alone; the page sums every line it
    shows, members without a call included: the same figures, a cancelled call included."""
    members = campaign.run_calls(demo_database)
    campaign.record_payments(demo_database, members)
    cancelled = next(row for row in list_fees(demo_database, ListQuery(filters={YEAR: campaign.YEAR})) if row.received == 0)
    cancel_call(demo_database, cancelled.fee_id)
    whole_year = fee_totals(demo_database, ListQuery(filters={YEAR: campaign.YEAR}))
    assert year_totals(demo_database, campaign.YEAR) == whole_year
    assert whole_year.calls == len(members) - 1 and whole_year.received > 0 and whole_year.outstanding > 0
