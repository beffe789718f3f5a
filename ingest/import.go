package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Options configure an import. Type is required; everything else has a default.
type Options struct {
	// Type is the kind of document every row becomes.
	Type xiaoqi.Kind
	// Format is "xlsx", "csv", "json" or "jsonl"; empty detects it from the content and name.
	Format string
	// Encoding of a text file (gbk, gb18030, utf-8, utf-16le …); empty detects it.
	Encoding string
	// Sheet names the sheet of a workbook (name or 1-based position); empty takes the first
	// sheet with a recognisable header row.
	Sheet string
	// Mapping maps the file's own column names to fields, beside the built-in aliases.
	Mapping Mapping
	// Defaults gives values for fields whose column is missing or whose cell is empty.
	Defaults map[string]string
	// Source names where the rows come from; it is part of the natural key of job needs and
	// candidates. Default: derived from the file name.
	Source string
	// FileName is the file's name as the user knows it (an upload's name); default: the path's.
	FileName string
	Mode     Mode
	// BatchSize is the number of rows written in one transaction; default 1,000.
	BatchSize int
	Limits    Limits
	// Skills extracts skills from tag columns and descriptions; default TagSkills.
	Skills Skills
	// Geo gives the coordinates of a city for documents created without them; may be nil.
	Geo func(city string) *xiaoqi.GeoPoint
	// Progress is called after every batch from the goroutine that called Import.
	Progress func(Progress)
	// ReportCSV receives the downloadable report as the import goes; may be nil.
	ReportCSV *CSVWriter
	// HidePersonal leaves the cells of candidates' names, phones, e-mails and birth dates (and
	// of other columns whose header names contacts or an ID document) out of the report CSV,
	// and takes what looks like personal data out of its other cells (xiaoqi.Candidate.Redact),
	// for reports that others may download; the row's own id (学号) stays, as it is how the
	// uploader finds the row.
	HidePersonal bool
	// MaxProblems caps the problems kept in Report.Problems; default 1,000.
	MaxProblems int
	// TempDir is where large worksheets are unpacked; default the system's.
	TempDir string
	// Notify is called after every batch written (to wake an index follower); may be nil.
	Notify func()
	// Erased holds the xiaoqi.ErasedKey and IdentityKeys of every candidate erased at their
	// request (xiaoqi.NewErasures): a row of one of them, by its key or by the person's name
	// with phone or e-mail, is an error, not imported again. The writer reads the erasures
	// recorded since before and after every batch, and takes out again a row whose person was
	// erased while it was written. May be nil.
	Erased *xiaoqi.Erasures
	// InstitutionNames maps the other names of institutions, abbreviations and English names
	// (西电, 西安交大, Xidian University), to the full names they stand for
	// (seed.InstitutionOtherNames), for the program and candidate rows that name a school so.
	// May be nil.
	InstitutionNames map[string][]string
	// Majors is the catalogue of undergraduate majors (seed.Majors): a program of one of its
	// codes takes the code's class and category (专业类, 学科门类), as one written through the
	// API does. May be nil.
	Majors []xiaoqi.Major
	// Today is the day a posting date written without a year (11月20日, 11-20) is read
	// against: the latest such day not after it. Default: the day of the import, in China.
	Today time.Time

	// derivedSource says that Source was derived from the file name, not given.
	derivedSource bool
}

// Progress reports how far an import has come.
type Progress struct {
	// Pass is "validate" during the first pass of a strict import, "import" otherwise.
	Pass string
	// Rows counts the rows handled; Written, Invalid and Duplicates as in Counts.
	Rows, Written, Unchanged, Invalid, Duplicates int
	// LastRow is the row number of the last row handled: every row up to it that was
	// reported written is durable in the store.
	LastRow int
	// Bytes of TotalBytes read (0 when unknown, as for workbooks).
	Bytes, TotalBytes int64
	Elapsed           time.Duration
	RowsPerSec        float64
	// ETA estimates the time left; 0 when unknown.
	ETA time.Duration
}

