package main_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
)

// TestHealthcheckFollowsServeConfig: the container's HEALTHCHECK runs `xiaoqi healthcheck`
// with the container's environment. It checks the serve that XIAOQI_ADDR and XIAOQI_TLS_CERT
// describe: a service on another port, or serving HTTPS, was reported unhealthy for ever, as
// the check asked http://127.0.0.1:8080.
func TestHealthcheckFollowsServeConfig(t *testing.T) {
	certFile, keyFile, _ := selfSigned(t, t.TempDir())
	plain := openMainWith(t, func(*main.Config) {})
	secure := openMainWith(t, func(c *main.Config) { c.TLSCert, c.TLSKey = certFile, keyFile })
	port := func(m *main.Main) string {
		u, err := url.Parse(m.URL())
		if err != nil {
			t.Fatal(err)
		}
		return u.Port()
	}
	for _, tc := range []struct {
		name string
		env  map[string]string
	}{
		{"plain HTTP, XIAOQI_ADDR=:port", map[string]string{"XIAOQI_ADDR": ":" + port(plain)}},
		{"HTTPS, XIAOQI_ADDR=0.0.0.0:port", map[string]string{"XIAOQI_ADDR": "0.0.0.0:" + port(secure),
			"XIAOQI_TLS_CERT": certFile, "XIAOQI_TLS_KEY": keyFile}},
	} {
		// Polled until ready, as Docker does: the index may still be catching up.
		deadline := time.Now().Add(30 * time.Second)
		tick := time.NewTicker(50 * time.Millisecond)
		for {
			var stdout, stderr strings.Builder
			code := main.Run(context.Background(), []string{"healthcheck"}, func(k string) string { return tc.env[k] }, &stdout, &stderr)
			if code == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("%s: healthcheck exit %d: %s", tc.name, code, stderr.String())
				break
			}
			<-tick.C
		}
		tick.Stop()
	}
	// A URL given is checked as given, certificate included.
	var stdout, stderr strings.Builder
	if code := main.Run(context.Background(), []string{"healthcheck", "--url", secure.URL() + "/readyz"},
		func(string) string { return "" }, &stdout, &stderr); code != 1 {
		t.Errorf("healthcheck --url of a service whose certificate is not trusted: exit %d, want 1", code)
	}
}
