"""The wheel's build step beyond pyproject.toml: the translations are compiled to .mo files
(packaging/catalogues.py), so the installed app reads them with Python's gettext."""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

sys.path.insert(0, str(Path(__file__).resolve().parent / "packaging"))
from catalogues import compile_all  # noqa: E402


class BuildWithCatalogues(build_py):
    def run(self) -> None:
        super().run()
        if not self.editable_mode:  # an editable install reads resources/ (packaging/setup compiles there)
            compile_all(Path(self.build_lib) / "kosi_checkin" / "resources")


setup(cmdclass={"build_py": BuildWithCatalogues})
