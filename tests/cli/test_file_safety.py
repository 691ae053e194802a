"""Files handled safely from the command line (issue 24): read-only commands never write, the
file named is the file used."""

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coorace_desktop.storage.lock import DatabaseLock
from tests.file_systems import read_only_folder, small_disk
from tests.sqlite_files import copy_with
from tests.storage.test_crash_safety import Output


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "coorace_desktop", *map(str, args)], capture_output=True, text=True
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_only_commands(db: Path, out: Path) -> list[list]:
    """Every command that only reads the database, each writing its output (if any) under `out`."""
    return [
        ["check", "--db", db],
        ["board", "--db", db, "--date", "01/07/2020"],
        ["events", "--db", db, "--year", "2020"],
        ["accompaniment", "--db", db, "--year", "2020"],
        ["report", "--db", db, "--year", "2020", "--section", "en-bref", "-o", out / "rapport.pdf"],
        ["export", "members", out / "adherents.csv", "--db", db],
        ["export-person", "--db", db, "1", "-o", out / "personne.json"],
        ["backups", "--db", db],
        ["backup", "--db", db, "-o", out / "copie.sqlite"],
    ]


def test_read_only_commands_leave_a_backup_byte_for_byte_unchanged_and_restorable(demo_file, tmp_path):
    current = tmp_path / "cur.sqlite"
    shutil.copy(demo_file, current)
    backup = tmp_path / "bk.sqlite"
    assert run("backup", "--db", current, "-o", backup).returncode == 0
    before = sha256(backup)
    for number, command in enumerate(read_only_commands(backup, tmp_path)):
        (tmp_path / "copie.sqlite").unlink(missing_ok=True)
        result = run(*command)
        assert result.returncode == 0, (command[0], result.stderr)
        assert sha256(backup) == before, f"{command[0]} changed the backup (command {number})"
    restored = run("restore", "--db", current, backup)
    assert restored.returncode == 0, restored.stderr


def test_read_only_commands_work_in_a_read_only_folder(demo_file, tmp_path):
    folder, out = tmp_path / "partage", tmp_path / "sorties"
    folder.mkdir()
    out.mkdir()
    db = folder / "coorace.sqlite"
    shutil.copy(demo_file, db)  # a file left in WAL mode, as the application leaves it
    before = sha256(db)
    with read_only_folder(folder):
        for command in read_only_commands(db, out):
            result = run(*command)
            assert result.returncode == 0, (command[0], result.stderr)
    assert sha256(db) == before
    assert sorted(p.name for p in folder.iterdir()) == ["coorace.sqlite"]


@pytest.mark.parametrize("name", ["Bilan?2024.sqlite", "a%41.sqlite", "x#1 &b=2.sqlite"])
def test_the_file_named_is_the_file_used(tmp_path, name):
    created = run("demo", "--db", tmp_path / name)
    assert created.returncode == 0, created.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    assert run("check", "--db", tmp_path / name).returncode == 0


def whole_organisation_count(path: Path) -> int:
    """The organisations in a database that SQLite finds whole (integrity and foreign keys)."""
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        return connection.execute("SELECT count(*) FROM organisations").fetchone()[0]
    finally:
        connection.close()


def older_database(demo_file: Path, path: Path) -> Path:
    """A database of ours told apart from a new demo by one more organisation (52, not 51)."""
    return copy_with(demo_file, path, "INSERT INTO organisations (name, siret, website, notes, name_key, search_key) "
                                      "VALUES ('Ancienne base', '', '', '', 'ancienne base', '')")


# Imports the command line once, then forks one `demo --force` per trial (importing costs more
# than the demo itself), saying when it begins and whether it ended well.
DEMO_SPAWNER = """
import os, sys, time
import coorace_desktop.cli.database_commands
from coorace_desktop.cli import main
from coorace_desktop.storage.migrate import head_revision
head_revision()
def say(text):  # one write per line: parent and child share the pipe
    os.write(1, (text + chr(10)).encode())
for line in sys.stdin:
    pid = os.fork()
    if pid == 0:
        say("begin")
        code = main(["demo", "--force", "--db", sys.argv[1]])
        sys.stdout.flush()
        say("done" if code == 0 else f"failed {code}")
        time.sleep(60)  # until killed: a kill after the demo finds it still there
    say(f"pid {pid}")
    os.waitpid(pid, 0)
    say("reaped")
"""