// Import reads the file at path and writes its rows to store as documents of opt.Type. It
// returns the report, and an error when the file cannot be read at all or the store fails;
// rows with problems are in the report, not in the error. A strict import whose rows have
// errors returns the report with Stopped set and writes nothing.
func Import(ctx context.Context, store xiaoqi.Store, path string, opt Options) (*Report, error) {
	if err := opt.check(path); err != nil {
		return nil, err
	}
	rep := &Report{Type: opt.Type, File: opt.FileName, Source: opt.Source, Mode: opt.Mode, Started: time.Now().UTC()}
	if opt.Mode == ModeStrict {
		// First pass: validate everything, write nothing.
		check := opt
		check.Mode, check.ReportCSV, check.Progress = ModeDryRun, nil, nil
		if opt.Progress != nil {
			check.Progress = func(p Progress) { p.Pass = "validate"; opt.Progress(p) }
		}
		first, err := run(ctx, store, path, check, &Report{Type: opt.Type, File: opt.FileName, Source: opt.Source, Mode: ModeStrict}, passCheck)
		if err != nil {
			return nil, err
		}
		if first.Invalid > 0 {
			// Report the problems once more, with the CSV, without writing.
			again := opt
			again.Mode = ModeDryRun
			rep, err := run(ctx, store, path, again, rep, passCheck)
			if err != nil {
				return nil, err
			}
			rep.Mode = ModeStrict
			rep.Written, rep.Created, rep.Updated, rep.Unchanged, rep.EnterprisesCreated = 0, 0, 0, 0, 0
			rows := fmt.Sprintf("%d rows have", rep.Invalid)
			if rep.Invalid == 1 {
				rows = "1 row has"
			}
			rep.Stopped = fmt.Sprintf("严格模式：%d 行有错误，未写入任何数据 / strict: %s errors, nothing was written", rep.Invalid, rows)
			rep.Finished = time.Now().UTC()
			return rep, nil
		}
	}
	if opt.Mode == ModeDryRun {
		return run(ctx, store, path, opt, rep, passPredict)
	}
	return run(ctx, store, path, opt, rep, passWrite)
}

// check fills in defaults and refuses options that cannot work.
func (o *Options) check(path string) error {
	if schemaFor(o.Type) == nil {
		return xiaoqi.Errorf(xiaoqi.EINVALID, "不支持导入类型 %[1]q（可选：jobs、programs、institutions、enterprises、candidates） / cannot import %[1]q: type must be one of jobs, programs, institutions, enterprises, candidates", o.Type)
	}
	f, err := ParseFormat(o.Format)
	if err != nil {
		return err
	}
	o.Format = f
	if o.Encoding != "" {
		if _, _, err := lookupEncoding(o.Encoding); err != nil {
			return err
		}
	}
	if o.FileName == "" {
		o.FileName = filepath.Base(path)
	}
	if o.Source = strings.TrimSpace(o.Source); o.Source == "" || o.derivedSource {
		o.Source, o.derivedSource = SourceName(o.FileName), true
	}
	switch o.Mode {
	case "":
		o.Mode = ModeDefault
	case ModeDefault, ModeDryRun, ModeStrict:
	default:
		return xiaoqi.Errorf(xiaoqi.EINVALID, "未知导入模式 %[1]q（可选：default、dry-run、strict） / unknown import mode %[1]q (default, dry-run, strict)", o.Mode)
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 1000
	}
	if o.MaxProblems <= 0 {
		o.MaxProblems = 1000
	}
	if o.Today.IsZero() {
		o.Today = time.Now().In(China)
	}
	if o.Skills == nil {
		o.Skills = TagSkills{}
	}
	o.Limits = o.Limits.withDefaults()
	s := schemaFor(o.Type)
	var bad []string
	if len(o.Defaults) > 0 {
		// A default names its field as a mapping does: by name, Chinese label or alias (城市=西安市).
		res, err := newResolver(s, nil)
		if err != nil {
			return err
		}
		named := make(map[string]string, len(o.Defaults))
		for f, v := range o.Defaults {
			if s.field(f) == nil {
				if alias := res.aliases[normHeader(f)]; alias != "" {
					f = alias
				}
			}
			named[f] = v
		}
		o.Defaults = named
	}
	for f := range o.Defaults {
		if s.field(f) == nil || f == Ignore {
			bad = append(bad, f)
		}
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		return xiaoqi.Errorf(xiaoqi.EINVALID, "默认值字段不存在：%[2]s 没有字段 %[3]s（可用字段：%[4]s） / defaults name fields that %[1]s documents do not have: %[5]s (fields: %[6]s)",
			o.Type, xiaoqi.KindName(o.Type), strings.Join(bad, "、"), strings.Join(s.names(), "、"), strings.Join(bad, ", "), strings.Join(s.names(), ", "))
	}
	return nil
}

// copyMark is what a browser or a file manager adds to the name of a second copy of a file:
// "jobs (1).csv", "岗位需求 - 副本.xlsx", "list copy.csv".
var copyMark = regexp.MustCompile(`(?i)(\s*[(（]\d{1,3}[)）]|\s*-?\s*副本|\s*-\s*copy|\s+copy)$`)

