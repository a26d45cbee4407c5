package emulator_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/databricks/databricks-sdk-go/apierr"
	"github.com/databricks/databricks-sdk-go/client"
	"github.com/databricks/databricks-sdk-go/config"
	"github.com/databricks/databricks-sdk-go/service/oauth2"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

func TestCustomAppCRUD(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := emulator.NewFakeClock(time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC))
	e, _, a := newAccount(t, emulator.Options{Clock: clock})

	pub, err := a.CustomAppIntegration.Create(ctx, oauth2.CreateCustomAppIntegration{
		Name: "public", RedirectUrls: []string{"http://localhost:8080"}, Scopes: []string{"all-apis"},
	})
	must(t, err)
	if pub.IntegrationId == "" || pub.ClientId == "" || pub.ClientSecret != "" {
		t.Fatalf("public app create output: %+v", pub)
	}

	conf, err := a.CustomAppIntegration.Create(ctx, oauth2.CreateCustomAppIntegration{
		Name: "conf", Confidential: true, RedirectUrls: []string{"https://example.com/cb"},
		Scopes: []string{"all-apis", "offline_access", "sql"}, UserAuthorizedScopes: []string{"sql"},
		TokenAccessPolicy: &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 60, RefreshTokenTtlInMinutes: 1440},
	})
	must(t, err)
	if len(conf.ClientSecret) != 36 || conf.ClientSecret[:4] != "dose" {
		t.Fatalf("confidential app secret %q", conf.ClientSecret)
	}

	got, err := a.CustomAppIntegration.GetByIntegrationId(ctx, conf.IntegrationId)
	must(t, err)
	if got.Name != "conf" || !got.Confidential || got.ClientId != conf.ClientId ||
		!slices.Equal(got.Scopes, []string{"all-apis", "offline_access", "sql"}) ||
		!slices.Equal(got.UserAuthorizedScopes, []string{"sql"}) ||
		got.TokenAccessPolicy == nil || got.TokenAccessPolicy.AccessTokenTtlInMinutes != 60 ||
		got.TokenAccessPolicy.RefreshTokenTtlInMinutes != 1440 || got.TokenAccessPolicy.AbsoluteSessionLifetimeInMinutes != 0 {
		t.Fatalf("get: %+v", got)
	}
	if got.CreateTime != "2025-03-01T12:00:00.000Z" || got.CreatedBy != emulator.DefaultCreatedBy ||
		got.CreatorUsername != emulator.DefaultCreatorUsername {
		t.Fatalf("server fields: %+v", got)
	}
	stored, _ := e.CustomApp(conf.IntegrationId)
	if stored.ClientSecret != conf.ClientSecret {
		t.Fatal("stored secret differs from create output")
	}

	// List: creation order; creator_username only on request.
	apps, err := a.CustomAppIntegration.ListAll(ctx, oauth2.ListCustomAppIntegrationsRequest{})
	must(t, err)
	if len(apps) != 2 || apps[0].IntegrationId != pub.IntegrationId || apps[1].CreatorUsername != "" {
		t.Fatalf("list: %+v", apps)
	}
	apps, err = a.CustomAppIntegration.ListAll(ctx, oauth2.ListCustomAppIntegrationsRequest{IncludeCreatorUsername: true})
	must(t, err)
	if apps[1].CreatorUsername != emulator.DefaultCreatorUsername {
		t.Fatalf("list with creator: %+v", apps[1])
	}

	// Partial update: only token_access_policy is sent; lists stay.
	must(t, a.CustomAppIntegration.Update(ctx, oauth2.UpdateCustomAppIntegration{
		IntegrationId:     conf.IntegrationId,
		TokenAccessPolicy: &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 30},
	}))
	got, err = a.CustomAppIntegration.GetByIntegrationId(ctx, conf.IntegrationId)
	must(t, err)
	if got.TokenAccessPolicy.AccessTokenTtlInMinutes != 30 || got.TokenAccessPolicy.RefreshTokenTtlInMinutes != 0 ||
		len(got.Scopes) != 3 || len(got.RedirectUrls) != 1 {
		t.Fatalf("after partial update: %+v %+v", got, got.TokenAccessPolicy)
	}
	// Lists replace, never append.
	must(t, a.CustomAppIntegration.Update(ctx, oauth2.UpdateCustomAppIntegration{
		IntegrationId: conf.IntegrationId, RedirectUrls: []string{"https://a.example/cb", "https://b.example/cb"},
	}))
	got, _ = a.CustomAppIntegration.GetByIntegrationId(ctx, conf.IntegrationId)
	if !slices.Equal(got.RedirectUrls, []string{"https://a.example/cb", "https://b.example/cb"}) {
		t.Fatalf("redirect_urls: %v", got.RedirectUrls)
	}

	must(t, a.CustomAppIntegration.DeleteByIntegrationId(ctx, pub.IntegrationId))
	_, err = a.CustomAppIntegration.GetByIntegrationId(ctx, pub.IntegrationId)
	wantErr(t, err, apierr.ErrResourceDoesNotExist)
	if !apierr.IsMissing(err) {
		t.Fatal("IsMissing must be true")
	}
	wantErr(t, a.CustomAppIntegration.DeleteByIntegrationId(ctx, pub.IntegrationId), apierr.ErrNotFound)
	wantErr(t, a.CustomAppIntegration.Update(ctx, oauth2.UpdateCustomAppIntegration{IntegrationId: "nope"}), apierr.ErrNotFound)
}

