"""Fixtures for the window tests: a real MainWindow on a real database, with the prompts
service replaced by one that records what it was asked and answers as told."""
from __future__ import annotations

import pytest

from app.ui import prompts
from tests.helpers.databases import copy_database


class FakePrompter(prompts.Prompter):
    def __init__(self) -> None:
        self.asked: list[tuple[str, str, str]] = []  # (kind, title, text)
        self.answers: list[bool | int] = []  # answered in order; default: yes / first choice

    def _answer(self, default):
        return self.answers.pop(0) if self.answers else default

    def confirm(self, parent, title, text, ok, detail=""):
        self.asked.append(("confirm", title, text))
        return bool(self._answer(True))

    def choose(self, parent, title, text, choices, detail=""):
        self.asked.append(("choose", title, text))
        return int(self._answer(len(choices) - 1))

    def inform(self, parent, title, text, detail=""):
        self.asked.append(("inform", title, text))

    def choose_file(self, parent, title, start):
        self.asked.append(("choose_file", title, start))
        return self._answer(None)


@pytest.fixture
def prompter():
    fake = FakePrompter()
    previous = prompts.install(fake)
    yield fake
    prompts.install(previous)


@pytest.fixture
def languages(qapp):
    from app.ui.i18n import Languages

    langs = Languages(qapp)
    langs.set("en")
    yield langs
    langs.set("en")


@pytest.fixture
def open_window(qtbot, prompter, languages):
    """Open a MainWindow on a database path; closes (and so shuts down) every one at the end."""
    from app.db import open_database
    from app.ui.main_window import MainWindow
    from app.ui.ops import Backend

    windows = []

    def open_(path, start: bool = True, form_now: bool = True) -> MainWindow:
        """`form_now=False`: the report form is built as in use, just after the first screen
        (or when first asked for), not here with the autosave made quicker."""
        window = MainWindow(Backend(open_database(path)), languages)
        qtbot.addWidget(window)
        if form_now:
            window.form.AUTOSAVE_MS = 200
            window.form._autosave_timer.setInterval(200)
        windows.append(window)
        window.show()
        if start:
            with qtbot.waitSignal(window.ready, timeout=10_000):
                window.start()
            _wait_idle(qtbot, window)
        return window

    yield open_
    for w in windows:
        w.shutdown()


def _wait_idle(qtbot, window) -> None:
    """Until no database op of the window is in flight, and none follows at once: the answer
    to one op can submit the next (through a timer), so the worker being idle for an instant
    is not enough; it must still be idle after one more pass of the event loop."""
    from PySide6.QtWidgets import QApplication

    for _ in range(50):
        qtbot.waitUntil(lambda: window.backend.pending == 0, timeout=10_000)
        QApplication.processEvents()
        if window.backend.pending == 0:
            return
    raise AssertionError("the window kept submitting database ops")


@pytest.fixture
def wait_idle():
    return _wait_idle


@pytest.fixture
def demo_path(db_path, demo_db_template):
    """The demo database (a copy of the run's template) with the laptop set up for DU4."""
    from app.db import open_database
    from app.domain import services

    copy_database(demo_db_template, db_path)
    db = open_database(db_path)
    services.save_profile(db, "CMAC", "DU4", "DU4-MDT-03", "Sok Dara")
    db.close()
    return db_path


@pytest.fixture
def open_demo_window(open_window, demo_path):
    return lambda: open_window(demo_path)
