"""Packaging that pyproject.toml cannot say: ship the generated rule pages (docs/rules/*.md) in the wheel.

pyproject.toml holds everything else. setuptools cannot find packages and also map one more package to
another directory from pyproject.toml alone, so the package list is computed here: every package under
``codemod`` plus ``codemod.ruledocs``, which is ``docs/rules`` (its ``*.md`` files are package data, see
pyproject.toml). ``claude-migrate rule CODE`` reads the pages from there when the tool is installed.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages(include=["codemod", "codemod.*"]), "codemod.ruledocs"],
    package_dir={"codemod.ruledocs": "docs/rules"},
)
