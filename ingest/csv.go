package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// errRowTooLong is returned by rowLimiter when one record grows beyond the row limit.
var errRowTooLong = errors.New("row too long")

// rowLimiter stops a CSV or JSON reader that reads too far without finishing a row: an
// unterminated quote would otherwise pull the rest of the file into one field.
type rowLimiter struct {
	r    io.Reader
	read int64 // bytes handed out
	mark int64 // offset where the current row began
	max  int64

	// keep: the bytes handed out since mark are kept in kept (from offset base), so that
	// the lines a quote left open swallowed can be read again (csvReader.reread).
	keep bool
	kept []byte
	base int64
}

func (l *rowLimiter) Read(p []byte) (int, error) {
	if l.read-l.mark > l.max {
		return 0, errRowTooLong
	}
	n, err := l.r.Read(p)
	if l.keep {
		l.kept = append(l.kept, p[:n]...)
	}
	l.read += int64(n)
	return n, err
}

// setMark starts a row at offset mark, dropping the bytes kept from before it.
func (l *rowLimiter) setMark(mark int64) {
	l.mark = mark
	if d := mark - l.base; l.keep && d > 0 && d <= int64(len(l.kept)) {
		l.kept = l.kept[d:]
		l.base = mark
	}
}

// csvReader reads CSV (comma, tab or semicolon separated, sniffed from the first line).
type csvReader struct {
	r       *csv.Reader
	lim     *rowLimiter
	limits  Limits
	comma   rune
	row     int // row number of the last record, as a spreadsheet shows it
	endLine int // line the last record ended on
	lines   int // lines of the file before r's first (reread)
}

// csvSlack is how far csv.Reader's own buffer (4 kB) may read ahead of the row it parses.
const csvSlack = 8 << 10

func newCSVReader(r io.Reader, tsv bool, lim Limits) (*csvReader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	comma := ','
	if tsv {
		comma = '\t'
	} else {
		comma = sniffDelimiter(br)
	}
	c := &csvReader{limits: lim, comma: comma}
	c.start(br)
	return c, nil
}

// start reads the CSV of r from here on.
func (c *csvReader) start(r io.Reader) {
	c.lim = &rowLimiter{r: r, max: int64(c.limits.MaxRowBytes) + csvSlack, keep: true}
	c.r = csv.NewReader(c.lim)
	c.r.Comma = c.comma
	c.r.FieldsPerRecord = -1
}

// reread reads again, as rows, the lines after the first line of the row that a quote left
// open to the end of the file: a 坏行岗位,"西安某公司,西安,8000 took the 50 rows after it into
// its last value, and they were neither imported nor reported. csv.Reader read them to the
// end; rowLimiter kept their bytes (at most a row's limit: a longer run is errRowTooLong).
func (c *csvReader) reread(startLine int) bool {
	raw := c.lim.kept[max(0, min(int(c.lim.mark-c.lim.base), len(c.lim.kept))):]
	_, rest, ok := bytes.Cut(raw, []byte("\n"))
	if !ok || len(bytes.TrimSpace(rest)) == 0 {
		return false
	}
	c.start(io.MultiReader(bytes.NewReader(bytes.Clone(rest)), c.lim.r))
	c.lines, c.endLine = startLine, startLine
	return true
}

