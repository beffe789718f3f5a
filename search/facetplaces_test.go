package search_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestPlaceFacetsCountTheProvincesPolicy: 软件测试 with the city facet said 咸阳市 14, and
// city=咸阳市 found 15: the policy item that says 软件测试 is the province's, in every city a
// search of such words is filtered by, and was counted in none. Each city's and region's
// count is what its filter finds.
func TestPlaceFacetsCountTheProvincesPolicy(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.Policy{Meta: xiaoqi.Meta{ID: "pol_3"}, Number: 3, Heading: "加快发展信息技术服务外包", Text: "重点发展软件测试、信息系统运营维护等业务。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_xy"}, Name: "软件测试工程师", City: "咸阳市", Region: xiaoqi.RegionGuanzhong, Skills: []string{"软件测试"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_xa1"}, Name: "软件测试工程师", City: "西安市", Region: xiaoqi.RegionGuanzhong, Skills: []string{"软件测试"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_xa2"}, Name: "软件测试专员", City: "西安市", Region: xiaoqi.RegionGuanzhong, Skills: []string{"软件测试"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_hz"}, Name: "软件测试工程师", City: "汉中市", Region: xiaoqi.RegionShaannan, Skills: []string{"软件测试"}},
	)
	all := find(t, x, xiaoqi.SearchQuery{Q: "软件测试", Facets: []string{"city", "region"}})
	if all.Total != 5 {
		t.Fatalf("软件测试: %d hits %v, want the 4 jobs and the policy item", all.Total, ids(all))
	}
	checked := 0
	for _, f := range all.Facets["city"] {
		got := find(t, x, xiaoqi.SearchQuery{Q: "软件测试", City: f.Value})
		if got.Total != uint64(f.Count) {
			t.Errorf("city facet %s %d, city=%s finds %d: %v", f.Value, f.Count, f.Value, got.Total, ids(got))
		}
		checked++
	}
	for _, f := range all.Facets["region"] {
		got := find(t, x, xiaoqi.SearchQuery{Q: "软件测试", Regions: []xiaoqi.Region{xiaoqi.Region(f.Value)}})
		if got.Total != uint64(f.Count) {
			t.Errorf("region facet %s %d, region=%s finds %d: %v", f.Value, f.Count, f.Value, got.Total, ids(got))
		}
		checked++
	}
	if checked != 5 {
		t.Errorf("facets %v: want three cities and two regions", all.Facets)
	}
	if _, ok := all.Facets["type"]; ok {
		t.Errorf("facets %v: the type facet was not asked for", all.Facets)
	}
}

// TestTypeFacetCountsWhatTheTabFinds: the enterprises' tab finds the firms through their job
// needs as well (呼叫中心: a firm whose posting asks for it), and the type facet of a search of
// all kinds said 4 where the tab found 5. The facet counts what each tab finds.
func TestTypeFacetCountsWhatTheTabFinds(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_says"}, Name: "西安某呼叫中心服务有限公司", City: "西安市", Description: "呼叫中心外包。"},
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_seeks"}, Name: "西安某软件有限公司", City: "西安市", Description: "软件开发。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_cc"}, EnterpriseID: "ent_seeks", EnterpriseName: "西安某软件有限公司", Name: "呼叫中心坐席",
			City: "西安市", Description: "负责呼叫中心的客户来电。"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_a"}, Name: "西安某职业学院", City: "西安市", Type: xiaoqi.InstitutionUniversity},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_cc"}, InstitutionID: "ins_a", InstitutionName: "西安某职业学院", Name: "呼叫中心服务与管理",
			Degree: "大专", City: "西安市"},
	)
	all := find(t, x, xiaoqi.SearchQuery{Q: "呼叫中心", Facets: []string{"type"}})
	counts := map[string]int{}
	for _, f := range all.Facets["type"] {
		counts[f.Value] = f.Count
	}
	for _, k := range []xiaoqi.Kind{xiaoqi.KindEnterprise, xiaoqi.KindInstitution, xiaoqi.KindJob, xiaoqi.KindProgram} {
		tab := find(t, x, xiaoqi.SearchQuery{Q: "呼叫中心", Types: []xiaoqi.Kind{k}})
		if uint64(counts[string(k)]) != tab.Total {
			t.Errorf("type facet %s %d, type=%s finds %d: %v", k, counts[string(k)], k, tab.Total, ids(tab))
		}
	}
	if counts[string(xiaoqi.KindEnterprise)] != 2 || counts[string(xiaoqi.KindInstitution)] != 1 {
		t.Errorf("type facet %v: want 2 enterprises (one seeking it) and the school that teaches it", all.Facets["type"])
	}
}
