"""YAML the user supplies (fonds.yml, data-file overrides), read safely and as written.

Two differences from ``yaml.safe_load``:

* Aliases (``*name``) are refused: a one-kilobyte file of nested aliases can expand to
  gigabytes ("billion laughs"). Nothing the toolkit reads needs them.
* The value of a ``code:`` key is text as typed: ``code: 01`` is ``"01"``, not the
  number 1; ``010`` is not octal 8; ``ON`` is not True.

>>> load_yaml("categories:\\n  - {code: 01, name: 综合类}\\n  - {code: ON, name: 其他}")
{'categories': [{'code': '01', 'name': '综合类'}, {'code': 'ON', 'name': '其他'}]}
>>> load_yaml("a: &x [1, 2]\\nb: *x")
Traceback (most recent call last):
...
yaml.composer.ComposerError: aliases (*name) are not allowed; write the value out in full
  in "<unicode string>", line 2, column 4:
    b: *x
       ^
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError
from .i18n import N_

__all__ = ["load_yaml", "read_user_text"]

#: Keys whose (unquoted) values are text whatever they look like.
TEXT_KEYS = frozenset({"code"})
_STR = "tag:yaml.org,2002:str"


class _Loader(yaml.SafeLoader):
    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, N_("aliases (*name) are not allowed; write the value out in full"), event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        for key, value in node.value:
            if (
                isinstance(key, yaml.ScalarNode)
                and key.value in TEXT_KEYS
                and isinstance(value, yaml.ScalarNode)
                and value.tag != _STR
                and value.value not in ("", "~", "null", "Null", "NULL")
            ):
                value.tag = _STR
        return super().construct_mapping(node, deep)


def load_yaml(text: str) -> Any:
    """Parse ``text`` like ``yaml.safe_load``, without aliases and with codes as text.
    Raises ``yaml.YAMLError`` (with the line and column) for anything else."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


def read_user_text(path: Path) -> str:
    """The text of a file the user supplies (a BOM from Notepad is dropped); a named
    :class:`ConfigError` saying what to do when it is not UTF-8 or cannot be read."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(N_("{path}: not UTF-8 text; save it as UTF-8").format(path=path)) from exc
    except OSError as exc:
        raise ConfigError(
            N_("{path}: cannot read it ({reason})").format(path=path, reason=exc.strerror or exc)
        ) from exc
