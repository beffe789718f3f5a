package skill_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

func TestDataIntegrity(t *testing.T) {
	tx := load(t)
	skills := tx.Skills()
	if len(skills) < 400 {
		t.Errorf("%d skills, want at least 400", len(skills))
	}
	seen := map[string]bool{}
	for _, s := range skills {
		if seen[s.ID] {
			t.Errorf("duplicate id %s", s.ID)
		}
		seen[s.ID] = true
		if s.NameZH == "" || s.NameEN == "" || s.Category == "" || len(s.Sectors) == 0 {
			t.Errorf("%s: missing name, category or sectors: %+v", s.ID, s)
		}
		for _, sec := range s.Sectors {
			if !sec.Valid() {
				t.Errorf("%s: invalid sector %q", s.ID, sec)
			}
		}
		for _, r := range s.Related {
			if _, ok := tx.Skill(r.ID); !ok {
				t.Errorf("%s: related %s does not exist", s.ID, r.ID)
			}
			if r.Weight <= 0 || r.Weight > 1 {
				t.Errorf("%s: related %s has weight %g", s.ID, r.ID, r.Weight)
			}
			back := false
			for _, b := range tx.Related(r.ID) {
				back = back || b.ID == s.ID && b.Weight == r.Weight
			}
			if !back {
				t.Errorf("%s -> %s is not symmetric", s.ID, r.ID)
			}
		}
		for _, m := range s.Majors {
			if m.Depth < 1 || m.Depth > 3 {
				t.Errorf("%s: major %s has depth %d", s.ID, m.Code, m.Depth)
			}
		}
		// Every name and alias resolves to its own skill.
		for _, a := range append([]string{s.NameZH, s.NameEN}, s.Aliases...) {
			if got, ok := tx.Resolve(a); !ok || got.ID != s.ID {
				t.Errorf("Resolve(%q) = %v, want %s", a, got, s.ID)
			}
		}
	}
	for sec := range xiaoqi.SectorNames {
		if n := len(tx.BySector(sec)); n < 5 {
			t.Errorf("sector %s has %d skills, want at least 5", sec, n)
		}
	}
}

// TestVersionRecordsData fails when the embedded data changed without a new data/VERSION.
func TestVersionRecordsData(t *testing.T) {
	tx := load(t)
	data, err := os.ReadFile(filepath.Join("data", "VERSION"))
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(data))
	if len(f) != 2 || f[0] != tx.Version() {
		t.Fatalf("data/VERSION = %q, want \"<version> <fingerprint>\"", data)
	}
	if f[1] != tx.Fingerprint() {
		t.Errorf("the data changed (fingerprint %s, data/VERSION records %s): bump the version and write %q to data/VERSION",
			tx.Fingerprint(), f[1], "<new version> "+tx.Fingerprint())
	}
}

func TestResolve(t *testing.T) {
	tx := load(t)
	for _, c := range []struct{ name, want string }{
		{"JAVA开发", "java"}, {"Java工程师", "java"}, {"java", "java"}, {"ＪＡＶＡ", "java"},
		{"Java高级开发工程师", "java"}, {"熟悉Java", "java"}, {"jave", "java"},
		{"软件测试", "software_testing"}, {"QA", "quality_assurance"}, {"軟體測試", "software_testing"},
		{"Golang", "go"}, {"C#", "csharp"}, {"c++", "cpp"}, {"R语言", "r"},
		{"运维", "it_operations"}, {"运营维护", "it_operations"}, {"DevOps", "devops"},
		{"日语N1", "japanese_n1"}, {"日语 N2", "japanese_n2"}, {"JLPT N2", "japanese_n2"},
		{"CET-6", "cet6"}, {"英语六级", "cet6"}, {"雅思", "ielts"}, {"韩语", "korean"},
		{"报关", "customs_declaration"}, {"核保", "underwriting"}, {"理赔", "claims"}, {"风控", "risk_control"},
		{"CDM", "clinical_data_management"}, {"CRO", "cro"}, {"医学翻译", "medical_translation"},
		{"3DMAX", "3ds_max"}, {"Premiere", "premiere"}, {"UE5", "unreal_engine"}, {"WMS", "wms"},
		{"PMP", "pmp"}, {"ISO 27001", "iso27001"}, {"ITIL", "itil"}, {"CMMI", "cmmi"},
		{"spring boot", "spring_boot"}, {"SpringBoot", "spring_boot"}, {"spring-boot", "spring_boot"},
		{"PLC", "plc"}, {"CAE", "cae"}, {"AutoCAD", "autocad"},
	} {
		got, ok := tx.Resolve(c.name)
		if !ok || got.ID != c.want {
			t.Errorf("Resolve(%q) = %v, %v; want %s", c.name, got, ok, c.want)
		}
	}
	for _, name := range []string{"", "五险一金", "沟通能力强", "Google"} {
		if got, ok := tx.Resolve(name); ok {
			t.Errorf("Resolve(%q) = %s, want nothing", name, got.ID)
		}
	}
}

