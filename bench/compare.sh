#!/usr/bin/env bash
# Rebuilds the before/after comparison of bench/README.md: the tree as of BEFORE_REV
# (default af3c40e, the last commit before issue 15's work) and this tree, benchmarked
# with their plans interleaved (bench/cmd/benchdriver -compare). The driver and the
# Go benchmarks are this tree's in both cases except for the code under test: the
# "before" tree is the committed tree at BEFORE_REV with this tree's bench/ directory.
#
# Extra arguments go to the driver, e.g.:
#   bench/compare.sh                                   # writes bench/before-after.md and the README block
#   bench/compare.sh -only datasource,gobench -reps 3
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
before_rev="${BEFORE_REV:-af3c40e}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/before" "$work/after"
git -C "$root" archive "$before_rev" | tar -xf - -C "$work/before"
(cd "$root" && tar --exclude=./.git --exclude=./bin -cf - .) | tar -xf - -C "$work/after"
# The same benchmarks in both: this tree's bench/ over the old code.
rm -rf "$work/before/bench"
cp -r "$root/bench" "$work/before/bench"

for t in before after; do
  (cd "$work/$t" && go build ./...) || { echo "the $t tree does not build" >&2; exit 1; }
done

cd "$root"
go run ./bench/cmd/benchdriver -compare "before=$work/before,after=$work/after" "$@"
