package acctest

import (
	"slices"
	"strings"
	"testing"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// The variant matrix: the emulator can play every plausible answer to what no
// recording of the real service decides (emulator.Variants), and
// each resource's lifecycle test runs under every variant that can affect it
// (Matrix). Variants are combined into a few profiles, one emulator each, to keep
// `make test` short; adding a variant is one entry in Variants, and every
// lifecycle test of the kinds it affects then runs under it.

// Kind is an object type whose lifecycle runs in the matrix.
type Kind string

// The object types.
const (
	CustomApp              Kind = "custom_app_integration"
	PublishedApp           Kind = "published_app_integration"
	AccountPolicy          Kind = "account_federation_policy"
	ServicePrincipalPolicy Kind = "service_principal_federation_policy"
	Secret                 Kind = "service_principal_secret"
)

// Kinds lists every object type.
var Kinds = []Kind{CustomApp, PublishedApp, AccountPolicy, ServicePrincipalPolicy, Secret}

// Variant is one answer the real service may give where the emulator's default is
// a guess.
type Variant struct {
	// Name names the variant in the subtest names of every test run under it.
	Name string
	// Profile is the profile that plays it with others. Variants that set the same
	// option differently must be in different profiles (TestProfiles checks it).
	Profile string
	// Affects lists the object types whose lifecycle the variant can change; nil
	// means every type.
	Affects []Kind
	// Apply sets the variant on the emulator's options.
	Apply func(*emulator.Options)
}

var (
	policies     = []Kind{AccountPolicy, ServicePrincipalPolicy}
	integrations = []Kind{CustomApp, PublishedApp}
	listed       = []Kind{CustomApp, AccountPolicy, ServicePrincipalPolicy} // objects with list fields
)

// Profile names.
const (
	DefaultProfile = "default"
	echoProfile    = "echo-everything"
	strictProfile  = "strict"
	workspaceHost  = "workspace-host"
)

// Variants is every variant the matrix plays, beyond the emulator's defaults.
var Variants = []Variant{
	{"subject-claim-echoed", echoProfile, policies, func(o *emulator.Options) { o.EchoSubjectClaim = true }},
	{"absolute-lifetime-always", echoProfile, integrations, func(o *emulator.Options) { o.AbsoluteLifetime = emulator.AbsoluteLifetimeAlways }},
	{"lists-sorted", echoProfile, listed, func(o *emulator.Options) { o.SortLists = true }},
	{"lists-deduplicated", echoProfile, listed, func(o *emulator.Options) { o.DedupLists = true }},
	{"jwks-reserialized", echoProfile, policies, func(o *emulator.Options) { o.ReserializeJWKS = true }},
	{"first-page-short", echoProfile, nil, func(o *emulator.Options) { o.ShortFirstPage = true }},
	{"default-apps-uuid", echoProfile, []Kind{PublishedApp}, func(o *emulator.Options) { o.DefaultApps = emulator.DefaultAppsUUID }},

	{"absolute-lifetime-never", strictProfile, integrations, func(o *emulator.Options) { o.AbsoluteLifetime = emulator.AbsoluteLifetimeNever }},
	{"update-mask-required", strictProfile, policies, func(o *emulator.Options) { o.RequireUpdateMask = true }},
	{"unknown-fields-rejected", strictProfile, nil, func(o *emulator.Options) { o.RejectUnknownFields = true }},
	{"host-metadata-absent", strictProfile, nil, func(o *emulator.Options) { o.HostType = emulator.HostTypeNone }},
	{"default-apps-none", strictProfile, []Kind{PublishedApp}, func(o *emulator.Options) { o.DefaultApps = emulator.DefaultAppsNone }},

	// A workspace host only serves secrets (through the proxy API), and its metadata
	// names the account, as real workspace hosts' does.
	{"workspace-metadata-with-account-id", workspaceHost, []Kind{Secret}, func(o *emulator.Options) {
		o.HostType = emulator.HostTypeWorkspace
		o.WorkspaceMetadataAccountID = true
	}},
}

// Profile is a set of variants played together by one emulator. The default
// profile has none: the emulator's own guesses.
type Profile struct {
	Name     string
	Variants []Variant
}

// Profiles returns the default profile, then one per Variant.Profile in order of
// first appearance.
func Profiles() []Profile {
	out := []Profile{{Name: DefaultProfile}}
	for _, v := range Variants {
		i := slices.IndexFunc(out, func(p Profile) bool { return p.Name == v.Profile })
		if i < 0 {
			out = append(out, Profile{Name: v.Profile})
			i = len(out) - 1
		}
		out[i].Variants = append(out[i].Variants, v)
	}
	return out
}

// Apply sets every variant of the profile.
func (p Profile) Apply(o *emulator.Options) {
	for _, v := range p.Variants {
		v.Apply(o)
	}
}

// For returns the profile's variants that can affect kind.
func (p Profile) For(kind Kind) []Variant {
	var out []Variant
	for _, v := range p.Variants {
		if v.Affects == nil || slices.Contains(v.Affects, kind) {
			out = append(out, v)
		}
	}
	return out
}

// SubtestName is the profile's name and the names of its variants that can affect
// kind, e.g. "strict=unknown-fields-rejected+host-metadata-absent".
func (p Profile) SubtestName(kind Kind) string {
	vs := p.For(kind)
	if len(vs) == 0 {
		return p.Name
	}
	names := make([]string, len(vs))
	for i, v := range vs {
		names[i] = v.Name
	}
	return p.Name + "=" + strings.Join(names, "+")
}

// Kinds returns the object types the profile can run: every type for the default
// profile, else those one of its variants affects.
func (p Profile) Kinds() []Kind {
	var out []Kind
	for _, k := range Kinds {
		if p.Name == DefaultProfile || len(p.For(k)) > 0 {
			out = append(out, k)
		}
	}
	return out
}

// String is the profile's name and the names of all its variants, e.g.
// "workspace-host=workspace-metadata-with-account-id".
func (p Profile) String() string {
	names := make([]string, len(p.Variants))
	for i, v := range p.Variants {
		names[i] = v.Name
	}
	if len(names) == 0 {
		return p.Name
	}
	return p.Name + "=" + strings.Join(names, "+")
}

// ProfilesFor returns the profiles a test of kind runs under: the default one, and
// every other that has a variant affecting kind. Against a real account, only the
// default one (the real service plays its own answers).
func ProfilesFor(kind Kind) []Profile {
	var out []Profile
	for _, p := range Profiles() {
		if p.Name == DefaultProfile || (!Live() && len(p.For(kind)) > 0) {
			out = append(out, p)
		}
	}
	return out
}

// Matrix runs test once per profile of ProfilesFor(kind), as subtests named by
// SubtestName, each with its own target (a fresh emulator playing the profile).
// test runs the lifecycle with resource.ParallelTest, so the subtests run in
// parallel, and so does t (see ForEachFederationScope). modify may change the
// emulator options further, after the profile.
func Matrix(t *testing.T, kind Kind, test func(t *testing.T, tg *Target), modify ...func(*emulator.Options)) {
	t.Helper()
	t.Parallel()
	for _, p := range ProfilesFor(kind) {
		t.Run(p.SubtestName(kind), func(t *testing.T) {
			test(t, New(t, append([]func(*emulator.Options){p.Apply}, modify...)...))
		})
	}
}
