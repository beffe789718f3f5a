package ingest

import (
	"bytes"
	"html"
	"regexp"
	"strconv"
	"strings"
)

// A spreadsheet library gives a cell's text as its number format shows it: a date formatted
// m"月"d"日" is "3月1日", without its year, and an amount in the accounting format (built-in 44)
// " $8,000.00 ". To read the value beneath, the workbook's style sheet is rewritten before the
// library sees it: cells with a date format show yyyy-mm-dd (yyyy-mm-dd hh:mm:ss with a time),
// and cells with a currency or accounting format show the plain number. Other formats stay
// (a code padded with zeros, 000123, keeps them; #,##0 gives 8,000, which the parsers read).

// Built-in number formats (ECMA-376 §18.8.30, with the ids East Asian versions of Excel use
// for their dates).
var (
	builtinDates     = map[int]bool{14: true, 15: true, 16: true, 17: true, 27: true, 28: true, 29: true, 30: true, 31: true, 34: true, 35: true, 36: true, 50: true, 51: true, 52: true, 53: true, 54: true, 57: true, 58: true}
	builtinDateTimes = map[int]bool{22: true}
	builtinMoney     = map[int]bool{5: true, 6: true, 7: true, 8: true, 37: true, 38: true, 39: true, 40: true, 41: true, 42: true, 43: true, 44: true}
)

var (
	stylesRoot   = regexp.MustCompile(`<(\w+:)?styleSheet\b[^>]*>`)
	numFmtTag    = regexp.MustCompile(`<(?:\w+:)?numFmt\b[^>]*>`)
	numFmtsOpen  = regexp.MustCompile(`<(\w+:)?numFmts\b[^>]*?(/?)>`)
	cellXfs      = regexp.MustCompile(`(?s)<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>`)
	xfNumFmt     = regexp.MustCompile(`(<(?:\w+:)?xf\b[^>]*?\bnumFmtId=")(\d+)(")`)
	attrNumFmtID = regexp.MustCompile(`\bnumFmtId\s*=\s*"(\d+)"`)
	attrCode     = regexp.MustCompile(`\bformatCode\s*=\s*"([^"]*)"`)
	// fmtNoise is what a format code holds beside its tokens: quoted text, escaped characters,
	// [colours], [$-locale] tags, and the padding (_x) and fill (*x) of a character.
	fmtNoise = regexp.MustCompile(`"[^"]*"|\\.|\[[^\]]*\]|_.|\*.`)
)

// formatKind classifies a number format code: "date", "datetime", "money" or "".
func formatKind(code string) string {
	c := strings.ToLower(fmtNoise.ReplaceAllString(code, ""))
	if strings.ContainsAny(code, "¥￥$€£") || strings.Contains(code, "[$") && !strings.Contains(code, "[$-") {
		if !strings.ContainsAny(c, "ymdhs") {
			return "money"
		}
	}
	switch {
	case c == "general" || c == "@":
		return ""
	case strings.ContainsAny(c, "yd") && strings.ContainsAny(c, "hs"):
		return "datetime"
	case strings.ContainsAny(c, "yd") || strings.Contains(c, "m") && !strings.ContainsAny(c, "hs0#?"):
		return "date"
	}
	return ""
}

// readValues rewrites a style sheet so that date and money formats show a cell's value; it
// returns nil when there is nothing to rewrite.
func readValues(styles []byte) []byte {
	kinds := map[int]string{}
	for id := range builtinDates {
		kinds[id] = "date"
	}
	for id := range builtinDateTimes {
		kinds[id] = "datetime"
	}
	for id := range builtinMoney {
		kinds[id] = "money"
	}
	top := 163 // custom formats are numbered from 164
	for _, tag := range numFmtTag.FindAll(styles, -1) {
		m, c := attrNumFmtID.FindSubmatch(tag), attrCode.FindSubmatch(tag)
		if m == nil {
			continue
		}
		id, err := strconv.Atoi(string(m[1]))
		if err != nil {
			continue
		}
		top = max(top, id)
		if c != nil {
			kinds[id] = formatKind(html.UnescapeString(string(c[1])))
		}
	}
	dateID, dateTimeID := top+1, top+2
	changed := false
	out := cellXfs.ReplaceAllFunc(styles, func(xfs []byte) []byte {
		return xfNumFmt.ReplaceAllFunc(xfs, func(xf []byte) []byte {
			m := xfNumFmt.FindSubmatch(xf)
			id, _ := strconv.Atoi(string(m[2]))
			to := -1
			switch kinds[id] {
			case "date":
				to = dateID
			case "datetime":
				to = dateTimeID
			case "money":
				to = 0
			}
			if to < 0 {
				return xf
			}
			changed = true
			return []byte(string(m[1]) + strconv.Itoa(to) + string(m[3]))
		})
	})
	if !changed {
		return nil
	}
	root := stylesRoot.FindSubmatchIndex(out)
	if root == nil {
		return nil
	}
	prefix := ""
	if root[2] >= 0 {
		prefix = string(out[root[2]:root[3]])
	}
	fmts := `<` + prefix + `numFmt numFmtId="` + strconv.Itoa(dateID) + `" formatCode="yyyy-mm-dd"/>` +
		`<` + prefix + `numFmt numFmtId="` + strconv.Itoa(dateTimeID) + `" formatCode="yyyy-mm-dd hh:mm:ss"/>`
	var b bytes.Buffer
	if m := numFmtsOpen.FindSubmatchIndex(out); m != nil {
		b.Write(out[:m[0]])
		if m[4] < m[5] { // <numFmts count="0"/>
			b.WriteString(`<` + prefix + `numFmts>` + fmts + `</` + prefix + `numFmts>`)
		} else {
			b.Write(out[m[0]:m[1]])
			b.WriteString(fmts)
		}
		b.Write(out[m[1]:])
	} else {
		b.Write(out[:root[1]])
		b.WriteString(`<` + prefix + `numFmts>` + fmts + `</` + prefix + `numFmts>`)
		b.Write(out[root[1]:])
	}
	return b.Bytes()
}
