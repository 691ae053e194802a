"""Where the files shipped with the code live (fonts, demo data, icons, the notes of each version
NOUVEAUTES.md, migrations), found the same way in a source checkout or editable install, an
installed wheel and a frozen build."""

from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# A wheel (setup.py copies resources/ there) and the frozen build (packaging/coorace-desktop.spec)
# carry the resources inside the package; a checkout keeps them at the top of the repository.
SHIPPED_DIR_NAME = "data"
MIGRATIONS_DIR = PACKAGE_DIR / "storage" / "migrations"  # package data in a wheel, data files when frozen


@cache
def resources_dir() -> Path:
    """The resources folder: inside the package when installed or frozen, else beside src/."""
    shipped = PACKAGE_DIR / SHIPPED_DIR_NAME
    checkout = PACKAGE_DIR.parents[1] / "resources"
    for candidate in (shipped, checkout):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Ressources de l'application introuvables (ni {shipped}, ni {checkout}).")


def resource(*parts: str) -> Path:
    """A file of the resources folder, e.g. resource("fonts", "DejaVuSans.ttf")."""
    return resources_dir().joinpath(*parts)
