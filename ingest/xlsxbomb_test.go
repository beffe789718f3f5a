package ingest_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// Parts of a minimal workbook, written by hand so that a test can put anything in them.
const (
	bombTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`
	bombRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	bombBook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="岗位" sheetId="1" r:id="rId1"/></sheets></workbook>`
	bombBookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`
	bombStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`
	bombSheetStart = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>岗位名称</t></is></c><c r="B1" t="inlineStr"><is><t>公司名称</t></is></c><c r="C1" t="inlineStr"><is><t>城市</t></is></c></row>`
	bombSheetEnd = `</sheetData></worksheet>`
	bombRow2     = `<row r="2"><c r="A2" t="inlineStr"><is><t>Java开发</t></is></c><c r="B2" t="inlineStr"><is><t>西安软通动力</t></is></c><c r="C2" t="inlineStr"><is><t>西安</t></is></c></row>`
	bombSSTStart = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`
)

// bombPart is a part of a workbook: its name, and what writes its text (streamed, so that a
// part of hundreds of megabytes costs no memory to build).
type bombPart struct {
	name  string
	write func(w io.Writer)
}

func text(s ...string) func(io.Writer) {
	return func(w io.Writer) {
		for _, p := range s {
			io.WriteString(w, p)
		}
	}
}

// repeated writes s n times.
func repeated(w io.Writer, s string, n int) {
	per := max(1, (64<<10)/len(s))
	chunk := strings.Repeat(s, per)
	for ; n >= per; n -= per {
		io.WriteString(w, chunk)
	}
	io.WriteString(w, strings.Repeat(s, n))
}

// bombBook builds a workbook of one sheet "岗位" from the sheet's text and the shared
// strings' (nil: none), with more parts.
func buildBook(tb testing.TB, sheet, sst func(io.Writer), more ...bombPart) []byte {
	tb.Helper()
	parts := []bombPart{{"[Content_Types].xml", text(bombTypes)}, {"_rels/.rels", text(bombRels)}, {"xl/workbook.xml", text(bombBook)},
		{"xl/_rels/workbook.xml.rels", text(bombBookRels)}, {"xl/styles.xml", text(bombStyles)}, {"xl/worksheets/sheet1.xml", sheet}}
	if sst != nil {
		parts = append(parts, bombPart{"xl/sharedStrings.xml", sst})
	}
	parts = append(parts, more...)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			tb.Fatal(err)
		}
		p.write(w)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// sheetWith is a sheet of the header row and row 2, with text between them.
func sheetWith(s ...string) func(io.Writer) {
	return text(append(append([]string{bombSheetStart}, s...), bombRow2, bombSheetEnd)...)
}

