package search_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/internal/msgcheck"
)

// TestFilterValuesAsUsersWriteThem: a filter value works as users write it (雁塔 for 雁塔区,
// java for Java, 英语 for every level of English, 西电 for 西安电子科技大学), and a city that
// is not one of Shaanxi's is a 400 naming the parameter, not an empty answer.
func TestFilterValuesAsUsersWriteThem(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_yt"}, Name: "Java开发工程师", City: "西安市", District: "雁塔区",
			Skills: []string{"Java", "C++"}, Languages: []string{"英语CET-6"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_zz"}, Name: "测试工程师", City: "西安市", District: "周至县",
			Skills: []string{"软件测试"}, Languages: []string{"日语N2"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_4"}, Name: "运维工程师", City: "宝鸡市", Skills: []string{"Linux"},
			Languages: []string{"英语四级"}},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_xd"}, InstitutionID: "ins_xd", InstitutionName: "西安电子科技大学",
			Name: "软件工程", MajorCode: "080902", Degree: "本科", City: "西安市"},
	)
	for _, tc := range []struct {
		name string
		q    xiaoqi.SearchQuery
		want []string
	}{
		{"district 雁塔", xiaoqi.SearchQuery{Districts: []string{"雁塔"}}, []string{"job_yt"}},
		{"district 周至", xiaoqi.SearchQuery{Districts: []string{"周至"}}, []string{"job_zz"}},
		{"district 雁塔区", xiaoqi.SearchQuery{Districts: []string{"雁塔区"}}, []string{"job_yt"}},
		{"skill java", xiaoqi.SearchQuery{Skills: []string{"java"}}, []string{"job_yt"}},
		{"skill JAVA开发", xiaoqi.SearchQuery{Skills: []string{"JAVA开发"}}, []string{"job_yt"}},
		{"skill c++", xiaoqi.SearchQuery{Skills: []string{"c++"}}, []string{"job_yt"}},
		{"skill 测试 alias", xiaoqi.SearchQuery{Skills: []string{"软件测试工程师"}}, []string{"job_zz"}},
		{"language 英语", xiaoqi.SearchQuery{Languages: []string{"英语"}}, []string{"job_4", "job_yt"}},
		{"language english", xiaoqi.SearchQuery{Languages: []string{"English"}}, []string{"job_4", "job_yt"}},
		{"language 日语", xiaoqi.SearchQuery{Languages: []string{"日语"}}, []string{"job_zz"}},
		{"language 日语n2", xiaoqi.SearchQuery{Languages: []string{"日语n2"}}, []string{"job_zz"}},
		{"language 日语N1", xiaoqi.SearchQuery{Languages: []string{"日语N1"}}, nil},
		{"institution 西电", xiaoqi.SearchQuery{Institutions: []string{"西电"}}, []string{"prg_xd"}},
		{"city 西安", xiaoqi.SearchQuery{Cities: []string{"西安"}}, []string{"job_yt", "job_zz", "prg_xd"}},
	} {
		got := ids(find(t, x, tc.q))
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	_, err := x.Search(t.Context(), xiaoqi.SearchQuery{Cities: []string{"北京"}})
	var e *xiaoqi.Error
	if !errors.As(err, &e) || e.Code != xiaoqi.EINVALID || len(e.Details) != 1 || e.Details[0].Field != "city" ||
		!strings.Contains(e.Message, "未知城市") || strings.Index(e.Message, "unknown city") < strings.Index(e.Message, "未知城市") {
		t.Errorf("city 北京: %v, want a 400 naming city, Chinese first", err)
	}
	// A city of elsewhere that documents are in (an import of other provinces' postings).
	index(t, x, &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_bj"}, Name: "前端开发", City: "北京市"})
	if got := ids(find(t, x, xiaoqi.SearchQuery{Cities: []string{"北京"}})); !slices.Equal(got, []string{"job_bj"}) {
		t.Errorf("city 北京 with a job there: %v, want it", got)
	}
}

// TestDegreeOneValue: a school's level 专科 is the 大专 of job needs, one value to filter and
// count: degree=大专 left out every vocational college.
func TestDegreeOneValue(t *testing.T) {
	x, _ := openIndex(t)
	index(t, x,
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_zk"}, Name: "陕西工业职业技术学院", Type: xiaoqi.InstitutionUniversity,
			City: "咸阳市", Level: "专科"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_bk"}, Name: "西安邮电大学", Type: xiaoqi.InstitutionUniversity,
			City: "西安市", Level: "本科"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_dz"}, Name: "运维工程师", City: "西安市", Degree: "大专"},
	)
	for _, d := range []string{"大专", "专科"} {
		got := ids(find(t, x, xiaoqi.SearchQuery{Degrees: []string{d}}))
		slices.Sort(got)
		if !slices.Equal(got, []string{"ins_zk", "job_dz"}) {
			t.Errorf("degree=%s: %v, want the college and the job", d, got)
		}
	}
	res := find(t, x, xiaoqi.SearchQuery{Facets: []string{"degree"}})
	if got := res.Facets["degree"]; len(got) != 2 || got[0] != (xiaoqi.FacetCount{Value: "大专", Count: 2}) {
		t.Errorf("degree facet: %v, want 大专 2, 本科 1", got)
	}
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "大专", Types: []xiaoqi.Kind{xiaoqi.KindInstitution}})); !slices.Equal(got, []string{"ins_zk"}) {
		t.Errorf("大专 among institutions: %v, want the college", got)
	}
}

