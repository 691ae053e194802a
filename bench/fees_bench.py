"""Times the fee campaign's calls as the window makes them, each in a background thread: every
member of a year called and numbered, then their letters written, into one combined PDF and
into a folder of one PDF each (target: 10,000 calls numbered and their letters in 15 s or less,
end to end), and the numbering alone. Wall and CPU time (process_time: on the shared machine
the wall time also counts the other processes' load), median of --runs (3 at most for the
letters).

Run: .venv/bin/python bench/fees_bench.py [--organisations 10000] [--runs 3] [--db FILE]
The organisations are members_bench's, all members of next year (its fees run to this year),
with this year's headcount for a scale of three brackets."""

import random
import statistics
import sys
import tempfile
import threading
import time
from datetime import date
from functools import partial
from pathlib import Path

from sqlalchemy import delete, insert, select, update

from coorace_desktop.domain import FeeScale, Membership, MembershipFee, Organisation, YearlyFigures
from coorace_desktop.domain.enums import FeeBasis, FeeLetterKind
from coorace_desktop.services.fees.calls import generate_calls
from coorace_desktop.services.fees.scale import ScaleInput, save_scale
from coorace_desktop.storage.database import Database
from harness import run_benchmark  # bench/harness.py, beside this script
from members_bench import build as build_members

YEAR = date.today().year + 1
TARGET_S = 15
LETTER_RUNS = 3
# The two ways the window writes the letters (Courriers > Appels, « Un PDF par adhérent »).
WAYS = {"one PDF": False, "one file each": True}


def build(database: Database, organisations: int) -> None:
    """members_bench's organisations, every one a member of YEAR, with a figure for the scale."""
    build_members(database, organisations)
    rng = random.Random(YEAR)
    with database.session() as session:
        session.execute(update(Membership).values(left_on=None))
        ids = session.scalars(select(Organisation.id)).all()
        session.execute(insert(YearlyFigures), [
            {"organisation_id": organisation_id, "year": YEAR - 1, "insertion_employees": rng.randint(1, 120), "source": ""}
            for organisation_id in ids
        ])
    save_scale(database, ScaleInput(YEAR, FeeBasis.HEADCOUNT, minimum=150, brackets=((0, 250), (20, 500), (60, 900))))


def _reset(database: Database) -> None:
    with database.session() as session:
        session.execute(delete(MembershipFee).where(MembershipFee.year == YEAR))
        session.execute(update(FeeScale).where(FeeScale.year == YEAR).values(last_number=0))


def _in_background(job) -> object:
    """Run `job(progress)` in a thread, as BackgroundJob does; its result."""
    result = []
    thread = threading.Thread(target=lambda: result.append(job(lambda *_: None)))
    thread.start()
    thread.join()
    return result[0]


def _timed(job) -> tuple[object, float, float]:
    """`job` run in the background: its result, wall and CPU milliseconds."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = _in_background(job)
    return result, (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def calls_and_letters(database: Database, target: Path, per_file: bool, progress) -> tuple[int, int]:
    """The year's members called and numbered, then the letters of those calls written: the
    calls and the pages."""
    from coorace_desktop.report.fee_letters import write_fee_letters  # ReportLab: for the letters only

    outcome = generate_calls(database, YEAR, progress=progress)
    letters = write_fee_letters(database, FeeLetterKind.CALL, YEAR, list(outcome.organisation_ids), target,
                                per_file=per_file, progress=progress)
    return len(outcome.called), letters.pages


def measure(database: Database, runs: int) -> dict[str, tuple[int, float]]:
    samples, called = [], 0
    for _ in range(runs):
        _reset(database)
        outcome, wall, _ = _timed(lambda progress: generate_calls(database, YEAR, progress=progress))
        samples.append(wall)
        called = len(outcome.called)
    results = {"calls numbered": (called, statistics.median(samples))}
    for way, per_file in WAYS.items():
        walls, cpus, pages = [], [], 0
        for _ in range(min(runs, LETTER_RUNS)):
            _reset(database)
            with tempfile.TemporaryDirectory() as folder:
                target = Path(folder) / ("appels" if per_file else "appels.pdf")
                (called, pages), wall, cpu = _timed(partial(calls_and_letters, database, target, per_file))
            walls.append(wall)
            cpus.append(cpu)
        results[f"calls + letters, {way} (target {TARGET_S} s)"] = (pages, statistics.median(walls))
        results[f"calls + letters, {way}, CPU"] = (pages, statistics.median(cpus))
    return results


if __name__ == "__main__":
    sys.exit(run_benchmark(__doc__, "organisations", 10_000, build, measure))
