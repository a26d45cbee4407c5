package functions

// The default `sub` claim of the OIDC tokens of common CI/CD issuers, which a service
// principal federation policy's `subject` must equal exactly (case included). Each
// issuer's format lives here once: the builders check their arguments against it, and
// federation_subject_check parses a whole subject with it.
//
// Sources (the issuers' own documentation):
//   - GitHub Actions, "OpenID Connect reference", subject claims:
//     repo:<owner>/<repo>:environment:<name> (a job that references an environment,
//     whatever its branch), repo:<owner>/<repo>:pull_request,
//     repo:<owner>/<repo>:ref:refs/heads/<branch>, repo:<owner>/<repo>:ref:refs/tags/<tag>.
//   - GitLab CI/CD ID tokens: project_path:<group>/<project>:ref_type:<branch|tag>:ref:<name>
//     (the short ref name, no refs/heads/).
//   - Azure DevOps: pipeline tokens p://<organization>/<project>/<pipeline> (Databricks'
//     Azure DevOps guide), service connection tokens sc://<organization>/<project>/<connection>
//     (workload identity federation service connections); the organization by name, its
//     id goes in the issuer https://vstoken.dev.azure.com/<organization id>.
//   - HCP Terraform / Terraform Enterprise workload identity:
//     organization:<org>:project:<project>:workspace:<workspace>:run_phase:<plan|apply>
//     (`Default Project` for a workspace outside any project).

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// The platforms federation_subject_check knows.
const (
	platformGitHubActions = "github_actions"
	platformGitLabCI      = "gitlab_ci"
	platformAzureDevOps   = "azure_devops"
	platformHCPTerraform  = "hcp_terraform"
)

var platforms = []string{platformGitHubActions, platformGitLabCI, platformAzureDevOps, platformHCPTerraform}

// argError is a problem with one argument of a builder, or one part of a subject.
type argError struct {
	arg int // position of the builder argument, 0-based
	msg string
}

func (e *argError) Error() string { return e.msg }

func bad(arg int, format string, a ...any) *argError {
	return &argError{arg: arg, msg: fmt.Sprintf(format, a...)}
}

// plainName checks a name that a subject carries as is: not empty, no surrounding
// spaces, no control characters, and not the separator of the format.
func plainName(arg int, what, v, sep string) *argError {
	switch {
	case v == "":
		return bad(arg, "%s must not be empty", what)
	case strings.TrimSpace(v) != v:
		return bad(arg, "%s %q has leading or trailing spaces, which the token's subject would not have", what, v)
	case strings.IndexFunc(v, unicode.IsControl) >= 0:
		return bad(arg, "%s %q contains a control character", what, v)
	case sep != "" && strings.Contains(v, sep):
		return bad(arg, "%s %q must not contain %q, which separates the parts of the subject", what, v, sep)
	}
	return nil
}

// notURL rejects a URL pasted where a name belongs, a frequent mistake.
func notURL(arg int, what, v, example string) *argError {
	if strings.Contains(v, "://") || strings.HasPrefix(v, "github.com/") || strings.HasPrefix(v, "gitlab.com/") ||
		strings.HasPrefix(v, "dev.azure.com/") {
		return bad(arg, "%s %q looks like a URL; give the name only, e.g. %q", what, v, example)
	}
	return nil
}

// gitRefName checks a branch or tag name as git does (git check-ref-format), and that
// it is the short name: the subject formats add refs/heads/ or refs/tags/ themselves.
func gitRefName(arg int, kind, v string) *argError {
	for _, prefix := range []string{"refs/heads/", "refs/tags/", "refs/"} {
		if strings.HasPrefix(v, prefix) {
			return bad(arg, "give the %s name without %q (e.g. %q): the subject format adds the prefix itself",
				kind, prefix, strings.TrimPrefix(v, prefix))
		}
	}
	if err := plainName(arg, kind+" name", v, ""); err != nil {
		return err
	}
	switch {
	case strings.ContainsAny(v, " ~^:?*[\\"), strings.Contains(v, ".."), strings.Contains(v, "@{"),
		strings.HasPrefix(v, "/"), strings.HasSuffix(v, "/"), strings.HasSuffix(v, "."), strings.HasSuffix(v, ".lock"),
		strings.Contains(v, "//"), strings.HasPrefix(v, "-"):
		return bad(arg, "%q is not a valid git %s name (git check-ref-format: no spaces, ~ ^ : ? * [ \\, no \"..\", "+
			"no leading or trailing \"/\", no trailing \".\" or \".lock\")", v, kind)
	}
	return nil
}

// GitHub Actions.

