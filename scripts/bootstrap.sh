#!/usr/bin/env bash
# Brings what the fast training path needs on a fresh Debian machine: OpenBLAS.
# Without it training still works, on MathNet's managed provider, about an order of magnitude slower.
set -euo pipefail

if ldconfig -p 2>/dev/null | grep -q 'libopenblas\.so\.0'; then
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
    echo "bootstrap: OpenBLAS is missing and we are not root; install it with: apt-get install -y libopenblas0-pthread" >&2
    exit 0
  fi
fi

echo "bootstrap: installing OpenBLAS (libopenblas0-pthread) for the fast training path" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq >/dev/null || true
"${sudo_cmd[@]}" apt-get install -y -qq libopenblas0-pthread >/dev/null
