package ingest

import (
	"bufio"
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
}

func (l *rowLimiter) Read(p []byte) (int, error) {
	if l.read-l.mark > l.max {
		return 0, errRowTooLong
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	return n, err
}

// csvReader reads CSV (comma, tab or semicolon separated, sniffed from the first line).
type csvReader struct {
	r       *csv.Reader
	lim     *rowLimiter
	limits  Limits
	row     int // row number of the last record, as a spreadsheet shows it
	endLine int // line the last record ended on
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
	l := &rowLimiter{r: br, max: int64(lim.MaxRowBytes) + csvSlack}
	cr := csv.NewReader(l)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	return &csvReader{r: cr, lim: l, limits: lim}, nil
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
	c.lim.mark = c.r.InputOffset()
	var pe *csv.ParseError
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
			zh = `引号未闭合，或引号内的引号没有写两遍（""）`
			en = `a quoted value is not closed, or a quote inside it is not doubled ("")`
		}
		return Row{Num: c.row}, &rowError{Num: c.row, Msg: fmt.Sprintf("无法读取此 CSV 行（第 %[1]d 行，第 %[2]d 列）：%[3]s / cannot read this CSV row (line %[1]d, column %[2]d): %[4]s",
			pe.Line, pe.Column, zh, en)}
	case err != nil:
		return Row{}, err
	}
	start, _ := c.r.FieldPos(0)
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
