#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs what the tests need, then dotnet test.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh
bash scripts/browser.sh
dotnet test Orleans.Tuning.sln -c Release "$@"
