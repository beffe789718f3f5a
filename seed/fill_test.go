package seed_test

import (
	"context"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/seed"
)

// TestFill: a store loaded by an earlier version of the data set, whose records lack the
// fields the set gained since (a school's English name, the policy's translation, a program's
// district, a posting's and its firm's sector), gets them from Fill, and keeps what users
// changed: another field edited, and a field the set has that a user filled otherwise.
func TestFill(t *testing.T) {
	tax := mustTaxonomy(t)
	store := newStore(t)
	ctx := context.Background()
	if _, err := seed.Apply(ctx, store, tax, 500, false); err != nil {
		t.Fatal(err)
	}
	set := mustLoad(t, tax)
	get := func(d xiaoqi.Doc) xiaoqi.Doc {
		t.Helper()
		got, err := xiaoqi.GetStored(ctx, store, d.Kind(), d.NaturalKey())
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	put := func(docs ...xiaoqi.Doc) {
		t.Helper()
		if _, err := store.Upsert(ctx, docs); err != nil {
			t.Fatal(err)
		}
	}
	// The store as an earlier version left it, and edited by its users since.
	var xjtu, nwpu *xiaoqi.Institution
	for _, in := range set.Institutions {
		switch in.Name {
		case "西安交通大学":
			xjtu = get(in).(*xiaoqi.Institution)
		case "西北工业大学":
			nwpu = get(in).(*xiaoqi.Institution)
		}
	}
	if xjtu == nil || nwpu == nil || xjtu.NameEN == "" || nwpu.NameEN == "" {
		t.Fatalf("the set lacks 西安交通大学 or 西北工业大学 with an English name: %+v %+v", xjtu, nwpu)
	}
	xjtu.NameEN, xjtu.Website = "", "https://www.xjtu.edu.cn/edited"
	nwpu.NameEN = "NPU (as its staff write it)"
	pol := get(set.Policies[11]).(*xiaoqi.Policy)
	pol.SectionEN, pol.HeadingEN, pol.TextEN = "", "", ""
	var prog *xiaoqi.Program
	for _, p := range set.Programs {
		if p.District != "" {
			prog = get(p).(*xiaoqi.Program)
			break
		}
	}
	var job *xiaoqi.JobNeed
	for _, j := range set.Jobs {
		if j.Sector != "" {
			job = get(j).(*xiaoqi.JobNeed)
			break
		}
	}
	var ent *xiaoqi.Enterprise
	for _, e := range set.Enterprises {
		if len(e.Sectors) > 0 {
			ent = get(e).(*xiaoqi.Enterprise)
			break
		}
	}
	if prog == nil || job == nil || ent == nil {
		t.Fatal("the set has no program with a district, posting with a sector or firm with sectors")
	}
	prog.District, job.Sector, ent.Sectors = "", "", nil
	put(xjtu, nwpu, pol, prog, job, ent)

	filled, err := seed.Fill(ctx, store, tax, 500)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"name_en": 1, "section_en": 1, "heading_en": 1, "text_en": 1, "district": 1, "sector": 1, "sectors": 1}
	if filled.Records != 5 || len(filled.Fields) != len(want) || filled.Checked == 0 {
		t.Errorf("Fill: %+v, want 5 records changed: %v", filled, want)
	}
	for f, n := range want {
		if filled.Fields[f] != n {
			t.Errorf("Fill filled %s in %d records, want %d", f, filled.Fields[f], n)
		}
	}
	if got := get(xjtu).(*xiaoqi.Institution); got.NameEN != "Xi'an Jiaotong University" || got.Website != "https://www.xjtu.edu.cn/edited" {
		t.Errorf("西安交通大学 after Fill: %q, %q, want its English name back and the edited website kept", got.NameEN, got.Website)
	}
	if got := get(nwpu).(*xiaoqi.Institution); got.NameEN != "NPU (as its staff write it)" {
		t.Errorf("西北工业大学's English name as its staff wrote it became %q", got.NameEN)
	}
	if got := get(pol).(*xiaoqi.Policy); got.TextEN != set.Policies[11].TextEN || got.HeadingEN == "" || got.SectionEN == "" {
		t.Errorf("item (%d) after Fill: %q / %q", got.Number, got.HeadingEN, got.TextEN)
	}
	if got := get(prog).(*xiaoqi.Program); got.District == "" {
		t.Errorf("program %s has no district after Fill", got.ID)
	}
	if got := get(job).(*xiaoqi.JobNeed); got.Sector == "" {
		t.Errorf("job %s has no sector after Fill", got.ID)
	}
	if got := get(ent).(*xiaoqi.Enterprise); len(got.Sectors) == 0 {
		t.Errorf("enterprise %s has no sectors after Fill", got.ID)
	}
	seq, err := store.LastSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if again, err := seed.Fill(ctx, store, tax, 500); err != nil || again.Records != 0 {
		t.Errorf("a second Fill: %+v, %v, want nothing changed", again, err)
	}
	if now, _ := store.LastSeq(ctx); now != seq {
		t.Errorf("a second Fill moved the feed from %d to %d", seq, now)
	}
}
