package xiaoqi

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Enterprise is a service-outsourcing enterprise.
type Enterprise struct {
	Meta
	Name string `json:"name"`
	// CreditCode is the 统一社会信用代码; an enterprise without a valid one is unverified.
	CreditCode string    `json:"credit_code,omitempty"`
	City       string    `json:"city"`
	District   string    `json:"district,omitempty"`
	Region     Region    `json:"region,omitempty"`
	Geo        *GeoPoint `json:"geo,omitempty"`
	// Type is the ownership type as people write it: 民营, 国企, 外资（欧美）…
	Type    string   `json:"type,omitempty"`
	Size    string   `json:"size,omitempty"` // 50-150人
	Sectors []Sector `json:"sectors,omitempty"`
	// Leading marks a service-outsourcing leading enterprise (policy item (2)).
	Leading bool `json:"leading,omitempty"`
	// OffshoreMarkets lists markets served: 日韩, 欧美, 东南亚, 一带一路.
	OffshoreMarkets []string `json:"offshore_markets,omitempty"`
	Website         string   `json:"website,omitempty"`
	Description     string   `json:"description,omitempty"`
}

// Kind implements Doc.
func (*Enterprise) Kind() Kind { return KindEnterprise }

// Title implements Doc.
func (e *Enterprise) Title() string { return e.Name }

// NaturalKey implements Doc: the credit code, else name and city.
func (e *Enterprise) NaturalKey() string {
	if e.CreditCode != "" {
		return "uscc:" + e.CreditCode
	}
	if e.Name == "" {
		return ""
	}
	return "name:" + e.Name + "|" + e.City
}

// Filterable implements Doc. An enterprise in several sectors is found by its first.
func (e *Enterprise) Filterable() map[string]string {
	f := map[string]string{"city": e.City, "region": string(e.Region), "credit_code": e.CreditCode,
		"synthetic": strconv.FormatBool(e.Synthetic), "sector": ""}
	if len(e.Sectors) > 0 {
		f["sector"] = string(e.Sectors[0])
	}
	return f
}

// Validate implements Doc.
func (e *Enterprise) Validate() error {
	var v validation
	v.required("name", e.Name)
	checkName(&v, "name", e.Name)
	v.required("city", e.City)
	if e.CreditCode != "" && !ValidCreditCode(e.CreditCode) {
		v.add("credit_code", "不是有效的统一社会信用代码（18 位，含校验码）：%q", "is not a valid unified social credit code (18 characters with check character): %q", e.CreditCode)
	}
	for i, s := range e.Sectors {
		if !s.Valid() {
			v.add("sectors["+strconv.Itoa(i)+"]", "无法识别的领域 %[1]q，可选：%[2]s", "unknown sector %[1]q, one of: %[3]s", s, SectorChoices(true), SectorChoices(false))
		}
	}
	validRegion(&v, e.Region)
	validWebsite(&v, e.Website)
	e.Geo.validate(&v, "geo")
	checkText(&v, e)
	return v.err(KindEnterprise)
}

// validWebsite refuses a website that is not a web address: a UI links to it, and a
// javascript: or data: URL would run code in the reader's browser. An address without a
// scheme (www.xjtu.edu.cn) is accepted.
func validWebsite(v *validation, s string) {
	if s == "" {
		return
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" || strings.ContainsAny(s, "<>\"'` \t\r\n") {
		v.add("website", "须为 http(s) 网址", "must be an http or https address")
	}
}

// MaxMonthlySalary bounds a job need's salary, in yuan a month: a figure beyond it is a yearly
// salary or a typo (1e15 was accepted).
const MaxMonthlySalary = 1_000_000

// MinMonthlySalary is the lowest monthly salary in yuan a job need may state, through the API
// or an import: below it the figure is in thousands (8 for 8千) or a typo; Shaanxi's minimum
// wage is about 2,000 yuan a month.
const MinMonthlySalary = 500

// MaxHeadcount bounds a job need's headcount: one posting of 1,000,000,000 people (accepted
// from HR) made the province's allocation report 1,000,001,744 openings and a 0 % fill rate.
const MaxHeadcount = 10_000

// Job need statuses.
const (
	JobOpen   = "open"
	JobClosed = "closed"
)

