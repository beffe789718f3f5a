package ingest

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Mode says what an import does with the rows it reads.
type Mode string

// Import modes.
const (
	// ModeDefault writes the valid rows and reports the invalid ones.
	ModeDefault Mode = "default"
	// ModeDryRun writes nothing and reports what would happen.
	ModeDryRun Mode = "dry-run"
	// ModeStrict writes nothing if any row has an error.
	ModeStrict Mode = "strict"
)

// Counts are the numbers of an import.
type Counts struct {
	// Read counts the data rows read (empty rows are not counted).
	Read int `json:"read"`
	// Written counts rows whose document was created or changed (in a dry run: would be).
	Written   int `json:"written"`
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	// Invalid counts rows with an error, kept out of the store.
	Invalid int `json:"invalid"`
	// Duplicates counts rows that repeat an earlier row of the file, skipped.
	Duplicates int `json:"duplicates"`
	// Warnings counts rows written with a value left out.
	Warnings int `json:"warnings"`
	// Empty counts empty rows, skipped.
	Empty int `json:"empty"`
	// Skipped counts the total rows (合计, 小计 …), footers (制表人：…) and a template's example
	// rows (示例, 例：…) of a table, which are not data: each is named by a note, and none is
	// counted as read.
	Skipped int `json:"skipped,omitempty"`
	// EnterprisesCreated counts the enterprises a job import created for the jobs it wrote.
	EnterprisesCreated int `json:"enterprises_created,omitempty"`
}

// Report is what an import did: what it read, how it understood the columns, the counts, and
// the problems of the rows.
type Report struct {
	Type     xiaoqi.Kind `json:"type"`
	File     string      `json:"file"`
	Format   string      `json:"format"`
	Encoding string      `json:"encoding,omitempty"`
	Sheet    string      `json:"sheet,omitempty"`
	// OtherSheets are the later sheets of the workbook that hold a table of the same kind:
	// not imported (only one sheet is), each to be imported by its name.
	OtherSheets []string `json:"other_sheets,omitempty"`
	// HeaderRow is the row number of the header (its last row, when it has two).
	HeaderRow int    `json:"header_row"`
	Source    string `json:"source"`
	Mode      Mode   `json:"mode"`
	// Columns lists every column of the file and the field it fills; Unknown lists the
	// columns no field was found for (their values are not imported).
	Columns []Column `json:"columns"`
	Unknown []Column `json:"unknown_columns,omitempty"`
	// UnusedMapping lists the columns a mapping names that the file does not have: a mapping
	// written for another file, or a column renamed since.
	UnusedMapping []string `json:"unused_mapping,omitempty"`
	// BetterType is another type whose fields name clearly more of the columns, and whose
	// required columns the file has: it may have been imported as the wrong type (a school
	// list as candidates). Empty when the chosen type fits best.
	BetterType xiaoqi.Kind `json:"better_type,omitempty"`
	Counts
	// Existing counts the job rows without an id column that are postings stored under
	// another source, by that source: a list imported before under another file name. They
	// updated those postings, or, when the import was given a source of its own, were written
	// beside them (Updated false). A row imported onto a posting may leave it unchanged.
	Existing []SourceMatch `json:"existing,omitempty"`
	// Problems holds the first MaxProblems problems; ProblemCount counts them all.
	Problems     []Problem `json:"problems"`
	ProblemCount int       `json:"problem_count"`
	// Kinds counts all the problems by kind (level, column and message), in the order first
	// met, at most MaxProblemKinds of them: 2,596 rows whose school is not in xiaoqi read as
	// one line, not as 2,596.
	Kinds []ProblemKind `json:"problem_kinds,omitempty"`
	// Stopped says why an import stopped before the end of the file, "" when it did not.
	Stopped  string    `json:"stopped,omitempty"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`
}

// SourceMatch counts the rows of an import that are postings stored under another source;
// Updated says that they were imported onto them.
type SourceMatch struct {
	Source  string `json:"source"`
	Rows    int    `json:"rows"`
	Updated bool   `json:"updated"`
}

// addExisting counts a row that is a posting stored under source.
func (r *Report) addExisting(source string, updated bool) {
	for i := range r.Existing {
		if m := &r.Existing[i]; m.Source == source && m.Updated == updated {
			m.Rows++
			return
		}
	}
	if len(r.Existing) < MaxProblemKinds {
		r.Existing = append(r.Existing, SourceMatch{Source: source, Rows: 1, Updated: updated})
	}
}

// MaxProblemKinds is how many kinds of problems a report counts; the problems of further
// kinds count in ProblemCount only.
const MaxProblemKinds = 50

// ProblemKind is one kind of problem of an import, and how often and where it occurred.
type ProblemKind struct {
	Level   Level  `json:"level"`
	Column  string `json:"column,omitempty"`
	Message string `json:"message"`
	Count   int    `json:"count"`
	// FirstRow and LastRow are the rows of its first and last occurrence.
	FirstRow int `json:"first_row"`
	LastRow  int `json:"last_row"`
}

