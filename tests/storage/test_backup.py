"""Backups: consistent, private, checksummed copies, even while another process writes."""

import errno
import hashlib
import json
import sqlite3
import stat
import subprocess
import sys
import time

import pytest

from coorace_desktop.services.health import counts
from coorace_desktop.storage import backup as backup_module
from coorace_desktop.storage.backup import create_backup, manifest_path, read_manifest
from coorace_desktop.storage.errors import DiskFullError, ForeignDatabaseError, ReadOnlyError, StorageError
from coorace_desktop.storage.migrate import head_revision
from coorace_desktop.storage.paths import backup_dir

pytestmark = pytest.mark.sqlite_only("copies de fichier par l'API de sauvegarde SQLite ; PostgreSQL : tests/storage/test_server_backup.py")


def test_backup_is_a_private_checksummed_single_file_with_a_manifest(demo_database):
    info = create_backup(demo_database.path)
    assert info.path.parent == backup_dir()
    assert info.path.name.startswith("demo-copie-")
    for path in (info.path, manifest_path(info.path)):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup_dir().stat().st_mode) == 0o700
    assert hashlib.sha256(info.path.read_bytes()).hexdigest() == info.sha256
    assert info.size == info.path.stat().st_size
    manifest = json.loads(manifest_path(info.path).read_text(encoding="utf-8"))
    assert manifest["schema_revision"] == head_revision()
    assert manifest["sha256"] == info.sha256
    assert manifest["counts"]["organisations"] == counts(demo_database)["organisations"] == 51
    assert manifest["counts"]["persons"] == 20
    assert manifest["source"] == str(demo_database.path.resolve())
    connection = sqlite3.connect(info.path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # no -wal to carry along
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
    assert read_manifest(info.path) == info
    assert [p.name for p in backup_dir().iterdir() if p.name.startswith(".")] == []


def test_backup_to_a_chosen_file_or_folder_and_never_over_an_existing_file(demo_database, tmp_path):
    chosen = tmp_path / "copie du 27.sqlite"
    assert create_backup(demo_database.path, chosen).path == chosen
    with pytest.raises(StorageError, match="existe déjà"):
        create_backup(demo_database.path, chosen)
    with pytest.raises(StorageError, match="la base elle-même"):
        create_backup(demo_database.path, demo_database.path, overwrite=True)
    assert hashlib.sha256(chosen.read_bytes()).hexdigest() == read_manifest(chosen).sha256
    folder = tmp_path / "clé USB"
    folder.mkdir()
    first = create_backup(demo_database.path, folder)
    second = create_backup(demo_database.path, folder)  # same second: numbered, not overwritten
    assert first.path != second.path and first.path.parent == second.path.parent == folder


def test_a_foreign_sqlite_file_is_not_backed_up(tmp_path):
    other = tmp_path / "other.sqlite"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE songs (title TEXT)")
    connection.commit()
    connection.close()
    with pytest.raises(ForeignDatabaseError, match="pas une base Coorace"):
        create_backup(other, tmp_path / "out.sqlite")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]


def test_an_interrupted_backup_leaves_nothing(demo_database, tmp_path):
    def cancel(done, total, text):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        create_backup(demo_database.path, tmp_path / "out.sqlite", progress=cancel)
    assert sorted(p.name for p in tmp_path.iterdir() if "out" in p.name) == []


@pytest.mark.parametrize(
    ("code", "kind", "message"),
    [(errno.ENOSPC, DiskFullError, "disque est plein"), (errno.EROFS, ReadOnlyError, "protégé en écriture")],
)
def test_disk_full_and_read_only_folders_are_french_messages(demo_database, tmp_path, monkeypatch, code, kind, message):
    def fail(_path):
        raise OSError(code, "refused")

    monkeypatch.setattr(backup_module, "_create_private", fail)
    with pytest.raises(kind, match=message):
        create_backup(demo_database.path, tmp_path / "out.sqlite")
    assert not (tmp_path / "out.sqlite").exists()


def test_progress_reaches_the_total(demo_database, tmp_path, monkeypatch):
    monkeypatch.setattr(backup_module, "PAGES_PER_STEP", 8)
    seen = []
    create_backup(demo_database.path, tmp_path / "out.sqlite", progress=lambda d, t, _x: seen.append((d, t)))
    assert len(seen) > 3 and seen[-1][0] == seen[-1][1] > 0
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


WRITER = """
import sqlite3, sys
from coorace_desktop.storage.database import open_database
from sqlalchemy import insert
from coorace_desktop.domain import Organisation
database = open_database(sys.argv[1])
batch = 0
while True:
    rows = [{"name": f"Structure {i}" + "x" * 200, "notes": f"lot {batch}"} for i in range(500)]
    with database.session() as session:
        session.execute(insert(Organisation), rows)
    batch += 1
    print(batch, flush=True)
"""


def test_backup_while_another_process_writes_is_a_consistent_state(demo_database, tmp_path):
    path = demo_database.path
    demo_database.close()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "1"  # the writer is running
        copies = []
        for number in range(8):
            copies.append(create_backup(path, tmp_path / f"copie-{number}.sqlite"))
            time.sleep(0.05)
        assert writer.poll() is None, "the writer must never be blocked into failing by a backup"
    finally:
        writer.kill()
        writer.wait()
    totals = []
    for info in copies:
        connection = sqlite3.connect(info.path)
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        total = connection.execute("SELECT count(*) FROM organisations").fetchone()[0]
        per_batch = connection.execute(
            "SELECT count(*) FROM organisations WHERE notes LIKE 'lot %' GROUP BY notes"
        ).fetchall()
        connection.close()
        assert {count for (count,) in per_batch} <= {500}  # whole transactions only
        assert info.counts["organisations"] == total
        totals.append(total)
    assert totals == sorted(totals) and totals[-1] > totals[0] > 51
