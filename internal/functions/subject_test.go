package functions

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// run calls a function through its Run method with string arguments, as the
// framework does.
func run(t *testing.T, name string, args ...attr.Value) (attr.Value, *function.FuncError) {
	t.Helper()
	for _, f := range All() {
		fn := f()
		if nameOf(fn) != name {
			continue
		}
		resp := function.RunResponse{Result: function.NewResultData(types.StringUnknown())}
		var def function.DefinitionResponse
		fn.Definition(context.Background(), function.DefinitionRequest{}, &def)
		if def.Definition.Return.GetType() != types.StringType {
			resp.Result = function.NewResultData(types.ObjectUnknown(as[types.ObjectType](t, def.Definition.Return.GetType()).AttrTypes))
		}
		fn.Run(context.Background(), function.RunRequest{Arguments: function.NewArgumentsData(args)}, &resp)
		return resp.Result.Value(), resp.Error
	}
	t.Fatalf("no function %q", name)
	return nil, nil
}

func strs(ss ...string) []attr.Value {
	out := make([]attr.Value, len(ss))
	for i, s := range ss {
		out[i] = types.StringValue(s)
	}
	return out
}

// subjectCases are each builder's result for valid arguments, with the platform whose
// check must accept it.
var subjectCases = []struct {
	fn       string
	args     []string
	want     string
	platform string
}{
	{"github_actions_environment_subject", []string{"my-org/my-repo", "prod"}, "repo:my-org/my-repo:environment:prod", platformGitHubActions},
	{"github_actions_environment_subject", []string{"My-Org/my.repo_x", "Production EU"}, "repo:My-Org/my.repo_x:environment:Production EU", platformGitHubActions},
	{"github_actions_branch_subject", []string{"my-org/my-repo", "main"}, "repo:my-org/my-repo:ref:refs/heads/main", platformGitHubActions},
	{"github_actions_branch_subject", []string{"my-org/my-repo", "release/2.x"}, "repo:my-org/my-repo:ref:refs/heads/release/2.x", platformGitHubActions},
	{"github_actions_tag_subject", []string{"my-org/my-repo", "v1.2.3"}, "repo:my-org/my-repo:ref:refs/tags/v1.2.3", platformGitHubActions},
	{"github_actions_pull_request_subject", []string{"my-org/my-repo"}, "repo:my-org/my-repo:pull_request", platformGitHubActions},
	{"gitlab_ci_subject", []string{"my-group/my-project", "branch", "main"}, "project_path:my-group/my-project:ref_type:branch:ref:main", platformGitLabCI},
	{"gitlab_ci_subject", []string{"a-group/sub.group/project", "tag", "v4.2.0"}, "project_path:a-group/sub.group/project:ref_type:tag:ref:v4.2.0", platformGitLabCI},
	{"azure_devops_pipeline_subject", []string{"my-org", "my-project", "deploy-prod"}, "p://my-org/my-project/deploy-prod", platformAzureDevOps},
	{"azure_devops_service_connection_subject", []string{"my-org", "My Project", "databricks-prod"}, "sc://my-org/My Project/databricks-prod", platformAzureDevOps},
	{"hcp_terraform_subject", []string{"my-org", "Default Project", "databricks-prod", "apply"}, "organization:my-org:project:Default Project:workspace:databricks-prod:run_phase:apply", platformHCPTerraform},
	{"hcp_terraform_subject", []string{"my-org", "platform", "oauth", "plan"}, "organization:my-org:project:platform:workspace:oauth:run_phase:plan", platformHCPTerraform},
}

func TestSubjectBuilders(t *testing.T) {
	for _, c := range subjectCases {
		got, err := run(t, c.fn, strs(c.args...)...)
		if err != nil {
			t.Errorf("%s(%q): %s", c.fn, c.args, err)
			continue
		}
		if as[types.String](t, got).ValueString() != c.want {
			t.Errorf("%s(%q) = %s, want %q", c.fn, c.args, got, c.want)
		}
		// Every subject a builder makes passes the check of its platform, unchanged.
		checked, err := run(t, "federation_subject_check", strs(c.platform, c.want)...)
		if err != nil || as[types.String](t, checked).ValueString() != c.want {
			t.Errorf("federation_subject_check(%q, %q) = %v, %v", c.platform, c.want, checked, err)
		}
	}
}

