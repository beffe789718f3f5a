package ingest

import "strings"

// otherTables lists the sheets that hold a table of the kind imported, with a row under its
// header: a workbook with a sheet per district or month, of which only the first is imported
// unless a sheet is chosen. The import said nothing of the others.
func otherTables(of *openedFile, sheets []string, res *resolver) []string {
	var out []string
	for _, sh := range sheets {
		rr, err := of.open(sh)
		if err != nil {
			continue
		}
		var buf []Row
		for len(buf) <= maxHeaderSearch {
			row, err := rr.Next()
			if err != nil {
				break
			}
			buf = append(buf, row)
		}
		rr.Close()
		h := res.findHeader(buf)
		if h == nil {
			continue
		}
		named := 0
		for _, c := range h.cols {
			if c.Field != "" {
				named++
			}
		}
		data := false
		for _, r := range buf[h.skip:] {
			data = data || strings.TrimSpace(strings.Join(r.Cells, "")) != ""
		}
		if named >= 2 && data {
			out = append(out, sh)
		}
	}
	return out
}
