package emulator

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"slices"

	"github.com/google/uuid"
)

// customAppJSON is GetCustomAppIntegrationOutput on the wire. It never carries
// client_secret: that is returned by create only.
type customAppJSON struct {
	IntegrationID        string             `json:"integration_id,omitempty"`
	ClientID             string             `json:"client_id,omitempty"`
	Name                 string             `json:"name,omitempty"`
	Confidential         bool               `json:"confidential,omitempty"`
	RedirectURLs         []string           `json:"redirect_urls,omitempty"`
	Scopes               []string           `json:"scopes,omitempty"`
	UserAuthorizedScopes []string           `json:"user_authorized_scopes,omitempty"`
	TokenAccessPolicy    *TokenAccessPolicy `json:"token_access_policy,omitempty"`
	CreateTime           string             `json:"create_time,omitempty"`
	CreatedBy            int64              `json:"created_by,omitempty"`
	CreatorUsername      string             `json:"creator_username,omitempty"`
}

func customAppOut(a CustomApp, withCreator bool) customAppJSON {
	out := customAppJSON{
		IntegrationID: a.IntegrationID, ClientID: a.ClientID, Name: a.Name, Confidential: a.Confidential,
		RedirectURLs: a.RedirectURLs, Scopes: a.Scopes, UserAuthorizedScopes: a.UserAuthorizedScopes,
		TokenAccessPolicy: a.TokenAccessPolicy, CreatedBy: a.CreatedBy,
	}
	if !a.CreateTime.IsZero() {
		out.CreateTime = fmtTime(a.CreateTime)
	}
	if withCreator {
		out.CreatorUsername = a.CreatorUsername
	}
	return out
}

type publishedJSON struct {
	AppID             string             `json:"app_id,omitempty"`
	IntegrationID     string             `json:"integration_id,omitempty"`
	Name              string             `json:"name,omitempty"`
	TokenAccessPolicy *TokenAccessPolicy `json:"token_access_policy,omitempty"`
	CreateTime        string             `json:"create_time,omitempty"`
	CreatedBy         int64              `json:"created_by,omitempty"`
}

func publishedOut(p PublishedIntegration) publishedJSON {
	out := publishedJSON{AppID: p.AppID, IntegrationID: p.IntegrationID, Name: p.Name,
		TokenAccessPolicy: p.TokenAccessPolicy, CreatedBy: p.CreatedBy}
	if !p.CreateTime.IsZero() {
		out.CreateTime = fmtTime(p.CreateTime)
	}
	return out
}

// randomHex returns n random bytes as hex.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// newSecretValue mimics Databricks OAuth secrets: "dose" + 32 hex characters.
func newSecretValue() string { return "dose" + randomHex(16) }

// normalizeTAP validates a token_access_policy (access TTL 5..1440, refresh TTL
// 5..129600 and not below the access TTL, an absolute session lifetime only with
// single-use refresh tokens) and returns the stored copy, filling the server default
// for absolute_session_lifetime_in_minutes as the variant says (by default: when
// rotation is on).
func (e *Emulator) normalizeTAP(p *TokenAccessPolicy) (*TokenAccessPolicy, *apiError) {
	if p == nil {
		return nil, nil
	}
	c := *p
	if c.AccessTokenTTLInMinutes != 0 && (c.AccessTokenTTLInMinutes < 5 || c.AccessTokenTTLInMinutes > 1440) {
		return nil, errInvalid("access_token_ttl_in_minutes must be between 5 and 1440, got %d", c.AccessTokenTTLInMinutes)
	}
	if c.RefreshTokenTTLInMinutes != 0 && (c.RefreshTokenTTLInMinutes < 5 || c.RefreshTokenTTLInMinutes > 129600) {
		return nil, errInvalid("refresh_token_ttl_in_minutes must be between 5 and 129600, got %d", c.RefreshTokenTTLInMinutes)
	}
	if c.AccessTokenTTLInMinutes != 0 && c.RefreshTokenTTLInMinutes != 0 && c.RefreshTokenTTLInMinutes < c.AccessTokenTTLInMinutes {
		return nil, errInvalid("refresh_token_ttl_in_minutes (%d) must not be less than access_token_ttl_in_minutes (%d)",
			c.RefreshTokenTTLInMinutes, c.AccessTokenTTLInMinutes)
	}
	if c.AbsoluteSessionLifetimeInMinutes != 0 {
		if !c.EnableSingleUseRefreshTokens {
			return nil, errInvalid("absolute_session_lifetime_in_minutes can only be set when enable_single_use_refresh_tokens is true")
		}
		if c.AbsoluteSessionLifetimeInMinutes < 5 {
			return nil, errInvalid("absolute_session_lifetime_in_minutes must be at least 5, got %d", c.AbsoluteSessionLifetimeInMinutes)
		}
	}
	e.opts.fillAbsoluteLifetime(&c)
	return &c, nil
}

