package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// Databricks error codes used by the emulator. The SDK maps error_code before
// the HTTP status (apierr/error_mapping.go), so each code is chosen for the
// sentinel it yields: RESOURCE_DOES_NOT_EXIST -> ErrResourceDoesNotExist
// (apierr.IsMissing), INVALID_PARAMETER_VALUE -> ErrInvalidParameterValue,
// RESOURCE_ALREADY_EXISTS -> ErrResourceAlreadyExists.
const (
	codeNotFound       = "RESOURCE_DOES_NOT_EXIST"
	codeInvalidParam   = "INVALID_PARAMETER_VALUE"
	codeAlreadyExists  = "RESOURCE_ALREADY_EXISTS"
	codeMalformed      = "MALFORMED_REQUEST"
	codeUnauthn        = "UNAUTHENTICATED"
	codeNoEndpoint     = "ENDPOINT_NOT_FOUND"
	codeMethodNotAllow = "METHOD_NOT_ALLOWED"
)

// apiError is a Databricks-shaped error: {"error_code","message"} with a status.
type apiError struct {
	Status  int    `json:"-"`
	Code    string `json:"error_code"`
	Message string `json:"message"`
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func errNotFound(format string, a ...any) *apiError {
	return &apiError{http.StatusNotFound, codeNotFound, fmt.Sprintf(format, a...)}
}

func errInvalid(format string, a ...any) *apiError {
	return &apiError{http.StatusBadRequest, codeInvalidParam, fmt.Sprintf(format, a...)}
}

func errConflict(format string, a ...any) *apiError {
	return &apiError{http.StatusConflict, codeAlreadyExists, fmt.Sprintf(format, a...)}
}

func errMalformed(err error) *apiError {
	return &apiError{http.StatusBadRequest, codeMalformed, "Malformed request body: " + err.Error()}
}

// defaultErrorCode picks the error_code a real service would send with status,
// for injected faults that do not name one. 429 and 503 codes are ones the SDK
// retries; 500 is not retried.
func defaultErrorCode(status int) string {
	switch status {
	case http.StatusBadRequest:
		return codeInvalidParam
	case http.StatusUnauthorized:
		return codeUnauthn
	case http.StatusForbidden:
		return "PERMISSION_DENIED"
	case http.StatusNotFound:
		return codeNotFound
	case http.StatusConflict:
		return codeAlreadyExists
	case http.StatusTooManyRequests:
		return "TOO_MANY_REQUESTS"
	case http.StatusNotImplemented:
		return "NOT_IMPLEMENTED"
	case http.StatusBadGateway:
		return "BAD_GATEWAY"
	case http.StatusServiceUnavailable:
		return "TEMPORARILY_UNAVAILABLE"
	case http.StatusGatewayTimeout:
		return "DEADLINE_EXCEEDED"
	default:
		if status >= 500 {
			return "INTERNAL_ERROR"
		}
		return "BAD_REQUEST"
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error_code":"INTERNAL_ERROR","message":"emulator failed to encode response"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func writeError(w http.ResponseWriter, e *apiError) { writeJSON(w, e.Status, e) }
