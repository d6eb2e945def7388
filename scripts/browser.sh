#!/usr/bin/env bash
# Brings Debian's Chromium for the study page's browser tests (tests/Client.Tests/Dashboard, tests/Deploy.Tests/Silo), when missing.
# Tests only: the product itself needs no browser.
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
    echo "browser: Chromium is missing and we are not root; install it with: apt-get install -y chromium" >&2
    exit 0
  fi
fi

echo "browser: installing chromium for the browser test" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq >/dev/null || true
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
