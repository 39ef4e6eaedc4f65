"""Reading a safeland/1 JSON file with a plain message for every way it can fail. Shared by
`safeland import` and `safeland-hq import`."""
from __future__ import annotations

import json
from typing import Any


class UnreadableFile(Exception):
    """A file that cannot be read or is not JSON; the message is for the user."""


def read_json(path: str) -> Any:
    """Read a JSON file, or raise UnreadableFile with a plain message naming it. Shared by
    `safeland import` and `safeland-hq import`."""
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except OSError as exc:
        raise UnreadableFile(f"{path}: cannot read: {exc.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UnreadableFile(f"{path}: not valid JSON: {exc}") from None
