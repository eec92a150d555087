#!/usr/bin/env bash
# Set up jixiao on a Debian machine; safe to run again (it only installs what is missing).
#
#   scripts/setup.sh          system packages + .venv with jixiao       (to run the pipeline)
#   scripts/setup.sh --dev    the same + test tools, Chromium, PostgreSQL (to run the tests)
#
# System parts, from Debian: LibreOffice Writer and Calc (PDF output; .doc/.wps/.xls/.et
# converted to .docx/.xlsx) and LibreOffice's Python bridge python3-uno (the long-lived converter,
# pipeline/render/unoworker.py, runs under /usr/bin/python3), CJK fonts (Noto CJK and the 宋体-like AR PL UMing), poppler-utils
# (pdftoppm), fontconfig, libgl1 and libglib2.0-0 (OpenCV, used by the offline OCR of scans); with --dev also chromium (UI test)
# and postgresql (server binaries under /usr/lib/postgresql/<ver>/bin: the tests start a throwaway server).
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
[ "${1:-}" = "--dev" ] && dev=1

pkgs=(libreoffice-writer-nogui libreoffice-calc-nogui python3-uno libgl1 libglib2.0-0 fonts-noto-cjk fonts-arphic-uming poppler-utils fontconfig python3-venv)
[ "$dev" = 1 ] && pkgs+=(chromium postgresql)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" != 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "setup: jixiao needs Python 3.11 or newer ($python is $("$python" --version 2>&1))" >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv

extra=""
[ "$dev" = 1 ] && extra="[dev,postgres]"  # postgres: psycopg, for the PostgreSQL tests
# skip pip when pyproject.toml has not changed since the last install with the same extras
stamp=".venv/.jixiao-installed-$(sha256sum pyproject.toml | cut -c1-16)${extra:+-dev-pg}"
if [ ! -f "$stamp" ]; then
  echo "setup: installing Python packages into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${extra}"
  rm -f .venv/.jixiao-installed-*
  touch "$stamp"
fi
echo "setup: ready ($(.venv/bin/jixiao --help >/dev/null && echo 'jixiao installed'))"
