#!/usr/bin/env bash
# make demo: the provider driving the real Terraform (or OpenTofu) CLI against the
# bundled emulator: create, a clean plan, drift made behind the API and detected,
# put back, destroy. What it needs and sets up: scripts/demo-env.sh.
source "$(dirname "$0")/demo-env.sh"

cp -r "$root/examples/demo" "$work/demo"
# counts: the emulator's number of objects of each kind the demo creates.
counts() {
  for kind in custom_app_integrations published_app_integrations federation_policies secrets; do
    echo "$kind $(admin -field "$kind" GET /_emulator/state)"
  done
}
counts >"$work/before"

step "$tf_name apply: create the OAuth objects"
tf apply -auto-approve -input=false -no-color -compact-warnings 2>&1 | grep -vE "^(Warning: Provider development overrides|To see the full warning notes)" || true
tf state list >"$work/state.txt"; grep -q bi_server "$work/state.txt" || { echo "apply failed"; exit 1; }

step "$tf_name plan: nothing to change (exit code 0 means no diff)"
tf plan -detailed-exitcode -input=false >"$work/plan.txt" 2>&1 && echo "No changes: the infrastructure matches the configuration." \
  || { cat "$work/plan.txt"; echo "unexpected diff after apply"; exit 1; }

id="$(tf output -raw bi_server_integration_id)"
step "Someone shortens the BI server's access token TTL out of band (integration $id)"
admin PATCH "/_emulator/custom-app-integrations/$id" \
  '{"token_access_policy":{"access_token_ttl_in_minutes":15,"refresh_token_ttl_in_minutes":10080}}' >/dev/null

step "$tf_name plan: the drift is reported"
set +e
tf plan -detailed-exitcode -input=false -no-color >"$work/plan.txt" 2>&1
rc=$?
set -e
grep -E "access_token_ttl_in_minutes|Plan:|will be updated" "$work/plan.txt" || true
[ "$rc" -eq 2 ] || { cat "$work/plan.txt"; echo "drift was not detected"; exit 1; }

step "$tf_name apply: put it back"
tf apply -auto-approve -input=false -no-color 2>&1 | grep -E "Apply complete|Modifying|Modifications complete" || true

step "$tf_name destroy"
tf destroy -auto-approve -input=false -no-color 2>&1 | grep -E "Destroy complete|Destroying|Destruction complete" || true
# Everything the demo created is gone: the emulator holds what it held before.
counts >"$work/after"
diff "$work/before" "$work/after" >/dev/null || { paste "$work/before" "$work/after"; echo "objects left on the emulator (before | after)"; exit 1; }
echo "the emulator holds what it held before the demo: $(paste -sd ' ' "$work/after")"

step "Done: create, clean plan, drift detected, destroy ($tf_line)"
