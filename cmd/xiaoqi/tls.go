package main

import (
	"crypto/tls"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/rs/cors"
)

// bindHTTP registers the flags of how `xiaoqi serve` talks HTTP: TLS and CORS.
func (c *Config) bindHTTP(fs *flag.FlagSet, getenv func(string) string) {
	fs.StringVar(&c.TLSCert, "tls-cert", envOr(getenv, "XIAOQI_TLS_CERT", c.TLSCert),
		"PEM certificate (chain) file: serve HTTPS, TLS 1.2 or later; needs --tls-key (env XIAOQI_TLS_CERT)")
	fs.StringVar(&c.TLSKey, "tls-key", envOr(getenv, "XIAOQI_TLS_KEY", c.TLSKey),
		"PEM private key file of --tls-cert (env XIAOQI_TLS_KEY)")
	fs.Func("cors-origins", "comma-separated origins allowed to call the API from a browser, e.g. https://hr.example.cn; unset: no CORS headers (env XIAOQI_CORS_ORIGINS)",
		func(s string) error { c.CORSOrigins = splitList(s); return nil })
	c.CORSOrigins = splitList(envOr(getenv, "XIAOQI_CORS_ORIGINS", strings.Join(c.CORSOrigins, ",")))
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// checkHTTP reports TLS and CORS settings that cannot work, naming the setting.
func (c *Config) checkHTTP() error {
	switch {
	case c.TLSCert != "" && c.TLSKey == "":
		return fmt.Errorf("需同时设置证书与私钥：已设置 XIAOQI_TLS_CERT（--tls-cert），未设置 XIAOQI_TLS_KEY（--tls-key） / XIAOQI_TLS_CERT (--tls-cert) is set but XIAOQI_TLS_KEY (--tls-key) is not: HTTPS needs both")
	case c.TLSKey != "" && c.TLSCert == "":
		return fmt.Errorf("需同时设置证书与私钥：已设置 XIAOQI_TLS_KEY（--tls-key），未设置 XIAOQI_TLS_CERT（--tls-cert） / XIAOQI_TLS_KEY (--tls-key) is set but XIAOQI_TLS_CERT (--tls-cert) is not: HTTPS needs both")
	}
	// Said before the store and the index are opened, which takes seconds.
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return c.listenErr(err)
	}
	if c.TLSCert != "" {
		if _, err := c.tlsConfig(); err != nil {
			return err
		}
	}
	for _, o := range c.CORSOrigins {
		if o == "*" {
			continue
		}
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
			(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.User != nil {
			return fmt.Errorf("来源格式不正确：XIAOQI_CORS_ORIGINS（--cors-origins）中的 %[1]q 不是如 https://hr.example.cn 的来源（协议与主机，不含路径） / XIAOQI_CORS_ORIGINS (--cors-origins): %[1]q is not an origin such as https://hr.example.cn (scheme and host, no path)", o)
		}
	}
	return nil
}

// tlsConfig loads the certificate and key. TLS 1.2 is the oldest version offered.
func (c *Config) tlsConfig() (*tls.Config, error) {
	cert, err := tls.LoadX509KeyPair(c.TLSCert, c.TLSKey)
	if err != nil {
		return nil, fmt.Errorf("无法读取证书与私钥 --tls-cert %[1]q、--tls-key %[2]q（XIAOQI_TLS_CERT、XIAOQI_TLS_KEY），文件须存在且为 PEM 格式 / "+
			"cannot load --tls-cert %[1]q and --tls-key %[2]q (XIAOQI_TLS_CERT, XIAOQI_TLS_KEY): %[3]v", c.TLSCert, c.TLSKey, err)
	}
	return &tls.Config{
		MinVersion:   tls.VersionTLS12,
		Certificates: []tls.Certificate{cert},
		NextProtos:   []string{"h2", "http/1.1"},
	}, nil
}

// listen opens the HTTP listener on Addr, with TLS when a certificate is configured.
func (c *Config) listen() (net.Listener, error) {
	var tc *tls.Config
	if c.TLSCert != "" {
		var err error
		if tc, err = c.tlsConfig(); err != nil {
			return nil, err
		}
	}
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return nil, c.listenErr(err)
	}
	if tc != nil {
		ln = tls.NewListener(ln, tc)
	}
	return ln, nil
}

func (c *Config) listenErr(err error) error {
	return fmt.Errorf("无法在 --addr（XIAOQI_ADDR）%[1]q 上监听（须为 host:port 即主机与端口，如 :8080 或 127.0.0.1:8080，且端口未被占用） / "+
		"cannot listen on --addr (XIAOQI_ADDR) %[1]q (host:port such as :8080 or 127.0.0.1:8080, a port not in use): %[2]v", c.Addr, err)
}

// scheme is the URL scheme the service answers on.
func (c *Config) scheme() string {
	if c.TLSCert != "" {
		return "https"
	}
	return "http"
}

// withCORS wraps h with CORS for the configured origins; with none it returns h itself, so
// that no response carries a CORS header. Credentials (the session cookie) are allowed only
// for origins named one by one, never for "*".
func (c *Config) withCORS(h http.Handler) http.Handler {
	if len(c.CORSOrigins) == 0 {
		return h
	}
	wildcard := false
	for _, o := range c.CORSOrigins {
		wildcard = wildcard || o == "*"
	}
	return cors.New(cors.Options{
		AllowedOrigins: c.CORSOrigins,
		AllowedMethods: []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut,
			http.MethodPatch, http.MethodDelete},
		// If-Match and ETag: the lost-update protection of writes, which a page of another
		// origin could neither send nor read.
		AllowedHeaders: []string{"Authorization", "Content-Type", "X-CSRF-Token", "X-Request-ID", "If-Match"},
		// X-Warning: a write's warnings (a city kept as written), which a page of another
		// origin could not read.
		ExposedHeaders:   []string{"X-Request-ID", "Retry-After", "Location", "X-Warning", "ETag"},
		AllowCredentials: !wildcard,
		MaxAge:           600,
	}).Handler(h)
}
