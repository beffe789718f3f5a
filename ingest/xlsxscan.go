package ingest

import (
	"bytes"
	"errors"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/xiaoqi-dev/xiaoqi"
)

// The spreadsheet library (excelize) holds a worksheet's text runs, its shared strings and the
// parts it parses whole (styles, workbook, relationships) in memory, so that a small workbook
// can unpack to a 300 MB cell, 500 MB of spaces between two tags or a hundred million empty
// shared strings. A partScan reads a part once, unpacked, in constant memory, before excelize
// sees it, and refuses what would make excelize hold more than the limits allow.

// scanMode says what a scan checks beyond the length of every run of text and every tag.
type scanMode int

const (
	scanMeta    scanMode = iota // a part excelize parses whole: its elements are counted
	scanSheet                   // a worksheet, read row by row: the bytes of each row
	scanStrings                 // the shared strings: the bytes of each, and how many there are
)

const (
	// maxPartElements caps the elements of a part excelize parses whole into structures of
	// a hundred bytes or more each (styles: Excel itself keeps fewer than 65,000 formats).
	maxPartElements = 250_000
	// maxPartBytes caps a part excelize parses whole.
	maxPartBytes = 16 << 20
	// maxXMLDepth caps how deep elements nest (a worksheet's are about 6 deep); the XML
	// decoder keeps a record of every open element.
	maxXMLDepth = 100
	// maxUnitElements caps the elements of one row of a worksheet (with what comes before
	// it in <sheetData>) or of one shared string, which excelize reads one by one: a row of
	// 16,384 cells, Excel's most, each with a value and a formula, has some 50,000.
	maxUnitElements = 1 << 17
	// maxSheetRows is Excel's last row.
	maxSheetRows = 1 << 20
	// tagKeep is how much of a tag is kept to read its name and attributes; a longer cell
	// tag is taken to possibly refer to a shared string.
	tagKeep = 256
)

// Markup states of a partScan.
const (
	stText    = iota // between tags
	stOpen           // just after '<'
	stBang           // after "<!": a comment, CDATA or a declaration
	stTag            // in a start or end tag
	stPI             // in <? … ?>
	stComment        // in <!-- … -->
	stCDATA          // in <![CDATA[ … ]]>
	stDecl           // in <!DOCTYPE … >
)

// quoted reports whether c is a quote that opens or closes an attribute value, or a byte
// inside one: markup inside quotes is text.
func (s *partScan) quoted(c byte) bool {
	switch {
	case s.quote != 0:
		if c == s.quote {
			s.quote = 0
		}
		return true
	case c == '"' || c == '\'':
		s.quote = c
		return true
	}
	return false
}

// partScan checks one part of a workbook as it streams through Write.
type partScan struct {
	mode  scanMode
	where string // the part as messages name it: `sheet "岗位" (xl/worksheets/sheet1.xml)`
	lim   Limits
	// strings are the lengths of the shared strings, filled by the scan of the table and
	// read by the scans of the worksheets.
	strings *sharedLengths

	st       int
	tag      []byte // the start of the current markup, at most tagKeep bytes
	tagLen   int    // the length of the current markup
	quote    byte   // the quote of the attribute value being read, 0 outside one
	p1, p2   byte   // the two bytes before the current one in markup
	declNest int    // '<' open inside a declaration
	text     int    // bytes of the current run of text
	elements int    // elements of the part (scanMeta), of the row or of the shared string
	depth    int

	// Worksheets.
	row, rowNum int  // bytes of the current row, its number
	rows        int  // rows so far
	done        bool // after </sheetData>, which excelize does not read
	cell        int8 // 0 outside a cell, 1 in a cell of its own text, 2 in a cell that may refer to a shared string
	inV         bool
	v           []byte // the value of a cell that may refer to a shared string
	vBad        bool   // the value is not plain digits

	// Shared strings.
	siDepth int // the depth of the open <si>, 0 outside one
	si      int // bytes of the current shared string

	// merges receives the merged cells of a worksheet (<mergeCell ref="C4:C6"/>, after
	// <sheetData>); nil to leave them.
	merges *[]mergeRange
	// fs notes the cells of a worksheet that have a formula and no saved result.
	fs formulaScan
}

// mergeRange is a range of merged cells: rows numbered as Excel does (1 is the first),
// columns from 0.
type mergeRange struct {
	top, bottom, left, right int
}

// maxMergedCells caps the merged ranges of a workbook that an import remembers (a few
// numbers each) to fill merged cells in.
const maxMergedCells = 100_000