def test_kill_9_during_demo_force_leaves_the_old_or_the_new_database_whole(demo_file, tmp_path):
    path = tmp_path / "coorace.sqlite"
    old = older_database(demo_file, tmp_path / "ancienne.sqlite").read_bytes()
    rng = random.Random(24)
    seen = set()
    spawner = subprocess.Popen([sys.executable, "-c", DEMO_SPAWNER, str(path)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    output = Output(spawner)
    try:
        for trial in range(20):
            for side in ("-wal", "-shm"):
                path.with_name(path.name + side).unlink(missing_ok=True)
            path.write_bytes(old)
            spawner.stdin.write("go\n")
            spawner.stdin.flush()
            first = len(output.lines)
            output.next(), output.next()  # its pid and its "begin", in either order
            pid = next(int(line.split()[1]) for line in output.lines[first:] if line.startswith("pid"))
            if trial % 3 == 0:  # however slow the machine, some kills come after a whole demo
                output.until("done")
            time.sleep(rng.uniform(0, 0.8))  # the demo takes ~0.7 s here: kills land everywhere in it
            os.kill(pid, signal.SIGKILL)
            output.until("reaped")
            count = whole_organisation_count(path)
            assert count in (51, 52), (trial, count, output.lines[first:])
            seen.add(count)
    finally:
        spawner.kill()
        spawner.wait()
    assert seen == {51, 52}


def test_demo_force_on_a_full_disk_leaves_the_old_database_byte_for_byte(demo_file, tmp_path):
    with small_disk(tmp_path / "petit", "200k") as folder:
        refused = run("demo", "--db", folder / "coorace.sqlite")
        assert refused.returncode == 1 and "disque est plein" in refused.stderr, refused.stderr
        assert list(folder.iterdir()) == []  # no 4 KB file that `demo` then calls existing
    with small_disk(tmp_path / "moyen", "800k") as folder:  # room for the old file (~580 kB), not for a second
        path = older_database(demo_file, folder / "coorace.sqlite")
        before = sha256(path)
        refused = run("demo", "--force", "--db", path)
        assert refused.returncode == 1 and "disque est plein" in refused.stderr, refused.stderr
        assert sha256(path) == before
        assert [p.name for p in folder.iterdir()] == ["coorace.sqlite"]


def test_demo_force_is_refused_while_an_application_holds_the_database(demo_file, tmp_path):
    path = older_database(demo_file, tmp_path / "coorace.sqlite")
    before = sha256(path)
    with DatabaseLock(path):
        refused = run("demo", "--force", "--db", path)
    assert refused.returncode == 1 and "déjà ouverte par Coorace Desktop" in refused.stderr, refused.stderr
    assert sha256(path) == before


def test_report_and_export_write_a_new_private_file_never_through_a_link(demo_file, tmp_path):
    victim = tmp_path / "autre.txt"
    victim.write_text("à garder\n")
    report, export = tmp_path / "rap.pdf", tmp_path / "personne.txt"
    tmp_path.joinpath(".rap.pdf.partiel").symlink_to(victim)  # a planted partial name (the old writer's)
    export.write_text("ancien\n")
    export.chmod(0o644)
    written = run("report", "--db", demo_file, "--year", "2020", "--section", "en-bref", "-o", report)
    assert written.returncode == 0, written.stderr
    assert run("export-person", "--db", demo_file, "1", "-o", export).returncode == 0
    link = tmp_path / "lien.json"
    link.symlink_to(victim)
    assert run("export-person", "--db", demo_file, "1", "-o", link).returncode == 0
    assert victim.read_text() == "à garder\n"
    assert not link.is_symlink() and link.read_text().startswith("{")  # the link itself is replaced
    for path in (report, export, link):
        assert path.stat().st_mode & 0o777 == 0o600, path
    assert report.read_bytes().startswith(b"%PDF") and "ancien" not in export.read_text()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".coorace-")]


def test_the_longest_legal_names_can_be_written(demo_file, tmp_path):
    report, export = tmp_path / ("r" * 244 + ".pdf"), tmp_path / ("p" * 241 + ".json")  # 248 and 246 bytes
    written = run("report", "--db", demo_file, "--year", "2020", "--section", "en-bref", "-o", report)
    assert written.returncode == 0, written.stderr
    exported = run("export-person", "--db", demo_file, "1", "-o", export)
    assert exported.returncode == 0, exported.stderr
    assert report.read_bytes().startswith(b"%PDF") and export.read_text().startswith("{")
