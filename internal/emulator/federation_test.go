package emulator_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/databricks/databricks-sdk-go/apierr"
	"github.com/databricks/databricks-sdk-go/service/oauth2"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

var uuidRe = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func accountPolicy(issuer string) oauth2.FederationPolicy {
	return oauth2.FederationPolicy{OidcPolicy: &oauth2.OidcFederationPolicy{Issuer: issuer}}
}

func TestAccountFederationPolicyCRUD(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := emulator.NewFakeClock(time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC))
	e, _, a := newAccount(t, emulator.Options{Clock: clock})
	acc := e.AccountID()

	p, err := a.FederationPolicy.Create(ctx, oauth2.CreateAccountFederationPolicyRequest{
		PolicyId: "my-policy",
		Policy: oauth2.FederationPolicy{Description: "d", OidcPolicy: &oauth2.OidcFederationPolicy{
			Issuer: "https://idp.example.com", Audiences: []string{"aud1"}, SubjectClaim: "email"}},
	})
	must(t, err)
	if p.PolicyId != "my-policy" || p.Name != "accounts/"+acc+"/federationPolicies/my-policy" || !uuidRe.MatchString(p.Uid) ||
		p.CreateTime != "2025-01-02T03:04:05.000Z" || p.UpdateTime != p.CreateTime || p.ServicePrincipalId != 0 ||
		p.Description != "d" || p.OidcPolicy.SubjectClaim != "email" {
		t.Fatalf("created: %+v", p)
	}

	gen, err := a.FederationPolicy.Create(ctx, oauth2.CreateAccountFederationPolicyRequest{Policy: accountPolicy("https://x.example")})
	must(t, err)
	if !regexp.MustCompile(`^[a-z0-9-]{1,63}$`).MatchString(gen.PolicyId) || !strings.HasSuffix(gen.Name, "/"+gen.PolicyId) {
		t.Fatalf("generated id: %+v", gen)
	}

	got, err := a.FederationPolicy.GetByPolicyId(ctx, "my-policy")
	must(t, err)
	if got.Uid != p.Uid || !slices.Equal(got.OidcPolicy.Audiences, []string{"aud1"}) {
		t.Fatalf("get: %+v", got)
	}
	list, err := a.FederationPolicy.ListAll(ctx, oauth2.ListAccountFederationPoliciesRequest{})
	must(t, err)
	if len(list) != 2 || list[0].PolicyId != "my-policy" || list[1].PolicyId != gen.PolicyId {
		t.Fatalf("list: %+v", list)
	}

	clock.Advance(time.Minute)
	upd, err := a.FederationPolicy.Update(ctx, oauth2.UpdateAccountFederationPolicyRequest{
		PolicyId: "my-policy", UpdateMask: "description", Policy: oauth2.FederationPolicy{Description: "new"}})
	must(t, err)
	if upd.Description != "new" || upd.UpdateTime != "2025-01-02T03:05:05.000Z" || upd.CreateTime != p.CreateTime ||
		upd.OidcPolicy.Issuer != "https://idp.example.com" {
		t.Fatalf("update: %+v", upd)
	}

	must(t, a.FederationPolicy.DeleteByPolicyId(ctx, "my-policy"))
	_, err = a.FederationPolicy.GetByPolicyId(ctx, "my-policy")
	wantErr(t, err, apierr.ErrResourceDoesNotExist)
	wantErr(t, a.FederationPolicy.DeleteByPolicyId(ctx, "my-policy"), apierr.ErrNotFound)
	_, err = a.FederationPolicy.Update(ctx, oauth2.UpdateAccountFederationPolicyRequest{PolicyId: "my-policy",
		Policy: accountPolicy("https://x.example")})
	wantErr(t, err, apierr.ErrNotFound)
}

