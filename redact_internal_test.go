package xiaoqi

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// redactCases are texts of profiles, with and without personal data, for TestRedactCues and
// the seeds of FuzzRedactCues.
var redactCases = []string{
	"熟悉Java、Python，做过对日外包项目", "西安交通大学", "软件工程", "日语N2", "英语六级", "本科", "日本",
	"电话 139 1234 5671，邮箱 zs@example.com", "微信号：wx_huang88", "QQ号码 12345678", "vx abc123",
	"生日1999年3月4日", "出生日期：1999/03/04", "住在科技路10号3号楼2单元501室", "12栋1单元301",
	"身份证 610102199901011234", "610102 19990304 123X", "6101-0219-9903-0412-34", "029.8888.1234", "一三九一二三四五六七一", "zs at example dot com",
	"熟悉 WeChat miniprogram", "２０１９-２０２３ 在西安工作", "ｚｓ＠ｅｘａｍｐｌｅ．ｃｏｍ", "长安南路 八十八 号", "期望薪资8000-10000元", "(029) 8888 1234",
	"skype: \u017fkype_user", "\u017f\u212a@ex.\u017f\u212a", "wx12345", "微信 12345", "出生于1999.3.4", "5栋1单元301", "at", "a@t.co", "\u212a\u212a\u212a@example.com", "2019-2023", "三年经验，一个项目", "号称第一",
	"DOB 04-03-1999", "born on March 4, 1999", "Date of birth: 4th Mar. 1999", "99年3月4日出生", "一九九九年三月四日生", "2019年3月4日生效", "出生年月：1999年03月", "Birthday: Sept 30 2001",
	"住址：雁塔路南段99号", "曲江池小区5栋1203", "锦业路1号都市之门A座1501", "英国 伦敦 Baker Street 221B", "10 Downing St., Apt 4", "地铁3号线", "Hauptstraße 5",
	"linxy#example.com", "邮箱 linxy@qq", "邮箱linxy123456", "E-mail: linxy", "熟悉 C# ASP.NET", "email marketing", "github.com/zhouxc", "https://www.linkedin.com/in/lin-xy/", "zhouxc.github.io", "12345678@163",
}

// TestRedactCues: skipping the patterns whose cues a text lacks changes nothing.
func TestRedactCues(t *testing.T) {
	for _, mark := range []string{"***", "[已隐藏 hidden]", "＊", "x1", "", "t", "生日", "一二"} {
		for _, s := range redactCases {
			if got, want := redactPatterns(s, mark, textCues(s).with(textCues(mark))), redactPatterns(s, mark, every); got != want {
				t.Errorf("mark %q, %q: with cues %q, every pattern %q", mark, s, got, want)
			}
		}
	}
}

// TestRedactCuesRandom is TestRedactCues on texts put together at random from the pieces the
// patterns look for, so that numbers, labels and addresses meet in every way.
func TestRedactCuesRandom(t *testing.T) {
	pieces := []string{"1", "3", "9", "0", "2", "8", "139", "029", "86", "+", "-", ".", "·", "_", "/", " ", "(", ")", "X",
		"@", "at", "dot", "[at]", "(dot)", "。", "zs", "example", "com", "a", "t", "\u212a", "\u017f",
		"微信", "号", "QQ", "vx", "wx", "skype", ":", "：", "扣扣", "企鹅",
		"生日", "出生日期", "生于", "年", "月", "日", "出生", "生效", "DOB", "born on ", "b", "March", "Sep", "th", ",", "99", "04", "路", "街", "栋", "南段", "小区", "都市之门", "Baker ", "Street", " St.", "221B", "Apt", "线", "#", "邮箱", "E-mail", "mail", "@qq", "qq", "github.com/", "linkedin.com/in/", ".io", "x.com/", "linxy", "幢", "座", "单元", "室", "层",
		"一", "三", "九", "零", "幺", "两", "〇", "十", "百", "西安", "软件", "，", "１", "＠", "Ｑ",
		// Whole numbers, so that a text often holds exactly as many digits as a pattern needs.
		"13912345671", "139 1234 5671", "+86 139.1234.5671", "029-8888-1234", "02988881234", "610102199901011234",
		"1999", "1999/03/04", "生日1999", "生日：1999年", "61010219990101123X", "610102 19990101 1234", "029-888-1234", "一二三四五六七", "A栋1单元", "一三九一二三四五六七一", "科技路10号", "3号楼2单元501室", "zs@example.com", "zs at example dot com"}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 60000 {
		var b strings.Builder
		for range 1 + rng.IntN(4+i%3*4) { // 1–4, 1–8 or 1–12 pieces
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := foldASCIIWidth(b.String())
		for _, mark := range []string{"＊", "[已隐藏 hidden]", ""} {
			if got, want := redactPatterns(s, mark, textCues(s).with(textCues(mark))), redactPatterns(s, mark, every); got != want {
				t.Fatalf("mark %q, %q: with cues %q, every pattern %q", mark, s, got, want)
			}
		}
	}
}

// FuzzRedactCues is TestRedactCues on any text.
func FuzzRedactCues(f *testing.F) {
	for _, s := range redactCases {
		f.Add(s, "***")
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, s, mark string) {
		if got, want := redactPatterns(s, mark, textCues(s).with(textCues(mark))), redactPatterns(s, mark, every); got != want {
			t.Errorf("mark %q, %q: with cues %q, every pattern %q", mark, s, got, want)
		}
	})
}

// BenchmarkAnonymized is the redaction of a typical profile, which indexing does for every
// candidate.
func BenchmarkAnonymized(b *testing.B) {
	c := &Candidate{Name: "黄某某", Phone: "13912345671", Email: "hmm@example.com", BirthDate: "1999-03-04",
		Summary: strings.Repeat("三年Java开发经验，熟悉对日外包项目流程，通过日语N2。", 3), City: "西安市",
		Skills: []string{"Java", "Spring Boot", "MySQL", "软件测试", "日语"}, Languages: []string{"日语N2", "英语四级"},
		StudyCountry: "日本", Education: []Education{{InstitutionName: "西安邮电大学", Major: "软件工程", Degree: "本科", Country: "中国"}}}
	for b.Loop() {
		c.Anonymized("***")
	}
}
