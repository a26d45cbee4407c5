package validators

import (
	"strings"
	"testing"
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

// The warning names the scope in its summary and the known scope in its detail.
func TestScopeTypoWarning(t *testing.T) {
	summary, detail, ok := ScopeTypoWarning("all-api")
	if !ok || summary != `Possible typo in OAuth scope "all-api"` ||
		!strings.HasPrefix(detail, `"all-api" is not a known scope: did you mean "all-apis"?`) {
		t.Errorf("got %v %q %q", ok, summary, detail)
	}
	for _, scope := range []string{"all-apis", "clusters", ""} {
		if _, _, ok := ScopeTypoWarning(scope); ok {
			t.Errorf("%q: want no warning", scope)
		}
	}
}
