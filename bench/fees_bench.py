"""Times the fee campaign's calls: every member of a year called and numbered (target: 10,000
calls in 15 s or less), run in a background thread as the window runs it, and, for
information, the letters of 1,000 calls in one PDF.

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
LETTERS = 1_000
TARGET_S = 15


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


def measure(database: Database, runs: int) -> dict[str, tuple[int, float]]:
    samples, called = [], 0
    for _ in range(runs):
        _reset(database)
        begin = time.perf_counter()
        outcome = _in_background(lambda progress: generate_calls(database, YEAR, progress=progress))
        samples.append((time.perf_counter() - begin) * 1000)
        called = len(outcome.called)
    results = {f"calls of {YEAR} (target {TARGET_S} s)": (called, statistics.median(samples))}
    from coorace_desktop.report.fee_letters import write_fee_letters  # ReportLab: for the letters only

    with database.session() as session:
        first = session.scalars(select(MembershipFee.organisation_id).where(MembershipFee.year == YEAR)
                                .order_by(MembershipFee.number).limit(LETTERS)).all()
    with tempfile.TemporaryDirectory() as folder:
        begin = time.perf_counter()
        letters = _in_background(lambda progress: write_fee_letters(
            database, FeeLetterKind.CALL, YEAR, first, Path(folder) / "appels.pdf", progress=progress))
        results[f"letters of {LETTERS:,} calls, one PDF"] = (letters.pages, (time.perf_counter() - begin) * 1000)
    return results


if __name__ == "__main__":
    sys.exit(run_benchmark(__doc__, "organisations", 10_000, build, measure))
