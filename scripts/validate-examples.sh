#!/usr/bin/env bash
# Checks every example under examples/ against the provider built from this tree:
#   1. `terraform fmt -check` of every example file this Terraform can parse;
#   2. `terraform validate` of every directory that holds .tf files, against the
#      locally built provider through dev_overrides: no `terraform init`, no registry,
#      nothing downloaded.
#
# Each directory's .tf files are copied to a temporary directory; a
# `terraform { required_providers { databricksoauth = ... } }` block is added when
# the files do not declare one, as the documentation snippets don't.
#
# Examples that also use another provider (e.g. the ephemeral secret feeding the
# official `databricks` provider) cannot be validated as they are offline: that
# provider is not installed. Their top-level blocks of other providers
# (`provider "x"`, `resource|data|ephemeral "x_..."`) are removed from the copy, the
# rest is validated, and the script names every block it removed. This relies on
# the layout `terraform fmt` enforces (a top-level block closes with `}` in column 0),
# which step 1 has just checked. Their required_providers entries go too; write them
# on one line (`databricks = { source = "databricks/databricks" }`).
#
# Examples that use a language feature the local Terraform lacks are skipped with a
# note naming the version they need (list blocks and actions: 1.14; import by
# identity: 1.12; ephemeral blocks: 1.10; provider functions and moved blocks between
# resource types: 1.8; removed blocks: 1.7), so that the check also runs with the
# oldest supported Terraform (1.5). A directory's import-by-*.tf files are
# alternatives (tfplugindocs renders each on its own) and are validated one at a
# time; .tfquery.hcl files are validated with `terraform validate -query`.
#
# Needs go and terraform on PATH. TERRAFORM overrides the binary.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
terraform="${TERRAFORM:-$(command -v terraform || true)}"
[ -n "$terraform" ] || { echo "validate-examples: terraform not found on PATH" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1

# dev_overrides only, and no installation method: nothing can be installed.
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "databricksoauth/databricksoauth" = "$work/bin"
  }
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc"

