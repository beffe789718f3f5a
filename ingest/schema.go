package ingest

import (
	"sort"

	"github.com/xiaoqi-dev/xiaoqi"
)

// field is one importable field of a document type.
type field struct {
	// name is the canonical name: the document's JSON field where there is one ("title").
	name string
	// label is the Chinese name used in messages.
	label   string
	aliases []string
	// multi lets several columns fill the field; their values are joined.
	multi bool
	// list is a field of several values ("Java、Spring"), which a JSON file may give as an
	// array of texts.
	list bool
}

// schema is what an import knows about one document type.
type schema struct {
	kind   xiaoqi.Kind
	fields []field
	// required lists groups of fields of which one must have a column (or a default).
	required [][]string
	// private names the columns an office keeps its own notes in (备注), which the import
	// leaves out of public text unless a mapping names their field, and the field they
	// would go to.
	private map[string]string
}

// notesColumns are the headers of an office's own notes.
var notesColumns = []string{"备注", "内部备注", "备注说明", "hr备注", "remark", "remarks", "note", "notes", "comment", "comments"}

func privateNotes(field string) map[string]string {
	m := map[string]string{}
	for _, h := range notesColumns {
		m[normHeader(h)] = field
	}
	return m
}

func (s *schema) field(name string) *field {
	for i := range s.fields {
		if s.fields[i].name == name {
			return &s.fields[i]
		}
	}
	return nil
}

// label returns a field's name for messages: "岗位名称 title".
func (s *schema) label(name string) string {
	if f := s.field(name); f != nil && f.label != "" {
		return f.label + " " + f.name
	}
	return name
}

func (s *schema) names() []string {
	out := make([]string, 0, len(s.fields))
	for _, f := range s.fields {
		out = append(out, f.name)
	}
	sort.Strings(out)
	return out
}

// common are the fields of every type: identity, provenance, and the columns that are known
// but not imported (a spreadsheet's row numbers, an export's versions and timestamps).
var common = []field{
	{name: "id", label: "xiaoqi 编号", aliases: []string{"_id", "xiaoqi_id"}},
	{name: "source", label: "来源", aliases: []string{"数据来源", "来源"}},
	{name: "synthetic", label: "合成数据", aliases: []string{"合成", "是否合成", "模拟数据"}},
	{name: Ignore, label: "序号", aliases: []string{"序号", "行号", "no", "sequence", "seq", "index", "version",
		"created_at", "updated_at", "版本", "创建时间", "region", "地区板块"}},
}

var (
	aliasCity     = []string{"所在城市", "城市", "所在地市", "地市", "市", "所在市", "city"}
	aliasDistrict = []string{"区县", "所在区县", "所属区县", "县区", "区", "district", "county"}
	aliasCredit   = []string{"统一社会信用代码", "社会信用代码", "信用代码", "uscc", "credit code"}
	aliasWebsite  = []string{"网址", "官网", "网站", "主页", "url", "homepage"}
	aliasLat      = []string{"纬度", "latitude"}
	aliasLon      = []string{"经度", "longitude", "lng"}
)

