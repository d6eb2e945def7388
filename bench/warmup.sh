#!/usr/bin/env bash
# Training speed from the first batch: samples/s over the first second and the first 5 s of a fresh process,
# under each JIT setting, alternating, REPEATS fresh processes each (median). One core (taskset -c 0), as a
# round in a busy silo has. Usage: bench/warmup.sh [REPEATS] [WORKLOAD...]   (default 3, tiny mnist-like)
# BEFORE_DIR=folder holding an older build of bench-training (with its Orleans.Tuning.Model.dll) adds a "before" row.
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-3}; shift || true
workloads=("${@:-tiny mnist-like}"); workloads=(${workloads[@]})
dotnet build -c Release bench/Training >/dev/null
ours=bench/Training/bin/Release/net10.0/bench-training.dll

# default: .NET's tiering as it ships; no-quick-jit is what src/Silo and src/Client set (TieredCompilationQuickJit=false).
declare -A settings=(
  [default]=""
  [no-pgo]="DOTNET_TieredPGO=0"
  [no-quick-jit-for-loops]="DOTNET_TC_QuickJitForLoops=0"
  [no-quick-jit]="DOTNET_TC_QuickJit=0"
  [no-tiering]="DOTNET_TieredCompilation=0"
)
names=(default no-pgo no-quick-jit-for-loops no-quick-jit no-tiering)
[ -n "${BEFORE_DIR:-}" ] && { settings[before]=""; names=(before "${names[@]}"); }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "load at start: $(cut -d' ' -f1 /proc/loadavg)"
for w in "${workloads[@]}"; do
  declare -A first=() five=()
  for ((r = 0; r < repeats; r++)); do
    for s in "${names[@]}"; do
      dll=$ours; [ "$s" = before ] && dll="$BEFORE_DIR/bench-training.dll"
      out=$(env ${settings[$s]} taskset -c 0 dotnet "$dll" cold "$w" | tail -1)
      first[$s]+="$(sed -n 's/.*cold_first_1s=\([0-9.]*\).*/\1/p' <<< "$out") "
      five[$s]+="$(sed -n 's/.*cold_first_5s=\([0-9.]*\).*/\1/p' <<< "$out") "
    done
  done
  for s in "${names[@]}"; do
    f=$(tr ' ' '\n' <<< "${first[$s]}" | grep . | median); v=$(tr ' ' '\n' <<< "${five[$s]}" | grep . | median)
    echo "$w $s: first 1 s $f samples/s, first 5 s $v samples/s   (runs: ${first[$s]}| ${five[$s]})"
  done
  unset first five
done
echo "load at end: $(cut -d' ' -f1 /proc/loadavg)"
