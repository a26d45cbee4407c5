package provider

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Every example under examples/ that uses a provider other than this one declares it
// in required_providers with its source: without that, a copy of the example makes
// Terraform look for hashicorp/<name> (e.g. hashicorp/databricks instead of
// databricks/databricks). This provider's own snippets may rely on the provider page's
// required_providers block, as documentation snippets do.
func TestExamplesDeclareOtherProviders(t *testing.T) {
	dirs := map[string][]string{} // directory → its .tf files
	err := filepath.WalkDir("../../examples", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".tf") {
			dirs[filepath.Dir(p)] = append(dirs[filepath.Dir(p)], p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 20 {
		t.Fatalf("found %d example directories: is the path right?", len(dirs))
	}
	for dir, files := range dirs {
		used := map[string]string{}     // local provider name → where it is used
		declared := map[string]string{} // local provider name → source
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			file, diags := hclsyntax.ParseConfig(src, f, hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatalf("%s: %v", f, diags)
			}
			for _, b := range as[*hclsyntax.Body](t, file.Body).Blocks {
				switch {
				case b.Type == "provider" && len(b.Labels) == 1:
					used[b.Labels[0]] = f
				case (b.Type == "resource" || b.Type == "data" || b.Type == "ephemeral") && len(b.Labels) == 2:
					if name, _, _ := strings.Cut(b.Labels[0], "_"); name != "terraform" {
						used[name] = f
					}
				case b.Type == "terraform":
					for _, rp := range b.Body.Blocks {
						if rp.Type != "required_providers" {
							continue
						}
						for name, attr := range rp.Body.Attributes {
							declared[name] = sourceOf(attr)
						}
					}
				}
			}
		}
		var missing []string
		for name, where := range used {
			if name == "databricksoauth" {
				continue
			}
			if declared[name] == "" {
				missing = append(missing, name+" (used in "+filepath.Base(where)+")")
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("%s: providers used without a source in required_providers: %s", dir, strings.Join(missing, ", "))
		}
		if s, ok := declared["databricks"]; ok && s != "databricks/databricks" {
			t.Errorf("%s: the databricks provider's source is %q, want databricks/databricks", dir, s)
		}
	}
}

// sourceOf returns the literal source of a required_providers entry, or "".
func sourceOf(attr *hclsyntax.Attribute) string {
	obj, ok := attr.Expr.(*hclsyntax.ObjectConsExpr)
	if !ok {
		return ""
	}
	for _, item := range obj.Items {
		key, _ := item.KeyExpr.Value(nil)
		if key.Type() != cty.String || key.AsString() != "source" {
			continue
		}
		if v, diags := item.ValueExpr.Value(nil); !diags.HasErrors() && v.Type() == cty.String {
			return v.AsString()
		}
	}
	return ""
}
