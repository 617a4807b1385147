#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (never a downloaded browser
# build). Without root or apt-get it says so and the browser tests skip.
set -u
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  echo "chromium: found at $CHROMIUM"
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "chromium: installing Debian's package (apt-get install chromium)..."
  apt-get update -qq >/dev/null 2>&1 || true
  if apt-get install -y -qq chromium >/dev/null 2>&1 && [ -x /usr/bin/chromium ]; then
    echo "chromium: installed at /usr/bin/chromium"
    exit 0
  fi
  echo "chromium: apt-get install failed; browser tests will skip"
  exit 0
fi
echo "chromium: not found and cannot install without root and apt-get; browser tests will skip (set CHROMIUM_PATH to use another Chromium)"
exit 0
