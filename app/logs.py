"""The log file: where tracebacks go instead of the user's screen. Never logs the device token."""
from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path


def log_path() -> Path:
    env = os.environ.get("SAFELAND_LOG")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_log_dir("safeland", appauthor=False)) / "safeland.log"


def setup(debug: bool = False) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_safeland", False) for h in root.handlers):
        return
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError:  # a read-only home must not stop the app
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._safeland = True  # type: ignore[attr-defined]  # noqa: SLF001 - our own marker (see above)
    root.addHandler(handler)
    if debug:
        console = logging.StreamHandler()
        console._safeland = True  # type: ignore[attr-defined]  # noqa: SLF001 - our own marker
        root.addHandler(console)
