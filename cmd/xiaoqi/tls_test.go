package main_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
)

// selfSigned writes a self-signed certificate for 127.0.0.1 and its key to dir and returns
// their paths and a pool that trusts the certificate.
func selfSigned(tb testing.TB, dir string) (certFile, keyFile string, pool *x509.CertPool) {
	tb.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "xiaoqi test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		tb.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		tb.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		tb.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		tb.Fatal(err)
	}
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

// openMainWith boots the service with cfg changed by edit, on a free port, without seed data.
// It logs to logs (TestMain) and to extra.
func openMainWith(tb testing.TB, edit func(*main.Config), extra ...io.Writer) *main.Main {
	tb.Helper()
	cfg := main.DefaultConfig()
	cfg.DataDir = tb.TempDir()
	cfg.Addr = "127.0.0.1:0"
	cfg.Seed = false
	cfg.LogLevel = "info"
	cfg.PollInterval = 20 * time.Millisecond
	edit(&cfg)
	m := main.NewMain(cfg, io.MultiWriter(append([]io.Writer{logs}, extra...)...))
	if err := m.Open(context.Background()); err != nil {
		m.Close()
		tb.Fatalf("open service: %v", err)
	}
	tb.Cleanup(func() {
		if err := m.Close(); err != nil {
			tb.Errorf("close service: %v", err)
		}
	})
	return m
}

// TestTLS serves HTTPS with a certificate made here: a client that trusts it gets answers over
// TLS 1.2 and 1.3 (HTTP/1.1 and HTTP/2), TLS 1.1 is refused, and so is plain HTTP.
func TestTLS(t *testing.T) {
	certFile, keyFile, pool := selfSigned(t, t.TempDir())
	m := openMainWith(t, func(c *main.Config) { c.TLSCert, c.TLSKey = certFile, keyFile })
	base := m.URL()
	if !strings.HasPrefix(base, "https://127.0.0.1:") {
		t.Fatalf("URL() = %q, want https://127.0.0.1:port", base)
	}
	get := func(tc *tls.Config, h2 bool, u string) (*http.Response, string, error) {
		c := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: tc, ForceAttemptHTTP2: h2}}
		defer c.CloseIdleConnections()
		resp, err := c.Get(u)
		if err != nil {
			return nil, "", err
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b), nil
	}
	for _, tc := range []struct {
		name string
		max  uint16
		h2   bool
	}{{"TLS 1.2", tls.VersionTLS12, false}, {"TLS 1.3", tls.VersionTLS13, false}, {"HTTP/2", tls.VersionTLS13, true}} {
		resp, body, err := get(&tls.Config{RootCAs: pool, MaxVersion: tc.max}, tc.h2, base+"/healthz")
		if err != nil {
			t.Fatalf("%s: GET /healthz over https: %v", tc.name, err)
		}
		if resp.StatusCode != http.StatusOK || resp.TLS == nil || resp.TLS.Version != tc.max {
			t.Errorf("%s: status %d, TLS %+v, body %q", tc.name, resp.StatusCode, resp.TLS, body)
		}
		if tc.h2 && resp.ProtoMajor != 2 {
			t.Errorf("%s: answered with %s", tc.name, resp.Proto)
		}
	}
	if _, _, err := get(&tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS11}, false, base+"/healthz"); err == nil {
		t.Error("a TLS 1.1 client was served; want the handshake refused")
	}
	if _, _, err := get(&tls.Config{}, false, base+"/healthz"); err == nil {
		t.Error("a client that does not trust the certificate was served")
	}
	// Plain HTTP on the HTTPS port gets Go's 400 "Client sent an HTTP request to an HTTPS
	// server", never the API.
	resp, body, err := get(nil, false, "http"+strings.TrimPrefix(base, "https")+"/healthz")
	if err == nil && (resp.StatusCode != http.StatusBadRequest || strings.Contains(body, "ok")) {
		t.Errorf("plain http: status %d, body %q; want it refused", resp.StatusCode, body)
	}
}

func TestTLSConfigErrors(t *testing.T) {
	certFile, keyFile, _ := selfSigned(t, t.TempDir())
	for _, tc := range []struct {
		name       string
		cert, key  string
		origins    []string
		wantInErr  string
		wantNotErr string
	}{
		{name: "cert only", cert: certFile, wantInErr: "XIAOQI_TLS_KEY"},
		{name: "key only", key: keyFile, wantInErr: "XIAOQI_TLS_CERT"},
		{name: "missing file", cert: certFile + ".nope", key: keyFile, wantInErr: "XIAOQI_TLS_CERT"},
		{name: "key for cert", cert: keyFile, key: keyFile, wantInErr: "XIAOQI_TLS_CERT"},
		{name: "origin with path", origins: []string{"https://hr.example.cn/app"}, wantInErr: "XIAOQI_CORS_ORIGINS"},
		{name: "origin without scheme", origins: []string{"hr.example.cn"}, wantInErr: "XIAOQI_CORS_ORIGINS"},
	} {
		cfg := main.DefaultConfig()
		cfg.DataDir, cfg.Addr, cfg.Seed = t.TempDir(), "127.0.0.1:0", false
		cfg.TLSCert, cfg.TLSKey, cfg.CORSOrigins = tc.cert, tc.key, tc.origins
		m := main.NewMain(cfg, logs)
		err := m.Open(context.Background())
		m.Close()
		if err == nil || !strings.Contains(err.Error(), tc.wantInErr) {
			t.Errorf("%s: Open error %v, want one naming %s", tc.name, err, tc.wantInErr)
		}
	}
}