// A list can only be emptied with a raw PATCH: the typed SDK drops empty slices.
func TestCustomAppRawPatchClearsLists(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, srv, a := newAccount(t, emulator.Options{})
	created, err := a.CustomAppIntegration.Create(ctx, oauth2.CreateCustomAppIntegration{
		Name: "x", RedirectUrls: []string{"https://example.com/cb"}, Scopes: []string{"sql", "offline_access"},
		UserAuthorizedScopes: []string{"sql"},
	})
	must(t, err)
	c, err := client.New((*config.Config)(accountConfig(srv.URL, e.AccountID(), e.Token())))
	must(t, err)
	path := "/api/2.0/accounts/" + e.AccountID() + "/oauth2/custom-app-integrations/" + created.IntegrationId
	body := map[string]any{"redirect_urls": []string{}, "user_authorized_scopes": []string{},
		"name": "renamed", "confidential": true}
	must(t, c.Do(ctx, http.MethodPatch, path, nil, nil, body, nil))

	got, err := a.CustomAppIntegration.GetByIntegrationId(ctx, created.IntegrationId)
	must(t, err)
	if len(got.RedirectUrls) != 0 || len(got.UserAuthorizedScopes) != 0 {
		t.Fatalf("lists not cleared: %+v", got)
	}
	if !slices.Equal(got.Scopes, []string{"sql", "offline_access"}) {
		t.Fatalf("absent key must stay unchanged: %v", got.Scopes)
	}
	if got.Name != "x" || got.Confidential {
		t.Fatalf("name/confidential must be ignored on PATCH: %+v", got)
	}
	// The body on the wire really carried the empty list.
	muts := e.MutatingRequests()
	if last := string(muts[len(muts)-1].Body); !strings.Contains(last, `"redirect_urls":[]`) {
		t.Fatalf("raw body %s", last)
	}
}

