package models

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestSecretLifetimeToSDK(t *testing.T) {
	for name, tc := range map[string]struct {
		lifetime       types.String
		fallback, want string
	}{
		"configured":                 {types.StringValue("7776000s"), "3600s", "7776000s"},
		"null: the fallback":         {types.StringNull(), "3600s", "3600s"},
		"unknown (planned computed)": {types.StringUnknown(), "", ""},
		"null, server default":       {types.StringNull(), "", ""},
	} {
		if got := SecretLifetimeToSDK(tc.lifetime, tc.fallback); got != tc.want {
			t.Errorf("%s: got %q, want %q", name, got, tc.want)
		}
	}
}