func TestRelated(t *testing.T) {
	tx := load(t)
	weight := func(a, b string) float64 {
		for _, r := range tx.Related(a) {
			if r.ID == b {
				return r.Weight
			}
		}
		return 0
	}
	for _, c := range [][2]string{
		{"software_testing", "quality_assurance"}, {"java", "spring"}, {"japanese_n2", "japanese"},
		{"maya", "3ds_max"}, {"wms", "warehouse_management"}, {"underwriting", "claims"},
		{"clinical_data_management", "cdisc"}, {"customs_declaration", "freight_forwarding"},
	} {
		if w := weight(c[0], c[1]); w < 0.5 {
			t.Errorf("related(%s, %s) = %g, want at least 0.5", c[0], c[1], w)
		}
	}
	rel := tx.Related("java")
	for i := 1; i < len(rel); i++ {
		if rel[i].Weight > rel[i-1].Weight {
			t.Errorf("Related(java) not ordered by weight: %v", rel)
		}
	}
	if tx.Related("no_such_skill") != nil {
		t.Error("Related of an unknown id is not nil")
	}
}

func TestMajors(t *testing.T) {
	tx := load(t)
	teaches := func(code, id string) int {
		for _, sd := range tx.SkillsOfMajor(code) {
			if sd.ID == id {
				return sd.Depth
			}
		}
		return 0
	}
	for _, c := range []struct {
		code, skill string
		depth       int
	}{
		{"080902", "java", 3}, {"080902", "software_testing", 2}, {"130310", "maya", 3},
		{"050207", "japanese", 3}, {"120601", "wms", 2}, {"020303", "underwriting", 3},
		{"120203K", "accounting", 3}, {"080703", "nr_5g", 2}, {"050307T", "epub", 3}, {"080910", "spark", 3},
		{"100701", "gmp", 3}, {"0502100T", "translation", 2},
	} {
		if d := teaches(c.code, c.skill); d < c.depth {
			t.Errorf("major %s teaches %s at depth %d, want at least %d", c.code, c.skill, d, c.depth)
		}
	}
	found := false
	for _, m := range tx.MajorsFor("java") {
		found = found || m.Code == "080902" && m.Depth == 3
	}
	if !found {
		t.Errorf("MajorsFor(java) = %v, want 080902 at depth 3", tx.MajorsFor("java"))
	}
}

