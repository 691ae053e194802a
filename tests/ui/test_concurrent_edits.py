"""A record saved on another PC while its dialog is open here: the save is refused with what
changed, the dialog keeps the user's draft, and saving again knowingly replaces the other version."""

from dataclasses import replace
from datetime import date

import pytest

from coorace_desktop.services.events.commands import get_event, update_event
from coorace_desktop.services.events.event_list import list_events
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.members import organisations as members
from coorace_desktop.storage.database import open_database
from coorace_desktop.ui.events.event_dialog import EventDialog
from coorace_desktop.ui.members.organisation_dialog import OrganisationDialog


def shown(boxes) -> list[str]:
    """The errors shown, no-break spaces read as spaces."""
    return [message.replace("\xa0", " ") for message in boxes.errors]


@pytest.fixture
def other_pc(demo_database):
    other = open_database(demo_database.url)
    yield other
    other.close()


def test_organisation_dialog(qtbot, demo_database, other_pc, boxes):
    member_id = members.find_possible_duplicates(demo_database, "LASER 81", [])[0].id
    dialog = OrganisationDialog(demo_database, members.get_organisation(demo_database, member_id))
    qtbot.addWidget(dialog)
    dialog.show()
    theirs = members.get_organisation(other_pc, member_id)
    members.save_organisation(other_pc, replace(theirs, website="https://laser81.example"), loaded=theirs)

    dialog.field_edits["notes"].setPlainText("Rappeler en septembre")
    dialog.accept()
    assert dialog.isVisible() and len(boxes.errors) == 1
    assert "« LASER 81 » a été modifié par quelqu'un d'autre" in shown(boxes)[0]
    assert "• Site web : (vide) → « https://laser81.example »" in shown(boxes)[0]
    assert dialog.field_edits["notes"].toPlainText() == "Rappeler en septembre"  # nothing typed is lost
    assert members.get_organisation(demo_database, member_id).notes == ""

    dialog.accept()  # knowingly, on their version
    assert not dialog.isVisible() and len(boxes.errors) == 1
    saved = members.get_organisation(other_pc, member_id)
    assert (saved.notes, saved.website) == ("Rappeler en septembre", "")


def test_event_dialog(qtbot, demo_database, other_pc, boxes):
    event_id = list_events(demo_database, ListQuery(search="stage d elu"))[0].id
    dialog = EventDialog(demo_database, get_event(demo_database, event_id))
    qtbot.addWidget(dialog)
    dialog.show()
    theirs = get_event(other_pc, event_id)
    update_event(other_pc, event_id, replace(theirs.values, place="Albi", sessions=2), loaded=theirs)

    dialog.title_edit.setText("Stage d'élus (complet)")
    dialog.accept()
    assert dialog.isVisible() and len(boxes.errors) == 1
    assert "• Séances : 1 → 2" in shown(boxes)[0] and "→ « Albi »" in shown(boxes)[0]
    assert dialog.title_edit.text() == "Stage d'élus (complet)"
    assert get_event(demo_database, event_id).values.place == "Albi"

    dialog.accept()
    assert not dialog.isVisible()
    values = get_event(other_pc, event_id).values
    assert (values.title, values.sessions) == ("Stage d'élus (complet)", 1)
    assert values.starts_on != date(1900, 1, 1)
