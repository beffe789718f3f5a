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
		// As HR lists write them: a full minimum before a maximum in 万 (was "minimum above
		// maximum": 8000 read as 8000万), 1万2 and 两万 as said aloud, notes in brackets, 税前,
		// and a period before 起.
		{"8000~1.2万", 8000, 12000, 0, false},
		{"8千~1万2", 8000, 12000, 0, false},
		{"两万", 20000, 20000, 0, false},
		{"一万五", 15000, 15000, 0, false},
		{"8000~12000元/月（税前）", 8000, 12000, 0, false},
		{"8000-12000（可谈）", 8000, 12000, 0, false},
		{"税前8000", 8000, 8000, 0, false},
		{"8000元/月起", 8000, 0, 0, false},
		{"10-15万 5天内反馈", 8333, 12500, 12, false},
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
		{"8千-1万", 8000, 10000, 0, false},
		{"15-30K·13薪", 15000, 30000, 13, false},
		{"15k-25k*14薪", 15000, 25000, 14, false},
		{"10000-15000元/月", 10000, 15000, 0, false},
		{"10,000-15,000", 10000, 15000, 0, false},
		{"年薪20-30万", 16667, 25000, 12, false},
		{"月薪8000", 8000, 8000, 0, false},
		{"50元/小时", 8700, 8700, 0, false},
		{"15k+", 15000, 0, 0, false},
		{"1.2万～1.8万", 12000, 18000, 0, false},
		{"8千至1万", 8000, 10000, 0, false},
		{"薪资面议", 0, 0, 0, true},
		{" 面议 ", 0, 0, 0, true},
		// 猎聘 writes yearly salaries, then how soon the employer answers.
		{"18-36万 72小时反馈", 15000, 30000, 12, false},
		{"5-8万 10天内反馈", 4167, 6667, 12, false},
		{"面议 24小时反馈", 0, 0, 0, true},
		{"72小时反馈", 0, 0, 0, true}, // no salary given
		{"年薪20-30万·14薪", 14286, 21429, 14, false},
		{"10-20万·14薪", 7143, 14286, 14, false},
		// No period: monthly, unless a month of it would be more than 100,000 yuan.
		{"3-5万", 30000, 50000, 0, false},
		{"20-40万", 16667, 33333, 12, false},
		{"10万", 100000, 100000, 0, false},
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
	for _, in := range []string{"20-40万", "150000"} {
		if got, err := ingest.ParseSalary(in); err != nil || !got.Guessed {
			t.Errorf("ParseSalary(%q) = %+v, %v: want read as yearly, and Guessed", in, got, err)
		}
	}
	for _, in := range []string{"3-5万", "18-36万 72小时反馈", "17-34万/年"} {
		if got, _ := ingest.ParseSalary(in); got.Guessed {
			t.Errorf("ParseSalary(%q) = %+v: Guessed, but its period is known", in, got)
		}
	}
	for _, bad := range []string{"abc", "3-2万", "1-2-3万", "万", "-", "1万-", "年薪", "8千-1万以上"} {
		if _, err := ingest.ParseSalary(bad); err == nil {
			t.Errorf("ParseSalary(%q): want error", bad)
		}
	}
}

func TestParseDegree(t *testing.T) {
	for in, want := range map[string]string{"本科": "本科", "专科": "大专", "Bachelor": "本科", "PhD": "博士",
		"本科及以上": "本科", "中技/中专": "中专", "不限": "不限", "研究生": "硕士", "": "",
		"全日制统招本科以上学历": "本科", "硕士研究生": "硕士", "博士研究生及以上": "博士", "大专及以上学历": "大专",
		"Master's degree": "硕士", "bachelor's degree or above": "本科", "高职": "大专", "中专/中技及以上": "中专",
		// Postings name preferred schools, other names of a degree, or repeat the column's name.
		"985本科": "本科", "985/211本科及以上": "本科", "双一流本科": "本科", "211硕士": "硕士", "本科在读": "本科",
		"职高": "中专", "技工": "中专", "博士后": "博士", "EMBA": "硕士", "学历：本科": "本科", "二本及以上": "本科",
		"本科或以上": "本科", "大专或以上学历": "大专", "大本": "本科", "本硕": "本科"} {
		got, err := ingest.ParseDegree(in)
		if err != nil || got != want {
			t.Errorf("ParseDegree(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"金融", "学历", "及以上"} {
		if _, err := ingest.ParseDegree(bad); err == nil {
			t.Errorf("ParseDegree(%q): want error", bad)
		}
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
		// Outside Shaanxi, as the nationwide 51job file writes areas.
		{"北京市朝阳区", "北京市", "朝阳区"},
		{"北京北京海淀区", "北京市", "海淀区"},
		{"上海上海浦东新区", "上海市", "浦东新区"},
		{"湖北省武汉洪山区", "武汉市", "洪山区"},
		{"浙江省宁波", "宁波市", ""},
		{"深圳深圳南山区", "深圳市", "南山区"},
		{"黑龙江省哈尔滨", "哈尔滨市", ""},
		{"内蒙古呼和浩特", "呼和浩特市", ""},
		{"广西南宁青秀区", "南宁市", "青秀区"},
		{"广东省佛山南海区西樵", "佛山市", "南海区"},
		{"江苏省苏州工业园区", "苏州市", "工业园区"},
		{"河北省雄安新区", "雄安新区", ""},
		{"吉林省吉林", "吉林市", ""},
		{"江苏省苏州市吴中区", "苏州市", "吴中区"},
		{"远程办公", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		c, d := ingest.ParseArea(tt.in)
		if c != tt.city || d != tt.district {
			t.Errorf("ParseArea(%q) = %q, %q; want %q, %q", tt.in, c, d, tt.city, tt.district)
		}
	}
}

func TestParseCity(t *testing.T) {
	tests := []struct{ in, city, district string }{
		{"西安", "西安市", ""},
		{"西安市", "西安市", ""},
		{"陕西省西安市雁塔区", "西安市", "雁塔区"},
		{"Xi'an", "西安市", ""},
		{"Baoji", "宝鸡市", ""},
		{"杨凌", "杨凌示范区", ""},
		{"北京", "北京市", ""},
		{"宁波", "宁波市", ""},
		{"深圳-南山区", "深圳市", "南山区"}, // the prefecture list (data/prefectures.csv)
		{"广州天河区", "广州市", "天河区"},
		{"深圳深圳南山区", "深圳市", "南山区"},
		{"吉林市昌邑区", "吉林市", "昌邑区"}, // not the province 吉林
		{"辽宁朝阳", "朝阳市", ""},
		{"北京朝阳区", "北京市", "朝阳区"}, // not 朝阳市
		{"延边", "延边朝鲜族自治州", ""},
		{"东京", "东京", ""},   // outside the lists, kept
		{"湖北省湖北省", "", ""}, // a province twice is no city
		{"陕西省", "", ""},
		{"陕西高新", "", "高新区"}, // a zone many cities have: placed by the file's default city
		{"陕西省某某区", "", ""},  // a district of no Shaanxi city is no place
		{"第3车间", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		c, d := ingest.ParseCity(tt.in)
		if c != tt.city || d != tt.district {
			t.Errorf("ParseCity(%q) = %q, %q; want %q, %q", tt.in, c, d, tt.city, tt.district)
		}
	}
}
