package api

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestCapReportCSV: a report CSV too large to store with its job is cut after a whole row
// (a cell may span lines), and its last row says how many rows are kept and which node has
// them all; a report that fits is kept as it is.
func TestCapReportCSV(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"行号 Row", "级别 Level", "问题 Problems", "岗位名称", "岗位描述"})
	for i := 0; b.Len() < 2*xiaoqi.MaxImportReportCSVBytes; i++ {
		_ = w.Write([]string{fmt.Sprint(i + 2), "错误 error", "[招聘人数] 须为整数 / must be a whole number", "合成岗位", "第一行\n第二行，\"引号\"\n" + strings.Repeat("描述", i%50)})
		w.Flush()
	}
	small := b.Bytes()[:0:0]
	small = append(small, "行号 Row\n2\n"...)
	if got := capReportCSV(small, "node-a"); !bytes.Equal(got, small) {
		t.Errorf("a small report became %q", got)
	}
	got := capReportCSV(b.Bytes(), "node-a")
	if len(got) > xiaoqi.MaxImportReportCSVBytes || !bytes.HasPrefix(b.Bytes(), got[:len(got)-reportCSVNoteBytes]) {
		t.Fatalf("cut to %d bytes (max %d), or not a prefix of the report", len(got), xiaoqi.MaxImportReportCSVBytes)
	}
	r := csv.NewReader(bytes.NewReader(got))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("the cut report is not CSV: %v", err)
	}
	for _, rec := range recs[1 : len(recs)-1] {
		if len(rec) != 5 || !strings.HasPrefix(rec[4], "第一行\n第二行") {
			t.Fatalf("a row of the cut report is cut short: %q", rec)
		}
	}
	note := recs[len(recs)-1]
	want := fmt.Sprintf("only its first %d rows are here; the whole report is kept only by the node that ran the import (node-a)", len(recs)-2)
	if len(note) != 3 || note[1] != "说明 note" || !strings.Contains(note[2], want) {
		t.Errorf("the last row of the cut report: %q, want it to say %q", note, want)
	}
}
