#!/usr/bin/env bash
# Fails when docs/ differs from what `make docs` generates from the current schemas,
# templates/ and examples/ (e.g. an attribute description changed in the code and
# docs/ was not regenerated). It runs the `docs` target with its output redirected
# to a temporary directory (DOCS_DIR), so docs/ itself is never touched, and diffs.
#
# The schema comes from the provider itself (scripts/providerschema), so neither the
# Terraform version on PATH nor the network matters.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# tfplugindocs takes its output directory relative to the provider directory.
if ! out="$(realpath -m --relative-to="$root" "$tmp/docs" 2>/dev/null)"; then
  # No GNU realpath (e.g. macOS): climb from the repository to / and back down.
  up=""
  IFS=/ read -ra parts <<<"${root#/}"
  for _ in "${parts[@]}"; do up+="../"; done
  out="${up}$(cd "$tmp" && pwd -P | sed 's|^/||')/docs"
fi

if ! make -s -C "$root" docs DOCS_DIR="$out" >"$tmp/log" 2>&1; then
  cat "$tmp/log" >&2
  echo "docs-check: generating the documentation failed" >&2
  exit 1
fi
if ! diff -ru "$root/docs" "$tmp/docs" >"$tmp/diff" 2>&1; then
  cat "$tmp/diff"
  echo "docs-check: docs/ is out of date with the code, templates/ or examples/: run 'make docs' and commit docs/" >&2
  exit 1
fi
echo "docs-check: docs/ is up to date"
