"""kill -9 in the middle of large writes, many times: the file stays whole and each write is all or nothing."""

import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from coorace_desktop.storage.backup import create_backup

BATCH = 5000
KILLS = 30

# Imports the application once, then forks one writer per kill (so that many kills stay quick).
# Each writer runs large transactions through the application's own storage layer, announcing
# each on stdout before it starts and after it commits; a writer that fails says so and ends.
SPAWNER = """
import os, sys, traceback
from sqlalchemy import insert
from coorace_desktop.domain import Organisation
from coorace_desktop.storage.database import open_database
from coorace_desktop.storage.migrate import head_revision
head_revision()
for line in sys.stdin:
    batch = int(line)
    pid = os.fork()
    if pid == 0:
        try:
            database = open_database(sys.argv[1])
            while True:
                print("begin", batch, flush=True)
                rows = [{"name": f"Structure {batch}-{i}", "notes": f"lot {batch}", "search_key": "x" * 100} for i in range(BATCH)]
                with database.session() as session:
                    session.execute(insert(Organisation), rows)
                print("done", batch, flush=True)
                batch += 1
        except BaseException:
            print("failed", traceback.format_exc().replace(chr(10), " | "), flush=True)
        os._exit(1)
    print("pid", pid, flush=True)
    os.waitpid(pid, 0)
    print("reaped", flush=True)
""".replace("BATCH", str(BATCH))

# Restores one of two copies over the database, over and over.
RESTORER = """
import sys
from pathlib import Path
from coorace_desktop.storage.restore import restore_backup
database, copies = Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]
print("begin", flush=True)
number = 0
while True:
    restore_backup(database, copies[number % 2])
    print("restored", number, flush=True)
    number += 1
"""


class Output:
    """A child's stdout, line by line, never waited on forever: a child that fails, ends or
    stalls fails the test with what it said (a hung CI run says nothing)."""

    def __init__(self, process: subprocess.Popen, patience: float = 60) -> None:
        self.lines: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        self._patience = patience
        threading.Thread(target=lambda: [*map(self._queue.put, process.stdout), self._queue.put("")], daemon=True).start()

    def next(self) -> str:
        try:
            line = self._queue.get(timeout=self._patience)
        except queue.Empty:
            pytest.fail(f"nothing said for {self._patience} s after: {self.lines[-5:]}")
        if not line or line.startswith("failed"):
            pytest.fail(f"the child failed or ended: {line or 'end of output'} after {self.lines[-5:]}")
        self.lines.append(line)
        return line

    def until(self, prefix: str) -> str:
        while not (line := self.next()).startswith(prefix):
            pass
        return line


def batches(path):
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        return dict(connection.execute(
            "SELECT notes, count(*) FROM organisations WHERE notes LIKE 'lot %' GROUP BY notes"
        ).fetchall())
    finally:
        connection.close()


def test_kill_9_during_large_writes_loses_at_most_the_transaction_in_flight(demo_file, tmp_path):
    path = tmp_path / "coorace.sqlite"
    path.write_bytes(demo_file.read_bytes())
    rng = random.Random(8)
    interrupted = committed = 0
    next_batch = 0
    spawner = subprocess.Popen(
        [sys.executable, "-c", SPAWNER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    output = Output(spawner)
    try:
        for kill in range(KILLS):
            spawner.stdin.write(f"{next_batch}\n")
            spawner.stdin.flush()
            first = len(output.lines)
            output.next(), output.next()  # its pid, its first "begin"
            if kill % 3 == 0:  # however slow the machine, some kills come after a commit
                output.until("done")
            time.sleep(rng.uniform(0, 0.4))  # a transaction takes ~0.1-0.3 s here: kills land everywhere
            pid = next(int(line.split()[1]) for line in output.lines[first:] if line.startswith("pid"))
            os.kill(pid, signal.SIGKILL)
            output.until("reaped")
            lines = output.lines[first:]
            done = {int(line.split()[1]) for line in lines if line.startswith("done")}
            begun = {int(line.split()[1]) for line in lines if line.startswith("begin")}
            found = batches(path)
            assert set(found.values()) <= {BATCH}, found  # all or nothing, per transaction
            for batch in done:
                assert found.get(f"lot {batch}") == BATCH  # what was reported committed survived
            interrupted += bool(begun - done - {int(name.split()[1]) for name in found})
            committed += len(done)
            assert begun, f"no writer began a batch: {lines}"  # seen once under load 6: say what was read
            next_batch = max(begun) + 1
    finally:
        spawner.kill()
        spawner.wait()
    assert interrupted >= KILLS // 2, "most kills should land inside a transaction"
    assert committed > 0


def test_kill_9_during_restores_leaves_one_whole_database(demo_file, tmp_path):
    path = tmp_path / "coorace.sqlite"
    path.write_bytes(demo_file.read_bytes())
    small = create_backup(demo_file, tmp_path / "petite.sqlite").path
    big = tmp_path / "grande.sqlite"
    big.write_bytes(demo_file.read_bytes())
    connection = sqlite3.connect(big)
    connection.executemany(
        "INSERT INTO organisations (name, siret, website, notes, name_key, search_key) VALUES (?, '', '', 'lot 0', '', ?)",
        [(f"Structure {i}", "x" * 300) for i in range(BATCH)],
    )
    connection.commit()
    connection.close()
    big = create_backup(big, tmp_path / "grande copie.sqlite").path
    rng = random.Random(9)
    seen = set()
    for kill in range(20):
        copies = (big, small) if kill % 4 < 2 else (small, big)
        restorer = subprocess.Popen([sys.executable, "-c", RESTORER, str(path), *map(str, copies)], stdout=subprocess.PIPE, text=True)
        output = Output(restorer)
        assert output.next().startswith("begin")
        if kill % 2 == 0:  # however slow the machine, some kills come after a whole restore
            assert output.next().startswith("restored")
        time.sleep(rng.uniform(0.05, 0.8))
        restorer.send_signal(signal.SIGKILL)
        restorer.wait()
        found = batches(path)  # whole, and one of the two states
        assert found in ({}, {"lot 0": BATCH})
        seen.add(bool(found))
    assert seen == {True, False}