// TestEveryMajorMapped checks the taxonomy against the catalogue copy in seed/data: every
// major maps to skills, and those of the service-outsourcing classes to a real list.
func TestEveryMajorMapped(t *testing.T) {
	tx := load(t)
	f, err := os.Open(filepath.Join("..", "seed", "data", "majors.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 != 883 {
		t.Errorf("catalogue has %d majors, want 883", len(rows)-1)
	}
	if len(tx.Majors()) != len(rows)-1 {
		t.Errorf("taxonomy maps %d majors, catalogue has %d", len(tx.Majors()), len(rows)-1)
	}
	// computer, electronic information, management science, e-commerce, logistics, finance,
	// design, drama/film (animation 130310) and foreign languages.
	key := map[string]int{"0809": 5, "0807": 5, "1201": 4, "1208": 5, "1206": 5, "0203": 5, "1305": 4, "1303": 3, "0502": 3}
	for _, r := range rows[1:] {
		code, name, class := r[0], r[1], r[2]
		m, ok := tx.Major(code)
		if !ok {
			t.Errorf("major %s %s is not mapped", code, name)
			continue
		}
		if m.Name != name || m.Class != class {
			t.Errorf("major %s: taxonomy says %s (%s), catalogue %s (%s)", code, m.Name, m.Class, name, class)
		}
		if len(m.Skills) == 0 {
			t.Errorf("major %s %s teaches no skill", code, name)
		}
		if min, ok := key[class]; ok && len(m.Skills) < min {
			t.Errorf("major %s %s teaches %d skills, want at least %d", code, name, len(m.Skills), min)
		}
	}
}

func TestSynonyms(t *testing.T) {
	tx := load(t)
	sets := tx.Synonyms()
	if len(sets) != len(tx.Skills()) {
		t.Fatalf("%d synonym sets for %d skills", len(sets), len(tx.Skills()))
	}
	var java, testing_ skill.SynonymSet
	for _, s := range sets {
		switch s.ID {
		case "java":
			java = s
		case "software_testing":
			testing_ = s
		}
	}
	if !contains(java.Terms, "JAVA开发") || !contains(java.Terms, "Java工程师") || !contains(java.Misspellings, "jave") {
		t.Errorf("java synonyms = %+v", java)
	}
	if !contains(testing_.Ambiguous, "测试") {
		t.Errorf("software_testing: 测试 should be an ambiguous synonym: %+v", testing_)
	}
	if got := tx.Fold(" ＪＡＶＡ  開發 "); got != "java 开发" {
		t.Errorf("Fold = %q, want %q", got, "java 开发")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestSector: skills place a posting in the sector they agree on (a skill's own sector counts
// double: Python is software before internet); languages and general skills say nothing; a
// mixed or unknown list places nothing.
func TestSector(t *testing.T) {
	tax := load(t)
	for _, tc := range []struct {
		skills []string
		want   xiaoqi.Sector
	}{
		{[]string{"Python", "FastAPI", "Flask"}, xiaoqi.SectorSoftware},
		{[]string{"Python"}, xiaoqi.SectorSoftware},
		{[]string{"系统运维", "运维监控"}, xiaoqi.SectorITOps},
		{[]string{"系统运维", "运维监控", "Shell脚本"}, ""}, // half operations, half software: mixed
		{[]string{"SolidWorks", "AutoCAD", "有限元分析"}, xiaoqi.SectorEngineering},
		{[]string{"日语N2", "英语", "办公软件"}, ""}, // languages and general skills only
		{[]string{"五险一金", "双休"}, ""},         // nothing the taxonomy knows
		{nil, ""},
	} {
		got, ok := tax.Sector(tc.skills)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("Sector(%v) = %q, %v; want %q", tc.skills, got, ok, tc.want)
		}
	}
}

// TestMajorsAreNotTakenByTheWord: a rule on a word of majors' names must not reach a major of
// another field that shares it: 视觉传达设计 (visual communication design) teaches no
// computer vision, 环境设计 (environmental art design) no instrumental analysis.
func TestMajorsAreNotTakenByTheWord(t *testing.T) {
	tax := load(t)
	for code, not := range map[string][]string{"130502": {"computer_vision", "opencv", "machine_vision", "image_processing"}, "130503": {"instrumental_analysis"}} {
		for _, sd := range tax.SkillsOfMajor(code) {
			if slices.Contains(not, sd.ID) {
				t.Errorf("major %s teaches %s (depth %d)", code, sd.ID, sd.Depth)
			}
		}
	}
	cv := false
	for _, sd := range tax.SkillsOfMajor("080721T") { // 智能视觉工程
		cv = cv || sd.ID == "computer_vision" && sd.Depth >= 2
	}
	if !cv {
		t.Error("智能视觉工程 does not teach computer vision")
	}
}
