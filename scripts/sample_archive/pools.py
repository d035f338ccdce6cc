"""The generator's prose and vocabularies live in data/*.yml, one file per genre, so
the Python holds only how documents are put together. ``pools(name)`` loads a file
once per process; nothing changes what it returns (the random draws read it in the
order it is written, which is what keeps the sample archive byte-identical)."""

import functools
from pathlib import Path
from types import SimpleNamespace

import yaml

DATA = Path(__file__).with_name("data")


@functools.cache
def pools(name):
    """The lists of data/<name>.yml as attributes: ``pools("names").surnames``."""
    with open(DATA / f"{name}.yml", encoding="utf-8") as f:
        return SimpleNamespace(**yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