func TestFederationPolicyValidation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, _, a := newAccount(t, emulator.Options{})
	create := func(id string, p oauth2.FederationPolicy) error {
		_, err := a.FederationPolicy.Create(ctx, oauth2.CreateAccountFederationPolicyRequest{PolicyId: id, Policy: p})
		return err
	}
	wantErrMsg(t, create("", oauth2.FederationPolicy{}), apierr.ErrInvalidParameterValue, "oidc_policy")
	wantErrMsg(t, create("", accountPolicy("http://insecure.example")), apierr.ErrInvalidParameterValue, "HTTPS")
	wantErrMsg(t, create("", accountPolicy("")), apierr.ErrInvalidParameterValue, "issuer")
	wantErrMsg(t, create("", oauth2.FederationPolicy{OidcPolicy: &oauth2.OidcFederationPolicy{
		Issuer: "https://idp.example", Subject: "x"}}), apierr.ErrInvalidParameterValue, "subject")
	wantErrMsg(t, create("", oauth2.FederationPolicy{OidcPolicy: &oauth2.OidcFederationPolicy{
		Issuer: "https://idp.example", JwksJson: "{not json"}}), apierr.ErrInvalidParameterValue, "jwks_json")
	for _, id := range []string{"Upper", "under_score", "with/slash", strings.Repeat("a", 64)} {
		err := create(id, accountPolicy("https://idp.example"))
		wantErrMsg(t, err, apierr.ErrInvalidParameterValue,
			fmt.Sprintf("Invalid federation policy id: '%s'. Must contain only 0-9, a-z, and hyphen.", id))
	}
	must(t, create(strings.Repeat("a", 63), accountPolicy("https://idp.example")))
	must(t, create("dup", accountPolicy("https://idp.example")))
	wantErr(t, create("dup", accountPolicy("https://idp.example")), apierr.ErrResourceAlreadyExists)
	wantErr(t, create("dup", accountPolicy("https://idp.example")), apierr.ErrResourceConflict)
	// 20 per scope: two exist, 18 more fit.
	for i := range 18 {
		must(t, create(fmt.Sprintf("p-%d", i), accountPolicy("https://idp.example")))
	}
	wantErrMsg(t, create("one-too-many", accountPolicy("https://idp.example")), apierr.ErrInvalidParameterValue, "20")
}