// TestXLSXScan checks that a workbook that would make the spreadsheet library hold more than
// the limits (a huge cell, shared or inline, a huge run of spaces, a row of references to a
// long shared text, too many shared texts, a part parsed whole that is too complex) is
// refused before anything is read, with an error naming the limit and the part; and that the
// same workbooks within the limits import.
func TestXLSXScan(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("长", 2000) // 6,000 bytes
	lim := ingest.Limits{MaxRowBytes: 4096, MaxSharedStrings: 100}
	sharedRow := func(n int) string {
		return `<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="inlineStr"><is><t>西安软通动力</t></is></c>` +
			`<c r="C2" t="inlineStr"><is><t>西安</t></is></c>` + strings.Repeat(`<c t="s"><v> 1 </v></c>`, n) + `</row>`
	}
	tests := []struct {
		name       string
		data       []byte
		limit      string // "" for a workbook that imports
		code, what string
	}{
		{"shared cell", buildBook(t, sheetWith(`<row r="2"><c r="A2" t="s"><v>0</v></c></row>`), text(bombSSTStart, "<si><t>", long, "</t></si></sst>")),
			"max_row_bytes", xiaoqi.ETOOLARGE, "xl/sharedStrings.xml"},
		{"rich shared cell", buildBook(t, sheetWith(), text(bombSSTStart, "<si>", strings.Repeat("<r><t>"+long[:1500]+"</t></r>", 3), "</si></sst>")),
			"max_row_bytes", xiaoqi.ETOOLARGE, "xl/sharedStrings.xml"},
		{"inline cell", buildBook(t, text(bombSheetStart, `<row r="2"><c r="A2" t="inlineStr"><is><t>`, long, `</t></is></c></row>`, bombSheetEnd), nil),
			"max_row_bytes", xiaoqi.ETOOLARGE, `sheet "岗位" (xl/worksheets/sheet1.xml), row 2: a cell`},
		{"cdata cell", buildBook(t, text(bombSheetStart, `<row r="2"><c r="A2" t="inlineStr"><is><t><![CDATA[`, long, `]]></t></is></c></row>`, bombSheetEnd), nil),
			"max_row_bytes", xiaoqi.ETOOLARGE, `row 2: a cell`},
		{"spaces", buildBook(t, sheetWith(strings.Repeat(" ", 5000)), nil), "max_row_bytes", xiaoqi.ETOOLARGE, "text or spaces"},
		{"spaces in styles", buildBook(t, sheetWith(), nil, bombPart{"xl/styles.xml", text(`<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`, strings.Repeat("\n", 5000), `</styleSheet>`)}),
			"max_row_bytes", xiaoqi.ETOOLARGE, "xl/styles.xml"},
		{"long tag", buildBook(t, sheetWith(`<x a="`+long+`"/>`), nil), "max_row_bytes", xiaoqi.ETOOLARGE, "tag"},
		{"row of shared refs", buildBook(t, text(bombSheetStart, sharedRow(3), bombSheetEnd),
			text(bombSSTStart, "<si><t>Java</t></si><si><t>", long[:1500], "</t></si></sst>")),
			"max_row_bytes", xiaoqi.ETOOLARGE, "row 2 holds more than 4096 bytes"},
		{"shared refs within the limit", buildBook(t, text(bombSheetStart, sharedRow(2), bombSheetEnd),
			text(bombSSTStart, "<si><t>Java</t></si><si><t>", long[:1500], "</t></si></sst>")), "", "", ""},
		{"many shared texts", buildBook(t, sheetWith(), text(bombSSTStart, strings.Repeat("<si/>", 101), "</sst>")),
			"max_shared_strings", xiaoqi.ETOOLARGE, "xl/sharedStrings.xml"},
		{"shared texts within the limit", buildBook(t, text(bombSheetStart, `<row r="2"><c r="A2" t="s"><v>99</v></c><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>`, bombSheetEnd),
			text(bombSSTStart, "<si><t>西安软通动力</t></si><si><t>西安</t></si>", strings.Repeat("<si/>", 97), "<si><t>Java</t></si></sst>")), "", "", ""},
		{"styles bomb", buildBook(t, sheetWith(), nil, bombPart{"xl/styles.xml", func(w io.Writer) {
			io.WriteString(w, `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs>`)
			repeated(w, "<xf/>", 300_000)
			io.WriteString(w, `</cellXfs></styleSheet>`)
		}}), "max_part_elements", xiaoqi.ETOOLARGE, "xl/styles.xml"},
		{"row of tags", buildBook(t, sheetWith(strings.Repeat("<x/>", 140_000)), nil), "max_row_elements", xiaoqi.ETOOLARGE, "row 1"},
		{"deep", buildBook(t, sheetWith(strings.Repeat("<x>", 101), strings.Repeat("</x>", 101)), nil), "", xiaoqi.EINVALID, "deep"},
		{"text outside the table", buildBook(t, sheetWith(), text(bombSSTStart, "<x><si><t>a</t></si></x></sst>")), "", xiaoqi.EINVALID, "malformed"},
		// Left out: a picture, the calculation chain, a part of nothing but spaces.
		{"parts not read", buildBook(t, sheetWith(), nil, bombPart{"xl/media/image1.png", text(strings.Repeat("\x00", 100_000))},
			bombPart{"xl/calcChain.xml", text(`<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`, strings.Repeat(`<c r="A1"/>`, 300_000), `</calcChain>`)},
			bombPart{"docProps/app.xml", text(strings.Repeat(" ", 100_000))}), "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := writeFile(t, "bomb.xlsx", tt.data)
			_, err := ingest.Inspect(path, ingest.Options{Type: xiaoqi.KindJob, Limits: lim})
			if tt.code == "" {
				if err != nil {
					t.Fatalf("inspect: %v", err)
				}
				rep := mustImport(t, openStore(t), path, ingest.Options{Type: xiaoqi.KindJob, Limits: lim})
				if rep.Written != 1 {
					t.Errorf("written %d, want 1:%s", rep.Written, problems(rep))
				}
				return
			}
			msg := xiaoqi.ErrorMessage(err)
			if xiaoqi.ErrorCode(err) != tt.code || !strings.Contains(msg, tt.what) || (tt.limit != "" && !strings.Contains(msg, tt.limit)) {
				t.Fatalf("error %v, want %s naming %q and %q", err, tt.code, tt.what, tt.limit)
			}
			if tt.limit != "" {
				if d := xiaoqi.ErrorDetails(err); len(d) != 1 || d[0].Field != tt.limit {
					t.Errorf("details %+v", d)
				}
			}
			if _, err := ingest.Import(context.Background(), openStore(t), path, ingest.Options{Type: xiaoqi.KindJob, Limits: lim}); xiaoqi.ErrorCode(err) != tt.code {
				t.Errorf("import: %v", err)
			}
			err = ingest.ReadXLSX(bytes.NewReader(tt.data), int64(len(tt.data)), "", lim, func(ingest.Row, error) error { return nil })
			if xiaoqi.ErrorCode(err) != tt.code {
				t.Errorf("ReadXLSX: %v", err)
			}
		})
	}
}

