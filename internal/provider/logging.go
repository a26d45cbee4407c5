package provider

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/databricks/databricks-sdk-go/logger"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
)

// sdkLogger sends the Databricks SDK's logging to terraform-plugin-log, so that it
// lands in Terraform's log with the provider's other lines, and masks secrets first:
// the SDK's own body redaction does not know `secret` or `client_secret`.
type sdkLogger struct {
	// enabled is false when the user asked for no logs at all, so that the SDK skips
	// building its request/response dumps (they cost CPU on every call).
	enabled bool
	// min is the least severe SDK level that can reach Terraform's log (see
	// sdkLogLevel); below it Enabled is false, so that with TF_LOG=INFO, say, the SDK
	// does not build and redact debug dumps that would be dropped anyway.
	min logger.Level
}

const sdkSubsystem = "databricks-sdk"

// QuietSDKLogsUnlessRequested turns the plugin SDK's log subsystems off when the user
// set no Terraform log variable. terraform-plugin-log defaults them to TRACE when no
// level is set, so without this every call formats JSON trace lines that Terraform
// then discards. A user who sets any TF_LOG* variable keeps full control.
//
// The provider's own logger is turned off too (TF_LOG_PROVIDER_DATABRICKSOAUTH, read by
// terraform-plugin-go): it also defaults to TRACE, so every tflog call in the provider
// would otherwise find its caller, format a JSON line and write it to stderr, where
// Terraform parses it only to drop it.
func QuietSDKLogsUnlessRequested() {
	if logsWanted {
		return
	}
	for _, v := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", providerLogEnv} {
		_ = os.Setenv(v, "OFF")
	}
}

// providerLogEnv is the plugin-side level of the provider's own logs: TF_LOG_PROVIDER_
// followed by the provider type name (terraform-plugin-go's ProviderLoggerName).
const providerLogEnv = "TF_LOG_PROVIDER_DATABRICKSOAUTH"

// sdkLogLevel returns the least severe SDK level that can reach Terraform's log, and
// false when none can. A line reaches the log if the provider process emits it (its
// level from TF_LOG_PROVIDER_DATABRICKSOAUTH, TRACE when unset) and Terraform keeps it
// (TF_LOG_PROVIDER, else TF_LOG; TRACE when neither is set, as logs may then be
// wanted by other means such as TF_LOG_PATH or the acceptance-test variables).
func sdkLogLevel(getenv func(string) string) (logger.Level, bool) {
	plugin, ok := parseLevel(getenv(providerLogEnv))
	if !ok {
		return 0, false
	}
	core := getenv("TF_LOG_PROVIDER")
	if core == "" {
		core = getenv("TF_LOG")
	}
	terraform, ok := parseLevel(core)
	if !ok {
		return 0, false
	}
	return max(plugin, terraform), true
}

// parseLevel reads a Terraform log level. Empty, JSON and unknown values are TRACE
// (as in Terraform and hclog); OFF is false.
func parseLevel(v string) (logger.Level, bool) {
	switch strings.ToUpper(strings.TrimSpace(v)) {
	case "OFF":
		return 0, false
	case "DEBUG":
		return logger.LevelDebug, true
	case "INFO":
		return logger.LevelInfo, true
	case "WARN":
		return logger.LevelWarn, true
	case "ERROR":
		return logger.LevelError, true
	default:
		return logger.LevelTrace, true
	}
}

// newSDKLogger is the logger Configure installs in the SDK: disabled unless the user
// asked for logs, and then only for the levels that can reach Terraform's log.
func newSDKLogger() sdkLogger {
	if !logsWanted {
		return sdkLogger{}
	}
	level, ok := sdkLogLevel(os.Getenv)
	return sdkLogger{enabled: ok, min: level}
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
	return l.enabled && level >= l.min
}

func (l sdkLogger) log(ctx context.Context, level logger.Level, format string, v ...any) {
	if !l.Enabled(ctx, level) {
		return
	}
	msg := client.Redact(fmt.Sprintf(format, v...))
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
