package main_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestMatchDistanceOfWrittenPlaces writes a firm of 咸阳市秦都区, schools of 西安 and 榆林 and
// candidates of 咸阳 and 宝鸡 through the API, which stores no point, and finds the distance
// factor measured from their districts' and cities' centres, as README's Matching says: the
// schools of 西安 were "0.5 咸阳市与西安市同属关中", no nearer than any other of 关中, and a
// candidate of 咸阳 ranked level with one of 宝鸡 for a job of 西安.
func TestMatchDistanceOfWrittenPlaces(t *testing.T) {
	m := MustOpenMain(t, t.TempDir(), false)
	base := m.URL()
	waitReady(t, base, 30*time.Second)
	create := func(kind string, body map[string]any) string {
		t.Helper()
		var out map[string]any
		if code := call(t, "POST", base+"/api/v1/"+kind, body, &out); code != http.StatusCreated {
			t.Fatalf("POST %s: status %d: %v", kind, code, out)
		}
		return out["id"].(string)
	}
	ent := create("enterprises", map[string]any{"name": "咸阳测试外包服务有限公司", "city": "咸阳", "district": "秦都区", "sectors": []string{"software"}})
	create("jobs", map[string]any{"enterprise_id": ent, "title": "软件测试工程师", "city": "咸阳市", "district": "秦都区", "headcount": 10, "skills": []string{"软件测试"}})
	school := func(name, city string) string {
		id := create("institutions", map[string]any{"name": name, "type": "university", "city": city})
		create("programs", map[string]any{"institution_id": id, "name": "软件工程", "major_code": "080902", "degree": "本科",
			"skills": []string{"软件测试"}, "graduates_per_year": 100})
		return id
	}
	xa, yl := school("西安某软件学院", "西安"), school("榆林某软件学院", "榆林")

	var l struct{ Data []xiaoqi.Match }
	if code := call(t, "GET", base+"/api/v1/enterprises/"+ent+"/partners?limit=10", nil, &l); code != http.StatusOK {
		t.Fatalf("partners: status %d", code)
	}
	dist := map[string]xiaoqi.MatchFactor{}
	var order []string
	for _, x := range l.Data {
		order = append(order, x.Institution.ID)
		for _, f := range x.Factors {
			if f.Factor == "distance" {
				dist[x.Institution.ID] = f
			}
		}
	}
	// 秦都区 is about 25 km from 西安's centre: near, not merely the same region.
	if f := dist[xa]; f.Score < 0.85 || !strings.Contains(f.ZH, "秦都区距西安市中心约") || !strings.Contains(f.ZH, "公里") ||
		!strings.Contains(f.EN, "Qindu District about") || !strings.Contains(f.EN, "km from the centre of Xi'an") {
		t.Errorf("distance of the 西安 school: %.2f %q / %q, want about 25 km from 西安's centre, scored as near", f.Score, f.ZH, f.EN)
	}
	if f := dist[yl]; f.Score >= dist[xa].Score || !strings.Contains(f.ZH, "公里") {
		t.Errorf("distance of the 榆林 school: %.2f %q, want kilometres and less than the 西安 school's %.2f", f.Score, f.ZH, dist[xa].Score)
	}
	if len(order) != 2 || order[0] != xa {
		t.Errorf("partners %v, want the 西安 school %s first", order, xa)
	}

	// Candidates stand at their city's centre: for a job of 西安, one of 咸阳 is nearer than
	// one of 宝鸡 with the same skills.
	job := create("jobs", map[string]any{"enterprise_id": ent, "title": "软件测试工程师（西安）", "city": "西安市", "headcount": 2, "skills": []string{"软件测试"}})
	xy := create("candidates", map[string]any{"name": "张咸阳", "city": "咸阳", "degree": "本科", "skills": []string{"软件测试"}})
	bj := create("candidates", map[string]any{"name": "李宝鸡", "city": "宝鸡", "degree": "本科", "skills": []string{"软件测试"}})
	if code := call(t, "GET", base+"/api/v1/jobs/"+job+"/candidates", nil, &l); code != http.StatusOK {
		t.Fatalf("candidates: status %d", code)
	}
	score := map[string]float64{}
	order = nil
	for _, x := range l.Data {
		order = append(order, x.Candidate.ID)
		score[x.Candidate.ID] = x.Score
		for _, f := range x.Factors {
			if f.Factor == "distance" && !strings.Contains(f.ZH, "市中心相距约") {
				t.Errorf("candidate %s: distance %q, want the kilometres between city centres", x.Candidate.ID, f.ZH)
			}
		}
	}
	if len(order) != 2 || order[0] != xy || score[xy] <= score[bj] {
		t.Errorf("candidates %v with scores %v, want %s of 咸阳 above %s of 宝鸡", order, score, xy, bj)
	}
}
