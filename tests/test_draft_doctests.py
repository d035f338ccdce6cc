"""The examples in the docstrings of the drafting and catalogue modules run."""

import doctest
import importlib

import pytest

MODULES = [
    "dj_archive.catalog",
    "dj_archive.draft",
    "dj_archive.draft.compose",
    "dj_archive.draft.model",
    "dj_archive.draft.notes",
    "dj_archive.draft.followup",
    "dj_archive.draft.overlap",
    "dj_archive.periods",
    "dj_archive.draft.records",
    "dj_archive.draft.topics",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
