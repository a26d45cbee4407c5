package functions_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
)

// TestAccFunctions calls every function through Terraform and checks its result.
func TestAccFunctions(t *testing.T) {
	tg := acctest.New(t)
	outputs := map[string]struct {
		expr string
		want knownvalue.Check
	}{
		"gha_env":    {`github_actions_environment_subject("my-org/my-repo", "prod")`, knownvalue.StringExact("repo:my-org/my-repo:environment:prod")},
		"gha_branch": {`github_actions_branch_subject("my-org/my-repo", "main")`, knownvalue.StringExact("repo:my-org/my-repo:ref:refs/heads/main")},
		"gha_tag":    {`github_actions_tag_subject("my-org/my-repo", "v1.2.3")`, knownvalue.StringExact("repo:my-org/my-repo:ref:refs/tags/v1.2.3")},
		"gha_pr":     {`github_actions_pull_request_subject("my-org/my-repo")`, knownvalue.StringExact("repo:my-org/my-repo:pull_request")},
		"gitlab":     {`gitlab_ci_subject("my-group/my-project", "tag", "v1")`, knownvalue.StringExact("project_path:my-group/my-project:ref_type:tag:ref:v1")},
		"ado_pipe":   {`azure_devops_pipeline_subject("my-org", "my-project", "deploy")`, knownvalue.StringExact("p://my-org/my-project/deploy")},
		"ado_sc":     {`azure_devops_service_connection_subject("my-org", "my-project", "dbx")`, knownvalue.StringExact("sc://my-org/my-project/dbx")},
		"hcp":        {`hcp_terraform_subject("my-org", "Default Project", "ws", "plan")`, knownvalue.StringExact("organization:my-org:project:Default Project:workspace:ws:run_phase:plan")},
		"check":      {`federation_subject_check("gitlab_ci", "project_path:g/p:ref_type:branch:ref:main")`, knownvalue.StringExact("project_path:g/p:ref_type:branch:ref:main")},
		"policy_id":  {`service_principal_federation_policy_import_id(1001, "gha-prod")`, knownvalue.StringExact("1001/gha-prod")},
		"secret_id":  {`service_principal_secret_import_id(1001, "abc")`, knownvalue.StringExact("1001/abc")},
		"policy_parse": {`service_principal_federation_policy_import_id_parse("1001/gha-prod")`, knownvalue.ObjectExact(map[string]knownvalue.Check{
			"service_principal_id": knownvalue.Int64Exact(1001), "policy_id": knownvalue.StringExact("gha-prod")})},
		"secret_parse": {`service_principal_secret_import_id_parse("1001/abc")`, knownvalue.ObjectExact(map[string]knownvalue.Check{
			"service_principal_id": knownvalue.Int64Exact(1001), "secret_id": knownvalue.StringExact("abc")})},
	}
	var config string
	var checks []statecheck.StateCheck
	for name, o := range outputs {
		config += fmt.Sprintf("output %q {\n  value = provider::databricksoauth::%s\n}\n", name, o.expr)
		checks = append(checks, statecheck.ExpectKnownOutputValue(name, o.want))
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: tg.Config(config), ConfigStateChecks: checks}},
	})
}

// TestAccFunctions_inPolicy builds a federation policy's subject with a function and
// names the created policy with the import id function: what users write.
func TestAccFunctions_inPolicy(t *testing.T) {
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	const addr = "databricksoauth_service_principal_federation_policy.gha"
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: tg.Config(fmt.Sprintf(`
resource "databricksoauth_service_principal_federation_policy" "gha" {
  service_principal_id = %d
  policy_id            = "gha-prod"
  oidc_policy = {
    issuer    = "https://token.actions.githubusercontent.com"
    audiences = ["https://github.com/my-org"]
    subject   = provider::databricksoauth::github_actions_environment_subject("my-org/my-repo", "prod")
  }
}
output "import_id" {
  value = provider::databricksoauth::service_principal_federation_policy_import_id(
    databricksoauth_service_principal_federation_policy.gha.service_principal_id,
    databricksoauth_service_principal_federation_policy.gha.policy_id,
  )
}
`, sp)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("oidc_policy").AtMapKey("subject"), knownvalue.StringExact("repo:my-org/my-repo:environment:prod")),
					statecheck.ExpectKnownOutputValue("import_id", knownvalue.StringExact(fmt.Sprintf("%d/gha-prod", sp))),
					// The import id the function builds is the resource's own id.
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(fmt.Sprintf("%d/gha-prod", sp))),
				},
			},
		},
	})
}

// TestAccFunctions_errors checks that a mistake fails the plan with the function's
// message, before any request.
func TestAccFunctions_errors(t *testing.T) {
	tg := acctest.New(t)
	step := func(expr, msg string) resource.TestStep {
		return resource.TestStep{
			Config:      tg.Config(fmt.Sprintf("output \"x\" {\n  value = provider::databricksoauth::%s\n}\n", expr)),
			ExpectError: regexp.MustCompile(msg),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(`github_actions_branch_subject("my-org/my-repo", "refs/heads/main")`, `(?s)without "refs/heads/"`),
			step(`federation_subject_check("github_actions", "repo:my-org/my-repo:ref:main")`, `(?s)ref:refs/heads/main`),
			step(`hcp_terraform_subject("org", "Default Project", "ws", "*")`, `(?s)"plan" or\s+"apply"`),
			step(`service_principal_secret_import_id_parse("abc")`, `(?s)no '/'`),
		},
	})
	tg.AssertNoMutations(t)
}
