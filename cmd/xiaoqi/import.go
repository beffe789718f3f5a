package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/seed"
)

// importFlags are the flags of `xiaoqi import`.
type importFlags struct {
	typ, encoding, sheet, mapping, source, report, format string
	dryRun, strict, asJSON, reportPersonal                bool
	batch                                                 int
	progress                                              time.Duration
	defaults                                              defaultsFlag
}

// defaultsFlag collects repeated --default field=value flags.
type defaultsFlag map[string]string

func (d defaultsFlag) String() string { return "" }

func (d defaultsFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(k) == "" {
		return fmt.Errorf("须为 字段=值（field=value），不能是 %[1]q / want field=value, not %[1]q", s)
	}
	d[strings.TrimSpace(k)] = strings.TrimSpace(v)
	return nil
}

const importUsage = `用法 Usage: xiaoqi import --type TYPE [flags] FILE

导入文件 Imports a file of job needs, programs, institutions, enterprises or candidates into the
store: Excel (.xlsx), CSV in UTF-8 (with or without BOM), UTF-16 or GBK/GB18030 (detected
by itself, or --encoding), JSON (an array of objects) or JSON Lines. Columns are recognised by their Chinese or English names
(岗位名称/title, 公司名称/company, 工作地点/area, 薪资/salary …); every row with a problem is
reported with its row number, column and what is wrong. Importing the same file again
changes nothing; an edited file updates the rows that changed. Serve's index catches up
with the store when it starts (or at once, when serve is running against MongoDB). With
the embedded store, stop serve first (it holds the store's file), or upload the file to the
running service: POST /api/v1/imports.

例子 Examples:
  xiaoqi import --type jobs 岗位需求.xlsx
  xiaoqi import --type jobs --dry-run --report 问题.csv jobs_gbk.csv
  xiaoqi import --type institutions --strict --sheet 高校名单 schools.xlsx
  xiaoqi import --type jobs --mapping our-columns.json --default city=西安市 list.csv

Flags:
`

