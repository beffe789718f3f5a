package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// keyedRows turns JSON objects into rows whose cells follow the keys in the order first seen.
type keyedRows struct {
	keys  []string
	index map[string]int
}

// valueKind is what a JSON value was, for the cell that holds its text.
type valueKind uint8

const (
	kindText   valueKind = iota // a string, number, true, false or null: its text
	kindList                    // an array of those: a comma-separated list
	kindObject                  // an object {…}: its JSON
	kindNested                  // an array holding objects or arrays: its JSON
)

// row converts one JSON object to cells. Scalars become their text, arrays of scalars a
// comma-separated list, anything else its JSON; Row.kinds says which.
func (k *keyedRows) row(num int, raw []byte, lim Limits) (Row, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return Row{Num: num, Raw: string(raw)}, &rowError{Num: num, Raw: string(raw), Msg: "不是 JSON 对象 / is not a JSON object {…}"}
	}
	cells := make([]string, len(k.keys))
	kinds := make([]valueKind, len(k.keys))
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return Row{Num: num, Raw: string(raw)}, &rowError{Num: num, Raw: string(raw), Msg: "JSON 格式错误 / malformed JSON: " + err.Error()}
		}
		key, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return Row{Num: num, Raw: string(raw)}, &rowError{Num: num, Raw: string(raw), Msg: "JSON 格式错误 / malformed JSON: " + err.Error()}
		}
		i, ok := k.index[key]
		if !ok {
			if len(k.keys) >= lim.MaxCells {
				return Row{}, tooLarge("max_cells", int64(lim.MaxCells), "字段过多：对象中有超过 %[1]d 个不同的键 / the objects have more than %[1]d distinct keys", lim.MaxCells)
			}
			i = len(k.keys)
			k.index[key] = i
			k.keys = append(k.keys, key)
			cells, kinds = append(cells, ""), append(kinds, kindText)
		}
		cells[i], kinds[i] = jsonText(v)
	}
	// More is false at the end of the input as at the closing brace: a JSON Lines line cut off
	// after a value was read as a whole row, the fields after the cut lost without a word, and
	// a second object on the line was dropped. A comma after the object (a JSON array turned
	// into lines) loses nothing.
	if t, err := dec.Token(); err != nil || t != json.Delim('}') {
		return Row{Num: num, Raw: string(raw)}, &rowError{Num: num, Raw: string(raw), Msg: "JSON 格式错误：对象没有结尾的 }，这一行可能被截断了 / malformed JSON: the object has no closing }, the line may have been cut off"}
	}
	if rest := bytes.TrimSpace(raw[dec.InputOffset():]); len(rest) > 0 && string(rest) != "," {
		return Row{Num: num, Raw: string(raw)}, &rowError{Num: num, Raw: string(raw), Msg: "JSON 格式错误：对象之后还有内容，每行只能有一个对象 / malformed JSON: there is more after the object, one object per line"}
	}
	return Row{Num: num, Cells: cells, Raw: string(raw), kinds: kinds}, nil
}

// jsonText returns the cell text of a JSON value, and what the value was.
func jsonText(v json.RawMessage) (string, valueKind) {
	t := bytes.TrimSpace(v)
	switch {
	case len(t) == 0 || string(t) == "null":
		return "", kindText
	case t[0] == '"':
		var s string
		if json.Unmarshal(t, &s) == nil {
			return s, kindText
		}
	case t[0] == '{':
		return string(t), kindObject
	case t[0] == '[':
		var items []any
		d := json.NewDecoder(bytes.NewReader(t))
		d.UseNumber()
		if d.Decode(&items) == nil {
			parts := make([]string, 0, len(items))
			for _, it := range items {
				switch x := it.(type) {
				case nil:
				case string:
					parts = append(parts, x)
				case json.Number, bool:
					parts = append(parts, fmt.Sprint(x))
				default:
					return string(t), kindNested
				}
			}
			return strings.Join(parts, ", "), kindList
		}
		return string(t), kindNested
	}
	return string(t), kindText // a number, true or false
}

// jsonReader streams the objects of a JSON array, or of the first array inside a top-level
// object ({"data": […]}, as xiaoqi's own list answers are).
type jsonReader struct {
	dec    *json.Decoder
	lim    *rowLimiter
	limits Limits
	keys   keyedRows
	n      int
	start  error // set once the array has been found (or not)
	begun  bool
}

func newJSONReader(r io.Reader, lim Limits) *jsonReader {
	// json.Decoder reads ahead up to twice the largest value it has seen.
	l := &rowLimiter{r: r, max: 3*int64(lim.MaxRowBytes) + 64<<10}
	dec := json.NewDecoder(l)
	dec.UseNumber()
	return &jsonReader{dec: dec, lim: l, limits: lim, keys: keyedRows{index: map[string]int{}}}
}

func (j *jsonReader) Header() []string { return j.keys.keys }
func (j *jsonReader) Close() error     { return nil }

