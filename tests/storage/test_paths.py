"""The application's folders are created readable by their owner only (issue 24)."""

import subprocess
import sys

from platformdirs import user_data_path

from coorace_desktop.storage.paths import APP_NAME, private_folder


def mode(path) -> int:
    return path.stat().st_mode & 0o777


def test_a_private_folder_and_its_missing_parents_are_0700_and_an_existing_one_is_left(tmp_path):
    shared = tmp_path / "partage"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    created = private_folder(shared / "a" / "b")
    assert created.is_dir() and mode(created) == mode(created.parent) == 0o700
    assert mode(shared) == 0o755


def test_the_data_and_backups_folders_are_created_0700(tmp_path):
    source = tmp_path / "coorace.sqlite"
    for command in (["demo", "--db", source], ["demo"], ["backup", "--db", source]):
        result = subprocess.run([sys.executable, "-m", "coorace_desktop", *map(str, command)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    data = user_data_path(APP_NAME, appauthor=False)
    assert (data / "coorace.sqlite").is_file() and (data / "sauvegardes").is_dir()
    for folder in (data.parent, data, data / "sauvegardes"):
        assert mode(folder) == 0o700, folder
