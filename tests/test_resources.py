"""resources_dir: the package's own copy when installed or frozen, else the checkout's resources/."""

import pytest

from coorace_desktop import resources


@pytest.fixture
def package(tmp_path, monkeypatch):
    package_dir = tmp_path / "src" / "coorace_desktop"
    package_dir.mkdir(parents=True)
    monkeypatch.setattr(resources, "PACKAGE_DIR", package_dir)
    resources.resources_dir.cache_clear()
    yield package_dir
    resources.resources_dir.cache_clear()


def test_an_installed_or_frozen_package_reads_its_own_copy(package, tmp_path):
    (package / "data").mkdir()
    (tmp_path / "resources").mkdir()
    assert resources.resource("fonts", "DejaVuSans.ttf") == package / "data" / "fonts" / "DejaVuSans.ttf"


def test_a_checkout_reads_resources_beside_src(package, tmp_path):
    (tmp_path / "resources").mkdir()
    assert resources.resources_dir() == tmp_path / "resources"


def test_no_resources_at_all_is_said_in_french(package):
    with pytest.raises(FileNotFoundError, match="Ressources de l'application introuvables"):
        resources.resources_dir()


def test_this_checkout_finds_its_font():
    assert resources.resource("fonts", "DejaVuSans.ttf").is_file()
