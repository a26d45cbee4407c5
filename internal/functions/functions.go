// Package functions holds the provider-defined functions (Terraform 1.8+): builders and
// a checker of the federation `subject` of common CI/CD issuers, and the composite
// import ids of this provider's service principal objects.
package functions

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"
)

// All returns the factories of every function, for the provider's Functions.
func All() []func() function.Function {
	var out []func() function.Function
	for _, f := range append(subjectFunctions(), importIDFunctions()...) {
		out = append(out, func() function.Function { return f })
	}
	return out
}

// stringFunction is a function of string arguments that returns a string, or an
// error naming the argument at fault.
type stringFunction struct {
	name        string
	summary     string
	description string
	params      []function.StringParameter
	run         func(args []string) (string, *argError)
}

var _ function.Function = stringFunction{}

func (f stringFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = f.name
}

func (f stringFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	params := make([]function.Parameter, len(f.params))
	for i, p := range f.params {
		params[i] = p
	}
	resp.Definition = function.Definition{
		Summary:             f.summary,
		MarkdownDescription: f.description,
		Parameters:          params,
		Return:              function.StringReturn{},
	}
}

func (f stringFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	args := make([]string, len(f.params))
	targets := make([]any, len(args))
	for i := range args {
		targets[i] = &args[i]
	}
	if resp.Error = req.Arguments.Get(ctx, targets...); resp.Error != nil {
		return
	}
	out, err := f.run(args)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(int64(err.arg), f.name+": "+err.msg)
		return
	}
	resp.Error = resp.Result.Set(ctx, out)
}

func param(name, description string) function.StringParameter {
	return function.StringParameter{Name: name, MarkdownDescription: description}
}

// exactNote ends every subject function's description.
const exactNote = "\n\nThe policy's `subject` must equal the token's `sub` claim exactly, case included: use the names " +
	"as the platform shows them."

func subjectFunctions() []function.Function {
	var fs []function.Function
	fs = append(fs, githubActionsFunctions()...)
	fs = append(fs, gitlabCIFunction())
	fs = append(fs, azureDevOpsFunctions()...)
	fs = append(fs, hcpTerraformFunction(), subjectCheckFunction())
	return fs
}

// githubActionsFunctions build the subjects of GitHub Actions tokens: by environment,
// branch, tag and pull request.
func githubActionsFunctions() []function.Function {
	repo := param("repository", "The repository as `<owner>/<repository>`, e.g. `my-org/my-repo` (not its URL).")
	return []function.Function{
		stringFunction{
			name:    "github_actions_environment_subject",
			summary: "The subject of GitHub Actions jobs that run in a deployment environment",
			description: "Returns `repo:<owner>/<repository>:environment:<environment>`, the `sub` claim of the OIDC " +
				"token of a GitHub Actions job that references the environment (`environment:` in the workflow), " +
				"for a service principal federation policy with issuer `https://token.actions.githubusercontent.com`. " +
				"A job that references an environment gets this subject whatever its branch or tag, so a branch " +
				"subject never matches it. Environments are what Databricks recommends: their protection rules " +
				"decide which runs get the token." + exactNote,
			params: []function.StringParameter{repo, param("environment", "The name of the GitHub environment, e.g. `prod`.")},
			run:    func(a []string) (string, *argError) { return githubEnvironmentSubject(a[0], a[1]) },
		},
		stringFunction{
			name:    "github_actions_branch_subject",
			summary: "The subject of GitHub Actions jobs triggered on a branch",
			description: "Returns `repo:<owner>/<repository>:ref:refs/heads/<branch>`, the `sub` claim of the OIDC token " +
				"of a GitHub Actions job that runs on the branch and references no environment. Give the branch name " +
				"alone (`main`): the function adds `refs/heads/`." + exactNote,
			params: []function.StringParameter{repo, param("branch", "The branch name, e.g. `main`, without `refs/heads/`.")},
			run:    func(a []string) (string, *argError) { return githubRefSubject(a[0], "branch", a[1]) },
		},
		stringFunction{
			name:    "github_actions_tag_subject",
			summary: "The subject of GitHub Actions jobs triggered on a tag",
			description: "Returns `repo:<owner>/<repository>:ref:refs/tags/<tag>`, the `sub` claim of the OIDC token of " +
				"a GitHub Actions job that runs on the tag and references no environment. Give the tag name alone " +
				"(`v1.2.3`): the function adds `refs/tags/`." + exactNote,
			params: []function.StringParameter{repo, param("tag", "The tag name, e.g. `v1.2.3`, without `refs/tags/`.")},
			run:    func(a []string) (string, *argError) { return githubRefSubject(a[0], "tag", a[1]) },
		},
		stringFunction{
			name:    "github_actions_pull_request_subject",
			summary: "The subject of GitHub Actions jobs triggered by pull requests",
			description: "Returns `repo:<owner>/<repository>:pull_request`, the `sub` claim of the OIDC token of a " +
				"GitHub Actions job triggered by a `pull_request` event that references no environment. It is the " +
				"same for every pull request, whoever opened it and whatever its branch: give the service principal " +
				"of such a policy as little access as the job needs." + exactNote,
			params: []function.StringParameter{repo},
			run:    func(a []string) (string, *argError) { return githubPullRequestSubject(a[0]) },
		},
	}
}