// TestServeTLSFromEnvironment runs `xiaoqi serve` as a user would, configured by environment
// variables: a half-configured TLS fails naming the missing variable; a whole one serves https.
func TestServeTLSFromEnvironment(t *testing.T) {
	certFile, keyFile, _ := selfSigned(t, t.TempDir())
	env := map[string]string{"XIAOQI_DATA_DIR": t.TempDir(), "XIAOQI_ADDR": "127.0.0.1:0", "XIAOQI_SEED": "false",
		"XIAOQI_TLS_CERT": certFile, "XIAOQI_LOG_LEVEL": "warn"}
	getenv := func(k string) string { return env[k] }
	var stdout, stderr strings.Builder
	if code := main.Run(context.Background(), []string{"serve"}, getenv, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "XIAOQI_TLS_KEY") {
		t.Errorf("serve with XIAOQI_TLS_CERT only: exit %d, stderr %q", code, stderr.String())
	}
	env["XIAOQI_TLS_KEY"] = keyFile
	env["XIAOQI_CORS_ORIGINS"] = "https://hr.example.cn, ftp://x"
	stdout.Reset()
	stderr.Reset()
	if code := main.Run(context.Background(), []string{"serve"}, getenv, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), `XIAOQI_CORS_ORIGINS (--cors-origins): "ftp://x"`) {
		t.Errorf("serve with a bad origin: exit %d, stderr %q", code, stderr.String())
	}
	// A cancelled context: serve opens, says where it listens, and shuts down.
	env["XIAOQI_CORS_ORIGINS"] = "https://hr.example.cn"
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	stdout.Reset()
	stderr.Reset()
	if code := main.Run(ctx, []string{"serve"}, getenv, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "listening on https://127.0.0.1:") {
		t.Errorf("serve with TLS: exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}

// TestCORS: a preflight from a configured origin is allowed (with credentials, for the
// session cookie); another origin gets no CORS header; without configuration no response
// carries one.
func TestCORS(t *testing.T) {
	const origin = "https://hr.example.cn"
	withCORS := openMainWith(t, func(c *main.Config) { c.CORSOrigins = []string{origin, "http://localhost:3000"} })
	without := openMainWith(t, func(*main.Config) {})

	preflight := func(base, from string) http.Header {
		t.Helper()
		req, _ := http.NewRequest(http.MethodOptions, base+"/api/v1/jobs", nil)
		req.Header.Set("Origin", from)
		req.Header.Set("Access-Control-Request-Method", "POST")
		// If-Match: the lost-update protection of a PUT or DELETE; the preflight of a page
		// that sent it was refused. (Sorted and lower case, as browsers send them.)
		req.Header.Set("Access-Control-Request-Headers", "content-type,if-match,x-csrf-token")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Header
	}
	h := preflight(withCORS.URL(), origin)
	if h.Get("Access-Control-Allow-Origin") != origin || h.Get("Access-Control-Allow-Credentials") != "true" ||
		!strings.Contains(h.Get("Access-Control-Allow-Methods"), "POST") ||
		!strings.Contains(strings.ToLower(h.Get("Access-Control-Allow-Headers")), "x-csrf-token") {
		t.Errorf("preflight from %s: headers %v", origin, h)
	}
	for name, h := range map[string]http.Header{
		"other origin":  preflight(withCORS.URL(), "https://evil.example.com"),
		"no CORS set":   preflight(without.URL(), origin),
		"GET, none set": getHeaders(t, without.URL()+"/api/v1/policies", origin),
	} {
		for k := range h {
			if strings.HasPrefix(k, "Access-Control-") {
				t.Errorf("%s: response has %s: %s", name, k, h.Get(k))
			}
		}
	}
	// A simple GET from the configured origin carries the header, and the API's own
	// security headers are still there.
	h = getHeaders(t, withCORS.URL()+"/api/v1/policies", origin)
	if h.Get("Access-Control-Allow-Origin") != origin || h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("GET from %s: headers %v", origin, h)
	}
	// A write's warnings (a city kept as written) are readable by the page that wrote.
	// So is the ETag a PUT or DELETE sends back as If-Match.
	for _, want := range []string{"X-Warning", "ETag"} {
		if !strings.Contains(strings.ToLower(h.Get("Access-Control-Expose-Headers")), strings.ToLower(want)) {
			t.Errorf("GET from %s: Access-Control-Expose-Headers %q lacks %s", origin, h.Get("Access-Control-Expose-Headers"), want)
		}
	}
}

func getHeaders(tb testing.TB, u, origin string) http.Header {
	tb.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	req.Header.Set("Origin", origin)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	resp.Body.Close()
	return resp.Header
}
