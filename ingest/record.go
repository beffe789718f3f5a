package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Level says how bad a problem is.
type Level string

// Problem levels. An error keeps its row out of the store; a warning reports a value that was
// not understood and left out while the row was written; a duplicate is a row that repeats
// an earlier one of the file and was skipped; a note names a row that is not data (a total
// or a footer) and was skipped.
const (
	LevelError     Level = "error"
	LevelWarning   Level = "warning"
	LevelDuplicate Level = "duplicate"
	// LevelNote is a row left out on purpose: a total row (合计) or a footer (制表人：…).
	LevelNote Level = "note"
)

// Problem is one problem of one row, named as the user sees the file.
type Problem struct {
	// Row is the row number as the user sees it (spreadsheet row, CSV record, JSON item).
	Row int `json:"row"`
	// Column is the column's header as the file writes it, "" for a problem of the whole row.
	Column string `json:"column,omitempty"`
	// Cell is the spreadsheet address of the value ("B17"), when there is one.
	Cell string `json:"cell,omitempty"`
	// Field is the document field the column fills.
	Field string `json:"field,omitempty"`
	// Value is the value as the file holds it.
	Value   string `json:"value,omitempty"`
	Level   Level  `json:"level"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	where := fmt.Sprintf("row %d", p.Row)
	if p.Column != "" {
		where += fmt.Sprintf(" [%s]", OneLine(p.Column))
	}
	if p.Cell != "" {
		where += " " + p.Cell
	}
	return where + ": " + p.Message
}

// OneLine writes a header that holds line breaks (a cell typed "岗位" Alt+Enter "名称") on one
// line, for lists and messages: "岗位 名称".
func OneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// record is one row of a file on its way to becoming a document: its values by field, and
// the problems found so far.
type record struct {
	s        *schema
	row      Row
	vals     map[string]string
	cols     map[string]Column
	defaults map[string]string
	problems []Problem
	failed   bool
	today    time.Time // Options.Today
	// own is set for a document of xiaoqi's own export, education to its raw education
	// records (ownRecord).
	own       bool
	education string
	// was is the stored enterprise or institution the row updates, as it was before: once
	// written, its job needs or programs follow a new name or place (xiaoqi.FollowOrg).
	was xiaoqi.Doc
}

// has reports whether the file (or a default) gives field f at all, empty or not.
func (r *record) has(f string) bool {
	_, ok := r.cols[f]
	if !ok {
		_, ok = r.defaults[f]
	}
	return ok
}

// codeFields hold codes of digits and capitals: typed full width by a Chinese input method
// (４１６１０１０６９７, ０８０９０２Ｔ), they are their half-width selves, as amounts and dates are;
// the school's and the major's code were refused, and a code kept full width would key a
// second school. So is an id column (岗位编号 ＪＤ００１, 学号 ２０２４００１): kept as typed, the
// same source's next list typed half width added every posting and student again.
var codeFields = map[string]bool{
	"code": true, "major_code": true, "institution_code": true, "institution_code5": true,
	"credit_code": true, "enterprise_credit_code": true, "external_id": true,
}

// majorCodeDigits gives back the leading zero that a spreadsheet took from a major code of the
// undergraduate disciplines 01–09: a column of codes taken for numbers says 80902 (pandas
// 80902.0) for 080902, and every such row was refused as not six digits. Only five digits
// are read so: a six-digit number may be a vocational code (510203) or a seven-digit one
// that lost its zero (0502101), which cannot be told apart.
func majorCodeDigits(v string) string {
	n := strings.TrimSuffix(v, ".0")
	if len(n) != 5 || n[0] == '0' || strings.Trim(n, "0123456789") != "" {
		return v
	}
	return "0" + n
}

// get returns the trimmed value of field f, the default when the cell is empty; a code is
// folded to half width.
func (r *record) get(f string) string {
	v := strings.TrimSpace(r.vals[f])
	if v == "" {
		v = r.defaults[f]
	}
	if codeFields[f] {
		v = strings.TrimSpace(narrow(v))
		if f == "major_code" {
			v = majorCodeDigits(v)
		}
	}
	return v
}

func (r *record) problem(level Level, f, format string, args ...any) {
	p := Problem{Row: r.row.Num, Field: f, Level: level, Message: fmt.Sprintf(format, args...)}
	if c, ok := r.cols[f]; ok {
		p.Column = c.Header
		if !(r.s.kind == xiaoqi.KindCandidate && personal[f]) {
			p.Value = r.vals[f]
		}
		if r.row.Raw == "" {
			p.Cell = c.Letter + strconv.Itoa(r.row.Num)
		}
	}
	r.problems = append(r.problems, p)
	if level == LevelError {
		r.failed = true
	}
}

// personal are the candidate fields whose values problems do not repeat (PIPL).
var personal = map[string]bool{"name": true, "phone": true, "email": true, "birth_date": true, "id": true, "external_id": true,
	"area": true} // a candidate's area is their address

// personalHeaders are words of the headers of columns that hold a person's contacts or
// identity, whatever field they fill (a second phone column, not imported) or none (微信号,
// 身份证号).
// Other people's names and numbers too (紧急联系人, 推荐人, 父亲姓名), and numbers of accounts
// and cards (社保卡号, 银行卡号): the report wrote them out.
var personalHeaders = []string{"姓名", "电话", "手机", "联系方式", "微信", "qq", "邮箱", "email", "mail", "身份证", "证件",
	"护照", "出生", "生日", "住址", "地址", "wechat", "phone", "mobile", "idcard", "passport", "birth",
	"联系人", "推荐人", "介绍人", "担保人", "监护人", "父亲", "母亲", "配偶", "家长", "亲属", "家属", "紧急",
	"社保", "医保", "公积金", "银行", "卡号", "账号", "帐号", "户籍", "籍贯",
	"contact", "address", "referee", "reference", "emergency", "parent", "spouse", "socialsecurity", "bank", "account"}

// personalColumn reports whether the downloadable report of a candidate import hides the
// cells of column c: the columns of a candidate's name, phone, e-mail and birth date, and
// the others whose header names contacts or an identity document. The 学号 an uploader finds
// rows by stays.
func personalColumn(c Column) bool {
	switch c.Field {
	case "name", "phone", "email", "birth_date":
		return true
	}
	h := normHeader(c.Header)
	for _, w := range personalHeaders {
		if strings.Contains(h, w) {
			return true
		}
	}
	return false
}

// redactProblems takes a candidate's personal data out of the problems of their row once it is
// read whole, as the downloadable report does with its cells: the value of a personal column
// (personalColumn) is left out, and the other values and the messages (which may quote a
// cell: a column without a header) lose the person's name and contacts and whatever looks
// like a phone, an e-mail or an ID number. An import job keeps its first problems and shows
// them (GET /api/v1/imports/{id}); no erasure reaches them.
func (r *record) redactProblems() {
	if r.s.kind != xiaoqi.KindCandidate || len(r.problems) == 0 {
		return
	}
	person := xiaoqi.Candidate{Name: strings.TrimSpace(r.vals["name"]), Phone: strings.TrimSpace(r.vals["phone"]),
		Email: strings.TrimSpace(r.vals["email"]), BirthDate: strings.TrimSpace(r.vals["birth_date"])}
	for i := range r.problems {
		p := &r.problems[i]
		if c, ok := r.cols[p.Field]; ok && personalColumn(c) {
			p.Value = ""
		}
		p.Value = person.Redact(p.Value, hidden)
		p.Message = person.Redact(p.Message, hidden)
	}
}

// errorf records an error in the column of field f ("" for the row).
func (r *record) errorf(f, format string, args ...any) { r.problem(LevelError, f, format, args...) }

// warnf records a warning in the column of field f.
func (r *record) warnf(f, format string, args ...any) { r.problem(LevelWarning, f, format, args...) }

// validation turns the field errors of a document's Validate into errors of the row.
func (r *record) validation(err error) {
	if err == nil {
		return
	}
	details := xiaoqi.ErrorDetails(err)
	if len(details) == 0 {
		r.errorf("", "%s", xiaoqi.ErrorMessage(err))
		return
	}
	for _, d := range details {
		f := d.Field
		if _, ok := r.cols[f]; !ok {
			// Fields filled from another column: salary_min from 薪资, city from 工作地点.
			for _, alt := range [...][2]string{{"salary_min", "salary"}, {"salary_max", "salary"}, {"city", "area"},
				{"enterprise_id", "enterprise_name"}, {"geo.lat", "lat"}, {"geo.lon", "lon"}, {"credit_code", "enterprise_credit_code"},
				{"education[0].institution_name", "institution_name"}, {"education[0].major_code", "major_code"},
				{"education[0].major", "major"}, {"education[0].graduation_year", "graduation_year"}, {"education[0].institution_id", "institution_name"}} {
				if f == alt[0] && r.has(alt[1]) {
					f = alt[1]
				}
			}
		}
		switch {
		case r.hasError(f):
		case f == "city" && r.hasError("district"):
			// A bare 高新区 in the district column: its error says why there is no city.
		case f != d.Field && r.s.field(f) != nil && strings.Contains(d.Message, "须填写") || f != d.Field && strings.HasPrefix(d.Message, "必填"):
			// Required, and named by the column that fills it: 公司名称, not enterprise_id.
			r.errorf(f, "%s 必填 / %s is required", r.s.label(f), f)
		default:
			zh, en := xiaoqi.Halves(d.Message)
			name := d.Field // salary_max, of the column 薪资: the message compares it with salary_min
			if strings.HasPrefix(name, "education[0].") {
				name = f // the row's one school: 专业代码 major_code, not education[0].major_code
			}
			r.errorf(f, "%s %s / %s %s", r.s.label(name), zh, name, en)
		}
	}
}

// hasError reports whether the column of field f already has an error.
func (r *record) hasError(f string) bool {
	for _, p := range r.problems {
		if p.Level == LevelError && p.Field == f {
			return true
		}
	}
	return false
}

// str returns the value of f and whether the row gives it: for merging onto a stored
// institution, enterprise or program, a field without a column, or whose cell is empty (and
// has no default), leaves the stored value alone, as a job row does a posting's
// (keepStored). A blank cell of a list is not known to that list, not a value to erase: 西北大学
// lost its level, authority and tags, a firm its website, size and description.
func (r *record) str(f string) (string, bool) {
	v := r.get(f)
	return v, v != ""
}

// setStr sets *dst to the value of f when the row gives f.
func (r *record) setStr(f string, dst *string) {
	if v, ok := r.str(f); ok {
		*dst = v
	}
}

// setBool sets *dst from a yes/no column.
func (r *record) setBool(f string, dst *bool) {
	v, ok := r.str(f)
	if !ok {
		return
	}
	b, err := ParseBool(v)
	if err != nil {
		r.errorf(f, "%[1]s：须为 是/否，不能是 %[3]q / %[2]s must be yes or no, not %[3]q", r.s.label(f), f, v)
		return
	}
	*dst = b
}

// setList sets *dst from a list column.
func (r *record) setList(f string, dst *[]string) {
	if v, ok := r.str(f); ok {
		*dst = SplitList(v)
	}
}

// setMeta sets the fields every document has: source, synthetic, and an id the file carries.
func (r *record) setMeta(m *xiaoqi.Meta, kind xiaoqi.Kind, source string) {
	if m.Source == "" || r.has("source") {
		m.Source = source
		if v := r.get("source"); v != "" {
			m.Source = v
		}
	}
	r.setBool("synthetic", &m.Synthetic)
	id := r.get("id")
	if id == "" {
		return
	}
	if xiaoqi.CheckID(kind, id) == nil {
		m.ID = id
		return
	}
	keyed := kind == xiaoqi.KindJob || kind == xiaoqi.KindCandidate
	for _, other := range idKinds {
		if other != kind && xiaoqi.CheckID(other, id) == nil {
			// A file of another type, or a column of another type's ids (the job's institution).
			zh, en := "按自然键匹配", "the document is matched by its natural key"
			if keyed {
				zh, en = "本行按内容生成编号", "the row gets an id of its own"
			}
			r.warnf("id", "编号是%s的 xiaoqi 编号，不是%s的，已忽略，%s / the xiaoqi id of %s %s, not of %s %s: ignored, %s",
				kindNames[other], kindNames[kind], zh, article(other), other, article(kind), kind, en)
			return
		}
	}
	if keyed {
		// Another system's id: the key of the row in its source.
		if m.ExternalID == "" {
			m.ExternalID = id
		}
		return
	}
	r.warnf("id", "编号 %[1]q 不是 xiaoqi 编号（%[2]s…），已忽略，按自然键匹配 / %[1]q is not a xiaoqi id (%[2]s…), ignored: the document is matched by its natural key", id, string(kind)[:3]+"_")
}

// idKinds are the kinds whose ids a file may hold.
var idKinds = []xiaoqi.Kind{xiaoqi.KindInstitution, xiaoqi.KindProgram, xiaoqi.KindEnterprise, xiaoqi.KindJob,
	xiaoqi.KindCandidate, xiaoqi.KindPolicy, xiaoqi.KindPartnership}

// kindNames are the kinds' names in messages.
var kindNames = map[xiaoqi.Kind]string{xiaoqi.KindInstitution: "院校", xiaoqi.KindProgram: "专业", xiaoqi.KindEnterprise: "企业",
	xiaoqi.KindJob: "岗位需求", xiaoqi.KindCandidate: "人才", xiaoqi.KindPolicy: "政策", xiaoqi.KindPartnership: "合作"}

func article(k xiaoqi.Kind) string {
	if strings.ContainsRune("aeiou", rune(string(k)[0])) {
		return "an"
	}
	return "a"
}

// place reads city, district and area columns into a city and a district.
func (r *record) place(city, district *string, merge bool) {
	hasCity, hasArea, hasDistrict := r.has("city"), r.has("area"), r.has("district")
	if merge && !hasCity && !hasArea && !hasDistrict {
		return
	}
	if merge && *city != "" && strings.TrimSpace(r.vals["city"]) == "" && strings.TrimSpace(r.vals["area"]) == "" && strings.TrimSpace(given(r.vals["district"])) == "" {
		return // the row's place cells are empty: the stored place stays (str)
	}
	// The row's own cells first, its city, else its area; a default city (--default
	// city=…) only when they give none: the default had put every row of a file in it,
	// 宝鸡 and 汉中 rows included.
	c, d := "", ""
	defaultCity := strings.TrimSpace(r.defaults["city"])
	if v := strings.TrimSpace(r.vals["city"]); v != "" {
		var problem string
		var fatal bool
		switch c, d, problem, fatal = ReadCity(v); {
		case fatal && c == "" && d != "":
			// A zone without its city: the file's default city, when given, is its city.
			if defaultCity == "" {
				r.errorf("city", "%s", zoneWithoutCity(v, d))
			}
		case fatal && onlyProvince(v) && r.get("area") != "":
			c, d = "", "" // 陕西省 beside 西安市雁塔区: the area names the city
		case fatal && onlyProvince(v):
			// A province alone (陕西省), as the area column and the API take it.
			c, d = provinceOf(v), ""
			r.warnf("city", "只给出了省份 %[1]s，未给出城市 / only the province (%[1]s) is given, no city", c)
		case fatal:
			r.errorf("city", "%s", problem)
		case problem != "":
			r.warnf("city", "%s", problem)
		default:
			r.severalCities(v, c)
		}
	}
	if v := r.get("area"); v != "" {
		ac, ad := ParseArea(v)
		if c == "" || d == "" && newAreaOf(ac, ad, c) {
			// 咸阳市 beside 咸阳市杨凌示范区新桥路 is the city 杨凌示范区, and beside 西咸新区沣东新城
			// 西安市, 西咸新区, as a district cell of 杨凌 or 西咸新区 makes them.
			c = ac
		}
		if d == "" && (ac == c || ac == "") {
			d = ad
		}
		if ac != "" && ac != c && !r.failed {
			// 咸阳市 beside 西安市雁塔区科技路: which is meant, the file does not say.
			r.warnf("area", "%[1]q 在%[2]s，与城市列的%[3]s不一致，按城市列导入 / %[1]q is in %[2]s, not in %[3]s of the city column: imported as in %[3]s", v, ac, c)
		}
		if c == "" && !r.failed && defaultCity == "" {
			if ad != "" && r.s.kind != xiaoqi.KindCandidate {
				r.errorf("area", "%s", zoneWithoutCity(v, ad))
			} else if p := provinceOf(v); p != "" {
				c = p
				r.warnf("area", "只给出了省份 %[1]s，未给出城市 / only the province (%[1]s) is given, no city", p)
			} else if r.s.kind == xiaoqi.KindCandidate {
				r.warnf("area", "无法识别城市，已留空 / no city found in it, left empty")
			} else {
				r.errorf("area", "无法从中识别城市，请填写城市列 / no city found in it: add a city column")
			}
		}
	}
	if c == "" && defaultCity != "" && !r.failed {
		if c, _ = ParseCity(defaultCity); c == "" {
			r.errorf("city", "默认城市 %[1]q 无法识别 / the default city %[1]q is not a city", defaultCity)
		}
	}
	if v := given(r.get("district")); v != "" {
		if _, zd, _, fatal := ReadCity(v); fatal && zd != "" && c == "" && !r.failed && r.s.kind != xiaoqi.KindCandidate && !(merge && !hasCity && !hasArea) {
			// A bare 高新区 in the district column, no city beside it: the same explanation as
			// in the city or area column, where "city is required" did not say why.
			r.errorf("district", "%s", zoneWithoutCity(v, zd))
		}
		c, d = ReadDistrict(c, v)
	}
	if merge && !hasCity && !hasArea {
		c = *city
		if v := given(r.get("district")); v != "" {
			_, d = ReadDistrict(c, v) // the stored city's district (雁塔 of 西安市: 雁塔区)
		}
	}
	if p := DistrictProblem(c, d); p != "" && hasDistrict && given(r.get("district")) != "" && r.s.kind != xiaoqi.KindCandidate && !r.failed {
		// 宝鸡市 beside 雁塔区, 西安市 beside 火星区: an error, as through the API and in a
		// program list (a district of another city was kept with a warning, one of no city
		// silently, and the district filter found the row in neither city).
		r.errorf("district", "%s", p)
	}
	if merge && !hasDistrict && d == "" && c == *city {
		// The file names the city only (the MOE list): the district stored for a school or
		// a firm of that city stays.
		d = *district
	}
	*city, *district = c, d
}

// newAreaOf reports whether the place ac, ad that an area names is a new area carved out of
// city, which a list may still name as its city: 杨凌示范区 of 咸阳市, and 西咸新区 (a district of
// 西安市, as the divisions have it) of 咸阳市, as ReadDistrict reads a district cell.
func newAreaOf(ac, ad, city string) bool {
	return city == "咸阳市" && (ac == "杨凌示范区" || ac == "西安市" && ad == "西咸新区")
}

// severalCities warns when the city cell v names more than one city (西安、咸阳, 西安/宝鸡): a
// job need is stored in one, c, the first.
func (r *record) severalCities(v, c string) {
	parts := strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune("、/，,;；|", r) })
	for _, p := range parts[min(1, len(parts)):] {
		if oc, _, known := parseCity(p); known && oc != c {
			r.warnf("city", "%[1]q 写了不止一个城市，按第一个（%[2]s）导入 / %[1]q names more than one city: imported as in the first, %[2]s", v, c)
			return
		}
	}
}

// zoneWithoutCity is the error of a place that names a district or a development zone but no
// city (高新区: many cities have one).
func zoneWithoutCity(v, district string) string {
	return fmt.Sprintf("%[1]q 只写了%[2]s，没有写城市（许多城市都有%[2]s），请写明城市（如 西安%[2]s），或用 --default city=西安市 指定默认城市 / "+
		"names %[2]s but no city (many cities have one): write the city (西安%[2]s), or give a default city (--default city=西安市, the upload's defaults)", v, district)
}

// provinceOf returns the province a text starts with ("陕西省"), or "".
// onlyProvince reports whether s names a province and nothing else (陕西省, 陕西).
func onlyProvince(s string) bool {
	t := strings.TrimSpace(s)
	for _, p := range provinces {
		if t == p.full || t == p.short {
			return true
		}
	}
	return false
}

func provinceOf(s string) string {
	t := strings.TrimSpace(s)
	for _, p := range provinces {
		if strings.HasPrefix(t, p.full) || strings.HasPrefix(t, p.short) {
			return p.full
		}
	}
	return ""
}
