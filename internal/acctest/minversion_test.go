package acctest

// A check that every acceptance test runs on the oldest Terraform the provider
// supports (oldestCLI): a test whose configuration uses a language feature that
// came later must skip below that version with tfversion.SkipBelow (or the tfCLI
// harness's skipBelow), or `make test` fails on a machine with only the oldest CLI.
//
// It reads the test files with go/ast, per package: for every top-level function
// and variable it collects the HCL features in its string literals (and a few
// terraform-plugin-testing features in its code) and the SkipBelow versions it
// declares, then follows the identifiers it uses to the package's other top-level
// functions, methods and variables, so that a configuration built by a helper
// counts for every test that calls the helper. Configurations in files
// (config.StaticDirectory, config.StaticFile, and testdata/<TestName> for
// config.TestNameDirectory and the like) are read too. A test function is an
// acceptance test when it reaches resource.Test, resource.ParallelTest or
// exec.Command (the tfCLI harness).
//
// It cannot follow what it cannot see: a configuration assembled from fragments
// that only together form a block, or one built in another package (every
// configuration helper lives in the test's own package today).

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// cliVersion is a Terraform version, as major, minor, patch.
type cliVersion [3]int

func (v cliVersion) String() string { return fmt.Sprintf("%d.%d.%d", v[0], v[1], v[2]) }

func (v cliVersion) less(w cliVersion) bool {
	for i := range v {
		if v[i] != w[i] {
			return v[i] < w[i]
		}
	}
	return false
}

// oldestCLI is the oldest Terraform the provider supports and `.ci/run` installs
// when none is on PATH.
var oldestCLI = cliVersion{1, 5, 0}

// feature is a language or test-framework feature and the Terraform that has it.
type feature struct {
	what string
	min  cliVersion
}

// hclFeatures are found in the string literals of test files (configurations or
// parts of them). Patterns match one literal at a time.
var hclFeatures = []struct {
	re *regexp.Regexp
	feature
}{
	{regexp.MustCompile(`(?m)^\s*ephemeral\s+"`), feature{"an ephemeral block", cliVersion{1, 10, 0}}},
	{regexp.MustCompile(`\bephemeral\.[a-z]`), feature{"a reference to an ephemeral resource", cliVersion{1, 10, 0}}},
	{regexp.MustCompile(`\bephemeral\s*=\s*true`), feature{"an ephemeral variable or output", cliVersion{1, 10, 0}}},
	{regexp.MustCompile(`\b[a-z0-9_]+_wo(_version)?\s*=`), feature{"a write-only argument", cliVersion{1, 11, 0}}},
	{regexp.MustCompile(`(?m)^\s*removed\s*\{`), feature{"a removed block", cliVersion{1, 7, 0}}},
	{regexp.MustCompile(`\bprovider::`), feature{"a provider-defined function", cliVersion{1, 8, 0}}},
	{regexp.MustCompile(`(?m)^\s*list\s+"`), feature{"a list block (terraform query)", cliVersion{1, 14, 0}}},
	{regexp.MustCompile(`(?m)^\s*action\s+"|\baction_trigger\b`), feature{"an action", cliVersion{1, 14, 0}}},
}

var (
	movedBlock  = regexp.MustCompile(`(?m)^\s*moved\s*\{`)
	importBlock = regexp.MustCompile(`(?m)^\s*import\s*\{`)
	blockEnd    = regexp.MustCompile(`(?m)^\s*\}\s*$`)
	movedFrom   = regexp.MustCompile(`\bfrom\s*=\s*([A-Za-z0-9_]+)\.`)
	movedTo     = regexp.MustCompile(`\bto\s*=\s*([A-Za-z0-9_]+)\.`)
	importEach  = regexp.MustCompile(`\bfor_each\s*=`)
	importIdent = regexp.MustCompile(`\bidentity\s*=`)
)

