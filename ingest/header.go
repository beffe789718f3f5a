package ingest

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Column is one column of an imported file and the field it fills.
type Column struct {
	// Index is the 0-based position; Letter is the spreadsheet column (A, B, … AA).
	Index  int    `json:"index"`
	Letter string `json:"letter"`
	// Header is the column's name as the file writes it (two header rows joined by " / ").
	Header string `json:"header"`
	// Field is the document field it fills; "" for an unknown column, "-" for one ignored on purpose.
	Field string `json:"field"`
	// Note says why a column is not used, for unknown and ignored columns.
	Note string `json:"note,omitempty"`

	// yearly and unit say how the header writes amounts: per year (年薪, 元/年), and in 万
	// or 千 (薪资（万元）); they apply to cells that do not say so themselves.
	yearly bool
	unit   string
	// named says that the import's mapping names the column, rather than an alias.
	named bool
}

// rangeParts name the minimum and maximum under a field's name in a two-row header.
var rangeParts = map[string]string{"最低": "_min", "最高": "_max", "下限": "_min", "上限": "_max", "起": "_min", "止": "_max",
	"min": "_min", "max": "_max", "最小": "_min", "最大": "_max", "低": "_min", "高": "_max", "from": "_min", "to": "_max",
	"minimum": "_min", "maximum": "_max", "起薪": "_min", "封顶": "_max"}

// amountNotes reads how a salary header writes its amounts: per year (年薪, 元/年, annual) and
// in 万 or 千 (万元, 千元, k).
func amountNotes(header string) (yearly bool, unit string) {
	h := strings.ToLower(norm.NFKC.String(header))
	for _, w := range []string{"年薪", "/年", "每年", "per year", "annual", "yearly", "/year"} {
		yearly = yearly || strings.Contains(h, w)
	}
	switch {
	case strings.Contains(h, "万元") || strings.Contains(h, "(万)") || strings.Contains(h, "单位:万"):
		unit = "万"
	case strings.Contains(h, "千元") || strings.Contains(h, "(千)") || strings.Contains(h, "(k)") || strings.Contains(h, "单位:千"):
		unit = "千"
	}
	return yearly, unit
}

// Ignore is the field name that a mapping gives a column to leave it out on purpose.
const Ignore = "-"

// Mapping maps a file's own column names to document fields: {"岗位": "title", "备注": "-"}.
type Mapping map[string]string

// LoadMapping reads a mapping file: a JSON object from column name to field name.
func LoadMapping(path string) (Mapping, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("ingest: mapping: %w", err)
	}
	return ParseMapping(data)
}

// ParseMapping decodes a mapping from JSON.
func ParseMapping(data []byte) (Mapping, error) {
	var m Mapping
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, xiaoqi.Errorf(xiaoqi.EINVALID, `映射文件格式错误：须为从列名到字段名的 JSON 对象，如 {"岗位": "title"} / `+
			`the mapping must be a JSON object from column name to field name, such as {"岗位": "title"}: %v`, err)
	}
	return m, nil
}

var (
	bracketed   = regexp.MustCompile(`[(（\[【<《][^)）\]】>》]*[)）\]】>》]`)
	headerNoise = strings.NewReplacer(" ", "", "\t", "", "\n", "", "\r", "", "_", "", "-", "", "*", "",
		":", "", ".", "", "#", "", "\ufeff", "", "'", "", "’", "", "\"", "")
)

// normHeader reduces a column name to the form aliases are compared in: full-width characters
// made half-width, lower case, without notes in brackets ("薪资（元/月）"), required-field stars,
// spaces, underscores and hyphens: "Company_Name" = "company name" = "companyname".
func normHeader(s string) string {
	t := strings.ToLower(norm.NFKC.String(s))
	t = bracketed.ReplaceAllString(t, "")
	return headerNoise.Replace(strings.TrimSpace(t))
}

