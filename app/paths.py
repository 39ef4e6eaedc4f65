"""Where the field database lives by default. Light on purpose: `safeland` reads it before the
window opens, and the data layer is imported only after the window is painted."""
from __future__ import annotations

import os
from pathlib import Path


def default_path() -> Path:
    """SAFELAND_DB, or safeland.db in the user's data directory."""
    env = os.environ.get("SAFELAND_DB")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("safeland", appauthor=False)) / "safeland.db"
