"""The one build step pyproject.toml cannot say: resources/ stays at the top of the repository and
is copied into the package (coorace_desktop/data) of every wheel; an editable install reads it in place."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithResources(build_py):
    def run(self) -> None:
        super().run()
        if not self.editable_mode:
            target = Path(self.build_lib, "coorace_desktop", "data")
            shutil.copytree(Path(__file__).parent / "resources", target, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildPyWithResources})