// JobNeed is an enterprise's need for people: a posting with a headcount.
type JobNeed struct {
	Meta
	EnterpriseID   string `json:"enterprise_id,omitempty"`
	EnterpriseName string `json:"enterprise_name,omitempty"`
	// Name is the job title (岗位名称).
	Name        string   `json:"title"`
	City        string   `json:"city"`
	District    string   `json:"district,omitempty"`
	Region      Region   `json:"region,omitempty"`
	Sector      Sector   `json:"sector,omitempty"`
	Description string   `json:"description,omitempty"`
	Skills      []string `json:"skills,omitempty"`
	Languages   []string `json:"languages,omitempty"`
	// Degree is the minimum degree: 不限, 大专, 本科, 硕士, 博士.
	Degree     string `json:"degree,omitempty"`
	Experience string `json:"experience,omitempty"` // 3-4年
	Headcount  int    `json:"headcount,omitempty"`
	// Salary in yuan per month; SalaryMonths is the number of monthly pays a year (14薪).
	SalaryMin    int       `json:"salary_min,omitempty"`
	SalaryMax    int       `json:"salary_max,omitempty"`
	SalaryMonths int       `json:"salary_months,omitempty"`
	SalaryText   string    `json:"salary_text,omitempty"`
	Status       string    `json:"status,omitempty"`
	PostedAt     time.Time `json:"posted_at,omitzero"`
}

// Kind implements Doc.
func (*JobNeed) Kind() Kind { return KindJob }

// Title implements Doc.
func (j *JobNeed) Title() string { return j.Name }

// NaturalKey implements Doc: source and external id of an imported row, else none.
func (j *JobNeed) NaturalKey() string {
	if j.Source != "" && j.ExternalID != "" {
		return "src:" + j.Source + "|" + j.ExternalID
	}
	return ""
}

// Filterable implements Doc.
func (j *JobNeed) Filterable() map[string]string {
	return map[string]string{"enterprise_id": j.EnterpriseID, "city": j.City, "region": string(j.Region),
		"degree": j.Degree, "sector": string(j.Sector), "status": j.Status, "source": j.Source,
		"synthetic": strconv.FormatBool(j.Synthetic)}
}

// Validate implements Doc.
func (j *JobNeed) Validate() error {
	var v validation
	v.required("title", j.Name)
	v.required("city", j.City)
	if j.EnterpriseID == "" && j.EnterpriseName == "" {
		v.add("enterprise_id", "须填写企业（enterprise_id 或 enterprise_name）", "is required (enterprise_id or enterprise_name)")
	}
	checkName(&v, "enterprise_name", j.EnterpriseName)
	if j.Degree != "" && (!validDegree(j.Degree) || j.Degree == "培训") {
		v.add("degree", "须为 不限、高中、中专、大专、本科、硕士、博士 之一，不能是 %[1]q", "must be one of %[2]s, not %[1]q", j.Degree, degreeList(Degrees[:7], false))
	}
	if j.Headcount < 0 {
		v.add("headcount", "不能为负数", "must not be negative")
	} else if j.Headcount > MaxHeadcount {
		v.add("headcount", "一个岗位需求最多招 %[1]d 人，不能是 %[2]d", "is at most %[1]d for one job need, not %[2]d", MaxHeadcount, j.Headcount)
	}
	if j.SalaryMin < 0 || j.SalaryMax < 0 {
		v.add("salary_min", "不能为负数", "must not be negative")
	} else if j.SalaryMin > MaxMonthlySalary {
		// Named as sent: salary_min 2000000 was refused naming salary_max, which the body left out.
		v.add("salary_min", "月薪不能超过 %d 元", "must be in yuan a month, at most %d", MaxMonthlySalary)
	} else if j.SalaryMax > MaxMonthlySalary {
		v.add("salary_max", "月薪不能超过 %d 元", "must be in yuan a month, at most %d", MaxMonthlySalary)
	} else if j.SalaryMax > 0 && j.SalaryMin > j.SalaryMax {
		v.add("salary_max", "不能低于 salary_min（%d > %d）", "must not be below salary_min (%d > %d)", j.SalaryMin, j.SalaryMax)
	}
	if j.SalaryMonths < 0 || j.SalaryMonths > 24 {
		v.add("salary_months", "须在 0 与 24 之间", "must be between 0 and 24")
	}
	if j.Status != "" && j.Status != JobOpen && j.Status != JobClosed {
		v.add("status", "须为 open（招聘中）或 closed（已结束），不能是 %q", "must be open or closed, not %q", j.Status)
	}
	if j.Sector != "" && !j.Sector.Valid() {
		v.add("sector", "无法识别的领域 %[1]q，可选：%[2]s", "unknown sector %[1]q, one of: %[3]s", j.Sector, SectorChoices(true), SectorChoices(false))
	}
	validRegion(&v, j.Region)
	v.date("posted_at", j.PostedAt)
	v.ref("enterprise_id", KindEnterprise, j.EnterpriseID)
	checkText(&v, j)
	return v.err(KindJob)
}

// joinNonEmpty joins the non-empty parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// MarketLanguage is a language that an offshore market asks for: the skill taxonomy's id and
// Chinese name of it (skill/data/skills.txt; a test of package skill keeps the two in step).
type MarketLanguage struct{ Skill, Name string }

