package ingest_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

func TestParseSalary(t *testing.T) {
	tests := []struct {
		in       string
		min, max int
		months   int
		nego     bool
	}{
		{"1-1.5万·14薪", 10000, 15000, 14, false},
		{"8千-1.5万", 8000, 15000, 0, false},
		{"6-8千·13薪", 6000, 8000, 13, false},
		{"17-34万/年", 14167, 28333, 12, false},
		{"15-30K", 15000, 30000, 0, false},
		{"15k-30k", 15000, 30000, 0, false},
		{"7.5千-1万", 7500, 10000, 0, false},
		{"200元/天", 4350, 4350, 0, false},
		{"1万以上", 10000, 0, 0, false},
		{"3万及以下/年", 0, 2500, 12, false},
		{"面议", 0, 0, 0, true},
		{"", 0, 0, 0, true},
	}
	for _, tt := range tests {
		got, err := ingest.ParseSalary(tt.in)
		if err != nil {
			t.Errorf("ParseSalary(%q): %v", tt.in, err)
			continue
		}
		if got.Min != tt.min || got.Max != tt.max || got.Months != tt.months || got.Negotiable != tt.nego {
			t.Errorf("ParseSalary(%q) = %+v, want %d-%d ×%d nego=%v", tt.in, got, tt.min, tt.max, tt.months, tt.nego)
		}
	}
	for _, bad := range []string{"abc", "3-2万", "1-2-3万", "万"} {
		if _, err := ingest.ParseSalary(bad); err == nil {
			t.Errorf("ParseSalary(%q): want error", bad)
		}
	}
}

func TestParseDegree(t *testing.T) {
	for in, want := range map[string]string{"本科": "本科", "专科": "大专", "Bachelor": "本科", "PhD": "博士",
		"本科及以上": "本科", "中技/中专": "中专", "不限": "不限", "研究生": "硕士", "": ""} {
		got, err := ingest.ParseDegree(in)
		if err != nil || got != want {
			t.Errorf("ParseDegree(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ingest.ParseDegree("金融"); err == nil {
		t.Error("ParseDegree(金融): want error")
	}
}

func TestParseArea(t *testing.T) {
	tests := []struct{ in, city, district string }{
		{"陕西省西安高新技术产业开发区", "西安市", "高新区"},
		{"陕西省西安雁塔区", "西安市", "雁塔区"},
		{"陕西省西安雁塔区高新四路", "西安市", "雁塔区"},
		{"陕西省西安", "西安市", ""},
		{"陕西省西安西咸新区", "西安市", "西咸新区"},
		{"陕西省榆林", "榆林市", ""},
		{"陕西省咸阳秦都区", "咸阳市", "秦都区"},
		{"陕西省西安周至县", "西安市", "周至县"},
		{"西安-雁塔区", "西安市", "雁塔区"},
		{"陕西省陕西省", "", ""},
		{"北京市朝阳区", "", ""},
	}
	for _, tt := range tests {
		c, d := ingest.ParseArea(tt.in)
		if c != tt.city || d != tt.district {
			t.Errorf("ParseArea(%q) = %q, %q; want %q, %q", tt.in, c, d, tt.city, tt.district)
		}
	}
}
