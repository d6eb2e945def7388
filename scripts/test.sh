#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs what the tests need, starts a PostgreSQL
# server of the tests' own for the storage tests, runs dotnet test, and stops that server whatever happened.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh
bash scripts/browser.sh

# Its own folder and port, apart from scripts/postgres.sh's default server, so tests never touch a developer's data.
test_pg() { TUNING_PG_DIR="$PWD/.postgres-test" TUNING_PG_PORT=55439 bash scripts/postgres.sh "$@"; }
# The trap leaves the script's exit code alone: it stays dotnet test's (or the failed start's).
trap 'test_pg stop || echo "test.sh: could not stop the test PostgreSQL server" >&2' EXIT
test_pg start
TUNING_TEST_POSTGRES="$(test_pg url)"
export TUNING_TEST_POSTGRES

# The manifest tests render deploy/k8s with kubectl; without one here they fail and say why.
TUNING_KUBECTL="$(bash scripts/kubectl.sh)" || echo "test.sh: no usable kubectl: the deploy/k8s tests will fail" >&2
export TUNING_KUBECTL

dotnet test Orleans.Tuning.sln -c Release "$@"
