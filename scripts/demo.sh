#!/usr/bin/env bash
# make demo: the provider driving the real Terraform CLI against the bundled emulator.
# Needs only the binaries `make build` produced and terraform on PATH; no account,
# no registry (dev_overrides), no terraform init.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/bin"
work="$(mktemp -d)"
emu_pid=""
cleanup() {
  [ -n "$emu_pid" ] && kill "$emu_pid" 2>/dev/null && wait "$emu_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Bold step titles on a terminal only: piped or logged output gets no ANSI escapes.
bold="" plain=""
if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; fi
step() { printf '\n%s==> %s%s\n' "$bold" "$*" "$plain"; }
tf() { terraform -chdir="$work/demo" "$@"; }

step "Starting the emulator of the Databricks account OAuth2 API on loopback"
"$bin/databricksoauth-emulator" -port-file "$work/url" >"$work/emulator.log" 2>&1 &
emu_pid=$!
for _ in $(seq 100); do [ -s "$work/url" ] && break; sleep 0.1; done
[ -s "$work/url" ] || { cat "$work/emulator.log"; echo "emulator did not start"; exit 1; }
url="$(cat "$work/url")"
echo "emulator listening on $url"

export DATABRICKS_HOST="$url"
export DATABRICKS_ACCOUNT_ID="00000000-0000-0000-0000-000000000001"
export DATABRICKS_TOKEN="dapi-emulator"
export DATABRICKS_AUTH_TYPE="pat"
admin() { curl -fsS -H "Authorization: Bearer $DATABRICKS_TOKEN" "$@"; }

# A throwaway CLI config that points Terraform at the provider just built.
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "databricksoauth/databricksoauth" = "$bin"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export TF_IN_AUTOMATION=1
cp -r "$root/examples/demo" "$work/demo"

step "terraform apply: create the OAuth objects"
tf apply -auto-approve -input=false -no-color -compact-warnings 2>&1 | grep -vE "^(Warning: Provider development overrides|To see the full warning notes)" || true
tf state list >"$work/state.txt"; grep -q bi_server "$work/state.txt" || { echo "apply failed"; exit 1; }

step "terraform plan: nothing to change (exit code 0 means no diff)"
tf plan -detailed-exitcode -input=false -no-color >"$work/plan.txt" 2>&1 && echo "No changes: the infrastructure matches the configuration." \
  || { cat "$work/plan.txt"; echo "unexpected diff after apply"; exit 1; }

id="$(tf output -raw bi_server_integration_id)"
step "Someone shortens the BI server's access token TTL out of band (integration $id)"
admin -X PATCH "$url/_emulator/custom-app-integrations/$id" \
  -d '{"token_access_policy":{"access_token_ttl_in_minutes":15,"refresh_token_ttl_in_minutes":10080}}' >/dev/null

step "terraform plan: Terraform reports the drift"
set +e
tf plan -detailed-exitcode -input=false -no-color >"$work/plan.txt" 2>&1
rc=$?
set -e
grep -E "access_token_ttl_in_minutes|Plan:|will be updated" "$work/plan.txt" || true
[ "$rc" -eq 2 ] || { cat "$work/plan.txt"; echo "drift was not detected"; exit 1; }

step "terraform apply: put it back"
tf apply -auto-approve -input=false -no-color 2>&1 | grep -E "Apply complete|Modifying|Modifications complete" || true

step "terraform destroy"
tf destroy -auto-approve -input=false -no-color 2>&1 | grep -E "Destroy complete|Destroying|Destruction complete" || true
left="$(admin "$url/api/2.0/accounts/$DATABRICKS_ACCOUNT_ID/oauth2/custom-app-integrations" | jq '.apps | length')"
echo "custom app integrations left on the emulator: $left"
[ "$left" = "0" ] || exit 1

step "Done: create, clean plan, drift detected, destroy"
