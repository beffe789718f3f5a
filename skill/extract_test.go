package skill_test

import (
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// ids returns the sorted distinct skill ids extracted from text.
func ids(tb testing.TB, tx *skill.Taxonomy, text string) []string {
	tb.Helper()
	out := skill.IDs(tx.Extract(text))
	sort.Strings(out)
	if out == nil {
		out = []string{}
	}
	return out
}

func TestExtractBoundaries(t *testing.T) {
	tx := load(t)
	for _, c := range []struct {
		text string
		want []string
	}{
		// C, C++, C# and C/C++
		{"熟悉C++开发", []string{"cpp"}},
		{"精通C#", []string{"csharp"}},
		{"熟悉C/C++", []string{"c", "cpp"}},
		{"熟悉C和Java", []string{"c", "java"}},
		{"C语言编程", []string{"c"}},
		{"负责C端用户与B/C端运营", []string{}},
		{"公司已完成C轮融资", []string{}},
		{"C/S架构", []string{}},
		{"持C1驾照", []string{}},
		// Go and Google, Django, MongoDB
		{"熟悉Go语言", []string{"go"}},
		{"后端使用Go，部署在K8s", []string{"go", "kubernetes"}},
		{"熟悉Google Chrome", []string{}},
		{"熟悉Django和MongoDB", []string{"django", "mongodb"}},
		// R and React, R&D, HR
		{"会用R做统计", []string{"r"}},
		{"熟悉R、Python", []string{"python", "r"}},
		{"熟悉React", []string{"react"}},
		{"R&D中心，HR会联系你", []string{}},
		// Java and JavaScript, SQL inside MySQL, .js names
		{"熟悉JavaScript", []string{"javascript"}},
		{"熟悉Java和JavaScript", []string{"java", "javascript"}},
		{"熟悉MySQL", []string{"mysql"}},
		{"熟悉Next.js", []string{"react"}},
		{"熟悉Three.js", []string{"threejs"}},
		{"熟悉Vue3、Python3和HTML5", []string{"html", "python", "vue"}},
		// short and context-dependent aliases
		{"熟练使用PS、AI、CDR", []string{"coreldraw", "illustrator", "photoshop"}},
		{"AI大模型应用开发", []string{"llm"}},
		{"AI软件测试工程师", []string{"software_testing"}},           // AI software, not Adobe Illustrator
		{"熟练使用PS、AI软件", []string{"illustrator", "photoshop"}}, // beside another design tool it is
		{"PS：本岗位需要出差", []string{}},
		{"熟练PR、AE剪辑", []string{"after_effects", "premiere", "video_editing"}},
		{"负责UI/UE设计", []string{"ux_design"}},
		{"熟悉UE5蓝图", []string{"unreal_engine"}},
		{"熟悉CAN总线", []string{"can_bus"}},
		{"We can help you grow", []string{}},
		{"大模型LoRA微调；LoRa无线模组", []string{"iot", "llm"}},
		// Chinese segmentation
		{"货运维修工", []string{}},
		{"办理续期收费等保全业务", []string{"insurance_ops"}},
		{"熟悉测试用例设计", []string{"test_case_design"}},
		{"日语N2以上", []string{"japanese_n2"}},
		{"日语 N1，英语CET-6", []string{"cet6", "japanese_n1"}},
	} {
		if got := ids(t, tx, c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Extract(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestExtractFolding(t *testing.T) {
	tx := load(t)
	for _, c := range []struct {
		text string
		want []string
	}{
		{"精通ＪＡＶＡ和ＭｙＳＱＬ", []string{"java", "mysql"}},
		{"熟悉java,spring boot", []string{"java", "spring_boot"}},
		{"熟悉SPRINGBOOT与Spring-Cloud", []string{"spring_boot", "spring_cloud"}},
		{"熟悉Spring\n  Boot", []string{"spring_boot"}},
		{"熟悉軟體測試與資料分析，會用Ｐｙｔｈｏｎ", []string{"python", "software_testing"}},
		{"熟悉雲計算與數據倉庫", []string{"cloud_computing", "data_warehouse"}},
		{"日语Ｎ２", []string{"japanese_n2"}},
		{"pyhton、mysal、Javascrip", []string{"javascript", "mysql", "python"}},
	} {
		if got := ids(t, tx, c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Extract(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestExtractBenefitsNameNoSkill(t *testing.T) {
	tx := load(t)
	benefits := "五险一金，补充医疗保险，补充商业保险，意外险，年终奖金，绩效奖金，定期体检，员工旅游，" +
		"专业培训，带薪年假，弹性工作，周末双休，餐饮补贴，交通补贴，通讯补贴，住房补贴，节日福利，" +
		"股票期权，免费班车，包吃包住，出国机会，年底双薪，下午茶，健身房，近地铁，薪酬面议，" +
		"缴纳社保，签订劳动合同，完善的培训体系，导师带教，公司已完成B轮融资"
	if got := tx.Extract(benefits); len(got) != 0 {
		t.Errorf("benefits produced skills: %+v", got)
	}
}

func TestExtractPositions(t *testing.T) {
	tx := load(t)
	text := "岗位：熟悉ＪＡＶＡ、Spring  Boot和軟體測試；Go。"
	ms := tx.Extract(text)
	want := []struct{ id, text string }{{"java", "ＪＡＶＡ"}, {"spring_boot", "Spring  Boot"}, {"software_testing", "軟體測試"}, {"go", "Go"}}
	if len(ms) != len(want) {
		t.Fatalf("Extract(%q) = %+v, want %d matches", text, ms, len(want))
	}
	for i, m := range ms {
		if m.SkillID != want[i].id || m.Text != want[i].text || text[m.Start:m.End] != m.Text {
			t.Errorf("match %d = %+v, want %s %q at its byte offsets", i, m, want[i].id, want[i].text)
		}
		if i > 0 && m.Start < ms[i-1].End {
			t.Errorf("matches overlap: %+v", ms)
		}
	}
	if ms[0].Confidence != 1 || ms[3].Confidence >= 1 {
		t.Errorf("confidence: JAVA %g (want 1), Go %g (want less: ambiguous)", ms[0].Confidence, ms[3].Confidence)
	}
	if tx.Extract("") != nil {
		t.Error("Extract of empty text is not nil")
	}
}

// TestTrieWalk checks the double-array trie against a direct prefix comparison.
func TestTrieWalk(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alphabet := []string{"a", "b", "c", "测", "试", "+", " ", "ä"}
	word := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		return b.String()
	}
	seen := map[string]bool{}
	var pats []string
	for len(pats) < 500 {
		if w := word(1 + rng.Intn(6)); !seen[w] {
			seen[w] = true
			pats = append(pats, w)
		}
	}
	walk := skill.TrieWalk(pats)
	for n := 0; n < 300; n++ {
		text := word(12)
		for i := 0; i < len(text); i++ {
			gotIdx, gotEnds := walk(text, i)
			var wantIdx, wantEnds []int
			for end := i + 1; end <= len(text); end++ {
				for pi, p := range pats {
					if text[i:end] == p {
						wantIdx, wantEnds = append(wantIdx, pi), append(wantEnds, end)
					}
				}
			}
			if !reflect.DeepEqual(gotIdx, wantIdx) || !reflect.DeepEqual(gotEnds, wantEnds) {
				t.Fatalf("walk(%q, %d) = %v %v, want %v %v", text, i, gotIdx, gotEnds, wantIdx, wantEnds)
			}
		}
	}
}

// TestExtractConcurrent shares one taxonomy between goroutines, as the services do; run it
// with -race.
func TestExtractConcurrent(t *testing.T) {
	tx := load(t)
	jobs := readJobs(t)
	want := make([][]string, len(jobs))
	for i, j := range jobs {
		want[i] = ids(t, tx, j.text)
	}
	done := make(chan error, 4)
	for g := 0; g < 4; g++ {
		go func(g int) {
			for i := g; i < len(jobs); i += 4 {
				if got := skill.IDs(tx.Extract(jobs[i].text)); len(got) != len(want[i]) {
					done <- fmt.Errorf("%s: %d skills concurrently, %d alone", jobs[i].id, len(got), len(want[i]))
					return
				}
			}
			done <- nil
		}(g)
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestITOIsItsOwnSkill: ITO and 软件外包 name IT outsourcing, not 离岸交付: searched as its
// synonyms, ITO found every 服务外包 firm. Nor is 服务外包 offshore delivery (taxonomy 2026.3.0):
// it names outsourcing delivery in general (外包交付: 驻场, 外包项目), and 离岸外包 found every
// 服务外包 firm, onshore ones first.
func TestITOIsItsOwnSkill(t *testing.T) {
	tx := load(t)
	for name, want := range map[string]string{"ITO": "it_outsourcing", "信息技术外包": "it_outsourcing", "软件外包": "it_outsourcing",
		"服务外包": "outsourcing_delivery", "驻场开发": "outsourcing_delivery", "离岸外包": "offshore_delivery", "ODC": "offshore_delivery"} {
		if s, ok := tx.Resolve(name); !ok || s.ID != want {
			t.Errorf("Resolve(%q) = %v, %v; want %s", name, s, ok, want)
		}
	}
	if got := skill.IDs(tx.Extract("有ITO项目经验，熟悉Java。")); !slices.Contains(got, "it_outsourcing") || slices.Contains(got, "offshore_delivery") {
		t.Errorf("Extract = %v, want it_outsourcing and not offshore_delivery", got)
	}
	if got := skill.IDs(tx.Extract("服务外包企业，承接日韩市场的离岸外包业务")); !slices.Equal(got, []string{"outsourcing_delivery", "offshore_delivery"}) {
		t.Errorf("Extract = %v, want outsourcing_delivery and offshore_delivery", got)
	}
}

// TestExtractGoWhereToolsAreNamed: "Go" written against Chinese or in a list of skills names
// the language with the confidence an import takes (0.8); in English prose it stays ambiguous.
// 熟练使用Go进行后端开发 and Go后端工程师 gave Go at 0.6, and skill=Go missed those postings.
func TestExtractGoWhereToolsAreNamed(t *testing.T) {
	tx := load(t)
	goConf := func(text string) float64 {
		for _, m := range tx.Extract(text) {
			if m.SkillID == "go" {
				return m.Confidence
			}
		}
		return 0
	}
	for _, text := range []string{"熟练使用Go进行后端开发，熟悉MySQL、Redis", "熟悉Go、gRPC、Kubernetes", "Go后端工程师",
		"Skills: Go, gRPC, Kubernetes", "精通 Java/Go/Python"} {
		if c := goConf(text); c < 0.8 {
			t.Errorf("Extract(%q): Go at %g, want at least 0.8", text, c)
		}
	}
	for _, text := range []string{"Let's go to the office", "We go live next week.", "ready to go, Python welcome", "go to 西安"} {
		if c := goConf(text); c >= 0.8 {
			t.Errorf("Extract(%q): Go at %g, want below 0.8 (prose)", text, c)
		}
	}
}
