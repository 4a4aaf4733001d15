"""Which language a notebook's code is in, from its metadata: Python, another language, or unknown.

A notebook runs in one kernel and its metadata names it twice: ``language_info`` (written by the
kernel when the notebook last ran) and ``kernelspec`` (the kernel to start: ``name`` and
``language``); Databricks exports name it in their own key. Only a notebook that is clearly in
another language (R, Julia, Scala...) may be left out on its metadata alone: R code such as
``x <- c(1, 2)`` or ``library(httr)`` parses as Python, so the code cannot decide that. Kernels with
their own names are common for Python (nb_conda's ``conda-env-<env>-py``, a virtualenv's ``.venv``,
SageMaker's ``conda_pytorch_p310``, Azure ML's ``azureml_py38``, Coconut, a superset of Python that
cookbooks use), so a kernel name is Python when one of its parts says so. When the metadata says
nothing conclusive (no metadata, ``mojo``, ``sage``, an in-house kernel name) the code decides
(``notebook.py``: a code cell that parses as Python).

Evidence for Python wins over evidence for another language: analysing code that is not Python
costs at worst an error naming a cell, while leaving Python out would lose its findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PYTHON, OTHER, UNKNOWN = "python", "other", "unknown"

# Language names, lower-cased, spaces and a trailing version removed ("Python 3" -> "python").
PYTHON_LANGUAGES = frozenset({"python", "ipython", "pyspark", "coconut"})
OTHER_LANGUAGES = frozenset({
    "r", "julia", "scala", "java", "kotlin", "groovy", "clojure", "javascript", "typescript", "js", "ts",
    "node", "nodejs", "c", "c++", "cpp", "c#", "csharp", "f#", "fsharp", "powershell", "pwsh", "go",
    "golang", "rust", "ruby", "haskell", "ocaml", "bash", "sh", "shell", "zsh", "fish", "sql", "sqlite",
    "postgresql", "mysql", "matlab", "octave", "sas", "stata", "spss", "scheme", "racket", "lisp",
    "commonlisp", "lua", "perl", "raku", "php", "swift", "dart", "elixir", "erlang", "nim", "zig",
    "fortran", "prolog", "q", "kdb", "wolframlanguage", "mathematica", "maxima", "gnuplot", "sparql",
    "cypher", "gap", "macaulay2", "lean", "coq", "apl", "idris", "agda", "markdown",
})
# nb_conda_kernels names a kernel ``conda-env-<env>-<language key>`` (``py``, ``r``...).
_NB_CONDA = re.compile(r"conda-(?:env-.+|root|base)-([a-z]+)")
# A part (between "-", "_", "." or spaces) of a Python kernel's name: python3, python3.11, ipykernel,
# xpython, pysparkkernel, py38 / p310 (Azure ML, SageMaker), venv / .venv, pyenv, virtualenv, coconut.
_PYTHON_PART = re.compile(r"i?python\d*|ipykernel|xpython|pyspark\w*|py\d*|p3\d+|venv|pyenv|virtualenv|pipenv|coconut")
_PARTS = re.compile(r"[-_.\s]+")
# Kernels of other languages, by the start of their name (IRkernel's ``ir``, ``julia-1.10``, ``xcpp17``...).
_OTHER_KERNEL = re.compile(
    r"(?:ir|irkernel|xr|julia|scala|spylon|sparkkernel|sparkrkernel|i?javascript|tslab|deno|i?java|kotlin|xcpp"
    r"|bash|gophernotes|gonb|evcxr|rust|sas|stata|i?matlab|octave|wolframlanguage|ihaskell|ocaml|iruby|ruby"
    r"|clojure|lua|elixir|xsqlite|\.net-\w+)(?![a-z])"
)
_DATABRICKS = "application/vnd.databricks.v1+notebook"


@dataclass(frozen=True)
class Language:
    """What the metadata says: ``verdict`` is PYTHON, OTHER or UNKNOWN; ``name`` is the language or
    kernel it names, for messages (None when it names none)."""

    verdict: str
    name: str | None


def _normalised(language: str) -> str:
    """ "Python 3" -> "python", "C++17" -> "c++", "Wolfram Language" -> "wolframlanguage"."""
    return re.sub(r"[\d.]*$", "", language.lower().replace(" ", ""))


def _kernel_verdict(kernel: str) -> str:
    """PYTHON, OTHER or UNKNOWN for a kernelspec name alone."""
    name = kernel.strip().lower()
    conda = _NB_CONDA.fullmatch(name)
    if conda is not None:
        return PYTHON if conda.group(1) in ("py", "python") else OTHER
    if any(_PYTHON_PART.fullmatch(part) for part in _PARTS.split(name)):
        return PYTHON
    return OTHER if _OTHER_KERNEL.match(name) else UNKNOWN


def _text(section: object, key: str) -> str | None:
    value = section.get(key) if isinstance(section, dict) else None
    return value if isinstance(value, str) and value.strip() else None


def notebook_language(metadata: object) -> Language:
    """The language of a notebook, from its top-level ``metadata`` (any JSON value)."""
    section = metadata if isinstance(metadata, dict) else {}
    languages = [
        language
        for language in (
            _text(section.get("language_info"), "name"),
            _text(section.get("kernelspec"), "language"),
            _text(section.get(_DATABRICKS), "language"),
        )
        if language is not None
    ]
    kernel = _text(section.get("kernelspec"), "name")
    kernel_verdict = _kernel_verdict(kernel) if kernel is not None else UNKNOWN
    name = languages[0] if languages else kernel
    if kernel_verdict == PYTHON or any(_normalised(language) in PYTHON_LANGUAGES for language in languages):
        return Language(PYTHON, name)
    if kernel_verdict == OTHER or any(_normalised(language) in OTHER_LANGUAGES for language in languages):
        return Language(OTHER, name)
    return Language(UNKNOWN, name)
