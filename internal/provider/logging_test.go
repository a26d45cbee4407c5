package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/databricks/databricks-sdk-go/logger"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
)

func TestSDKLogLevel(t *testing.T) {
	for _, c := range []struct {
		env     map[string]string
		want    logger.Level
		enabled bool
	}{
		{map[string]string{}, logger.LevelTrace, true}, // e.g. only TF_LOG_PATH or TF_ACC_LOG_PATH
		{map[string]string{"TF_LOG": "TRACE"}, logger.LevelTrace, true},
		{map[string]string{"TF_LOG": "json"}, logger.LevelTrace, true},
		{map[string]string{"TF_LOG": "DEBUG"}, logger.LevelDebug, true},
		{map[string]string{"TF_LOG": "INFO"}, logger.LevelInfo, true},
		{map[string]string{"TF_LOG": "warn"}, logger.LevelWarn, true},
		{map[string]string{"TF_LOG": "ERROR"}, logger.LevelError, true},
		{map[string]string{"TF_LOG": "OFF"}, 0, false},
		// TF_LOG_PROVIDER takes over from TF_LOG for provider lines in Terraform.
		{map[string]string{"TF_LOG": "TRACE", "TF_LOG_PROVIDER": "INFO"}, logger.LevelInfo, true},
		{map[string]string{"TF_LOG": "ERROR", "TF_LOG_PROVIDER": "DEBUG"}, logger.LevelDebug, true},
		{map[string]string{"TF_LOG": "TRACE", "TF_LOG_PROVIDER": "OFF"}, 0, false},
		// The plugin side must emit the line too.
		{map[string]string{"TF_LOG": "TRACE", providerLogEnv: "WARN"}, logger.LevelWarn, true},
		{map[string]string{"TF_LOG": "WARN", providerLogEnv: "DEBUG"}, logger.LevelWarn, true},
		{map[string]string{"TF_LOG": "TRACE", providerLogEnv: "off"}, 0, false},
	} {
		got, ok := sdkLogLevel(func(k string) string { return c.env[k] })
		if ok != c.enabled || (ok && got != c.want) {
			t.Errorf("sdkLogLevel(%v) = %v, %v; want %v, %v", c.env, got, ok, c.want, c.enabled)
		}
	}
}

func TestSDKLoggerEnabled(t *testing.T) {
	ctx := context.Background()
	if (sdkLogger{}).Enabled(ctx, logger.LevelError) {
		t.Error("the zero sdkLogger (no logs wanted) must be disabled at every level")
	}
	l := sdkLogger{enabled: true, min: logger.LevelInfo}
	if l.Enabled(ctx, logger.LevelDebug) || !l.Enabled(ctx, logger.LevelInfo) || !l.Enabled(ctx, logger.LevelError) {
		t.Error("an INFO sdkLogger must skip DEBUG and keep INFO and above")
	}
}

// The hints that let Redact skip a regexp must never skip a match.
func TestRedactHintsKeepMatches(t *testing.T) {
	for _, in := range []string{
		"Authorization: BeArEr abc.def-ghi",
		"authorization: BASIC dXNlcjpwYXNz",
		`{"Password" : "x", "password":"hunter2"}`,
		"grant_type=client_credentials&client_secret=s3cr3t&scope=all-apis",
		"refresh=1&access_token=eyJhbGciOi",
		`{"id_token":"eyJ0eXAi"}`,
		"value dose0123456789abcdef in text",
	} {
		out := client.Redact(in)
		if !strings.Contains(out, "**REDACTED**") {
			t.Errorf("client.Redact(%q) = %q, nothing redacted", in, out)
		}
		for _, secret := range []string{"abc.def-ghi", "dXNlcjpwYXNz", "hunter2", "s3cr3t", "eyJhbGciOi", "eyJ0eXAi", "dose0123456789abcdef"} {
			if strings.Contains(in, secret) && strings.Contains(out, secret) {
				t.Errorf("client.Redact(%q) = %q still contains %q", in, out, secret)
			}
		}
	}
}