func gitlabCIFunction() function.Function {
	return stringFunction{
		name:    "gitlab_ci_subject",
		summary: "The subject of GitLab CI/CD jobs of a project on a branch or tag",
		description: "Returns `project_path:<group>/<project>:ref_type:<branch|tag>:ref:<name>`, the `sub` claim of " +
			"the ID token (`id_tokens:` in `.gitlab-ci.yml`) of a GitLab CI/CD job, for a federation policy whose " +
			"issuer is the GitLab instance (`https://gitlab.com` or a self-managed URL). GitLab puts the short ref " +
			"name in the subject: `main`, not `refs/heads/main`." + exactNote,
		params: []function.StringParameter{
			param("project_path", "The project's full path, `<group>[/<subgroup>...]/<project>`, e.g. `my-group/my-project`."),
			param("ref_type", "`branch` or `tag`."),
			param("ref", "The branch or tag name, e.g. `main` or `v1.2.3`."),
		},
		run: func(a []string) (string, *argError) { return gitlabSubject(a[0], a[1], a[2]) },
	}
}

// azureDevOpsFunctions build the subjects of Azure DevOps tokens: a pipeline's own,
// and a service connection's.
func azureDevOpsFunctions() []function.Function {
	return []function.Function{
		stringFunction{
			name:    "azure_devops_pipeline_subject",
			summary: "The subject of an Azure DevOps pipeline's OIDC token",
			description: "Returns `p://<organization>/<project>/<pipeline>`, the `sub` claim of the OIDC token an Azure " +
				"DevOps pipeline requests for itself (the Databricks CLI and SDKs' `azure-devops-oidc` authentication), " +
				"for a federation policy with issuer `https://vstoken.dev.azure.com/<organization id>` and audience " +
				"`api://AzureADTokenExchange`. The subject takes the organization's name; its id (a GUID) goes in the " +
				"issuer." + exactNote,
			params: []function.StringParameter{
				param("organization", "The Azure DevOps organization's name (as in `https://dev.azure.com/<organization>`), not its id."),
				param("project", "The project's name."),
				param("pipeline", "The pipeline's name."),
			},
			run: func(a []string) (string, *argError) { return azureDevOpsSubject("p", a[0], a[1], a[2], "pipeline") },
		},
		stringFunction{
			name:    "azure_devops_service_connection_subject",
			summary: "The subject of an Azure DevOps service connection's OIDC token",
			description: "Returns `sc://<organization>/<project>/<service connection>`, the `sub` claim of the OIDC token " +
				"issued for a workload identity federation service connection (a task that uses the service " +
				"connection, e.g. `AzureCLI@2` with `addSpnToEnvironment`), for a federation policy with issuer " +
				"`https://vstoken.dev.azure.com/<organization id>`. A pipeline's own token has a `p://` subject " +
				"instead (`azure_devops_pipeline_subject`)." + exactNote,
			params: []function.StringParameter{
				param("organization", "The Azure DevOps organization's name, not its id."),
				param("project", "The project's name."),
				param("service_connection", "The service connection's name."),
			},
			run: func(a []string) (string, *argError) {
				return azureDevOpsSubject("sc", a[0], a[1], a[2], "service connection")
			},
		},
	}
}

func hcpTerraformFunction() function.Function {
	return stringFunction{
		name:    "hcp_terraform_subject",
		summary: "The subject of an HCP Terraform or Terraform Enterprise run phase",
		description: "Returns `organization:<organization>:project:<project>:workspace:<workspace>:run_phase:<plan|apply>`, " +
			"the `sub` claim of the workload identity token of a run phase of an HCP Terraform workspace, for a " +
			"federation policy with issuer `https://app.terraform.io` (or the Terraform Enterprise URL). The plan " +
			"and the apply phase have different subjects: give each the access it needs with one policy per " +
			"phase. A workspace outside any project is in `Default Project`." + exactNote,
		params: []function.StringParameter{
			param("organization", "The HCP Terraform organization's name."),
			param("project", "The workspace's project, e.g. `Default Project`."),
			param("workspace", "The workspace's name."),
			param("run_phase", "`plan` or `apply`."),
		},
		run: func(a []string) (string, *argError) { return hcpTerraformSubject(a[0], a[1], a[2], a[3]) },
	}
}

func subjectCheckFunction() function.Function {
	return stringFunction{
		name:    "federation_subject_check",
		summary: "Checks a federation policy subject against a CI/CD platform's token format",
		description: "Returns `subject` unchanged when it has the form of the default `sub` claim of the platform's " +
			"tokens, and fails with what is wrong otherwise (e.g. `ref:main` for a GitHub branch, which GitHub " +
			"writes `ref:refs/heads/main`; `refs/heads/` in a GitLab subject; an Azure DevOps organization id " +
			"where its name belongs; an HCP Terraform subject without its project). Use it around a subject " +
			"written by hand, or in a variable's `validation` with `can(...)`.\n\n" +
			"Platforms: `github_actions`, `gitlab_ci`, `azure_devops`, `hcp_terraform`. A repository, project or " +
			"organization with a customized subject template (GitHub's OIDC subject customization, GitLab's " +
			"`ci_id_token_sub_claim_components`) produces other forms, which this function rejects.",
		params: []function.StringParameter{
			param("platform", "One of `github_actions`, `gitlab_ci`, `azure_devops`, `hcp_terraform`."),
			param("subject", "The subject to check."),
		},
		run: func(a []string) (string, *argError) {
			if !slices.Contains(platforms, a[0]) {
				return "", bad(0, "unknown platform %q; one of %s", a[0], strings.Join(platforms, ", "))
			}
			if err := checkSubject(a[0], a[1]); err != nil {
				return "", bad(1, "%s", err)
			}
			return a[1], nil
		},
	}
}
