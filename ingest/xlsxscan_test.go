package ingest

import (
	"archive/zip"
	"slices"
	"strings"
	"testing"
)

// TestPartScan reads the markup that may fool a scanner (comments and attribute values
// holding '>', CDATA, processing instructions, a declaration with an internal subset,
// prefixed names, rich text) whole and one byte at a time, which must come to the same.
func TestPartScan(t *testing.T) {
	t.Parallel()
	sst := `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE sst [ <!ELEMENT sst ANY> <!-- > --> ]>
<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <x:si><x:t>西安</x:t></x:si>
  <!-- a comment with > and <si> in it -->
  <si><r><rPr><b/></rPr><t xml:space="preserve">Java </t></r><r><t>开发</t></r><rPh><t>x</t></rPh></si>
  <si/>
  <si><t><![CDATA[a<b>c]]></t></si>
  <?pi with > in it?>
</x:sst>`
	sheet := `<worksheet><sheetData>
<row r="3" spans="1:3"><c r="A3" t="s" s="1"><v>1</v></c><c r="B3" t='s'><v> 0 </v></c><c r="C3" t="n"><v>12345</v></c></row>
<row><c r="A4" t="inlineStr"><is><t a=">">长</t></is></c></row>
</sheetData><hyperlinks><hyperlink ref="A3"/></hyperlinks></worksheet>`
	lim := Limits{}.withDefaults()
	for _, bytewise := range []bool{false, true} {
		shared := &sharedLengths{}
		for _, p := range []*partScan{
			{mode: scanStrings, where: "sst", lim: lim, strings: shared},
			{mode: scanSheet, where: "sheet", lim: lim, strings: shared},
		} {
			doc := sst
			if p.mode == scanSheet {
				doc = sheet
			}
			if bytewise {
				for i := range len(doc) {
					if _, err := p.Write([]byte(doc[i : i+1])); err != nil {
						t.Fatalf("byte %d: %v", i, err)
					}
				}
			} else if _, err := p.Write([]byte(doc)); err != nil {
				t.Fatal(err)
			}
			if p.st != stText || p.depth != 0 {
				t.Errorf("bytewise %v, %s: state %d, depth %d at the end", bytewise, p.where, p.st, p.depth)
			}
			if p.mode == scanSheet && (p.rows != 2 || p.rowNum != 4 || !p.done) {
				t.Errorf("bytewise %v: rows %d, last %d, done %v", bytewise, p.rows, p.rowNum, p.done)
			}
		}
		// 西安 6 bytes; "Java " + 开发 + the phonetic x, 12; none; a<b>c 5.
		if want := []uint32{6, 12, 0, 5}; !slices.Equal(shared.n, want) || shared.longest != 12 {
			t.Errorf("bytewise %v: lengths %v, longest %d; want %v", bytewise, shared.n, shared.longest, want)
		}
	}

	// A row counts the shared texts it refers to (12 and 6 bytes) and its own text: the
	// values "1", " 0 " and "12345", and the line break before the next row.
	shared := &sharedLengths{n: []uint32{6, 12}, longest: 12}
	p := &partScan{mode: scanSheet, where: "sheet", lim: Limits{MaxRowBytes: 27}.withDefaults(), strings: shared}
	if _, err := p.Write([]byte(sheet)); err == nil || !strings.Contains(err.Error(), "row 3 holds more than 27 bytes") {
		t.Errorf("row of 28 bytes, limit 27: %v", err)
	}
	p = &partScan{mode: scanSheet, where: "sheet", lim: Limits{MaxRowBytes: 28}.withDefaults(), strings: shared}
	if _, err := p.Write([]byte(sheet)); err != nil {
		t.Errorf("row of 28 bytes, limit 28: %v", err)
	}
}

// TestXMLLimit keeps in memory what fits the budget, the smallest parts first, and never a
// table of many shared strings.
func TestXMLLimit(t *testing.T) {
	t.Parallel()
	part := func(n int) *zip.File { return &zip.File{FileHeader: zip.FileHeader{UncompressedSize64: uint64(n)}} }
	const mb = 1 << 20
	tests := []struct {
		name   string
		sheets []int
		sst    int // size; 0 for none
		shared int
		want   int64
	}{
		{"small", []int{mb, 2 * mb}, 3 * mb, 1000, 3 * mb},
		{"one large sheet", []int{mb, 40 * mb}, 0, 0, mb},
		{"over the budget", []int{10 * mb, 12 * mb, 14 * mb, 15 * mb, 16 * mb}, 0, 0, 15 * mb},
		{"equal sizes", []int{16 * mb, 16 * mb, 16 * mb, 16 * mb, 16 * mb}, 0, 0, 16*mb - 1},
		{"many shared strings", []int{mb, 6 * mb}, 5 * mb, sharedInMemory + 1, mb},
		{"shared strings cost more than their size", []int{mb, 12 * mb, 14 * mb}, 2 * mb, 100_000, 12 * mb},
		{"nothing fits", []int{20 * mb}, 0, 0, 1},
	}
	for _, tt := range tests {
		var sheets []*zip.File
		for _, n := range tt.sheets {
			sheets = append(sheets, part(n))
		}
		var sst *zip.File
		if tt.sst > 0 {
			sst = part(tt.sst)
		}
		if got := xmlLimit(sheets, sst, tt.shared, 0); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
}
