"""The wheel's build compiles the Finnish (and any other) messages into ``.mo`` files;
everything else about the package is in pyproject.toml."""

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

_spec = importlib.util.spec_from_file_location(
    "compile_messages", Path(__file__).parent / "tools" / "compile_messages.py"
)
_tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_tool)


class BuildWithMessages(build_py):
    def run(self):
        super().run()
        _tool.compile_messages(Path(self.build_lib) / "intranet")


setup(cmdclass={"build_py": BuildWithMessages})
