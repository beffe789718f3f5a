package seed

import "github.com/xiaoqi-dev/xiaoqi"

// The fixed vocabulary of the synthetic generator. Skills come from the taxonomy; these are
// the words around them. Names are invented and every one of them is marked 示例 (sample) in
// the documents, so that no real company, school or person is impersonated.

// cityWeights gives the share of generated enterprises, jobs and candidates per city, roughly
// as the real 51job postings and the universities are spread (most in 西安).
var cityWeights = []struct {
	city   string
	weight int
}{
	{"西安市", 55}, {"铜川市", 2}, {"宝鸡市", 6}, {"咸阳市", 7}, {"渭南市", 4},
	{"汉中市", 5}, {"安康市", 3}, {"商洛市", 2}, {"延安市", 4}, {"榆林市", 6},
}

// namePrefixes and nameCores make the brand part of a synthetic name (20 × 15 = 300 combinations).
var (
	namePrefixes = []string{"秦创", "长安", "丝路", "汉江", "终南", "曲江", "渭水", "华岳", "大秦", "云岭",
		"雁塔", "沣河", "泾渭", "骊山", "太白", "秦巴", "塞上", "黄河", "延河", "金沙"}
	nameCores = []string{"云数", "智联", "启航", "博远", "恒信", "卓越", "锐思", "同创", "星图", "芯途",
		"睿达", "众合", "精诚", "天工", "信达"}
)

// sectorWords holds, per sector, the industry word of an enterprise name, typical job titles
// (real vocabulary: the taxonomy finds skills in them) and typical duties.
var sectorWords = map[xiaoqi.Sector]struct {
	industry string
	titles   []string
	duties   []string
}{
	xiaoqi.SectorSoftware: {"软件技术", []string{"Java开发工程师", "Python开发工程师", "C++软件工程师", "前端开发工程师", "软件测试工程师", "自动化测试工程师", "Android开发工程师", "iOS开发工程师", ".NET开发工程师", "测试开发工程师"},
		[]string{"参与软件系统的需求分析、设计、编码和单元测试", "按设计书完成功能模块的开发与联调", "编写测试用例并执行功能测试、回归测试", "修复缺陷并配合测试团队完成版本交付"}},
	xiaoqi.SectorITOps: {"信息运维服务", []string{"运维工程师", "Linux运维工程师", "IT技术支持工程师", "数据库管理员", "云平台运维工程师", "DevOps工程师", "网络工程师", "信息安全工程师"},
		[]string{"负责客户服务器、网络和数据库的日常运维与监控", "处理系统故障并编写故障报告", "维护持续集成与部署流水线", "按服务水平协议完成运维工单"}},
	xiaoqi.SectorInfoSystems: {"信息系统", []string{"SAP顾问", "ERP实施顾问", "需求分析师", "系统集成工程师", "数据分析师", "RPA开发工程师", "大数据开发工程师", "数据仓库工程师"},
		[]string{"调研客户业务流程并编写需求文档", "负责信息系统的实施、配置与上线支持", "完成数据迁移、报表开发与用户培训", "配合客户完成系统集成与验收"}},
	xiaoqi.SectorTelecom: {"通信技术咨询", []string{"无线网络优化工程师", "5G通信工程师", "核心网工程师", "光传输工程师", "电信业务咨询顾问", "通信协议开发工程师"},
		[]string{"负责移动网络的测试、分析与优化", "为运营商客户提供电信业务咨询与方案编写", "完成基站与传输设备的开通调测", "分析网络指标并提出优化建议"}},
	xiaoqi.SectorInternet: {"网络科技", []string{"产品经理", "新媒体运营", "电商运营专员", "UI设计师", "跨境电商运营", "用户运营专员", "SEO优化专员", "内容审核专员"},
		[]string{"负责平台的内容与用户运营", "策划线上活动并分析运营数据", "跟进产品需求与版本迭代", "维护海外社媒账号与店铺"}},
	xiaoqi.SectorMedical: {"医疗科技", []string{"临床数据管理员", "临床监查员", "医学编码专员", "医学翻译", "医院信息系统实施工程师", "药物警戒专员"},
		[]string{"负责临床试验数据的录入、核查与质疑管理", "完成医学文件的翻译与审校", "配合医院完成信息系统的实施与培训", "收集并评估不良事件报告"}},
	xiaoqi.SectorBiomedicine: {"生物医药研发", []string{"生物信息分析师", "细胞培养实验员", "新药研发助理", "HPLC分析员", "分子生物学实验员"},
		[]string{"按实验方案完成样品处理与检测", "整理实验数据并撰写实验报告", "维护实验仪器与试剂台账", "参与新药研发项目的外包研究"}},
	xiaoqi.SectorEnergy: {"能源科技", []string{"电力系统工程师", "光伏电站设计工程师", "储能系统工程师", "继电保护工程师", "能源管理工程师", "风电运维工程师"},
		[]string{"负责电站与配电系统的设计计算", "参与能源项目的技术方案与招投标文件编写", "完成设备调试与运行数据分析", "为客户提供能源管理咨询服务"}},
	xiaoqi.SectorEngineering: {"工程设计", []string{"机械设计工程师", "CAE仿真工程师", "结构设计工程师", "BIM工程师", "PCB设计工程师", "工业设计师", "FPGA工程师", "电气设计工程师"},
		[]string{"承接客户的产品与工程设计外包任务", "完成三维建模、工程图纸与仿真分析", "参与设计评审并编写技术文档", "配合客户完成样机试制与验证"}},
	xiaoqi.SectorFilmMedia: {"影视传媒", []string{"视频剪辑师", "影视后期制作", "影视特效师", "摄影摄像师", "直播运营", "编剧"},
		[]string{"负责影视项目的剪辑、调色与包装", "完成特效合成与后期制作", "参与拍摄策划与现场执行", "按客户需求交付宣传片与短视频"}},
	xiaoqi.SectorAnimation: {"动漫", []string{"三维动画师", "原画师", "游戏美术设计师", "角色绑定师", "动画制作师", "Unity开发工程师"},
		[]string{"承接动画与游戏美术外包项目的制作", "完成角色、场景的建模与贴图", "负责动画镜头的制作与修改", "配合导演完成分镜与动作设计"}},
	xiaoqi.SectorDigitalPublish: {"数字出版", []string{"数字出版编辑", "排版设计师", "电子书制作专员", "版权管理专员", "网络文学编辑", "数字化加工专员"},
		[]string{"负责图书与期刊的数字化加工和校对", "完成电子书的排版与格式转换", "管理作品版权与授权合同", "策划数字出版选题"}},
	xiaoqi.SectorLogistics: {"供应链管理", []string{"物流规划师", "仓储管理专员", "供应链管理专员", "国际货代专员", "报关员", "运输调度员"},
		[]string{"负责仓储作业与库存管理", "制定运输计划并调度车辆", "办理进出口报关与单证", "优化供应链流程并分析物流成本"}},
	xiaoqi.SectorFinance: {"金融服务外包", []string{"会计核算专员", "财务分析师", "风险控制专员", "理赔专员", "保险运营专员", "审计助理", "银行运营专员", "反洗钱专员"},
		[]string{"承接金融机构的后台运营与数据处理外包业务", "完成凭证审核、账务处理与报表编制", "负责保险理赔资料审核与录入", "执行风险排查与合规检查"}},
}