// literalFeatures returns the features an HCL fragment uses beyond oldestCLI.
func literalFeatures(s string) []feature {
	var out []feature
	for _, f := range hclFeatures {
		if f.re.MatchString(s) {
			out = append(out, f.feature)
		}
	}
	// A moved block between two addresses of the same type works since 1.1; one
	// between resource types needs 1.8. A block whose types cannot be read here
	// (e.g. "from = %s") counts as one between types.
	for _, loc := range movedBlock.FindAllStringIndex(s, -1) {
		body := blockBody(s[loc[1]:])
		from, to := movedFrom.FindStringSubmatch(body), movedTo.FindStringSubmatch(body)
		if from == nil || to == nil || from[1] != to[1] {
			out = append(out, feature{"a moved block between resource types", cliVersion{1, 8, 0}})
		}
	}
	for _, loc := range importBlock.FindAllStringIndex(s, -1) {
		body := blockBody(s[loc[1]:])
		if importEach.MatchString(body) {
			out = append(out, feature{"an import block with for_each", cliVersion{1, 7, 0}})
		}
		if importIdent.MatchString(body) {
			out = append(out, feature{"an import block by identity", cliVersion{1, 12, 0}})
		}
	}
	return out
}

// blockBody is s up to the first line that is only "}" (the end of a block that
// `terraform fmt` would lay out), or all of s.
func blockBody(s string) string {
	if loc := blockEnd.FindStringIndex(s); loc != nil {
		return s[:loc[0]]
	}
	return s
}

// codeFeatures are terraform-plugin-testing identifiers (package.Name) that need a
// newer Terraform.
var codeFeatures = map[string]feature{
	"resource.ImportBlockWithResourceIdentity":   {"import by resource identity", cliVersion{1, 12, 0}},
	"resource.ImportCommandWithResourceIdentity": {"import by resource identity", cliVersion{1, 12, 0}},
	"statecheck.ExpectIdentity":                  {"a resource identity check", cliVersion{1, 12, 0}},
	"statecheck.ExpectIdentityValue":             {"a resource identity check", cliVersion{1, 12, 0}},
	"statecheck.ExpectIdentityValueMatchesState": {"a resource identity check", cliVersion{1, 12, 0}},
}

// acceptanceCalls are what makes a test an acceptance test.
var acceptanceCalls = map[string]bool{
	"resource.Test": true, "resource.ParallelTest": true, "exec.Command": true, "exec.CommandContext": true,
}

var tfversionConst = regexp.MustCompile(`^Version(\d+)_(\d+)_(\d+)$`)

// decl is what one top-level function, method or variable holds directly.
type decl struct {
	needs       []feature
	skipsBelow  []cliVersion
	acceptance  bool
	configFiles []string        // paths given to config.StaticDirectory or config.StaticFile
	testNameDir bool            // uses testdata/<TestName> (config.TestNameDirectory and the like)
	uses        map[string]bool // identifiers, matched against the package's declarations
}

// reach is what a declaration holds, with everything it uses.
type reach struct {
	needs       []feature
	skipBelow   cliVersion // the highest declared
	acceptance  bool
	configFiles []string
	testNameDir bool
}

// configFileFeatures returns the features of the .tf files at path (a file, or a
// directory read recursively), relative to the package directory dir.
func configFileFeatures(dir, path string) ([]feature, error) {
	var out []feature
	err := filepath.WalkDir(filepath.Join(dir, path), func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".tf") {
			return err
		}
		b, err := os.ReadFile(p)
		if err == nil {
			out = append(out, literalFeatures(string(b))...)
		}
		return err
	})
	return out, err
}

