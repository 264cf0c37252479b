#!/usr/bin/env bash
# Loket quick start on a Debian/Ubuntu machine.
#   bash deploy/quickstart.sh          install, then start the kiosk on the embedded defaults
#   bash deploy/quickstart.sh --demo   install, then start the whole office on one PC
#   bash deploy/quickstart.sh test     install with the test extras, then run the tests
# Installs the system libraries Qt needs (apt, when run as root or with sudo), makes a
# virtual environment in .venv beside this project, and installs Loket into it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mode="kiosk"
case "${1:-}" in
  kiosk|test) mode="$1"; shift ;;
esac

packages=(python3-venv python3-pip libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3
  libglib2.0-0 libpulse0 libxcb-cursor0 libxkbcommon-x11-0 fonts-dejavu-core espeak-ng)
# The tests also run against a real PostgreSQL server (started by the tests themselves).
# (and read the PDF reports back with pdftotext; drive the web pages in chromium).
[ "$mode" = "test" ] && packages+=(postgresql poppler-utils chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ] && command -v apt-get >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
case "$mode" in
  test)
    .venv/bin/python -m pip install -q -e '.[test,postgres]'
    exec .venv/bin/python -m pytest "$@"
    ;;
  kiosk)
    .venv/bin/python -m pip install -q -e .
    exec .venv/bin/python run_kiosk.py "$@"
    ;;
esac
