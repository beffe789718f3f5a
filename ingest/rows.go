package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/xiaoqi-dev/xiaoqi"
)

// item is one row on its way to the store: its documents (a job's new enterprise first, the
// row's own document last) and its problems.
type item struct {
	row      Row
	docs     []xiaoqi.Doc
	problems []Problem
	failed   bool
	dup      bool
	// skipped is a total or footer row, left out with a note.
	skipped bool
	// existing is the source of a stored posting that the row, without an id column, is
	// (postings.match); adopted says that the row updates it rather than adding one.
	existing string
	adopted  bool
	// person is the candidate made of the row, for a report that hides personal data.
	person *xiaoqi.Candidate
	// was is the stored enterprise or institution the row updates, as it was (record.was).
	was xiaoqi.Doc
	// row0 is the row's candidate before it took the stored one's choices (keepChoices), nil
	// for a new one; tries counts the times the writer applied them again (rechoose).
	row0  *xiaoqi.Candidate
	tries int
}

// erasedRow is the error of a row whose person was erased at their request.
const erasedRow = "此人已应本人要求删除，不再导入；请从文件中删去此行 / this person was erased at their request and is not imported again; take the row out of the file"

func (it *item) level() Level {
	switch {
	case it.skipped:
		return LevelNote
	case it.failed:
		return LevelError
	case it.dup:
		return LevelDuplicate
	case len(it.problems) > 0:
		return LevelWarning
	}
	return ""
}

// seenRow remembers a row of the file by its key, to find the rows that repeat it.
type seenRow struct {
	row     int32
	content uint64
}

// rows turns the rows of one file into items; it is used by one goroutine only.
type rows struct {
	ctx     context.Context
	store   xiaoqi.Store
	opt     *Options
	s       *schema
	res     *resolver
	fields  []string          // field of each column: "" unknown, Ignore, or a field
	headers []string          // header of each column
	cols    map[string]Column // first column of each field
	seed    maphash.Seed
	seen    map[uint64]seenRow
	ents    *enterprises
	insts   *directory
	posts   *postings
	courses map[string]map[string]string // institution id → CourseKey → stored course id (storedCourse)
	// people finds the stored candidate who is a row's person (samePerson), made at the first
	// candidate row that needs it.
	people *xiaoqi.Persons
}