// parseRange reads a range such as "C4:C6" (or a single cell "C4").
func parseRange(ref []byte) (mergeRange, bool) {
	a, b, ok := bytes.Cut(ref, []byte(":"))
	if !ok {
		b = a
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(string(a))
	c2, r2, err2 := excelize.CellNameToCoordinates(string(b))
	if err1 != nil || err2 != nil {
		return mergeRange{}, false
	}
	return mergeRange{top: min(r1, r2), bottom: max(r1, r2), left: min(c1, c2) - 1, right: max(c1, c2) - 1}, true
}

// sharedLengths are the lengths of a workbook's shared strings.
type sharedLengths struct {
	n       []uint32
	longest int
}

func (s *partScan) Write(b []byte) (int, error) {
	for i := 0; i < len(b); {
		if s.st == stText {
			j := bytes.IndexByte(b[i:], '<')
			if j < 0 {
				return len(b), s.addText(b[i:])
			}
			if err := s.addText(b[i : i+j]); err != nil {
				return i, err
			}
			s.text = 0
			i += j + 1
			s.st, s.tag, s.tagLen, s.p1, s.p2, s.quote = stOpen, s.tag[:0], 0, 0, 0, 0
			continue
		}
		if s.st == stTag {
			// Fast through the tag, to its '>' outside quotes.
			j, q := i, s.quote
			for ; j < len(b); j++ {
				if c := b[j]; q != 0 {
					if c == q {
						q = 0
					}
				} else if c == '"' || c == '\'' {
					q = c
				} else if c == '>' {
					break
				}
			}
			s.quote = q
			if n := j - i; n > 0 {
				s.tagLen += n
				if s.tagLen > s.lim.MaxRowBytes {
					return j, s.tagTooLong()
				}
				if room := tagKeep - len(s.tag); room > 0 {
					s.tag = append(s.tag, b[i:i+min(n, room)]...)
				}
				if n >= 2 {
					s.p2, s.p1 = b[j-2], b[j-1]
				} else {
					s.p2, s.p1 = s.p1, b[j-1]
				}
			}
			if i = j; i == len(b) {
				break
			}
		}
		c := b[i]
		i++
		s.tagLen++
		if s.tagLen > s.lim.MaxRowBytes {
			if s.st == stCDATA {
				return i, s.textTooLong()
			}
			return i, s.tagTooLong()
		}
		if len(s.tag) < tagKeep {
			s.tag = append(s.tag, c)
		}
		if err := s.markup(c); err != nil {
			return i, err
		}
		s.p2, s.p1 = s.p1, c
	}
	return len(b), nil
}

// markup reads byte c of the current markup.
func (s *partScan) markup(c byte) error {
	switch s.st {
	case stOpen:
		switch c {
		case '?':
			s.st = stPI
		case '!':
			s.st = stBang
		default:
			s.st = stTag
			return s.markup(c)
		}
	case stBang:
		t := s.tag
		switch {
		case string(t) == "!--":
			s.st = stComment
		case string(t) == "![CDATA[":
			s.st = stCDATA
		case bytes.HasPrefix([]byte("!--"), t) || bytes.HasPrefix([]byte("![CDATA["), t):
			// not decided yet
		default:
			s.st = stDecl
			return s.markup(c)
		}
	case stTag:
		switch {
		case s.quoted(c):
		case c == '>':
			s.st = stText
			return s.element()
		}
	case stPI:
		if c == '>' && s.p1 == '?' {
			s.st = stText
		}
	case stComment:
		if c == '>' && s.p1 == '-' && s.p2 == '-' && s.tagLen >= 6 {
			s.st = stText
		}
	case stCDATA:
		if c == '>' && s.p1 == ']' && s.p2 == ']' {
			s.st = stText
			// The text of the section counts as text (its digits are not read: a value in
			// CDATA is taken as not plain digits).
			s.vBad = s.vBad || s.inV
			s.fs.hasV = s.fs.hasV || s.fs.inV
			return s.count(s.tagLen - len("![CDATA[]]>"))
		}
	case stDecl:
		switch {
		case s.quoted(c):
		case c == '<':
			s.declNest++
		case c == '>' && s.declNest > 0:
			s.declNest--
		case c == '>':
			s.st = stText
		}
	}
	return nil
}

// addText reads a piece of a run of text.
func (s *partScan) addText(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	s.text += len(b)
	if s.text > s.lim.MaxRowBytes {
		return s.textTooLong()
	}
	if s.fs.inCell && s.mode == scanSheet && !s.done {
		s.formulaText(b)
	}
	if s.inV {
		for _, c := range b {
			switch {
			case c >= '0' && c <= '9' && len(s.v) < 18:
				s.v = append(s.v, c)
			case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			default:
				s.vBad = true
			}
		}
	}
	return s.count(len(b))
}

// count adds n bytes of text to the current row or shared string.
func (s *partScan) count(n int) error {
	switch s.mode {
	case scanSheet:
		if s.done {
			return nil
		}
		s.row += n
		if s.row > s.lim.MaxRowBytes {
			return s.rowTooLong()
		}
	case scanStrings:
		if s.siDepth > 0 {
			s.si += n
			if s.si > s.lim.MaxRowBytes {
				return s.textTooLong()
			}
		}
	}
	return nil
}

func (s *partScan) textTooLong() error {
	switch {
	case s.mode == scanSheet && s.cell != 0:
		return tooLarge("max_row_bytes", int64(s.lim.MaxRowBytes), "%[1]s 第 %[2]d 行的单元格过大：超过 %[3]d 字节 / %[1]s, row %[2]d: a cell holds more than %[3]d bytes",
			s.where, s.rowNum, s.lim.MaxRowBytes)
	case s.mode == scanStrings && s.siDepth > 0:
		return tooLarge("max_row_bytes", int64(s.lim.MaxRowBytes), "单元格过大：%[1]s 第 %[2]d 段文本超过 %[3]d 字节 / %[1]s: text %[2]d holds more than %[3]d bytes (a cell holds more than the limit)",
			s.where, len(s.strings.n)+1, s.lim.MaxRowBytes)
	}
	return tooLarge("max_row_bytes", int64(s.lim.MaxRowBytes), "工作簿中有过长的文本或空白：%[1]s 两个标记之间超过 %[2]d 字节 / %[1]s holds more than %[2]d bytes of text or spaces between two tags",
		s.where, s.lim.MaxRowBytes)
}

func (s *partScan) tagTooLong() error {
	return tooLarge("max_row_bytes", int64(s.lim.MaxRowBytes), "工作簿中的标记过长：%[1]s 有超过 %[2]d 字节的 XML 标记或注释 / %[1]s holds an XML tag or comment longer than %[2]d bytes", s.where, s.lim.MaxRowBytes)
}

func (s *partScan) rowTooLong() error {
	return tooLarge("max_row_bytes", int64(s.lim.MaxRowBytes), "%[1]s 第 %[2]d 行过长：超过 %[3]d 字节 / %[1]s: row %[2]d holds more than %[3]d bytes",
		s.where, s.rowNum, s.lim.MaxRowBytes)
}

// element reads a start or end tag, kept in s.tag up to its closing '>'.
func (s *partScan) element() error {
	t := s.tag[:len(s.tag)-1] // without '>' (or cut short)
	whole := s.tagLen <= tagKeep
	end := len(t) > 0 && t[0] == '/'
	empty := s.p1 == '/' // <x/>
	if end {
		t = t[1:]
	}
	name, attrs := t, []byte(nil)
	for i, c := range t {
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' {
			name, attrs = t[:i], t[i:]
			break
		}
	}
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	if !whole && len(name) == len(t) {
		name = nil // the name itself was cut: no element this scan knows
	}
	if end {
		return s.endElement(string(name))
	}
	s.elements++
	switch {
	case s.mode == scanMeta && s.elements > maxPartElements:
		return tooLarge("max_part_elements", maxPartElements, "工作簿结构过于复杂：%[1]s 有超过 %[2]d 个 XML 元素 / %[1]s holds more than %[2]d XML elements", s.where, maxPartElements)
	case s.mode == scanSheet && !s.done && s.elements > maxUnitElements:
		return tooLarge("max_row_elements", maxUnitElements, "%[1]s 第 %[2]d 行结构过于复杂：超过 %[3]d 个 XML 元素 / %[1]s: row %[2]d holds more than %[3]d XML elements",
			s.where, s.rowNum, maxUnitElements)
	case s.mode == scanStrings && s.siDepth > 0 && s.elements > maxUnitElements:
		return tooLarge("max_row_elements", maxUnitElements, "工作簿结构过于复杂：%[1]s 第 %[2]d 段文本超过 %[3]d 个 XML 元素 / %[1]s: text %[2]d holds more than %[3]d XML elements",
			s.where, len(s.strings.n)+1, maxUnitElements)
	}
	if !empty {
		s.depth++
		if s.depth > maxXMLDepth {
			return xiaoqi.Errorf(xiaoqi.EINVALID, "工作簿已损坏：%[1]s 的 XML 元素嵌套超过 %[2]d 层 / %[1]s nests XML elements more than %[2]d deep: the workbook is malformed", s.where, maxXMLDepth)
		}
	}
	switch s.mode {
	case scanSheet:
		if s.done {
			if string(name) == "mergeCell" && s.merges != nil && whole {
				if ref, ok := attr(attrs, "ref"); ok {
					if m, ok := parseRange(ref); ok && (m.top != m.bottom || m.left != m.right) {
						if len(*s.merges) >= maxMergedCells {
							return tooLarge("max_merged_cells", maxMergedCells, "合并单元格过多：%[1]s 有超过 %[2]d 个合并区域 / %[1]s holds more than %[2]d merged ranges", s.where, maxMergedCells)
						}
						*s.merges = append(*s.merges, m)
					}
				}
			}
			return nil
		}
		s.formulaElement(string(name), attrs, whole, empty)
		switch string(name) {
		case "row":
			// The library reads a row up to the next <row>, so that is what counts.
			s.row, s.rowNum, s.elements = 0, s.rowNum+1, 1
			if s.rows++; s.rows > maxSheetRows {
				return tooLarge("max_rows", maxSheetRows, "行数超过 Excel 的上限：%[1]s 超过 %[2]d 行 / %[1]s holds more than %[2]d rows, more than Excel allows", s.where, maxSheetRows)
			}
			if r, ok := attr(attrs, "r"); ok && whole {
				if n, err := strconv.Atoi(string(r)); err == nil && n > 0 {
					s.rowNum = n
				}
			}
			s.formulaRow()
		case "c":
			s.cell = 1
			if typ, ok := attr(attrs, "t"); !whole || (ok && (string(typ) == "s" || bytes.IndexByte(typ, '&') >= 0)) {
				s.cell = 2
			}
			if empty {
				s.cell = 0
			}
		case "v":
			if s.cell == 2 && !empty {
				s.inV, s.v, s.vBad = true, s.v[:0], false
			}
		}
	case scanStrings:
		if string(name) == "si" && s.siDepth == 0 {
			if s.depth-btoi(!empty) != 1 {
				return xiaoqi.Errorf(xiaoqi.EINVALID, "工作簿已损坏：%[1]s 中有文本在表格之外 / %[1]s holds a text outside its table: the workbook is malformed", s.where)
			}
			if len(s.strings.n) >= s.lim.MaxSharedStrings {
				return tooLarge("max_shared_strings", int64(s.lim.MaxSharedStrings), "工作簿中的文本过多：%[1]s 有超过 %[2]d 个不同的文本 / %[1]s holds more than %[2]d distinct texts",
					s.where, s.lim.MaxSharedStrings)
			}
			if empty {
				s.strings.n = append(s.strings.n, 0)
			} else {
				s.siDepth, s.si, s.elements = s.depth, 0, 1
			}
		}
	}
	return nil
}

