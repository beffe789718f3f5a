package ingest_test

import (
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// TestIDNumberColumnNotImported: a column of ID numbers was reported as 未知列，未导入；可用映射文件指定,
// which invites mapping it; xiaoqi keeps no ID number, and the report says so instead. Other
// unknown columns keep the note that a mapping names their field.
func TestIDNumberColumnNotImported(t *testing.T) {
	t.Parallel()
	headers := []string{"身份证号", "身份证", "证件号码", "公民身份号码", "护照号码", "ID number", "ID No.", "ID card", "id_card_no", "National ID"}
	path := writeFile(t, "students.csv", []byte(csvLines("姓名,毕业院校,专业,"+strings.Join(headers, ",")+",爱好",
		"张合成,西北大学,软件工程"+strings.Repeat(",610102200101011234", len(headers))+",围棋")))
	rep := mustImport(t, openStore(t), path, ingest.Options{Type: xiaoqi.KindCandidate, Mode: ingest.ModeDryRun})
	notes := map[string]string{}
	for _, c := range rep.Unknown {
		notes[c.Header] = c.Note
	}
	const want = "不导入身份证号：xiaoqi 不保存证件号码 / ID numbers are not imported: xiaoqi does not keep them"
	for _, h := range headers {
		if notes[h] != want {
			t.Errorf("column %s: note %q, want %q", h, notes[h], want)
		}
	}
	if n := notes["爱好"]; !strings.Contains(n, "未知列") || !strings.Contains(n, "mapping") {
		t.Errorf("column 爱好: note %q, want it unknown, to be named with a mapping", n)
	}
}
