package storetest

import (
	"fmt"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Sample documents: each call returns a fresh, valid document without id or version. Times
// are whole seconds in UTC so that every store keeps them exactly.

var sampleTime = time.Date(2024, 3, 1, 9, 30, 0, 0, time.UTC)

// creditCode completes 17 characters of a 统一社会信用代码 with its check character.
func creditCode(first17 string) string {
	return first17 + string(xiaoqi.CreditCodeCheck(first17))
}

func sampleInstitution() *xiaoqi.Institution {
	return &xiaoqi.Institution{
		Name: "西安交通大学", Type: xiaoqi.InstitutionUniversity, Code: "4161010698", Authority: "教育部",
		Level: "本科", City: "西安市", District: "碑林区", Region: xiaoqi.RegionGuanzhong,
		Geo: &xiaoqi.GeoPoint{Lat: 34.2469, Lon: 108.9831}, Tags: []string{"985", "211"},
		Website: "https://www.xjtu.edu.cn", Description: "综合性研究型大学",
	}
}

func sampleTraining() *xiaoqi.Institution {
	return &xiaoqi.Institution{
		Meta: xiaoqi.Meta{Synthetic: true},
		Name: "西安软件外包培训中心", Type: xiaoqi.InstitutionTraining, City: "西安市",
		Region: xiaoqi.RegionGuanzhong, KeyTraining: true,
	}
}

func sampleProgram(institutionID string) *xiaoqi.Program {
	return &xiaoqi.Program{
		InstitutionID: institutionID, InstitutionName: "西安交通大学", Name: "软件工程",
		MajorCode: "080902", ClassName: "计算机类", Category: "工学", Degree: "本科", City: "西安市",
		Skills: []string{"Java", "软件测试", "Linux"}, GraduatesPerYear: 420, GraduatesEstimated: true,
	}
}

func sampleEnterprise() *xiaoqi.Enterprise {
	return &xiaoqi.Enterprise{
		Name: "陕西秦云软件服务有限公司", CreditCode: creditCode("91610131MA6U12345"), City: "西安市",
		District: "雁塔区", Region: xiaoqi.RegionGuanzhong, Geo: &xiaoqi.GeoPoint{Lat: 34.19, Lon: 108.88},
		Type: "民营", Size: "150-500人", Sectors: []xiaoqi.Sector{xiaoqi.SectorSoftware, xiaoqi.SectorITOps},
		Leading: true, OffshoreMarkets: []string{"日韩"}, Meta: xiaoqi.Meta{Synthetic: true},
	}
}

// sampleEnterpriseNoCode is identified by name and city only.
func sampleEnterpriseNoCode() *xiaoqi.Enterprise {
	return &xiaoqi.Enterprise{
		Name: "汉中数据标注工作室", City: "汉中市", Region: xiaoqi.RegionShaannan,
		Sectors: []xiaoqi.Sector{xiaoqi.SectorInfoSystems}, Meta: xiaoqi.Meta{Synthetic: true},
	}
}

func sampleJob(externalID string) *xiaoqi.JobNeed {
	return &xiaoqi.JobNeed{
		Meta:         xiaoqi.Meta{Source: "storetest", ExternalID: externalID, Synthetic: true},
		EnterpriseID: xiaoqi.NewID(xiaoqi.KindEnterprise, "uscc:x"), EnterpriseName: "陕西秦云软件服务有限公司",
		Name: "Java开发工程师（对日）", City: "西安市", District: "雁塔区", Region: xiaoqi.RegionGuanzhong,
		Sector: xiaoqi.SectorSoftware, Description: "负责对日软件外包项目开发，要求日语N2。",
		Skills: []string{"Java", "Spring", "日语"}, Languages: []string{"日语N2"}, Degree: "本科",
		Experience: "3-4年", Headcount: 5, SalaryMin: 8000, SalaryMax: 15000, SalaryMonths: 14,
		Status: xiaoqi.JobOpen, PostedAt: sampleTime,
	}
}

func sampleCandidate(externalID string) *xiaoqi.Candidate {
	return &xiaoqi.Candidate{
		Meta: xiaoqi.Meta{Source: "storetest", ExternalID: externalID, Synthetic: true},
		Name: "张三", Phone: "13800000000", Email: "zhangsan@example.com", BirthDate: "1998-05-01",
		City: "西安市", Degree: "硕士",
		Education: []xiaoqi.Education{{InstitutionID: xiaoqi.NewID(xiaoqi.KindInstitution, "code:4161010698"),
			InstitutionName: "西安交通大学", MajorCode: "080902", Major: "软件工程", Degree: "硕士", GraduationYear: 2023}},
		Skills: []string{"Go", "Kubernetes"}, Languages: []string{"英语CET-6"}, Returnee: true,
		StudyCountry: "日本", Visibility: xiaoqi.VisibilityAnonymous,
		OwnFields: []string{"phone", "summary"}, // kept with the document, as the candidate's own PUT set them
	}
}

func samplePolicy() *xiaoqi.Policy {
	return &xiaoqi.Policy{
		Number: 12, Section: "三、主要任务", Heading: "加强产学研合作",
		Text: "鼓励服务外包企业与高等院校、科研院所共建研发平台，建立双向合作机制。",
	}
}

func samplePartnership() *xiaoqi.Partnership {
	return &xiaoqi.Partnership{
		InstitutionID: xiaoqi.NewID(xiaoqi.KindInstitution, "code:4161010698"), InstitutionName: "西安交通大学",
		EnterpriseID: xiaoqi.NewID(xiaoqi.KindEnterprise, "uscc:x"), EnterpriseName: "陕西秦云软件服务有限公司",
		Status: xiaoqi.PartnershipProposed, ProposedBy: "enterprise",
		History: []xiaoqi.PartnershipEvent{{At: sampleTime, Status: xiaoqi.PartnershipProposed, By: "hr", Note: "共建实习基地"}},
	}
}

// samples returns one valid document of every kind, in the order of xiaoqi.Kinds.
func samples() []xiaoqi.Doc {
	return []xiaoqi.Doc{
		sampleInstitution(),
		sampleProgram(xiaoqi.NewID(xiaoqi.KindInstitution, "code:4161010698")),
		sampleEnterprise(),
		sampleJob("row-1"),
		sampleCandidate("cv-1"),
		samplePolicy(),
		samplePartnership(),
	}
}

// manyJobs returns n jobs with distinct natural keys, spread over three cities.
func manyJobs(n int) []xiaoqi.Doc {
	cities := []string{"西安市", "宝鸡市", "汉中市"}
	docs := make([]xiaoqi.Doc, n)
	for i := range docs {
		j := sampleJob(fmt.Sprintf("row-%04d", i))
		j.City = cities[i%len(cities)]
		j.Region = xiaoqi.RegionOf(j.City)
		j.Headcount = i + 1
		if i%5 == 0 {
			j.Status = xiaoqi.JobClosed
		}
		docs[i] = j
	}
	return docs
}
