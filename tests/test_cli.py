"""The command line as a user runs it: a subprocess, French messages, exit codes."""

import json
import subprocess
import sys

from coorace_desktop.storage.migrate import head_revision


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "coorace_desktop", *args], capture_output=True, text=True, env=env)


def test_demo_then_check_reports_the_counts(tmp_path):
    path = tmp_path / "demo.sqlite"
    created = run("demo", "--db", str(path))
    assert created.returncode == 0, created.stderr
    checked = run("check", "--db", str(path), "--json")
    assert checked.returncode == 0, checked.stderr
    report = json.loads(checked.stdout)
    assert report["ok"] is True
    assert report["schema"] == head_revision()
    assert report["counts"]["organisations"] == 51
    assert report["counts"]["sites"] == 52
    assert report["counts"]["board_members"] == 15
    assert report["counts"]["staff"] == 5


def test_demo_replaces_only_a_database_of_ours_and_only_with_force(tmp_path):
    path = tmp_path / "demo.sqlite"
    path.write_bytes(b"precious")
    refused = run("demo", "--db", str(path))
    assert refused.returncode == 1
    assert "--force" in refused.stderr and "Traceback" not in refused.stderr
    refused = run("demo", "--db", str(path), "--force")
    assert refused.stderr == "Erreur : demo.sqlite n'est pas une base de données Coorace Desktop.\n"
    assert path.read_bytes() == b"precious"
    path.unlink()
    assert run("demo", "--db", str(path)).returncode == 0
    assert run("demo", "--db", str(path), "--force").returncode == 0


def test_check_on_a_text_file_is_one_french_line(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text("nom;ville\n")
    result = run("check", "--db", str(path))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["Erreur : liste.csv n'est pas une base de données Coorace Desktop."]


def test_check_on_a_corrupted_database_exits_1(demo_file, tmp_path):
    path = tmp_path / "damaged.sqlite"
    data = bytearray(demo_file.read_bytes())
    data[4096 * 3: 4096 * 3 + 200] = b"\xff" * 200  # scribble over a b-tree page
    path.write_bytes(bytes(data))
    result = run("check", "--db", str(path), "--json")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2():
    result = run("check", "--no-such-option")
    assert result.returncode == 2
    assert "Erreur d'utilisation" in result.stderr


def test_coorace_db_environment_variable_names_the_file(tmp_path):
    import os

    path = tmp_path / "env.sqlite"
    env = dict(os.environ, COORACE_DB=str(path))
    assert run("demo", env=env).returncode == 0
    assert path.exists()


def test_db_may_come_before_the_sub_command(tmp_path):
    path = tmp_path / "before.sqlite"
    assert run("--db", str(path), "demo").returncode == 0
    checked = run("--db", str(path), "check", "--json")
    assert checked.returncode == 0 and json.loads(checked.stdout)["counts"]["organisations"] == 51


def loaded_after(argv: list[str]) -> set[str]:
    """The modules loaded once the parser for `argv` is built (what a sub-command's start pays)."""
    code = f"import sys; from coorace_desktop.cli import build_parser; build_parser({argv!r}); print(' '.join(sys.modules))"
    return set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())


def test_a_sub_command_imports_its_own_module_only():
    loaded = loaded_after(["--db", "board", "board", "--json"])  # a file named "board" is not the command
    assert "coorace_desktop.cli.governance_commands" in loaded
    assert not {"coorace_desktop.cli.report_command", "coorace_desktop.cli.transfer_commands", "reportlab", "openpyxl"} & loaded
    window = loaded_after(["--demo"])
    assert not {name for name in window if name.startswith("coorace_desktop.cli.") and name != "coorace_desktop.cli.common"}
    assert "sqlalchemy" not in window  # the window paints before the database layer loads


def test_help_still_lists_every_sub_command():
    listed = run("--help").stdout
    assert all(command in listed for command in ("demo", "check", "import", "export", "board", "backup", "restore", "report", "events", "transfer"))


def test_a_file_alone_opens_the_window_on_it(tmp_path, monkeypatch):
    """`coorace-desktop FILE`, as a file manager's Open with (the desktop entry's %f) runs it."""
    from coorace_desktop import app, cli

    opened = []
    monkeypatch.setattr(app, "run_application", lambda db, demo, database_url: opened.append(db) or 0)
    database = tmp_path / "base de l'été.sqlite"
    database.write_bytes(b"")
    assert cli.main([str(database)]) == 0
    assert opened == [database]
    assert run(str(tmp_path / "absente.sqlite")).returncode == 2  # not a file: an unknown sub-command, as before
