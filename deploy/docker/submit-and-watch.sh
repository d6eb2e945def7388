#!/bin/sh
# The study Job's command: submit SPEC to the cluster, then watch it to the end.
#   submit-and-watch.sh SPEC [--cluster-id ID --service-id ID]   (the cluster: $TUNING_CLUSTER)
# It retries while no silo answers yet (tune exits 3: nothing was submitted), never after a submission, so a
# pod that starts before the silos still submits exactly one study. Exits with `tune watch`'s code.
set -u
spec="$1"; shift
attempt=0
while :; do
  out=$(dotnet /app/tune.dll submit "$spec" "$@") && break
  rc=$?
  attempt=$((attempt + 1))
  if [ "$rc" -ne 3 ] || [ "$attempt" -ge 60 ]; then
    printf '%s\n' "$out" >&2
    exit "$rc"
  fi
  echo "submit-and-watch: cluster not reachable yet (attempt $attempt of 60); retrying in 5 s" >&2
  sleep 5
done
printf '%s\n' "$out"
id=$(printf '%s\n' "$out" | head -n 1)
exec dotnet /app/tune.dll watch "$id" "$@"
