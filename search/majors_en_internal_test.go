package search

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi/seed"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// TestFromEnglishMajors: a major's English name in a query is its Chinese name, which names
// the programs, while the skills' English names stay as typed for the skills to find.
func TestFromEnglishMajors(t *testing.T) {
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	majors, err := seed.Majors()
	if err != nil {
		t.Fatal(err)
	}
	mp, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	a := analyzers{en: mp.AnalyzerNamed(analyzerEN)}
	syn := newSynonyms(tax, a.stems)
	m := withSkillNames(majorTerms(majors, syn, a.stems), syn)
	for _, tc := range []struct{ in, want string }{
		{"universities offering software engineering", "大学 软件工程"},
		{"Software Engineering", "软件工程"},
		{"computer science Xi'an", "计算机科学与技术 西安"},
		{"Computer Science and Technology", "计算机科学与技术"},
		{"data science", "数据科学"},
		{"data science and big data technology", "数据科学与大数据技术"},
		{"nursing Baoji", "护理学 宝鸡"},
		{"Japanese major", "Japanese 专业"},
		{"women's studies", "女性学"},
		{"Mechanical Design, Manufacturing and Automation", "机械设计制造及其自动化"},
		{"internet of things engineering", "物联网工程"},
		// Skills, not majors: left to the skills' English names.
		{"software testing", "software testing"},
		{"test automation", "test automation"},
		{"marketing Xi'an", "marketing 西安"},
		{"Java", "Java"},
		// A query with Chinese in it: its English words are names, not majors.
		{"飞利浦（中国）投资有限公司 Philips (China) Investment Co.,Ltd. CT", "飞利浦（中国）投资有限公司 Philips (China) Investment Co.,Ltd. CT"},
		{"Investment", "投资学"},
		{"nursing in Xi'an", "护理学 西安"},
		{"universities offering nursing", "大学 护理学"},
		// A one-word major among words of another subject is no major.
		{"investment banking", "investment banking"},
		{"Philips Investment", "Philips Investment"},
		{"business logic", "business logic"},
		{"investment banking Xi'an", "investment banking 西安"},
		// Names of more words are majors wherever they are.
		{"software engineering internship", "软件工程 实习"},
		{"software engineering trainee", "软件工程 trainee"},
		// A skill's English name holding a word the English terms write in Chinese is the
		// skill's Chinese name, not half of it (Japan-facing 外包 found nothing).
		{"Japan-facing outsourcing", "对日外包"},
		{"IT outsourcing", "信息技术外包"},
		{"cross-border e-commerce Xi'an", "跨境电商 西安"},
		{"offshore delivery", "离岸交付"},
		{"offshore", "离岸"},
	} {
		if got := fromEnglish(tc.in, m); got != tc.want {
			t.Errorf("fromEnglish(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