// SourceName derives an import source from a file name: "岗位需求 2024.xlsx" → "岗位需求-2024".
// The marks of a second copy are left out ("jobs_gbk (1).csv" → "jobs_gbk"): a file
// downloaded twice is the same list.
func SourceName(fileName string) string {
	base := strings.TrimSuffix(filepath.Base(fileName), filepath.Ext(fileName))
	for {
		b := copyMark.ReplaceAllString(base, "")
		if b == base || strings.TrimSpace(b) == "" {
			break
		}
		base = b
	}
	s := strings.ToLower(strings.Join(strings.Fields(base), "-"))
	if s == "" || s == "." {
		return "import"
	}
	return s
}

// table is the table an import reads: its rows, the header found in them, and the rows read
// ahead to find it.
type table struct {
	rows   rowReader
	sheet  string
	header *header
	ahead  []aheadRow // rows read while looking for the header, after it
	// others are the later sheets of the workbook that hold a table of the same kind, which
	// are not imported (Report.OtherSheets).
	others []string
}

// aheadRow is a row read ahead, with its read error.
type aheadRow struct {
	row Row
	err error
}

// importFile is a file opened for import: the type's schema, the header resolver, the file
// and the table of rows under its header row.
type importFile struct {
	s   *schema
	res *resolver
	of  *openedFile
	t   *table
}

// openImport opens path as opt describes and finds its header row.
func openImport(path string, opt Options) (*importFile, error) {
	s := schemaFor(opt.Type)
	res, err := newResolver(s, opt.Mapping)
	if err != nil {
		return nil, err
	}
	of, err := openFile(path, opt.FileName, opt.Format, opt.Encoding, opt.Limits, opt.TempDir)
	if err != nil {
		return nil, err
	}
	t, err := findTable(of, opt.FileName, opt.Sheet, res)
	if err != nil {
		of.close()
		return nil, err
	}
	return &importFile{s: s, res: res, of: of, t: t}, nil
}

func (f *importFile) close() {
	f.t.rows.Close()
	f.of.close()
}

// findTable opens the sheet (or the file) to import and finds its header. name is the
// file's name as its user knows it.
func findTable(of *openedFile, name, sheet string, res *resolver) (*table, error) {
	if of.format == FormatJSON || of.format == FormatJSONL {
		rr, err := of.open("")
		if err != nil {
			return nil, err
		}
		// Read the first object now, so that an empty file is refused before anything is done.
		row, err := rr.Next()
		if errors.Is(err, errEmptyFile) {
			rr.Close()
			return nil, emptyFile(name, nil)
		}
		return &table{rows: rr, header: &header{}, ahead: []aheadRow{{row, err}}}, nil
	}
	sheets := []string{""}
	if of.format == FormatXLSX {
		sheets = of.sheets
		if sheet != "" {
			sh, err := of.findSheet(sheet)
			if err != nil {
				return nil, err
			}
			sheets = []string{sh}
		}
	}
	var (
		firstRows []string
		empty     []string // sheets without a single row
		hintZh    string   // another type whose columns a row has (otherType), in Chinese
		hintEn    string   // and in English
	)
	for i, sh := range sheets {
		rr, err := of.open(sh)
		if err != nil {
			return nil, err
		}
		t := &table{rows: rr, sheet: sh}
		var (
			buf   []Row
			ahead []aheadRow
		)
		for len(buf) < maxHeaderSearch {
			row, err := rr.Next()
			var re *rowError
			if errors.Is(err, io.EOF) {
				break
			} else if err != nil && !errors.As(err, &re) {
				// Stop here; the error comes in its turn, after the rows before it.
				ahead = append(ahead, aheadRow{Row{}, err})
				break
			}
			buf, ahead = append(buf, row), append(ahead, aheadRow{row, err})
		}
		if h := res.findHeader(buf); h != nil {
			t.header, t.ahead = h, ahead[h.skip:]
			if sheet == "" && of.format == FormatXLSX {
				t.others = otherTables(of, sheets[i+1:], res)
			}
			return t, nil
		}
		rr.Close()
		if len(buf) < len(ahead) {
			return nil, ahead[len(ahead)-1].err
		}
		if len(ahead) == 0 {
			empty = append(empty, sh)
			if sh != "" {
				firstRows = append(firstRows, fmt.Sprintf("sheet %q: no rows", sh))
			}
			continue
		}
		first := ""
		for _, r := range buf {
			if strings.Join(r.Cells, "") != "" {
				first = strings.Join(r.Cells, " | ")
				break
			}
		}
		if first == "" {
			first = "only empty rows"
		}
		for _, r := range buf {
			if hintEn != "" {
				break
			}
			cols := make([]Column, len(r.Cells))
			for i, c := range r.Cells {
				cols[i] = Column{Header: c}
			}
			hintZh, hintEn = otherType(res.s.kind, cols)
		}
		if sh != "" {
			first = fmt.Sprintf("sheet %q: %s", sh, first)
		}
		firstRows = append(firstRows, first)
	}
	if len(empty) == len(sheets) {
		return nil, emptyFile(name, empty)
	}
	want := make([]string, 0, 3)
	for _, g := range res.s.required {
		want = append(want, res.s.label(g[0]))
	}
	msg := fmt.Sprintf("未找到表头：前 %[1]d 行中没有可识别的列名（应有 %[2]s 等列），请修改列名或提供列名映射%[5]s / "+
		"no header row found in the first %[1]d rows: expected column names such as %[2]s; found: %[3]s. "+
		"Name the columns, or give a mapping (the upload's mapping field, or --mapping)%[4]s",
		maxHeaderSearch, strings.Join(want, ", "), strings.Join(firstRows, "; "), hintEn, hintZh)
	if of.format == FormatXLSX && sheet == "" && len(of.sheets) > 1 {
		msg += fmt.Sprintf(" (sheets: %s; choose one with the sheet field or --sheet)", strings.Join(of.sheets, ", "))
	}
	return nil, &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: msg, Details: []xiaoqi.FieldError{{Field: "header", Message: "未找到表头 / no header row found"}}}
}