// marketLanguages are the languages of the offshore markets of policy item (8), by a word that
// names the market: 日韩 is 日 and 韩, so a firm serving it needs Japanese and Korean.
var marketLanguages = []struct {
	words []string
	lang  MarketLanguage
}{
	{[]string{"日"}, MarketLanguage{"japanese", "日语"}},
	{[]string{"韩"}, MarketLanguage{"korean", "韩语"}},
	{[]string{"欧美", "英", "美国", "北美", "欧洲"}, MarketLanguage{"english", "英语"}},
	{[]string{"东南亚", "东盟"}, MarketLanguage{"southeast_asian_languages", "东南亚语言"}},
	{[]string{"一带一路", "俄"}, MarketLanguage{"russian", "俄语"}},
}

// marketEN are the English names of the offshore markets people write.
var marketEN = map[string]string{
	"日韩": "Japan and Korea", "日本": "Japan", "韩国": "Korea", "欧美": "Europe and North America",
	"欧洲": "Europe", "美国": "the United States", "北美": "North America", "东南亚": "Southeast Asia",
	"东盟": "ASEAN", "一带一路": "Belt and Road countries", "俄罗斯": "Russia", "中东": "the Middle East",
	"港澳台": "Hong Kong, Macao and Taiwan", "香港": "Hong Kong", "澳大利亚": "Australia", "全球": "worldwide",
}

// MarketEnglish returns the English name of an offshore market (日韩: Japan and Korea), or the
// market as written when it has none.
func MarketEnglish(market string) string {
	if en, ok := marketEN[strings.TrimSpace(market)]; ok {
		return en
	}
	return market
}

// marketAliases are other English names of the markets of marketEN that people write, folded
// by marketKey.
var marketAliases = map[string]string{
	"japankorea": "日韩", "europeus": "欧美", "europeusa": "欧美", "europeamerica": "欧美", "europeandamerica": "欧美",
	"europeandus": "欧美", "europeandusa": "欧美", "europeandtheus": "欧美", "europeandtheunitedstates": "欧美",
	"usa": "美国", "us": "美国", "unitedstates": "美国", "america": "美国", "southkorea": "韩国", "beltandroad": "一带一路",
	"beltandroadinitiative": "一带一路", "bri": "一带一路", "obor": "一带一路", "global": "全球", "middleeast": "中东",
}

// marketKey folds an English market name for comparison: lower case, & and / as and, without
// the article, spaces and punctuation (Japan/Korea, japan and korea, Japan & Korea).
func marketKey(s string) string {
	s = strings.ToLower(strings.NewReplacer("&", " and ", "/", " and ").Replace(s))
	var b strings.Builder
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if w != "the" {
			b.WriteString(w)
		}
	}
	return b.String()
}

// ReadMarket reads an offshore market as people write it, in an import's cell or a document
// written through the API, and returns it as xiaoqi stores it: in Chinese (欧美), which
// MarketLanguages reads and search finds. A market in English is read by the English names
// xiaoqi shows (Europe and North America, in any case) and the usual others (Europe/US, Japan
// and Korea, Belt and Road): stored as written, Europe and North America gave a firm no
// language and search did not find it by 英语. known is false for text that names no market
// xiaoqi knows (火星, Mars), returned as written for the caller to warn about.
func ReadMarket(s string) (market string, known bool) {
	s = strings.TrimSpace(s)
	if _, ok := marketEN[s]; ok {
		return s, true
	}
	k := marketKey(s)
	if m, ok := marketAliases[k]; ok {
		return m, true
	}
	for zh, en := range marketEN {
		if k != "" && marketKey(en) == k {
			return zh, true
		}
	}
	// Chinese that names a market by a word of it (日本市场, 对日, 英国): read by MarketLanguages.
	for _, ml := range marketLanguages {
		if slices.ContainsFunc(ml.words, func(w string) bool { return strings.Contains(s, w) }) {
			return s, true
		}
	}
	return s, false
}

// MarketChoices names the markets of policy item (8) for a message, in Chinese with the
// English (日韩 Japan and Korea, …).
func MarketChoices() string {
	var out []string
	for _, m := range []string{"日韩", "欧美", "东南亚", "一带一路"} {
		out = append(out, m+" "+marketEN[m])
	}
	return strings.Join(out, ", ")
}

// MarketLanguages returns the languages that the offshore markets an enterprise serves ask
// for, each once, in the order of the markets: 日韩 → 日语, 韩语; 欧美 → 英语.
func (e *Enterprise) MarketLanguages() []MarketLanguage {
	var out []MarketLanguage
	for _, market := range e.OffshoreMarkets {
		for _, ml := range marketLanguages {
			if slices.ContainsFunc(ml.words, func(w string) bool { return strings.Contains(market, w) }) &&
				!slices.Contains(out, ml.lang) {
				out = append(out, ml.lang)
			}
		}
	}
	return out
}
