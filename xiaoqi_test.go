package xiaoqi_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/internal/msgcheck"
	_ "github.com/xiaoqi-dev/xiaoqi/romanize" // names in pinyin (TestCandidateRedactPinyin)
)

func TestValidMajorCode(t *testing.T) {
	for code, want := range map[string]bool{
		"080902": true, "080910T": true, "080911TK": true, "130310": true, "0502100T": true, "0502104TK": true,
		"08090": false, "080902X": false, "080902KT": false, "": false, "０８０９０２": false, "080902 ": false,
	} {
		if got := xiaoqi.ValidMajorCode(code); got != want {
			t.Errorf("ValidMajorCode(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestValidCreditCode(t *testing.T) {
	// 91350100M000100Y43 is the worked example of GB 32100-2015.
	for code, want := range map[string]bool{
		"91350100M000100Y43": true,
		"91350100M000100Y44": false, // wrong check character
		"91350100M000100Y4":  false, // 17 characters
		"91350100M000100I43": false, // I is not in the alphabet
		"":                   false,
	} {
		if got := xiaoqi.ValidCreditCode(code); got != want {
			t.Errorf("ValidCreditCode(%q) = %v, want %v", code, got, want)
		}
	}
	if c := xiaoqi.CreditCodeCheck("91610131MA6TXXXX0"); !xiaoqi.ValidCreditCode("91610131MA6TXXXX0" + string(c)) {
		t.Errorf("CreditCodeCheck gave %q, which ValidCreditCode rejects", c)
	}
}

func TestValidate(t *testing.T) {
	lat := func(la, lo float64) *xiaoqi.GeoPoint { return &xiaoqi.GeoPoint{Lat: la, Lon: lo} }
	tests := []struct {
		name  string
		doc   xiaoqi.Doc
		field string // "" means valid
	}{
		{"university", &xiaoqi.Institution{Name: "西安交通大学", Type: "university", Code: "4161010698", City: "西安市"}, ""},
		{"university bad code", &xiaoqi.Institution{Name: "X", Type: "university", Code: "41610", City: "西安市"}, "code"},
		{"institution no name", &xiaoqi.Institution{Type: "training", City: "西安市"}, "name"},
		{"institution bad type", &xiaoqi.Institution{Name: "X", Type: "school", City: "西安市"}, "type"},
		{"institution latitude", &xiaoqi.Institution{Name: "X", Type: "training", City: "西安市", Geo: lat(91, 108)}, "geo.lat"},
		{"institution longitude", &xiaoqi.Institution{Name: "X", Type: "training", City: "西安市", Geo: lat(34, 181)}, "geo.lon"},
		{"institution region", &xiaoqi.Institution{Name: "X", Type: "training", City: "西安市", Region: "华北"}, "region"},
		{"program", &xiaoqi.Program{InstitutionID: "ins_1", Name: "软件工程", MajorCode: "080902", Degree: "本科"}, ""},
		{"program bad major", &xiaoqi.Program{InstitutionID: "ins_1", Name: "软件工程", MajorCode: "0809", Degree: "本科"}, "major_code"},
		{"program negative graduates", &xiaoqi.Program{InstitutionID: "ins_1", Name: "软件工程", Degree: "本科", GraduatesPerYear: -1}, "graduates_per_year"},
		{"program no degree", &xiaoqi.Program{InstitutionID: "ins_1", Name: "软件工程"}, "degree"},
		{"enterprise bad credit code", &xiaoqi.Enterprise{Name: "X", City: "西安市", CreditCode: "91350100M000100Y44"}, "credit_code"},
		{"enterprise bad sector", &xiaoqi.Enterprise{Name: "X", City: "西安市", Sectors: []xiaoqi.Sector{"mining"}}, "sectors[0]"},
		{"job", &xiaoqi.JobNeed{Name: "Java开发", City: "西安市", EnterpriseName: "X", Headcount: 3, SalaryMin: 8000, SalaryMax: 12000}, ""},
		{"job no title", &xiaoqi.JobNeed{City: "西安市", EnterpriseName: "X"}, "title"},
		{"job negative headcount", &xiaoqi.JobNeed{Name: "A", City: "西安市", EnterpriseName: "X", Headcount: -2}, "headcount"},
		// One posting of a billion people made the allocation's fill rate 0 %.
		{"job headcount of a billion", &xiaoqi.JobNeed{Name: "A", City: "西安市", EnterpriseName: "X", Headcount: 1_000_000_000}, "headcount"},
		// A job board's placeholder for a hidden firm names no enterprise.
		{"job of enterprise N/A", &xiaoqi.JobNeed{Name: "A", City: "西安市", EnterpriseName: "N/A"}, "enterprise_name"},
		{"job of enterprise 保密", &xiaoqi.JobNeed{Name: "A", City: "西安市", EnterpriseName: " 保密 "}, "enterprise_name"},
		{"enterprise 暂无", &xiaoqi.Enterprise{Name: "暂无", City: "西安市"}, "name"},
		{"enterprise named like a placeholder but real", &xiaoqi.Enterprise{Name: "无限极（中国）有限公司", City: "西安市"}, ""},
		{"job headcount at the bound", &xiaoqi.JobNeed{Name: "A", City: "西安市", EnterpriseName: "X", Headcount: xiaoqi.MaxHeadcount}, ""},
		{"program graduates of a billion", &xiaoqi.Program{InstitutionID: "ins_1", Name: "软件工程", Degree: "本科", GraduatesPerYear: 1_000_000_000}, "graduates_per_year"},
		{"job salary order", &xiaoqi.JobNeed{Name: "A", City: "西安市", EnterpriseName: "X", SalaryMin: 9, SalaryMax: 5}, "salary_max"},
		{"job salary of 1e15", &xiaoqi.JobNeed{Name: "A", City: "西安市", EnterpriseName: "X", SalaryMin: 1e15, SalaryMax: 1e15}, "salary_min"},
		// The field that is too high is named: salary_min 2000000 alone was refused naming salary_max.
		{"job salary_min of 2,000,000", &xiaoqi.JobNeed{Name: "A", City: "西安市", EnterpriseName: "X", SalaryMin: 2_000_000}, "salary_min"},
		{"job salary_max of 2,000,000", &xiaoqi.JobNeed{Name: "A", City: "西安市", EnterpriseName: "X", SalaryMin: 8000, SalaryMax: 2_000_000}, "salary_max"},
		{"job salary of 80,000 a month", &xiaoqi.JobNeed{Name: "A", City: "西安市", EnterpriseName: "X", SalaryMin: 50000, SalaryMax: 80000}, ""},
		{"candidate email", &xiaoqi.Candidate{Name: "张三", Email: "no-at-sign"}, "email"},
		{"candidate birth date", &xiaoqi.Candidate{Name: "张三", BirthDate: "1999-13-01"}, "birth_date"},
		// A birthday without its year, as a form stores it, showed as birth year 1.
		{"candidate born in year 1", &xiaoqi.Candidate{Name: "张三", BirthDate: "0001-05-06"}, "birth_date"},
		{"candidate born in 1935", &xiaoqi.Candidate{Name: "张三", BirthDate: "1935-05-06"}, ""},
		{"candidate education major", &xiaoqi.Candidate{Name: "张三", Education: []xiaoqi.Education{{InstitutionName: "西北大学", MajorCode: "12"}}}, "education[0].major_code"},
		{"policy", &xiaoqi.Policy{Number: 12, Heading: "加大人才培育和引进力度", Text: "…"}, ""},
		{"policy number", &xiaoqi.Policy{Number: 0, Heading: "h", Text: "t"}, "number"},
		{"partnership status", &xiaoqi.Partnership{InstitutionID: "ins_1", EnterpriseID: "ent_1", Status: "married"}, "status"},
		// Dates the search index cannot store stopped it from following the store.
		{"job posted in 9999", &xiaoqi.JobNeed{Name: "A", City: "西安市", EnterpriseName: "X", PostedAt: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)}, "posted_at"},
		{"job posted in 1600", &xiaoqi.JobNeed{Name: "A", City: "西安市", EnterpriseName: "X", PostedAt: time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC)}, "posted_at"},
		{"job posted in 2024", &xiaoqi.JobNeed{Name: "A", City: "西安市", EnterpriseName: "X", PostedAt: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}, ""},
		// Bounded, clean text.
		{"job title of spaces", &xiaoqi.JobNeed{Name: "   ", City: "西安市", EnterpriseName: "X"}, "title"},
		{"job title too long", &xiaoqi.JobNeed{Name: strings.Repeat("长", xiaoqi.MaxShortText+1), City: "西安市", EnterpriseName: "X"}, "title"},
		{"job description at the bound", &xiaoqi.JobNeed{Name: "A", City: "西安市", EnterpriseName: "X", Description: strings.Repeat("长", xiaoqi.MaxLongText)}, ""},
		{"job description too long", &xiaoqi.JobNeed{Name: "A", City: "西安市", EnterpriseName: "X", Description: strings.Repeat("长", xiaoqi.MaxLongText+1)}, "description"},
		{"job too many skills", &xiaoqi.JobNeed{Name: "A", City: "西安市", EnterpriseName: "X", Skills: make([]string, xiaoqi.MaxListItems+1)}, "skills"},
		{"job skill too long", &xiaoqi.JobNeed{Name: "A", City: "西安市", EnterpriseName: "X", Skills: []string{"Java", strings.Repeat("x", xiaoqi.MaxShortText+1)}}, "skills[1]"},
		{"job title with NUL", &xiaoqi.JobNeed{Name: "A\x00B", City: "西安市", EnterpriseName: "X"}, "title"},
		{"job description with ESC", &xiaoqi.JobNeed{Name: "A", City: "西安市", EnterpriseName: "X", Description: "红\x1b[31m色"}, "description"},
		{"job description with lines and tabs", &xiaoqi.JobNeed{Name: "A", City: "西安市", EnterpriseName: "X", Description: "一\n二\r\n\t三"}, ""},
		{"meta source too long", &xiaoqi.JobNeed{Meta: xiaoqi.Meta{Source: strings.Repeat("s", 60000)}, Name: "A", City: "西安市", EnterpriseName: "X"}, "source"},
		{"candidate education too long", &xiaoqi.Candidate{Name: "张三", Education: []xiaoqi.Education{{InstitutionName: strings.Repeat("大", xiaoqi.MaxShortText+1)}}}, "education[0].institution_name"},
		// References of the right kind.
		{"job of an institution", &xiaoqi.JobNeed{Name: "A", City: "西安市", EnterpriseID: "ins_123"}, "enterprise_id"},
		{"program of an enterprise", &xiaoqi.Program{InstitutionID: "ent_1", Name: "软件工程", Degree: "本科"}, "institution_id"},
		{"candidate consents to a path", &xiaoqi.Candidate{Name: "张三", ConsentEnterprises: []string{"ent_1", "../"}}, "consent_enterprises[1]"},
		{"partnership of two institutions", &xiaoqi.Partnership{InstitutionID: "ins_1", EnterpriseID: "ins_2", Status: "proposed"}, "enterprise_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.doc.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			if xiaoqi.ErrorCode(err) != xiaoqi.EINVALID {
				t.Fatalf("want %s error on %s, got %v", xiaoqi.EINVALID, tt.field, err)
			}
			found := false
			for _, d := range xiaoqi.ErrorDetails(err) {
				found = found || d.Field == tt.field
				// Chinese first, English beside it.
				if err := msgcheck.Check(d.Message); err != nil {
					t.Errorf("%s: %v", d.Field, err)
				}
			}
			if err := msgcheck.Check(xiaoqi.ErrorMessage(err)); err != nil {
				t.Error(err)
			}
			if !found {
				t.Errorf("error %v does not name field %q", err, tt.field)
			}
		})
	}
}

