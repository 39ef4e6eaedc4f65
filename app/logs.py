"""The log file: where tracebacks go instead of the user's screen. Never logs the device token."""
from __future__ import annotations

import logging
import os
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_path() -> Path:
    env = os.environ.get("SAFELAND_LOG")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_log_dir("safeland", appauthor=False)) / "safeland.log"


class FileAtFirstRecord(logging.Handler):
    """The rotating log file (2 MB, three old ones), opened when the first record comes: a
    command that logs nothing (`safeland sheet`) makes no file and imports neither
    logging.handlers (socket, pickle, queue) nor platformdirs. A file that cannot be opened (a
    read-only home) drops the records: it must not stop the app.

    Thread: any (logging's own lock is held around `emit`)."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logging.Formatter(FORMAT))
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            self._file = _open_file()
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def _open_file() -> logging.Handler:
    import logging.handlers

    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError:  # a read-only home must not stop the app
        return logging.NullHandler()


def setup(debug: bool = False) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_safeland", False) for h in root.handlers):
        return
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    handler = FileAtFirstRecord()
    handler._safeland = True  # type: ignore[attr-defined]  # noqa: SLF001 - our own marker (see above)
    root.addHandler(handler)
    if debug:
        console = logging.StreamHandler()
        console._safeland = True  # type: ignore[attr-defined]  # noqa: SLF001 - our own marker
        root.addHandler(console)
