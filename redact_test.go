package xiaoqi_test

import (
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestCandidateRedactIDCardInGroups: an identity card number written in groups showed all but
// its date: "身份证 610102 19990304 1234" became "610102 [hidden] 1234", the place of
// registration and the last four characters, which services ask to confirm who one is, and a
// search for 610102 found the person. The whole number goes, however it is grouped, whether or
// not it holds the candidate's own birth date.
func TestCandidateRedactIDCardInGroups(t *testing.T) {
	for _, c := range []*xiaoqi.Candidate{{Name: "周小川", BirthDate: "1999-03-04"}, {Name: "周小川"}} {
		for _, id := range []string{"610102 19990304 1234", "610102-19990304-123X", "6101 0219 9903 0412 34", "610102\t19990304\t1234",
			"6101-0219-9903-0412-3X", "６１０１０２ １９９９０３０４ １２３４"} {
			got := c.Redact("身份证 "+id+"，熟悉Java", "*")
			if got != "身份证 *，熟悉Java" {
				t.Errorf("birth date %q: Redact(身份证 %s) = %q, want 身份证 *，熟悉Java", c.BirthDate, id, got)
			}
		}
	}
	// Numbers that are not one: a phone and a year range, a count.
	c := &xiaoqi.Candidate{Name: "周小川"}
	for _, keep := range []string{"2019-2023 就读西北大学", "服务 1200 家企业，2000-3000 人"} {
		if got := c.Redact(keep, "*"); got != keep {
			t.Errorf("Redact(%q) = %q: it is no identity card number", keep, got)
		}
	}
}

// TestCandidateRedactBirthDate: the README promises the birth date however written, but an
// audit found these shown, and found the person by them: the date in Chinese numerals, with a
// two-digit year, day or month first, with an English month. They go, with or without a label
// of birth, and a date after a label of birth goes also when the profile has no birth date.
func TestCandidateRedactBirthDate(t *testing.T) {
	own := &xiaoqi.Candidate{Name: "周小川", BirthDate: "1999-03-04"}
	for _, written := range []string{"一九九九年三月四日生", "3/4/1999", "DOB 04-03-1999", "99年3月4日出生", "born on March 4, 1999",
		"4th March 1999", "04-Mar-1999", "Mar. 4th, 1999", "一九九九年三月四号", "1999年3月4日", "99.3.4", "03/04/99", "1999 年 3 月 4 日"} {
		got := own.Redact("简历："+written+"，熟悉Java", "*")
		if !strings.Contains(got, "*") || strings.Contains(got, "99") || strings.Contains(got, "九九") || !strings.Contains(got, "熟悉Java") {
			t.Errorf("own birth date: Redact(%q) = %q", written, got)
		}
	}
	none := &xiaoqi.Candidate{Name: "李四"}
	for _, written := range []string{"生日：2001年5月6日", "出生：2001-05-06", "DOB: 06/05/2001", "Date of birth: May 6th, 2001",
		"born on 6 May 2001", "born in May 2001", "二〇〇一年五月六日出生", "2001年5月6日生", "出生年月：2001年05月", "D.O.B. 2001.5.6", "Birthday: May 6, 2001"} {
		got := none.Redact(written+"；熟悉Java", "*")
		if strings.Contains(got, "2001") || strings.Contains(got, "〇〇一") || strings.Contains(got, "05") || !strings.Contains(got, "；熟悉Java") {
			t.Errorf("a date after a label of birth: Redact(%q) = %q", written, got)
		}
	}
	// Other dates stay: they are when one studied or worked, or a word that begins with 生.
	for _, keep := range []string{"2019年3月4日生效", "2001年5月6日生产的设备", "2019.09-2023.06 就读西北大学", "出生地：西安", "Born and raised in Xi'an, 2019-2023 at NWU",
		"On March 4, 2021 I joined Huawei", "版本 1.2.3", "1999年3月入学"} {
		if got := own.Redact(keep, "*"); got != keep {
			t.Errorf("Redact(%q) = %q: no birth date there", keep, got)
		}
	}
}

// TestCandidateRedactAddresses: the README promises a street address down to the door, but an
// audit found these shown and found by them: a street with its part (南段), an estate's
// building and room without the street, a building and room after a named building, and a
// street abroad in English. Metro lines, shops, skills and versions with numbers stay.
func TestCandidateRedactAddresses(t *testing.T) {
	c := &xiaoqi.Candidate{Name: "周小川"}
	for _, tc := range []struct{ written, secret string }{
		{"住址：雁塔路南段99号", "99"}, {"曲江池小区5栋1203", "1203"}, {"锦业路1号都市之门A座1501", "1501"}, {"家住曲江池小区5栋1203室", "曲江池"},
		{"住在科技路10号3号楼2单元501室", "501"}, {"长安南路 88 号 3 号楼 2 单元 501 室", "501"}, {"3号楼501室", "501"}, {"丈八东路西侧8号2幢", "8号"},
		{"英国 伦敦 Baker Street 221B", "221B"}, {"221B Baker Street, London", "Baker"}, {"10 Downing St., Apt 4", "Downing"},
		{"1600 Pennsylvania Avenue NW", "1600"}, {"Hauptstraße 5, Berlin", "Hauptstraße"},
	} {
		got := c.Redact(tc.written+"；熟悉Java", "*")
		if strings.Contains(got, tc.secret) || !strings.Contains(got, "*") || !strings.Contains(got, "熟悉Java") {
			t.Errorf("Redact(%q) = %q", tc.written, got)
		}
	}
	if got := c.Redact("住在科技路10号", "*"); got != "住在*" {
		t.Errorf("Redact(住在科技路10号) = %q, want 住在*: the words before the street are no address", got)
	}
	for _, keep := range []string{"Java 8, Spring Boot 2", "地铁3号线沿线", "轨道3号线", "京东1号店运营", "5G通信", "两栋楼", "3座城市", "负责2栋楼1200平米的机房", "A座会议室",
		"Windows 10", "3 Years Java", "2019 Best Place to Work", "2 Supreme Court cases", "Wall Street experience since 2019", "西安市雁塔区", "科技路沿线的公司"} {
		if got := c.Redact(keep, "*"); got != keep {
			t.Errorf("Redact(%q) = %q: no address there", keep, got)
		}
	}
}

// TestCandidateRedactNameParts: an audit found parts of the name shown and found by search: the
// given name alone (小川, 晓琪), the surname or given name with 同学, 小姐, 先生 or 女士, the name
// with signs between its characters (周-小-川), handles made of the name in pinyin
// (zhouxiaochuan1999, ouyangxq, zhouxc), a compound surname alone (OUYANG), and the name in a
// skill or the country of study. (Pinyin readings: romanize, imported by xiaoqi_test.go.)
func TestCandidateRedactNameParts(t *testing.T) {
	for _, tc := range []struct {
		name    string
		written []string
	}{
		{"周小川", []string{"小川", "周同学", "小川同学", "周先生", "周-小-川", "周·小·川", "周 _ 小 _ 川", "周/小/川", "周.小.川",
			"zhouxiaochuan1999", "zhouxiaochuan", "xiaochuan_zhou", "zhouxc", "zhouxc99", "ZhouXC", "Xiaochuan", "Mr. Zhou", "周同學"}},
		{"欧阳晓琪", []string{"晓琪", "欧阳小姐", "欧阳女士", "ouyangxq", "OuyangXQ", "Ouyang", "OUYANG", "ouyangxiaoqi2000", "Xiao-Qi", "歐陽小姐"}},
		{"林晓宇", []string{"linxiaoyu1999", "lin_xiaoyu", "linxy1999", "Ms Lin", "晓宇"}},
	} {
		c := &xiaoqi.Candidate{Name: tc.name}
		for _, w := range tc.written {
			if got := c.Redact("联系人："+w+" 熟悉Java", "*"); got != "联系人：* 熟悉Java" {
				t.Errorf("%s: Redact(联系人：%s 熟悉Java) = %q", tc.name, w, got)
			}
		}
	}
	for _, tc := range []struct{ text, want string }{{"我叫小川，熟悉Java", "我叫*，熟悉Java"}, {"大家好，我是小川", "大家好，我是*"}, {"英国 小川", "英国 *"}} {
		if got := (&xiaoqi.Candidate{Name: "周小川"}).Redact(tc.text, "*"); got != tc.want {
			t.Errorf("周小川: Redact(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
	// The same characters inside other words, other people's names and words that look like a
	// short handle stay.
	for _, tc := range []struct{ name, keep string }{
		{"周小川", "小川菜馆的外卖系统"}, {"周小川", "周末加班"}, {"周小川", "Zhou Enlai 纪念馆"}, {"林晓宇", "Linux 运维"}, {"林晓宇", "linxy"},
		{"马天华", "Math modeling"}, {"李安", "Alliance 项目"}, {"欧阳晓琪", "周同学"}, {"王小明", "Xiaomi 手机"}, {"周小川", "1-2 年经验"},
	} {
		if got := (&xiaoqi.Candidate{Name: tc.name}).Redact(tc.keep, "*"); got != tc.keep {
			t.Errorf("%s: Redact(%q) = %q: not their name", tc.name, tc.keep, got)
		}
	}
	// A given name that is a place is hidden where the text says it is the name, not where it
	// names the place: 期望城市：西安 was hidden on the profile of a 王西安.
	for _, tc := range []struct{ name, text, want string }{
		{"王西安", "期望城市：西安，可到 咸阳", "期望城市：西安，可到 咸阳"},
		{"李长安", "住在 长安 区附近", "住在 长安 区附近"},
		{"王西安", "大家好，我叫西安，西安同学都认识我，王西安", "大家好，我叫*，*都认识我，*"},
	} {
		if got := (&xiaoqi.Candidate{Name: tc.name}).Redact(tc.text, "*"); got != tc.want {
			t.Errorf("%s: Redact(%q) = %q, want %q", tc.name, tc.text, got, tc.want)
		}
	}
	// A skill, language or country of study that is the name, or part of it, is left out.
	c := &xiaoqi.Candidate{Name: "欧阳晓琪", Skills: []string{"Java", "Ouyang", "OUYANG", "晓琪"}, Languages: []string{"英语", "Xiaoqi"},
		StudyCountry: "英国 晓琪", Education: []xiaoqi.Education{{Country: "OUYANG"}}}
	a := c.Anonymized("*")
	if len(a.Skills) != 1 || a.Skills[0] != "Java" || len(a.Languages) != 1 || a.StudyCountry != "英国 *" || a.Education[0].Country != "*" {
		t.Errorf("Anonymized: skills %q, languages %q, study country %q, country %q", a.Skills, a.Languages, a.StudyCountry, a.Education[0].Country)
	}
	if a := (&xiaoqi.Candidate{Name: "周小川", Skills: []string{"Zhou", "Java"}}).Anonymized("*"); len(a.Skills) != 1 {
		t.Errorf("Anonymized skills %q: the surname in pinyin is the name", a.Skills)
	}
}

// TestCandidateRedactProfilesAndEmails: a profile link names its owner (github.com/zhouxc), and
// people write e-mail addresses so that harvesters miss them: linxy#example.com, 邮箱 linxy@qq,
// 邮箱linxy123456. They showed, and search found them.
func TestCandidateRedactProfilesAndEmails(t *testing.T) {
	c := &xiaoqi.Candidate{Name: "林晓宇"}
	for _, tc := range []struct{ written, secret string }{
		{"github.com/zhouxc", "zhouxc"}, {"https://github.com/zhouxc/blog", "zhouxc"}, {"www.linkedin.com/in/lin-xy-1234/", "lin-xy"},
		{"gitee.com/linxy", "linxy"}, {"zhouxc.github.io", "zhouxc"}, {"https://blog.csdn.net/linxy_dev", "linxy"}, {"zhihu.com/people/linxy", "linxy"},
		{"linxy#example.com", "linxy"}, {"邮箱 linxy@qq", "linxy"}, {"邮箱linxy123456", "linxy"}, {"邮箱：linxy", "linxy"},
		{"E-mail: linxy", "linxy"}, {"email linxy2000", "linxy"}, {"12345678@163", "12345678"},
	} {
		got := c.Redact("主页与联系 "+tc.written+" 熟悉Java", "*")
		if strings.Contains(got, tc.secret) || !strings.Contains(got, "*") || !strings.Contains(got, "熟悉Java") {
			t.Errorf("Redact(%q) = %q", tc.written, got)
		}
	}
	for _, keep := range []string{"熟悉 C# ASP.NET 与 C#.NET", "email marketing", "邮箱 SMTP 模块", "邮件系统开发", "GitHub Actions, GitLab CI", "Spring @Autowired",
		"dropbox.com", "熟悉 x.com 的接口"} {
		if got := c.Redact(keep, "*"); got != keep {
			t.Errorf("Redact(%q) = %q: no contact there", keep, got)
		}
	}
}
