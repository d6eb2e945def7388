#!/usr/bin/env bash
# Training throughput, ours vs the TorchSharp peer, same machine, same run, one core each.
# Usage: bench/training.sh [repeats] [workload...]   (default: 3 repeats of tiny and mnist-like)
# PEER_DIR=folder with an already-built copy of ../shared/peers skips the peer's build (~260 MB restore).
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-3}; shift || true
workloads=("${@:-tiny mnist-like}"); workloads=(${workloads[@]})

if [ -z "${PEER_DIR:-}" ]; then
  PEER_DIR=$(mktemp -d)
  cp -r ../shared/peers/. "$PEER_DIR"
  (cd "$PEER_DIR/peer-torchsharp" && dotnet build -c Release >/dev/null)
fi
peer="$PEER_DIR/peer-torchsharp/bin/Release/net10.0/peer-torchsharp.dll"
dotnet build -c Release bench/Training >/dev/null
ours=bench/Training/bin/Release/net10.0/bench-training.dll

declare -A shape=(
  [tiny]="--features 64 --hidden 64 --layers 2 --classes 10 --samples 20000 --batch 64 --epochs 50"
  [mnist-like]="--features 784 --hidden 256 --layers 2 --classes 10 --samples 20000 --batch 128 --epochs 10"
  [wide]="--features 784 --hidden 1024 --layers 3 --classes 10 --samples 10000 --batch 256 --epochs 4"
)
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# TorchSharp 0.107 now and then dies in Adam's step with a c10 "toDouble" error; such a run is repeated.
peer_run() {
  for attempt in 1 2 3; do
    out=$(taskset -c 0 dotnet "$peer" ${shape[$1]} --threads 1 2>/dev/null | sed -n "s/^samples_per_sec=//p") || true
    if [ -n "$out" ]; then echo "$out"; return; fi
    echo "peer run failed (attempt $attempt), repeating" >&2
  done
}


for w in "${workloads[@]}"; do
  o=(); p=()
  for ((r = 0; r < repeats; r++)); do
    # Alternate the two so drift in machine load falls on both.
    run=$(taskset -c 0 dotnet "$ours" "$w")
    echo "$run" >&2
    o+=("$(sed -n "s/^$w samples_per_sec=//p" <<< "$run")")
    p+=("$(peer_run "$w")")
  done
  om=$(printf '%s\n' "${o[@]}" | median); pm=$(printf '%s\n' "${p[@]}" | median)
  echo "$w: ours ${o[*]} | peer ${p[*]}"
  awk -v w="$w" -v o="$om" -v p="$pm" 'BEGIN { printf "%s median samples/s: ours %.0f, peer %.0f, ratio %.2fx\n", w, o, p, o / p }'
done