// item makes the item of one row, or nil for an empty row. An error means the store failed.
func (rs *rows) item(row Row) (*item, error) {
	if row.kinds == nil {
		if note := footerNote(row); note != "" {
			return &item{row: row, skipped: true, problems: []Problem{{Row: row.Num, Level: LevelNote, Message: note}}}, nil
		}
	}
	rec := &record{s: rs.s, row: row, vals: make(map[string]string, len(rs.cols)), cols: rs.cols, defaults: rs.opt.Defaults, today: rs.opt.Today}
	rs.ownRecord(rec, row)
	empty := true
	content := maphash.Hash{}
	content.SetSeed(rs.seed)
	for j, v := range row.Cells {
		if strings.TrimSpace(v) == "" {
			continue
		}
		empty = false
		f := ""
		if j < len(rs.fields) {
			f = rs.fields[j]
		} else {
			rec.problem(LevelWarning, "", "第 %[1]s 列没有表头，其值 %[2]q 未导入 / column %[1]s has no header: its value %[2]q was not imported", ColumnLetter(j), stripControl(v))
		}
		if f == "" || f == Ignore {
			continue
		}
		if j < len(row.kinds) && !rs.jsonValue(rec, j, f, v, row.kinds[j]) {
			continue
		}
		if rs.excelError(rec, f, j, v) || rs.scientific(rec, f, j, v) {
			continue
		}
		if c := stripControl(v); c != v {
			// NUL and the like, which no form can type: an export's padding or a damaged file.
			v = c
			rec.warnf(f, "含有控制字符（如 NUL），已删除 / held control characters (such as NUL): removed")
			rs.inColumn(rec, j, c)
			if strings.TrimSpace(v) == "" {
				continue
			}
		}
		if strings.ContainsRune(v, utf8.RuneError) {
			// U+FFFD, which a decoder writes for bytes it cannot read: 51job's 大数据��程师.
			rec.warnf(f, "含有无法识别的字符（�），原文可能已损坏，已按原样导入，请核对 / holds characters that could not be read (�): the text may be damaged; imported as it is, please check")
			rs.inColumn(rec, j, v)
		}
		content.WriteString(strconv.Itoa(j) + "\x00" + v + "\x00")
		if have := rec.vals[f]; have != "" {
			v = have + "\n" + v // several columns fill a multi field
		}
		rec.vals[f] = v
	}
	if len(row.formulas) > 0 && rs.formulaProblems(rec) {
		empty = false
	}
	if empty {
		return nil, nil
	}
	it := &item{row: row}
	docs, auto, err := rs.build(rec)
	if err != nil {
		return nil, err
	}
	rec.redactProblems()
	var person *xiaoqi.Candidate
	if len(docs) > 0 {
		person, _ = docs[len(docs)-1].(*xiaoqi.Candidate)
	}
	if rs.opt.HidePersonal {
		it.person = person
	}
	if !rec.failed {
		if person != nil && (person.Phone != "" || person.Email != "") {
			auto = false // a name with a phone or an e-mail is one person: a second row of them is no other
		}
		rs.dedupe(rec, it, docs[len(docs)-1], auto, content.Sum64())
	}
	if c := person; c != nil && !rec.failed && !it.dup && rs.opt.Erased.Erased(c) {
		rec.errorf("name", erasedRow)
	}
	if c := person; c != nil && !rec.failed && !it.dup {
		var err error
		if it.row0, err = rs.keepChoices(rec, c); err != nil {
			return nil, err
		}
	}
	if !rec.failed && !it.dup && auto && rs.s.kind == xiaoqi.KindJob {
		if err := rs.adopt(rec, it, docs[len(docs)-1].(*xiaoqi.JobNeed)); err != nil {
			return nil, err
		}
	}
	if !rec.failed && !it.dup && !auto && rs.s.kind == xiaoqi.KindJob {
		if err := rs.otherFirm(rec, docs[len(docs)-1].(*xiaoqi.JobNeed)); err != nil {
			return nil, err
		}
	}
	if !rec.failed && !it.dup {
		it.docs, it.was = docs, rec.was
	}
	it.problems, it.failed = rec.problems, rec.failed
	return it, nil
}

// jsonValue checks the kind of a JSON value given for field f: an object never fills a field,
// an array only a field of several values (skills, tags …) or of running text, and only when it
// holds texts, numbers or true/false. It records an error in the row and returns false for a
// value that does not fill f.
func (rs *rows) jsonValue(rec *record, j int, f, v string, k valueKind) bool {
	fd := rs.s.field(f)
	var msg string
	switch {
	case k == kindObject:
		msg = "须为文本，不能是对象 {…} / must be text, not an object"
	case k == kindNested && (fd.list || fd.multi):
		msg = "须为文本或文本列表，不能含有对象或嵌套列表 / must be text or a list of texts, not a list holding objects or lists"
	case (k == kindList || k == kindNested) && !fd.list && !fd.multi:
		msg = "须为文本，不能是列表 […] / must be text, not a list"
	default:
		return true
	}
	zh, en := xiaoqi.Halves(msg)
	rec.errorf(f, "%s：%s / %s: %s", rs.s.label(f), zh, f, en)
	rs.inColumn(rec, j, v)
	return false
}

