package ingest_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

func TestReadDistrict(t *testing.T) {
	for _, tc := range []struct{ city, in, wantCity, want string }{
		{"西安市", "雁塔", "西安市", "雁塔区"}, {"西安市", "雁塔区", "西安市", "雁塔区"}, {"西安市", "Yanta District", "西安市", "雁塔区"},
		{"西安市", "yanta", "西安市", "雁塔区"}, {"西安市", "周至", "西安市", "周至县"}, {"渭南市", "韩城", "渭南市", "韩城市"},
		{"西安市", "高新技术产业开发区", "西安市", "高新区"}, {"西安市", "曲江", "西安市", "曲江新区"},
		{"宝鸡市", "雁塔", "宝鸡市", "雁塔"}, // not a district of 宝鸡: as written
		{"深圳市", "南山区", "深圳市", "南山区"}, {"深圳市", " 南山 ", "深圳市", "南山"}, {"西安市", "", "西安市", ""},
		// The new areas are areas: 杨凌 a city of its own, 西咸新区 Xi'an's, as ParseArea reads them.
		{"咸阳市", "杨凌示范区", "杨凌示范区", ""}, {"咸阳市", "杨凌", "杨凌示范区", ""}, {"咸阳市", "西咸新区", "西安市", "西咸新区"},
		{"咸阳市", "杨陵区", "咸阳市", "杨陵区"}, // the district of 咸阳 (陵) of the divisions stays
		// Written with its province and city, or a note in brackets.
		{"西安市", "陕西省西安市雁塔区", "西安市", "雁塔区"}, {"西安市", "西安市雁塔区", "西安市", "雁塔区"}, {"宝鸡市", "宝鸡市渭滨区", "宝鸡市", "渭滨区"},
		{"西安市", "西安雁塔", "西安市", "雁塔区"}, {"西安市", "雁塔区（高新）", "西安市", "雁塔区"},
		{"咸阳市", "西安市雁塔区", "咸阳市", "西安市雁塔区"}, // another city's: as written
	} {
		if c, d := ingest.ReadDistrict(tc.city, tc.in); c != tc.wantCity || d != tc.want {
			t.Errorf("ReadDistrict(%q, %q) = %q, %q; want %q, %q", tc.city, tc.in, c, d, tc.wantCity, tc.want)
		}
	}
}

// A district cell written short (雁塔) was stored as written: the district filter 雁塔区 and the
// hit cards saw two districts.
func TestImportDistrictCell(t *testing.T) {
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "jobs.csv", []byte(csvLines("岗位名称,公司名称,城市,区县", "Java开发,西安软通动力,西安,雁塔", "测试,西安软通动力,西安市,Chang'an District"))),
		ingest.Options{Type: xiaoqi.KindJob})
	jobs := jobsByTitle(t, s)
	if j := jobs["Java开发"]; j == nil || j.District != "雁塔区" {
		t.Errorf("district cell 雁塔 stored as %+v, want 雁塔区%s", j, problems(rep))
	}
	if j := jobs["测试"]; j == nil || j.District != "长安区" {
		t.Errorf("district cell Chang'an District stored as %+v, want 长安区%s", j, problems(rep))
	}
}

// A city written in English outside Shaanxi (Shenzhen) was kept as written with a warning.
func TestReadCityEnglish(t *testing.T) {
	for in, want := range map[string][2]string{
		"Shenzhen": {"深圳市", ""}, "beijing": {"北京市", ""}, "Xixian New Area": {"西安市", "西咸新区"}, "Xi'an": {"西安市", ""},
	} {
		c, d, problem, fatal := ingest.ReadCity(in)
		if c != want[0] || d != want[1] || problem != "" || fatal {
			t.Errorf("ReadCity(%q) = %q, %q, %q, %v; want %q, %q", in, c, d, problem, fatal, want[0], want[1])
		}
	}
}