// validateScopes checks the lists of a custom app; scope names themselves are
// not restricted: the API documents all-apis, sql, offline_access, openid, profile
// and email, and newer accounts accept more granular scopes.
func validateScopes(a *CustomApp) *apiError {
	for _, list := range [][]string{a.RedirectURLs, a.Scopes, a.UserAuthorizedScopes} {
		if slices.Contains(list, "") {
			return errInvalid("redirect_urls, scopes and user_authorized_scopes must not contain empty values")
		}
	}
	for _, s := range a.UserAuthorizedScopes {
		if !slices.Contains(a.Scopes, s) {
			return errInvalid("user_authorized_scopes must be a subset of scopes: '%s' is not in scopes", s)
		}
	}
	return nil
}

func (e *Emulator) createCustomApp(c *call) (any, *apiError) {
	var in struct {
		Name                 string             `json:"name"`
		Confidential         bool               `json:"confidential"`
		RedirectURLs         []string           `json:"redirect_urls"`
		Scopes               []string           `json:"scopes"`
		UserAuthorizedScopes []string           `json:"user_authorized_scopes"`
		TokenAccessPolicy    *TokenAccessPolicy `json:"token_access_policy"`
	}
	if aerr := e.opts.checkFields(c.body, customAppCreateFields); aerr != nil {
		return nil, aerr
	}
	if aerr := decodeBody(c.body, &in); aerr != nil {
		return nil, aerr
	}
	id := uuid.NewString()
	a := CustomApp{
		IntegrationID: id, ClientID: id, Name: in.Name, Confidential: in.Confidential,
		RedirectURLs: e.opts.storeList(in.RedirectURLs), Scopes: e.opts.storeList(in.Scopes),
		UserAuthorizedScopes: e.opts.storeList(in.UserAuthorizedScopes), CreateTime: e.now(), CreatedBy: DefaultCreatedBy, CreatorUsername: DefaultCreatorUsername,
	}
	if aerr := validateScopes(&a); aerr != nil {
		return nil, aerr
	}
	var aerr *apiError
	if a.TokenAccessPolicy, aerr = e.normalizeTAP(in.TokenAccessPolicy); aerr != nil {
		return nil, aerr
	}
	if a.Confidential {
		a.ClientSecret = newSecretValue()
		e.issued = append(e.issued, a.ClientSecret)
	}
	e.customApps[id] = &rec[CustomApp]{e.nextSeq(), a}
	return struct {
		IntegrationID string `json:"integration_id"`
		ClientID      string `json:"client_id"`
		ClientSecret  string `json:"client_secret,omitempty"`
	}{a.IntegrationID, a.ClientID, a.ClientSecret}, nil
}

func (e *Emulator) getCustomApp(c *call) (any, *apiError) {
	r, ok := e.customApps[c.params["id"]]
	if !ok {
		return nil, errNotFound("Custom app integration '%s' does not exist", c.params["id"])
	}
	// Get always reports creator_username; List only on request.
	return customAppOut(r.v, true), nil
}

func (e *Emulator) listCustomApps(c *call) (any, *apiError) {
	withCreator := c.query.Get("include_creator_username") == "true"
	page, next, aerr := paginate(c.query, "custom", e.pageLimit(e.opts.PageSize), sortedRecs(e.customApps, nil), recSeq)
	if aerr != nil {
		return nil, aerr
	}
	out := struct {
		Apps          []customAppJSON `json:"apps,omitempty"`
		NextPageToken string          `json:"next_page_token,omitempty"`
	}{NextPageToken: next}
	for _, r := range page {
		out.Apps = append(out.Apps, customAppOut(r.v, withCreator))
	}
	return out, nil
}

// updateCustomAppAPI is a partial PATCH: an absent key leaves the field alone,
// a present one (even [] or null) replaces it, so {"redirect_urls":[]} clears
// the list. name and confidential cannot change and are ignored.
func (e *Emulator) updateCustomAppAPI(c *call) (any, *apiError) {
	r, ok := e.customApps[c.params["id"]]
	if !ok {
		return nil, errNotFound("Custom app integration '%s' does not exist", c.params["id"])
	}
	if aerr := e.opts.checkFields(c.body, customAppUpdateFields); aerr != nil {
		return nil, aerr
	}
	m, aerr := rawFields(c.body)
	if aerr != nil {
		return nil, aerr
	}
	a := r.v.clone()
	lists := map[string]*[]string{
		"redirect_urls": &a.RedirectURLs, "scopes": &a.Scopes, "user_authorized_scopes": &a.UserAuthorizedScopes,
	}
	for key, dst := range lists {
		if raw, ok := m[key]; ok {
			var v []string
			if err := json.Unmarshal(raw, &v); err != nil {
				return nil, errMalformed(err)
			}
			*dst = e.opts.storeList(v)
		}
	}
	if raw, ok := m["token_access_policy"]; ok {
		var p *TokenAccessPolicy
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, errMalformed(err)
		}
		if a.TokenAccessPolicy, aerr = e.normalizeTAP(p); aerr != nil {
			return nil, aerr
		}
	}
	if aerr := validateScopes(&a); aerr != nil {
		return nil, aerr
	}
	r.v = a
	return empty{}, nil
}

