package main_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// seedCmd runs `xiaoqi seed` in this process and returns its output.
func seedCmd(tb testing.TB, args ...string) (stdout, stderr string, err error) {
	tb.Helper()
	var out, errb bytes.Buffer
	env := func(string) string { return "" }
	err = main.RunSeed(context.Background(), append([]string{"--log-level", "error"}, args...), env, &out, &errb)
	return out.String(), errb.String(), err
}

// countStore opens the embedded store of dir and counts documents of kind k.
func countStore(tb testing.TB, dir string, k xiaoqi.Kind, filters map[string]string) int64 {
	tb.Helper()
	s, err := bolt.Open(filepath.Join(dir, "xiaoqi.db"))
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	n, err := s.Count(context.Background(), k, filters)
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

func TestSeedSyntheticIntoStore(t *testing.T) {
	dir := t.TempDir()
	out, errOut, err := seedCmd(t, "--data-dir", dir, "--synthetic", "1500", "--seed", "3", "--batch-size", "400")
	if err != nil || !strings.Contains(out, "1500 synthetic documents (seed 3), 1500 written") || !strings.Contains(errOut, "docs/s") {
		t.Fatalf("seed --synthetic: err %v\nstdout: %s\nstderr: %s", err, out, errOut)
	}
	total := int64(0)
	for _, k := range []xiaoqi.Kind{xiaoqi.KindInstitution, xiaoqi.KindProgram, xiaoqi.KindEnterprise, xiaoqi.KindJob, xiaoqi.KindCandidate} {
		all := countStore(t, dir, k, nil)
		if syn := countStore(t, dir, k, map[string]string{"synthetic": "true"}); syn != all || all == 0 {
			t.Errorf("%s: %d stored, %d of them synthetic; want some, all synthetic", k, all, syn)
		}
		total += all
	}
	if total != 1500 {
		t.Errorf("%d documents stored, want 1500", total)
	}
	out, _, err = seedCmd(t, "--data-dir", dir, "--synthetic", "1500", "--seed", "3")
	if err != nil || !strings.Contains(out, "0 written or changed") {
		t.Errorf("the same seed again: err %v, output %s; want nothing changed", err, out)
	}
	// N of one kind go into the store with the parents they name.
	jobsDir := t.TempDir()
	if out, _, err := seedCmd(t, "--data-dir", jobsDir, "--synthetic", "340", "--type", "jobs"); err != nil || !strings.Contains(out, "380 synthetic documents") {
		t.Errorf("seed --type jobs: err %v, output %s; want 340 jobs and 40 enterprises", err, out)
	}
	if j, e := countStore(t, jobsDir, xiaoqi.KindJob, nil), countStore(t, jobsDir, xiaoqi.KindEnterprise, nil); j != 340 || e != 40 {
		t.Errorf("seed --type jobs: %d jobs, %d enterprises stored; want 340 and 40", j, e)
	}

	// The default data set goes beside a benchmark set without touching it.
	out, _, err = seedCmd(t, "--data-dir", dir)
	if err != nil || !strings.Contains(out, "documents written") {
		t.Fatalf("seed: err %v, output %s", err, out)
	}
	if n := countStore(t, dir, xiaoqi.KindInstitution, map[string]string{"code": "4161010698"}); n != 1 {
		t.Errorf("西安交通大学: %d in the store after seed", n)
	}
	if n := countStore(t, dir, xiaoqi.KindJob, map[string]string{"synthetic": "false"}); n != 292 {
		t.Errorf("%d real job needs, want 292", n)
	}
}

// TestSeedSyntheticOut streams job needs as JSON Lines and imports them back with
// `xiaoqi import --type jobs`.
func TestSeedSyntheticOut(t *testing.T) {
	file := filepath.Join(t.TempDir(), "jobs.jsonl")
	if _, errOut, err := seedCmd(t, "--synthetic", "300", "--type", "jobs", "--out", file); err != nil {
		t.Fatalf("seed --out: %v\n%s", err, errOut)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines++
		var doc struct {
			Kind      string `json:"kind"`
			Synthetic bool   `json:"synthetic"`
			Source    string `json:"source"`
			Title     string `json:"title"`
		}
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			t.Fatalf("line %d: %v: %s", lines, err, sc.Bytes())
		}
		if doc.Kind != "job" || !doc.Synthetic || doc.Source != "synthetic" || doc.Title == "" {
			t.Errorf("line %d: %+v, want a synthetic job", lines, doc)
		}
	}
	if lines != 300 {
		t.Errorf("%d lines, want 300", lines)
	}
	again := filepath.Join(t.TempDir(), "again.jsonl")
	if _, _, err := seedCmd(t, "--synthetic", "300", "--type", "jobs", "--out", again); err != nil {
		t.Fatal(err)
	}
	if data2, _ := os.ReadFile(again); !bytes.Equal(data, data2) {
		t.Error("the same seed wrote a different file")
	}

	dir := t.TempDir()
	out, _, err := importCmd(t, "--data-dir", dir, "--type", "jobs", "--json", file)
	var rep ingest.Report
	if err != nil || json.Unmarshal([]byte(out), &rep) != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	if rep.Read != 300 || rep.Written != 300 || rep.Invalid != 0 {
		t.Errorf("import of the generated jobs: %+v, want 300 read and written", rep.Counts)
	}
	if n := countStore(t, dir, xiaoqi.KindJob, map[string]string{"synthetic": "true"}); n != 300 {
		t.Errorf("%d synthetic jobs after the import, want 300: the label must survive", n)
	}
}

func TestSeedBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--synthetic", "-5"},
		{"--synthetic", "10", "--type", "policies"},
		{"--out", "x.jsonl"},
		{"--synthetic", "10", "--batch-size", "0"},
		{"--synthetic", "ten"},
		{"--fill", "--overwrite"},
		{"--fill", "--synthetic", "10"},
	} {
		_, errOut, err := seedCmd(t, append([]string{"--data-dir", t.TempDir()}, args...)...)
		if err == nil || errOut == "" {
			t.Errorf("seed %q: err %v, stderr %q; want a usage error", args, err, errOut)
		}
	}
}

// TestSeedFill: `xiaoqi seed --fill` gives a store loaded by an earlier version of the data
// set the English name of a school it lacks, and keeps the school's edited website.
func TestSeedFill(t *testing.T) {
	dir := t.TempDir()
	if _, errOut, err := seedCmd(t, "--data-dir", dir); err != nil {
		t.Fatalf("seed: %v\n%s", err, errOut)
	}
	ctx := context.Background()
	s, err := bolt.Open(filepath.Join(dir, "xiaoqi.db"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := xiaoqi.GetStored(ctx, s, xiaoqi.KindInstitution, "code:4161010698") // 西安交通大学
	if err != nil {
		t.Fatal(err)
	}
	xjtu := d.(*xiaoqi.Institution)
	xjtu.NameEN, xjtu.Website = "", "https://www.xjtu.edu.cn/edited"
	if _, err := s.Upsert(ctx, []xiaoqi.Doc{xjtu}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	out, errOut, err := seedCmd(t, "--data-dir", dir, "--fill")
	// The total counts the record filled (it said 0 documents written after filling 60).
	if err != nil || !strings.Contains(out, "filled 1 of the") || !strings.Contains(out, "(name_en 1)") || !strings.Contains(out, "seed: 1 document written or changed") {
		t.Fatalf("seed --fill: %v\n%s%s", err, out, errOut)
	}
	s, err = bolt.Open(filepath.Join(dir, "xiaoqi.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Get(ctx, xiaoqi.KindInstitution, xjtu.ID)
	if err != nil {
		t.Fatal(err)
	}
	if in := got.(*xiaoqi.Institution); in.NameEN != "Xi'an Jiaotong University" || in.Website != xjtu.Website {
		t.Errorf("西安交通大学 after seed --fill: %q, %q", in.NameEN, in.Website)
	}
}

// TestServeReference checks the reference endpoints of a running service with the real
// catalogue and divisions, and that the default data set shows its synthetic part as such.
func TestServeReference(t *testing.T) {
	m := MustOpenMain(t, t.TempDir(), true)
	base := m.URL()
	var majors struct {
		Data  []xiaoqi.Major `json:"data"`
		Total int            `json:"total"`
	}
	if code := call(t, "GET", base+"/api/v1/majors?limit=1000", nil, &majors); code != http.StatusOK || majors.Total != 883 || len(majors.Data) != 883 {
		t.Errorf("majors: status %d, total %d, %d listed; want 883", code, majors.Total, len(majors.Data))
	}
	var se xiaoqi.Major
	if code := call(t, "GET", base+"/api/v1/majors/080902", nil, &se); code != http.StatusOK || se.Name != "软件工程" || se.NameEN != "Software Engineering" {
		t.Errorf("080902: status %d, %+v", code, se)
	}
	for _, mj := range majors.Data {
		if mj.NameEN == "" {
			t.Errorf("major %s %s has no English name", mj.Code, mj.Name)
		}
	}
	var divs struct {
		Data  []xiaoqi.Division `json:"data"`
		Total int               `json:"total"`
	}
	if code := call(t, "GET", base+"/api/v1/divisions?region=陕北&level=city", nil, &divs); code != http.StatusOK || divs.Total != 2 {
		t.Errorf("cities of 陕北: status %d, %+v; want 延安市 and 榆林市", code, divs.Data)
	}
	call(t, "GET", base+"/api/v1/divisions", nil, &divs)
	if divs.Total != 10+107+2 {
		t.Errorf("%d divisions, want 10 cities + 107 county-level units + 西咸新区 and 杨凌示范区", divs.Total)
	}

	waitReady(t, base, 60*time.Second)
	var list struct {
		Data []map[string]any `json:"data"`
	}
	call(t, "GET", base+"/api/v1/institutions?type=training&limit=100", nil, &list)
	key := 0
	for _, d := range list.Data {
		if d["synthetic"] != true || !strings.Contains(d["name"].(string), "示例") {
			t.Errorf("training institution %v is not labelled synthetic", d["name"])
		}
		if d["key_training"] == true {
			key++
		}
	}
	if len(list.Data) != 40 || key != 10 {
		t.Errorf("%d training institutions, %d key ones; want 40 and 10", len(list.Data), key)
	}
	// As served, an English major name finds its programs (the index is given the majors).
	if res := search(t, base, "software engineering", "type", "program"); res.Total == 0 || !strings.HasSuffix(res.Hits[0].Title, " · 软件工程") {
		t.Errorf("software engineering among programs: %d found, first %+v; want the 软件工程 programs", res.Total, res.Hits)
	}
	res := search(t, base, "示例", "type", "enterprise", "city", "榆林")
	if res.Total == 0 {
		t.Error("no synthetic enterprise in 榆林 (陕北 must not be empty)")
	}
	var got map[string]any
	for _, h := range res.Hits {
		call(t, "GET", base+"/api/v1/enterprises/"+h.ID, nil, &got)
		if got["synthetic"] != true {
			t.Errorf("enterprise %q found by 示例 is not synthetic", h.Title)
		}
	}
	var cands struct {
		Data []map[string]any `json:"data"`
	}
	call(t, "GET", base+"/api/v1/candidates?synthetic=true&limit=5", nil, &cands)
	for _, d := range cands.Data {
		if d["synthetic"] != true || d["phone"] != nil || d["email"] != nil || d["name"] != nil {
			t.Errorf("synthetic candidate shown as %v: want synthetic and no contact details", d)
		}
	}
	if len(cands.Data) != 5 {
		t.Errorf("%d synthetic candidates listed, want 5", len(cands.Data))
	}
}
