package ingest_test

import (
	"encoding/csv"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/seed"
)

// TestShaanxiPlaces: county-level cities and counties name their city (韩城 is in 渭南, 神木 in
// 榆林), Xi'an's zones theirs, 西咸新区 is a district of 西安市 however it is written (as the
// divisions have it: administered by Xi'an), 杨凌 is 杨凌示范区 without a district made of
// what follows its name, and a bare 高新区 names a district but no city.
func TestShaanxiPlaces(t *testing.T) {
	tests := []struct{ in, city, district string }{
		{"韩城", "渭南市", "韩城市"},
		{"韩城市", "渭南市", "韩城市"},
		{"陕西省韩城市", "渭南市", "韩城市"},
		{"渭南韩城", "渭南市", "韩城市"},
		{"神木", "榆林市", "神木市"},
		{"神木县", "榆林市", "神木市"}, // its name before 2017
		{"户县", "西安市", "鄠邑区"},  // renamed in 2016
		{"陕西省户县", "西安市", "鄠邑区"},
		{"华县", "渭南市", "华州区"},
		{"彬县", "咸阳市", "彬州市"},
		{"榆林市神木市", "榆林市", "神木市"},
		{"周至县", "西安市", "周至县"},
		{"雁塔区", "西安市", "雁塔区"},
		{"眉县", "宝鸡市", "眉县"},
		{"曲江新区", "西安市", "曲江新区"},
		{"西安曲江新区", "西安市", "曲江新区"},
		{"浐灞生态区", "西安市", "浐灞生态区"},
		{"西安浐灞", "西安市", "浐灞生态区"},
		{"国际港务区", "西安市", "国际港务区"},
		{"西咸新区", "西安市", "西咸新区"},
		{"西咸新区沣东新城", "西安市", "西咸新区"},
		{"陕西省西安西咸新区", "西安市", "西咸新区"},
		{"陕西省西咸新区沣西新城", "西安市", "西咸新区"},
		{"沣东新城", "西安市", "西咸新区"},
		{"杨凌", "杨凌示范区", ""},
		{"杨凌区", "杨凌示范区", ""},
		{"杨凌示范区", "杨凌示范区", ""},
		{"陕西省杨凌农业高新技术产业示范区", "杨凌示范区", ""},
		{"咸阳杨凌", "杨凌示范区", ""}, // was 咸阳市 with no district: 杨凌 dropped
		{"咸阳市杨凌示范区", "杨凌示范区", ""},
		{"陕西省咸阳市杨凌区", "杨凌示范区", ""},
		{"咸阳市杨陵区", "咸阳市", "杨陵区"}, // the district of 咸阳 (陵), not the zone
		{"高新区", "", "高新区"},
		{"西安高新区", "西安市", "高新区"},
		{"宝鸡市高新区", "宝鸡市", "高新区"},
		{"长安街", "", ""}, // not 长安区
		{"湖北省武汉洪山区", "武汉市", "洪山区"},
	}
	for _, tt := range tests {
		if c, d := ingest.ParseArea(tt.in); c != tt.city || d != tt.district {
			t.Errorf("ParseArea(%q) = %q, %q; want %q, %q", tt.in, c, d, tt.city, tt.district)
		}
	}
	for _, tt := range []struct{ in, city, district string }{
		{"韩城", "渭南市", "韩城市"}, {"西咸新区", "西安市", "西咸新区"}, {"杨凌示范区", "杨凌示范区", ""}, {"高新区", "", "高新区"}, {"曲江新区", "西安市", "曲江新区"},
	} {
		if c, d := ingest.ParseCity(tt.in); c != tt.city || d != tt.district {
			t.Errorf("ParseCity(%q) = %q, %q; want %q, %q", tt.in, c, d, tt.city, tt.district)
		}
	}
}

// TestCountiesMatchDivisions: the counties the import knows are the county-level units of
// the reference divisions, each in its city.
func TestCountiesMatchDivisions(t *testing.T) {
	divs, err := seed.Divisions()
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	n := 0
	for _, d := range divs {
		if d.Level != xiaoqi.DivisionCounty {
			continue
		}
		n++
		if d.Name == "杨陵区" {
			continue // 杨凌示范区's: see TestShaanxiPlaces
		}
		if c, dist := ingest.ParseArea(d.Name); c != d.City || dist != d.Name {
			missing = append(missing, d.Name+" → "+c+"/"+dist+" (want "+d.City+")")
		}
	}
	sort.Strings(missing)
	if n != 107 || len(missing) > 0 {
		t.Errorf("%d counties; not read as their city's: %v", n, missing)
	}
}

