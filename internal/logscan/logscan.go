// Package logscan finds personal data in log output: mobile and landline phone numbers
// (including the synthetic 100… numbers of the seed data and +86 forms), e-mail addresses and
// xiaoqi API keys. Tests route their loggers to a Writer and fail the package from TestMain
// when any line holds one (see Main), because a log line is read by operators who are not
// allowed to see a candidate's contact details (README: Security and privacy, PIPL).
//
// The Writer keeps findings, not bytes: a long test run costs a bounded amount of memory, and
// what it reports is masked, so the report itself does not leak what it found.
package logscan

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
)

// Kinds of personal data.
const (
	KindPhone  = "phone"
	KindEmail  = "email"
	KindAPIKey = "api_key"
)

// Limits of a Writer.
const (
	// MaxFindings is how many findings a Writer keeps; it counts the rest.
	MaxFindings = 50
	// maxLine is how much of an unterminated line a Writer holds before scanning it anyway.
	maxLine = 64 << 10
	// overlap is how much of a cut line is kept for the next scan, so that a number or
	// address split across the cut is still found.
	overlap = 256
)

// APIKeyPattern is the shape of a xiaoqi API key, xq_<id>_<secret>. It copies auth.KeyPattern
// so that this package does not depend on auth; keep the two the same.
var APIKeyPattern = regexp.MustCompile(`xq_[a-z0-9]{12}_[A-Za-z0-9]{20,}`)

// The patterns are matched on whole log lines; the boundaries that Go's regexp cannot express
// (no ASCII letter or digit on either side of a number) are checked in scanLine.
var (
	// Mobile numbers: 11 digits from 1 (13x…19x, and the synthetic 100… of the seed), with
	// an optional +86 / 0086 / 86- prefix and the spaces or hyphens people write (138 1234 5678).
	mobilePattern = regexp.MustCompile(`(?:(?:\+|00)86[ -]?)?1\d{2}[ -]?\d{4}[ -]?\d{4}`)
	// Landlines: area code 0xx or 0xxx (optionally in brackets or after +86, without its 0),
	// then 7 or 8 digits.
	landlinePattern = regexp.MustCompile(`(?:\+86[ -]?\d{2,3}|\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3})[ -]?\d{7,8}`)
	emailPattern    = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`)
)

// Finding is one piece of personal data found in a log line. Match and Line are masked.
type Finding struct {
	Kind string
	// LineNo counts the lines the Writer received, from 1.
	LineNo int
	// Match is the personal data, masked (138******78).
	Match string
	// Line is the log line with every finding masked, cut to 300 bytes.
	Line string
}

func (f Finding) String() string {
	return fmt.Sprintf("line %d: %s %s in: %s", f.LineNo, f.Kind, f.Match, f.Line)
}

// Scan returns the personal data in one log line, masked. LineNo is left zero.
func Scan(line string) []Finding {
	var out []Finding
	for _, m := range scanLine(line) {
		out = append(out, Finding{Kind: m.kind, Match: mask(m.kind, line[m.start:m.end])})
	}
	if len(out) > 0 {
		masked := Mask(line)
		for i := range out {
			out[i].Line = cut(masked, 300)
		}
	}
	return out
}

// Mask returns s with every phone number, e-mail address and API key masked.
func Mask(s string) string {
	ms := scanLine(s)
	if len(ms) == 0 {
		return s
	}
	var b strings.Builder
	prev := 0
	for _, m := range ms {
		b.WriteString(s[prev:m.start])
		b.WriteString(mask(m.kind, s[m.start:m.end]))
		prev = m.end
	}
	b.WriteString(s[prev:])
	return b.String()
}

type match struct {
	kind       string
	start, end int
}

// scanLine returns the non-overlapping matches in s, in order. API keys are looked for first,
// so their random secrets are not also reported as phone numbers.
func scanLine(s string) []match {
	var ms []match
	taken := func(start, end int) bool {
		for _, m := range ms {
			if start < m.end && m.start < end {
				return true
			}
		}
		return false
	}
	add := func(kind string, re *regexp.Regexp, ok func(s string, start, end int) bool) {
		for _, loc := range re.FindAllStringIndex(s, -1) {
			if !taken(loc[0], loc[1]) && (ok == nil || ok(s, loc[0], loc[1])) {
				ms = append(ms, match{kind, loc[0], loc[1]})
			}
		}
	}
	add(KindAPIKey, APIKeyPattern, nil)
	add(KindEmail, emailPattern, nil)
	add(KindPhone, mobilePattern, phoneOK)
	add(KindPhone, landlinePattern, phoneOK)
	// Sort by start (few matches: insertion sort).
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].start < ms[j-1].start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
	return ms
}

// phoneOK rejects digits that are part of a longer word or number (a request id, a
// timestamp, a hash) and the unquoted numbers of JSON log lines ("duration":12345678901), which
// slog writes for numeric attributes that code, not a user, supplied.
func phoneOK(s string, start, end int) bool {
	if start > 0 && isWordByte(s[start-1]) || end < len(s) && isWordByte(s[end]) {
		return false
	}
	if start > 0 && s[start-1] == '.' || end < len(s) && s[end] == '.' && end+1 < len(s) && isDigit(s[end+1]) {
		return false // a decimal fraction: 0.13912345678
	}
	if start >= 2 && s[start-2:start] == `":` {
		return false // a JSON number attribute
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isWordByte(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// mask keeps enough of v to recognise which value leaked, not enough to use it.
func mask(kind, v string) string {
	switch kind {
	case KindEmail:
		// First character and top-level domain: w***@***.com
		return v[:1] + "***@***" + v[strings.LastIndexByte(v, '.'):]
	case KindAPIKey:
		if i := strings.LastIndexByte(v, '_'); i > 0 {
			return v[:i] + "_****"
		}
	}
	if len(v) <= 5 {
		return strings.Repeat("*", len(v))
	}
	return v[:3] + strings.Repeat("*", len(v)-5) + v[len(v)-2:]
}

func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 { // do not cut a UTF-8 sequence
		n--
	}
	return s[:n] + "…"
}

// Writer is an io.Writer that scans every line written to it for personal data and keeps the
// findings (at most MaxFindings, masked), passing the bytes on to an optional next writer.
// It is safe for concurrent use, as loggers shared by goroutines need.
type Writer struct {
	next io.Writer

	mu       sync.Mutex
	partial  []byte
	lines    int
	findings []Finding
	total    int
}

// New returns a Writer that passes what it is given on to next (nil: nowhere).
func New(next io.Writer) *Writer { return &Writer{next: next} }

// Write implements io.Writer. It never fails unless the next writer does.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	data := append(w.partial, p...)
	for {
		i := strings.IndexByte(string(data), '\n')
		if i < 0 {
			break
		}
		w.scan(string(data[:i]))
		data = data[i+1:]
	}
	if len(data) > maxLine {
		w.scan(string(data[:len(data)-overlap]))
		data = data[len(data)-overlap:]
	}
	w.partial = append(w.partial[:0], data...)
	w.mu.Unlock()
	if w.next != nil {
		return w.next.Write(p)
	}
	return len(p), nil
}

