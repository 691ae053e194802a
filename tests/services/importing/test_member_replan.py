"""The members import plans without the write lock and plans again under it only if someone wrote
since the preview (issue 24, finding 13)."""

from dataclasses import replace

import pytest
from sqlalchemy import select

from coorace_desktop.domain import Organisation
from coorace_desktop.domain.members import OrganisationDraft
from coorace_desktop.services.importing import (
    MEMBERS,
    Action,
    apply_members,
    preview_members,
    propose_mapping,
    read_table,
)
from coorace_desktop.services.importing import members as members_import
from coorace_desktop.services.importing.member_plan import ExistingIndex
from coorace_desktop.services.members.organisations import get_organisation, save_organisation
from tests.services.importing.files import MEMBER_HEADERS, french_excel_csv

NEW = ["Régie des Coteaux", "ACI", "3 rue des Lilas", "31000", "Toulouse", "", "", "", "", ""]
AJE = ["AJE", "AI", "9 rue Blanche", "09100", "Pamiers", "05 61 67 80 99", "contact@aje.fr", "", "", ""]


@pytest.fixture
def preview(demo_database, tmp_path):
    table = read_table(french_excel_csv(tmp_path / "adherents.csv", [MEMBER_HEADERS, NEW, AJE]))
    return preview_members(demo_database, table, propose_mapping(table, MEMBERS, remembered={}))


@pytest.fixture
def plans(monkeypatch) -> list:
    """The plans apply_members makes (each a list of planned actions)."""
    made, plan = [], members_import.plan_members
    monkeypatch.setattr(members_import, "plan_members", lambda index, drafts: made.append(plan(index, drafts)) or made[-1])
    return made


def names(database, name: str) -> list[int]:
    with database.session() as session:
        return list(session.execute(select(Organisation.id).where(Organisation.name == name)).scalars())


def test_an_unchanged_database_is_not_planned_again(demo_database, preview, plans, monkeypatch):
    monkeypatch.setattr(ExistingIndex, "load", lambda session, drafts: pytest.fail("the index was loaded again"))
    result = apply_members(demo_database, preview)
    assert plans == [] and (result.created, result.updated) == (1, 1)
    assert len(names(demo_database, "Régie des Coteaux")) == 1


def test_an_organisation_created_since_the_preview_is_seen(demo_database, preview, plans):
    assert {item.draft.name: item.action for item in preview.planned}["Régie des Coteaux"] == Action.CREATE
    created = save_organisation(demo_database, OrganisationDraft(name="Régie des Coteaux"))
    result = apply_members(demo_database, preview)
    assert len(plans) == 1 and {item.draft.name: item.action for item in plans[0]}["Régie des Coteaux"] == Action.UPDATE
    assert result.created == 0 and names(demo_database, "Régie des Coteaux") == [created]  # no twin


def test_a_site_edited_since_the_preview_moves_the_stamp(demo_database, preview, plans):
    aje = names(demo_database, "AJE")[0]
    loaded = get_organisation(demo_database, aje)
    site = replace(loaded.sites[0], phone="05 61 67 80 99")  # what the file says: nothing left to update
    save_organisation(demo_database, replace(loaded, sites=(site, *loaded.sites[1:])), loaded)
    result = apply_members(demo_database, preview)
    assert len(plans) == 1 and {item.draft.name: item.action for item in plans[0]}["AJE"] == Action.UNCHANGED
    assert (result.created, result.updated, result.unchanged) == (1, 0, 1)