// countKind counts p among the kinds of problems.
func (r *Report) countKind(p Problem) {
	for i := range r.Kinds {
		if k := &r.Kinds[i]; k.Level == p.Level && k.Column == p.Column && k.Message == p.Message {
			k.Count++
			k.FirstRow, k.LastRow = min(k.FirstRow, p.Row), max(k.LastRow, p.Row)
			return
		}
	}
	if len(r.Kinds) < MaxProblemKinds {
		r.Kinds = append(r.Kinds, ProblemKind{Level: p.Level, Column: p.Column, Message: p.Message, Count: 1, FirstRow: p.Row, LastRow: p.Row})
	}
}

// Failed reports whether the import left rows out because of errors.
func (r *Report) Failed() bool { return r.Invalid > 0 || r.Stopped != "" }

// Summary is for people: what was read, written and found, a line in Chinese and one in
// English.
func (r *Report) Summary() string {
	zhVerb, enVerb := "写入", "written"
	if r.Mode == ModeDryRun {
		zhVerb, enVerb = "试运行，将写入", "would be written (dry run)"
	}
	zh := fmt.Sprintf("读取 %d 行：%s %d 行（新建 %d，更新 %d），未变 %d，无效 %d，重复 %d，有警告 %d",
		r.Read, zhVerb, r.Written, r.Created, r.Updated, r.Unchanged, r.Invalid, r.Duplicates, r.Warnings)
	en := fmt.Sprintf("%s read: %d %s (%d created, %d updated), %d unchanged, %d invalid, %s, %d with warnings",
		count(r.Read, "row", "rows"), r.Written, enVerb, r.Created, r.Updated, r.Unchanged, r.Invalid, count(r.Duplicates, "duplicate", "duplicates"), r.Warnings)
	if r.Skipped > 0 {
		zh += fmt.Sprintf("，跳过 %d 行（合计、表尾、示例，非数据）", r.Skipped)
		en += fmt.Sprintf(", %d skipped (totals, footers and examples, not data)", r.Skipped)
	}
	if r.EnterprisesCreated > 0 && r.Mode == ModeDryRun {
		zh += fmt.Sprintf("；将新建企业 %d 家", r.EnterprisesCreated)
		en += fmt.Sprintf("; %s would be created", count(r.EnterprisesCreated, "enterprise", "enterprises"))
	} else if r.EnterprisesCreated > 0 {
		zh += fmt.Sprintf("；新建企业 %d 家", r.EnterprisesCreated)
		en += fmt.Sprintf("; %s created", count(r.EnterprisesCreated, "enterprise", "enterprises"))
	}
	for _, m := range r.Existing {
		rows := count(m.Rows, "row", "rows")
		if m.Updated && r.Mode == ModeDryRun {
			zh += fmt.Sprintf("；%d 行是来源 %q 中已有的岗位，将写入这些岗位（不新增）", m.Rows, m.Source)
			en += fmt.Sprintf("; %s %s postings stored from source %q: would be imported onto them, not added again", rows, isAre(m.Rows), m.Source)
		} else if m.Updated {
			zh += fmt.Sprintf("；%d 行是来源 %q 中已有的岗位，已写入这些岗位（未新增；本表留空的项保留原值）", m.Rows, m.Source)
			en += fmt.Sprintf("; %s %s postings stored from source %q: imported onto them, not added again (what this list leaves empty is kept)", rows, isAre(m.Rows), m.Source)
		} else {
			zh += fmt.Sprintf("；%d 行与来源 %q 中已有的岗位相同，因指定了来源，已另行写入，请确认", m.Rows, m.Source)
			en += fmt.Sprintf("; %s %s like postings stored from source %q: written beside them under the source given; check that they are not the same", rows, lookLooks(m.Rows), m.Source)
		}
	}
	if len(r.Unknown) > 0 {
		names := make([]string, len(r.Unknown))
		for i, c := range r.Unknown {
			names[i] = c.Header
		}
		zh += fmt.Sprintf("；未导入的列：%s", strings.Join(names, "、"))
		en += fmt.Sprintf("; columns not imported: %s", strings.Join(names, ", "))
	}
	if len(r.UnusedMapping) > 0 {
		zh += fmt.Sprintf("；映射中的列不在文件中：%s", strings.Join(r.UnusedMapping, "、"))
		en += fmt.Sprintf("; the mapping names columns the file does not have: %s", strings.Join(r.UnusedMapping, ", "))
	}
	if len(r.OtherSheets) > 0 {
		zh += fmt.Sprintf("；工作表 %s 也有数据，未导入，请按工作表分别导入", strings.Join(r.OtherSheets, "、"))
		if len(r.OtherSheets) == 1 {
			en += fmt.Sprintf("; the sheet %s holds data too and was not imported: import it by its sheet name", r.OtherSheets[0])
		} else {
			en += fmt.Sprintf("; the sheets %s hold data too and were not imported: import each by its sheet name", strings.Join(r.OtherSheets, ", "))
		}
	}
	if r.BetterType != "" {
		zh += fmt.Sprintf("（这些列更符合 %s 类型，请确认类型）", r.BetterType.Plural())
		en += fmt.Sprintf(" (the columns fit type %s better than %s: is the type right?)", r.BetterType.Plural(), r.Type.Plural())
	}
	return zh + "\n" + en
}

