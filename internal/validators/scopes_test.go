package validators

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestLikelyMeant(t *testing.T) {
	for scope, want := range map[string]string{
		// Typos of known scopes: named.
		"all-api":        "all-apis",
		"all_apis":       "all-apis",
		"allapis":        "all-apis",
		"all-aips":       "all-apis", // transposition
		"ALL-APIS":       "all-apis", // case
		"offline_acess":  "offline_access",
		"offline-access": "offline_access",
		"ofline_acess":   "offline_access",
		"opneid":         "openid",
		"open-id":        "openid",
		"profil":         "profile",
		"emial":          "email",
		"emails":         "email",
		"sq":             "sql",
		"SQL":            "sql",
		"sqll":           "sql",
		// Known scopes, and well-formed unknown ones (granular scopes): silent.
		"all-apis":       "",
		"sql":            "",
		"offline_access": "",
		"openid":         "",
		"profile":        "",
		"email":          "",
		"clusters":       "",
		"jobs":           "",
		"unity-catalog":  "",
		"dashboards":     "",
		"vectorsearch":   "",
		"iam":            "", // 3 letters from sql, but only 1 edit is allowed for it
		"ml":             "",
		"all":            "",
		"apis":           "",
		"offline":        "",
		"":               "",
	} {
		got, ok := LikelyMeant(scope)
		if got != want || ok != (want != "") {
			t.Errorf("LikelyMeant(%q) = %q, %v; want %q", scope, got, ok, want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"abc", "abc", 0}, {"abc", "acb", 1},
		{"kitten", "sitting", 3}, {"offline_acess", "offline_access", 1}, {"ca", "abc", 3},
	} {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

// The validator warns, never fails, and names the known scope and the attribute.
func TestScopeTypoWarns(t *testing.T) {
	p := path.Root("scopes").AtSetValue(types.StringValue("all-api"))
	var resp validator.StringResponse
	ScopeTypo().ValidateString(context.Background(), validator.StringRequest{Path: p, ConfigValue: types.StringValue("all-api")}, &resp)
	if resp.Diagnostics.HasError() || resp.Diagnostics.WarningsCount() != 1 {
		t.Fatalf("want one warning, got %v", resp.Diagnostics)
	}
	d := resp.Diagnostics[0]
	if got := d.Detail(); !strings.Contains(got, `"all-api" is not a known scope: did you mean "all-apis"?`) {
		t.Errorf("detail %q does not name the known scope", got)
	}
	for _, v := range []types.String{types.StringValue("all-apis"), types.StringValue("clusters"), types.StringNull(), types.StringUnknown()} {
		var r validator.StringResponse
		ScopeTypo().ValidateString(context.Background(), validator.StringRequest{Path: p, ConfigValue: v}, &r)
		if len(r.Diagnostics) != 0 {
			t.Errorf("%v: want no diagnostic, got %v", v, r.Diagnostics)
		}
	}
}
