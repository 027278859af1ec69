#!/bin/sh
# Copies the built packages (and their own node_modules), the committed CLI entry point, the bench scripts and node_modules (hard
# links; the workspace links stay relative, so they point into the copy) to <dir>, so that a benchmark
# runs code that no later `nx build` in the working tree can change mid-run (see README.md).
#
#   sh tools/bench/snapshot.sh /tmp/mic-snap     then: cd /tmp/mic-snap && node tools/bench/dicom-bench.mjs
set -eu
dest=${1:?usage: snapshot.sh <dir>}
src=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$dest"
mkdir -p "$dest"
cp -al "$src/node_modules" "$dest/node_modules"
cp "$src/package.json" "$dest/"
for pkg in "$src"/packages/* "$src"/apps/*; do
  rel=${pkg#"$src"/}
  [ -f "$pkg/package.json" ] || continue
  mkdir -p "$dest/$rel"
  cp "$pkg/package.json" "$dest/$rel/"
  [ -d "$pkg/dist" ] && cp -r "$pkg/dist" "$dest/$rel/dist"
  [ -d "$pkg/bin" ] && cp -r "$pkg/bin" "$dest/$rel/bin"
  [ -d "$pkg/node_modules" ] && cp -al "$pkg/node_modules" "$dest/$rel/node_modules"
done
mkdir -p "$dest/tools"
cp -r "$src/tools/bench" "$dest/tools/bench"
echo "snapshot of $(git -C "$src" rev-parse --short HEAD) in $dest"
