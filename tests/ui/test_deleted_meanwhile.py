"""A record deleted (in another window, by an import) while its dialog is open: saving says so in
French and keeps the dialog open, never the bug dialog."""

import pytest

from coorace_desktop.domain.accompaniment_rules import ProjectHolderDraft
from coorace_desktop.services.accompaniment import actions_list, project_holders, territories
from coorace_desktop.services.accompaniment.actions import action_details, delete_action
from coorace_desktop.services.events import commands as events
from coorace_desktop.services.events.event_list import list_events
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.members import organisations as members
from coorace_desktop.services.reporting import year_inputs
from coorace_desktop.ui.accompaniment.action_dialog import ActionDialog
from coorace_desktop.ui.accompaniment.project_holders_view import ProjectHolderDialog
from coorace_desktop.ui.accompaniment.territories_view import TerritoryDialog
from coorace_desktop.ui.events.event_dialog import EventDialog
from coorace_desktop.ui.members.organisation_dialog import OrganisationDialog
from coorace_desktop.ui.reporting.dialogs import PartnerDialog


def action(database):
    row = actions_list.action_page(database, ListQuery(), 0, 1)[0]
    return ActionDialog(database, action_details(database, row.id)), lambda: delete_action(database, row.id)


def territory(database):
    row = territories.territory_page(database, ListQuery(), 0, 1)[0]
    return TerritoryDialog(database, row), lambda: territories.delete_territory(database, row.id)


def project_holder(database):
    holder_id = project_holders.create_project_holder(database, ProjectHolderDraft(name="Recyclerie des Causses", department="46"))
    return ProjectHolderDialog(database, holder_id), lambda: project_holders.delete_project_holder(database, holder_id)


def partner(database):
    row = year_inputs.partners(database)[0]
    return PartnerDialog(database, row), lambda: year_inputs.delete_partners(database, [row.id])


def organisation(database):
    member_id = members.find_possible_duplicates(database, "BATI +", [])[0].id  # referred to by nothing
    return OrganisationDialog(database, members.get_organisation(database, member_id)), lambda: members.delete_organisation(database, member_id)


def event(database):
    event_id = list_events(database, ListQuery(search="stage d elu"))[0].id
    return EventDialog(database, events.get_event(database, event_id)), lambda: events.delete_events(database, [event_id])


@pytest.mark.parametrize(
    ("opened", "message"),
    [
        (action, "Cette action n'existe plus : elle a peut-être été supprimée entre-temps."),
        (territory, "Ce territoire n'existe plus : il a peut-être été supprimé entre-temps."),
        (project_holder, "Ce porteur de projet n'existe plus : il a peut-être été supprimé entre-temps."),
        (partner, "Ce partenaire n'existe plus : il a peut-être été supprimé entre-temps."),
        (organisation, "Cet adhérent n'existe plus : il a peut-être été supprimé entre-temps."),
        (event, "Cet événement n'existe plus : il a peut-être été supprimé entre-temps."),
    ],
)
def test_saving_a_record_deleted_meanwhile_is_a_french_message(qtbot, demo_database, boxes, opened, message):
    dialog, delete = opened(demo_database)
    qtbot.addWidget(dialog)
    dialog.show()
    delete()
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    assert boxes.errors == [message]
    assert boxes.bug_details == [] and dialog.isVisible()
