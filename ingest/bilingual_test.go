package ingest_test

import (
	"context"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/internal/msgcheck"
)

// TestProblemsBilingual: every problem of a file full of mistakes, the error of a file that
// cannot be imported, and the summary, read "中文 / English", Chinese first, with the same
// values, numbers and names in both halves: a Chinese half that drops the value refused
// ("城市无法识别" without the city) or an English-only message ("cannot read this CSV row")
// fails here.
func TestProblemsBilingual(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	check := func(where, msg string) {
		t.Helper()
		if err := msgcheck.Check(msg); err != nil {
			t.Errorf("%s: %v", where, err)
		}
	}
	imports := []struct {
		name string
		kind xiaoqi.Kind
		data string
	}{
		{"jobs.csv", xiaoqi.KindJob, csvLines(
			"岗位名称,公司名称,城市,招聘人数,薪资,学历,状态,发布日期,行业,统一社会信用代码,编号",
			"测试工程师,某公司,纽约,很多,随便,学士后,暂停,昨天,采矿,123,xyz",
			"开发工程师,某公司,西安,3-5,,本科,招聘中,2024-05-01,软件研发和测试,,ins_0000000000000001",
			",,雁塔区,-1,8千-1.2万,,,,,,",
			`测试"工程师,某公司,西安,1,,,,,,,`,
		)},
		{"institutions.csv", xiaoqi.KindInstitution, csvLines(
			"院校名称,机构类型,城市,纬度,经度,年毕业生数",
			"某学院,学校,火星,北,108.9,很多",
		)},
		{"programs.csv", xiaoqi.KindProgram, csvLines(
			"院校名称,专业名称,培养层次,年毕业生数",
			"某学院,软件工程,学士后,-3",
		)},
		{"candidates.csv", xiaoqi.KindCandidate, csvLines(
			"姓名,出生日期,学历,毕业院校,专业,毕业年份,可见性,城市",
			"张合成,去年,学士后,某学院,软件工程,明年,给大家看,纽约",
		)},
	}
	for _, im := range imports {
		path := writeFile(t, im.name, []byte(im.data))
		rep, err := ingest.Import(context.Background(), s, path, ingest.Options{Type: im.kind, Mode: ingest.ModeDryRun})
		if err != nil {
			check(im.name, xiaoqi.ErrorMessage(err))
			continue
		}
		if len(rep.Problems) == 0 {
			t.Errorf("%s: no problems:%s", im.name, problems(rep))
		}
		for _, p := range rep.Problems {
			check(im.name+" "+p.Column, p.Message)
		}
	}

	// Files refused as a whole.
	for _, tc := range []struct {
		name string
		opt  ingest.Options
		data string
	}{
		{"policies.csv", ingest.Options{Type: "policy"}, csvLines("a", "b")},
		{"jobs.csv", ingest.Options{Type: xiaoqi.KindJob, Mode: "later"}, csvLines("岗位名称,公司名称,城市", "a,b,西安")},
		{"jobs.csv", ingest.Options{Type: xiaoqi.KindJob, Encoding: "klingon"}, csvLines("岗位名称,公司名称,城市", "a,b,西安")},
		{"jobs.csv", ingest.Options{Type: xiaoqi.KindJob}, csvLines("岗位名称,城市", "a,西安")},
		{"old.xls", ingest.Options{Type: xiaoqi.KindJob}, "\xd0\xcf\x11\xe0 an old workbook"},
		{"jobs.csv", ingest.Options{Type: xiaoqi.KindJob, Mapping: ingest.Mapping{"岗位名称": "titel"}}, csvLines("岗位名称,公司名称,城市", "a,b,西安")},
		{"jobs.csv", ingest.Options{Type: xiaoqi.KindJob, Defaults: map[string]string{"colour": "red"}}, csvLines("岗位名称,公司名称,城市", "a,b,西安")},
		{"jobs.csv", ingest.Options{Type: xiaoqi.KindJob, Format: "xls"}, csvLines("岗位名称,公司名称,城市", "a,b,西安")},
		{"jobs.xlsx", ingest.Options{Type: xiaoqi.KindJob}, "not a zip"},
		{"jobs.json", ingest.Options{Type: xiaoqi.KindJob}, `[{"岗位名称": "a", "公司名称": "b", "城市": "西安"}, {"岗位名称": `},
		{"big.csv", ingest.Options{Type: xiaoqi.KindJob, Limits: ingest.Limits{MaxRowBytes: 64}}, csvLines("岗位名称,公司名称,城市", "a,b,西安"+string(make([]byte, 100)))},
	} {
		path := writeFile(t, tc.name, []byte(tc.data))
		_, err := ingest.Import(context.Background(), s, path, tc.opt)
		if err == nil {
			t.Errorf("%s %+v: imported", tc.name, tc.opt)
			continue
		}
		check(tc.name, xiaoqi.ErrorMessage(err))
		for _, d := range xiaoqi.ErrorDetails(err) {
			check(tc.name+" "+d.Field, d.Message)
		}
	}
	if _, err := ingest.ParseMapping([]byte(`["岗位"]`)); err != nil {
		check("mapping", xiaoqi.ErrorMessage(err))
	} else {
		t.Error("a mapping that is a list was accepted")
	}
}