func TestErrorCodeAndMessage(t *testing.T) {
	err := fmt.Errorf("get: %w", xiaoqi.Errorf(xiaoqi.ENOTFOUND, "job %s not found", "job_1"))
	if xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND || xiaoqi.ErrorMessage(err) != "job job_1 not found" {
		t.Errorf("wrapped error: code %q message %q", xiaoqi.ErrorCode(err), xiaoqi.ErrorMessage(err))
	}
	plain := errors.New("disk on fire at /var/lib/secret")
	if xiaoqi.ErrorCode(plain) != xiaoqi.EINTERNAL || xiaoqi.ErrorMessage(plain) != xiaoqi.InternalMessage {
		t.Errorf("plain error leaks: %q", xiaoqi.ErrorMessage(plain))
	}
}

func TestNaturalKeysAndIDs(t *testing.T) {
	a := &xiaoqi.Institution{Name: "西安交通大学", Type: "university", Code: "4161010698", City: "西安市"}
	b := &xiaoqi.Institution{Name: "西安交大", Type: "university", Code: "4161010698", City: "西安"}
	if a.NaturalKey() != b.NaturalKey() {
		t.Errorf("same MOE code, different keys %q %q", a.NaturalKey(), b.NaturalKey())
	}
	id := xiaoqi.NewID(xiaoqi.KindInstitution, a.NaturalKey())
	if id != xiaoqi.NewID(xiaoqi.KindInstitution, b.NaturalKey()) || xiaoqi.CheckID(xiaoqi.KindInstitution, id) != nil {
		t.Errorf("id %q not stable or not valid", id)
	}
	if xiaoqi.CheckID(xiaoqi.KindJob, id) == nil {
		t.Errorf("institution id %q accepted as a job id", id)
	}
	// Without a natural key, each call makes a new random id.
	if first, second := xiaoqi.NewID(xiaoqi.KindJob, ""), xiaoqi.NewID(xiaoqi.KindJob, ""); first == second {
		t.Errorf("ids without natural key repeat: %q", first)
	}
	j := &xiaoqi.JobNeed{Name: "A", City: "西安市", EnterpriseName: "X"}
	if j.NaturalKey() != "" {
		t.Errorf("job without source has key %q", j.NaturalKey())
	}
	j.Source, j.ExternalID = "51job-2023", "r1"
	if j.NaturalKey() == "" {
		t.Error("imported job has no key")
	}
}