func TestCustomAppValidation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, _, a := newAccount(t, emulator.Options{})
	cases := []struct {
		name string
		req  oauth2.CreateCustomAppIntegration
		msg  string
	}{
		{"access too low", oauth2.CreateCustomAppIntegration{Name: "a",
			TokenAccessPolicy: &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 4}}, "access_token_ttl_in_minutes"},
		{"access too high", oauth2.CreateCustomAppIntegration{Name: "a",
			TokenAccessPolicy: &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 1441}}, "access_token_ttl_in_minutes"},
		{"refresh too high", oauth2.CreateCustomAppIntegration{Name: "a",
			TokenAccessPolicy: &oauth2.TokenAccessPolicy{RefreshTokenTtlInMinutes: 129601}}, "refresh_token_ttl_in_minutes"},
		{"refresh below access", oauth2.CreateCustomAppIntegration{Name: "a",
			TokenAccessPolicy: &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 60, RefreshTokenTtlInMinutes: 30}}, "must not be less"},
		{"absolute without rotation", oauth2.CreateCustomAppIntegration{Name: "a",
			TokenAccessPolicy: &oauth2.TokenAccessPolicy{AbsoluteSessionLifetimeInMinutes: 600}}, "enable_single_use_refresh_tokens"},
		{"user scopes not subset", oauth2.CreateCustomAppIntegration{Name: "a", Scopes: []string{"sql"},
			UserAuthorizedScopes: []string{"all-apis"}}, "subset"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := a.CustomAppIntegration.Create(ctx, tc.req)
			wantErrMsg(t, err, apierr.ErrInvalidParameterValue, tc.msg)
		})
	}
	apps, _ := a.CustomAppIntegration.ListAll(ctx, oauth2.ListCustomAppIntegrationsRequest{})
	if len(apps) != 0 {
		t.Fatalf("rejected creates must not store anything: %d apps", len(apps))
	}

	// Same rules on update; a rejected update changes nothing.
	ok, err := a.CustomAppIntegration.Create(ctx, oauth2.CreateCustomAppIntegration{Name: "ok", Scopes: []string{"sql"}})
	must(t, err)
	err = a.CustomAppIntegration.Update(ctx, oauth2.UpdateCustomAppIntegration{IntegrationId: ok.IntegrationId,
		Scopes: []string{"all-apis"}, UserAuthorizedScopes: []string{"sql"}})
	wantErr(t, err, apierr.ErrInvalidParameterValue)
	err = a.CustomAppIntegration.Update(ctx, oauth2.UpdateCustomAppIntegration{IntegrationId: ok.IntegrationId,
		TokenAccessPolicy: &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 2000}})
	wantErr(t, err, apierr.ErrInvalidParameterValue)
	got, _ := a.CustomAppIntegration.GetByIntegrationId(ctx, ok.IntegrationId)
	if !slices.Equal(got.Scopes, []string{"sql"}) || got.TokenAccessPolicy != nil {
		t.Fatalf("rejected update changed the app: %+v", got)
	}
}

// The server reports absolute_session_lifetime_in_minutes when rotation is on
// even if never set, and rejects it when rotation is off, as the real API does.
func TestAbsoluteSessionLifetimeDrift(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, _, a := newAccount(t, emulator.Options{})
	created, err := a.CustomAppIntegration.Create(ctx, oauth2.CreateCustomAppIntegration{Name: "rot",
		TokenAccessPolicy: &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 60, RefreshTokenTtlInMinutes: 1440,
			EnableSingleUseRefreshTokens: true}})
	must(t, err)
	got, _ := a.CustomAppIntegration.GetByIntegrationId(ctx, created.IntegrationId)
	if got.TokenAccessPolicy.AbsoluteSessionLifetimeInMinutes != emulator.DefaultAbsoluteSessionLifetimeMinutes {
		t.Fatalf("want default absolute lifetime, got %+v", got.TokenAccessPolicy)
	}
	// Echoing the server value back with rotation off is what breaks naive clients.
	err = a.CustomAppIntegration.Update(ctx, oauth2.UpdateCustomAppIntegration{IntegrationId: created.IntegrationId,
		TokenAccessPolicy: &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 60, RefreshTokenTtlInMinutes: 1440,
			AbsoluteSessionLifetimeInMinutes: got.TokenAccessPolicy.AbsoluteSessionLifetimeInMinutes,
			ForceSendFields:                  []string{"EnableSingleUseRefreshTokens"}}})
	wantErr(t, err, apierr.ErrInvalidParameterValue)
	// Turning rotation off properly replaces the whole policy.
	must(t, a.CustomAppIntegration.Update(ctx, oauth2.UpdateCustomAppIntegration{IntegrationId: created.IntegrationId,
		TokenAccessPolicy: &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 60, RefreshTokenTtlInMinutes: 1440,
			ForceSendFields: []string{"EnableSingleUseRefreshTokens"}}}))
	got, _ = a.CustomAppIntegration.GetByIntegrationId(ctx, created.IntegrationId)
	if p := got.TokenAccessPolicy; p.EnableSingleUseRefreshTokens || p.AbsoluteSessionLifetimeInMinutes != 0 {
		t.Fatalf("rotation off: %+v", p)
	}
	// An explicit value is kept.
	must(t, a.CustomAppIntegration.Update(ctx, oauth2.UpdateCustomAppIntegration{IntegrationId: created.IntegrationId,
		TokenAccessPolicy: &oauth2.TokenAccessPolicy{EnableSingleUseRefreshTokens: true, AbsoluteSessionLifetimeInMinutes: 43200}}))
	got, _ = a.CustomAppIntegration.GetByIntegrationId(ctx, created.IntegrationId)
	if got.TokenAccessPolicy.AbsoluteSessionLifetimeInMinutes != 43200 {
		t.Fatalf("explicit absolute: %+v", got.TokenAccessPolicy)
	}
}