// inColumn names column j, and value v, in the last problem of rec: the column of a field
// that several columns fill, rather than the first of them.
func (rs *rows) inColumn(rec *record, j int, v string) {
	p := &rec.problems[len(rec.problems)-1]
	if j < len(rs.headers) {
		p.Column = rs.headers[j]
		if p.Cell != "" {
			p.Cell = ColumnLetter(j) + strconv.Itoa(rec.row.Num)
		}
	}
	if !(rs.s.kind == xiaoqi.KindCandidate && personal[p.Field]) {
		p.Value = v
	}
}

// stripControl removes the control characters other than tab and line breaks, which the
// documents refuse.
func stripControl(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, s)
}

func isControl(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f }

// build makes the documents of a row. auto reports a key the import made up (no id column),
// which may take a suffix when distinct rows share it.
func (rs *rows) build(rec *record) (docs []xiaoqi.Doc, auto bool, err error) {
	src, ctx := rs.opt.Source, rs.ctx
	switch rs.s.kind {
	case xiaoqi.KindJob:
		j, ref := buildJob(rec, src, rs.opt.Skills)
		if j.ExternalID == "" {
			j.ExternalID, auto = identityID(jobIdentity(rec)), true
		}
		if rec.failed || j.City == "" || (ref.key() == "" && ref.id == "") {
			rec.validation(j.Validate())
			return []xiaoqi.Doc{j}, auto, nil
		}
		id, name, ent, err := rs.ents.resolve(ctx, ref)
		if err != nil {
			return nil, false, err
		}
		j.EnterpriseID = id
		if name != j.EnterpriseName {
			firmName(rec, j.EnterpriseName, name)
			j.EnterpriseName = name // the registered firm's, as a search and the firm's page show it
		}
		if rs.ents.isSynthetic(id) {
			j.Synthetic = true // a job need of a fictitious enterprise, as the API has it
		}
		if ent != nil {
			ent.Synthetic = j.Synthetic // an enterprise made up for synthetic rows is synthetic too
			rs.enterpriseProblems(rec, ent.Validate())
			docs = append(docs, ent)
		}
		rec.validation(j.Validate())
		return append(docs, j), auto, nil
	case xiaoqi.KindCandidate:
		c := buildCandidate(rec, src, rs.opt.Skills)
		if c.ExternalID == "" {
			c.ExternalID, auto = identityID(candidateIdentity(rec)), true
		}
		if name := rec.get("institution_name"); name != "" && len(c.Education) > 0 {
			if in, _, err := rs.insts.find(ctx, rec); err != nil {
				return nil, false, err
			} else if in != nil {
				// Its name as the school's own: 西电 and Xidian University are 西安电子科技大学.
				c.Education[0].InstitutionID, c.Education[0].InstitutionName = in.ID, in.Name
			} else if len(rs.insts.byID) > 0 {
				// 哈佛大学, a school not imported, a name no list of other names knows: the text
				// stays, unlinked, and the row says so (it was dropped without a word). A store
				// without institutions links none, and every row would say it.
				rec.warnf("institution_name", "毕业院校 %[1]q 未能对应系统中的院校，按原文保存，未关联；可先导入院校，或写学校全称 / "+
					"%[1]q names no institution in xiaoqi: kept as written, not linked; import the institutions first, or write the school's full name", name)
			}
		}
		rec.validation(c.Validate())
		return []xiaoqi.Doc{c}, auto, nil
	}
	d, err := rs.merged(rec)
	if err != nil || d == nil {
		return nil, false, err
	}
	rec.validation(d.Validate())
	return []xiaoqi.Doc{d}, false, nil
}

