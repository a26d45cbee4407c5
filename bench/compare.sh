#!/usr/bin/env bash
# Rebuilds the before/after comparison of bench/README.md: three copies of this tree,
# benchmarked with their plans interleaved (bench/cmd/benchdriver -compare):
#
#   before         the files the performance work changed (main.go,
#                  internal/provider/logging.go, internal/client/client.go) as of
#                  BEFORE_REV (default 85092af, the last commit before that work), the
#                  files it added removed, and provider.go's logger line reverted;
#   after          this tree;
#   after+patches  this tree with bench/patches/*.patch applied.
#
# Extra arguments go to the driver, e.g.:
#   bench/compare.sh                                      # writes bench/before-after.md and the README block
#   bench/compare.sh -only floor,secrets -sizes 500,1500 -out bench/secret-listings.md -block "secret listings"
# The "before" tree is best effort: if later changes elsewhere no longer build with the
# old files, adjust the list below.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
before_rev="${BEFORE_REV:-85092af}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for t in before after patched; do
  mkdir -p "$work/$t"
  (cd "$root" && tar --exclude=./.git --exclude=./bin -cf - .) | tar -xf - -C "$work/$t"
done

cd "$work/before"
for f in main.go internal/provider/logging.go internal/client/client.go; do
  git -C "$root" show "$before_rev:$f" >"$f"
done
sed -i 's/logger.DefaultLogger = newSDKLogger()/logger.DefaultLogger = sdkLogger{enabled: logsWanted}/' internal/provider/provider.go
rm -f internal/provider/serve.go internal/provider/serve_test.go internal/provider/logging_test.go internal/client/transport.go

cd "$work/patched"
for p in "$root"/bench/patches/*.patch; do
  patch -s -p1 <"$p"
done

for t in before after patched; do
  (cd "$work/$t" && go build ./...) || { echo "the $t tree does not build" >&2; exit 1; }
done

cd "$root"
go run ./bench/cmd/benchdriver -compare "before=$work/before,after=$work/after,after+patches=$work/patched" "$@"