// TestUnknownSectorNamesTheChoices: a sector the server does not know was refused without
// saying which it knows, as the search's sector filter says.
func TestUnknownSectorNamesTheChoices(t *testing.T) {
	for _, d := range []xiaoqi.Doc{
		&xiaoqi.Enterprise{Name: "X", City: "西安市", Sectors: []xiaoqi.Sector{"mining"}},
		&xiaoqi.JobNeed{Name: "测试", EnterpriseID: "ent_1", City: "西安市", Sector: "mining"},
	} {
		msg := xiaoqi.ErrorMessage(d.Validate())
		zh, en, _ := strings.Cut(msg, " / ")
		if !strings.Contains(zh, "可选") || !strings.Contains(zh, "software（") || !strings.Contains(en, "one of: ") || !strings.Contains(en, "software") {
			t.Errorf("%T: %s", d, msg)
		}
	}
}

func TestContentHashIgnoresMeta(t *testing.T) {
	a := &xiaoqi.JobNeed{Name: "A", City: "西安市", EnterpriseName: "X"}
	h1, _ := xiaoqi.ContentHash(a)
	a.ID, a.Version = "job_1", 7
	h2, _ := xiaoqi.ContentHash(a)
	if h1 != h2 || a.ID != "job_1" || a.Version != 7 {
		t.Errorf("hash depends on id/version or clobbers them: %s %s %+v", h1, h2, a.Meta)
	}
	a.Headcount = 2
	if h3, _ := xiaoqi.ContentHash(a); h3 == h1 {
		t.Error("hash ignores content")
	}
}

