"""Where the files shipped beside the code live (demo data, fonts, translations)."""

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parents[2] / "resources"
DEMO_DATA_FILE = RESOURCES_DIR / "demo" / "coorace_occitanie_2020.toml"
FONTS_DIR = RESOURCES_DIR / "fonts"
