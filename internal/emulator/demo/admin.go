package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// adminMain is the `admin` subcommand: one request to the admin API (or the API)
// of a running emulator, so that scripts such as `make demo` need neither curl
// nor jq:
//
//	databricksoauth-emulator admin [-url URL] [-field NAME] METHOD PATH [JSON]
//
// It prints the answer's body, or with -field only that top-level field of the
// JSON answer, and fails on any status other than 2xx.
func adminMain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("admin", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", os.Getenv("DATABRICKS_HOST"), "the emulator's base URL (default $DATABRICKS_HOST)")
	token := fs.String("token", cmpOr(os.Getenv("DATABRICKS_TOKEN"), emulator.DefaultToken), "bearer token (default $DATABRICKS_TOKEN, else the emulator's default)")
	field := fs.String("field", "", "print only this top-level field of the JSON answer")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: databricksoauth-emulator admin [-url URL] [-field NAME] METHOD PATH [JSON]")
		fmt.Fprintln(stderr, "  e.g. admin PATCH /_emulator/custom-app-integrations/ID '{\"name\":\"x\"}'")
		fmt.Fprintln(stderr, "       admin -field custom_app_integrations GET /_emulator/state")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() < 2 || fs.NArg() > 3 || *url == "" {
		fs.Usage()
		return 2
	}
	var body string
	if fs.NArg() == 3 {
		body = fs.Arg(2)
	}
	out, err := adminRequest(*url, *token, strings.ToUpper(fs.Arg(0)), fs.Arg(1), body, *field)
	if err != nil {
		fmt.Fprintln(stderr, "admin:", err)
		return 1
	}
	fmt.Fprintln(stdout, out)
	return 0
}

func adminRequest(base, token, method, path, body, field string) (string, error) {
	if !strings.HasPrefix(path, "/") {
		return "", fmt.Errorf("path %q must start with /", path)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var in io.Reader
	if body != "" {
		in = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimSuffix(base, "/")+path, in)
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return "", err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return "", fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, strings.TrimSpace(string(raw)))
	}
	if field == "" {
		return strings.TrimSpace(string(raw)), nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return "", fmt.Errorf("%s %s: the answer is not a JSON object: %w", method, path, err)
	}
	v, ok := obj[field]
	if !ok {
		return "", errors.New(method + " " + path + ": the answer has no field " + field)
	}
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s, nil // a string, unquoted
	}
	return string(v), nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
