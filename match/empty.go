package match

import (
	"fmt"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// The texts below say why a ranking is empty: a 专科 college's staff, or the HR of a firm
// whose postings are closed, got "data": [] and nothing else, which reads as "nobody fits".

// realOnlyNote is said after a reason that real_only may cause.
func realOnlyNote(realOnly bool) (zh, en string) {
	if realOnly {
		return "（只看真实数据时）", " (among real data only)"
	}
	return "", ""
}

// setEmptyReason writes into l, when it is empty, why (reason gives it in Chinese and
// English).
func setEmptyReason(l *xiaoqi.MatchList, reason func() (zh, en string)) {
	if len(l.Data) == 0 {
		l.ZH, l.EN = reason()
	}
}

// entEmpty says why enterprise e has no suggested institutions.
func entEmpty(e *enterprise, realOnly bool) (zh, en string) {
	switch {
	case len(e.jobs) == 0:
		return "该企业没有开放的招聘需求，无从推荐院校：发布或重新开放招聘需求后再看",
			"The enterprise has no open job needs, so there is nothing to match schools against: post or reopen a job need first"
	case e.totalW == 0:
		zh = "该企业开放的招聘需求没有技能库收录的技能，无从推荐院校"
		en = "The enterprise's open job needs name no skill the taxonomy knows, so there is nothing to match schools against"
		if len(e.unknown) > 0 {
			zh += fmt.Sprintf("（所写技能：%s）", strings.Join(e.unknown[:min(3, len(e.unknown))], "、"))
			en += fmt.Sprintf(" (skills written: %s)", strings.Join(e.unknown[:min(3, len(e.unknown))], ", "))
		}
		return zh, en
	}
	rz, re := realOnlyNote(realOnly)
	return "没有院校的专业或课程教授该企业所需的技能" + rz, "No institution's programs or courses teach the skills the enterprise asks for" + re
}

// instEmpty says why institution in has no suggested enterprises.
func instEmpty(in *institution, realOnly bool) (zh, en string) {
	// Without programs, the reason fits the institution: the note that the default data set
	// holds no vocational college's programs is a 专科 college's; a training institution, told
	// of 专科院校 and 专业, has courses to add (its page's form, or an import).
	switch {
	case in.listed == 0 && in.training:
		return "本数据中该机构没有课程，无从推荐企业：添加或导入其课程后再看",
			"The data holds no courses of this institution, so there is nothing to match enterprises against: add or import its courses first"
	case in.listed == 0 && in.doc.Level == "专科":
		return "本数据中该机构没有专业或课程（默认数据只收录本科专业与培训机构的课程，未收录专科院校的专业），无从推荐企业：导入其专业后再看",
			"The data holds no programs or courses of this institution (the default data set holds undergraduate programs and training courses only, none of vocational colleges), so there is nothing to match enterprises against: import its programs first"
	case in.listed == 0:
		return "本数据中该机构没有专业或课程，无从推荐企业：添加或导入其专业后再看",
			"The data holds no programs or courses of this institution, so there is nothing to match enterprises against: add or import its programs first"
	case len(in.progs) == 0:
		return "该机构的专业或课程没有技能库收录的技能，无从推荐企业",
			"The institution's programs and courses name no skill the taxonomy knows, so there is nothing to match enterprises against"
	}
	rz, re := realOnlyNote(realOnly)
	return "没有企业的开放岗位要求该机构专业所教的技能" + rz, "No enterprise's open job needs ask for what the institution's programs teach" + re
}

// jobEmpty says why job j has no suggested candidates.
func jobEmpty(j *job, realOnly bool) (zh, en string) {
	if len(j.skills) == 0 {
		return "该招聘需求没有技能库收录的技能，无从推荐求职者",
			"The job need names no skill the taxonomy knows, so there is nothing to match candidates against"
	}
	rz, re := realOnlyNote(realOnly)
	return "没有公开或匿名的求职者具备该岗位所需或相关的技能" + rz,
		"No public or anonymous candidate has the skills the job asks for or related ones" + re
}

// candEmpty says why candidate c has no suggested job needs.
func candEmpty(c *candidate, realOnly bool) (zh, en string) {
	if len(c.skills) == 0 {
		return "该求职者没有填写技能库收录的技能，无从推荐岗位",
			"The candidate names no skill the taxonomy knows, so there is nothing to match job needs against"
	}
	rz, re := realOnlyNote(realOnly)
	return "没有开放的招聘需求要求该求职者的技能或相关技能" + rz,
		"No open job need asks for the candidate's skills or related ones" + re
}