func (e *Emulator) deleteCustomAppAPI(c *call) (any, *apiError) {
	id := c.params["id"]
	if _, ok := e.customApps[id]; !ok {
		return nil, errNotFound("Custom app integration '%s' does not exist", id)
	}
	delete(e.customApps, id)
	return empty{}, nil
}

func (e *Emulator) createPublished(c *call) (any, *apiError) {
	var in struct {
		AppID             string             `json:"app_id"`
		TokenAccessPolicy *TokenAccessPolicy `json:"token_access_policy"`
	}
	if aerr := e.opts.checkFields(c.body, publishedCreateFields); aerr != nil {
		return nil, aerr
	}
	if aerr := decodeBody(c.body, &in); aerr != nil {
		return nil, aerr
	}
	if in.AppID == "" {
		return nil, errInvalid("app_id is required")
	}
	app, ok := e.catalog[in.AppID]
	if !ok {
		// 400, not 404: a 404 would read as "integration gone" to clients.
		return nil, errInvalid("App '%s' is not in the published apps catalog", in.AppID)
	}
	for _, r := range e.published {
		if r.v.AppID == in.AppID {
			return nil, errConflict("A published app integration for app '%s' already exists (integration_id '%s')", in.AppID, r.v.IntegrationID)
		}
	}
	tap, aerr := e.normalizeTAP(in.TokenAccessPolicy)
	if aerr != nil {
		return nil, aerr
	}
	p := PublishedIntegration{IntegrationID: uuid.NewString(), AppID: in.AppID, Name: app.v.Name,
		TokenAccessPolicy: tap, CreateTime: e.now(), CreatedBy: DefaultCreatedBy}
	e.published[p.IntegrationID] = &rec[PublishedIntegration]{e.nextSeq(), p}
	return struct {
		IntegrationID string `json:"integration_id"`
	}{p.IntegrationID}, nil
}

func (e *Emulator) getPublished(c *call) (any, *apiError) {
	r, ok := e.published[c.params["id"]]
	if !ok {
		return nil, errNotFound("Published app integration '%s' does not exist", c.params["id"])
	}
	return publishedOut(r.v), nil
}

func (e *Emulator) listPublished(c *call) (any, *apiError) {
	page, next, aerr := paginate(c.query, "published", e.pageLimit(e.opts.PageSize), sortedRecs(e.published, nil), recSeq)
	if aerr != nil {
		return nil, aerr
	}
	out := struct {
		Apps          []publishedJSON `json:"apps,omitempty"`
		NextPageToken string          `json:"next_page_token,omitempty"`
	}{NextPageToken: next}
	for _, r := range page {
		out.Apps = append(out.Apps, publishedOut(r.v))
	}
	return out, nil
}

// updatePublished replaces token_access_policy when the key is present; the
// SDK sends {} for a nil policy, which changes nothing.
func (e *Emulator) updatePublished(c *call) (any, *apiError) {
	r, ok := e.published[c.params["id"]]
	if !ok {
		return nil, errNotFound("Published app integration '%s' does not exist", c.params["id"])
	}
	if aerr := e.opts.checkFields(c.body, publishedUpdateFields); aerr != nil {
		return nil, aerr
	}
	m, aerr := rawFields(c.body)
	if aerr != nil {
		return nil, aerr
	}
	if raw, ok := m["token_access_policy"]; ok {
		var p *TokenAccessPolicy
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, errMalformed(err)
		}
		tap, aerr := e.normalizeTAP(p)
		if aerr != nil {
			return nil, aerr
		}
		r.v.TokenAccessPolicy = tap
	}
	return empty{}, nil
}

func (e *Emulator) deletePublished(c *call) (any, *apiError) {
	id := c.params["id"]
	if _, ok := e.published[id]; !ok {
		return nil, errNotFound("Published app integration '%s' does not exist", id)
	}
	delete(e.published, id)
	return empty{}, nil
}

type publishedAppJSON struct {
	AppID                string   `json:"app_id"`
	ClientID             string   `json:"client_id,omitempty"`
	Name                 string   `json:"name,omitempty"`
	Description          string   `json:"description,omitempty"`
	IsConfidentialClient bool     `json:"is_confidential_client"`
	RedirectURLs         []string `json:"redirect_urls,omitempty"`
	Scopes               []string `json:"scopes,omitempty"`
}

// listCatalog serves the read-only catalog; its page size is capped at 100.
func (e *Emulator) listCatalog(c *call) (any, *apiError) {
	page, next, aerr := paginate(c.query, "catalog", e.pageLimit(min(e.opts.PageSize, defaultPageSize)), sortedRecs(e.catalog, nil), recSeq)
	if aerr != nil {
		return nil, aerr
	}
	out := struct {
		Apps          []publishedAppJSON `json:"apps,omitempty"`
		NextPageToken string             `json:"next_page_token,omitempty"`
	}{NextPageToken: next}
	for _, r := range page {
		a := r.v
		out.Apps = append(out.Apps, publishedAppJSON{a.AppID, a.ClientID, a.Name, a.Description, false, a.RedirectURLs, a.Scopes})
	}
	return out, nil
}
