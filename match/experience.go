package match

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// experienceFactor scores the years of experience candidate c has against those job j asks
// for: full from the years asked on, in proportion below. The years are those since c last
// graduated (xiaoqi keeps no work history): a 2025 graduate has no 3–4 years for a senior
// post, which the score used to pass over (1.00 for 高级开发工程师). ok is false when the job
// states no years, asks for none, or the candidate gives no graduation year.
func experienceFactor(c *candidate, j *job, text bool) (xiaoqi.MatchFactor, bool) {
	need, ok := experienceYears(j.doc.Experience)
	grad := 0
	for _, e := range c.doc.Education {
		grad = max(grad, e.GraduationYear)
	}
	if !ok || need == 0 || grad == 0 {
		return xiaoqi.MatchFactor{}, false
	}
	has := max(0, time.Now().Year()-grad)
	f := xiaoqi.MatchFactor{Factor: "experience", Weight: wcExperience, Estimate: true, Score: min(1, float64(has)/float64(need))}
	if text {
		// A graduation year to come is said as such: "毕业约 0 年 / graduated about 0 years
		// ago" was said of a 2027 graduate; one of this year graduated this year.
		zh := fmt.Sprintf("候选人毕业约 %d 年（按毕业年份估算）", has)
		en := fmt.Sprintf("the candidate graduated about %d %s ago (estimated from the year of graduation)",
			has, map[bool]string{true: "year", false: "years"}[has == 1])
		switch now := time.Now().Year(); {
		case grad > now:
			zh, en = fmt.Sprintf("候选人尚未毕业（%d 届）", grad), fmt.Sprintf("the candidate has not graduated yet (class of %d)", grad)
		case grad == now:
			zh, en = fmt.Sprintf("候选人今年毕业（%d 届）", grad), fmt.Sprintf("the candidate is a graduate of this year (class of %d)", grad)
		}
		f.ZH = fmt.Sprintf("岗位要求经验：%s；%s", j.doc.Experience, zh)
		f.EN = fmt.Sprintf("Experience asked: %d+ %s%s; %s",
			need, map[bool]string{true: "year", false: "years"}[need == 1], experienceEN(j.doc.Experience), en)
	}
	return f, true
}

// rangePattern is a range of years as postings write it: 3-4年, 5~7年.
var rangePattern = regexp.MustCompile(`^\s*(\d+)\s*[-~～至到]\s*(\d+)\s*年\s*$`)

// experienceEN is what the English text adds to "3+ years": the range a posting gives
// ( (3–4 years)), else nothing. It quoted the Chinese as written: "2+ years (2年)".
func experienceEN(s string) string {
	if m := rangePattern.FindStringSubmatch(s); m != nil {
		return fmt.Sprintf(" (%s–%s years)", m[1], m[2])
	}
	return ""
}

// yearsPattern finds the least number of years a posting writes: 3-4年, 5年以上, 1年经验.
var yearsPattern = regexp.MustCompile(`(\d+)\s*(?:[-~～至到]\s*\d+\s*)?年`)

// experienceYears returns the least years of experience a posting asks for ("3-4年" → 3,
// "无需经验", "应届", "在校" → 0); ok is false when it says nothing that tells.
func experienceYears(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	if m := yearsPattern.FindStringSubmatch(s); m != nil {
		n, err := strconv.Atoi(m[1])
		return n, err == nil
	}
	for _, w := range []string{"无需", "不限", "应届", "在校", "实习", "无经验"} {
		if strings.Contains(s, w) {
			return 0, true
		}
	}
	return 0, false
}
