package ingest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// TestLimits checks that every limit stops the import with ETOOLARGE naming it, and that the
// rows before the offending one are written and reported.
func TestLimits(t *testing.T) {
	t.Parallel()
	good := "Java开发工程师,西安软通动力,西安\n"
	tests := []struct {
		name, data string
		limits     ingest.Limits
		limit      string
		written    int
	}{
		{"quote.csv", "岗位名称,公司名称,城市\n" + good + `测试,"西安软通动力,西安` + "\n" + strings.Repeat(good, 1000),
			ingest.Limits{MaxRowBytes: 1000}, "max_row_bytes", 1},
		{"wide.csv", "岗位名称,公司名称,城市\n" + good + "测试,西安软通动力,西安" + strings.Repeat(",x", 2000) + "\n",
			ingest.Limits{}, "max_cells", 1},
		{"long.jsonl", `{"title":"a","enterprise_name":"b","city":"西安"}` + "\n" + `{"title":"` + strings.Repeat("长", 3000) + `"}` + "\n",
			ingest.Limits{MaxRowBytes: 4096}, "max_row_bytes", 1},
		{"long.json", `[{"title":"a","enterprise_name":"b","city":"西安"},{"title":"` + strings.Repeat("长", 3000) + `"}]`,
			ingest.Limits{MaxRowBytes: 4096}, "max_row_bytes", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := openStore(t)
			rep, err := ingest.Import(context.Background(), s, writeFile(t, tt.name, []byte(tt.data)),
				ingest.Options{Type: xiaoqi.KindJob, Limits: tt.limits})
			if xiaoqi.ErrorCode(err) != xiaoqi.ETOOLARGE || !strings.Contains(xiaoqi.ErrorMessage(err), tt.limit) {
				t.Fatalf("error %v, want too_large naming %s", err, tt.limit)
			}
			if d := xiaoqi.ErrorDetails(err); len(d) != 1 || d[0].Field != tt.limit {
				t.Errorf("details %+v", d)
			}
			if rep == nil || rep.Written != tt.written || rep.Stopped == "" {
				t.Errorf("report %+v", rep)
			}
		})
	}
}

func TestReadCSVEncodings(t *testing.T) {
	t.Parallel()
	utf16 := []byte{0xff, 0xfe}
	for _, r := range "岗位\t城市\r\n测试\t西安\r\n" {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	tests := []struct {
		name string
		data []byte
		enc  string
		want string
	}{
		{"utf-8", []byte("岗位,城市\n测试,西安\n"), ingest.EncodingUTF8, "测试|西安"},
		{"bom", []byte("\ufeff岗位,城市\n测试,西安\n"), ingest.EncodingUTF8BOM, "测试|西安"},
		{"gbk", gbk(t, "岗位,城市\n测试,西安\n"), ingest.EncodingGB18030, "测试|西安"},
		{"utf-16", utf16, ingest.EncodingUTF16LE, "测试|西安"},
		{"semicolons", []byte("岗位;城市\n测试;西安\n"), ingest.EncodingUTF8, "测试|西安"},
		{"ascii", []byte("title,city\nQA,Xi'an\n"), "", "QA|Xi'an"},
	}
	for _, tt := range tests {
		var rows []string
		enc, err := ingest.ReadCSV(strings.NewReader(string(tt.data)), "", ingest.Limits{}, func(r ingest.Row, err error) error {
			if err != nil {
				return err
			}
			rows = append(rows, strings.Join(r.Cells, "|"))
			return nil
		})
		if err != nil || enc != tt.enc || len(rows) != 2 || rows[1] != tt.want {
			t.Errorf("%s: encoding %q rows %q, %v; want %q and %q", tt.name, enc, rows, err, tt.enc, tt.want)
		}
	}
	if _, err := ingest.ReadCSV(strings.NewReader("a"), "klingon", ingest.Limits{}, nil); xiaoqi.ErrorCode(err) != xiaoqi.EINVALID {
		t.Errorf("unknown encoding: %v", err)
	}
}

func TestDetectFormat(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, head, want string }{
		{"a.xlsx", "PK\x03\x04", ingest.FormatXLSX},
		{"a.csv", "PK\x03\x04", ingest.FormatXLSX},
		{"a.csv", "a,b", ingest.FormatCSV},
		{"a.txt", "a\tb", ingest.FormatCSV},
		{"a.json", "[{}]", ingest.FormatJSON},
		{"a.ndjson", "{}\n{}", ingest.FormatJSONL},
		{"upload", "  [{\"a\":1}]", ingest.FormatJSON},
		{"upload", "{\"a\":1}\n{\"a\":2}\n", ingest.FormatJSONL},
		{"upload", "{\n \"data\": []}", ingest.FormatJSON},
		{"upload", "{\"data\": [], \"next\": \"\"}\n", ingest.FormatJSON},
		{"upload", "岗位,城市", ingest.FormatCSV},
	}
	for _, tt := range tests {
		if got, err := ingest.DetectFormat(tt.name, []byte(tt.head)); err != nil || got != tt.want {
			t.Errorf("DetectFormat(%q, %q) = %q, %v; want %q", tt.name, tt.head, got, err, tt.want)
		}
	}
	if _, err := ingest.DetectFormat("old.xls", []byte("\xd0\xcf\x11\xe0\xa1\xb1")); xiaoqi.ErrorCode(err) != xiaoqi.EINVALID ||
		!strings.Contains(xiaoqi.ErrorMessage(err), ".xlsx") {
		t.Errorf("old Excel: %v", err)
	}
	for _, head := range []string{"<html><body><table><tr><td>岗位名称</td>", "\ufeff\r\n<TABLE border=1><tr>",
		`<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`} {
		if _, err := ingest.DetectFormat("导出.xls", []byte(head)); xiaoqi.ErrorCode(err) != xiaoqi.EINVALID || !strings.Contains(xiaoqi.ErrorMessage(err), "HTML") {
			t.Errorf("a web page saved as .xls (%.20q): %v", head, err)
		}
	}
	if _, err := ingest.DetectFormat("fake.xlsx", []byte("a,b")); xiaoqi.ErrorCode(err) != xiaoqi.EINVALID {
		t.Errorf("a CSV named .xlsx: %v", err)
	}
}