// TestXLSXBombMemory imports workbooks that unpack to tens of megabytes in one cell, one run
// of spaces, one picture or one calculation chain, with the default limits, and checks that
// refusing (or reading) them allocates a few megabytes, not what they unpack to. Not
// parallel: it reads the allocation counter of the whole process.
func TestXLSXBombMemory(t *testing.T) {
	const size = 48 << 20
	bombs := []struct {
		name  string
		data  []byte
		limit string // "" when the workbook imports
	}{
		{"shared cell", buildBook(t, text(bombSheetStart, `<row r="2"><c r="A2" t="s"><v>0</v></c></row>`, bombSheetEnd), func(w io.Writer) {
			io.WriteString(w, bombSSTStart+"<si><t>")
			repeated(w, "a", size)
			io.WriteString(w, "</t></si></sst>")
		}), "max_row_bytes"},
		{"inline cell", buildBook(t, func(w io.Writer) {
			io.WriteString(w, bombSheetStart+`<row r="2"><c r="A2" t="inlineStr"><is><t>`)
			repeated(w, "a", size)
			io.WriteString(w, `</t></is></c></row>`+bombSheetEnd)
		}, nil), "max_row_bytes"},
		{"spaces", buildBook(t, func(w io.Writer) {
			io.WriteString(w, bombSheetStart)
			repeated(w, " ", size)
			io.WriteString(w, bombRow2+bombSheetEnd)
		}, nil), "max_row_bytes"},
		{"picture", buildBook(t, sheetWith(), nil, bombPart{"xl/media/image1.png", func(w io.Writer) { repeated(w, "\x00", size) }}), ""},
		{"calculation chain", buildBook(t, sheetWith(), nil, bombPart{"xl/calcChain.xml", func(w io.Writer) {
			io.WriteString(w, `<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
			repeated(w, `<c r="A1"/>`, size/11)
			io.WriteString(w, `</calcChain>`)
		}}), ""},
	}
	for _, b := range bombs {
		path := writeFile(t, "bomb.xlsx", b.data)
		s := openStore(t)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := ingest.Import(context.Background(), s, path, ingest.Options{Type: xiaoqi.KindJob})
		runtime.ReadMemStats(&after)
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
			t.Errorf("%s (%d bytes, unpacks to more than %d): allocated %d bytes", b.name, len(b.data), size, alloc)
		}
		if b.limit == "" && err != nil || b.limit != "" && !strings.Contains(xiaoqi.ErrorMessage(err), b.limit) {
			t.Errorf("%s: %v, want %q", b.name, err, b.limit)
		}
	}
}

// TestXLSXLargeSheet reads a sheet of 100,000 rows whose texts are shared, as Excel writes
// them (more shared texts than excelize keeps in memory): the scan of the workbook refuses
// nothing of it, and every text is the one its cell refers to.
func TestXLSXLargeSheet(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000 rows")
	}
	t.Parallel()
	const rows = 100_000
	desc := func(i int) string {
		return fmt.Sprintf("合成数据：第%d号岗位，熟悉 Java、Spring 与 MySQL。", i)
	}
	data := buildBook(t, func(w io.Writer) {
		io.WriteString(w, bombSheetStart)
		for i := range rows {
			n := i + 2
			fmt.Fprintf(w, `<row r="%d"><c r="A%d" t="s"><v>%d</v></c><c r="B%d" t="s"><v>%d</v></c><c r="C%d" t="s"><v>0</v></c><c r="D%d"><v>%d</v></c></row>`,
				n, n, 1+i%50, n, 51+i, n, n, i)
		}
		io.WriteString(w, bombSheetEnd)
	}, func(w io.Writer) {
		io.WriteString(w, bombSSTStart+"<si><t>西安</t></si>")
		for i := range 50 {
			fmt.Fprintf(w, "<si><t>合成岗位%d</t></si>", i)
		}
		for i := range rows {
			fmt.Fprintf(w, "<si><t>%s</t></si>", desc(i))
		}
		io.WriteString(w, "</sst>")
	})
	n := 0
	err := ingest.ReadXLSX(bytes.NewReader(data), int64(len(data)), "", ingest.Limits{}, func(r ingest.Row, err error) error {
		if n++; n > 1 && (len(r.Cells) != 4 || r.Cells[1] != desc(n-2) || r.Cells[2] != "西安") {
			t.Fatalf("row %d: %q", r.Num, r.Cells)
		}
		return err
	})
	if err != nil || n != rows+1 {
		t.Errorf("read %d rows, %v; want %d", n, err, rows+1)
	}
}
