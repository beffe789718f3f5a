package api

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"

	"github.com/xiaoqi-dev/xiaoqi"
)

// reportCSVNoteBytes is the room kept for the last row of a report CSV cut to fit the store.
const reportCSVNoteBytes = 1024

// storedReportCSV reads the report CSV at path for the store: whole when it fits in
// xiaoqi.MaxImportReportCSVBytes, else cut after its last whole row that fits, with a last
// row saying so (node keeps the whole file). nil when there is no report (the job stopped
// before reading the file).
func storedReportCSV(path, node string, logger *slog.Logger) []byte {
	f, err := os.Open(path)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			logger.Warn("read import report", "path", path, "err", err)
		}
		return nil
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, xiaoqi.MaxImportReportCSVBytes+1))
	if err != nil {
		logger.Warn("read import report", "path", path, "err", err)
		return nil
	}
	return capReportCSV(data, node)
}

// capReportCSV returns data when it fits in xiaoqi.MaxImportReportCSVBytes, else its rows
// that fit (whole rows: a cell may hold a line break) and a row saying that the rest is on
// node.
func capReportCSV(data []byte, node string) []byte {
	if len(data) <= xiaoqi.MaxImportReportCSVBytes {
		return data
	}
	data = data[:xiaoqi.MaxImportReportCSVBytes-reportCSVNoteBytes]
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	end, rows := 0, 0
	for {
		if _, err := r.Read(); err != nil {
			break
		}
		// A row is whole when its line ended: the last one read may be cut short.
		if off := int(r.InputOffset()); off > 0 && data[off-1] == '\n' {
			end = off
			rows++
		}
	}
	out := bytes.NewBuffer(append([]byte(nil), data[:end]...))
	w := csv.NewWriter(out)
	w.UseCRLF = bytes.Contains(data[:end], []byte("\r\n"))
	problems := max(rows-1, 0) // the header
	_ = w.Write([]string{"", "说明 note", fmt.Sprintf("报告超过 %[1]d 字节，此处只有前 %[2]d 行；完整报告只保存在执行该导入的节点（%[3]s）上，直到它重启 / the report is larger than %[1]d bytes: only its first %[2]d rows are here; the whole report is kept only by the node that ran the import (%[3]s), until it restarts",
		xiaoqi.MaxImportReportCSVBytes, problems, node)})
	w.Flush()
	return out.Bytes()
}
