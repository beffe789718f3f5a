package ingest_test

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

func TestImportJSON(t *testing.T) {
	t.Parallel()
	array := `[
  {"title": "Java开发工程师", "enterprise_name": "西安软通动力", "city": "西安市", "skills": ["Java", "Spring"], "headcount": 3, "remote": true},
  {"title": "运维工程师", "enterprise_name": "西安软通动力", "city": "西安市", "salary_min": 8000, "salary_max": 12000, "status": "closed"},
  {"title": "", "enterprise_name": "西安软通动力", "city": "西安市"},
  "not an object"
]`
	// The answer of GET /api/v1/jobs imports as it is.
	wrapped := `{"data": [{"id": "job_0123456789abcdef", "version": 3, "title": "数据标注员", "enterprise_name": "西安软通动力", "city": "西安市",
	  "source": "api", "external_id": "x1", "created_at": "2024-01-01T00:00:00Z", "synthetic": true}], "next": ""}`
	lines := "{\"title\": \"前端开发\", \"enterprise_name\": \"西安软通动力\", \"city\": \"西安\"}\n\n{\"title\": broken}\n" +
		"{\"title\": \"测试\", \"enterprise_name\": \"西安软通动力\", \"city\": \"西安\", \"headcount\": \"若干\"}"
	tests := []struct {
		name, data string
		counts     ingest.Counts
		problems   []string
		titles     []string
	}{
		{"jobs.json", array, ingest.Counts{Read: 4, Written: 2, Created: 2, Invalid: 2, EnterprisesCreated: 1},
			[]string{"row 3 [title]: 岗位名称 title 必填 / title is required", "row 4: 不是 JSON 对象 / is not a JSON object"}, []string{"Java开发工程师", "运维工程师"}},
		{"export.json", wrapped, ingest.Counts{Read: 1, Written: 1, Created: 1, EnterprisesCreated: 1}, nil, []string{"数据标注员"}},
		{"jobs.jsonl", lines, ingest.Counts{Read: 3, Written: 2, Created: 2, Invalid: 1, EnterprisesCreated: 1},
			[]string{"row 3: JSON 格式错误 / malformed JSON"}, []string{"前端开发", "测试"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openStore(t)
			rep := mustImport(t, s, writeFile(t, tt.name, []byte(tt.data)), ingest.Options{Type: xiaoqi.KindJob})
			wantCounts(t, rep, tt.counts)
			for i, want := range tt.problems {
				if i >= len(rep.Problems) || !strings.HasPrefix(rep.Problems[i].String(), want) {
					t.Errorf("problem %d: want %q;%s", i, want, problems(rep))
				}
			}
			var titles []string
			for title := range jobsByTitle(t, s) {
				titles = append(titles, title)
			}
			slices.Sort(titles)
			slices.Sort(tt.titles)
			if !slices.Equal(titles, tt.titles) {
				t.Errorf("titles %v, want %v", titles, tt.titles)
			}
		})
	}

	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "jobs.json", []byte(array)), ingest.Options{Type: xiaoqi.KindJob})
	if len(rep.Unknown) != 1 || rep.Unknown[0].Header != "remote" {
		t.Errorf("unknown columns %+v, want remote", rep.Unknown)
	}
	j := jobsByTitle(t, s)["Java开发工程师"]
	if !slices.Equal(j.Skills, []string{"Java", "Spring"}) || j.Headcount != 3 {
		t.Errorf("job = %+v", j)
	}
	if j := jobsByTitle(t, s)["运维工程师"]; j.Status != xiaoqi.JobClosed || j.SalaryMin != 8000 || j.SalaryMax != 12000 {
		t.Errorf("job = %+v", j)
	}

	s = openStore(t)
	mustImport(t, s, writeFile(t, "export.json", []byte(wrapped)), ingest.Options{Type: xiaoqi.KindJob})
	d, err := s.Get(context.Background(), xiaoqi.KindJob, "job_0123456789abcdef")
	if err != nil || d.Base().Source != "api" || d.Base().ExternalID != "x1" || !d.Base().Synthetic {
		t.Errorf("exported job imported as %+v, %v", d, err)
	}
}