// begin reads up to the opening bracket of the array of rows.
func (j *jsonReader) begin() error {
	t, err := j.dec.Token()
	if errors.Is(err, io.EOF) {
		return errEmptyFile // nothing but spaces (and a byte-order mark)
	} else if err != nil {
		return j.fail(err)
	}
	if t == json.Delim('[') {
		return nil
	}
	if t != json.Delim('{') {
		return xiaoqi.Errorf(xiaoqi.EINVALID, "JSON 文件须为对象数组 / the JSON file must hold an array of objects [{…}, …]")
	}
	for j.dec.More() {
		if _, err := j.dec.Token(); err != nil { // key
			return j.fail(err)
		}
		j.lim.mark = j.dec.InputOffset()
		t, err := j.dec.Token()
		if err != nil {
			return j.fail(err)
		}
		if t == json.Delim('[') {
			return nil
		}
		if d, ok := t.(json.Delim); ok && d == '{' {
			if err := skipObject(j.dec); err != nil {
				return j.fail(err)
			}
		}
	}
	return xiaoqi.Errorf(xiaoqi.EINVALID, "JSON 中没有数据数组 / the JSON object holds no array of rows")
}

// skipObject consumes the remainder of an object whose '{' has been read.
func skipObject(dec *json.Decoder) error {
	depth := 1
	for depth > 0 {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

func (j *jsonReader) fail(err error) error {
	if errors.Is(err, errRowTooLong) {
		return tooLarge("max_row_bytes", int64(j.limits.MaxRowBytes), "第 %[1]d 条过长：超过 %[2]d 字节 / item %[1]d is longer than %[2]d bytes", j.n+1, j.limits.MaxRowBytes)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return xiaoqi.Errorf(xiaoqi.EINVALID, "JSON 文件不完整：在第 %[1]d 项中间结束 / the JSON file ends in the middle of item %[1]d", j.n+1)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return xiaoqi.Errorf(xiaoqi.EINVALID, "JSON 格式错误：第 %[2]d 项，第 %[1]d 字节，其后各项无法读取 / malformed JSON at byte %[1]d, in item %[2]d: %[3]v; the items after it cannot be read", se.Offset, j.n+1, se)
	}
	return err
}

func (j *jsonReader) Next() (Row, error) {
	if !j.begun {
		j.begun = true
		j.start = j.begin()
	}
	if j.start != nil {
		return Row{}, j.start
	}
	if !j.dec.More() {
		// The closing bracket, unless the file ends before it.
		if t, err := j.dec.Token(); err != nil || t != json.Delim(']') {
			if err == nil || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				err = xiaoqi.Errorf(xiaoqi.EINVALID, "JSON 文件不完整：在第 %[1]d 项之后、数组的右括号 ] 之前结束 / the JSON file ends after item %[1]d, before the closing ] of its array", j.n)
			}
			j.start = j.fail(err)
			return Row{}, j.start
		}
		j.start = io.EOF
		return Row{}, io.EOF
	}
	j.lim.mark = j.dec.InputOffset()
	var raw json.RawMessage
	if err := j.dec.Decode(&raw); err != nil {
		j.start = j.fail(err)
		return Row{}, j.start
	}
	j.n++
	if len(raw) > j.limits.MaxRowBytes {
		j.start = tooLarge("max_row_bytes", int64(j.limits.MaxRowBytes), "第 %[1]d 条过长：超过 %[2]d 字节 / item %[1]d is longer than %[2]d bytes", j.n, j.limits.MaxRowBytes)
		return Row{}, j.start
	}
	return j.keys.row(j.n, raw, j.limits)
}

// jsonlReader reads one JSON object per line; a malformed line is a row error and reading goes on.
type jsonlReader struct {
	br     *bufio.Reader
	limits Limits
	keys   keyedRows
	line   int
	seen   bool // a line that is not blank
}

func newJSONLReader(r io.Reader, lim Limits) *jsonlReader {
	return &jsonlReader{br: bufio.NewReaderSize(r, 64<<10), limits: lim, keys: keyedRows{index: map[string]int{}}}
}

func (j *jsonlReader) Header() []string { return j.keys.keys }
func (j *jsonlReader) Close() error     { return nil }

func (j *jsonlReader) Next() (Row, error) {
	for {
		var line []byte
		for {
			part, err := j.br.ReadSlice('\n')
			line = append(line, part...)
			if len(line) > j.limits.MaxRowBytes {
				return Row{}, tooLarge("max_row_bytes", int64(j.limits.MaxRowBytes), "第 %[1]d 行过长：超过 %[2]d 字节 / line %[1]d is longer than %[2]d bytes", j.line+1, j.limits.MaxRowBytes)
			}
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			if err != nil && (!errors.Is(err, io.EOF) || len(line) == 0) {
				if errors.Is(err, io.EOF) && !j.seen {
					return Row{}, errEmptyFile
				}
				return Row{}, err
			}
			break
		}
		j.line++
		t := bytes.TrimSpace(line)
		if len(t) == 0 {
			continue
		}
		j.seen = true
		return j.keys.row(j.line, t, j.limits)
	}
}