// count writes n with the English noun that fits it: 1 row, 2 rows.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func lookLooks(n int) string {
	if n == 1 {
		return "looks"
	}
	return "look"
}

// CSVWriter writes the downloadable report: one line per row with a problem, the problems,
// and the row as the file had it, in UTF-8 with a byte-order mark so that Excel opens it
// right.
type CSVWriter struct {
	out    io.Writer
	w      *csv.Writer
	header []string
	json   bool
	begun  bool
	// hide lists the columns whose values the report leaves out (personal data); hideAll
	// leaves out the original of JSON rows; redact takes what looks like personal data
	// (phones, e-mail addresses, ID numbers, messenger accounts) out of the other cells.
	hide    map[int]bool
	keep    map[int]bool // columns shown as they are (the row's id)
	hideAll bool
	redact  bool
}

// hidden replaces the personal values a report leaves out.
const hidden = "[已隐藏 hidden]"

// NewCSVWriter returns a report writer on w.
func NewCSVWriter(w io.Writer) *CSVWriter { return &CSVWriter{out: w, w: csv.NewWriter(w)} }

// begin writes the byte-order mark and the header line. The original columns follow the
// report's own; a JSON file's rows are shown as their JSON.
func (c *CSVWriter) begin(header []string, isJSON bool) error {
	if c.begun {
		return nil
	}
	c.begun, c.header, c.json = true, header, isJSON
	if _, err := io.WriteString(c.out, "\ufeff"); err != nil { // nothing is buffered yet
		return err
	}
	line := []string{"行号 Row", "级别 Level", "问题 Problems"}
	if isJSON {
		line = append(line, "原始内容 Original")
	} else {
		line = append(line, header...)
	}
	return c.write(line)
}

// row writes the line of one row; person is the candidate made of it, whose own name and
// contacts are taken out of its cells too (nil for other rows).
func (c *CSVWriter) row(r Row, level Level, problems []Problem, person *xiaoqi.Candidate) error {
	msgs := make([]string, 0, len(problems))
	for _, p := range problems {
		m := p.Message
		if p.Column != "" {
			m = "[" + p.Column + "] " + m
		}
		msgs = append(msgs, m)
	}
	line := []string{strconv.Itoa(r.Num), levelName(level), strings.Join(msgs, "；")}
	switch {
	case c.json && c.hideAll:
		line = append(line, hidden)
	case c.json:
		line = append(line, r.Raw)
	default:
		cells := r.Cells
		for len(cells) > len(c.header) && strings.TrimSpace(cells[len(cells)-1]) == "" {
			cells = cells[:len(cells)-1] // empty cells past the header
		}
		if person == nil {
			person = &xiaoqi.Candidate{}
		}
		for j, v := range cells {
			switch {
			case v == "":
			case c.hide[j]:
				v = hidden
			case c.redact && !c.keep[j]:
				v = person.Redact(v, hidden)
			}
			line = append(line, v)
		}
		for j := len(cells); j < len(c.header); j++ {
			line = append(line, "")
		}
	}
	return c.write(line)
}

// write writes line with every cell defused: the header is the uploader's as much as the
// rows are (a column named =HYPERLINK(…) runs in Excel as well as a cell does), and the
// problems and a JSON row's original quote what was uploaded.
func (c *CSVWriter) write(line []string) error {
	for i, v := range line {
		line[i] = defuse(v)
	}
	return c.w.Write(line)
}

// defuse puts an apostrophe before a cell that a spreadsheet would read as a formula (one
// starting with = + - @, a tab or a carriage return), as OWASP advises against CSV
// injection: the report holds what users uploaded, and is opened in Excel.
func defuse(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}

// Flush writes what is buffered.
func (c *CSVWriter) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

func levelName(l Level) string {
	switch l {
	case LevelError:
		return "错误 error"
	case LevelWarning:
		return "警告 warning"
	case LevelDuplicate:
		return "重复 duplicate"
	case LevelNote:
		return "说明 note"
	}
	return string(l)
}

// noteMapping records the columns of m that the file's header (the report's columns) lacks.
func (r *Report) noteMapping(m Mapping) {
	have := map[string]bool{}
	for _, c := range r.Columns {
		have[normHeader(c.Header)] = true
	}
	for col := range m {
		if !have[normHeader(col)] {
			r.UnusedMapping = append(r.UnusedMapping, col)
		}
	}
	sort.Strings(r.UnusedMapping)
}
