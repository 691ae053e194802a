"""Who was a member in a year: the member list, the report figures and the events coverage agree
on the boundaries (a membership ending on D was last held the day before D)."""

from datetime import date

from coorace_desktop.domain.enums import MembershipStatus
from coorace_desktop.domain.members import MembershipDraft, OrganisationDraft
from coorace_desktop.services.events.figures import event_figures
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.members import organisations as members
from coorace_desktop.services.members.organisation_list import count_members
from coorace_desktop.services.reporting.member_figures import member_counts

MEMBERS_OF_2020 = {
    "Parti le 2 janvier": MembershipDraft(date(2015, 1, 1), date(2020, 1, 2)),
    "Arrivé le 31 décembre": MembershipDraft(date(2020, 12, 31)),
}
NOT_MEMBERS_OF_2020 = {
    "Parti le 1er janvier": MembershipDraft(date(2015, 1, 1), date(2020, 1, 1)),
    "Arrivé en 2021": MembershipDraft(date(2021, 1, 1)),
    "Sans date, saisi aujourd'hui": MembershipDraft(None),  # starts the day it is recorded (issue 20)
}


def test_the_year_members_are_the_same_set_everywhere(database):
    for name, period in {**MEMBERS_OF_2020, **NOT_MEMBERS_OF_2020}.items():
        members.save_organisation(database, OrganisationDraft(name=name, memberships=(period,)))
    assert member_counts(database, 2020).organisations == len(MEMBERS_OF_2020)
    assert event_figures(database, date(2020, 1, 1), date(2020, 12, 31)).active_members == len(MEMBERS_OF_2020)
    active = ListQuery(filters={"status": MembershipStatus.ACTIVE})
    # On 1 January 2020 the one who left that day is no longer a member, the one arriving in 2021 not yet.
    assert count_members(database, active, date(2020, 1, 1)) == 1
    assert count_members(database, active, date(2020, 12, 31)) == 1
