"""The reference imported from the files the tests write, matched against the demo's members."""

from dataclasses import replace

import pytest

from coorace_desktop.domain.departments import OCCITANIE
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.members.organisation_list import count_members
from coorace_desktop.services.members.organisations import get_organisation
from coorace_desktop.services.reference.commands import confirm_match, create_member, take_over
from coorace_desktop.services.reference.matching import DifferenceField, MatchState, reference_overview
from coorace_desktop.services.reference.store import import_reference, reference_status
from tests.services.reference.fixtures import (
    REGIONAL_SIAE,
    build_fixture,
    write_data_inclusion_csv,
    write_data_inclusion_json,
    write_emplois_pages,
)

WRITERS = {
    "data·inclusion JSON": lambda folder, entries: [write_data_inclusion_json(folder / "structures.json", entries)],
    "data·inclusion CSV": lambda folder, entries: [write_data_inclusion_csv(folder / "structures.csv", entries)],
    "emplois API pages": write_emplois_pages,
}


@pytest.fixture
def fixture(demo_database):
    return build_fixture(demo_database)


@pytest.mark.parametrize("kind", list(WRITERS))
def test_demo_members_matched_differences_and_prospects(demo_database, fixture, tmp_path, kind):
    status = import_reference(demo_database, WRITERS[kind](tmp_path, fixture.entries))
    # The emplois de l'inclusion list agreements only: a member that is only GES or P'S is not there.
    listed = [e for e in fixture.entries if e.types or not kind.startswith("emplois")]
    assert status.entries == len(listed) >= REGIONAL_SIAE - 2
    overview = reference_overview(demo_database)
    states = {match.id: match for match in overview.matches}
    matched = [m for m in overview.matches if m.state in (MatchState.CONFIRMED, MatchState.TO_CONFIRM)]
    assert len(matched) >= 45
    listed_sirets = {e.siret for e in listed}
    assert overview.count(MatchState.CONFIRMED) == sum(1 for siret in fixture.member_sirets.values() if siret in listed_sirets) >= 21
    for closed in fixture.closed:
        assert states[closed].state in (MatchState.ABSENT, MatchState.UNMATCHED)
        assert states[closed].entry is None
    name_matched = [m for m in matched if m.state == MatchState.TO_CONFIRM]
    assert all(m.evidence == "même nom" for m in name_matched) and name_matched
    moved = {d.organisation_id for d in overview.differences if d.field == DifferenceField.ADDRESS}
    assert moved == set(fixture.moved)
    phones = {d.organisation_id for d in overview.differences if d.field == DifferenceField.PHONE}
    assert phones == (set(fixture.moved) if kind.startswith("data") else set())
    retyped = [d for d in overview.differences if d.field == DifferenceField.TYPES]
    assert [(d.organisation_id, d.reference) for d in retyped] == [(fixture.retyped, "ETTI")]
    # The non-members of the region, by département: every prospect, and no member.
    assert {p.siret for p in overview.prospects} == {e.siret for e in fixture.prospects}
    by_department = {code: sum(1 for p in overview.prospects if p.department == code) for code in OCCITANIE}
    assert sum(by_department.values()) == len(fixture.prospects) and min(by_department.values()) > 100


def test_confirm_take_over_and_create_member(demo_database, fixture, tmp_path):
    import_reference(demo_database, [write_data_inclusion_json(tmp_path / "s.json", fixture.entries)])
    overview = reference_overview(demo_database)
    to_confirm = next(m for m in overview.matches if m.state == MatchState.TO_CONFIRM)
    confirm_match(demo_database, to_confirm.id, to_confirm.entry.id)
    assert get_organisation(demo_database, to_confirm.id).siret == to_confirm.entry.siret

    difference = next(d for d in overview.differences if d.field == DifferenceField.ADDRESS)
    before = get_organisation(demo_database, difference.organisation_id)
    take_over(demo_database, difference.organisation_id, difference.entry_id, DifferenceField.ADDRESS)
    after = get_organisation(demo_database, difference.organisation_id)
    assert after.sites[0].address == difference.reference.split(",")[0]
    assert after.sites[0].phone == before.sites[0].phone  # only the field taken over
    assert after.version == before.version + 1

    members_before = count_members(demo_database, ListQuery())
    prospect = overview.prospects[0]
    new_id = create_member(demo_database, prospect.id)
    created = get_organisation(demo_database, new_id)
    assert (created.name, created.siret, created.sites[0].postcode) == (prospect.name, prospect.siret, prospect.postcode)
    assert [t.value for t in created.types] == list(prospect.types) and created.memberships
    assert count_members(demo_database, ListQuery()) == members_before + 1

    again = reference_overview(demo_database)
    assert prospect.id not in {p.id for p in again.prospects}
    assert {m.id: m.state for m in again.matches}[to_confirm.id] == MatchState.CONFIRMED
    assert difference.organisation_id not in {d.organisation_id for d in again.differences if d.field == DifferenceField.ADDRESS}


def test_member_without_siret_found_by_email_and_place(demo_database, fixture, tmp_path):
    member_id = next(o for o in range(1, 60) if o not in fixture.member_sirets and o not in fixture.closed)
    member = get_organisation(demo_database, member_id)
    entries = [replace(e, name="Tout autre nom") if e.name == member.name else e for e in fixture.entries]
    import_reference(demo_database, [write_data_inclusion_json(tmp_path / "s.json", entries)])
    match = {m.id: m for m in reference_overview(demo_database).matches}[member_id]
    assert match.state == MatchState.TO_CONFIRM
    assert match.evidence.startswith(("même e-mail", "même téléphone"))


def test_a_new_import_replaces_the_whole_table(demo_database, fixture, tmp_path):
    import_reference(demo_database, [write_data_inclusion_json(tmp_path / "a.json", fixture.entries)])
    status = import_reference(demo_database, [write_data_inclusion_csv(tmp_path / "b.csv", fixture.entries[:100])])
    assert reference_status(demo_database) == status and status.entries == 100
    assert len(reference_overview(demo_database).prospects) == 100 - len([m for m in fixture.entries[:100] if not m.name.startswith("Prospect")])