// TestDistrictAsImported: a district filter by a short name the import reads (曲江, 浐灞,
// 港务区, 西咸) finds the documents the import stored under the zone's name (曲江新区 …); it
// found none of them. A district of no place at all is a 400 naming the parameter, as a city
// of no place is, not an empty answer.
func TestDistrictAsImported(t *testing.T) {
	x := openProductIndex(t)
	short := []string{"浐灞", "曲江", "港务区", "西咸", "高新", "经开", "航天城", "沣东新城", "雁塔", "周至", "长安"}
	for i, v := range short {
		city, district := ingest.ReadDistrict("西安市", v)
		index(t, x, &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: fmt.Sprintf("job_%d", i)}, Name: "测试工程师", City: city, District: district})
	}
	for i, v := range short {
		want := fmt.Sprintf("job_%d", i)
		if got := ids(find(t, x, xiaoqi.SearchQuery{Districts: []string{v}})); !slices.Contains(got, want) {
			_, d := ingest.ReadDistrict("西安市", v)
			t.Errorf("district=%s: %v, want %s (imported as %s)", v, got, want, d)
		}
	}
	_, err := x.Search(t.Context(), xiaoqi.SearchQuery{Districts: []string{"火星区"}})
	var e *xiaoqi.Error
	if !errors.As(err, &e) || e.Code != xiaoqi.EINVALID || len(e.Details) != 1 || e.Details[0].Field != "district" ||
		!strings.Contains(e.Message, "未知区县") || msgcheck.Check(e.Message) != nil {
		t.Errorf("district 火星区: %v, want a 400 naming district, in Chinese and English", err)
	}
	// A district of Shaanxi without documents is no mistake: none found.
	if res := find(t, x, xiaoqi.SearchQuery{Districts: []string{"宜君"}}); res.Total != 0 {
		t.Errorf("district 宜君: %d found, want none", res.Total)
	}
	// A district of elsewhere that documents are in, kept as written by an import.
	index(t, x, &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_bj"}, Name: "前端开发", City: "北京市", District: "海淀区"})
	if got := ids(find(t, x, xiaoqi.SearchQuery{Districts: []string{"海淀区"}})); !slices.Equal(got, []string{"job_bj"}) {
		t.Errorf("district 海淀区 with a job there: %v, want it", got)
	}
}