// checkMinimumVersions returns one message per acceptance test in the Go package
// of dir that needs a newer Terraform than it skips below.
func checkMinimumVersions(dir string) ([]string, error) {
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil {
		return nil, err
	}
	decls := map[string]*decl{}
	var tests []string
	var problems []string
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				key := d.Name.Name
				if d.Recv != nil {
					key = "method " + key
				} else if strings.HasPrefix(key, "Test") {
					tests = append(tests, key)
				}
				decls[key] = merge(decls[key], scan(fset, d, &problems))
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if vs, ok := s.(*ast.ValueSpec); ok {
						for _, n := range vs.Names {
							decls[n.Name] = merge(decls[n.Name], scan(fset, vs, &problems))
						}
					}
				}
			}
		}
	}
	// resolve walks everything key uses, each declaration once.
	resolve := func(key string) reach {
		var r reach
		seen := map[string]bool{key: true}
		queue := []string{key}
		for len(queue) > 0 {
			d := decls[queue[0]]
			queue = queue[1:]
			r.needs = append(r.needs, d.needs...)
			for _, v := range d.skipsBelow {
				r.skipBelow = maxVersion(r.skipBelow, v)
			}
			r.acceptance = r.acceptance || d.acceptance
			r.configFiles = append(r.configFiles, d.configFiles...)
			r.testNameDir = r.testNameDir || d.testNameDir
			for _, name := range sortedKeys(d.uses) {
				for _, k := range []string{name, "method " + name} {
					if _, ok := decls[k]; ok && !seen[k] {
						seen[k] = true
						queue = append(queue, k)
					}
				}
			}
		}
		return r
	}
	sort.Strings(tests)
	for _, name := range tests {
		r := resolve(name)
		if !r.acceptance {
			continue
		}
		paths := r.configFiles
		if r.testNameDir {
			paths = append(paths, filepath.Join("testdata", name))
		}
		for _, p := range paths {
			f, err := configFileFeatures(dir, p)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %s: cannot read the configuration at %s: %v", filepath.Base(dir), name, p, err))
			}
			r.needs = append(r.needs, f...)
		}
		need := feature{min: oldestCLI}
		for _, f := range r.needs {
			if need.min.less(f.min) {
				need = f
			}
		}
		if oldestCLI.less(need.min) && r.skipBelow.less(need.min) {
			skip := "skips below no version"
			if r.skipBelow != (cliVersion{}) {
				skip = "skips only below " + r.skipBelow.String()
			}
			problems = append(problems, fmt.Sprintf("%s: %s uses %s (Terraform >= %s) but %s: add TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version%d_%d_%d)}",
				filepath.Base(dir), name, need.what, need.min, skip, need.min[0], need.min[1], need.min[2]))
		}
	}
	return problems, nil
}

// scan collects what node holds directly. A SkipBelow whose version is not a
// tfversion.VersionX_Y_Z constant is reported, since the check cannot read it.
func scan(fset *token.FileSet, node ast.Node, problems *[]string) *decl {
	d := &decl{uses: map[string]bool{}}
	ast.Inspect(node, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BasicLit:
			if n.Kind == token.STRING {
				if s, err := strconv.Unquote(n.Value); err == nil {
					d.needs = append(d.needs, literalFeatures(s)...)
				}
			}
		case *ast.Ident:
			d.uses[n.Name] = true
		case *ast.SelectorExpr:
			if pkg, ok := n.X.(*ast.Ident); ok {
				q := pkg.Name + "." + n.Sel.Name
				if f, ok := codeFeatures[q]; ok {
					d.needs = append(d.needs, f)
				}
				d.acceptance = d.acceptance || acceptanceCalls[q]
			}
		case *ast.KeyValueExpr:
			// TestStep.Query runs `terraform query`.
			if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Query" {
				d.needs = append(d.needs, feature{"a query step (terraform query)", cliVersion{1, 14, 0}})
			}
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
				if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "config" {
					switch sel.Sel.Name {
					case "StaticDirectory", "StaticFile":
						lit, ok := n.Args[0].(*ast.BasicLit)
						path, err := "", error(nil)
						if ok {
							path, err = strconv.Unquote(lit.Value)
						}
						if !ok || err != nil {
							*problems = append(*problems, fmt.Sprintf("%s: cannot read the path of this configuration; pass a string literal", fset.Position(n.Pos())))
							return true
						}
						d.configFiles = append(d.configFiles, path)
					case "TestNameDirectory", "TestStepDirectory", "TestNameFile", "TestStepFile":
						d.testNameDir = true
					}
				}
			}
			if !isSkipBelow(n.Fun) {
				return true
			}
			v, ok := versionArg(n.Args)
			if !ok {
				*problems = append(*problems, fmt.Sprintf("%s: cannot read the version of this SkipBelow; pass a tfversion.VersionX_Y_Z constant", fset.Position(n.Pos())))
				return true
			}
			d.skipsBelow = append(d.skipsBelow, v)
		}
		return true
	})
	return d
}