// errEmptyFile is what a reader of JSON returns for a file that holds nothing (or only
// spaces and a byte-order mark); findTable names the file in it.
var errEmptyFile = &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: "文件为空 / the file is empty",
	Details: []xiaoqi.FieldError{{Field: "file", Message: "文件为空 / is empty"}}}

// emptyFile is the error of a file without a single row; sheets names the sheets of a
// workbook that were looked at, nil for a text file.
func emptyFile(name string, sheets []string) error {
	msg := fmt.Sprintf("%s: 文件为空，没有任何数据 / the file is empty, it holds no rows", name)
	switch {
	case len(sheets) == 1 && sheets[0] != "":
		msg = fmt.Sprintf("%[1]s: 工作表 %[2]q 为空，没有任何数据 / sheet %[2]q is empty, it holds no rows", name, sheets[0])
	case len(sheets) > 1:
		msg = fmt.Sprintf("%[1]s: 工作簿为空，没有任何数据 / the workbook is empty, its sheets %[2]s hold no rows", name, strings.Join(sheets, ", "))
	}
	return &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: msg, Details: []xiaoqi.FieldError{{Field: "file", Message: "文件为空 / is empty"}}}
}

// checkRequired refuses a header that lacks a column every row needs.
func checkRequired(s *schema, cols []Column, defaults map[string]string) error {
	group := missingGroup(s, cols, defaults)
	found := make([]string, 0, len(cols))
	for _, c := range cols {
		found = append(found, OneLine(c.Header))
	}
	if group == nil {
		return needsSchool(s, cols, defaults, found)
	}
	names := make([]string, len(group))
	for i, f := range group {
		names[i] = s.label(f)
	}
	hintZh, hintEn := otherType(s.kind, cols)
	return &xiaoqi.Error{Code: xiaoqi.EINVALID,
		Message: fmt.Sprintf("缺少必填列 %[4]s（现有列：%[2]s），请修改列名或用 --mapping 指定，或用 --default 给出默认值（上传时为 mapping 与 defaults 字段）%[3]s / no column for %[1]s (required); columns found: %[2]s. Name it with --mapping, or give a default with --default (an upload's mapping and defaults fields)%[5]s",
			strings.Join(names, " or "), strings.Join(found, ", "), hintZh, strings.Join(names, " 或 "), hintEn),
		Details: []xiaoqi.FieldError{{Field: group[0], Message: "缺少此列 / no column"}}}
}