func TestRegionOf(t *testing.T) {
	for city, want := range map[string]xiaoqi.Region{"西安": "关中", "西安市": "关中", "汉中市": "陕南", "榆林": "陕北", "杨凌": "关中", "北京市": ""} {
		if got := xiaoqi.RegionOf(city); got != want {
			t.Errorf("RegionOf(%q) = %q, want %q", city, got, want)
		}
	}
	if xiaoqi.ChineseNumeral(12) != "十二" || xiaoqi.ChineseNumeral(15) != "十五" || xiaoqi.ChineseNumeral(3) != "三" {
		t.Error("ChineseNumeral")
	}
}

func TestParseKind(t *testing.T) {
	for in, want := range map[string]xiaoqi.Kind{"jobs": "job", "job": "job", "policies": "policy", "Policy": "policy", "institutions": "institution"} {
		if got, err := xiaoqi.ParseKind(in); err != nil || got != want {
			t.Errorf("ParseKind(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := xiaoqi.ParseKind("policie"); xiaoqi.ErrorCode(err) != xiaoqi.EINVALID {
		t.Errorf("ParseKind(policie): %v, want invalid", err)
	}
}

func TestCandidateRedact(t *testing.T) {
	c := &xiaoqi.Candidate{Name: "王小明", Phone: "13800001234", Email: "wxm@example.com", BirthDate: "1999-05-04"}
	got := c.Redact("王小明，电话 138-0000-1234，邮箱 wxm@example.com 或 other@example.org，生于1999-05-04，2019-2023 就读西北大学", "*")
	for _, leak := range []string{"王小明", "138-0000-1234", "wxm@example.com", "other@example.org", "1999-05-04"} {
		if strings.Contains(got, leak) {
			t.Errorf("redacted text still holds %q: %s", leak, got)
		}
	}
	if !strings.Contains(got, "2019-2023") || !strings.Contains(got, "西北大学") {
		t.Errorf("redaction cut more than personal data: %s", got)
	}

	// What an audit found public: full-width digits and @, an @ written out, messenger
	// accounts, a street address, and the name written without its remark in brackets.
	c = &xiaoqi.Candidate{Name: "黄某某（示例）"}
	text := "我是黄某某，联系我：１５８０２９１２３４５，邮箱 zs＠example.com 或 zhangsan(at)example.com 或 li [at] mail [dot] cn，" +
		"微信 wx_huang88，微信号：huangxm，QQ 12345678，VX:abc123。住西安市雁塔区科技路10号，或长安南路 88 号 3 号楼 2 单元 501 室，另有 12栋1单元301。" +
		"熟悉 WeChat miniprogram 开发、QQ 音乐数据分析、微信小程序，2019-2023 就读西北大学，GPA 3.8，英语六级 550 分，5号线沿线。"
	got = c.Redact(text, "*")
	for _, leak := range []string{"黄某某", "15802912345", "１５８０２９１２３４５", "zs@example.com", "zhangsan", "li [at]", "wx_huang88",
		"huangxm", "12345678", "abc123", "科技路10号", "88 号", "501", "12栋"} {
		if strings.Contains(got, leak) {
			t.Errorf("redacted text still holds %q: %s", leak, got)
		}
	}
	for _, keep := range []string{"WeChat miniprogram", "QQ 音乐", "微信小程序", "2019-2023", "西北大学", "GPA 3.8", "550 分", "5号线", "西安市雁塔区"} {
		if !strings.Contains(got, keep) {
			t.Errorf("redaction cut %q, which is not personal data: %s", keep, got)
		}
	}
}

// TestCandidateRedactForms: what a second audit found public, each written by a candidate
// whose phone is 13912345671 and birth date 1999-03-04.
func TestCandidateRedactForms(t *testing.T) {
	c := &xiaoqi.Candidate{Name: "欧阳测", Phone: "13912345671", Email: "ouyang.audit@example.com", BirthDate: "1999-03-04"}
	for _, c2 := range []struct{ written, secret string }{
		{"139.1234.5671", "5671"}, {"139/1234/5671", "5671"}, {"139·1234·5671", "5671"}, {"139_1234_5671", "5671"},
		{"139—1234—5671", "5671"}, {"139\t1234\t5671", "5671"}, {"139\n1234\n5671", "5671"}, {"+86 139 1234 5671", "5671"},
		{"一三九一二三四五六七一", "四五六"}, {"QQ号码 12345678", "12345678"}, {"微信号ouyang_audit", "ouyang"}, {"vx ouyangaudit", "ouyang"},
		{"ouyang dot audit at example dot com", "example"}, {"ouyang@example。com", "example"}, {"生日1999年3月4日", "1999"},
		{"1999.03.04", "1999"}, {"出生日期：2000/1/2", "2000"}, {"029.8888.1234", "8888"}, {"610102199801012222", "2222"},
		// A third audit: passports (returnees write theirs) and more apps' accounts.
		{"护照号 E12345678", "12345678"}, {"Passport No. EA1234567", "1234567"}, {"港澳通行证 C12345678", "12345678"}, {"抖音号 ouyang888", "ouyang"},
		{"钉钉 ouyang_audit", "ouyang"}, {"微博 @ouyangaudit", "ouyang"},
		// The name with spaces between its characters, as forms align it.
		{"姓名：欧 阳 测", "阳"}, {"欧阳\t测", "阳"}, {"欧  阳  测", "阳"},
	} {
		got := c.Redact("联系方式 "+c2.written+" 欢迎", "*")
		if strings.Contains(got, c2.secret) || !strings.Contains(got, "*") {
			t.Errorf("Redact(%q) = %q: the personal data stays", c2.written, got)
		}
	}
	for _, keep := range []string{"2015.09-2019.06 就读西北大学", "熟悉 WeChat miniprogram 开发", "QQ 音乐", "一二三线城市", "GPA 3.8", "2019-2023",
		"抖音运营 3 年", "熟悉钉钉开发", "微博运营", "博士 2019 级", "护照在有效期内"} {
		if got := c.Redact(keep, "*"); got != keep {
			t.Errorf("Redact(%q) = %q: it is not personal data", keep, got)
		}
	}
}

// TestCandidateRedactOwnIDCard: a candidate's own identity card number holds their birth date.
// That date was cut out first, which broke the number apart, so that the ID pattern no longer
// saw it: "身份证 610102[hidden]1234" showed (and indexed: a search for 610102 found them) the
// place of registration and the last four characters, which many services ask to confirm an
// identity.
func TestCandidateRedactOwnIDCard(t *testing.T) {
	c := &xiaoqi.Candidate{Name: "钱多多", BirthDate: "1999-03-04"}
	for _, id := range []string{"610102199903041234", "61010219990304123X", "６１０１０２１９９９０３０４１２３４"} {
		got := c.Redact("身份证 "+id+"，熟悉Java", "*")
		if strings.Contains(got, "610102") || strings.Contains(got, "1234") || strings.Contains(got, "123X") || !strings.Contains(got, "熟悉Java") {
			t.Errorf("Redact(身份证 %s) = %q: part of the number stays", id, got)
		}
	}
}

// TestCandidateTitleHidesPersonalData: the title of a candidate is what search hits and the
// matcher show everyone; a major or city holding the person's name or phone is left out.
func TestCandidateTitleHidesPersonalData(t *testing.T) {
	c := &xiaoqi.Candidate{Name: "猪八戒", Phone: "13700002222", Degree: "本科", City: "西安市 微信 zbj_888",
		Education: []xiaoqi.Education{{InstitutionName: "西北大学", Major: "软件工程 猪八戒 13700002222"}}}
	if got := c.Title(); got != "本科" {
		t.Errorf("Title() = %q, want 本科 alone", got)
	}
	c.City, c.Education[0].Major = "西安市", "软件工程"
	if got := c.Title(); got != "软件工程 · 本科 · 西安市" {
		t.Errorf("Title() = %q, want 软件工程 · 本科 · 西安市", got)
	}
}

// TestCandidateAnonymized: personal data is taken out of every field everyone may see, not only
// the summary (an audit found a phone number in skills, languages, the country of study and
// an institution's name public and searchable).
func TestCandidateAnonymized(t *testing.T) {
	c := &xiaoqi.Candidate{Name: "端木删除", Phone: "13611112222", Email: "dm@example.com", BirthDate: "1998-05-01",
		Meta:   xiaoqi.Meta{ID: "cnd_1", Source: "cands", ExternalID: "6e18e68240caf453"},
		Skills: []string{"Java", "电话13611112222"}, Languages: []string{"日语N2", "QQ 987654321"},
		StudyCountry: "端木删除 13611112222", Summary: "手机 13611112222", City: "西安市",
		Education:          []xiaoqi.Education{{InstitutionName: "端木删除的学校 13611112222", Major: "软件工程"}},
		ConsentEnterprises: []string{"ent_1"}}
	a := c.Anonymized("*")
	text := fmt.Sprintf("%+v", *a)
	for _, leak := range []string{"端木删除", "13611112222", "dm@example.com", "1998", "987654321", "6e18e68240caf453", "ent_1"} {
		if strings.Contains(text, leak) {
			t.Errorf("Anonymized still holds %q: %s", leak, text)
		}
	}
	if !slices.Equal(a.Skills, []string{"Java"}) || !slices.Equal(a.Languages, []string{"日语N2"}) || a.Education[0].Major != "软件工程" || a.City != "西安市" {
		t.Errorf("Anonymized lost what is not personal: %+v", *a)
	}
	if c.Name != "端木删除" || c.Skills[1] != "电话13611112222" || c.Education[0].InstitutionName != "端木删除的学校 13611112222" {
		t.Errorf("Anonymized changed the candidate itself: %+v", *c)
	}
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// TestMessagesChineseFirst: a bilingual message in the code says its Chinese first, then its
// English ("必填 / is required"), as the product's rule asks; an English-first literal
// ("is required / 必填") fails here, naming its file and line.
func TestMessagesChineseFirst(t *testing.T) {
	lit := regexp.MustCompile(`"((?:[^"\\\n]|\\.)*)"`)
	latin := regexp.MustCompile(`[A-Za-z]`)
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(data), "\n") {
			for _, m := range lit.FindAllStringSubmatch(line, -1) {
				first, second, ok := strings.Cut(m[1], " / ")
				if ok && !hasHan(first) && latin.MatchString(first) && hasHan(second) {
					t.Errorf("%s:%d: English first: %q", path, i+1, m[1])
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCandidateRedactScriptsAndDigits: what a third audit found public: the name written in
// the other script (陳大文 for 陈大文, which search finds as one), a birthday without its year
// (the API shows the birth year), phones in the financial digits, mixed with ASCII digits or
// in groups, and a source named after the person's file.
func TestCandidateRedactScriptsAndDigits(t *testing.T) {
	for _, tc := range []struct{ name, text, written string }{
		{"陈大文", "本人陳大文，香港理工大學畢業，熟悉Java。", "陳大文"},
		{"黃志強", "本人黄志强，熟悉Java。", "黄志强"},
		{"司马懿", "司 馬 懿，熟悉Java。", "馬 懿"},
	} {
		c := &xiaoqi.Candidate{Name: tc.name}
		if got := c.Redact(tc.text, "*"); strings.Contains(got, tc.written) || !strings.Contains(got, "熟悉Java") {
			t.Errorf("%s: %q redacted as %q", tc.name, tc.text, got)
		}
	}
	c := &xiaoqi.Candidate{Name: "钱多多", BirthDate: "1998-05-06", Meta: xiaoqi.Meta{Source: "钱多多_13600001111_简历"}}
	got := c.Redact("生日5月6日；生日：五月六日；出生日期：5.6；电话 139一二三四5678；一三七 一一一一 二二二二；壹叁柒壹壹壹壹贰贰贰贰；2019-2023 就读西北大学，一一对应；"+
		"期望薪资8000-10000元，期望月薪 12000 - 15000；座机 (029) 8888 1234，029-88881234，400-800-1234", "*")
	for _, leak := range []string{"5月6日", "五月六日", "5.6", "一二三四", "一一一一", "壹叁柒", "8888 1234", "88881234", "800-1234"} {
		if strings.Contains(got, leak) {
			t.Errorf("redacted text still holds %q: %s", leak, got)
		}
	}
	// A salary range is no phone number: 期望薪资8000-10000 was hidden as one.
	for _, keep := range []string{"2019-2023", "西北大学", "一一对应", "8000-10000元", "12000 - 15000"} {
		if !strings.Contains(got, keep) {
			t.Errorf("redaction cut %q, which is not personal data: %s", keep, got)
		}
	}
	if a := c.Anonymized("*"); a.Source != "" {
		t.Errorf("anonymized source %q, want none: it holds the name and phone", a.Source)
	}
	if a := (&xiaoqi.Candidate{Name: "钱多多", Meta: xiaoqi.Meta{Source: "2024届毕业生"}}).Anonymized("*"); a.Source != "2024届毕业生" {
		t.Errorf("anonymized source %q, want 2024届毕业生 kept", a.Source)
	}
}

// TestCandidateRedactPinyin: a returnee wrote "My name is Ouyang Xiaoqi (Xiaoqi OUYANG)" in
// her summary, and anyone found her profile by that name, marked in the snippet. The name in
// pinyin is hidden in either order, in any case, its syllables together or apart; the words
// around it, and the pinyin of other names, stay.
func TestCandidateRedactPinyin(t *testing.T) {
	for _, c := range []struct {
		name    string
		written []string
	}{
		{"欧阳晓琪", []string{"Ouyang Xiaoqi", "Xiaoqi OUYANG", "ouyangxiaoqi", "Xiao-Qi Ouyang", "OUYANG, Xiaoqi", "Ouyang Xiao Qi"}},
		{"皇甫振宇", []string{"Huangfu Zhenyu", "Zhenyu Huangfu", "ZHENYU HUANGFU"}},
		{"王小明", []string{"Wang Xiaoming", "Xiaoming Wang", "WANG Xiao-ming"}},
		{"单雪", []string{"Shan Xue", "Xue Shan", "Dan Xue"}}, // 单 as a surname is shan; dan elsewhere
	} {
		cand := &xiaoqi.Candidate{Name: c.name}
		for _, w := range c.written {
			text := "My name is " + w + ", MSc from the University of Leeds; 熟悉Java。"
			got := cand.Redact(text, "*")
			if strings.Contains(strings.ToLower(got), strings.ToLower(strings.Fields(w)[0])) || !strings.Contains(got, "University of Leeds") || !strings.Contains(got, "熟悉Java") {
				t.Errorf("%s: Redact(%q) = %q", c.name, text, got)
			}
		}
	}
	cand := &xiaoqi.Candidate{Name: "王小明"}
	for _, keep := range []string{"Worked with Wang Wei on Xiaomi phones", "Xiaomingzhu Wangfujing", "熟悉 WeChat 开发"} {
		if got := cand.Redact(keep, "*"); got != keep {
			t.Errorf("Redact(%q) = %q: no pinyin of 王小明 there", keep, got)
		}
	}
}

// TestDegreeRefusalsInEnglish: a document's degree refused listed the Chinese values alone in
// its English half (one of 不限, 高中, …), which an English reader cannot write: each is named
// in English beside it, as the English UI shows it.
func TestDegreeRefusalsInEnglish(t *testing.T) {
	for _, d := range []xiaoqi.Doc{
		&xiaoqi.Candidate{Name: "甲", Degree: "学士"},
		&xiaoqi.JobNeed{Name: "测试", Degree: "学士"},
		&xiaoqi.Program{InstitutionID: "ins_x", Name: "软件工程", Degree: "学士"},
	} {
		err := d.Validate()
		var e *xiaoqi.Error
		if !errors.As(err, &e) || len(e.Details) == 0 {
			t.Fatalf("%s with degree 学士: %v", d.Kind(), err)
		}
		var msg string
		for _, fe := range e.Details {
			if fe.Field == "degree" {
				msg = fe.Message
			}
		}
		zh, en := xiaoqi.Halves(msg)
		if !strings.Contains(en, "本科 Bachelor's") || !strings.Contains(en, "硕士 Master's") || strings.Contains(zh, "Bachelor") || !strings.Contains(zh, "本科") {
			t.Errorf("%s: degree refused as %q", d.Kind(), msg)
		}
	}
}

// TestIdentityKeysReadTheName: one person's name written in traditional characters, with a
// remark or spaced is the same person; the digest of the name as written stays among the keys,
// as erasures remembered before hold it.
func TestIdentityKeysReadTheName(t *testing.T) {
	keys := func(name string) []string {
		return (&xiaoqi.Candidate{Name: name, Phone: "137 0000 1111"}).IdentityKeys()
	}
	want := keys("张三丰")
	if len(want) != 1 {
		t.Fatalf("keys of 张三丰 = %v, want one", want)
	}
	for _, name := range []string{"張三豐", "张三丰（学生）", "张三丰 (2024届)", "张 三 丰", "張三豐（學生）"} {
		if got := keys(name); !slices.Contains(got, want[0]) {
			t.Errorf("keys of %s = %v, want among them %s, that of 张三丰", name, got, want[0])
		}
	}
	sum := sha256.Sum256([]byte("person\x00phone\x00張三豐\x0013700001111"))
	if legacy := hex.EncodeToString(sum[:16]); !slices.Contains(keys("張三豐"), legacy) {
		t.Errorf("keys of 張三豐 = %v, lack the digest erasures remembered before, %s", keys("張三豐"), legacy)
	}
	if got := keys("张三"); slices.Contains(got, want[0]) {
		t.Errorf("张三 is taken for 张三丰: %v", got)
	}
}