// githubRepository is <owner>/<repository>. Owners are letters, digits and hyphens,
// plus underscores for the users of Enterprise Managed Users (`octocat_acme`).
var githubRepository = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*/[A-Za-z0-9._-]+$`)

// githubRepositoryArg checks the repository, every GitHub builder's first argument.
func githubRepositoryArg(v string) *argError {
	if err := notURL(0, "repository", v, "my-org/my-repo"); err != nil {
		return err
	}
	if !githubRepository.MatchString(v) || strings.HasSuffix(v, ".git") {
		return bad(0, "repository %q must be <owner>/<repository>, e.g. \"my-org/my-repo\"", v)
	}
	return nil
}

func githubEnvironmentSubject(repository, environment string) (string, *argError) {
	if err := githubRepositoryArg(repository); err != nil {
		return "", err
	}
	if err := plainName(1, "environment", environment, ""); err != nil {
		return "", err
	}
	if len(environment) > 255 {
		return "", bad(1, "environment names have at most 255 characters")
	}
	return "repo:" + repository + ":environment:" + environment, nil
}

func githubRefSubject(repository, kind, name string) (string, *argError) {
	if err := githubRepositoryArg(repository); err != nil {
		return "", err
	}
	if err := gitRefName(1, kind, name); err != nil {
		return "", err
	}
	prefix := "refs/heads/"
	if kind == "tag" {
		prefix = "refs/tags/"
	}
	return "repo:" + repository + ":ref:" + prefix + name, nil
}

func githubPullRequestSubject(repository string) (string, *argError) {
	if err := githubRepositoryArg(repository); err != nil {
		return "", err
	}
	return "repo:" + repository + ":pull_request", nil
}

const githubForms = "repo:<owner>/<repo>:environment:<environment>, repo:<owner>/<repo>:ref:refs/heads/<branch>, " +
	"repo:<owner>/<repo>:ref:refs/tags/<tag> or repo:<owner>/<repo>:pull_request"

func checkGitHubSubject(s string) error {
	rest, ok := strings.CutPrefix(s, "repo:")
	if !ok {
		return fmt.Errorf("a GitHub Actions subject starts with \"repo:\" (forms: %s); a repository or organization "+
			"with a customized subject template produces other forms, which this function does not check", githubForms)
	}
	repository, entity, ok := strings.Cut(rest, ":")
	if !ok {
		return fmt.Errorf("%q names no environment, ref or pull_request after the repository (forms: %s)", s, githubForms)
	}
	if err := githubRepositoryArg(repository); err != nil {
		return err
	}
	switch {
	case entity == "pull_request":
		return nil
	case strings.HasPrefix(entity, "environment:"):
		_, err := githubEnvironmentSubject(repository, strings.TrimPrefix(entity, "environment:"))
		return asError(err)
	case strings.HasPrefix(entity, "ref:refs/heads/"):
		_, err := githubRefSubject(repository, "branch", strings.TrimPrefix(entity, "ref:refs/heads/"))
		return asError(err)
	case strings.HasPrefix(entity, "ref:refs/tags/"):
		_, err := githubRefSubject(repository, "tag", strings.TrimPrefix(entity, "ref:refs/tags/"))
		return asError(err)
	case strings.HasPrefix(entity, "ref:"):
		ref := strings.TrimPrefix(entity, "ref:")
		return fmt.Errorf("GitHub puts the full ref in the subject: a branch is \"ref:refs/heads/%s\", a tag \"ref:refs/tags/%s\", not \"ref:%s\"", ref, ref, ref)
	case strings.HasPrefix(entity, "pull_request:"), strings.HasPrefix(entity, "pull_request/"):
		return fmt.Errorf("the subject of a pull request job is just \"repo:%s:pull_request\", without a number or branch", repository)
	}
	return fmt.Errorf("%q is not one of the forms of a GitHub Actions subject: %s", s, githubForms)
}

// GitLab CI/CD.

var gitlabProjectPath = regexp.MustCompile(`^[A-Za-z0-9_.][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+$`)

func gitlabSubject(projectPath, refType, ref string) (string, *argError) {
	if err := notURL(0, "project_path", projectPath, "my-group/my-project"); err != nil {
		return "", err
	}
	if !gitlabProjectPath.MatchString(projectPath) || strings.HasSuffix(projectPath, ".git") {
		return "", bad(0, "project_path %q must be the project's full path, <group>[/<subgroup>...]/<project>, e.g. \"my-group/my-project\"", projectPath)
	}
	if refType != "branch" && refType != "tag" {
		return "", bad(1, "ref_type must be \"branch\" or \"tag\" (the token's ref_type claim), not %q", refType)
	}
	if err := gitRefName(2, refType, ref); err != nil {
		return "", err
	}
	return "project_path:" + projectPath + ":ref_type:" + refType + ":ref:" + ref, nil
}

var gitlabSubjectRe = regexp.MustCompile(`^project_path:([^:]*):ref_type:([^:]*):ref:(.*)$`)

func checkGitLabSubject(s string) error {
	m := gitlabSubjectRe.FindStringSubmatch(s)
	if m == nil {
		return fmt.Errorf("a GitLab CI/CD subject has the form project_path:<group>/<project>:ref_type:<branch|tag>:ref:<name>; " +
			"a project with customized sub claim components (ci_id_token_sub_claim_components) produces other forms, " +
			"which this function does not check")
	}
	_, err := gitlabSubject(m[1], m[2], m[3])
	return asError(err)
}

// Azure DevOps.

var guid = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

func azureDevOpsSubject(scheme, organization, project, name, nameWhat string) (string, *argError) {
	if err := notURL(0, "organization", organization, "my-org"); err != nil {
		return "", err
	}
	if err := plainName(0, "organization", organization, "/"); err != nil {
		return "", err
	}
	if guid.MatchString(organization) {
		return "", bad(0, "organization %q is an id: the subject takes the organization's name; its id goes in the "+
			"issuer, https://vstoken.dev.azure.com/<organization id>", organization)
	}
	if err := plainName(1, "project", project, "/"); err != nil {
		return "", err
	}
	if err := plainName(2, nameWhat, name, ""); err != nil {
		return "", err
	}
	return scheme + "://" + organization + "/" + project + "/" + name, nil
}

func checkAzureDevOpsSubject(s string) error {
	scheme, rest, ok := strings.Cut(s, "://")
	what := map[string]string{"p": "pipeline", "sc": "service connection"}[scheme]
	if !ok || what == "" {
		return fmt.Errorf("an Azure DevOps subject is p://<organization>/<project>/<pipeline> (a pipeline's token) or " +
			"sc://<organization>/<project>/<service connection> (a service connection's token)")
	}
	parts := strings.SplitN(rest, "/", 3)
	if len(parts) != 3 {
		return fmt.Errorf("%q must name the organization, the project and the %s: %s://<organization>/<project>/<%s>", s, what, scheme, what)
	}
	_, err := azureDevOpsSubject(scheme, parts[0], parts[1], parts[2], what)
	return asError(err)
}

// HCP Terraform.

func hcpTerraformSubject(organization, project, workspace, runPhase string) (string, *argError) {
	if err := plainName(0, "organization", organization, ":"); err != nil {
		return "", err
	}
	if err := plainName(1, "project", project, ":"); err != nil {
		return "", err
	}
	if err := plainName(2, "workspace", workspace, ":"); err != nil {
		return "", err
	}
	if runPhase != "plan" && runPhase != "apply" {
		return "", bad(3, "run_phase must be \"plan\" or \"apply\", not %q: each phase has its own token, so a policy "+
			"covers one phase (create one policy per phase)", runPhase)
	}
	return "organization:" + organization + ":project:" + project + ":workspace:" + workspace + ":run_phase:" + runPhase, nil
}

var hcpSubjectRe = regexp.MustCompile(`^organization:([^:]*):project:([^:]*):workspace:([^:]*):run_phase:(.*)$`)

func checkHCPTerraformSubject(s string) error {
	m := hcpSubjectRe.FindStringSubmatch(s)
	if m == nil {
		if strings.HasPrefix(s, "organization:") && !strings.Contains(s, ":project:") {
			return fmt.Errorf("%q has no project: HCP Terraform subjects name the workspace's project, "+
				"organization:<org>:project:<project>:workspace:<workspace>:run_phase:<plan|apply> "+
				"(\"Default Project\" for a workspace outside any project)", s)
		}
		return fmt.Errorf("an HCP Terraform subject has the form organization:<org>:project:<project>:workspace:<workspace>:run_phase:<plan|apply>")
	}
	_, err := hcpTerraformSubject(m[1], m[2], m[3], m[4])
	return asError(err)
}

// checkSubject checks a subject against a platform's format.
func checkSubject(platform, subject string) error {
	switch platform {
	case platformGitHubActions:
		return checkGitHubSubject(subject)
	case platformGitLabCI:
		return checkGitLabSubject(subject)
	case platformAzureDevOps:
		return checkAzureDevOpsSubject(subject)
	case platformHCPTerraform:
		return checkHCPTerraformSubject(subject)
	}
	return fmt.Errorf("unknown platform %q; one of %s", platform, strings.Join(platforms, ", "))
}

// asError keeps a nil *argError nil as an error.
func asError(err *argError) error {
	if err == nil {
		return nil
	}
	return err
}
