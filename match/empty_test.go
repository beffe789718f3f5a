package match_test

import (
	"context"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestEmptyPartnersFitTheInstitution: an institution without programs is told why it has no
// suggested partners in words that fit it: a training institution (staff who had just added
// their first course were told of 专科院校 and their 专业) of its courses, a 专科 college that
// the default data set holds none of its programs, a university of its programs.
func TestEmptyPartnersFitTheInstitution(t *testing.T) {
	docs := []xiaoqi.Doc{
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_train"}, Name: "某实训基地", Type: "training", City: "西安市", Region: xiaoqi.RegionGuanzhong},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_college"}, Name: "某职业技术学院", Type: "university", Level: "专科", City: "西安市", Region: xiaoqi.RegionGuanzhong},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_uni"}, Name: "某大学", Type: "university", Level: "本科", City: "西安市", Region: xiaoqi.RegionGuanzhong},
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_soft"}, Name: "某软件公司", City: "西安市", Region: xiaoqi.RegionGuanzhong},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_java"}, EnterpriseID: "ent_soft", Name: "Java开发工程师", City: "西安市",
			Skills: []string{"Java"}, Headcount: 5, Status: xiaoqi.JobOpen},
	}
	m := smallMatcher(t, docs)
	for _, tc := range []struct {
		id, zh, en string
		notZH      []string
	}{
		{"ins_train", "本数据中该机构没有课程，无从推荐企业：添加或导入其课程后再看", "holds no courses of this institution", []string{"专科", "专业"}},
		{"ins_college", "未收录专科院校的专业", "none of vocational colleges", nil},
		{"ins_uni", "本数据中该机构没有专业或课程，无从推荐企业：添加或导入其专业后再看", "add or import its programs first", []string{"专科"}},
	} {
		l, err := m.InstitutionPartners(context.Background(), tc.id, xiaoqi.Scope{}, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(l.Data) != 0 || !strings.Contains(l.ZH, tc.zh) || !strings.Contains(l.EN, tc.en) {
			t.Errorf("%s: %d partners, %q / %q; want none, and %q / %q", tc.id, len(l.Data), l.ZH, l.EN, tc.zh, tc.en)
		}
		for _, w := range tc.notZH {
			if strings.Contains(l.ZH, w) {
				t.Errorf("%s: %q speaks of %s", tc.id, l.ZH, w)
			}
		}
	}
}