// merged builds an institution, enterprise or program, onto the stored one when there is one.
func (rs *rows) merged(rec *record) (xiaoqi.Doc, error) {
	src := rs.opt.Source
	var (
		in    *xiaoqi.Institution
		apply func(d xiaoqi.Doc)
	)
	switch rs.s.kind {
	case xiaoqi.KindEnterprise:
		apply = func(d xiaoqi.Doc) { buildEnterprise(rec, d.(*xiaoqi.Enterprise), src) }
	case xiaoqi.KindInstitution:
		apply = func(d xiaoqi.Doc) { buildInstitution(rec, d.(*xiaoqi.Institution), src) }
	case xiaoqi.KindProgram:
		var f string
		var err error
		if in, f, err = rs.insts.find(rs.ctx, rec); err != nil {
			return nil, err
		} else if in == nil {
			if f == "" {
				f = "institution_name"
			}
			name := rec.get("institution_name")
			if name == "" {
				name = rec.get(f)
			}
			rec.errorf(f, "学校 %[1]q 不在系统中，请先导入院校（或检查学校名称与代码） / no institution %[1]q in xiaoqi: import institutions first (or check the school's name and code)", name)
			return nil, nil
		}
		apply = func(d xiaoqi.Doc) {
			p := d.(*xiaoqi.Program)
			p.InstitutionID, p.InstitutionName = in.ID, in.Name
			had := p.Degree
			buildProgram(rec, p, src, rs.opt.Skills)
			if !rec.has("city") || p.City == "" {
				p.City = in.City // taught where its school is, unless the row says where
			}
			if p.District == "" && p.City == in.City {
				p.District = in.District // so that a district filter (长安区, 杨凌) finds it
			}
			programPlace(rec, p, in)
			programClass(p, rs.opt.Majors)
			programDegree(rec, p, in, had)
		}
	}
	d := xiaoqi.NewDoc(rs.s.kind)
	apply(d)
	if rec.failed {
		return d, nil
	}
	old, err := stored(rs.ctx, rs.store, rs.s.kind, d.Base().ID, d.NaturalKey())
	if ent, ok := d.(*xiaoqi.Enterprise); ok && err == nil && old == nil && d.Base().ID == "" && ent.CreditCode != "" {
		old, err = namedOnly(rs.ctx, rs.store, ent.Name, ent.City, ent.CreditCode) // it gains the code
	}
	var course string // the stored name of a course the row writes in another spelling
	if p, ok := d.(*xiaoqi.Program); ok && err == nil && old == nil && d.Base().ID == "" {
		var o *xiaoqi.Program
		if o, err = rs.storedCourse(rs.ctx, p); o != nil {
			old, course = o, o.Name
		}
	}
	if err != nil || old == nil {
		return d, err
	}
	rec.problems, rec.failed = nil, false
	switch o := old.(type) {
	case *xiaoqi.Institution:
		was := *o
		rec.was = &was
	case *xiaoqi.Enterprise:
		was := *o
		rec.was = &was
	}
	apply(old)
	if p, ok := old.(*xiaoqi.Program); ok && course != "" && p.Name != course {
		rec.warnf("name", "与已有课程「%[1]s」仅空格、大小写或全半角不同，已更新该课程，名称保持为「%[1]s」 / "+
			"the course %[1]s is stored already, spelled otherwise (spaces, case or width): updated it, keeping its name %[1]s", course)
		p.Name = course
	}
	return old, nil
}

// firmName warns when a row names by its credit code a firm whose registered name does not
// read as the row's name written short: 测验卯信息 is 陕西测验卯信息技术有限公司 written short, and
// needs no word; 西安某某公司 beside the code of 陕西测验卯信息技术有限公司 may be a wrong code.
func firmName(rec *record, written, registered string) {
	rest := registered
	for _, c := range written {
		i := strings.IndexRune(rest, c)
		if i < 0 {
			rec.warnf("enterprise_name", "统一社会信用代码登记的企业是 %[1]s，与本行的公司名称 %[2]q 不符，按登记名称导入，请核对代码 / "+
				"the credit code is that of %[1]s, which %[2]q does not name: imported under the registered name; please check the code", registered, written)
			return
		}
		rest = rest[i+utf8.RuneLen(c):]
	}
}

