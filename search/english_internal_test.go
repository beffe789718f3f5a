package search

import "testing"

// TestFromEnglish: the English places and policy words of a query are written in Chinese,
// every other word stays as typed.
func TestFromEnglish(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Xi'an", "西安"},
		{"Java Xi’an", "Java 西安"},
		{"Xian software testing jobs", "西安 software testing 岗位"},
		{"Shaanxi service outsourcing policy", "陕西 服务外包 政策"},
		{"tax subsidy for startups in Baoji", "税收 补贴 创业 宝鸡"},
		{"Java jobs in Xi'an", "Java 岗位 西安"},
		{"in", "in"},
		{"Internet", "Internet"},
		{"Yan'an", "延安"},
		{"Xianyang", "咸阳"},
		{"Java Xixian New Area", "Java 西咸新区"},
		{"XI AN", "西安"},
		{"软件测试 Java", "软件测试 Java"},
		{"an estimate", "an estimate"},
		{"software company Xi'an", "软件公司 西安"},
		{"software companies in Baoji", "软件公司 宝鸡"},
		{"software outsourcing company Xi'an", "软件外包 公司 西安"},
		{"biomedical R&D outsourcing", "生物医药 研发 外包"},
		{"Python courses", "Python 培训课程"},
		{"WeChat mini program", "WeChat mini program"},
		{"Q&A", "Q&A"},
		{"Java candidates Yanta District", "Java 候选人 雁塔区"},
		{"software testing resumes in Zhouzhi County", "software testing 简历 周至县"},
		{"Yanta", "雁塔区"}, // a district's name alone, of five letters or more
		{"Weiyang software testing", "未央区 software testing"},
		{"Long", "Long"}, // 陇县's name is an English word
		{"Mei", "Mei"},
		{"master's graduates", "硕士 毕业生"},
		{"PhD candidates", "博士 候选人"},
		{"scrum master", "scrum master"},
		{"hiring Python engineers", "招聘 Python engineers"},
		{"software engineer in Xi'an", "软件工程师 西安"},
		{"call center staff", "呼叫中心 staff"},
		{"firms that need big data talent", "公司 需要 big data 人才"},
		{"demand for Java developers", "市场需求 Java developers"},
		// How a founder asks: 开公司, whose synonyms are the policy's words; the trade goes.
		{"starting an outsourcing company in Xi'an", "开公司 西安"},
		{"set up my own software firm", "开公司"},
		{"overseas students start a business", "留学生 开公司"},
		{"Opening a new IT company", "开公司"},
		{"software company", "软件公司"},
		{"Java in demand", "Java 市场需求"},
		{"Japanese training institutions Xi'an", "Japanese 培训机构 西安"},
	} {
		if got := fromEnglish(tc.in, nil); got != tc.want {
			t.Errorf("fromEnglish(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
