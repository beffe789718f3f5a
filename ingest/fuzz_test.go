package ingest_test

import (
	"bytes"
	"errors"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// The fuzz targets run as tests on their seed corpus (and testdata/fuzz, where crashers found
// by `go test -fuzz` are kept); .ci/run fuzzes each for a few seconds.

var fuzzLimits = ingest.Limits{MaxRowBytes: 4096, MaxCells: 64, MaxUnzippedBytes: 8 << 20}

// checkReadError accepts the errors a reader may return: a xiaoqi error (a limit, a
// malformed file), never a panic or an unexplained failure.
func checkReadError(t testing.TB, err error) {
	t.Helper()
	var e *xiaoqi.Error
	if err != nil && !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *xiaoqi.Error", err, err)
	}
}

func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"岗位名称,城市\n测试,西安\n",
		"\ufeff岗位,城市\r\n\"多行\n值\",西安\r\n",
		"a;b;c\n1;2;3\n",
		"a\tb\n\"x\"\"y\"\tz\n",
		"a,b\n\"unterminated,x\n",
		"a,b\nbare\"quote,x\n\n\n",
		"\xff\xfea\x00,\x00b\x00\n\x00",
	} {
		f.Add([]byte(s))
	}
	f.Add(gbk(f, "岗位名称,公司名称\n软件测试,西安某公司\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		last := 0
		_, err := ingest.ReadCSV(bytes.NewReader(data), "", fuzzLimits, func(r ingest.Row, rerr error) error {
			if r.Num <= last {
				t.Fatalf("row %d after row %d", r.Num, last)
			}
			last = r.Num
			if len(r.Cells) > fuzzLimits.MaxCells {
				t.Fatalf("row %d has %d cells", r.Num, len(r.Cells))
			}
			for _, c := range r.Cells {
				if rerr == nil && !utf8.ValidString(c) {
					t.Fatalf("row %d: cell %q is not UTF-8", r.Num, c)
				}
			}
			return nil
		})
		checkReadError(t, err)
	})
}

func FuzzReadJSON(f *testing.F) {
	for _, s := range []string{
		`[{"title":"测试","city":"西安","tags":["a","b"],"n":3}]`,
		`{"data":[{"title":"x"}],"next":""}`,
		`{"title":"a"}` + "\n" + `{"title":` + "\n" + "[1]\n",
		`[{"a":{"b":[1,{"c":2}]}}, 5, "x", null]`,
		`[`,
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, lines bool) {
		last := 0
		err := ingest.ReadJSON(bytes.NewReader(data), lines, fuzzLimits, func(header []string, r ingest.Row, _ error) error {
			if r.Num <= last || len(r.Cells) > len(header) {
				t.Fatalf("row %d after %d, %d cells for %d keys", r.Num, last, len(r.Cells), len(header))
			}
			last = r.Num
			return nil
		})
		checkReadError(t, err)
	})
}

func FuzzReadXLSX(f *testing.F) {
	f.Add(workbook(f))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		err := ingest.ReadXLSX(bytes.NewReader(data), int64(len(data)), "", fuzzLimits, func(r ingest.Row, _ error) error {
			if len(r.Cells) > fuzzLimits.MaxCells {
				t.Fatalf("row %d has %d cells", r.Num, len(r.Cells))
			}
			return nil
		})
		checkReadError(t, err)
	})
}

func FuzzParseSalary(f *testing.F) {
	for _, s := range []string{"1-1.5万·14薪", "15-30K", "8千-1万", "面议", "17-34万/年", "200元/天", "年薪20-30万", "1万以上", "15k+", "99999999999万"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sal, err := ingest.ParseSalary(s)
		if err != nil {
			return
		}
		if sal.Min < 0 || sal.Max < 0 || (sal.Max > 0 && sal.Min > sal.Max) || sal.Months < 0 || sal.Months > 99 {
			t.Fatalf("ParseSalary(%q) = %+v", s, sal)
		}
		if sal.Negotiable && (sal.Min != 0 || sal.Max != 0) {
			t.Fatalf("ParseSalary(%q) = %+v: negotiable with amounts", s, sal)
		}
	})
}

// FuzzSalaryInText: a salary found in a query is a valid one, and the rest of the query is
// what was typed without it (folded), never of more characters; without one, the query as typed.
func FuzzSalaryInText(f *testing.F) {
	for _, s := range []string{"Java 月薪1万以上 西安", "15k 测试", "数据分析 8千-1.2万", "Java jobs over 10k", "月薪不低于8千", "至少1万以上", "Java 8", "10万级并发", "Ｊａｖａ　１５ｋ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		rest, sal, ok := ingest.SalaryInText(q)
		if !ok {
			if rest != q {
				t.Fatalf("SalaryInText(%q) = %q without a salary: the query changed", q, rest)
			}
			return
		}
		if sal.Min < 0 || sal.Max < 0 || sal.Min == 0 && sal.Max == 0 || sal.Max > 0 && sal.Min > sal.Max || sal.Negotiable {
			t.Fatalf("SalaryInText(%q) = %+v", q, sal)
		}
		if utf8.RuneCountInString(rest) > utf8.RuneCountInString(q) || utf8.ValidString(q) && !utf8.ValidString(rest) {
			t.Fatalf("SalaryInText(%q) left %q", q, rest)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2023-07-12", "2023/7/12", "2023年7月12日", "45119.5", "20230712", "7/12/2023", "2023-12-07 20:20:25", "1e308"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ingest.ParseDate(s)
		if err == nil && !d.IsZero() && (d.Year() < 1899 || d.Year() > 2800) {
			t.Fatalf("ParseDate(%q) = %v", s, d)
		}
	})
}

func FuzzParseArea(f *testing.F) {
	for _, s := range []string{"陕西省西安高新技术产业开发区", "西安-雁塔区", "湖北省武汉洪山区", "深圳深圳南山区", "北京北京", "陕西省陕西省", "Xi'an", "吉林省吉林", "陕西高新", "高新区"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, parse := range []func(string) (string, string){ingest.ParseArea, ingest.ParseCity} {
			city, district := parse(s)
			// A district without its city is a development zone many cities have (高新区,
			// 经开区), which an import places in the file's default city: one that is a zone
			// on its own too.
			if city == "" && district != "" {
				if c, d := parse(district); c != "" || d != district {
					t.Fatalf("%q: district %q without a city, and no zone", s, district)
				}
			}
			if !utf8.ValidString(city) || !utf8.ValidString(district) {
				t.Fatalf("%q: %q %q not UTF-8", s, city, district)
			}
		}
	})
}

func FuzzParseValues(f *testing.F) {
	for _, s := range []string{"本科及以上", "Master's degree", "若干", "5-10人", "十二", "是", "1,200", "软件研发和测试", "Java、Spring"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := ingest.ParseDegree(s); err == nil && d != "" && !slices.Contains(xiaoqi.Degrees, d) {
			t.Fatalf("ParseDegree(%q) = %q", s, d)
		}
		if h, err := ingest.ParseHeadcount(s); err == nil && (h.N < 0 || (h.Unspecified && h.N != 0)) {
			t.Fatalf("ParseHeadcount(%q) = %+v", s, h)
		}
		if sec, err := ingest.ParseSector(s); err == nil && sec != "" && !sec.Valid() {
			t.Fatalf("ParseSector(%q) = %q", s, sec)
		}
		for _, v := range ingest.SplitList(s) {
			if v == "" {
				t.Fatalf("SplitList(%q) has an empty value", s)
			}
		}
		_, _ = ingest.ParseBool(s)
		_, _ = ingest.ParseInt(s)
	})
}