// The mistakes users make, each refused with the argument at fault and what to write.
func TestSubjectBuildersRefuseMistakes(t *testing.T) {
	for _, c := range []struct {
		fn   string
		args []string
		arg  int64
		msg  string
	}{
		{"github_actions_branch_subject", []string{"my-org/my-repo", "refs/heads/main"}, 1, `without "refs/heads/" (e.g. "main")`},
		{"github_actions_tag_subject", []string{"my-org/my-repo", "refs/tags/v1"}, 1, `without "refs/tags/"`},
		{"github_actions_branch_subject", []string{"https://github.com/my-org/my-repo", "main"}, 0, "looks like a URL"},
		{"github_actions_branch_subject", []string{"github.com/my-org/my-repo", "main"}, 0, "looks like a URL"},
		{"github_actions_environment_subject", []string{"my-repo", "prod"}, 0, "<owner>/<repository>"},
		{"github_actions_environment_subject", []string{"my-org/my-repo", ""}, 1, "must not be empty"},
		{"github_actions_environment_subject", []string{"my-org/my-repo", " prod"}, 1, "leading or trailing spaces"},
		{"github_actions_branch_subject", []string{"my-org/my-repo", "feature/*"}, 1, "not a valid git branch name"},
		{"github_actions_branch_subject", []string{"my-org/my-repo", "a..b"}, 1, "not a valid git branch name"},
		{"gitlab_ci_subject", []string{"my-group/my-project", "heads", "main"}, 1, `"branch" or "tag"`},
		{"gitlab_ci_subject", []string{"my-group/my-project", "branch", "refs/heads/main"}, 2, `without "refs/heads/"`},
		{"gitlab_ci_subject", []string{"my-project", "branch", "main"}, 0, "full path"},
		{"gitlab_ci_subject", []string{"https://gitlab.com/my-group/my-project", "branch", "main"}, 0, "looks like a URL"},
		{"azure_devops_pipeline_subject", []string{"0f3c7a52-5a8d-4d1e-9d5e-1c2b3a4d5e6f", "p", "x"}, 0, "is an id"},
		{"azure_devops_pipeline_subject", []string{"https://dev.azure.com/my-org", "p", "x"}, 0, "looks like a URL"},
		{"azure_devops_service_connection_subject", []string{"my-org", "a/b", "x"}, 1, `must not contain "/"`},
		{"azure_devops_service_connection_subject", []string{"my-org", "p", ""}, 2, "must not be empty"},
		{"hcp_terraform_subject", []string{"my-org", "Default Project", "ws", "*"}, 3, `"plan" or "apply"`},
		{"hcp_terraform_subject", []string{"my-org", "", "ws", "plan"}, 1, "must not be empty"},
		{"hcp_terraform_subject", []string{"my:org", "p", "ws", "plan"}, 0, `must not contain ":"`},
	} {
		_, err := run(t, c.fn, strs(c.args...)...)
		if err == nil {
			t.Errorf("%s(%q): no error", c.fn, c.args)
			continue
		}
		if err.FunctionArgument == nil || *err.FunctionArgument != c.arg || !strings.Contains(err.Text, c.msg) ||
			!strings.HasPrefix(err.Text, c.fn+": ") {
			t.Errorf("%s(%q): error %v (argument %v), want argument %d and %q", c.fn, c.args, err.Text, err.FunctionArgument, c.arg, c.msg)
		}
	}
}