// TestImportMapping names an office's own columns with a mapping and fills a missing column
// with a default.
func TestImportMapping(t *testing.T) {
	t.Parallel()
	data := csvLines("需求名称,用工单位,月收入区间,要求,内部备注", "Python开发,西安某信息公司,1-2万,本科,不导入")
	path := writeFile(t, "office.csv", []byte(data))
	s := openStore(t)
	_, err := ingest.Import(context.Background(), s, path, ingest.Options{Type: xiaoqi.KindJob})
	if xiaoqi.ErrorCode(err) != xiaoqi.EINVALID || !strings.Contains(xiaoqi.ErrorMessage(err), "no header row") {
		t.Fatalf("without a mapping: %v", err)
	}
	m, err := ingest.ParseMapping([]byte(`{"需求名称": "title", "用工单位": "公司名称", "月收入区间": "salary", "要求": "degree", "内部备注": "-"}`))
	if err != nil {
		t.Fatal(err)
	}
	_, err = ingest.Import(context.Background(), s, path, ingest.Options{Type: xiaoqi.KindJob, Mapping: m})
	if xiaoqi.ErrorCode(err) != xiaoqi.EINVALID || !strings.Contains(xiaoqi.ErrorMessage(err), "no column for 城市 city or 工作地点 area") {
		t.Fatalf("without a city: %v", err)
	}
	rep := mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob, Mapping: m, Defaults: map[string]string{"city": "西安"}})
	wantCounts(t, rep, ingest.Counts{Read: 1, Written: 1, Created: 1, EnterprisesCreated: 1})
	if len(rep.Unknown) != 0 {
		t.Errorf("unknown columns %+v: the mapping ignores 内部备注", rep.Unknown)
	}
	if j := jobsByTitle(t, s)["Python开发"]; j.City != "西安市" || j.SalaryMax != 20000 || j.Degree != "本科" {
		t.Errorf("job = %+v", j)
	}
	if _, err := ingest.ParseMapping([]byte(`["title"]`)); xiaoqi.ErrorCode(err) != xiaoqi.EINVALID {
		t.Errorf("a mapping that is not an object: %v", err)
	}
	bad, _ := ingest.ParseMapping([]byte(`{"需求岗位": "job_name_zh"}`))
	if _, err := ingest.Import(context.Background(), s, path, ingest.Options{Type: xiaoqi.KindJob, Mapping: bad}); xiaoqi.ErrorCode(err) != xiaoqi.EINVALID ||
		!strings.Contains(xiaoqi.ErrorMessage(err), `"需求岗位" → "job_name_zh"`) {
		t.Errorf("a mapping to an unknown field: %v", err)
	}
}

// TestJSONLineCutOff: a JSON Lines file whose line was cut off after a value (a line copied
// short, an export stopped mid-write) lacks its closing brace. The line was imported as a
// whole row, the fields after the cut lost without a word; it is a row error now, as is a
// line that holds a second object after the first. A comma after the object, left from a
// JSON array turned into lines, loses nothing and is read.
func TestJSONLineCutOff(t *testing.T) {
	t.Parallel()
	lines := strings.Join([]string{
		`{"title": "前端开发", "enterprise_name": "西安软通动力", "city": "西安"}`,
		`{"title": "测试", "enterprise_name": "西安软通动力", "city": "西安"`,
		`{"title": "运维", "enterprise_name": "西安软通动力", "city": "西安"} {"title": "实施", "enterprise_name": "西安软通动力", "city": "西安"}`,
		`{"title": "数据标注员", "enterprise_name": "西安软通动力", "city": "西安"},`,
	}, "\n")
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "jobs.jsonl", []byte(lines)), ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 4, Written: 2, Created: 2, Invalid: 2, EnterprisesCreated: 1})
	if !hasProblem(rep, ingest.LevelError, 2, "", "}") || !hasProblem(rep, ingest.LevelError, 3, "", "one object per line") {
		t.Errorf("want rows 2 (no closing brace) and 3 (two objects) refused:%s", problems(rep))
	}
	jobs := jobsByTitle(t, s)
	if jobs["测试"] != nil || jobs["运维"] != nil || jobs["前端开发"] == nil || jobs["数据标注员"] == nil {
		t.Errorf("stored %v, want 前端开发 and 数据标注员 only", slices.Sorted(maps.Keys(jobs)))
	}
}
