package ingest_test

import (
	"slices"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

func TestParseHeadcount(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		some bool
	}{
		{"3", 3, false}, {"3人", 3, false}, {"招3人", 3, false}, {"3名", 3, false}, {"10+", 10, false},
		{"10人以上", 10, false}, {"5-10人", 5, false}, {"三人", 3, false}, {"十二", 12, false}, {"二十", 20, false},
		{"两名", 2, false}, {"若干", 0, true}, {"若干名", 0, true}, {"", 0, true}, {"不限", 0, true}, {"3.0", 3, false},
		// A note after the count.
		{"2人（男女不限）", 2, false}, {"3（限男性）", 3, false}, {"若干（应届生优先）", 0, true}, {"3人，有经验者优先", 3, false},
		{"5人;急招", 5, false}, {"1,000", 1000, false}, {"1,200人", 1200, false},
	}
	for _, tt := range tests {
		got, err := ingest.ParseHeadcount(tt.in)
		if err != nil || got.N != tt.n || got.Unspecified != tt.some {
			t.Errorf("ParseHeadcount(%q) = %+v, %v; want %d unspecified=%v", tt.in, got, err, tt.n, tt.some)
		}
	}
	for _, bad := range []string{"-3", "2.5", "abc人", "5-3人", "3人5"} {
		if _, err := ingest.ParseHeadcount(bad); err == nil {
			t.Errorf("ParseHeadcount(%q): want error", bad)
		}
	}
}

func TestParseDate(t *testing.T) {
	// A date without a time is that day at 00:00 UTC, the instant the search's date filter
	// (date_from=2024-03-01) and the API's dates name the day by; a time of day is China's.
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2023-07-12", day(2023, 7, 12)},
		{"2023/7/12", day(2023, 7, 12)},
		{"2023.07.12", day(2023, 7, 12)},
		{"2023年7月12日", day(2023, 7, 12)},
		{"20230712", day(2023, 7, 12)},
		{"7/13/2023", day(2023, 7, 13)},
		{"13/7/2023", day(2023, 7, 13)},
		{"2023-12-07 20:20:25", time.Date(2023, 12, 7, 20, 20, 25, 0, ingest.China)},
		{"45119", day(2023, 7, 12)},
		{"45119.5", time.Date(2023, 7, 12, 12, 0, 0, 0, ingest.China)},
		{"2023-07", day(2023, 7, 1)},
		{"2023", day(2023, 1, 1)},
		{"2023-07-12T08:00:00+08:00", time.Date(2023, 7, 12, 8, 0, 0, 0, ingest.China)},
		{"", time.Time{}},
		// What people write around a date.
		{"2023 年 11 月 20 日", day(2023, 11, 20)},
		{"2023/11/20 星期一", day(2023, 11, 20)},
		{"2023-11-20（周一）", day(2023, 11, 20)},
		{"2023年11月20日 上午", day(2023, 11, 20)},
	}
	for _, tt := range tests {
		got, err := ingest.ParseDate(tt.in)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"昨天", "2023-13-01", "12/31", "0", "-5", "1850-01-01", "7/12/2023", "11.20", "11月20日", "星期一", "（周一）"} {
		if got, err := ingest.ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) = %v: want error", bad, got)
		}
	}
}

func TestParseBoolIntList(t *testing.T) {
	for in, want := range map[string]bool{"是": true, "否": false, "Y": true, "no": false, "√": true, "": false, "1": true} {
		if got, err := ingest.ParseBool(in); err != nil || got != want {
			t.Errorf("ParseBool(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ingest.ParseBool("也许"); err == nil {
		t.Error("ParseBool(也许): want error")
	}
	for in, want := range map[string]int{"1,200": 1200, "300人": 300, "45.0": 45, "": 0} {
		if got, err := ingest.ParseInt(in); err != nil || got != want {
			t.Errorf("ParseInt(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	if got := ingest.SplitList("Java、Spring, MySQL；C/C++|Java\n Linux "); !slices.Equal(got, []string{"Java", "Spring", "MySQL", "C/C++", "Linux"}) {
		t.Errorf("SplitList = %q", got)
	}
}

func TestParseSector(t *testing.T) {
	for in, want := range map[string]xiaoqi.Sector{"software": xiaoqi.SectorSoftware, "软件研发和测试": xiaoqi.SectorSoftware,
		"互联网/移动互联网/电子商务": xiaoqi.SectorInternet, "金融保险": xiaoqi.SectorFinance, "IT": xiaoqi.SectorSoftware,
		"Finance and insurance": xiaoqi.SectorFinance, "动漫": xiaoqi.SectorAnimation, "": "",
		// BOSS直聘 and 猎聘
		"领域/融资：网游/手游，A轮": xiaoqi.SectorAnimation, "基金/证券/期货/投资": xiaoqi.SectorFinance,
		"数据服务": xiaoqi.SectorInfoSystems, "领域/融资：O2O/生活服务，B轮": xiaoqi.SectorInternet,
		"领域/融资：网络安全，未融资": xiaoqi.SectorITOps, "领域/融资：搜索引擎，B轮": xiaoqi.SectorInternet, "在线教育": xiaoqi.SectorInternet,
		// No industry named: empty, and no warning.
		"N/A": "", "其他": "", "其他行业": "", " 暂无 ": ""} {
		if got, err := ingest.ParseSector(in); err != nil || got != want {
			t.Errorf("ParseSector(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"餐饮", "digital", "汽车/摩托车", "教育/培训/学术/科研/院校"} {
		if _, err := ingest.ParseSector(bad); err == nil {
			t.Errorf("ParseSector(%q): want error", bad)
		}
	}
}

// TestYearlessDate: a day written without a year, as job boards show it, is the latest such day
// up to today.
func TestYearlessDate(t *testing.T) {
	today := time.Date(2026, 11, 29, 15, 0, 0, 0, ingest.China)
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	for in, want := range map[string]time.Time{
		"11月20日": day(2026, 11, 20), "11月29号": day(2026, 11, 29), "11-20": day(2026, 11, 20), "11-20发布": day(2026, 11, 20),
		"11.20": day(2026, 11, 20), "12月31日": day(2025, 12, 31), "１１月２０日": day(2026, 11, 20), "2月28日": day(2026, 2, 28), "2月29日": day(2024, 2, 29),
	} {
		if got, ok := ingest.YearlessDate(in, today); !ok || !got.Equal(want) {
			t.Errorf("YearlessDate(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, bad := range []string{"13月1日", "2月30日", "0-5", "昨天", "2026-11-20", "20"} {
		if got, ok := ingest.YearlessDate(bad, today); ok {
			t.Errorf("YearlessDate(%q) = %v: want none", bad, got)
		}
	}
}