// update_mask semantics: no mask overwrites what the body carries, a mask sets
// exactly the named fields (clearing those the body lacks), "*" all mutable ones.
func TestFederationPolicyUpdateMask(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, _, a := newAccount(t, emulator.Options{})
	full := oauth2.FederationPolicy{Description: "desc", OidcPolicy: &oauth2.OidcFederationPolicy{
		Issuer: "https://idp.example", Audiences: []string{"a1", "a2"}, SubjectClaim: "email",
		JwksUri: "https://idp.example/jwks"}}
	reset := func() {
		_ = a.FederationPolicy.DeleteByPolicyId(ctx, "p")
		_, err := a.FederationPolicy.Create(ctx, oauth2.CreateAccountFederationPolicyRequest{PolicyId: "p", Policy: full})
		must(t, err)
	}
	update := func(mask string, p oauth2.FederationPolicy) (*oauth2.FederationPolicy, error) {
		req := oauth2.UpdateAccountFederationPolicyRequest{PolicyId: "p", UpdateMask: mask, Policy: p}
		if mask == "" {
			req.ForceSendFields = []string{"UpdateMask"} // sends ?update_mask= : same as absent
		}
		return a.FederationPolicy.Update(ctx, req)
	}

	// Single nested field: only audiences change.
	reset()
	got, err := update("oidc_policy.audiences", oauth2.FederationPolicy{OidcPolicy: &oauth2.OidcFederationPolicy{Audiences: []string{"b"}}})
	must(t, err)
	if o := got.OidcPolicy; !slices.Equal(o.Audiences, []string{"b"}) || o.Issuer != "https://idp.example" ||
		o.SubjectClaim != "email" || got.Description != "desc" {
		t.Fatalf("mask audiences: %+v %+v", got, o)
	}
	// Masked but absent from the body = cleared.
	got, err = update("description,oidc_policy.subject_claim", oauth2.FederationPolicy{OidcPolicy: &oauth2.OidcFederationPolicy{}})
	must(t, err)
	if got.Description != "" || got.OidcPolicy.SubjectClaim != "" || got.OidcPolicy.JwksUri == "" {
		t.Fatalf("mask clears: %+v %+v", got, got.OidcPolicy)
	}
	// Body fields outside the mask are ignored.
	reset()
	got, err = update("description", oauth2.FederationPolicy{Description: "x",
		OidcPolicy: &oauth2.OidcFederationPolicy{Issuer: "https://other.example"}})
	must(t, err)
	if got.Description != "x" || got.OidcPolicy.Issuer != "https://idp.example" {
		t.Fatalf("unmasked field applied: %+v", got)
	}
	// oidc_policy replaces the whole object.
	got, err = update("oidc_policy", oauth2.FederationPolicy{OidcPolicy: &oauth2.OidcFederationPolicy{Issuer: "https://new.example"}})
	must(t, err)
	if o := got.OidcPolicy; o.Issuer != "https://new.example" || len(o.Audiences) != 0 || o.JwksUri != "" || got.Description != "x" {
		t.Fatalf("mask oidc_policy: %+v", o)
	}
	// "*" replaces every mutable field.
	reset()
	got, err = update("*", oauth2.FederationPolicy{OidcPolicy: &oauth2.OidcFederationPolicy{Issuer: "https://star.example"}})
	must(t, err)
	if got.Description != "" || got.OidcPolicy.Issuer != "https://star.example" || got.OidcPolicy.SubjectClaim != "" {
		t.Fatalf("mask *: %+v", got)
	}
	// No mask: fields present in the body overwrite, absent ones stay.
	reset()
	got, err = update("", oauth2.FederationPolicy{OidcPolicy: &oauth2.OidcFederationPolicy{Issuer: "https://merge.example"}})
	must(t, err)
	if o := got.OidcPolicy; o.Issuer != "https://merge.example" || o.SubjectClaim != "email" || len(o.Audiences) != 2 || got.Description != "desc" {
		t.Fatalf("no mask: %+v %+v", got, o)
	}
	// Errors: unknown/output-only path, invalid result, name mismatch.
	for _, mask := range []string{"uid", "oidc_policy.nope", "name", "policy_id"} {
		_, err = update(mask, full)
		wantErrMsg(t, err, apierr.ErrInvalidParameterValue, "update_mask")
	}
	_, err = update("oidc_policy.issuer", oauth2.FederationPolicy{OidcPolicy: &oauth2.OidcFederationPolicy{Issuer: "http://plain.example"}})
	wantErr(t, err, apierr.ErrInvalidParameterValue)
	_, err = update("oidc_policy", oauth2.FederationPolicy{})
	wantErr(t, err, apierr.ErrInvalidParameterValue)
	_, err = update("description", oauth2.FederationPolicy{Name: "accounts/other/federationPolicies/p"})
	wantErrMsg(t, err, apierr.ErrInvalidParameterValue, "name")
	got, _ = a.FederationPolicy.GetByPolicyId(ctx, "p")
	if got.OidcPolicy.Issuer != "https://merge.example" {
		t.Fatalf("rejected updates changed the policy: %+v", got.OidcPolicy)
	}
}