// idNumberHeader reports whether a column's header names an identity document's number
// (身份证号, 公民身份号码, 证件号码, 护照号, ID number, ID card No.): xiaoqi keeps none, so the report
// says so rather than offer to map the column.
func idNumberHeader(header string) bool {
	h := normHeader(header)
	for _, w := range []string{"身份证", "身份号码", "证件号", "证件编号", "护照号", "passport"} {
		if strings.Contains(h, w) {
			return true
		}
	}
	switch strings.TrimSuffix(strings.TrimSuffix(h, "number"), "no") {
	case "id", "idcard", "nationalid", "citizenid", "identitycard", "identity", "identification", "residentid":
		return h != "id" // a column named id is the document's own
	}
	return false
}

// resolver finds the field a column name stands for: the mapping first, then the aliases.
type resolver struct {
	s       *schema
	mapping map[string]string // normalised column name → field
	aliases map[string]string // normalised alias → field
}

func newResolver(s *schema, m Mapping) (*resolver, error) {
	r := &resolver{s: s, mapping: map[string]string{}, aliases: map[string]string{}}
	for _, f := range s.fields {
		// A type's own fields come before the common ones; the first field to claim a name keeps it.
		for _, a := range append([]string{f.name, f.label}, f.aliases...) {
			if n := normHeader(a); n != "" && r.aliases[n] == "" {
				r.aliases[n] = f.name
			}
		}
	}
	var bad []string
	for col, f := range m {
		f = strings.TrimSpace(f)
		if f == "" || strings.EqualFold(f, "ignore") {
			f = Ignore
		}
		if f != Ignore && s.field(f) == nil {
			if alias, ok := r.aliases[normHeader(f)]; ok {
				f = alias // a mapping may name the field by an alias ("岗位名称")
			} else {
				bad = append(bad, fmt.Sprintf("%q → %q", col, f))
				continue
			}
		}
		r.mapping[normHeader(col)] = f
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		return nil, &xiaoqi.Error{Code: xiaoqi.EINVALID,
			Message: fmt.Sprintf("映射中的字段不存在：%[2]s 没有字段 %[3]s；可用字段：%[4]s / the mapping names fields that %[1]s documents do not have: %[5]s; fields: %[6]s",
				s.kind, xiaoqi.KindName(s.kind), strings.Join(bad, "、"), strings.Join(s.names(), "、"), strings.Join(bad, ", "), strings.Join(s.names(), ", ")),
			Details: []xiaoqi.FieldError{{Field: "mapping", Message: fmt.Sprintf("字段不存在：%[1]s / unknown field: %[2]s", strings.Join(bad, "、"), strings.Join(bad, ", "))}}}
	}
	return r, nil
}

// named reports whether the mapping names the column header.
func (r *resolver) named(header string) bool {
	_, ok := r.mapping[normHeader(header)]
	return ok
}

// resolve returns the field of a column name, or "".
func (r *resolver) resolve(header string) string {
	h := normHeader(header)
	if h == "" {
		return ""
	}
	if f, ok := r.mapping[h]; ok {
		return f
	}
	if f, ok := r.aliases[h]; ok {
		return f
	}
	// "城市/地区", "学历、学位": the first part that names a field.
	if parts := strings.FieldsFunc(h, func(c rune) bool { return c == '/' || c == '|' || c == '、' || c == '或' }); len(parts) > 1 {
		for _, p := range parts {
			if f, ok := r.aliases[p]; ok {
				return f
			}
		}
	}
	return ""
}

// maxHeaderSearch is how many rows at the top of a table may come before the header row
// (titles, notes, a group row).
const maxHeaderSearch = 10

// header is the header found in a table.
type header struct {
	row   int // row number of the header's (last) row
	skip  int // rows of the table before the first data row
	cols  []Column
	width int // cells of the header row, the empty ones at its end included
}

