"""Reading safeland/1 JSON with a plain message for every way it can fail, and the text rule's
test (no NUL, no lone surrogate). Shared by `safeland import` and `safeland-hq import`; `loads`
and `check_shape` are HQ's HTTP layer's too (hq/web.py), and `text_problem` / `find_bad_text`
the wire protocol's (safeland_core/protocol.py). One checker for every door.

Bounded JSON: a document nested deeper than `MAX_DEPTH` levels, an integer longer than
`MAX_INT_DIGITS` digits, a float too large to be finite, or the non-standard `NaN` / `Infinity`
are refused with a message (never a RecursionError, an OverflowError at the database or
Python's 4300-digit ValueError). A UTF-8 byte-order mark (Windows editors write one) is
accepted and ignored; UTF-16 and UTF-32 with their marks are read too (RFC 8259 detection).
"""
from __future__ import annotations

import functools
import json
import math
import re
from typing import Any

import orjson

MAX_DEPTH = 20  # safeland/1 needs 5 (document, reports, report, items, item); a batch about 7
MAX_INT_DIGITS = 20  # int64 is 19 digits; no safeland/1 number comes near

_BAD_CHAR = re.compile("[\x00\ud800-\udfff]")


class UnreadableFile(Exception):
    """A file that cannot be read or is not JSON; the message is for the user."""


class BadJSON(ValueError):
    """JSON that parses but is out of bounds (too deep, too big a number, NaN, bad text), or
    that does not parse; the message is plain and names the place when it can. `code` says
    which: not_json, bad_encoding, too_deep, number_too_large, not_a_number, bad_text."""

    def __init__(self, message: str, code: str = "not_json"):
        super().__init__(message)
        self.code = code
        self.message = message