// Output-only fields in bodies are ignored; a {"policy":...} wrapper is accepted.
func TestFederationPolicyBodyTolerance(t *testing.T) {
	t.Parallel()
	e, srv, _ := newAccount(t, emulator.Options{})
	base := "/api/2.0/accounts/" + e.AccountID() + "/federationPolicies"
	status, m := doJSON(t, srv, http.MethodPost, base+"?policy_id=wrapped",
		`{"policy":{"description":"w","oidc_policy":{"issuer":"https://idp.example"}}}`)
	if status != 200 || m["description"] != "w" {
		t.Fatalf("wrapped create: %d %v", status, m)
	}
	status, m = doJSON(t, srv, http.MethodPost, base+"?policy_id=echo",
		`{"policy_id":"ignored","uid":"fake","create_time":"2000-01-01T00:00:00Z","service_principal_id":7,
		  "name":"accounts/`+e.AccountID()+`/federationPolicies/echo","oidc_policy":{"issuer":"https://idp.example"}}`)
	if status != 200 || m["policy_id"] != "echo" || m["uid"] == "fake" || m["create_time"] == "2000-01-01T00:00:00Z" {
		t.Fatalf("output-only fields must be ignored: %d %v", status, m)
	}
	wantNoKeys(t, m, "service_principal_id")
	status, m = doJSON(t, srv, http.MethodPost, base+"?policy_id=bad-name",
		`{"name":"accounts/x/federationPolicies/other","oidc_policy":{"issuer":"https://idp.example"}}`)
	wantAPIError(t, status, m, 400, "INVALID_PARAMETER_VALUE")
	status, m = doJSON(t, srv, http.MethodPost, base, `{not json`)
	wantAPIError(t, status, m, 400, "MALFORMED_REQUEST")
	status, m = doJSON(t, srv, http.MethodPatch, base+"/wrapped?update_mask=description",
		`{"policy":{"description":"via wrapper"}}`)
	if status != 200 || m["description"] != "via wrapper" {
		t.Fatalf("wrapped update: %d %v", status, m)
	}
}

