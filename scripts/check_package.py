"""Checks the frozen folder built by scripts/package the way an office PC runs it: from dist/, with no
system time-zone database (PYTHONTZPATH=/nonexistent), Qt offscreen, the user's folders in a temp dir;
then compiles the NSIS installer over it. CI runs it after the test suite:
    .venv/bin/python scripts/check_package.py"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import icalendar
import openpyxl
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "dist" / "coorace-desktop"
PROGRAM = FOLDER / ("coorace-desktop.exe" if sys.platform == "win32" else "coorace-desktop")
LIMIT_MB = 200
SHOWN_MARKER = "coorace-desktop: main window shown"  # coorace_desktop.app.SHOWN_MARKER
FILLED_MARKER = "coorace-desktop: first tab filled"  # coorace_desktop.app.FILLED_MARKER: the dashboard drew


def folder_size_mb(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink()) / 1e6


def main() -> int:
    if not PROGRAM.exists():
        print(f"{PROGRAM} manque : lancez scripts/package d'abord.", file=sys.stderr)
        return 1
    size = folder_size_mb(FOLDER)
    assert size < LIMIT_MB, f"dist/coorace-desktop fait {size:.0f} Mo (limite {LIMIT_MB})"
    print(f"taille : {size:.0f} Mo")
    if sys.platform != "win32":  # Fichier > Imprimer… lists the system's printers through Qt's CUPS plugin
        assert list(FOLDER.rglob("libcupsprintersupport.so")), "le greffon d'impression de Qt (CUPS) manque"
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        environment = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
        environment.update(PYTHONTZPATH="/nonexistent", QT_QPA_PLATFORM="offscreen", HOME=str(work / "home"),
                           XDG_DATA_HOME=str(work / "data"), XDG_CONFIG_HOME=str(work / "config"),
                           XDG_STATE_HOME=str(work / "state"), XDG_CACHE_HOME=str(work / "cache"))

        def run(*arguments: str, **extra: str) -> str:
            started = time.perf_counter()
            done = subprocess.run([str(PROGRAM), *arguments], cwd=work, env={**environment, **extra},
                                  capture_output=True, text=True, timeout=120)
            print(f"{' '.join(arguments) or 'fenêtre'} : {time.perf_counter() - started:.1f} s")
            assert done.returncode == 0, f"{arguments} : code {done.returncode}\n{done.stderr}"
            return done.stdout

        run("demo", "--db", "demo.sqlite")
        counts = json.loads(run("check", "--db", "demo.sqlite", "--json"))["counts"]
        assert counts["organisations"] == 51, counts
        run("report", "--db", "demo.sqlite", "--year", "2020", "-o", "rapport.pdf")
        pages = PdfReader(work / "rapport.pdf").pages
        assert len(pages) == 15, len(pages)
        fonts = {str(font.get_object()["/BaseFont"]).split("+")[-1]
                 for page in pages for font in page["/Resources"].get("/Font", {}).values()}
        assert "DejaVuSans" in fonts, fonts
        run("export", "members", "adherents.xlsx", "--db", "demo.sqlite")
        assert openpyxl.load_workbook(work / "adherents.xlsx").active.max_row == 52  # heading + 51
        run("export", "events", "agenda.ics", "--db", "demo.sqlite")
        calendar = icalendar.Calendar.from_ical((work / "agenda.ics").read_bytes())
        assert len(calendar.walk("VEVENT")) == 10
        run("export", "members", "annuaire.vcf", "--db", "demo.sqlite")
        assert (work / "annuaire.vcf").read_text(encoding="utf-8").count("BEGIN:VCARD") == 66  # 51 + 15 contacts
        shown = run("--db", "demo.sqlite", COORACE_EXIT_AFTER_SHOW="1")
        assert SHOWN_MARKER in shown and FILLED_MARKER in shown, shown  # the first tab (charts) built and painted

        from coorace_desktop import __version__

        sys.path.insert(0, str(ROOT / "packaging"))
        from windows_version import windows_version

        numbers = ".".join(map(str, windows_version(__version__)))
        started = time.perf_counter()
        installer = work / "installation.exe"
        subprocess.run(["makensis", "-V2", f"-DVERSION={__version__}", f"-DVERSION_NUMBERS={numbers}", f"-DDIST={FOLDER}",
                        f"-DOUTFILE={installer}",
                        "-DCOMPRESSOR=zlib", str(ROOT / "packaging" / "coorace-desktop.nsi")], check=True)
        print(f"makensis : {time.perf_counter() - started:.1f} s, {installer.stat().st_size / 1e6:.0f} Mo")
    print("dist/coorace-desktop : tout fonctionne.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
