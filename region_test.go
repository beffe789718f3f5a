package xiaoqi_test

import (
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

func TestSectorOf(t *testing.T) {
	for in, want := range map[string]xiaoqi.Sector{
		"finance": xiaoqi.SectorFinance, "FINANCE": xiaoqi.SectorFinance, "金融保险": xiaoqi.SectorFinance,
		" Finance and insurance ": xiaoqi.SectorFinance, "finance  and insurance": xiaoqi.SectorFinance,
		"软件研发和测试": xiaoqi.SectorSoftware, "it_ops": xiaoqi.SectorITOps, "Biomedical R&D": xiaoqi.SectorBiomedicine,
	} {
		if got, ok := xiaoqi.SectorOf(in); !ok || got != want {
			t.Errorf("SectorOf(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "bank", "金融", "mining"} {
		if got, ok := xiaoqi.SectorOf(in); ok {
			t.Errorf("SectorOf(%q) = %q, want none", in, got)
		}
	}
	if zh := xiaoqi.SectorChoices(true); !strings.HasPrefix(zh, "animation（动漫）、biomedicine") || strings.Count(zh, "、") != len(xiaoqi.SectorNames)-1 {
		t.Errorf("SectorChoices(true) = %q", zh)
	}
}

// TestCityNamed: a city parameter's value, in Chinese or English, names the Shaanxi city or
// new area (city=Yangling was a 400, divisions?city=Xi'an an empty list).
func TestCityNamed(t *testing.T) {
	for in, want := range map[string]string{
		"西安": "西安市", "西安市": "西安市", "Xi'an": "西安市", "xian": "西安市", "XI AN": "西安市", "Baoji": "宝鸡市",
		"杨凌": "杨凌示范区", "Yangling": "杨凌示范区", "yangling": "杨凌示范区", "Yangling Demonstration Zone": "杨凌示范区",
		"Xixian": "西咸新区", "Xixian New Area": "西咸新区", " 宝鸡 ": "宝鸡市",
	} {
		if got, ok := xiaoqi.CityNamed(in); !ok || got != want {
			t.Errorf("CityNamed(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "北京", "Shenzhen", "Xi'ann", "雁塔区", "Yanta"} {
		if got, ok := xiaoqi.CityNamed(in); ok {
			t.Errorf("CityNamed(%q) = %q, want none", in, got)
		}
	}
}
