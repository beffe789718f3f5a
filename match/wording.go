package match

// learners names what an institution turns out, in the texts of its suggestions: a
// university's programs (专业) and their graduates, a training institution's courses (课程)
// and their trainees. A training centre's suggestions read 相关专业 1 个（电信咨询方向·无线局域网
// 实训课程）年毕业生约 100 人: a course called a major, its trainees graduates.
type learners struct {
	zh, en          string // 毕业生, graduates
	progZH, unitZH  string // 专业, 个
	progEN, progsEN string // related program, related programs
	ofEN            string // program (No program covers …)
	// provinceEN is whom the province's share counts: graduates, and trainees too beside a
	// training institution's.
	provinceEN string
}

func learnersOf(in *institution) learners {
	if in.training {
		return learners{zh: "结业学员", en: "trainees", progZH: "课程", unitZH: "门",
			progEN: "related course", progsEN: "related courses", ofEN: "course", provinceEN: "graduates and trainees"}
	}
	return learners{zh: "毕业生", en: "graduates", progZH: "专业", unitZH: "个",
		progEN: "related program", progsEN: "related programs", ofEN: "program", provinceEN: "graduates"}
}