func TestFederationSubjectCheckRefuses(t *testing.T) {
	for _, c := range []struct{ platform, subject, msg string }{
		{"github_actions", "repo:my-org/my-repo:ref:main", `"ref:refs/heads/main"`},
		{"github_actions", "my-org/my-repo:environment:prod", `starts with "repo:"`},
		{"github_actions", "repo:my-org/my-repo", "names no environment"},
		{"github_actions", "repo:my-org/my-repo:pull_request:42", "without a number"},
		{"github_actions", "repo:my-org/my-repo:workflow:deploy", "not one of the forms"},
		{"github_actions", "repo:my-org/my-repo:ref:refs/heads/", "must not be empty"},
		{"gitlab_ci", "project_path:my-group/my-project:ref_type:branch:ref:refs/heads/main", `without "refs/heads/"`},
		{"gitlab_ci", "project_path:my-group/my-project:ref:main", "has the form"},
		{"azure_devops", "p://0f3c7a52-5a8d-4d1e-9d5e-1c2b3a4d5e6f/proj/pipe", "is an id"},
		{"azure_devops", "https://dev.azure.com/my-org/proj/pipe", "p://<organization>"},
		{"azure_devops", "sc://my-org/proj", "must name the organization, the project and the service connection"},
		{"hcp_terraform", "organization:my-org:workspace:ws:run_phase:apply", "has no project"},
		{"hcp_terraform", "organization:my-org:project:p:workspace:ws:run_phase:*", `"plan" or "apply"`},
	} {
		_, err := run(t, "federation_subject_check", strs(c.platform, c.subject)...)
		if err == nil || *err.FunctionArgument != 1 || !strings.Contains(err.Text, c.msg) {
			t.Errorf("federation_subject_check(%q, %q): %v, want an error about the subject with %q", c.platform, c.subject, err, c.msg)
		}
	}
	_, err := run(t, "federation_subject_check", strs("github", "repo:a/b:pull_request")...)
	if err == nil || *err.FunctionArgument != 0 || !strings.Contains(err.Text, "github_actions, gitlab_ci, azure_devops, hcp_terraform") {
		t.Errorf("unknown platform: %v", err)
	}
}

func TestImportIDFunctions(t *testing.T) {
	got, err := run(t, "service_principal_secret_import_id", types.Int64Value(1001), types.StringValue("abc"))
	if err != nil || as[types.String](t, got).ValueString() != "1001/abc" {
		t.Errorf("service_principal_secret_import_id = %v, %v", got, err)
	}
	got, err = run(t, "service_principal_federation_policy_import_id_parse", types.StringValue("1001/my-policy"))
	want := types.ObjectValueMust(map[string]attr.Type{"service_principal_id": types.Int64Type, "policy_id": types.StringType},
		map[string]attr.Value{"service_principal_id": types.Int64Value(1001), "policy_id": types.StringValue("my-policy")})
	if err != nil || !got.Equal(want) {
		t.Errorf("service_principal_federation_policy_import_id_parse = %v, %v", got, err)
	}
	for _, c := range []struct {
		fn   string
		args []attr.Value
		arg  int64
	}{
		{"service_principal_secret_import_id", []attr.Value{types.Int64Value(0), types.StringValue("abc")}, 0},
		{"service_principal_federation_policy_import_id", []attr.Value{types.Int64Value(1001), types.StringValue("")}, 1},
		{"service_principal_secret_import_id_parse", []attr.Value{types.StringValue("abc")}, 0},
		{"service_principal_federation_policy_import_id_parse", []attr.Value{types.StringValue("x/my-policy")}, 0},
	} {
		if _, err := run(t, c.fn, c.args...); err == nil || *err.FunctionArgument != c.arg {
			t.Errorf("%s(%v): %v, want an error about argument %d", c.fn, c.args, err, c.arg)
		}
	}
}

// Every function has the documentation tfplugindocs renders.
func TestFunctionsAreDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range All() {
		fn := f()
		name := nameOf(fn)
		if seen[name] {
			t.Errorf("function %q registered twice", name)
		}
		seen[name] = true
		var resp function.DefinitionResponse
		fn.Definition(context.Background(), function.DefinitionRequest{}, &resp)
		d := resp.Definition
		if d.Summary == "" || d.MarkdownDescription == "" {
			t.Errorf("%s has no summary or description", name)
		}
		for _, p := range d.Parameters {
			if p.GetName() == "" || p.GetMarkdownDescription() == "" {
				t.Errorf("%s: parameter %q has no name or description", name, p.GetName())
			}
		}
		var vresp function.DefinitionValidateResponse
		d.ValidateImplementation(context.Background(), function.DefinitionValidateRequest{FuncName: name}, &vresp)
		for _, diag := range vresp.Diagnostics {
			t.Errorf("%s: %s: %s", name, diag.Summary(), diag.Detail())
		}
	}
}

// as is a checked type assertion that fails the test.
func as[T any](tb testing.TB, v any) T {
	tb.Helper()
	x, ok := v.(T)
	if !ok {
		tb.Fatalf("%v (%T) is not a %T", v, v, x)
	}
	return x
}
