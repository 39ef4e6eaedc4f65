"""Issue 11, point 3: a sheet's PDF goes to a file name that works, in the documents folder;
*Save sheet as PDF…* beside *Print…* writes it. And point 17: the sheet prints UTM."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

REFERENCE = "BS/CHA/CMAA/71408"  # the site of the report: its slashes made folders
DEMO_SITE = "BS/CHA/CMAA/60222"


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A home folder of the test's own, so the documents folder is not the machine user's."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    return home


def _documents() -> Path:
    from PySide6.QtCore import QStandardPaths

    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


def test_suggested_path_is_one_file_in_the_documents_folder(qapp, home):
    from app.ui.print_sheet import suggested_pdf_path

    path = suggested_pdf_path(REFERENCE)
    assert path.parent == _documents()
    assert str(path.parent).startswith(str(home))
    assert path.name == "Site sheet BS-CHA-CMAA-71408.pdf"
    assert "/" not in path.name and "\\" not in path.name and os.sep not in path.name
    for odd in ("A\\B:C*D?E", 'x"<y>|z', "../../etc/passwd", "///"):
        name = suggested_pdf_path(odd).name
        assert not set('/\\:*?"<>|') & set(name), name
        assert suggested_pdf_path(odd).parent == _documents()


def test_print_dialog_names_its_pdf_without_folders(qtbot, demo_db, home):
    from app.ui.print_sheet import preview_dialog, suggested_pdf_path

    dialog = preview_dialog(None, demo_db, REFERENCE)
    qtbot.addWidget(dialog)
    printer = dialog._safeland_printer
    assert "/" not in printer.docName()  # Qt's "Print to File" name is built from it
    assert printer.docName() == suggested_pdf_path(REFERENCE).stem
    if printer.outputFileName():  # no printer on this machine: the file in Documents it is
        assert Path(printer.outputFileName()) == suggested_pdf_path(REFERENCE)


def test_save_sheet_as_pdf_beside_print_writes_a_real_pdf(qtbot, demo_db, home, monkeypatch,
                                                          extract):
    from PySide6.QtWidgets import QToolBar

    from app.ui import print_sheet

    asked = []

    def choose(parent, suggested):
        asked.append(suggested)
        return suggested  # the user accepts the suggestion

    monkeypatch.setattr(print_sheet, "choose_pdf_path", choose)
    dialog = print_sheet.preview_dialog(None, demo_db, REFERENCE)
    qtbot.addWidget(dialog)
    bar = dialog.findChild(QToolBar)
    actions = [a for a in bar.actions() if a.text() and not a.isSeparator()]
    assert actions[-1].objectName() == "saveSheetAsPdf"  # the last one, after Print…
    assert "Print" in " ".join(a.text() or a.toolTip() for a in actions[-3:-1])
    actions[-1].trigger()
    assert asked == [_documents() / "Site sheet BS-CHA-CMAA-71408.pdf"]
    out = asked[0]
    assert out.exists() and out.read_bytes().startswith(b"%PDF")
    assert not list(out.parent.glob("*.part"))
    text = extract(out)
    assert REFERENCE in text and "សន្លឹកទីតាំង" in text


def test_save_sheet_as_pdf_cancelled_writes_nothing(qapp, demo_db, home, monkeypatch):
    from app.ui import print_sheet

    monkeypatch.setattr(print_sheet, "choose_pdf_path", lambda parent, suggested: None)
    assert print_sheet.save_sheet_pdf(None, demo_db, REFERENCE) is None
    assert not _documents().exists() or not list(_documents().iterdir())


def test_save_sheet_as_pdf_where_it_cannot_write_says_so(qapp, demo_db, home, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from app.ui import print_sheet

    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    monkeypatch.setattr(print_sheet, "choose_pdf_path", lambda parent, suggested: blocked / "s.pdf")
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    assert print_sheet.save_sheet_pdf(None, demo_db, REFERENCE) is None
    assert warned and "could not be saved" in warned[0]


def test_points_print_utm_beside_lat_lon(demo_db, tmp_path, extract):
    from app.sheets.data import gather
    from app.sheets.render import write_sheet
    from safeland_core.utm import to_utm

    sheet = gather(demo_db, DEMO_SITE)
    write_sheet(sheet, tmp_path / "utm.pdf")
    text = " ".join(extract(tmp_path / "utm.pdf", last=1).split())
    assert "UTM zone, E, N" in text
    for pt in sheet.points:
        u = to_utm(pt.lat, pt.lon)
        assert u.zone == 48 and pt.utm == f"48N {round(u.easting)} {round(u.northing)}"
        assert pt.utm in text, pt
        assert f"{pt.lat:.6f}" in text and f"{pt.lon:.6f}" in text


def test_the_cycle_collector_is_back_on_after_a_sheet(demo_db, tmp_path):
    """A sheet is painted with Python's cycle collector held off (app.sheets.render); the
    window's process must get it back after every sheet, also one that failed to write, or
    its memory would only grow."""
    import gc

    from app.sheets.data import gather
    from app.sheets.render import write_sheet

    sheet = gather(demo_db, DEMO_SITE)
    assert gc.isenabled()
    write_sheet(sheet, tmp_path / "ok.pdf")
    assert gc.isenabled()
    (tmp_path / "file-not-folder").write_text("x")
    with pytest.raises(OSError):
        write_sheet(sheet, tmp_path / "file-not-folder" / "s.pdf")
    assert gc.isenabled()
