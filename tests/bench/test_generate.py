"""The benchmark generator builds consistent, searchable data, the same for the same seed (tiny scale)."""

import hashlib

from sqlalchemy import func, select, text

from coorace_desktop.domain import (
    Event,
    Membership,
    MembershipFee,
    Organisation,
    Participation,
    Person,
    SupportAction,
    YearlyFigures,
)
from coorace_desktop.services.accompaniment.actions_list import count_actions
from coorace_desktop.services.health import check_database
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.members.directory import directory
from coorace_desktop.services.members.organisation_list import count_members
from coorace_desktop.storage.database import open_database
from tests.bench.scripts import load_bench_script


def load_generator(monkeypatch):
    return load_bench_script("generate", monkeypatch)


def count(database, table) -> int:
    with database.session() as session:
        return session.execute(select(func.count()).select_from(table)).scalar_one()


def fingerprint(database) -> str:
    digest = hashlib.sha256()
    with database.session() as session:
        for table in ("organisations", "sites", "persons", "support_actions", "participations", "yearly_figures"):
            for row in session.execute(text(f"SELECT * FROM {table} ORDER BY 1, 2")):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def test_tiny_database_has_the_scale_and_is_healthy(database, monkeypatch):
    generator = load_generator(monkeypatch)
    scale = generator.TINY
    generator.generate(database, scale)
    assert check_database(database).ok
    assert count(database, Organisation) == scale.organisations
    assert count(database, Person) == scale.persons
    demo_actions, demo_events, demo_participations = 10, 34, 2
    assert count(database, SupportAction) == demo_actions + scale.actions
    assert count(database, Event) == demo_events + scale.events
    assert count(database, Participation) == demo_participations + scale.participations
    with database.session() as session:
        years = set(session.execute(select(YearlyFigures.year).where(YearlyFigures.organisation_id.is_not(None))).scalars())
        former = session.execute(select(func.count()).select_from(Membership).where(Membership.left_on.is_not(None))).scalar_one()
        last_fee_year = session.execute(select(func.max(MembershipFee.year))).scalar_one()
    assert years == set(range(generator.FIRST_YEAR, generator.LAST_YEAR + 1))
    assert last_fee_year == generator.FEES_UNTIL  # the members table shows this year's fee
    assert 0 < former < scale.organisations // 4
    # Everyone was a member in 2020: the report's directory lists them all.
    members_2020 = {entry.organisation_id for group in directory(database, 2020) for entry in group.entries}
    assert len(members_2020) == scale.organisations
    # The folded keys were written: accent-free searches find accented cities and notes.
    assert count_members(database, ListQuery(search="nimes")) > 0
    assert count_actions(database, ListQuery(search="tresorerie")) > 0


def test_same_seed_same_data_and_the_cache_reuses_the_file(tmp_path, monkeypatch):
    generator = load_generator(monkeypatch)
    paths = [generator.cached_database(generator.TINY, seed=7, folder=tmp_path / name, report=lambda _: None) for name in ("a", "b")]
    fingerprints = []
    for path in paths:
        opened = open_database(path)
        fingerprints.append(fingerprint(opened))
        opened.close()
    assert fingerprints[0] == fingerprints[1]
    built = paths[0].stat().st_mtime_ns
    assert generator.cached_database(generator.TINY, seed=7, folder=tmp_path / "a", report=lambda _: None) == paths[0]
    assert paths[0].stat().st_mtime_ns == built
    assert generator.cache_path(generator.TINY, seed=8, folder=tmp_path / "a") != paths[0]


def test_a_new_version_replaces_the_files_of_older_ones(tmp_path, monkeypatch):
    generator = load_generator(monkeypatch)
    folder = tmp_path / "cache"
    older = generator.cached_database(generator.TINY, seed=7, folder=folder, report=lambda _: None)
    older.with_name(older.name + "-wal").write_bytes(b"")
    monkeypatch.setattr(generator, "GENERATOR_VERSION", generator.GENERATOR_VERSION + 1)
    newer = generator.cached_database(generator.TINY, seed=7, folder=folder, report=lambda _: None)
    assert newer != older
    assert sorted(path.name for path in folder.iterdir()) == [newer.name]