// enterpriseProblems reports the problems of an enterprise made from a job row in the
// columns it came from, by their names as the job's own problems name them: the first row of
// a firm "N/A" said `企业 name："N/A" 不是企业名称` (an English field name in the Chinese) and the
// next ones `公司名称 enterprise_name "N/A" 不是企业名称`, two kinds of problem in the report.
func (rs *rows) enterpriseProblems(rec *record, err error) {
	for _, d := range xiaoqi.ErrorDetails(err) {
		f := map[string]string{"name": "enterprise_name", "credit_code": "enterprise_credit_code", "city": "city"}[d.Field]
		if f == "city" && !rec.has("city") {
			f = "area"
		}
		zh, en := xiaoqi.Halves(d.Message)
		switch {
		case f != "" && rec.hasError(f):
		case f == "enterprise_name":
			rec.errorf(f, "%s %s / %s %s", rs.s.label(f), zh, f, en)
		case f != "":
			rec.errorf(f, "企业的%[1]s：%[2]s / the enterprise's %[3]s: %[4]s", rs.s.label(f), zh, f, en)
		default:
			rec.errorf(f, "企业 %[1]s：%[2]s / enterprise %[1]s: %[3]s", d.Field, zh, en)
		}
	}
}

// dedupe finds rows that repeat an earlier row of the file. A row with the same key and the
// same values is a duplicate; with other values it is an error, unless the key was made up
// by the import, in which case it is another posting (or person) and its key gets a suffix.
func (rs *rows) dedupe(rec *record, it *item, d xiaoqi.Doc, auto bool, content uint64) {
	key := dedupeKey(d)
	if key == "" {
		return
	}
	base := d.Base().ExternalID
	for n := 1; ; n++ {
		h := maphash.String(rs.seed, key)
		prev, ok := rs.seen[h]
		switch {
		case !ok:
			rs.seen[h] = seenRow{row: int32(rec.row.Num), content: content}
			return
		case prev.content == content:
			it.dup = true
			rec.problem(LevelDuplicate, "", "与第 %d 行重复，已跳过 / repeats row %d, skipped", prev.row, prev.row)
			return
		case !auto:
			rec.errorf("", "与第 %[1]d 行的标识相同（%[2]s）但内容不同，请确认保留哪一行 / has the same key as row %[1]d (%[2]s) but other values: keep one of them", prev.row, key)
			return
		}
		d.Base().ExternalID = base + "-" + strconv.Itoa(n+1)
		key = d.NaturalKey()
	}
}

// adopt gives a job row without an id column the key of the stored posting it is, when its
// own key names none (postings.match): a posting imported from the same list under another
// file name, or under an older key, which held the posting date. With a source given on
// purpose, a posting of another source is only named in the report: the rows stay under the
// source asked for. A row so imported onto a posting keeps what the posting holds and the
// row leaves empty (keepStored).
func (rs *rows) adopt(rec *record, it *item, j *xiaoqi.JobNeed) error {
	if j.EnterpriseID == "" || rs.ents.created[j.EnterpriseID] {
		return nil // an enterprise new in this import has no stored postings
	}
	if rs.posts == nil {
		rs.posts = newPostings(rs.store, rs.seed)
	}
	sp, err := rs.posts.match(rs.ctx, j)
	if err != nil || sp == nil {
		return err
	}
	if sp.source != j.Source {
		it.existing = sp.source
	}
	if rs.opt.derivedSource || sp.source == j.Source {
		j.ID, j.Source, j.ExternalID = sp.id, sp.source, sp.externalID
		it.adopted = true
		old, err := stored(rs.ctx, rs.store, xiaoqi.KindJob, sp.id, "")
		if err != nil {
			return err
		}
		if o, ok := old.(*xiaoqi.JobNeed); ok {
			keepStored(rec, j, o)
		}
	}
	return nil
}

