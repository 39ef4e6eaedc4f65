"""Bounds on the shape of decoded JSON and on the text in it, checked before anything else
(pydantic, validation, the database) sees a document.

Python's `json` module happily decodes what later code chokes on: nesting thousands of levels
deep (RecursionError in any recursive walk), integers hundreds of digits long (OverflowError as
soon as one is turned into a float or a database integer), `NaN`, `Infinity` and `1e400` (not
JSON for PostgreSQL), NUL characters (no PostgreSQL text column takes one) and lone surrogates
such as `"\\ud800"` (not encodable as UTF-8, so SQLite and every file write refuse them).

`json_shape_problem` / `check_json_shape` bound the first three; `text_problem` /
`find_bad_text` find the last two. All walks are iterative, so a document nested deeper than
the recursion limit is still walked safely. Used by HQ's request decoding (hq/web.py), the wire
models (safeland_core/protocol.py) and both command lines.

Shared by the rules' JSON reading (safeland_core/jsonfile.py) once merged: one checker.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_DEPTH = 64
MAX_INT_DIGITS = 30

_BAD_TEXT = re.compile("[\x00\ud800-\udfff]")


def json_shape_problem(obj: Any, max_depth: int = MAX_DEPTH,
                       max_int_digits: int = MAX_INT_DIGITS) -> tuple[str, str] | None:
    """(code, message) for the first thing out of bounds in a decoded JSON value, else None.

    Codes: `too_deep` (arrays/objects nested deeper than `max_depth`), `number_too_large` (an
    integer of more than `max_int_digits` digits), `not_a_number` (NaN, Infinity, or a float
    too large to be finite)."""
    stack: list[tuple[Any, int, str]] = [(obj, 1, "$")]
    while stack:
        value, depth, where = stack.pop()
        if isinstance(value, bool) or value is None or isinstance(value, str):
            continue
        if isinstance(value, int):
            # The digit count without str(): str() itself refuses ints over 4300 digits.
            if value.bit_length() > max_int_digits * 3.33 and len(_digits(value)) > max_int_digits:
                return ("number_too_large",
                        f"{where}: a number of more than {max_int_digits} digits")
            continue
        if isinstance(value, float):
            if not math.isfinite(value):
                return ("not_a_number", f"{where}: not a finite number (NaN, Infinity or too large)")
            continue
        if isinstance(value, (dict, list)):
            if depth > max_depth:
                return ("too_deep", f"{_short(where)}: nested more than {max_depth} levels deep")
            if isinstance(value, dict):
                items = value.items()
                stack.extend((v, depth + 1, f"{where}.{_key(k)}") for k, v in items)
            else:
                stack.extend((v, depth + 1, f"{where}[{i}]") for i, v in enumerate(value))
    return None


def check_json_shape(obj: Any, max_depth: int = MAX_DEPTH,
                     max_int_digits: int = MAX_INT_DIGITS) -> str | None:
    """The message of `json_shape_problem`, or None when the value is within bounds."""
    problem = json_shape_problem(obj, max_depth, max_int_digits)
    return problem[1] if problem else None


def _short(where: str, limit: int = 80) -> str:
    return where if len(where) <= limit else where[:limit] + "..."


def _digits(value: int) -> str:
    try:
        return str(abs(value))
    except ValueError:  # over sys.int_info.default_max_str_digits: certainly too long
        return "9" * 10_000


def _key(key: Any) -> str:
    text = str(key)
    return _printable(text[:40]) + ("..." if len(text) > 40 else "")


def text_problem(text: str) -> str | None:
    """Why `text` cannot be stored or sent (a NUL character, a lone surrogate), else None."""
    m = _BAD_TEXT.search(text)
    if m is None:
        return None
    if m.group() == "\x00":
        return f"contains a NUL character (at position {m.start()})"
    return f"contains a lone surrogate U+{ord(m.group()):04X} (at position {m.start()}): not text"


def find_bad_text(obj: Any, max_items: int = 1_000_000) -> str | None:
    """The first string (key or value) anywhere in a decoded JSON value that `text_problem`
    refuses, as `$.path: message`, else None. Iterative."""
    stack: list[tuple[Any, str]] = [(obj, "$")]
    seen = 0
    while stack and seen < max_items:
        value, where = stack.pop()
        seen += 1
        if isinstance(value, str):
            problem = text_problem(value)
            if problem:
                return f"{where}: {problem}"
        elif isinstance(value, dict):
            for k, v in value.items():
                if isinstance(k, str) and (problem := text_problem(k)):
                    return f"{where}: a key {problem}"
                stack.append((v, f"{where}.{_key(k)}"))
        elif isinstance(value, list):
            stack.extend((v, f"{where}[{i}]") for i, v in enumerate(value))
    return None


def _printable(text: str) -> str:
    """Text safe to print or store in a message: NUL and lone surrogates shown as escapes."""
    return _BAD_TEXT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


printable = _printable


def loads_bounded(text: str | bytes, max_depth: int = MAX_DEPTH,
                  max_int_digits: int = MAX_INT_DIGITS) -> Any:
    """json.loads, then the shape bounds. Raises `ShapeError` (a ValueError with `.code`) for
    anything out of bounds, including what json.loads itself cannot survive (RecursionError,
    integers over Python's 4300-digit limit); json.JSONDecodeError for text that is not JSON."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise ShapeError("too_deep", f"nested more than {max_depth} levels deep") from None
    except ValueError as exc:  # "Exceeds the limit (4300 digits) for integer string conversion"
        if "digits" in str(exc):
            raise ShapeError("number_too_large",
                             f"a number of more than {max_int_digits} digits") from None
        raise
    problem = json_shape_problem(data, max_depth, max_int_digits)
    if problem:
        raise ShapeError(*problem)
    return data


class ShapeError(ValueError):
    """A JSON document out of bounds; `code` names how, the message says where."""

    def __init__(self, code: str, message: str):
        self.code, self.message = code, message
        super().__init__(message)


def _path_label(where: str) -> str:
    """`$.reports[3].site_reference` -> `reports[3].site_reference` (the validation messages'
    way of naming a field)."""
    return where[2:] if where.startswith("$.") else where.lstrip("$") or "(the document)"


def read_json_checked(path: str, max_depth: int = MAX_DEPTH,
                      max_int_digits: int = MAX_INT_DIGITS, text: bool = True) -> Any:
    """Read a JSON file for an import: `jsonfile.read_json`'s plain messages, plus the shape
    bounds and (with `text`) no NUL or lone surrogate in any string. Raises
    `jsonfile.UnreadableFile` with a message naming the file and the place."""
    from .jsonfile import UnreadableFile, read_json

    try:
        data = read_json(path)
    except RecursionError:
        raise UnreadableFile(f"{path}: not accepted: nested more than {max_depth} levels deep "
                             "(a safeland/1 file is only a few levels deep)") from None
    except UnreadableFile:
        raise
    except ValueError as exc:  # an integer beyond Python's 4300-digit limit
        if "digits" not in str(exc):
            raise UnreadableFile(f"{path}: not valid JSON: {exc}") from None
        raise UnreadableFile(f"{path}: not accepted: a number of more than {max_int_digits} "
                             "digits") from None
    problem = json_shape_problem(data, max_depth, max_int_digits)
    if problem:
        code, message = problem
        where, _, what = message.partition(": ")
        if code == "too_deep":
            what += " (a safeland/1 file is only a few levels deep)"
        raise UnreadableFile(f"{path}: not accepted: {_path_label(where)}: {what}")
    if text:
        bad = find_bad_text(data)
        if bad:
            where, _, what = bad.partition(": ")
            raise UnreadableFile(f"{path}: not accepted: {_path_label(where)}: {what}")
    return data