tf_version="$("$terraform" version -json | sed -n 's/.*"terraform_version": *"\([^"]*\)".*/\1/p')"
echo "==> terraform $tf_version"

# version_lt A B: A < B in version order.
version_lt() { [ "$1" != "$2" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" = "$1" ]; }

# needs FILE...: the oldest Terraform that can validate the files (ascending rules,
# the last match wins).
needs() {
  local v=1.5.0
  if grep -qsE '^removed \{' "$@"; then v=1.7.0; fi
  if grep -qsE '^[[:space:]]*from[[:space:]]*=[[:space:]]*databricks_' "$@"; then v=1.8.0; fi
  if grep -qsE 'provider::databricksoauth::' "$@"; then v=1.8.0; fi
  if grep -qsE '^ephemeral "|ephemeral\.' "$@"; then v=1.10.0; fi
  if grep -qsE '^[[:space:]]+identity[[:space:]]*=' "$@"; then v=1.12.0; fi
  if grep -qsE '^(action|list) "' "$@"; then v=1.14.0; fi
  echo "$v"
}

# Terraform before 1.8 cannot parse provider::... function calls, so its fmt checks
# the other files (newer blocks and attributes are plain HCL to it).
echo "==> terraform fmt -check examples"
fmt_files=() fmt_skipped=0
while IFS= read -r f; do
  if version_lt "${tf_version%%-*}" 1.8.0 && grep -qs 'provider::' "$f"; then
    fmt_skipped=$((fmt_skipped + 1))
  else
    fmt_files+=("$f")
  fi
done < <(find "$root/examples" -name '*.tf' | sort)
if ! "$terraform" fmt -check -diff "${fmt_files[@]}"; then
  echo "validate-examples: examples are not formatted; run: terraform fmt -recursive examples" >&2
  exit 1
fi
[ "$fmt_skipped" -eq 0 ] || echo "($fmt_skipped files call provider functions, which this Terraform cannot parse; not checked)"

echo "==> building the provider"
(cd "$root" && go build -o "$work/bin/terraform-provider-databricksoauth" .)

# strip_foreign FILE: prints FILE without the top-level blocks of other providers;
# writes one line per removed block to fd 3.
strip_foreign() {
  awk '
    function foreign(line,   kind, name) {
      if (line !~ /^(provider|resource|data|ephemeral) "[^"]+"/) return 0
      kind = line; sub(/ .*/, "", kind)
      name = line; sub(/^[a-z]+ "/, "", name); sub(/".*/, "", name)
      if (kind == "provider") return name != "databricksoauth"
      sub(/_.*/, "", name)
      return name != "databricksoauth" && name != "terraform"
    }
    /^[[:space:]]*required_providers[[:space:]]*\{/ { inrp = 1; print; next }
    inrp == 1 && /^[[:space:]]*\}/ { inrp = 0 }
    inrp == 1 && /=[[:space:]]*\{.*source[[:space:]]*=/ && $0 !~ /"databricksoauth\/databricksoauth"/ {
      line = $0; sub(/^[[:space:]]+/, "", line)
      print FILENAME ": required_providers: " line > "/dev/fd/3"
      next
    }
    skip == 0 && foreign($0) {
      print FILENAME ": " $0 > "/dev/fd/3"
      if ($0 !~ /\{[[:space:]]*\}[[:space:]]*$/) skip = 1
      next
    }
    skip == 1 { if ($0 ~ /^\}/) skip = 0; next }
    { print }
  ' "$1"
}

failed=0
validated=0
partial=()
skipped=()
# validate DIR LABEL FILE...: validates FILE... (copied from DIR) as one configuration.
validate() {
  local dir="$1" label="$2"
  shift 2
  local tmp="$work/cases/$label" query=()
  mkdir -p "$tmp"
  : >"$work/removed"
  for f in "$@"; do
    case "$f" in
    *.tf) strip_foreign "$f" >"$tmp/$(basename "$f")" 3>>"$work/removed" ;;
    *) cp "$f" "$tmp/" && query=(-query) ;;
    esac
  done
  if ! grep -qs 'required_providers' "$tmp"/*.tf; then
    cat >"$tmp/zz_required_providers.tf" <<'TF'
terraform {
  required_providers {
    databricksoauth = {
      source = "databricksoauth/databricksoauth"
    }
  }
}
TF
  fi
  if [ -s "$work/removed" ]; then
    partial+=("$label: validated without the blocks of other providers (not installed offline): $(sed "s|^$dir/||" "$work/removed" | paste -sd ';' -)")
  fi
  if out="$("$terraform" -chdir="$tmp" validate ${query[@]+"${query[@]}"} -no-color 2>&1)"; then
    validated=$((validated + 1))
    echo "ok    $label"
  else
    failed=$((failed + 1))
    echo "FAIL  $label"
    # The errors, without the dev_overrides warning before them (-no-color output
    # has no box lines to end the warning on).
    printf '%s\n' "$out" | sed -n '/^Error:/,$p' | sed 's/^/      /'
  fi
}

# Each directory is one configuration (list blocks in .tfquery.hcl files included),
# except that its import-by-*.tf files are alternatives (the import block by id, by
# identity), validated one at a time with the rest.
while IFS= read -r dir; do
  rel="${dir#"$root"/}"
  base=() variants=()
  for f in "$dir"/*.tf "$dir"/*.tfquery.hcl; do
    [ -e "$f" ] || continue
    case "$(basename "$f")" in
    import-by-*.tf) variants+=("$f") ;;
    *) base+=("$f") ;;
    esac
  done
  [ "${#variants[@]}" -gt 0 ] || variants=("")
  for variant in "${variants[@]}"; do
    label="$rel${variant:+ ($(basename "$variant"))}"
    files=(${base[@]+"${base[@]}"})
    [ -z "$variant" ] || files+=("$variant")
    need="$(needs "${files[@]}")"
    if version_lt "${tf_version%%-*}" "$need"; then
      skipped+=("$label: needs Terraform >= $need (this is $tf_version)")
      echo "skip  $label"
      continue
    fi
    validate "$dir" "$label" "${files[@]}"
  done
done < <(find "$root/examples" \( -name '*.tf' -o -name '*.tfquery.hcl' \) -exec dirname {} \; | sort -u)

for p in ${partial[@]+"${partial[@]}"}; do echo "note  $p"; done
for p in ${skipped[@]+"${skipped[@]}"}; do echo "skip  $p"; done
echo "==> $validated example directories valid, ${#skipped[@]} skipped, $failed failed"
[ "$failed" -eq 0 ]
