package xiaoqi_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Places outside Shaanxi and districts had no English name: the English UI and English
// messages showed 深圳市 and 雁塔区.
func TestPlaceEnglish(t *testing.T) {
	for zh, en := range map[string]string{
		"深圳市": "Shenzhen", "西安市": "Xi'an", "西安": "Xi'an", "雁塔区": "Yanta District", "长安区": "Chang'an District",
		"周至县": "Zhouzhi County", "韩城市": "Hancheng City", "延边朝鲜族自治州": "Yanbian Autonomous Prefecture",
		"北京市": "Beijing", "高新区": "Hi-tech Zone", "东京": "东京",
	} {
		if got := xiaoqi.PlaceEnglish(zh); got != en {
			t.Errorf("PlaceEnglish(%q) = %q, want %q", zh, got, en)
		}
	}
	if got := xiaoqi.CityEnglish("深圳市"); got != "Shenzhen" {
		t.Errorf("CityEnglish(深圳市) = %q, want Shenzhen", got)
	}
}

func TestPlaceFromEnglish(t *testing.T) {
	for _, tc := range []struct {
		en       string
		district bool
		zh       string
	}{
		{"Shenzhen", false, "深圳市"}, {"SHEN ZHEN", false, "深圳市"}, {"xian", false, "西安市"}, {"Xi'an", false, "西安市"},
		{"Yulin", false, "榆林市"}, // 榆林市 of Shaanxi, not 玉林市 of Guangxi
		{"Suzhou", false, ""},   // 苏州市 or 宿州市: names neither
		{"Yanta District", true, "雁塔区"}, {"yanta", true, "雁塔区"}, {"Lueyang County", true, "略阳县"},
		{"Yanta", false, ""}, {"Shenzhen", true, ""}, {"", false, ""},
	} {
		zh, ok := xiaoqi.PlaceFromEnglish(tc.en, tc.district)
		if zh != tc.zh || ok != (tc.zh != "") {
			t.Errorf("PlaceFromEnglish(%q, %v) = %q, %v; want %q", tc.en, tc.district, zh, ok, tc.zh)
		}
	}
}
