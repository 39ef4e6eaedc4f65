"""Site sheet fixtures: real PDFs rendered through Qt, read back with pypdf."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers.databases import copy_database

LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                           "\ufb04": "ffl"})


class Pdf:
    """A rendered sheet: its pages' text (whitespace folded) and its embedded fonts."""

    def __init__(self, path: Path):
        self.path = path
        self.reader = PdfReader(str(path))
        # Fold the ligatures Qt draws ("ﬁ" in "officer") back to letters.
        self.pages = [re.sub(r"\s+", " ", (page.extract_text() or "").translate(LIGATURES))
                      for page in self.reader.pages]
        self.text = "\n".join(self.pages)

    def fonts(self) -> set[str]:
        names = set()
        for page in self.reader.pages:
            fonts = page.get("/Resources", {}).get("/Font", {})
            for ref in fonts.values():
                names.add(str(ref.get_object().get("/BaseFont")))
        return names


@pytest.fixture
def render(tmp_path):
    """render(db, reference, paper="A4") -> Pdf, through app.sheets.render.write_pdf."""
    from app.sheets.render import write_pdf

    counter = iter(range(1000))

    def run(db, reference: str, paper: str = "A4") -> Pdf:
        path = tmp_path / f"sheet{next(counter)}.pdf"
        pages = write_pdf(db, reference, path, paper=paper)
        pdf = Pdf(path)
        assert len(pdf.pages) == pages
        return pdf

    return run


@pytest.fixture(scope="session")
def long_db_template(empty_db_template) -> Path:
    """One site and 400 daily reports (a year and more), via the bulk import; built once."""
    from app.db import open_database
    from app.domain.transfer import import_document
    from bench.bench_site_sheet import long_site_document

    path = copy_database(empty_db_template, empty_db_template.with_name("long-site.db"))
    database = open_database(path)
    try:
        import_document(database, long_site_document(400), accept_warnings=True)
    finally:
        database.close()
    return path


@pytest.fixture
def long_db(db_path, long_db_template):
    """A database with one site and 400 daily reports: a copy of the run's template."""
    from app.db import open_database

    database = open_database(copy_database(long_db_template, db_path))
    yield database
    database.close()


@pytest.fixture(scope="session")
def pdftotext() -> str:
    """poppler's pdftotext, which honours ActualText (pypdf does not): the sheet's Khmer is read
    back as an archive search or a copy from a PDF viewer reads it. Installed from Debian's
    poppler-utils when missing and the tests run as root (CI); skipped otherwise."""
    import os
    import shutil
    import subprocess

    found = shutil.which("pdftotext")
    if found is None and os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=False, capture_output=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "poppler-utils"], check=False,
                       capture_output=True, env=env)
        found = shutil.which("pdftotext")
    if found is None:
        why = "pdftotext not installed (Debian: apt-get install poppler-utils)"
        if os.environ.get("CI"):  # on CI a skip would hide the Khmer text check: fail instead
            pytest.fail(why)
        pytest.skip(why)
    return found


@pytest.fixture
def extract(pdftotext):
    """extract(path, first=None, last=None) -> the PDF's text as pdftotext gives it."""
    import subprocess

    def run(path: Path, first: int | None = None, last: int | None = None) -> str:
        pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
        proc = subprocess.run([pdftotext, *pages, "-enc", "UTF-8", str(path), "-"],
                              capture_output=True, text=True, check=True, timeout=120)
        return proc.stdout

    return run
