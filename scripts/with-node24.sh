#!/usr/bin/env bash
# Runs a command on Node.js 24 LTS, e.g.
#   scripts/with-node24.sh npm run check
#   PORT=3979 scripts/with-node24.sh npm start      (stop it with Ctrl-C)
# Node 24 comes from the npm registry (node-<platform>-<arch>@24, the package that the `node`
# package installs, with the headers in include/node) into a temporary folder outside the
# project; it is never a dependency of the project. The native addons in node_modules
# (better-sqlite3; dtrace-provider builds no addon on Linux) are rebuilt against those headers
# for the run, and their previous build is put back afterwards, so the tree works again on the
# machine's Node. If this script is killed before it can put them back (kill -9), run
# `npm rebuild better-sqlite3`. Two runs at once on one tree would trample each other's addons.
# Exits with the command's status.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$#" -gt 0 ] || { echo "usage: scripts/with-node24.sh <command...>" >&2; exit 2; }
[ -d node_modules ] || { echo "with-node24: run npm ci first" >&2; exit 2; }

say() { printf 'with-node24: %s\n' "$*" >&2; }
machine_path=$PATH
pkg="node-$(node -p 'process.platform')-$(node -p 'process.arch')"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/courtier-node24.XXXXXX")
addons=()
restored=0

restore() {
  [ "$restored" = 0 ] || return 0
  restored=1
  local dir
  for dir in "${addons[@]}"; do
    rm -rf "$dir/build"
    if [ -d "$tmp/saved/$dir/build" ]; then
      mv "$tmp/saved/$dir/build" "$dir/build"
    else
      say "rebuilding $dir for the machine's Node $(PATH=$machine_path node -v)"
      PATH=$machine_path npm rebuild --no-audit --no-fund "$(node -p "require('./$dir/package.json').name")" >/dev/null
    fi
  done
  if [ "${#addons[@]}" -gt 0 ]; then say "native addons back to the machine's Node $(PATH=$machine_path node -v)"; fi
  rm -rf "$tmp"
}
trap restore EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "installing $pkg@24 into $tmp"
npm install --prefix "$tmp" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$pkg@24" >/dev/null
nodedir="$tmp/node_modules/$pkg"
export PATH="$nodedir/bin:$PATH"
say "Node $(node -v) at $nodedir/bin/node"

# Packages that hold a compiled addon (build/Release/*.node), with their build saved aside.
while IFS= read -r dir; do
  mkdir -p "$tmp/saved/$dir"
  cp -a "$dir/build" "$tmp/saved/$dir/build"
  addons+=("$dir")
done < <(find node_modules -path '*/build/Release/*.node' | sed -E 's#/build/Release/.*$##' | sort -u)

if [ "${#addons[@]}" -gt 0 ]; then
  names=()
  for dir in "${addons[@]}"; do names+=("$(node -p "require('./$dir/package.json').name")"); done
  say "rebuilding ${names[*]} for Node $(node -v) (about 1.5 minutes)"
  npm_config_nodedir=$nodedir npm rebuild --no-audit --no-fund "${names[@]}" >"$tmp/rebuild.log" 2>&1 \
    || { cat "$tmp/rebuild.log" >&2; say "rebuild failed"; exit 1; }
fi

status=0
"$@" || status=$?
exit "$status"