// needsSchool refuses a candidate file whose columns give a major or a graduation year but no
// school (毕业院校), which every row with one of them needs: the file is refused once, not each
// of its rows.
func needsSchool(s *schema, cols []Column, defaults map[string]string, found []string) error {
	if s.kind != xiaoqi.KindCandidate {
		return nil
	}
	have := map[string]string{}
	for _, c := range cols {
		if _, ok := have[c.Field]; !ok {
			have[c.Field] = OneLine(c.Header)
		}
	}
	if _, ok := have["institution_name"]; ok || defaults["institution_name"] != "" {
		return nil
	}
	var by []string
	for _, f := range []string{"major", "major_code", "graduation_year"} {
		if h, ok := have[f]; ok {
			by = append(by, h)
		}
	}
	if len(by) == 0 {
		return nil
	}
	return &xiaoqi.Error{Code: xiaoqi.EINVALID,
		Message: fmt.Sprintf("缺少「毕业院校」列：有 %[1]s 列时每行都须填写毕业院校（现有列：%[2]s）；请添加该列、用 --mapping 指定（上传时为 mapping 字段），或用 --default institution_name=学校名称（上传时为 defaults 字段 {\"institution_name\": \"学校名称\"}）给出全部学生的学校 / "+
			"no column for the school (毕业院校 institution_name), which rows with %[1]s need (columns found: %[2]s): add it, name it with --mapping (an upload's mapping field), "+
			"or give the school of all the students with --default institution_name=… (an upload's defaults field, {\"institution_name\": \"…\"})", strings.Join(by, ", "), strings.Join(found, ", ")),
		Details: []xiaoqi.FieldError{{Field: "institution_name", Message: "缺少此列 / no column"}}}
}

// missingGroup returns the first group of required fields of which no column (nor default)
// gives one, or nil.
func missingGroup(s *schema, cols []Column, defaults map[string]string) []string {
	have := map[string]bool{}
	for _, c := range cols {
		have[c.Field] = true
	}
	for f := range defaults {
		have[f] = true
	}
	for _, group := range s.required {
		ok := false
		for _, f := range group {
			ok = ok || have[f]
		}
		if !ok {
			return group
		}
	}
	return nil
}

// importKinds are the kinds a file can hold, in the order a hint names them.
var importKinds = []xiaoqi.Kind{xiaoqi.KindJob, xiaoqi.KindProgram, xiaoqi.KindInstitution, xiaoqi.KindEnterprise, xiaoqi.KindCandidate}

// betterFit is how many more columns another type must name than the chosen one to be
// pointed out: one more is often a coincidence (名称 names a school and an enterprise alike).
const betterFit = 2

// fits returns the kinds other than k whose required columns cols have, with the most columns
// they name, and that number.
func fits(k xiaoqi.Kind, cols []Column) (kinds []xiaoqi.Kind, most int) {
	for _, other := range importKinds {
		if other == k {
			continue
		}
		s := schemaFor(other)
		r, err := newResolver(s, nil)
		if err != nil {
			continue
		}
		as := make([]Column, len(cols))
		for i, c := range cols {
			as[i] = Column{Header: c.Header, Field: r.resolve(c.Header)}
		}
		n := named(as)
		switch {
		case missingGroup(s, as, nil) != nil || n < most:
		case n > most:
			kinds, most = []xiaoqi.Kind{other}, n
		default:
			kinds = append(kinds, other)
		}
	}
	return kinds, most
}

// named counts the columns that name a field.
func named(cols []Column) int {
	n := 0
	for _, c := range cols {
		if c.Field != "" && c.Field != Ignore {
			n++
		}
	}
	return n
}

// otherType names the other kind whose required columns the file's header has, as a hint for
// a file refused as the wrong type (a job list as institutions): of those that fit, the one
// that names the most columns (several on a tie), when it names more than k does; "" when
// none does. Any list with a 名称/name column fits candidates, whose one required column is a
// name: the national list of universities (yxdm, name, province, tags) imported as
// institutions, and refused for want of a city, was said to fit candidates.
// The hint comes in two halves, one for each half of the message it joins: a hint with its
// own " / " inside the Chinese half made a message of three parts, which the page cannot split.
func otherType(k xiaoqi.Kind, cols []Column) (zh, en string) {
	kinds, most := fits(k, cols)
	if len(kinds) == 0 || most <= named(cols) {
		return "", ""
	}
	names := make([]string, len(kinds))
	for i, o := range kinds {
		names[i] = o.Plural()
	}
	return fmt.Sprintf("（这些列符合 %s 类型，是否选错了类型？）", strings.Join(names, "、")),
		fmt.Sprintf(" (the columns fit type %s: was that meant?)", strings.Join(names, " or "))
}

// betterType returns the one other kind that names at least betterFit more of cols than k
// does and whose required columns cols have, or "".
func betterType(k xiaoqi.Kind, cols []Column) xiaoqi.Kind {
	kinds, most := fits(k, cols)
	if len(kinds) != 1 || most < named(cols)+betterFit {
		return ""
	}
	return kinds[0]
}