func schemaFor(k xiaoqi.Kind) *schema {
	var s *schema
	switch k {
	case xiaoqi.KindJob:
		s = &schema{kind: k, required: [][]string{{"title"}, {"enterprise_name", "enterprise_id", "enterprise_credit_code"}, {"city", "area"}}, fields: []field{
			{name: "external_id", label: "岗位编号", aliases: []string{"编号", "岗位编号", "职位编号", "需求编号", "职位id", "岗位id", "job id", "jobid", "外部编号"}},
			{name: "title", label: "岗位名称", aliases: []string{"职位名称", "岗位", "职位", "招聘岗位", "招聘职位", "岗位名", "职位名", "需求岗位", "需求职位", "岗位名称（职位）", "job title", "jobname", "position", "job"}},
			{name: "enterprise_name", label: "公司名称", aliases: []string{"企业名称", "单位名称", "公司", "企业", "招聘单位", "用人单位", "用工单位", "招聘企业", "企业全称", "公司全称", "单位全称", "company", "companyname", "enterprise", "employer"}},
			{name: "enterprise_id", label: "企业编号"},
			{name: "enterprise_credit_code", label: "统一社会信用代码", aliases: aliasCredit},
			{name: "enterprise_type", label: "公司性质", aliases: []string{"企业性质", "公司类型", "企业类型", "companytype", "company type"}},
			{name: "enterprise_size", label: "公司规模", aliases: []string{"企业规模", "人员规模", "companysize", "company size"}},
			{name: "city", label: "城市", aliases: append([]string{"工作城市"}, aliasCity...)},
			{name: "district", label: "区县", aliases: aliasDistrict},
			{name: "area", label: "工作地点", aliases: []string{"工作地区", "地区", "地点", "工作地址", "地址", "所在地", "工作区域", "所在地区", "区域", "area", "location", "address", "workplace", "work location"}},
			{name: "degree", label: "学历要求", aliases: []string{"学历", "最低学历", "学历层次", "文化程度", "学历条件", "education", "edu", "degree", "degree required", "required degree",
				"education required", "education level", "minimum education", "qualification"}},
			{name: "experience", label: "工作经验", aliases: []string{"经验要求", "经验", "工作年限", "workyear", "work year", "experience", "experience required",
				"required experience", "years of experience", "work experience"}},
			{name: "headcount", label: "招聘人数", aliases: []string{"人数", "需求人数", "招聘数量", "岗位数量", "名额", "拟招人数", "拟招聘人数", "计划招聘人数", "计划人数", "招聘名额", "openings", "vacancies", "headcount", "number of positions",
				"positions", "number of openings", "no of positions", "number of vacancies", "vacancy"}},
			{name: "salary", label: "薪资", aliases: []string{"薪资范围", "薪酬", "工资", "月薪", "薪资待遇", "待遇", "薪水", "年薪", "薪酬待遇", "工资待遇", "薪酬范围", "工资范围",
				"月薪范围", "薪资水平", "薪酬水平", "工资水平", "薪资标准", "薪酬标准", "工资标准", "月工资", "薪金", "税前月薪", "salary", "pay", "wage", "salary_text", "annual salary",
				"salary range", "pay range", "compensation"}},
			{name: "salary_min", label: "最低薪资", aliases: []string{"薪资下限", "月薪下限", "最低月薪", "最低工资", "薪资最低", "工资最低", "月薪最低", "薪资范围最低", "min salary", "minsalary"}},
			{name: "salary_max", label: "最高薪资", aliases: []string{"薪资上限", "月薪上限", "最高月薪", "最高工资", "薪资最高", "工资最高", "月薪最高", "薪资范围最高", "max salary", "maxsalary"}},
			{name: "salary_months", label: "年薪月数", aliases: []string{"薪数", "发薪月数", "几薪"}},
			{name: "description", label: "岗位描述", multi: true, aliases: []string{"职位描述", "岗位职责", "工作职责", "工作内容", "任职要求", "岗位要求", "职位要求", "任职资格", "描述", "说明", "岗位说明", "职位说明", "岗位简介", "职位简介", "description", "desc", "jd", "responsibilities", "requirements",
				"job description", "job responsibilities", "job requirements", "duties"}},
			{name: "tags", label: "技能标签", list: true, multi: true, aliases: []string{"技能", "技能要求", "标签", "关键词", "职位标签", "岗位标签", "专业技能", "tags", "skills", "skill", "keywords",
				"required skills", "skills required", "skill requirements", "key skills"}},
			{name: "languages", label: "外语要求", list: true, aliases: []string{"语言", "外语", "语言要求", "languages", "language"}},
			{name: "benefits", label: "福利待遇", list: true, multi: true, aliases: []string{"福利", "职位福利", "岗位福利", "公司福利", "福利标签", "职位诱惑", "welfare", "benefits", "perks"}},
			{name: "sector", label: "行业", aliases: []string{"所属行业", "领域", "行业领域", "服务外包领域", "sector", "industry"}},
			{name: "status", label: "状态", aliases: []string{"招聘状态", "status"}},
			{name: "posted_at", label: "发布日期", aliases: []string{"发布时间", "日期", "更新日期", "更新时间", "发布", "issuedate", "issue date", "publish date", "date",
				"date posted", "posted date", "posted", "posting date", "post date", "published", "published date"}},
		}}
	case xiaoqi.KindEnterprise:
		s = &schema{kind: k, required: [][]string{{"name"}, {"city", "area"}}, fields: []field{
			{name: "name", label: "企业名称", aliases: []string{"公司名称", "单位名称", "企业", "公司", "名称", "企业全称", "公司全称", "单位全称", "company", "companyname", "enterprise", "enterprise_name"}},
			{name: "credit_code", label: "统一社会信用代码", aliases: aliasCredit},
			{name: "city", label: "城市", aliases: aliasCity},
			{name: "district", label: "区县", aliases: aliasDistrict},
			{name: "area", label: "地址", aliases: []string{"地址", "注册地址", "办公地址", "所在地", "地区", "area", "address", "location"}},
			{name: "type", label: "企业性质", aliases: []string{"公司性质", "企业类型", "公司类型", "所有制", "类型", "companytype", "type"}},
			{name: "size", label: "企业规模", aliases: []string{"公司规模", "人员规模", "规模", "员工人数", "companysize", "size"}},
			{name: "sectors", label: "行业", list: true, multi: true, aliases: []string{"所属行业", "领域", "服务外包领域", "业务领域", "行业", "sector", "industry"}},
			{name: "leading", label: "领军企业", aliases: []string{"是否领军企业", "龙头企业", "leading"}},
			{name: "offshore_markets", label: "离岸市场", list: true, multi: true, aliases: []string{"目标市场", "海外市场", "markets"}},
			{name: "website", label: "网址", aliases: aliasWebsite},
			{name: "description", label: "企业简介", multi: true, aliases: []string{"公司简介", "简介", "描述", "介绍", "about"}},
			{name: "lat", label: "纬度", aliases: aliasLat},
			{name: "lon", label: "经度", aliases: aliasLon},
		}}
	case xiaoqi.KindInstitution:
		s = &schema{kind: k, required: [][]string{{"name"}, {"city", "area"}}, fields: []field{
			{name: "name", label: "学校名称", aliases: []string{"院校名称", "高校名称", "学校", "院校", "机构名称", "培训机构", "名称", "school", "school name", "institution", "institution name"}},
			{name: "code", label: "学校标识码", aliases: []string{"标识码", "学校识别码", "moe code"}},
			{name: "credit_code", label: "统一社会信用代码", aliases: aliasCredit},
			{name: "type", label: "机构类型", aliases: []string{"类型", "办学类型", "type"}},
			{name: "authority", label: "主管部门", aliases: []string{"主管单位", "authority"}},
			{name: "level", label: "办学层次", aliases: []string{"层次", "学历层次", "level"}},
			{name: "private", label: "民办", aliases: []string{"是否民办", "办学性质", "公办民办", "private"}},
			{name: "note", label: "备注", aliases: []string{"备注", "note", "notes", "remark"}},
			{name: "province", label: "省份", aliases: []string{"所在省份", "省", "省份", "province"}},
			{name: "city", label: "城市", aliases: aliasCity},
			{name: "district", label: "区县", aliases: aliasDistrict},
			{name: "area", label: "地址", aliases: []string{"地址", "校址", "所在地", "address", "location", "area"}},
			{name: "key_training", label: "重点培训机构", aliases: []string{"省级重点培训机构", "是否重点培训机构", "key training"}},
			{name: "tags", label: "标签", list: true, multi: true, aliases: []string{"特色", "标签", "school tags", "tags"}},
			{name: "website", label: "网址", aliases: aliasWebsite},
			{name: "description", label: "简介", multi: true, aliases: []string{"学校简介", "简介", "描述", "介绍"}},
			{name: "lat", label: "纬度", aliases: aliasLat},
			{name: "lon", label: "经度", aliases: aliasLon},
		}}
	case xiaoqi.KindProgram:
		s = &schema{kind: k, required: [][]string{{"institution_name", "institution_code", "institution_code5", "institution_id"}, {"name"}}, fields: []field{
			{name: "institution_id", label: "学校编号"},
			{name: "institution_code", label: "学校标识码", aliases: []string{"标识码"}},
			{name: "institution_code5", label: "院校代码", aliases: []string{"院校代码", "学校代码", "school code5", "school code"}},
			{name: "institution_name", label: "学校名称", aliases: []string{"院校名称", "学校", "院校", "高校", "机构名称", "培训机构", "school name", "school", "institution"}},
			{name: "name", label: "专业名称", aliases: []string{"专业", "课程名称", "课程", "项目名称", "培训项目", "major name", "major", "program", "course"}},
			{name: "major_code", label: "专业代码", aliases: []string{"major code"}},
			{name: "class_name", label: "专业类", aliases: []string{"专业大类", "class name"}},
			{name: "category", label: "学科门类", aliases: []string{"门类", "category name"}},
			{name: "degree", label: "培养层次", aliases: []string{"学历层次", "层次", "学位", "学历", "培训层次", "level", "degree"}},
			{name: "city", label: "城市", aliases: aliasCity},
			{name: "district", label: "区县", aliases: aliasDistrict},
			{name: "skills", label: "技能", list: true, multi: true, aliases: []string{"课程技能", "核心技能", "主干课程", "核心课程", "主要课程", "课程内容", "培训内容", "教学内容",
				"标签", "tags", "courses"}},
			{name: "graduates_per_year", label: "年毕业生", aliases: []string{"年毕业人数", "毕业生人数", "毕业人数", "年结业人数", "结业人数", "graduates"}},
			{name: "graduates_estimated", label: "毕业生数为估算", aliases: []string{"估算"}},
			{name: "description", label: "简介", multi: true, aliases: []string{"介绍", "简介", "描述", "就业方向", "培养目标", "课程简介", "课程介绍", "项目简介"}},
		}}
	case xiaoqi.KindCandidate:
		s = &schema{kind: k, required: [][]string{{"name"}}, fields: []field{
			{name: "external_id", label: "编号", aliases: []string{"编号", "学号", "候选人编号", "简历编号", "candidate id"}},
			{name: "name", label: "姓名", aliases: []string{"名字", "full name", "candidate"}},
			{name: "phone", label: "手机", aliases: []string{"手机号", "手机号码", "电话", "联系电话", "联系方式", "mobile", "tel"}},
			{name: "email", label: "邮箱", aliases: []string{"电子邮箱", "电子邮件", "e-mail", "mail"}},
			{name: "birth_date", label: "出生日期", aliases: []string{"生日", "出生年月", "birthday", "dob"}},
			{name: "city", label: "所在城市", aliases: append([]string{"现居城市", "现居地", "居住城市", "location"}, aliasCity...)},
			{name: "degree", label: "最高学历", aliases: []string{"学历", "education", "degree"}},
			{name: "institution_name", label: "毕业院校", aliases: []string{"毕业学校", "学校", "院校", "school", "university", "institution"}},
			{name: "major", label: "专业", aliases: []string{"所学专业"}},
			{name: "major_code", label: "专业代码"},
			{name: "graduation_year", label: "毕业年份", aliases: []string{"毕业时间", "毕业年", "graduation"}},
			{name: "skills", label: "技能", list: true, multi: true, aliases: []string{"专业技能", "技能特长", "特长", "标签", "tags"}},
			{name: "languages", label: "外语", list: true, aliases: []string{"外语水平", "语言", "语言能力", "language"}},
			{name: "returnee", label: "海归", aliases: []string{"是否海归", "留学归国", "留学经历"}},
			{name: "study_country", label: "留学国家", aliases: []string{"留学国家/地区", "留学地", "country"}},
			{name: "wants_to_found", label: "创业意向", aliases: []string{"有创业意向", "是否创业"}},
			{name: "summary", label: "自我评价", multi: true, aliases: []string{"个人简介", "简介", "个人总结", "about"}},
			{name: "visibility", label: "可见性", aliases: []string{"公开", "是否公开"}},
			// What a résumé list also has: the summary keeps it, labelled, where search finds it
			// (and skills are read from it); the city comes from 意向城市, else from the
			// address, when no 所在城市 is given. The address itself is not stored.
			{name: "preferred_city", label: "意向城市", aliases: []string{"期望城市", "期望工作城市", "意向工作城市", "期望工作地点", "意向工作地点", "期望地点", "工作意向地", "preferred city", "desired city"}},
			{name: "area", label: "现居住地址", aliases: []string{"现居住地", "居住地址", "现住址", "住址", "家庭住址", "家庭地址", "联系地址", "通讯地址", "地址", "address"}},
			{name: "objective", label: "求职意向", multi: true, aliases: []string{"意向岗位", "期望职位", "期望岗位", "求职岗位", "应聘岗位", "应聘职位", "目标岗位", "job objective", "objective"}},
			{name: "expected_salary", label: "期望薪资", aliases: []string{"期望月薪", "期望薪酬", "期望工资", "薪资要求", "薪资期望", "expected salary"}},
			{name: "work_years", label: "工作年限", aliases: []string{"工作年数", "工龄", "从业年限", "工作经验年限", "years of experience"}},
			{name: "work_history", label: "工作经历", multi: true, aliases: []string{"工作经验", "实习经历", "项目经历", "项目经验", "工作履历", "work experience", "experience"}},
		}}
	default:
		return nil
	}
	switch k {
	case xiaoqi.KindJob:
		s.private = privateNotes("description")
	case xiaoqi.KindCandidate:
		s.private = privateNotes("summary")
	case xiaoqi.KindEnterprise, xiaoqi.KindProgram, xiaoqi.KindInstitution:
		// A firm's 备注 was its public description ("内部：重点跟踪对象，联系人王经理…"). An
		// institution's 备注 (the MOE list's, which says 民办) is still read for 民办, but its
		// other text goes into the description only when a mapping names the column
		// (buildInstitution).
		s.private = privateNotes("description")
	}
	s.fields = append(s.fields, common...)
	return s
}