// TestImportPlacesAsOfficesWriteThem: a district cell with its city (西安市雁塔区) is the
// district, which a filter by 雁塔区 finds; a place that disagrees with the city column, or a
// cell naming two cities, is imported as the city column says, with a warning (it was silent);
// a province alone in the city column is kept with a warning, as the area column and the API
// keep it, or beside an area the area's city (it failed the row); 户县 is 鄠邑区 (a city of that name before).
func TestImportPlacesAsOfficesWriteThem(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "jobs.csv", []byte(csvLines("岗位名称,公司名称,城市,区县,工作地点",
		"甲,西安某公司,西安,陕西省西安市雁塔区,",
		"乙,西安某公司,咸阳市,,西安市雁塔区科技路",
		"丙,西安某公司,西安、咸阳,,",
		"丁,西安某公司,陕西省,,",
		"戊,西安某公司,户县,,",
		"己,西安某公司,陕西省,,西安市雁塔区科技路"))), ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 6, Written: 6, Created: 6, Warnings: 3, EnterprisesCreated: 3})
	jobs := jobsByTitle(t, s)
	for title, want := range map[string][2]string{"甲": {"西安市", "雁塔区"}, "乙": {"咸阳市", ""}, "丙": {"西安市", ""},
		"丁": {"陕西省", ""}, "戊": {"西安市", "鄠邑区"}, "己": {"西安市", "雁塔区"}} {
		if j := jobs[title]; j == nil || j.City != want[0] || j.District != want[1] {
			t.Errorf("%s stored in %+v, want %v", title, j, want)
		}
	}
	if !hasProblem(rep, ingest.LevelWarning, 3, "工作地点", "not in 咸阳市") || !hasProblem(rep, ingest.LevelWarning, 4, "城市", "more than one city") ||
		!hasProblem(rep, ingest.LevelWarning, 5, "城市", "only the province") {
		t.Errorf("want warnings for rows 3, 4 and 5:%s", problems(rep))
	}
}

// TestCityBesideNewAreaAddress: a city column of 咸阳市 beside an address in 杨凌 or 西咸新区 is
// read as a district cell of them is (杨凌示范区; 西安市, 西咸新区): the first was warned "not
// in 咸阳市" and stored without a district, the second lost its district without a word. An
// address in another city than the city column's is still warned about.
func TestCityBesideNewAreaAddress(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "yl.csv", []byte(csvLines("岗位名称,企业名称,城市,区县,工作地点",
		"农业数据分析师,陕西测验辛科技有限公司,咸阳市,杨凌示范区,",
		"农业数据分析师3,陕西测验辛科技有限公司,咸阳市,,咸阳市杨凌示范区新桥路",
		"农业数据分析师4,陕西测验辛科技有限公司,咸阳市,,陕西省西安市西咸新区沣东新城",
		"对照1,陕西测验辛科技有限公司,咸阳市,,西安市雁塔区科技路",
		"对照2,陕西测验辛科技有限公司,宝鸡市,,西咸新区沣东新城"))), ingest.Options{Type: xiaoqi.KindJob})
	jobs := jobsByTitle(t, s)
	for title, want := range map[string][2]string{"农业数据分析师": {"杨凌示范区", ""}, "农业数据分析师3": {"杨凌示范区", ""},
		"农业数据分析师4": {"西安市", "西咸新区"}, "对照1": {"咸阳市", ""}, "对照2": {"宝鸡市", ""}} {
		if j := jobs[title]; j == nil || j.City != want[0] || j.District != want[1] {
			t.Errorf("%s: %+v, want %s %s", title, j, want[0], want[1])
		}
	}
	for row, warn := range map[int]bool{2: false, 3: false, 4: false, 5: true, 6: true} {
		if got := hasProblem(rep, ingest.LevelWarning, row, "工作地点", "与城市列"); got != warn {
			t.Errorf("row %d: warning %v, want %v:%s", row, got, warn, problems(rep))
		}
	}
}

// TestMoreOfficeHeaders: 所属区县 is a district column and 年结业人数 (a training course's) the
// graduates a year: both were columns not imported.
func TestMoreOfficeHeaders(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "orgs.csv", []byte(csvLines("机构名称,城市,所属区县,办学层次", "测验甲培训学校,西安市,雁塔区,培训机构"))),
		ingest.Options{Type: xiaoqi.KindInstitution})
	if len(rep.Unknown) != 0 {
		t.Errorf("unknown columns %+v", rep.Unknown)
	}
	rep = mustImport(t, s, writeFile(t, "courses.csv", []byte(csvLines("培训机构,课程名称,年结业人数", "测验甲培训学校,软件测试班,200"))),
		ingest.Options{Type: xiaoqi.KindProgram})
	if len(rep.Unknown) != 0 {
		t.Errorf("unknown columns %+v", rep.Unknown)
	}
	for _, d := range allDocs(t, s, xiaoqi.KindProgram) {
		if p := d.(*xiaoqi.Program); p.GraduatesPerYear != 200 || p.District != "雁塔区" {
			t.Errorf("course %+v: want 200 graduates a year, in 雁塔区", p)
		}
	}
}