// isSkipBelow matches tfversion.SkipBelow and any function or method named
// skipBelow or SkipBelow (the tfCLI harness has one).
func isSkipBelow(fun ast.Expr) bool {
	switch f := fun.(type) {
	case *ast.Ident:
		return f.Name == "skipBelow" || f.Name == "SkipBelow"
	case *ast.SelectorExpr:
		return f.Sel.Name == "skipBelow" || f.Sel.Name == "SkipBelow"
	}
	return false
}

func versionArg(args []ast.Expr) (cliVersion, bool) {
	for _, a := range args {
		// The tfCLI harness's skipBelow takes the version as a string: "1.14.0".
		if lit, ok := a.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			var v cliVersion
			s, _ := strconv.Unquote(lit.Value)
			if n, _ := fmt.Sscanf(s, "%d.%d.%d", &v[0], &v[1], &v[2]); n == 3 {
				return v, true
			}
			continue
		}
		sel, ok := a.(*ast.SelectorExpr)
		if !ok {
			continue
		}
		if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "tfversion" {
			continue
		}
		m := tfversionConst.FindStringSubmatch(sel.Sel.Name)
		if m == nil {
			continue
		}
		var v cliVersion
		for i := range v {
			v[i], _ = strconv.Atoi(m[i+1])
		}
		return v, true
	}
	return cliVersion{}, false
}

func merge(a, b *decl) *decl {
	if a == nil {
		return b
	}
	a.needs = append(a.needs, b.needs...)
	a.skipsBelow = append(a.skipsBelow, b.skipsBelow...)
	a.acceptance = a.acceptance || b.acceptance
	a.configFiles = append(a.configFiles, b.configFiles...)
	a.testNameDir = a.testNameDir || b.testNameDir
	for k := range b.uses {
		a.uses[k] = true
	}
	return a
}

