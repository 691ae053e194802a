"""The layering rule: everything outside ui/ and app.py imports without PySide6."""

import pkgutil
import subprocess
import sys

import coorace_desktop

NON_UI_MODULES = sorted(
    module.name
    for module in pkgutil.walk_packages(coorace_desktop.__path__, "coorace_desktop.")
    if ".ui" not in module.name and not module.name.endswith((".app", ".__main__")) and ".migrations" not in module.name
)

BLOCKER = """
import sys
class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError(f"{name} imported outside the UI layer")
sys.meta_path.insert(0, BlockQt())
import importlib
for name in sys.argv[1:]:
    importlib.import_module(name)
"""


def test_non_ui_packages_import_without_pyside6():
    assert "coorace_desktop.storage.database" in NON_UI_MODULES
    result = subprocess.run([sys.executable, "-c", BLOCKER, *NON_UI_MODULES], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_blocker_does_block():
    result = subprocess.run([sys.executable, "-c", BLOCKER, "PySide6.QtCore"], capture_output=True, text=True)
    assert result.returncode != 0 and "outside the UI layer" in result.stderr