// union returns a's items, then b's that a lacks.
func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, v := range b {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// identityID is the external id made from the identifying text of a row.
func identityID(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}

// totalWords start a total row; footerWords, followed by a colon, a footer under a table.
var (
	totalWords  = []string{"合计", "总计", "小计", "共计", "累计", "总合计", "total", "subtotal", "grandtotal", "sum"}
	footerWords = []string{"制表人", "制表", "填表人", "填报人", "填表", "填报", "审核人", "审核", "审批人", "负责人", "联系人",
		"备注", "注", "说明", "填表说明", "数据来源", "来源", "制表日期", "填报日期", "填表日期", "日期", "单位",
		"填报单位", "填表单位", "制表单位", "报送单位", "单位负责人", "签字", "盖章"}
)

// blankBelow are the words a form writes under its last row, alone in the row: nothing
// follows (以下空白). Read as data, such a row failed three required columns.
var blankBelow = map[string]bool{"以下空白": true, "以下无内容": true, "以下无正文": true, "以下为空": true, "以下空": true,
	"此处空白": true, "此页空白": true, "空白": true, "(以下空白)": true}

// rowCells counts the cells of row that are not empty.
func rowCells(row Row) int {
	n := 0
	for _, c := range row.Cells {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// exampleWords mark the filled-in example row of a template (填写示例, 例：…).
var exampleWords = []string{"填写示例", "填表示例", "示例", "样例", "范例", "举例", "例如", "例", "example", "sample", "e.g.", "eg"}

// exampleRow reports whether t, a row's first cell folded to half width without spaces, marks
// the row as a template's example: an example word alone, in brackets, or before a colon
// (示例, （示例）, 例：Java开发工程师), not a title that starts with one (示例工程师).
func exampleRow(t string) bool {
	t = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(t, "("), "["), ")")
	t = strings.TrimSuffix(t, "]")
	for _, w := range exampleWords {
		if rest, ok := strings.CutPrefix(t, w); ok && (rest == "" || strings.HasPrefix(rest, ":") || rest == ")" || rest == "]") {
			return true
		}
	}
	return false
}

// footerNote returns the note of a total row (合计, 小计 …) or a footer (制表人：…, 备注：…),
// which is not a row of data, or "" for another row. The row's first cell that is not empty
// decides: a total word alone or before a number, a colon or a bracket ("合计：", "合 计",
// not "总计划员"), a footer word before a colon, with a note in brackets between them or not
// (填报单位（盖章）：).
func footerNote(row Row) string {
	first := ""
	for _, c := range row.Cells {
		if first = strings.TrimSpace(c); first != "" {
			break
		}
	}
	if first == "" {
		return ""
	}
	t := strings.ToLower(strings.Join(strings.Fields(width.Fold.String(first)), ""))
	for _, w := range totalWords {
		if rest, ok := strings.CutPrefix(t, w); ok {
			if r, _ := utf8.DecodeRuneInString(rest); rest == "" || !unicode.IsLetter(r) {
				return fmt.Sprintf("第 %[1]d 行是合计行，已跳过 / row %[1]d is a total row, skipped", row.Num)
			}
		}
	}
	if blankBelow[strings.Trim(t, "-—_*()[]")] && rowCells(row) == 1 {
		return fmt.Sprintf("第 %[1]d 行是表尾（%[2]s），已跳过 / row %[1]d is a footer under the table (%[2]s: nothing below), skipped", row.Num, first)
	}
	if exampleRow(t) {
		return fmt.Sprintf("第 %[1]d 行是填写示例，已跳过 / row %[1]d is a filled-in example of the template, skipped", row.Num)
	}
	for _, w := range footerWords {
		rest, ok := strings.CutPrefix(t, w)
		if _, after, found := strings.Cut(rest, ")"); ok && found && strings.HasPrefix(rest, "(") {
			rest = after // 填报单位（盖章）：, 负责人（签字）：
		}
		if ok && strings.HasPrefix(rest, ":") {
			return fmt.Sprintf("第 %[1]d 行是表尾（%[2]s），已跳过 / row %[1]d is a footer under the table (%[2]s), skipped", row.Num, w)
		}
	}
	return ""
}
