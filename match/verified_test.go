package match_test

import (
	"context"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestVerifiedEnterprises: an enterprise with a valid 统一社会信用代码 is verified in every
// answer that names it (partner suggestions both ways, a candidate's jobs), and one without is
// marked unverified, its suggestions carrying the note 未核验企业 / unverified enterprise.
func TestVerifiedEnterprises(t *testing.T) {
	code := "91610131MA6TXXXX0"
	code += string(xiaoqi.CreditCodeCheck(code))
	docs := smallMarket()
	docs[0].(*xiaoqi.Enterprise).CreditCode = code // ent_soft; ent_care has none
	docs = append(docs,
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_x", Synthetic: true}, Name: "西安某学院", City: "西安市", Type: xiaoqi.InstitutionUniversity},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_java", Synthetic: true}, InstitutionID: "ins_x", InstitutionName: "西安某学院",
			Name: "软件工程", Degree: "本科", City: "西安市", Skills: []string{"Java", "MySQL", "Spring", "英语", "医学术语"}, GraduatesPerYear: 100},
	)
	m := smallMatcher(t, docs)
	ctx := context.Background()
	wantVerified := map[string]bool{"ent_soft": true, "ent_care": false, "job_java": true, "job_care": false}
	checkParty := func(where string, p *xiaoqi.MatchParty) {
		t.Helper()
		if p == nil {
			return
		}
		want, ok := wantVerified[p.ID]
		if !ok {
			if p.Verified != nil {
				t.Errorf("%s: %s %s has verified = %v, want none", where, p.Type, p.ID, *p.Verified)
			}
			return
		}
		if p.Verified == nil {
			t.Errorf("%s: %s has no verified, want %v", where, p.ID, want)
		} else if *p.Verified != want {
			t.Errorf("%s: %s has verified %v, want %v", where, p.ID, *p.Verified, want)
		}
	}
	checkNote := func(where string, mt xiaoqi.Match, ent string) {
		t.Helper()
		var note *xiaoqi.MatchFactor
		for i := range mt.Factors {
			if mt.Factors[i].Factor == "verification" {
				note = &mt.Factors[i]
			}
		}
		switch {
		case wantVerified[ent] && note != nil:
			t.Errorf("%s: verified %s has the note %+v", where, ent, *note)
		case !wantVerified[ent] && (note == nil || note.Weight != 0 || note.ZH == "" || note.EN == ""):
			t.Errorf("%s: unverified %s: note %+v, want 未核验企业 / unverified enterprise with weight 0", where, ent, note)
		}
	}

	seen := map[string]bool{}
	ip, err := m.InstitutionPartners(ctx, "ins_x", xiaoqi.Scope{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	checkParty("institution partners: for", &ip.For)
	for _, mt := range ip.Data {
		checkParty("institution partners", mt.Institution)
		checkParty("institution partners", mt.Enterprise)
		checkNote("institution partners", mt, mt.Enterprise.ID)
		seen[mt.Enterprise.ID] = true
	}
	for _, ent := range []string{"ent_soft", "ent_care"} {
		if !seen[ent] {
			t.Errorf("institution partners: %s not suggested (%d suggestions)", ent, len(ip.Data))
		}
		ep, err := m.EnterprisePartners(ctx, ent, xiaoqi.Scope{}, 10)
		if err != nil {
			t.Fatal(err)
		}
		checkParty("enterprise partners: for", &ep.For)
		if len(ep.Data) == 0 {
			t.Errorf("no partners for %s", ent)
		}
		for _, mt := range ep.Data {
			checkParty("enterprise partners", mt.Enterprise)
			checkNote("enterprise partners", mt, ent)
		}
	}
	for cnd, job := range map[string]string{"cnd_java": "job_java", "cnd_nurse": "job_care"} {
		l, err := m.CandidateJobs(ctx, cnd, xiaoqi.Scope{}, 10)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, mt := range l.Data {
			checkParty("candidate jobs", mt.Job)
			checkParty("candidate jobs", mt.Enterprise)
			if mt.Job.ID == job {
				found = true
				checkNote("candidate jobs", mt, mt.Enterprise.ID)
			}
		}
		if !found {
			t.Errorf("jobs for %s: %s not offered", cnd, job)
		}
	}
	jc, err := m.JobCandidates(ctx, "job_care", xiaoqi.Scope{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	checkParty("job candidates: for", &jc.For)
}
