package search_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/search"
)

// validCode returns a 统一社会信用代码 with a correct check character.
func validCode(tb testing.TB, first17 string) string {
	tb.Helper()
	c := xiaoqi.CreditCodeCheck(first17)
	if c == 0 || !xiaoqi.ValidCreditCode(first17+string(c)) {
		tb.Fatalf("no valid code from %q", first17)
	}
	return first17 + string(c)
}

func hitByID(tb testing.TB, res *xiaoqi.SearchResult, id string) xiaoqi.Hit {
	tb.Helper()
	for _, h := range res.Hits {
		if h.ID == id {
			return h
		}
	}
	tb.Fatalf("no hit %s in %v", id, ids(res))
	return xiaoqi.Hit{}
}

// TestVerifiedEnterprisesAndJobs: an enterprise with a valid 统一社会信用代码 is verified, one
// without is not; a job shows its enterprise's verification, follows it when the enterprise
// gains or loses its code, and is unverified when its enterprise is unknown. Other kinds
// carry no verified field.
func TestVerifiedEnterprisesAndJobs(t *testing.T) {
	x, _ := openIndex(t)
	code := validCode(t, "91610131MA6TXXXX0")
	ok := &xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_ok"}, Name: "西安核验软件有限公司", City: "西安", CreditCode: code}
	no := &xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_no"}, Name: "西安未核验软件有限公司", City: "西安"}
	jobOK := &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_ok"}, EnterpriseID: "ent_ok", EnterpriseName: ok.Name, Name: "测试工程师", City: "西安"}
	jobNo := &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_no"}, EnterpriseID: "ent_no", EnterpriseName: no.Name, Name: "测试工程师", City: "西安"}
	jobGone := &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_gone"}, EnterpriseID: "ent_unknown", EnterpriseName: "某公司", Name: "测试工程师", City: "西安"}
	prog := &xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_x"}, InstitutionName: "西安邮电大学", Name: "软件测试", City: "西安"}
	index(t, x, ok, no, jobOK, jobNo, jobGone, prog)

	want := map[string]any{"ent_ok": true, "ent_no": false, "job_ok": true, "job_no": false, "job_gone": false, "prg_x": nil}
	check := func(when string) {
		t.Helper()
		res := find(t, x, xiaoqi.SearchQuery{PerPage: 50})
		for id, w := range want {
			v, has := hitByID(t, res, id).Fields["verified"]
			if w == nil && has || w != nil && v != w {
				t.Errorf("%s: %s has verified = %v (present %v), want %v", when, id, v, has, w)
			}
		}
	}
	check("at first")

	// The enterprise without a code gets one, the other loses it (a data fix): its jobs
	// follow without being indexed again.
	no.CreditCode, ok.CreditCode = validCode(t, "91610000MA6TYYYY0"), ""
	index(t, x, no, ok)
	want["ent_ok"], want["ent_no"], want["job_ok"], want["job_no"] = false, true, false, true
	check("after the codes changed")
}

// TestPrivateCandidatesNotIndexed: a private candidate is not found by any query, an upsert to
// private removes an indexed one, and one made anonymous again is found again. Rebuild leaves
// private candidates out too.
func TestPrivateCandidatesNotIndexed(t *testing.T) {
	x, _ := openIndex(t)
	pub := &xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_pub"}, Name: "李明", City: "西安", Skills: []string{"Java"},
		Summary: "熟悉Java与分布式系统", Visibility: xiaoqi.VisibilityAnonymous}
	priv := &xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_priv"}, Name: "王芳", City: "西安", Skills: []string{"Java"},
		Summary: "熟悉Java与分布式系统", Visibility: xiaoqi.VisibilityPrivate}
	index(t, x, pub, priv)
	for _, q := range []xiaoqi.SearchQuery{{Q: "Java"}, {Q: "分布式系统"}, {}, {Types: []xiaoqi.Kind{xiaoqi.KindCandidate}, Cities: []string{"西安"}}} {
		if got := ids(find(t, x, q)); !slices.Equal(got, []string{"cnd_pub"}) {
			t.Errorf("Search(%+v) = %v, want only cnd_pub", q, got)
		}
	}
	if n, err := x.Count(); err != nil || n != 1 {
		t.Errorf("Count() = %d, %v; want 1 document indexed", n, err)
	}

	pub.Visibility, pub.Version = xiaoqi.VisibilityPrivate, 2
	index(t, x, pub)
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "Java"})); len(got) != 0 {
		t.Errorf("after cnd_pub turned private: Java = %v, want nothing", got)
	}
	priv.Visibility, priv.Version = xiaoqi.VisibilityAnonymous, 2
	index(t, x, priv)
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "Java"})); !slices.Equal(got, []string{"cnd_priv"}) {
		t.Errorf("after cnd_priv turned anonymous: Java = %v, want [cnd_priv]", got)
	}

	// Rebuild from a store holding one private and one anonymous candidate.
	ctx := context.Background()
	s := openStore(t)
	write(t, s,
		&xiaoqi.Candidate{Name: "赵雷", City: "西安", Skills: []string{"Python"}, Visibility: xiaoqi.VisibilityPrivate},
		&xiaoqi.Candidate{Name: "钱进", City: "西安", Skills: []string{"Python"}, Visibility: xiaoqi.VisibilityPublic},
	)
	dir := filepath.Join(t.TempDir(), "index")
	n, err := search.Rebuild(ctx, s, dir, options(t))
	if err != nil || n != 1 {
		t.Fatalf("Rebuild = %d, %v; want 1 document indexed", n, err)
	}
	y, err := search.Open(dir, options(t))
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	if res := find(t, y, xiaoqi.SearchQuery{Q: "Python"}); res.Total != 1 {
		t.Errorf("rebuilt index: Python finds %d candidates, want the public one only", res.Total)
	}
}