func TestPublishedIntegrations(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, _, a := newAccount(t, emulator.Options{PageSize: 2})

	// Defaults are enabled with integration_id == app_id, across pages.
	all, err := a.PublishedAppIntegration.ListAll(ctx, oauth2.ListPublishedAppIntegrationsRequest{})
	must(t, err)
	var ids []string
	for _, p := range all {
		if p.IntegrationId != p.AppId || p.Name == "" {
			t.Errorf("default integration %+v", p)
		}
		ids = append(ids, p.IntegrationId)
	}
	if !slices.Equal(ids, emulator.DefaultEnabledApps) {
		t.Fatalf("defaults %v, want %v", ids, emulator.DefaultEnabledApps)
	}
	pbi, err := a.PublishedAppIntegration.GetByIntegrationId(ctx, "power-bi")
	must(t, err)
	if pbi.Name != "Power BI Desktop" || pbi.AppId != "power-bi" {
		t.Fatalf("power-bi: %+v", pbi)
	}

	// Second integration for an enabled app conflicts, naming the existing one.
	_, err = a.PublishedAppIntegration.Create(ctx, oauth2.CreatePublishedAppIntegration{AppId: "power-bi"})
	wantErrMsg(t, err, apierr.ErrResourceAlreadyExists, "integration_id 'power-bi'")
	_, err = a.PublishedAppIntegration.Create(ctx, oauth2.CreatePublishedAppIntegration{AppId: "no-such-app"})
	wantErrMsg(t, err, apierr.ErrInvalidParameterValue, "no-such-app")
	_, err = a.PublishedAppIntegration.Create(ctx, oauth2.CreatePublishedAppIntegration{})
	wantErr(t, err, apierr.ErrInvalidParameterValue)
	_, err = a.PublishedAppIntegration.Create(ctx, oauth2.CreatePublishedAppIntegration{AppId: "dbt-cloud",
		TokenAccessPolicy: &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 3}})
	wantErr(t, err, apierr.ErrInvalidParameterValue)

	created, err := a.PublishedAppIntegration.Create(ctx, oauth2.CreatePublishedAppIntegration{AppId: "dbt-cloud",
		TokenAccessPolicy: &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 60, RefreshTokenTtlInMinutes: 600}})
	must(t, err)
	got, err := a.PublishedAppIntegration.GetByIntegrationId(ctx, created.IntegrationId)
	must(t, err)
	if got.Name != "dbt Cloud" || got.AppId != "dbt-cloud" || got.TokenAccessPolicy.RefreshTokenTtlInMinutes != 600 ||
		got.CreateTime == "" || got.CreatedBy != emulator.DefaultCreatedBy {
		t.Fatalf("created: %+v", got)
	}

	// PATCH with nil policy sends {} and changes nothing; with a policy replaces it.
	must(t, a.PublishedAppIntegration.Update(ctx, oauth2.UpdatePublishedAppIntegration{IntegrationId: created.IntegrationId}))
	got, _ = a.PublishedAppIntegration.GetByIntegrationId(ctx, created.IntegrationId)
	if got.TokenAccessPolicy == nil || got.TokenAccessPolicy.AccessTokenTtlInMinutes != 60 {
		t.Fatalf("empty PATCH changed policy: %+v", got.TokenAccessPolicy)
	}
	must(t, a.PublishedAppIntegration.Update(ctx, oauth2.UpdatePublishedAppIntegration{IntegrationId: created.IntegrationId,
		TokenAccessPolicy: &oauth2.TokenAccessPolicy{RefreshTokenTtlInMinutes: 90}}))
	got, _ = a.PublishedAppIntegration.GetByIntegrationId(ctx, created.IntegrationId)
	if p := got.TokenAccessPolicy; p.AccessTokenTtlInMinutes != 0 || p.RefreshTokenTtlInMinutes != 90 {
		t.Fatalf("policy must be replaced whole: %+v", p)
	}
	wantErr(t, a.PublishedAppIntegration.Update(ctx, oauth2.UpdatePublishedAppIntegration{IntegrationId: created.IntegrationId,
		TokenAccessPolicy: &oauth2.TokenAccessPolicy{AbsoluteSessionLifetimeInMinutes: 100}}), apierr.ErrInvalidParameterValue)

	must(t, a.PublishedAppIntegration.DeleteByIntegrationId(ctx, created.IntegrationId))
	_, err = a.PublishedAppIntegration.GetByIntegrationId(ctx, created.IntegrationId)
	wantErr(t, err, apierr.ErrNotFound)
	wantErr(t, a.PublishedAppIntegration.DeleteByIntegrationId(ctx, created.IntegrationId), apierr.ErrNotFound)
	wantErr(t, a.PublishedAppIntegration.Update(ctx, oauth2.UpdatePublishedAppIntegration{IntegrationId: "gone"}), apierr.ErrNotFound)

	// Disabling a default app and enabling it again works.
	if !e.DeletePublishedIntegration("tableau-desktop") {
		t.Fatal("out-of-band delete")
	}
	again, err := a.PublishedAppIntegration.Create(ctx, oauth2.CreatePublishedAppIntegration{AppId: "tableau-desktop"})
	must(t, err)
	if p, ok := e.PublishedIntegration(again.IntegrationId); !ok || p.Name != "Tableau Desktop" {
		t.Fatalf("re-enabled: %+v", p)
	}
}