// RunImport runs `xiaoqi import`. It returns an error when the file cannot be imported at
// all, the store fails, or a strict import finds rows with errors.
func RunImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg := DefaultConfig()
	f := importFlags{defaults: defaultsFlag{}}
	fs := flag.NewFlagSet("xiaoqi import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.bindCommon(fs, getenv)
	fs.StringVar(&f.typ, "type", "", "what each row is: jobs, programs, institutions, enterprises or candidates (required)")
	fs.BoolVar(&f.dryRun, "dry-run", false, "read and check the file, report what would change, write nothing")
	fs.BoolVar(&f.strict, "strict", false, "write nothing if any row has an error")
	fs.StringVar(&f.encoding, "encoding", "", "encoding of a CSV file: gbk, gb18030, utf-8, utf-16le … (default: detected)")
	fs.StringVar(&f.sheet, "sheet", "", "sheet of a workbook, by name or 1-based position (default: the first with a header row)")
	fs.StringVar(&f.mapping, "mapping", "", `JSON file mapping the file's column names to fields, e.g. {"岗位": "title", "备注": "-"}`)
	fs.StringVar(&f.source, "source", "", "name of the data source, part of the key of job needs and candidates (default: from the file name)")
	fs.StringVar(&f.report, "report", "", "write the rows with problems and their problems to this CSV file (opens in Excel)")
	fs.BoolVar(&f.reportPersonal, "report-personal", false, "in the report of a candidate import, keep names, phones, e-mails, birth dates and ID numbers (hidden by default, as in the report the API serves)")
	fs.StringVar(&f.format, "format", "", "xlsx, csv, json or jsonl (default: detected)")
	fs.Var(f.defaults, "default", "field=value for rows whose cell is empty or column missing (repeatable), e.g. city=西安市")
	fs.IntVar(&f.batch, "batch-size", 1000, "rows written in one transaction")
	fs.DurationVar(&f.progress, "progress", 2*time.Second, "print progress on stderr this often (0: never)")
	fs.BoolVar(&f.asJSON, "json", false, "print the report as JSON instead of text")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), importUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() != 1 || f.typ == "" {
		fmt.Fprintln(stderr, "请指定 --type 和一个文件 / xiaoqi import: give --type and one file")
		fs.Usage()
		return errUsage
	}
	if err := cfg.check(); err != nil {
		return err
	}
	path := fs.Arg(0)
	opt, err := f.options(path)
	if err != nil {
		return err
	}
	var reportFile *os.File
	if f.report != "" {
		// Written beside the report's name and renamed when the import read the file: one
		// refused (not found, not a table, no header) left an empty report in place of the last.
		if reportFile, err = os.CreateTemp(filepath.Dir(f.report), "."+filepath.Base(f.report)+".*"); err != nil {
			return fmt.Errorf("create report: %w", err)
		}
		defer os.Remove(reportFile.Name()) // when not renamed
		defer reportFile.Close()
		opt.ReportCSV = ingest.NewCSVWriter(reportFile)
		// A report is passed on (to the office that fixes the rows): candidates' personal data
		// stays out of it unless asked for, as in the report the API serves.
		opt.HidePersonal = !f.reportPersonal
	}
	if f.progress > 0 {
		opt.Progress = progressPrinter(stderr, f.progress, f.dryRun)
	}

	logger := cfg.newLogger(stderr)
	tax, err := loadTaxonomy(logger)
	if err != nil {
		return err
	}
	opt.Skills = ingest.TaxonomySkills(tax)
	if opt.InstitutionNames, err = seed.InstitutionOtherNames(); err != nil {
		return err
	}
	if opt.Majors, err = seed.Majors(); err != nil {
		return err
	}
	store, err := openStore(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer store.Close()
	if a, ok := store.(xiaoqi.Accounts); ok && opt.Type == xiaoqi.KindCandidate {
		if opt.Erased, err = xiaoqi.NewErasures(ctx, a); err != nil {
			return err
		}
	}
	rep, err := ingest.Import(ctx, store, path, opt)
	if reportFile != nil {
		if cerr := reportFile.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("write report: %w", cerr)
		}
		if st, serr := os.Stat(reportFile.Name()); err == nil || serr == nil && st.Size() > 0 {
			if rerr := os.Rename(reportFile.Name(), f.report); rerr != nil && err == nil {
				err = fmt.Errorf("write report: %w", rerr)
			}
		}
	}
	if rep != nil {
		if perr := printReport(stdout, rep, f); perr != nil && err == nil {
			err = perr
		}
	}
	if errors.Is(err, context.Canceled) {
		// Ctrl-C: the batches written so far stay, and importing the file again completes it.
		written := 0
		if rep != nil && rep.Mode != ingest.ModeDryRun {
			written = rep.Written
		}
		return fmt.Errorf("已中断，已写入的 %[1]d 行保留；再次导入同一文件即可补全，不会重复 / interrupted: the %[1]d rows written are kept; import the same file again to complete it, nothing is added twice", written)
	}
	if err != nil {
		return userError(err)
	}
	if rep.Mode == ingest.ModeStrict && rep.Failed() {
		return fmt.Errorf("%s", rep.Stopped)
	}
	return nil
}

// options turns the flags into import options.
func (f *importFlags) options(path string) (ingest.Options, error) {
	k, err := xiaoqi.ParseKind(f.typ)
	if err != nil {
		return ingest.Options{}, userError(err)
	}
	opt := ingest.Options{Type: k, Format: f.format, Encoding: f.encoding, Sheet: f.sheet, Source: f.source,
		BatchSize: f.batch, Defaults: f.defaults, Mode: ingest.ModeDefault}
	switch {
	case f.dryRun && f.strict:
		return opt, fmt.Errorf("--dry-run 与 --strict 不能同时使用 / --dry-run and --strict exclude each other")
	case f.dryRun:
		opt.Mode = ingest.ModeDryRun
	case f.strict:
		opt.Mode = ingest.ModeStrict
	}
	if f.mapping != "" {
		if opt.Mapping, err = ingest.LoadMapping(f.mapping); err != nil {
			return opt, userError(err)
		}
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return opt, fmt.Errorf("找不到文件 %[1]s / no such file: %[1]s", path)
	} else if err != nil {
		return opt, fmt.Errorf("无法读取文件 %[1]s / cannot read %[1]s: %[2]w", path, err)
	}
	return opt, nil
}

// userError shows a xiaoqi error by its message, which says what to do.
func userError(err error) error {
	var e *xiaoqi.Error
	if errors.As(err, &e) && e.Code != xiaoqi.EINTERNAL {
		return errors.New(e.Message)
	}
	return err
}