// Offshore markets of policy item (8), with the language a job for that market asks for.
var offshoreMarkets = []struct {
	market    string
	languages []string // taxonomy names (NameZH)
	skills    []string // extra outsourcing-practice skills, taxonomy names
}{
	{"日韩", []string{"日语N2", "日语N1", "日语N3", "商务日语", "韩语"}, []string{"对日外包", "桥梁SE", "设计书编写"}},
	{"欧美", []string{"英语六级", "商务英语", "英语四级", "德语"}, []string{"离岸交付", "敏捷开发"}},
	{"东南亚", []string{"东南亚语言", "英语四级", "英语六级"}, []string{"离岸交付", "跨境电商"}},
	{"一带一路", []string{"俄语", "中亚语言", "阿拉伯语", "英语四级"}, []string{"离岸交付", "国际贸易"}},
}

var (
	entTypes = []struct {
		name   string
		weight int
	}{{"民营", 60}, {"国企", 12}, {"外资（欧美）", 8}, {"外资（非欧美）", 8}, {"合资", 6}, {"上市公司", 6}}
	entSizes  = []string{"少于50人", "50-150人", "150-500人", "500-1000人", "1000-5000人", "5000-10000人"}
	trainKind = []string{"服务外包人才培训中心", "职业技能培训学校", "IT实训基地", "服务外包学院", "软件人才实训中心"}
	surnames  = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"}
	countries = []struct {
		name      string
		languages []string
	}{
		{"日本", []string{"日语N1", "日语N2"}}, {"韩国", []string{"韩语"}}, {"英国", []string{"雅思", "英语六级"}},
		{"美国", []string{"托福", "英语六级"}}, {"澳大利亚", []string{"雅思"}}, {"德国", []string{"德语"}},
		{"新加坡", []string{"英语六级"}}, {"马来西亚", []string{"东南亚语言", "英语六级"}}, {"俄罗斯", []string{"俄语"}},
	}
	experience = []string{"不限", "应届生", "1年", "1-3年", "2年", "3-4年", "3-5年", "5-7年"}
)