func TestPublishedAppsCatalog(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, srv, a := newAccount(t, emulator.Options{PageSize: 2})
	apps, err := a.OAuthPublishedApps.ListAll(ctx, oauth2.ListOAuthPublishedAppsRequest{})
	must(t, err)
	if len(apps) != len(e.PublishedApps()) || len(apps) < 8 {
		t.Fatalf("catalog has %d apps", len(apps))
	}
	byID := map[string]oauth2.PublishedAppOutput{}
	for _, app := range apps {
		byID[app.AppId] = app
		if app.IsConfidentialClient || app.ClientId == "" || app.Name == "" || len(app.Scopes) == 0 || len(app.RedirectUrls) == 0 {
			t.Errorf("catalog entry %+v", app)
		}
	}
	for _, id := range append([]string{"databricks-sql-connector-python", "dbt-cloud"}, emulator.DefaultEnabledApps...) {
		if _, ok := byID[id]; !ok {
			t.Errorf("catalog lacks %s", id)
		}
	}
	if byID["databricks-cli"].Name != "Databricks CLI" {
		t.Fatalf("databricks-cli: %+v", byID["databricks-cli"])
	}
	// Pages respect the emulator's maximum.
	for _, r := range e.Requests() {
		if r.Path == "/api/2.0/accounts/"+e.AccountID()+"/oauth2/published-apps" && r.Status != http.StatusOK {
			t.Fatalf("page status %d", r.Status)
		}
	}
	_, m := doJSON(t, srv, http.MethodGet, "/api/2.0/accounts/"+e.AccountID()+"/oauth2/published-apps?page_size=500", "")
	if n := len(as[[]any](t, m["apps"])); n != 2 {
		t.Fatalf("page_size above the maximum must be clamped, got %d", n)
	}

	e.AddPublishedApp(emulator.PublishedApp{AppID: "custom-partner", ClientID: "custom-partner", Name: "Partner"})
	created, err := a.PublishedAppIntegration.Create(ctx, oauth2.CreatePublishedAppIntegration{AppId: "custom-partner"})
	must(t, err)
	got, _ := a.PublishedAppIntegration.GetByIntegrationId(ctx, created.IntegrationId)
	if got.Name != "Partner" {
		t.Fatalf("name must come from the catalog: %+v", got)
	}
}

func TestNoSeed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, _, a := newAccount(t, emulator.Options{NoSeed: true})
	apps, err := a.OAuthPublishedApps.ListAll(ctx, oauth2.ListOAuthPublishedAppsRequest{})
	must(t, err)
	ints, err := a.PublishedAppIntegration.ListAll(ctx, oauth2.ListPublishedAppIntegrationsRequest{})
	must(t, err)
	if len(apps) != 0 || len(ints) != 0 || len(e.ServicePrincipals()) != 0 {
		t.Fatalf("NoSeed: %d apps, %d integrations, sps %v", len(apps), len(ints), e.ServicePrincipals())
	}
	_, err = a.ServicePrincipalSecrets.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{ServicePrincipalId: "1001"})
	wantErr(t, err, apierr.ErrResourceDoesNotExist)
	e.AddServicePrincipal(1001)
	_, err = a.ServicePrincipalSecrets.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{ServicePrincipalId: "1001"})
	must(t, err)
}