func maxVersion(a, b cliVersion) cliVersion {
	if a.less(b) {
		return b
	}
	return a
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Every acceptance test of the module runs on oldestCLI or skips there.
func TestAcceptanceTestsSkipBelowTheirMinimumTerraform(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "..")
	dirs := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() && path != root {
			if strings.HasPrefix(e.Name(), ".") || e.Name() == "bin" || e.Name() == "testdata" {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir // another module (tools/)
			}
		}
		if !e.IsDir() && strings.HasSuffix(path, "_test.go") {
			dirs[filepath.Dir(path)] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !dirs[filepath.Join(root, "internal", "resources")] {
		t.Fatalf("no test files found under %s/internal/resources: the check looked in the wrong place", root)
	}
	for _, dir := range sortedKeys(dirs) {
		problems, err := checkMinimumVersions(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range problems {
			t.Error(p)
		}
	}
}

// The check on synthetic packages: it must find a missing or too low skip per test
// function, through helpers, and accept a sufficient one.
func TestCheckMinimumVersionsFindsMissingSkips(t *testing.T) {
	t.Parallel()
	const header = "package x\n\nimport (\n\t\"os/exec\"\n\t\"testing\"\n\n\t\"github.com/hashicorp/terraform-plugin-testing/config\"\n\t\"github.com/hashicorp/terraform-plugin-testing/helper/resource\"\n\t\"github.com/hashicorp/terraform-plugin-testing/tfversion\"\n)\n\n"
	for _, tc := range []struct {
		name  string
		src   string
		files map[string]string // other files of the package directory
		want  []string          // one substring per expected problem; none when the package is fine
	}{
		{
			name: "ephemeral block in a helper, no skip",
			src: "func cfg() string { return `\nephemeral \"x_y\" \"z\" {}\n` }\n" +
				"func TestAccBad(t *testing.T) { resource.Test(t, resource.TestCase{Steps: []resource.TestStep{{Config: cfg()}}}) }\n",
			want: []string{"TestAccBad uses an ephemeral block (Terraform >= 1.10.0) but skips below no version"},
		},
		{
			name: "ephemeral block, skip in a shared variable",
			src: "var checks = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)}\n" +
				"const cfg = `\nephemeral \"x_y\" \"z\" {}\n`\n" +
				"func TestAccGood(t *testing.T) { resource.ParallelTest(t, resource.TestCase{TerraformVersionChecks: checks, Steps: []resource.TestStep{{Config: cfg}}}) }\n",
		},
		{
			name: "per function: same configuration, one test skips and one does not",
			src: "const cfg = `\nlocals { s = ephemeral.x_y.z.secret }\n`\n" +
				"func TestAccSkips(t *testing.T) { resource.Test(t, resource.TestCase{TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)}, Steps: []resource.TestStep{{Config: cfg}}}) }\n" +
				"func TestAccForgets(t *testing.T) { resource.Test(t, resource.TestCase{Steps: []resource.TestStep{{Config: cfg}}}) }\n",
			want: []string{"TestAccForgets uses a reference to an ephemeral resource"},
		},
		{
			name: "skip too low",
			src:  "func TestAccLow(t *testing.T) { resource.Test(t, resource.TestCase{TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)}, Steps: []resource.TestStep{{Config: `\nephemeral \"x_y\" \"z\" {}\n`}}}) }\n",
			want: []string{"TestAccLow uses an ephemeral block (Terraform >= 1.10.0) but skips only below 1.8.0"},
		},
		{
			name: "moved blocks: same type is fine, between types (or unreadable) needs 1.8",
			src: "func TestAccSameType(t *testing.T) { resource.Test(t, resource.TestCase{Steps: []resource.TestStep{{Config: `\nmoved {\n  from = x_y.a\n  to   = x_y.b\n}\n`}}}) }\n" +
				"func TestAccOtherType(t *testing.T) { resource.Test(t, resource.TestCase{Steps: []resource.TestStep{{Config: `\nmoved {\n  from = a_y.a\n  to   = x_y.a\n}\n`}}}) }\n" +
				"func TestAccFormatted(t *testing.T) { resource.Test(t, resource.TestCase{Steps: []resource.TestStep{{Config: \"moved {\\n  from = %s\\n  to   = %s\\n}\\n\"}}}) }\n",
			want: []string{"TestAccFormatted uses a moved block between resource types (Terraform >= 1.8.0)", "TestAccOtherType uses a moved block between resource types"},
		},
		{
			name: "removed block, provider function, list block, identity import",
			src: "func TestAccRemoved(t *testing.T) { resource.Test(t, resource.TestCase{Steps: []resource.TestStep{{Config: `\nremoved {\n  from = x_y.a\n}\n`}}}) }\n" +
				"func TestAccFunction(t *testing.T) { resource.Test(t, resource.TestCase{Steps: []resource.TestStep{{Config: `output \"o\" { value = provider::x::f(1) }`}}}) }\n" +
				"func TestAccList(t *testing.T) { resource.Test(t, resource.TestCase{Steps: []resource.TestStep{{Config: `\nlist \"x_y\" \"all\" {\n  provider = x\n}\n`}}}) }\n" +
				"func TestAccIdentity(t *testing.T) { resource.Test(t, resource.TestCase{Steps: []resource.TestStep{{ImportStateKind: resource.ImportBlockWithResourceIdentity}}}) }\n" +
				"func TestAccImportIdentity(t *testing.T) { resource.Test(t, resource.TestCase{Steps: []resource.TestStep{{Config: `\nimport {\n  to       = x_y.a\n  identity = { id = \"1\" }\n}\n`}}}) }\n",
			want: []string{
				"TestAccFunction uses a provider-defined function (Terraform >= 1.8.0)",
				"TestAccIdentity uses import by resource identity (Terraform >= 1.12.0)",
				"TestAccImportIdentity uses an import block by identity (Terraform >= 1.12.0)",
				"TestAccList uses a list block (terraform query) (Terraform >= 1.14.0)",
				"TestAccRemoved uses a removed block (Terraform >= 1.7.0)",
			},
		},
		{
			name: "the tfCLI harness: exec.Command makes an acceptance test, its skipBelow counts",
			src: "type cli struct{}\nfunc (c *cli) run(args ...string) { _ = exec.Command(\"terraform\", args...) }\nfunc (c *cli) skipBelow(t *testing.T, v any) {}\n" +
				"func TestAccCLI(t *testing.T) { c := &cli{}; c.skipBelow(t, tfversion.Version1_10_0); c.run(`ephemeral \"x_y\" \"z\" {}` + \"\\n\") }\n" +
				"func TestAccCLIForgets(t *testing.T) { c := &cli{}; c.run(\"x\", `\nephemeral \"x_y\" \"z\" {}\n`) }\n",
			want: []string{"TestAccCLIForgets uses an ephemeral block"},
		},
		{
			name: "configurations in files: a static directory, and testdata/<TestName>",
			src: "func TestAccDir(t *testing.T) { resource.Test(t, resource.TestCase{Steps: []resource.TestStep{{ConfigDirectory: config.StaticDirectory(\"testdata/moved\")}}}) }\n" +
				"func TestAccNamed(t *testing.T) { resource.Test(t, resource.TestCase{Steps: []resource.TestStep{{ConfigDirectory: config.TestNameDirectory()}}}) }\n" +
				"func TestAccMissing(t *testing.T) { resource.Test(t, resource.TestCase{Steps: []resource.TestStep{{ConfigFile: config.StaticFile(\"testdata/none.tf\")}}}) }\n",
			files: map[string]string{
				"testdata/moved/main.tf":           "moved {\n  from = a_b.x\n  to   = c_d.x\n}\n",
				"testdata/TestAccNamed/1/main.tf":  "removed {\n  from = a_b.x\n}\n",
				"testdata/TestAccUnused/1/main.tf": "ephemeral \"a_b\" \"x\" {}\n",
			},
			want: []string{
				"TestAccDir uses a moved block between resource types (Terraform >= 1.8.0)",
				"TestAccMissing: cannot read the configuration at testdata/none.tf",
				"TestAccNamed uses a removed block (Terraform >= 1.7.0)",
			},
		},
		{
			name: "a unit test may hold such text",
			src:  "func TestParse(t *testing.T) { _ = `\nephemeral \"x_y\" \"z\" {}\n` }\n",
		},
		{
			name: "a skip the check cannot read",
			src:  "var v = tfversion.Version1_10_0\nfunc TestAccVar(t *testing.T) { resource.Test(t, resource.TestCase{TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(v)}}) }\n",
			want: []string{"cannot read the version of this SkipBelow"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "x_test.go"), []byte(header+tc.src), 0o600); err != nil {
				t.Fatal(err)
			}
			for name, content := range tc.files {
				if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			problems, err := checkMinimumVersions(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) != len(tc.want) {
				t.Fatalf("%d problems, want %d:\n%s", len(problems), len(tc.want), strings.Join(problems, "\n"))
			}
			for i, w := range tc.want {
				if !strings.Contains(problems[i], w) {
					t.Errorf("problem %d: %s\nwant it to contain: %s", i, problems[i], w)
				}
			}
		})
	}
}
