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