func (w *Writer) scan(line string) {
	w.lines++
	for _, f := range Scan(line) {
		w.total++
		if len(w.findings) < MaxFindings {
			f.LineNo = w.lines
			w.findings = append(w.findings, f)
		}
	}
}

// Findings returns what was found so far, including in an unterminated last line.
func (w *Writer) Findings() []Finding {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.partial) > 0 {
		w.scan(string(w.partial))
		w.partial = w.partial[:0]
	}
	return append([]Finding(nil), w.findings...)
}

// Lines returns how many lines the Writer has scanned.
func (w *Writer) Lines() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.lines
}

// Report writes a masked summary of the findings to out and reports whether there were any.
func (w *Writer) Report(out io.Writer, name string) bool {
	fs := w.Findings()
	w.mu.Lock()
	total, lines := w.total, w.lines
	w.mu.Unlock()
	if total == 0 {
		return false
	}
	fmt.Fprintf(out, "logscan: %s: %d piece(s) of personal data in %d log lines (日志含个人信息 personal data in logs):\n", name, total, lines)
	for _, f := range fs {
		fmt.Fprintf(out, "  %s\n", f)
	}
	if total > len(fs) {
		fmt.Fprintf(out, "  … and %d more\n", total-len(fs))
	}
	return true
}

// Runner is what Main needs of *testing.M.
type Runner interface{ Run() int }

// Main runs the tests of m and then fails the package (exit code 1, the findings printed to
// out, masked) when any log line written to w held personal data:
//
//	var logs = logscan.New(nil)
//	func TestMain(m *testing.M) { os.Exit(logscan.Main(m, logs, os.Stderr, "api")) }
func Main(m Runner, w *Writer, out io.Writer, name string) int {
	code := m.Run()
	if w.Report(out, name) && code == 0 {
		fmt.Fprintf(out, "FAIL: %s: logs hold personal data; fix the code that logged it\n", name)
		code = 1
	}
	return code
}
