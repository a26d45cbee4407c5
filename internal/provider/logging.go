package provider

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/databricks/databricks-sdk-go/logger"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// sdkLogger sends the Databricks SDK's logging to terraform-plugin-log, so that it
// lands in Terraform's log with the provider's other lines, and masks secrets first:
// the SDK's own body redaction does not know `secret` or `client_secret`.
type sdkLogger struct {
	// enabled is false when the user asked for no logs at all, so that the SDK skips
	// building its request/response dumps (they cost CPU on every call).
	enabled bool
}

const sdkSubsystem = "databricks-sdk"

// secretPatterns match values that must never reach a log line.
var secretPatterns = []*regexp.Regexp{
	// JSON fields holding secrets, in compact or indented dumps.
	regexp.MustCompile(`("(?:client_secret|secret|token|access_token|refresh_token|id_token|password)"\s*:\s*)"[^"]*"`),
	// Authorization headers and form bodies.
	regexp.MustCompile(`((?i:bearer|basic)\s+)[A-Za-z0-9._~+/=-]+`),
	regexp.MustCompile(`((?:client_secret|access_token)=)[^&\s]+`),
	// Databricks OAuth secret values and PATs wherever they appear.
	regexp.MustCompile(`()\b(?:dose|dapi)[0-9a-zA-Z-]{8,}`),
}

// Redact masks every secret-looking value in s.
func Redact(s string) string {
	for _, re := range secretPatterns {
		s = re.ReplaceAllString(s, `${1}"**REDACTED**"`)
	}
	return s
}

// QuietSDKLogsUnlessRequested turns the plugin SDK's log subsystems off when the user
// set no Terraform log variable. terraform-plugin-log defaults them to TRACE when no
// level is set, so without this every call formats JSON trace lines that Terraform
// then discards. A user who sets any TF_LOG* variable keeps full control.
func QuietSDKLogsUnlessRequested() {
	if logsWanted {
		return
	}
	for _, v := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"} {
		_ = os.Setenv(v, "OFF")
	}
}

// logsWanted is read once, at start-up, before QuietSDKLogsUnlessRequested sets any
// variable of its own.
var logsWanted = logsRequested()

// logsRequested reports whether the user set any Terraform log variable. Without one,
// Terraform discards provider logs anyway.
func logsRequested() bool {
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_LOG") || strings.HasPrefix(kv, "TF_ACC_LOG") {
			if i := strings.IndexByte(kv, '='); i > 0 && kv[i+1:] != "" {
				return true
			}
		}
	}
	return false
}

func (l sdkLogger) Enabled(_ context.Context, level logger.Level) bool {
	return l.enabled
}

func (l sdkLogger) log(ctx context.Context, level logger.Level, format string, v ...any) {
	if !l.enabled {
		return
	}
	msg := Redact(fmt.Sprintf(format, v...))
	ctx = tflog.NewSubsystem(ctx, sdkSubsystem)
	switch {
	case level <= logger.LevelTrace:
		tflog.SubsystemTrace(ctx, sdkSubsystem, msg)
	case level <= logger.LevelDebug:
		tflog.SubsystemDebug(ctx, sdkSubsystem, msg)
	case level <= logger.LevelInfo:
		tflog.SubsystemInfo(ctx, sdkSubsystem, msg)
	case level <= logger.LevelWarn:
		tflog.SubsystemWarn(ctx, sdkSubsystem, msg)
	default:
		tflog.SubsystemError(ctx, sdkSubsystem, msg)
	}
}

func (l sdkLogger) Tracef(ctx context.Context, f string, v ...any) {
	l.log(ctx, logger.LevelTrace, f, v...)
}
func (l sdkLogger) Debugf(ctx context.Context, f string, v ...any) {
	l.log(ctx, logger.LevelDebug, f, v...)
}
func (l sdkLogger) Infof(ctx context.Context, f string, v ...any) {
	l.log(ctx, logger.LevelInfo, f, v...)
}
func (l sdkLogger) Warnf(ctx context.Context, f string, v ...any) {
	l.log(ctx, logger.LevelWarn, f, v...)
}
func (l sdkLogger) Errorf(ctx context.Context, f string, v ...any) {
	l.log(ctx, logger.LevelError, f, v...)
}