// TestBareZone: a row whose place is a bare 高新区 is refused with a message that says why
// (many cities have one) and what to do; with a default city it is that city's 高新区.
func TestBareZone(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "jobs.csv", []byte(csvLines("岗位名称,公司名称,工作地点", "测试工程师,甲公司,高新区", "开发工程师,甲公司,韩城")))
	s := openStore(t)
	rep := mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob, Mode: ingest.ModeDryRun})
	if !hasProblem(rep, ingest.LevelError, 2, "工作地点", "--default city=") || !hasProblem(rep, ingest.LevelError, 2, "工作地点", "高新区") {
		t.Errorf("want row 2 refused, naming 高新区 and --default city:%s", problems(rep))
	}
	if rep.Invalid != 1 {
		t.Errorf("%d invalid, want 1 (韩城 is a place):%s", rep.Invalid, problems(rep))
	}
	rep = mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob, Defaults: map[string]string{"city": "西安市"}})
	if rep.Invalid != 0 {
		t.Fatalf("with a default city:%s", problems(rep))
	}
	jobs := jobsByTitle(t, s)
	if j := jobs["测试工程师"]; j.City != "西安市" || j.District != "高新区" {
		t.Errorf("测试工程师 in %s %s, want 西安市 高新区", j.City, j.District)
	}
	if j := jobs["开发工程师"]; j.City != "渭南市" || j.District != "韩城市" {
		t.Errorf("开发工程师 in %s %s, want 渭南市 韩城市 (its own place, not the default)", j.City, j.District)
	}

	// A bare 高新区 in a 区县 column, the city cell empty, gets the same explanation, in the
	// district's column; it got "城市 city 必填 / city is required".
	path = writeFile(t, "districts.csv", []byte(csvLines("岗位名称,公司名称,城市,区县", "测试工程师,乙公司,,高新区")))
	rep = mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob, Mode: ingest.ModeDryRun})
	if !hasProblem(rep, ingest.LevelError, 2, "区县", "许多城市都有高新区") || !hasProblem(rep, ingest.LevelError, 2, "区县", "--default city=") ||
		hasProblem(rep, ingest.LevelError, 2, "城市", "") {
		t.Errorf("want row 2 refused in 区县, saying that many cities have a 高新区 and naming --default city, and nothing about the city:%s", problems(rep))
	}
	rep = mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob, Mode: ingest.ModeDryRun, Defaults: map[string]string{"city": "西安市"}})
	if rep.Invalid != 0 {
		t.Errorf("区县 高新区 with a default city:%s", problems(rep))
	}
}

func TestCountyNamesElsewhere(t *testing.T) {
	// 山阳区 is in 焦作 (河南), not 商洛's 山阳县.
	if c, d := ingest.ParseArea("山阳区"); c == "商洛市" {
		t.Errorf("ParseArea(山阳区) = %q, %q: not 商洛's 山阳县", c, d)
	}
	if c, d := ingest.ParseArea("凤翔县"); c != "宝鸡市" || d != "凤翔区" {
		t.Errorf("ParseArea(凤翔县) = %q, %q; want 宝鸡市 凤翔区 (a county until 2021)", c, d)
	}
}

// TestCitiesOfChina: a city outside Shaanxi is stored by its full name however it is
// written (深圳, 深圳-南山区 and 广东省深圳市南山区 are all 深圳市), so that the city facet
// counts one city once; a city column that names no known place is kept as written, with a
// warning naming the column; every unit of the prefecture list reads as itself.
func TestCitiesOfChina(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "jobs.csv", []byte(csvLines(
		"岗位名称,公司名称,城市",
		"测试工程师,甲公司,深圳",
		"开发工程师,乙公司,深圳-南山区",
		"运维工程师,丙公司,广东省深圳市南山区",
		"客服专员,丁公司,火星"))), ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 4, Written: 4, Created: 4, Warnings: 1, EnterprisesCreated: 4})
	if !hasProblem(rep, ingest.LevelWarning, 5, "城市", "is not a known city") {
		t.Errorf("want a warning on 火星:%s", problems(rep))
	}
	jobs := jobsByTitle(t, s)
	for title, want := range map[string][2]string{
		"测试工程师": {"深圳市", ""}, "开发工程师": {"深圳市", "南山区"}, "运维工程师": {"深圳市", "南山区"}, "客服专员": {"火星", ""},
	} {
		if j := jobs[title]; j == nil || j.City != want[0] || j.District != want[1] {
			t.Errorf("%s: %+v, want %v", title, j, want)
		}
	}

	f, err := os.Open("data/prefectures.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) != 334 {
		t.Fatalf("prefectures.csv: %d rows, %v; want 333 units", len(rows)-1, err)
	}
	full := map[string]string{"内蒙古": "内蒙古自治区", "广西": "广西壮族自治区", "西藏": "西藏自治区", "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区"}
	for _, r := range rows[1:] {
		name, short, province := r[1], r[2], r[3]
		prov := full[province]
		if prov == "" {
			prov = province + "省"
		}
		ins := []string{name, province + short, prov + name, prov + short + "某区"}
		if short != "吉林" && short != "海南" { // 吉林市, 海南藏族自治州: alone, their short names are provinces
			ins = append(ins, short, short+"-某区")
		}
		for _, in := range ins {
			if c, _ := ingest.ParseCity(in); c != name {
				t.Errorf("ParseCity(%q) = %q, want %q", in, c, name)
			}
		}
	}
}

// A city past the length of a line is refused as written: read first, 301 characters of 字
// were stored as the city 字字市, which Validate found short enough.
func TestReadDocPlaceRefusesLongCity(t *testing.T) {
	for _, n := range []int{xiaoqi.MaxShortText + 1, 5000} {
		j := &xiaoqi.JobNeed{Name: "数据分析", EnterpriseName: "某公司", City: strings.Repeat("字", n)}
		_, problem, fatal := ingest.ReadDocPlace(j)
		if !fatal || !strings.Contains(problem, "过长") || !strings.Contains(problem, "too long") || j.City != strings.Repeat("字", n) {
			t.Errorf("a city of %d characters: problem %q fatal %v, stored %.20q; want it refused as too long, left as written", n, problem, fatal, j.City)
		}
	}
	j := &xiaoqi.JobNeed{City: "西安"}
	if _, problem, fatal := ingest.ReadDocPlace(j); fatal || problem != "" || j.City != "西安市" {
		t.Errorf("西安: %q %v %q, want 西安市", problem, fatal, j.City)
	}
}
