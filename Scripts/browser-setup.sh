#!/usr/bin/env bash
# Sets up what the browser tests (Tests/Browser/) need: Debian's chromium and chromium-driver
# (installed with apt-get when missing; needs root) and a Python venv with Selenium from PyPI.
#
#   Scripts/browser-setup.sh            # prints the venv's python on the last line
#   SCOPING_BROWSER_VENV=/tmp/x Scripts/browser-setup.sh
#
# Exit 0 when everything is there; 1 with a one-line reason on stderr when it cannot be.
set -euo pipefail

venv="${SCOPING_BROWSER_VENV:-/tmp/scoping-browser-venv}"

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "chromium or chromedriver missing and not root: install Debian's chromium and chromium-driver" >&2
    exit 1
  fi
  echo "installing chromium and chromium-driver with apt-get" >&2
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; } >/tmp/scoping-browser-apt.log 2>&1; then
    echo "apt-get could not install chromium chromium-driver (see /tmp/scoping-browser-apt.log)" >&2
    exit 1
  fi
fi

if ! "$venv/bin/python" -c 'import selenium' >/dev/null 2>&1; then
  echo "creating $venv with selenium" >&2
  python3 -m venv "$venv" >&2 || { echo "python3 -m venv failed" >&2; exit 1; }
  "$venv/bin/pip" install -q 'selenium>=4.20,<5' >&2 || { echo "pip could not install selenium" >&2; exit 1; }
fi

echo "$venv/bin/python"