def _path(parts: list[str | int]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _describe(value: str) -> str:
    char = _BAD_CHAR.search(value).group()  # type: ignore[union-attr]
    what = "a NUL character" if char == "\x00" else "a lone surrogate"
    return f"contains {what} (U+{ord(char):04X})"


def _shape_ok(data: Any, max_depth: int, limit: int, text: bool) -> bool:
    """The fast pass: no paths kept (a 10,000-report file has some 400,000 values)."""
    bad = _BAD_CHAR.search
    stack = [(data, 1)]
    pop, push = stack.pop, stack.append
    while stack:
        obj, depth = pop()
        t = type(obj)
        if t is dict:
            if text and bad("".join(obj)):
                return False
            values = obj.values()
        elif t is list:
            values = obj
        else:  # a scalar at the top
            values = (obj,)
            depth -= 1
        if depth > max_depth:
            return False
        for value in values:
            t = type(value)
            if t is dict or t is list:
                push((value, depth + 1))
            elif t is str:
                if text and bad(value):
                    return False
            elif t is int:
                if not -limit < value < limit:
                    return False
            elif t is float:
                if value - value != 0:  # inf - inf and nan - nan are nan
                    return False
    return True


def _first_problem(data: Any, max_depth: int, limit: int, max_int_digits: int,
                   text: bool) -> tuple[str, str]:
    """The slow pass, once something is wrong: the first problem, with its path."""
    stack: list[tuple[Any, int, list]] = [(data, 1, [])]
    while stack:
        obj, depth, path = stack.pop()
        where = f"{_path(path)}: " if path else ""
        if isinstance(obj, (dict, list)) and depth > max_depth:
            return "too_deep", f"{where}nested deeper than {max_depth} levels"
        if isinstance(obj, dict):
            for key, value in reversed(list(obj.items())):
                if text and _BAD_CHAR.search(key):
                    return "bad_text", f"{where}a field name {_describe(key)}"
                stack.append((value, depth + 1, path + [str(key)]))
        elif isinstance(obj, list):
            for i in range(len(obj) - 1, -1, -1):
                stack.append((obj[i], depth + 1, path + [i]))
        elif isinstance(obj, str) and text and _BAD_CHAR.search(obj):
            return "bad_text", f"{where}{_describe(obj)}"
        elif isinstance(obj, int) and not isinstance(obj, bool) and not -limit < obj < limit:
            return "number_too_large", f"{where}an integer longer than {max_int_digits} digits"
        elif isinstance(obj, float) and not math.isfinite(obj):
            return "not_a_number", f"{where}a number too large (or not a number)"
    return "not_json", "out of bounds"


@functools.lru_cache(maxsize=8)
def _int_limit(digits: int) -> int:
    """10 ** digits, computed once per size: find_bad_text's 10 ** 10_000 cost 0.7 ms a call,
    most of HQ's time per pushed record."""
    return 10 ** digits


def check_shape(data: Any, *, max_depth: int = MAX_DEPTH, max_int_digits: int = MAX_INT_DIGITS,
                text: bool = False) -> None:
    """Raise BadJSON unless `data` (parsed JSON: dicts, lists, str, int, float, bool, None) is
    nested at most `max_depth` levels (the top object or list is level 1), holds no integer of
    more than `max_int_digits` digits and no infinite or NaN float, and, with `text=True`, no
    NUL character or lone surrogate in any string or field name (unknown fields included; the
    schema's `bad_text` rule covers the known ones). Iterative: no recursion limit to hit.
    The message names the first place at fault: `reports[3].notes: contains a NUL character`."""
    limit = _int_limit(max_int_digits)
    if not _shape_ok(data, max_depth, limit, text):
        code, message = _first_problem(data, max_depth, limit, max_int_digits, text)
        raise BadJSON(message, code)


def loads(raw: str | bytes | bytearray, *, max_depth: int = MAX_DEPTH,
          max_int_digits: int = MAX_INT_DIGITS, text: bool = False) -> Any:
    """Parse JSON text or bytes within bounds, or raise BadJSON with a plain message.

    Bytes may carry a UTF-8 byte-order mark (ignored) or be UTF-16/32 (detected as RFC 8259
    says). `NaN` and `Infinity` are refused while parsing; integers longer than
    `max_int_digits` digits, floats too large to be finite (`1e999`) and nesting deeper than
    `max_depth` just after, by check_shape (Python's own limits, hit first for thousands of
    digits or levels, give the same messages). With
    `text=True`, strings and field names holding NUL or a lone surrogate are refused too
    (see check_shape). For HQ's HTTP layer: `data = loads(await request.body())`."""
    if isinstance(raw, (bytes, bytearray)):
        try:
            raw = bytes(raw).decode(json.detect_encoding(raw))
        except UnicodeDecodeError as exc:
            raise BadJSON(f"not valid JSON: not UTF-8 text ({exc.reason} at byte {exc.start})",
                          "bad_encoding") from None
    if raw.startswith("\ufeff"):
        raw = raw[1:]

    def parse_constant(name: str) -> float:
        raise BadJSON(f"{name} is not a JSON number", "not_a_number")

    try:
        data = json.loads(raw, parse_constant=parse_constant)
    except RecursionError:
        raise BadJSON(f"nested deeper than {max_depth} levels", "too_deep") from None
    except json.JSONDecodeError as exc:
        raise BadJSON(f"not valid JSON: {exc}") from None
    except BadJSON:
        raise
    except ValueError:  # Python's own limit: an integer of more than 4300 digits
        raise BadJSON(f"an integer longer than {max_int_digits} digits", "number_too_large") from None
    check_shape(data, max_depth=max_depth, max_int_digits=max_int_digits, text=text)
    return data


def read_json(path: str) -> Any:
    """Read a JSON file, or raise UnreadableFile with a plain message naming it. Shared by
    `safeland import` and `safeland-hq import`. Bounded as `loads` is (a BOM is fine)."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise UnreadableFile(f"{path}: cannot read: {exc.strerror}") from None
    try:
        return loads(raw)
    except BadJSON as exc:
        message = str(exc)
        if not message.startswith("not valid JSON"):
            message = f"not accepted: {message}"
        raise UnreadableFile(f"{path}: {message}") from None


# --- the text rule's test, for fields outside a schema (the wire envelope, HQ's CLI) ----------

def text_problem(text: str) -> str | None:
    """Why `text` cannot be stored or sent (a NUL character, a lone surrogate), else None."""
    m = _BAD_CHAR.search(text)
    if m is None:
        return None
    return f"{_describe(m.group())} at position {m.start()}"


def find_bad_text(obj: Any) -> str | None:
    """The first string (key or value) anywhere in a decoded JSON value that `text_problem`
    refuses, as `path: message`, else None. Iterative.

    First the quick answer for the usual clean value (HQ asks for every record it receives):
    orjson refuses to write a lone surrogate and writes a NUL as the escape `\\u0000`, so text
    it writes without that escape holds neither. Otherwise (or when orjson cannot write the
    value: an integer beyond 64 bits, nesting beyond its limit) the walk finds the place."""
    try:
        if b"\\u0000" not in orjson.dumps(obj):
            return None
    except orjson.JSONEncodeError:
        pass
    try:
        check_shape(obj, max_depth=10_000, max_int_digits=10_000, text=True)
    except BadJSON as exc:
        return exc.message if exc.code == "bad_text" else None
    return None


def printable(text: str) -> str:
    """Text safe to print or store in a message: NUL and lone surrogates shown as escapes."""
    return _BAD_CHAR.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
