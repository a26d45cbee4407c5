# Sourced by the demo scripts (scripts/demo.sh): checks what a demo needs, starts the
# bundled emulator and points the CLI at the provider just built. A demo script
# sources it, then uses:
#   step TEXT        prints a heading
#   tf ARGS...       runs the CLI ($TERRAFORM or terraform on PATH) in $work/demo
#   admin ARGS...    one request to the emulator (databricksoauth-emulator admin)
#   $tf_name         "terraform" or "tofu", for messages
#   $work            a temporary directory, removed (and the emulator stopped) on exit
#
# Needs: the binaries `make build` writes to bin/, and Terraform >= 1.5 or OpenTofu
# (set TERRAFORM=/path/to/tofu). Nothing else: no curl, no jq, no account, no
# registry (dev_overrides, no init).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/bin"
demo_needs="Go (make builds the provider and the emulator) and Terraform >= 1.5 or OpenTofu >= 1.6 (TERRAFORM=/path/to/cli)"

terraform="${TERRAFORM:-$(command -v terraform || true)}"
if [ -z "$terraform" ] || ! "$terraform" version >/dev/null 2>&1; then
  echo "demo: no Terraform CLI found${TERRAFORM:+ at TERRAFORM=$TERRAFORM}." >&2
  echo "demo: needs $demo_needs." >&2
  exit 1
fi
for b in terraform-provider-databricksoauth databricksoauth-emulator; do
  [ -x "$bin/$b" ] || { echo "demo: $bin/$b is missing: run it with make demo (needs $demo_needs)" >&2; exit 1; }
done

# The CLI's name and version from `version` ("Terraform v1.15.9", "OpenTofu v1.12.6";
# warnings about the CLI configuration may come first).
tf_line="$(CHECKPOINT_DISABLE=1 "$terraform" version 2>/dev/null | grep -E '^(Terraform|OpenTofu) v' | head -n1 || true)"
case "$tf_line" in
  OpenTofu\ v*) tf_name=tofu min=1.6.0 ;;
  Terraform\ v*) tf_name=terraform min=1.5.0 ;;
  *) echo "demo: $terraform is neither Terraform nor OpenTofu ($tf_line); needs $demo_needs" >&2; exit 1 ;;
esac
tf_version="${tf_line#* v}"
if [ "$(printf '%s\n%s\n' "$min" "${tf_version%%-*}" | sort -V | head -n1)" != "$min" ]; then
  echo "demo: $tf_line is too old; needs $demo_needs" >&2
  exit 1
fi

work="$(mktemp -d)"
emu_pid=""
cleanup() {
  if [ -n "$emu_pid" ]; then kill "$emu_pid" 2>/dev/null || true; wait "$emu_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Bold step titles on a terminal only: piped or logged output gets no ANSI escapes.
bold="" plain=""
if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; fi
step() { printf '\n%s==> %s%s\n' "$bold" "$*" "$plain"; }
tf() { "$terraform" -chdir="$work/demo" "$@"; }
admin() { "$bin/databricksoauth-emulator" admin "$@"; }

echo "Using $tf_line ($terraform)"
step "Starting the emulator of the Databricks account OAuth2 API on loopback"
"$bin/databricksoauth-emulator" -port-file "$work/url" >"$work/emulator.log" 2>&1 &
emu_pid=$!
for _ in $(seq 100); do [ -s "$work/url" ] && break; sleep 0.1; done
[ -s "$work/url" ] || { cat "$work/emulator.log"; echo "demo: the emulator did not start" >&2; exit 1; }
url="$(cat "$work/url")"
echo "emulator listening on $url"

export DATABRICKS_HOST="$url"
export DATABRICKS_ACCOUNT_ID="00000000-0000-0000-0000-000000000001"
export DATABRICKS_TOKEN="dapi-emulator"
export DATABRICKS_AUTH_TYPE="pat"

# A throwaway CLI config that points the CLI at the provider just built. Terraform
# and OpenTofu read the same file and variable.
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "databricksoauth/databricksoauth" = "$bin"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
