package ingest

import (
	"regexp"
	"strings"
)

// Skills turns what a row says about skills into skill names. Tags are the values of tag
// columns, already split ("Java", "五险一金", "3-4年"); text is the row's description. The
// taxonomy (package skill) plugs in here; without it, TagSkills takes the tags as they are.
type Skills interface {
	Skills(tags []string, text string) []string
}

// SkillsFunc adapts a function to Skills.
type SkillsFunc func(tags []string, text string) []string

// Skills implements Skills.
func (f SkillsFunc) Skills(tags []string, text string) []string { return f(tags, text) }

// notSkill matches the tags of job boards that are benefits or conditions, not skills
// (五险一金, 晋升空间, 零食下午茶, 3-4年, 本科), for imports and the 51job postings of the seed
// data alike. A tag that names a skill of the taxonomy is a skill whatever it holds
// (TaxonomySkills). The second line holds the 51job benefits that were kept as skills until
// a school's suggested partner read "岗位还要求…技能库未收录的技能，如 团队聚餐、优秀员工奖、提供住宿".
var notSkill = regexp.MustCompile(`险|金$|奖金|补贴|福利|礼物|年假|双休|休二|体检|旅游|班车|宿舍|期权|培训|弹性|出国|餐补|加班|` +
	`聚餐|员工奖|住宿|专车|午餐|工作餐|节假|假期|寒暑假|礼品|礼遇|工作制|规模大|健身房|瑜伽|休闲零|气氛|领导好|落户|多干多得|计件|员工活动|` +
	`晋升|调薪|双薪|全勤|补助|员工餐|下午茶|零食|关怀|公寓|社保|带薪|500强|央企|试用期|过节|节日|团建|包吃|包住|食堂|公积金|年终|` +
	`绩效奖|年会|氛围|扁平|前景|发展空间|大牛|免费|^\d+(-\d+)?(年|小时)|经验|应届|^(本科|硕士|博士|大专|高中|中技/中专)$`)

// TagSkills takes the tags that are not benefits or conditions as skills, in their order,
// and ignores the text. It is the default until the taxonomy extracts skills.
type TagSkills struct{}

// Skills implements Skills.
func (TagSkills) Skills(tags []string, _ string) []string {
	var out []string
	for _, t := range tags {
		if t = strings.TrimSpace(t); t != "" && !notSkill.MatchString(t) {
			out = append(out, t)
		}
	}
	return out
}

// IsSkillTag reports whether a tag of a job board names a skill rather than a benefit or a
// condition ("五险一金", "3-4年", "本科").
func IsSkillTag(t string) bool { return !notSkill.MatchString(strings.TrimSpace(t)) }
