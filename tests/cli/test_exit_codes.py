"""The command line classifies failures as the window does, and a reader that stops early is no failure."""

import os
import shutil
import subprocess
import sys

import pytest

from coorace_desktop.cli.common import exit_code
from coorace_desktop.services.accompaniment.actions import ActionNotFoundError


def test_a_closed_stdout_pipe_is_a_success(demo_file):
    read, write = os.pipe()
    os.close(read)  # `check … | head -0`: the reader is gone before anything is written
    try:
        done = subprocess.run(
            [sys.executable, "-m", "coorace_desktop", "check", "--db", str(demo_file)], stdout=write, stderr=subprocess.PIPE, text=True
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (0, "")


def test_a_broken_pipe_elsewhere_is_a_french_refusal(capsys):
    def command() -> int:
        raise BrokenPipeError(32, "Broken pipe")

    assert exit_code(command) == 1
    assert capsys.readouterr().err == "Erreur : Opération sur un fichier impossible : le programme qui recevait les données s'est arrêté.\n"


def test_a_record_deleted_meanwhile_is_one_french_line_and_a_bug_keeps_its_traceback(capsys):
    def deleted() -> int:
        raise ActionNotFoundError(12)

    assert exit_code(deleted) == 1
    assert capsys.readouterr().err == "Erreur : Cette action n'existe plus : elle a peut-être été supprimée entre-temps.\n"

    def bug() -> int:
        raise KeyError("organisation_id")

    with pytest.raises(KeyError):
        exit_code(bug)


@pytest.mark.skipif(shutil.which("unshare") is None or os.geteuid() != 0, reason="needs root and unshare for a mount namespace")
def test_an_export_onto_a_read_only_file_system_is_one_french_line(demo_file, tmp_path):
    folder = tmp_path / "cle"
    folder.mkdir()
    # A read-only bind mount, in a private mount namespace: refused by the kernel even to root.
    script = 'mount --bind -o ro "$1" "$1" || exit 99; exec "$2" -m coorace_desktop export members "$1/membres.xlsx" --db "$3"'
    done = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh", str(folder), sys.executable, str(demo_file)],
        capture_output=True, text=True,
    )
    if done.returncode == 99:
        pytest.skip(f"no read-only mount here: {done.stderr.strip()}")
    assert done.returncode == 1
    assert done.stderr == f"Erreur : Impossible d'enregistrer {folder / 'membres.xlsx'} : le support est en lecture seule, protégé en écriture.\n"
    assert list(folder.iterdir()) == []