// sniffDelimiter picks the separator that occurs most often outside quotes in the first line.
func sniffDelimiter(br *bufio.Reader) rune {
	head, _ := br.Peek(64 << 10)
	counts := map[byte]int{}
	quoted := false
	for _, b := range head {
		if b == '"' {
			quoted = !quoted
		} else if b == '\n' && !quoted {
			break
		} else if !quoted && (b == ',' || b == '\t' || b == ';') {
			counts[b]++
		}
	}
	best := byte(',')
	for _, c := range []byte{'\t', ';'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}

func (c *csvReader) Header() []string { return nil }
func (c *csvReader) Close() error     { return nil }

func (c *csvReader) Next() (Row, error) {
	rec, err := c.r.Read()
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		pe.StartLine += c.lines
		pe.Line += c.lines
	}
	if pe == nil || !errors.Is(pe.Err, csv.ErrQuote) {
		c.lim.setMark(c.r.InputOffset()) // an open quote's row is read again from its start
	}
	switch {
	case errors.Is(err, errRowTooLong):
		return Row{}, tooLarge("max_row_bytes", int64(c.limits.MaxRowBytes),
			"第 %[1]d 行超过 %[2]d 字节，是否缺少右引号（\"）？ / row %[1]d is longer than %[2]d bytes; is a closing quote (\") missing?", c.row+1, c.limits.MaxRowBytes)
	case errors.As(err, &pe):
		c.row += max(pe.StartLine-c.endLine, 1)
		c.endLine = pe.Line
		zh, en := "格式错误", pe.Err.Error()
		switch {
		case errors.Is(pe.Err, csv.ErrBareQuote):
			zh = `引号使用不当：不以引号开头的值中含有引号（"），请给该值加上引号，并把其中的引号写两遍（""）`
			en = `a quote (") inside a value that does not start with one: put the value in quotes and double the quote ("")`
		case errors.Is(pe.Err, csv.ErrQuote):
			// Open to the end of the file: the lines after this row's first are read again.
			start := pe.StartLine
			if c.reread(start) {
				return Row{Num: c.row}, &rowError{Num: c.row, Msg: fmt.Sprintf("无法读取此 CSV 行（第 %[1]d 行）：引号未闭合，直到文件末尾（第 %[2]d 行）也没有右引号，或引号内的引号没有写两遍（\"\"）；本行未导入，其后各行已另行读取 / "+
					"cannot read this CSV row (line %[1]d): a quote is not closed by the end of the file (line %[2]d), or a quote inside a value is not doubled (\"\"); the row is not imported, and the lines after it were read as rows of their own",
					start, pe.Line)}
			}
			zh = `引号未闭合，或引号内的引号没有写两遍（""）`
			en = `a quoted value is not closed, or a quote inside it is not doubled ("")`
		}
		// The column of a ParseError counts bytes, which no editor shows: the line says where.
		return Row{Num: c.row}, &rowError{Num: c.row, Msg: fmt.Sprintf("无法读取此 CSV 行（第 %[1]d 行）：%[2]s / cannot read this CSV row (line %[1]d): %[3]s",
			pe.Line, zh, en)}
	case err != nil:
		return Row{}, err
	}
	start, _ := c.r.FieldPos(0)
	start += c.lines
	c.row += max(start-c.endLine, 1)
	lines := 0
	for _, f := range rec {
		lines += strings.Count(f, "\n")
	}
	c.endLine = start + lines
	size := 0
	for _, f := range rec {
		size += len(f)
	}
	if size > c.limits.MaxRowBytes {
		return Row{}, tooLarge("max_row_bytes", int64(c.limits.MaxRowBytes), "第 %[1]d 行过长：%[2]d 字节 / row %[1]d holds %[2]d bytes", c.row, size)
	}
	if len(rec) > c.limits.MaxCells {
		return Row{}, tooLarge("max_cells", int64(c.limits.MaxCells), "第 %[1]d 行单元格过多：%[2]d 个 / row %[1]d has %[2]d cells", c.row, len(rec))
	}
	for i, f := range rec {
		if !utf8.ValidString(f) {
			return Row{Num: c.row, Cells: rec}, &rowError{Num: c.row, Msg: fmt.Sprintf("第 %[1]d 列含有非 UTF-8 字符，文件是否为 GBK 编码？请指定 --encoding gbk / "+
				"column %[1]d holds bytes that are not UTF-8: is the file in GBK? import it with --encoding gbk", i+1)}
		}
	}
	return Row{Num: c.row, Cells: rec}, nil
}