func TestServicePrincipalFederationPolicies(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, _, a := newAccount(t, emulator.Options{PageSize: 2})
	sp := emulator.DefaultServicePrincipals[0]
	mk := func(subject string) oauth2.FederationPolicy {
		return oauth2.FederationPolicy{OidcPolicy: &oauth2.OidcFederationPolicy{
			Issuer: "https://token.actions.githubusercontent.com", Subject: subject}}
	}
	_, err := a.ServicePrincipalFederationPolicy.Create(ctx, oauth2.CreateServicePrincipalFederationPolicyRequest{
		ServicePrincipalId: sp, Policy: mk("")})
	wantErrMsg(t, err, apierr.ErrInvalidParameterValue, "subject")
	_, err = a.ServicePrincipalFederationPolicy.Create(ctx, oauth2.CreateServicePrincipalFederationPolicyRequest{
		ServicePrincipalId: 999, Policy: mk("repo:x")})
	wantErr(t, err, apierr.ErrResourceDoesNotExist)

	var ids []string
	for i := range 5 {
		p, err := a.ServicePrincipalFederationPolicy.Create(ctx, oauth2.CreateServicePrincipalFederationPolicyRequest{
			ServicePrincipalId: sp, PolicyId: fmt.Sprintf("gh-%d", i), Policy: mk("repo:org/repo:ref:refs/heads/main")})
		must(t, err)
		if p.ServicePrincipalId != sp || p.Name != fmt.Sprintf("accounts/%s/servicePrincipals/%d/federationPolicies/gh-%d", e.AccountID(), sp, i) {
			t.Fatalf("sp policy: %+v", p)
		}
		ids = append(ids, p.PolicyId)
	}
	// Same id under another SP is a different policy.
	_, err = a.ServicePrincipalFederationPolicy.Create(ctx, oauth2.CreateServicePrincipalFederationPolicyRequest{
		ServicePrincipalId: 1002, PolicyId: "gh-0", Policy: mk("repo:other")})
	must(t, err)
	_, err = a.ServicePrincipalFederationPolicy.Create(ctx, oauth2.CreateServicePrincipalFederationPolicyRequest{
		ServicePrincipalId: sp, PolicyId: "gh-0", Policy: mk("repo:other")})
	wantErr(t, err, apierr.ErrResourceAlreadyExists)

	all, err := a.ServicePrincipalFederationPolicy.ListAll(ctx, oauth2.ListServicePrincipalFederationPoliciesRequest{ServicePrincipalId: sp})
	must(t, err)
	var gotIDs []string
	for _, p := range all {
		gotIDs = append(gotIDs, p.PolicyId)
	}
	if !slices.Equal(gotIDs, ids) {
		t.Fatalf("ListAll over pages: %v, want %v", gotIDs, ids)
	}
	first, err := a.ServicePrincipalFederationPolicy.ListByServicePrincipalId(ctx, sp)
	must(t, err)
	if len(first.Policies) != 2 || first.NextPageToken == "" {
		t.Fatalf("first page: %+v", first)
	}
	// SP policies never appear in the account list.
	acct, err := a.FederationPolicy.ListAll(ctx, oauth2.ListAccountFederationPoliciesRequest{})
	must(t, err)
	if len(acct) != 0 {
		t.Fatalf("account list has %d SP policies", len(acct))
	}

	upd, err := a.ServicePrincipalFederationPolicy.Update(ctx, oauth2.UpdateServicePrincipalFederationPolicyRequest{
		ServicePrincipalId: sp, PolicyId: "gh-1", UpdateMask: "oidc_policy.subject",
		Policy: mk("repo:org/repo:environment:prod")})
	must(t, err)
	if upd.OidcPolicy.Subject != "repo:org/repo:environment:prod" {
		t.Fatalf("sp update: %+v", upd.OidcPolicy)
	}
	_, err = a.ServicePrincipalFederationPolicy.Update(ctx, oauth2.UpdateServicePrincipalFederationPolicyRequest{
		ServicePrincipalId: sp, PolicyId: "gh-1", UpdateMask: "oidc_policy.subject", Policy: mk("")})
	wantErrMsg(t, err, apierr.ErrInvalidParameterValue, "subject")

	must(t, a.ServicePrincipalFederationPolicy.DeleteByServicePrincipalIdAndPolicyId(ctx, sp, "gh-1"))
	_, err = a.ServicePrincipalFederationPolicy.GetByServicePrincipalIdAndPolicyId(ctx, sp, "gh-1")
	wantErr(t, err, apierr.ErrNotFound)
	if _, ok := e.ServicePrincipalPolicy(1002, "gh-0"); !ok {
		t.Fatal("other SP's policy must survive")
	}
	_, err = a.ServicePrincipalFederationPolicy.GetByServicePrincipalIdAndPolicyId(ctx, 999, "gh-0")
	wantErr(t, err, apierr.ErrResourceDoesNotExist)

	// 20 per service principal: 4 exist (gh-0, gh-2..4), 16 more fit.
	for i := 5; i < 21; i++ {
		_, err = a.ServicePrincipalFederationPolicy.Create(ctx, oauth2.CreateServicePrincipalFederationPolicyRequest{
			ServicePrincipalId: sp, PolicyId: fmt.Sprintf("gh-%d", i), Policy: mk("repo:x")})
		must(t, err)
	}
	_, err = a.ServicePrincipalFederationPolicy.Create(ctx, oauth2.CreateServicePrincipalFederationPolicyRequest{
		ServicePrincipalId: sp, PolicyId: "gh-21", Policy: mk("repo:x")})
	wantErrMsg(t, err, apierr.ErrInvalidParameterValue, "maximum of 20")
}

func TestFederationOutOfBand(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, _, a := newAccount(t, emulator.Options{})
	_, err := a.FederationPolicy.Create(ctx, oauth2.CreateAccountFederationPolicyRequest{PolicyId: "p", Policy: accountPolicy("https://idp.example")})
	must(t, err)
	if !e.UpdateAccountPolicy("p", func(p *emulator.FederationPolicy) { p.Description = "drift"; p.PolicyID = "hijack" }) {
		t.Fatal("update")
	}
	got, err := a.FederationPolicy.GetByPolicyId(ctx, "p")
	must(t, err)
	if got.Description != "drift" {
		t.Fatalf("drift not visible: %+v", got)
	}
	if !e.DeleteAccountPolicy("p") || e.DeleteAccountPolicy("p") {
		t.Fatal("delete")
	}
	_, err = a.FederationPolicy.GetByPolicyId(ctx, "p")
	wantErr(t, err, apierr.ErrNotFound)
}
