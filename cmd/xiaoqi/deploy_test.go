package main_test

import (
	"context"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi/api"
	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
)

func mustAtoi(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestContainerFiles checks the Dockerfile and docker-compose.yml against the binary and
// go.mod, since no Docker engine runs in CI: every XIAOQI_* variable they set is one that
// xiaoqi reads; the build image is go.mod's Go (the golang image sets GOTOOLCHAIN=local, so
// an older 1.26.x refuses to build); and the nodes behind nginx trust its address, or every
// visitor would share nginx's rate limits (50 requests/s, 10 sign-ins a minute per node).
func TestContainerFiles(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile("../../" + name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	gomod, dockerfile, compose := read("go.mod"), read("Dockerfile"), read("docker-compose.yml")

	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindStringSubmatch(gomod)
	image := regexp.MustCompile(`(?m)^FROM golang:(\d[^-\s]*)`).FindStringSubmatch(dockerfile)
	if goVersion == nil || image == nil || image[1] != goVersion[1] {
		t.Errorf("Dockerfile builds with golang:%v, go.mod says go %v", image, goVersion)
	}

	var help strings.Builder
	for _, cmd := range []string{"serve", "healthcheck"} {
		main.Run(context.Background(), []string{cmd, "--help"}, func(string) string { return "" }, &help, &help)
	}
	for _, f := range []struct{ name, text string }{{"Dockerfile", dockerfile}, {"docker-compose.yml", compose}} {
		for _, v := range regexp.MustCompile(`XIAOQI_[A-Z_]+`).FindAllString(f.text, -1) {
			if !strings.Contains(help.String(), "env "+v+")") {
				t.Errorf("%s sets %s, which no flag of serve or healthcheck reads", f.name, v)
			}
		}
	}

	lb := regexp.MustCompile(`ipv4_address: (\S+)`).FindStringSubmatch(compose)
	nodes := strings.Count(compose, "XIAOQI_MONGODB_URI:")
	if lb == nil || nodes == 0 || strings.Count(compose, "XIAOQI_TRUSTED_PROXIES: "+lb[1]) != nodes {
		t.Errorf("docker-compose.yml: %d nodes, nginx at %v; want every node's XIAOQI_TRUSTED_PROXIES to name nginx's address", nodes, lb)
	}
	// nginx must let through what xiaoqi accepts (the file and 64 KiB of multipart framing), or
	// a file within --max-upload-bytes is refused with nginx's HTML page.
	body := regexp.MustCompile(`client_max_body_size (\d+)m;`).FindStringSubmatch(compose)
	if body == nil || mustAtoi(t, body[1])<<20 <= api.DefaultMaxUploadBytes+64<<10 {
		t.Errorf("docker-compose.yml: nginx client_max_body_size %v, want more than %d bytes", body, api.DefaultMaxUploadBytes+64<<10)
	}
	if n := strings.Count(compose, "X-Forwarded-For $$proxy_add_x_forwarded_for"); n == 0 || n != strings.Count(compose, "proxy_pass ") {
		t.Errorf("docker-compose.yml: %d of nginx's %d proxy_pass set X-Forwarded-For, want all", n, strings.Count(compose, "proxy_pass "))
	}
	// Import jobs are in the store and every node answers for them, so nginx spreads requests
	// about imports like any other: a location pinning them to one node (with the others as
	// backups), the stop-gap of when jobs lived in one node's memory, would leave that node
	// taking every upload. Each node has a host name, by which a job names the node that ran it.
	if strings.Contains(compose, "location /api/v1/imports") || strings.Contains(compose, " backup;") {
		t.Error("docker-compose.yml: nginx pins /api/v1/imports to one node; every node answers for every import job now")
	}
	if n := len(regexp.MustCompile(`(?m)^    hostname: xiaoqi\d+$`).FindAllString(compose, -1)); n != nodes {
		t.Errorf("docker-compose.yml: %d of %d nodes have a host name; a job's report file is named by its node's", n, nodes)
	}
	if up := regexp.MustCompile(`(?s)upstream \w+ \{(.*?)\}`).FindAllStringSubmatch(compose, -1); len(up) != 1 || strings.Count(up[0][1], "server ") != nodes {
		t.Errorf("docker-compose.yml: nginx upstreams %v, want one with the %d nodes", up, nodes)
	}
}

// TestComposeStopAndRetry: Docker must give a node longer than serve's drain before it kills
// it (its default 10 s cut the 15 s drain short), and nginx must not send a POST that reached
// a node to the next one (an upload sent twice runs two imports), as README says.
func TestComposeStopAndRetry(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile("../../" + name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	compose, readme := read("docker-compose.yml"), read("README.md")
	grace := regexp.MustCompile(`(?m)^  stop_grace_period: (\S+)$`).FindStringSubmatch(compose)
	if grace == nil {
		t.Fatal("docker-compose.yml: the nodes have no stop_grace_period; Docker kills them 10 s after SIGTERM, before serve's drain ends")
	}
	d, err := time.ParseDuration(grace[1])
	if err != nil || d <= main.DefaultConfig().ShutdownTimeout {
		t.Errorf("docker-compose.yml: stop_grace_period %s, want more than serve's drain of %s", grace[1], main.DefaultConfig().ShutdownTimeout)
	}
	if !strings.Contains(readme, "stop_grace_period: "+grace[1]) {
		t.Errorf("README does not give the nodes' stop_grace_period: %s", grace[1])
	}
	next := regexp.MustCompile(`proxy_next_upstream ([^;]*);`).FindStringSubmatch(compose)
	if next == nil || !strings.Contains(next[1], "error") || strings.Contains(next[1], "non_idempotent") {
		t.Errorf("docker-compose.yml: proxy_next_upstream %v, want error without non_idempotent: a POST sent again may run twice", next)
	}
	if strings.Contains(readme, "a request that fails or gets a 503 goes to the next node") ||
		!strings.Contains(readme, "a POST that reached a node is not sent\nagain") {
		t.Error("README (Scaling out) does not say that nginx sends no POST to a second node")
	}
	if strings.Contains(compose, "is a file on the node that ran it") {
		t.Error("docker-compose.yml says the report CSV is only on the node that ran the job; it is stored with the job")
	}
}
