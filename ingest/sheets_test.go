package ingest_test

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// districtWorkbook is a provincial workbook with a sheet per district after an instructions
// sheet, a hidden lookup sheet, and an empty template sheet for the next district.
func districtWorkbook(tb testing.TB) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := fatalOn(tb)
	must(f.SetSheetName("Sheet1", "说明"))
	must(f.SetCellValue("说明", "A1", "各区县分别填写一个工作表"))
	for i, s := range []string{"高新区", "雁塔区", "隐藏", "长安区", "未央区"} {
		_, err := f.NewSheet(s)
		must(err)
		h := []any{"岗位名称", "企业名称", "所在城市", "招聘人数"}
		must(f.SetSheetRow(s, "A1", &h))
		if s != "未央区" { // not filled in yet
			r := []any{"岗位" + s, "示例（合成）公司" + s, "西安市" + s, i + 1}
			must(f.SetSheetRow(s, "A2", &r))
		}
	}
	must(f.SetSheetVisible("隐藏", false))
	b, err := f.WriteToBuffer()
	must(err)
	return b.Bytes()
}

// TestOtherSheetsNamed: of a workbook with a sheet per district only the first was imported,
// and nothing said that the others were left out; the report now names them.
func TestOtherSheetsNamed(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	path := writeFile(t, "districts.xlsx", districtWorkbook(t))
	rep := mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 1, Written: 1, Created: 1, EnterprisesCreated: 1})
	if rep.Sheet != "高新区" || len(rep.OtherSheets) != 2 || rep.OtherSheets[0] != "雁塔区" || rep.OtherSheets[1] != "长安区" {
		t.Errorf("sheet %q, other sheets %q: want 高新区, and 雁塔区 and 长安区 named (not the hidden one, nor the empty template)", rep.Sheet, rep.OtherSheets)
	}
	if sum := rep.Summary(); !strings.Contains(sum, "工作表 雁塔区、长安区 也有数据，未导入") || !strings.Contains(sum, "the sheets 雁塔区, 长安区 hold data too and were not imported") {
		t.Errorf("summary does not name the sheets left out:\n%s", sum)
	}
	// A sheet chosen by name: the others are not the import's business.
	rep = mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob, Sheet: "雁塔区"})
	if rep.Written != 1 || len(rep.OtherSheets) != 0 {
		t.Errorf("--sheet 雁塔区: written %d, other sheets %q; want 1 and none", rep.Written, rep.OtherSheets)
	}
}
