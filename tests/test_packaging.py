"""The wheel carries what the application needs: built from the sources (sdist, then wheel, as a
release is), installed without -e into a fresh virtual environment, it runs away from the checkout
and without a system time-zone database."""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]


def embedded_fonts(pdf: Path) -> set[str]:
    """The base font names the PDF's pages use (subset prefixes such as ABCDEF+ removed)."""
    names = set()
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names


def test_installed_wheel_creates_checks_and_prints_the_demo(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "-q", "-o", str(tmp_path / "dist"), str(ROOT)],
        check=True, capture_output=True,
    )
    wheel = next((tmp_path / "dist").glob("coorace_desktop-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "coorace_desktop/data/fonts/DejaVuSans.ttf" in names
    assert "coorace_desktop/data/demo/coorace_occitanie_2020.toml" in names
    assert any(n.startswith("coorace_desktop/storage/migrations/versions/0001") for n in names)
    assert "Requires-Dist: tzdata" in metadata

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
         "--disable-pip-version-check", str(wheel)],
        check=True, capture_output=True,
    )
    # The dependencies are this environment's (installing PySide6 again would take minutes); a .pth
    # line adds its site-packages after the fresh one, and a path line there runs no editable hook.
    site = Path(subprocess.check_output([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                        text=True).strip())
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")

    work = tmp_path / "work"
    work.mkdir()
    environment = {**os.environ, "PYTHONTZPATH": "/nonexistent", "HOME": str(tmp_path / "home"),
                   "XDG_DATA_HOME": str(tmp_path / "data"), "PYTHONPATH": ""}

    def run(*arguments: str) -> str:
        done = subprocess.run([venv / "bin" / "coorace-desktop", *arguments], cwd=work, env=environment,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    where = subprocess.check_output([python, "-c", "import coorace_desktop; print(coorace_desktop.__file__)"],
                                    cwd=work, env=environment, text=True)
    assert Path(where).is_relative_to(site)
    run("demo", "--db", "demo.sqlite")
    assert json.loads(run("check", "--db", "demo.sqlite", "--json"))["counts"]["organisations"] == 51
    run("report", "--db", "demo.sqlite", "--year", "2020", "-o", "rapport.pdf")
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= embedded_fonts(work / "rapport.pdf")
    assert len(PdfReader(work / "rapport.pdf").pages) == 15
    run("export", "events", "agenda.ics", "--db", "demo.sqlite")  # Europe/Paris from tzdata, no system zones
    assert "BEGIN:VEVENT" in (work / "agenda.ics").read_text(encoding="utf-8")


def windows_version(version: str) -> tuple[int, int, int, int]:
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        from windows_version import windows_version as convert
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    return convert(version)


def test_windows_gets_four_numbers_from_any_version():
    assert windows_version("0.1.0") == (0, 1, 0, 0)
    assert windows_version("0.2.0rc1") == (0, 2, 0, 0)
    assert windows_version("1.2") == (1, 2, 0, 0)
    assert windows_version("2026.12.1.5.7.dev2") == (2026, 12, 1, 5)


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis absent (Debian: nsis)")
def test_the_installer_compiles_for_a_pre_release(tmp_path):
    """The installer script over a stand-in folder (scripts/check_package.py compiles it over the real build)."""
    folder = tmp_path / "coorace-desktop"
    (folder / "_internal").mkdir(parents=True)
    (folder / "coorace-desktop.exe").write_bytes(b"MZ")
    numbers = ".".join(map(str, windows_version("0.2.0rc1")))
    installer = tmp_path / "installation.exe"
    subprocess.run(["makensis", "-V1", "-DVERSION=0.2.0rc1", f"-DVERSION_NUMBERS={numbers}", f"-DDIST={folder}",
                    f"-DOUTFILE={installer}", "-DCOMPRESSOR=zlib", str(ROOT / "packaging" / "coorace-desktop.nsi")],
                   check=True, capture_output=True)
    assert installer.read_bytes()[:2] == b"MZ"