// findHeader looks in the first rows of a table for the row whose cells name the most fields,
// joining it with the row above when that row groups columns ("薪资" over "最低", "最高") or
// holds names of vertically merged cells. It returns nil when no row names two fields.
func (r *resolver) findHeader(rows []Row) *header {
	var best *header
	bestScore := 0
	for i := 0; i < len(rows) && i < maxHeaderSearch; i++ {
		cols, score := r.columns(rows[i].Cells, nil)
		if i > 0 {
			pc, ps := r.columns(rows[i].Cells, rows[i-1].Cells)
			if ps > score {
				cols, score = pc, ps
			}
			// The lower row of a two-row header whose merged names fill both rows (岗位名称
			// merged over rows 2 and 3, 薪资 over 最低 and 最高) names as many fields as the
			// upper one alone: the two rows are the header.
			if best != nil && best.skip == i && ps > 0 && ps >= bestScore && refines(rows[i].Cells, rows[i-1].Cells) {
				best, bestScore = &header{row: rows[i].Num, skip: i + 1, cols: pc, width: max(len(rows[i].Cells), len(rows[i-1].Cells))}, ps
				continue
			}
		}
		nonEmpty := 0
		for _, c := range rows[i].Cells {
			if strings.TrimSpace(c) != "" {
				nonEmpty++
			}
		}
		if score > bestScore && (score >= 2 || score == nonEmpty) {
			w := len(rows[i].Cells)
			if i > 0 {
				w = max(w, len(rows[i-1].Cells))
			}
			best, bestScore = &header{row: rows[i].Num, skip: i + 1, cols: cols, width: w}, score
		}
	}
	return best
}

// refines reports whether a row under a header row adds names of its own (最低 under 薪资)
// rather than only repeating the names merged over both.
func refines(lower, upper []string) bool {
	for j, c := range lower {
		if c = strings.TrimSpace(c); c != "" && c != strings.TrimSpace(cell(upper, j)) {
			return true
		}
	}
	return false
}

// columns resolves the cells of a header row, with the row above it when upper is not nil,
// and counts the columns that name a field.
func (r *resolver) columns(cells, upper []string) ([]Column, int) {
	n := len(cells)
	if upper != nil {
		n = max(n, len(upper))
	}
	cols := make([]Column, 0, n)
	score := 0
	group := "" // the upper row's last non-empty cell: merged cells are filled to the right
	for j := 0; j < n; j++ {
		lower := strings.TrimSpace(cell(cells, j))
		up := ""
		if upper != nil {
			if u := strings.TrimSpace(cell(upper, j)); u != "" {
				group = u
			}
			up = group
		}
		c := Column{Index: j, Letter: ColumnLetter(j), Header: lower}
		switch {
		case lower != "":
			if c.Field = r.resolve(lower); c.Field == "" && up != "" {
				for _, h := range []string{up + lower, lower + up} {
					if f := r.resolve(h); f != "" {
						c.Field, c.Header = f, up+" / "+lower
						break
					}
				}
				// Any name of a field over 最低/最高, 下限/上限, 起/止, min/max: the field's
				// minimum and maximum (薪酬, 薪资待遇（元/月）, 年薪 over 下限 and 上限).
				if part, ok := rangeParts[normHeader(lower)]; ok && c.Field == "" {
					if f := r.resolve(up); f != "" && r.s.field(f+part) != nil {
						c.Field, c.Header = f+part, up+" / "+lower
					}
				}
			}
			if c.Field == "salary" || c.Field == "salary_min" || c.Field == "salary_max" {
				c.yearly, c.unit = amountNotes(up + " " + lower)
			}
		case upper != nil && strings.TrimSpace(cell(upper, j)) != "":
			// A name merged over both header rows sits in the upper cell.
			c.Header = strings.TrimSpace(cell(upper, j))
			c.Field = r.resolve(c.Header)
			if c.Field == "salary" {
				c.yearly, c.unit = amountNotes(c.Header)
			}
		default:
			continue
		}
		if c.Field != "" && c.Field != Ignore {
			score++
		}
		cols = append(cols, c)
	}
	return cols, score
}

func cell(cells []string, j int) string {
	if j < len(cells) {
		return cells[j]
	}
	return ""
}

// ColumnLetter returns the spreadsheet name of the 0-based column j: A, B, … Z, AA, AB ….
func ColumnLetter(j int) string {
	s := ""
	for j++; j > 0; j = (j - 1) / 26 {
		s = string(rune('A'+(j-1)%26)) + s
	}
	return s
}
