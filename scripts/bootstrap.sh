#!/usr/bin/env bash
# Sourced by ./safeland.sh and ./test.sh: make .venv (Python 3.11+) and install the project
# with the extras named in $SAFELAND_EXTRAS, again only when pyproject.toml changed.
# On a fresh Debian machine run as root it also installs what Python and Qt need from apt.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv="$root/.venv"
py=${PYTHON:-python3}
extras=${SAFELAND_EXTRAS:-}

apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing system packages: $*" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "Please install these system packages first: $*" >&2
    return 1
  fi
}

if ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Safeland needs Python 3.11 or newer ($py)." >&2
  exit 2
fi
if [ ! -x "$venv/bin/python" ]; then
  if ! "$py" -m venv "$venv" >/dev/null 2>&1; then
    rm -rf "$venv"
    apt_install python3-venv
    "$py" -m venv "$venv"
  fi
fi
stamp="$venv/.installed${extras:+-$extras}"
if [ ! -f "$stamp" ] || [ "$root/pyproject.toml" -nt "$stamp" ]; then
  echo "Setting up Safeland in $venv (first run only)..." >&2
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -e "$root${extras:+[$extras]}"
  touch "$stamp"
fi
# Qt's wheels need a few system libraries that a minimal Debian lacks.
QT_SYSTEM_LIBS="libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  libxcb-render-util0 libxcb-image0"
if [[ ",$extras," == *",desktop,"* ]] && \
   ! "$venv/bin/python" -c 'from PySide6 import QtWidgets, QtGui' >/dev/null 2>&1; then
  # shellcheck disable=SC2086
  apt_install $QT_SYSTEM_LIBS
fi

# For a window on a desktop (X11/XWayland) Qt loads its xcb plugin, whose libraries the import
# above does not touch: check them too. Called by ./safeland.sh only (tests run offscreen).
ensure_qt_desktop_libs() {
  case "${QT_QPA_PLATFORM:-xcb}" in xcb*) ;; *) return 0 ;; esac
  command -v ldd >/dev/null || return 0
  local plugin
  plugin=$("$venv/bin/python" -c 'import pathlib, PySide6; print(pathlib.Path(PySide6.__file__).parent / "Qt/plugins/platforms/libqxcb.so")')
  local deps
  deps=$(ldd "$plugin" 2>/dev/null || true)  # captured first: grep -q under pipefail would misreport
  if [[ "$deps" == *"not found"* ]]; then
    # shellcheck disable=SC2086
    apt_install $QT_SYSTEM_LIBS || true
  fi
}
