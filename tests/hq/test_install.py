"""HQ installs without the desktop app, and the desktop app without HQ: each extra is installed
from this checkout into a fresh virtual environment (no editable install, run from outside the
checkout, so nothing is imported from the source tree), and what the other side needs is absent.

Slow (a venv and a pip install each, a minute or more): the full suite and CI run them.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.helpers.synchq import ROOT, free_port

pytestmark = pytest.mark.slow

# What the build needs of the checkout, not what a developer left in it.
_NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__",
                                     "*.pyc", ".pytest_cache", ".hypothesis", "out", "*.db",
                                     "*.db-wal", "*.db-shm", "tests", "bench")


def _clean_env() -> dict[str, str]:
    """The environment without anything pointing back at this checkout or its .venv."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    venv_bin = str(Path(sys.prefix) / "bin")
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    return env


def _install(tmp_path: Path, extra: str) -> Path:
    """A fresh venv under tmp_path with `safeland[extra]` installed from a copy of the
    checkout; returns the venv's bin directory."""
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCE)
    venv = tmp_path / "venv"
    base = getattr(sys, "_base_executable", None) or sys.executable
    subprocess.run([base, "-m", "venv", str(venv)], check=True, env=_clean_env(), timeout=300)
    pip = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
         f"{source}[{extra}]"],
        capture_output=True, text=True, env=_clean_env(), cwd=tmp_path, timeout=1200)
    assert pip.returncode == 0, pip.stderr[-4000:]
    return venv / "bin"


def _absent(bin_dir: Path, module: str, dist: str, cwd: Path) -> None:
    """`module` cannot be imported and pip knows no distribution `dist` in this venv."""
    imp = subprocess.run([str(bin_dir / "python"), "-c", f"import {module}"], capture_output=True,
                         text=True, env=_clean_env(), cwd=cwd, timeout=120)
    assert imp.returncode != 0 and "ModuleNotFoundError" in imp.stderr, imp
    show = subprocess.run([str(bin_dir / "python"), "-m", "pip", "show", dist],
                          capture_output=True, text=True, env=_clean_env(), cwd=cwd, timeout=120)
    assert show.returncode != 0 and not show.stdout.strip(), show


def _wait_for_health(url: str, proc: subprocess.Popen, timeout: float = 120.0) -> httpx.Response:
    """GET /api/v1/health until it answers (HQ migrates its database first); fails if the
    server exits or nothing answers within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        assert proc.poll() is None, f"safeland-hq exited with {proc.returncode}"
        try:
            return httpx.get(f"{url}/api/v1/health", timeout=5)
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, f"safeland-hq did not answer on {url} in {timeout} s"
        time.sleep(0.2)


def test_hq_installs_without_the_desktop_app_and_serves_health(tmp_path):
    bin_dir = _install(tmp_path, "hq")
    _absent(bin_dir, "PySide6", "PySide6-Essentials", tmp_path)
    _absent(bin_dir, "PySide6", "PySide6", tmp_path)

    port = free_port()
    log = (tmp_path / "hq.log").open("wb")
    proc = subprocess.Popen(
        [str(bin_dir / "safeland-hq"), "--database-url", f"sqlite:///{tmp_path / 'hq.db'}",
         "serve", "--port", str(port)],
        cwd=tmp_path, env=_clean_env(), stdout=log, stderr=subprocess.STDOUT)
    try:
        answer = _wait_for_health(f"http://127.0.0.1:{port}", proc)
        assert answer.status_code == 200
        body = answer.json()
        assert body["service"] == "safeland-hq"
        assert body["api"] == "v1"
        assert body["status"] == "ok"
        assert body["time"]
        # The officers' pages ship in the package: the sign-in page, its style sheet and the
        # Khmer font HQ serves itself.
        base = f"http://127.0.0.1:{port}"
        page = httpx.get(f"{base}/signin", timeout=10)
        assert page.status_code == 200 and "<form" in page.text, page.text[:300]
        assert httpx.get(f"{base}/static/hq.css", timeout=10).status_code == 200
        font = httpx.get(f"{base}/static/fonts/noto-sans-khmer.ttf", timeout=10)
        assert font.status_code == 200 and len(font.content) > 10_000
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        log.close()
    assert (tmp_path / "hq.db").stat().st_size > 0, (tmp_path / "hq.log").read_text()


def test_desktop_installs_without_hq_and_runs(tmp_path):
    bin_dir = _install(tmp_path, "desktop")
    _absent(bin_dir, "fastapi", "fastapi", tmp_path)
    _absent(bin_dir, "uvicorn", "uvicorn", tmp_path)
    _absent(bin_dir, "psycopg", "psycopg", tmp_path)

    db = tmp_path / "field.db"
    env = {**_clean_env(), "SAFELAND_LOG": str(tmp_path / "safeland.log"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    demo = subprocess.run([str(bin_dir / "safeland"), "--db", str(db), "demo"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert demo.returncode == 0, demo
    status = subprocess.run([str(bin_dir / "safeland"), "--db", str(db), "status", "--json"],
                            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert status.returncode == 0, status
    counts = json.loads(status.stdout)
    assert counts["drafts"] == 10 and counts["signed_waiting"] == 90
