package match_test

import (
	"context"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// seedBenefits are tags of the default data set's 51job postings that are benefits or
// conditions of work, not skills.
var seedBenefits = []string{"团队聚餐", "优秀员工奖", "提供住宿", "公司提供专车", "工作午餐", "工作餐", "法定节假日",
	"国家法定假期", "寒暑假", "生日礼遇", "节假日礼品", "8小时工作制", "公司规模大", "健身瑜伽", "休闲零时", "气氛好",
	"领导好", "人才落户", "计件考核", "多干多得", "员工活动"}

// TestSeedPartnersNameNoBenefits: a school's suggested partner said the firm's jobs also ask
// for "技能库未收录、未计入的技能，如 团队聚餐、优秀员工奖、提供住宿": 51job's benefit tags were kept
// as skills. No job need of the default data set has a benefit among its skills, and no
// partner explanation of a school names one.
func TestSeedPartnersNameNoBenefits(t *testing.T) {
	m, docs := seedMatcher(t)
	for _, d := range docs {
		if j, ok := d.(*xiaoqi.JobNeed); ok {
			for _, s := range j.Skills {
				for _, b := range seedBenefits {
					if s == b {
						t.Errorf("%s of %s: benefit %q among its skills %q", j.Name, j.EnterpriseName, s, j.Skills)
					}
				}
			}
		}
	}
	for _, d := range docs {
		in, ok := d.(*xiaoqi.Institution)
		if !ok || (in.Name != "宝鸡文理学院" && in.Name != "西安邮电大学") {
			continue
		}
		l, err := m.InstitutionPartners(context.Background(), in.ID, xiaoqi.Scope{RealOnly: true}, 50)
		if err != nil || len(l.Data) == 0 {
			t.Fatalf("%s: %v, %+v", in.Name, err, l)
		}
		for _, x := range l.Data {
			f := factor(x, "skills")
			for _, b := range seedBenefits {
				if strings.Contains(f.ZH, b) {
					t.Errorf("%s → %s: %q names the benefit %s as a skill", in.Name, x.Enterprise.Name, f.ZH, b)
				}
			}
		}
	}
}