// progressPrinter returns a Progress callback that prints at most once per interval.
func progressPrinter(w io.Writer, every time.Duration, dryRun bool) func(ingest.Progress) {
	var last time.Time
	return func(p ingest.Progress) {
		if time.Since(last) < every {
			return
		}
		last = time.Now()
		verb, written := "导入 importing", "written"
		if p.Pass == "validate" || dryRun {
			verb, written = "检查 checking", "to write"
		}
		line := fmt.Sprintf("%s: %d rows, %d %s, %d unchanged, %d invalid · %.0f rows/s", verb, p.Rows, p.Written, written,
			p.Unchanged, p.Invalid, p.RowsPerSec)
		if p.TotalBytes > 0 {
			line += fmt.Sprintf(" · %.0f%%", 100*float64(p.Bytes)/float64(p.TotalBytes))
		}
		if p.ETA > 0 {
			line += " · ETA " + p.ETA.String()
		}
		if p.Pass != "validate" && !dryRun {
			line += fmt.Sprintf(" · written through row %d", p.LastRow)
		}
		fmt.Fprintln(w, line)
	}
}

// printReport prints what the import did.
func printReport(w io.Writer, rep *ingest.Report, f importFlags) error {
	if f.asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	where := rep.Format
	if rep.Encoding != "" {
		where += ", " + rep.Encoding
	}
	if rep.Sheet != "" {
		where += fmt.Sprintf(", sheet %q", rep.Sheet)
	}
	fmt.Fprintf(w, "%s (%s), header in row %d, source %q, %s\n", rep.File, where, rep.HeaderRow, rep.Source, rep.Mode)
	for _, c := range rep.Columns {
		field := c.Field
		switch field {
		case "":
			field = "(未导入 not imported: unknown column)"
			if ingest.PrivateNote(c) || ingest.IDNumberColumn(c) {
				field = "(未导入 not imported: " + c.Note + ")" // a mapping imports the one, nothing the other
			}
		case ingest.Ignore:
			field = "(未导入 not imported)"
			if c.Note != "" {
				field = "(未导入 not imported: " + c.Note + ")" // why: another column fills its field
			}
		default:
			if c.Note != "" {
				field += " (" + c.Note + ")" // an institution list's 备注: only 民办 is read
			}
		}
		fmt.Fprintf(w, "  %-3s %s → %s\n", c.Letter, ingest.OneLine(c.Header), field)
	}
	fmt.Fprintln(w, rep.Summary())
	if rep.ProblemCount > len(rep.Kinds) {
		// Some problem repeats: by kind first, errors first, the most frequent first.
		kinds := slices.Clone(rep.Kinds)
		order := map[ingest.Level]int{ingest.LevelError: 0, ingest.LevelDuplicate: 1, ingest.LevelWarning: 2, ingest.LevelNote: 3}
		slices.SortStableFunc(kinds, func(a, b ingest.ProblemKind) int {
			if d := order[a.Level] - order[b.Level]; d != 0 {
				return d
			}
			return b.Count - a.Count
		})
		fmt.Fprintln(w, "问题分类 Problems by kind:")
		for _, k := range kinds {
			col := ""
			if k.Column != "" {
				col = " [" + ingest.OneLine(k.Column) + "]"
			}
			rows := fmt.Sprintf("row %d", k.FirstRow)
			if k.Count > 1 {
				rows = fmt.Sprintf("rows %d–%d", k.FirstRow, k.LastRow)
			}
			fmt.Fprintf(w, "  %6d × %s%s %s (%s)\n", k.Count, k.Level, col, k.Message, rows)
		}
		if len(rep.Problems) > 0 {
			fmt.Fprintln(w, "首批问题 First problems:")
		}
	}
	const show = 20
	// Errors first: they kept rows out of the store.
	order := map[ingest.Level]int{ingest.LevelError: 0, ingest.LevelDuplicate: 1, ingest.LevelWarning: 2, ingest.LevelNote: 3}
	problems := slices.Clone(rep.Problems)
	slices.SortStableFunc(problems, func(a, b ingest.Problem) int { return order[a.Level] - order[b.Level] })
	for i, p := range problems {
		if i == show {
			fmt.Fprintf(w, "… and %d more problems", rep.ProblemCount-show)
			if f.report != "" {
				fmt.Fprintf(w, " (all in %s)", f.report)
			} else {
				fmt.Fprint(w, " (see them all with --report FILE)")
			}
			fmt.Fprintln(w)
			break
		}
		fmt.Fprintf(w, "  %s %s\n", p.Level, p.String())
	}
	if rep.Stopped != "" {
		fmt.Fprintf(w, "stopped: %s\n", rep.Stopped)
	}
	if f.report != "" && rep.ProblemCount > 0 {
		fmt.Fprintf(w, "report: %s\n", f.report)
	}
	fmt.Fprintf(w, "took %s\n", rep.Finished.Sub(rep.Started).Round(time.Millisecond))
	return nil
}