func (s *partScan) endElement(name string) error {
	if s.mode == scanSheet && !s.done {
		if err := s.formulaEnd(name); err != nil {
			return err
		}
	}
	switch {
	case s.mode == scanSheet && name == "sheetData":
		s.done = true
	case s.mode == scanSheet && name == "c":
		s.cell = 0
	case s.mode == scanSheet && name == "v" && s.inV:
		s.inV = false
		n := s.strings.longest // what a value that is not plain digits may come to
		if i, err := strconv.Atoi(string(s.v)); err == nil && !s.vBad && len(s.v) > 0 {
			n = 0
			if i < len(s.strings.n) {
				n = int(s.strings.n[i])
			}
		}
		if err := s.count(n); err != nil {
			return err
		}
	case s.mode == scanStrings && name == "si" && s.siDepth == s.depth:
		s.strings.n = append(s.strings.n, uint32(s.si))
		s.strings.longest = max(s.strings.longest, s.si)
		s.siDepth = 0
	}
	s.depth--
	return nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// attr finds the value of the attribute named name (any prefix) in the attributes of a tag.
func attr(attrs []byte, name string) ([]byte, bool) {
	space := func(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
	for len(attrs) > 0 {
		for len(attrs) > 0 && (space(attrs[0]) || attrs[0] == '/') {
			attrs = attrs[1:]
		}
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			return nil, false
		}
		key := attrs[:eq]
		for len(key) > 0 && space(key[len(key)-1]) {
			key = key[:len(key)-1]
		}
		if i := bytes.IndexByte(key, ':'); i >= 0 {
			key = key[i+1:]
		}
		rest := attrs[eq+1:]
		for len(rest) > 0 && space(rest[0]) {
			rest = rest[1:]
		}
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return nil, false
		}
		q := bytes.IndexByte(rest[1:], rest[0])
		if q < 0 {
			return nil, false
		}
		if string(key) == name {
			return rest[1 : 1+q], true
		}
		attrs = rest[2+q:]
	}
	return nil, false
}

// scanPart reads r, the unpacked text of a part, through a partScan.
func scanPart(r io.Reader, s *partScan) error {
	buf := make([]byte, 64<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			if _, werr := s.Write(buf[:n]); werr != nil {
				return werr
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return xiaoqi.Errorf(xiaoqi.EINVALID, "工作簿已损坏：无法解压 %[1]s（%[2]v） / cannot unpack %[1]s (%[2]v): the workbook is damaged", s.where, err)
		}
	}
}
