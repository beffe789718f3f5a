package ingest_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// TestDistrictOfAnotherCity: a district cell is read as the API reads a district, in English
// too (Gaoxin District → 高新区, which was kept as written and missed by district=高新区), and
// one its city does not have is an error in the district column, as in a program list: 宝鸡 ·
// 雁塔区 was stored with a warning, 咸阳 · Qujiang New District and 西安 · 火星区 silently.
func TestDistrictOfAnotherCity(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "firms.csv", []byte(csvLines("企业名称,城市,区县",
		"甲软件有限公司,西安,Gaoxin District",
		"乙软件有限公司,宝鸡,雁塔区",
		"丙软件有限公司,咸阳,Qujiang New District",
		"丁软件有限公司,西安,火星区",
		"戊软件有限公司,宝鸡,高新区",
		"己软件有限公司,深圳,南山区"))),
		ingest.Options{Type: xiaoqi.KindEnterprise})
	stored := map[string]string{}
	for _, d := range allDocs(t, s, xiaoqi.KindEnterprise) {
		e := d.(*xiaoqi.Enterprise)
		stored[e.Name] = e.City + " " + e.District
	}
	want := map[string]string{"甲软件有限公司": "西安市 高新区", "戊软件有限公司": "宝鸡市 高新区", "己软件有限公司": "深圳市 南山区"}
	if len(stored) != len(want) {
		t.Errorf("stored %v, want %v; problems: %s", stored, want, problems(rep))
	}
	for name, place := range want {
		if stored[name] != place {
			t.Errorf("%s stored in %q, want %q", name, stored[name], place)
		}
	}
	for _, p := range []struct {
		row  int
		text string
	}{{3, `"雁塔区" 在西安市，不在宝鸡市`}, {4, `"曲江新区" 不是咸阳市的区县或开发区`}, {5, `"火星区" is not a district, county or development zone of Xi'an`}} {
		if !hasProblem(rep, ingest.LevelError, p.row, "区县", p.text) {
			t.Errorf("no error on row %d's district saying %s; problems: %s", p.row, p.text, problems(rep))
		}
	}
}
