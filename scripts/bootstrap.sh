#!/usr/bin/env bash
# Brings what the product needs from Debian on a fresh machine, installing only what is missing:
# - OpenBLAS, the fast training path. Without it training still works, on MathNet's managed provider,
#   about an order of magnitude slower.
# - DejaVu fonts, for the plots: SkiaSharp (under ScottPlot) finds fonts only as files on disk, and a plot
#   drawn without one has no text.
set -euo pipefail

missing=()
if ! ldconfig -p 2>/dev/null | grep -q 'libopenblas\.so\.0'; then
  missing+=(libopenblas0-pthread)
fi
if ! ls /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf >/dev/null 2>&1; then
  missing+=(fonts-dejavu-core)
fi
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
    echo "bootstrap: missing ${missing[*]} and we are not root; install with: apt-get install -y ${missing[*]}" >&2
    exit 0
  fi
fi

echo "bootstrap: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq >/dev/null || true
"${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
