package client

import (
	"crypto/tls"
	"net"
	"net/http"
	"time"
)

// maxIdleConnsPerHost is how many idle connections to the API host are kept for
// reuse. Terraform runs up to -parallelism (default 10, often raised) operations at
// once; the SDK's default transport keeps only GOMAXPROCS+1 (3 on a 2-CPU runner), so
// over HTTP/1.1 most requests of a large refresh closed a connection and dialled a new
// one (with TLS, a handshake each). Over HTTP/2 one connection is shared and this
// changes nothing.
const maxIdleConnsPerHost = 64

// newTransport is the SDK's default transport (httpclient.makeDefaultTransport in
// v0.175.0) with room for Terraform's parallelism. insecure mirrors the SDK's
// insecure_skip_verify, which the SDK only applies to its own transports.
func newTransport(insecure bool) *http.Transport {
	t := &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   30 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   maxIdleConnsPerHost,
		IdleConnTimeout:       180 * time.Second,
		TLSHandshakeTimeout:   30 * time.Second,
		ExpectContinueTimeout: 1 * time.Second,
	}
	if insecure {
		t.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // the user asked for it
	}
	return t
}
