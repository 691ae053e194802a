"""The Linux desktop entry (packaging/coorace-desktop.desktop) and scripts/install-desktop, which puts
it and the icon in the user's menu: validated by desktop-file-validate (Debian's desktop-file-utils,
which scripts/setup installs) when it is there, and by its keys in any case."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENTRY = ROOT / "packaging" / "coorace-desktop.desktop"
VALIDATOR = shutil.which("desktop-file-validate")


def entry_keys(path: Path) -> dict[str, str]:
    """The keys of the [Desktop Entry] group."""
    keys, group = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            group = line
        elif group == "[Desktop Entry]" and "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            keys[key] = value
    return keys


def check_entry(path: Path) -> dict[str, str]:
    if VALIDATOR:
        done = subprocess.run([VALIDATOR, str(path)], capture_output=True, text=True)
        assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr
    keys = entry_keys(path)
    assert keys["Type"] == "Application"
    assert keys["Exec"].endswith(" %f")  # one file, from a file manager's Open with
    assert "application/vnd.sqlite3" in keys["MimeType"].split(";")
    assert keys["Icon"] == "coorace-desktop"
    assert "Adhérents" in keys["Comment"] and keys["Terminal"] == "false"
    return keys


def test_the_shipped_entry_is_valid():
    assert check_entry(ENTRY)["Exec"] == "coorace-desktop %f"


def test_install_desktop_puts_the_entry_and_icons_in_the_user_menu(tmp_path):
    program = tmp_path / "Mes programmes été" / "coorace-desktop"  # a space and accents in the path
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    data = tmp_path / "données"
    environment = {**os.environ, "XDG_DATA_HOME": str(data)}
    subprocess.run([ROOT / "scripts" / "install-desktop", program], env=environment, check=True, capture_output=True)

    installed = data / "applications" / "coorace-desktop.desktop"
    keys = check_entry(installed)
    assert keys["Exec"] == f'"{program}" %f'
    assert keys["TryExec"] == str(program)
    assert (data / "icons" / "hicolor" / "256x256" / "apps" / "coorace-desktop.png").read_bytes() == (
        ROOT / "resources" / "icons" / "coorace-desktop.png").read_bytes()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "coorace-desktop.svg").exists()
    # Again: the same files, replaced.
    subprocess.run([ROOT / "scripts" / "install-desktop", program], env=environment, check=True, capture_output=True)
    assert installed.read_text(encoding="utf-8").count("\nExec=") == 1


def test_install_desktop_refuses_a_missing_program(tmp_path):
    done = subprocess.run([ROOT / "scripts" / "install-desktop", tmp_path / "absent"], capture_output=True, text=True,
                          env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")})
    assert done.returncode == 1 and "manque" in done.stderr
    assert not (tmp_path / "data").exists()


@pytest.mark.skipif(VALIDATOR is None, reason="desktop-file-validate absent (Debian: desktop-file-utils)")
def test_the_validator_does_catch_a_broken_entry(tmp_path):
    broken = tmp_path / "broken.desktop"
    broken.write_text(ENTRY.read_text(encoding="utf-8").replace("Type=Application\n", ""), encoding="utf-8")
    assert subprocess.run([VALIDATOR, str(broken)], capture_output=True).returncode != 0
