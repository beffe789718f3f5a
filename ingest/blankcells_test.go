package ingest_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// TestBlankCellsKeepStored: an institution or enterprise list whose cells are blank updates
// what its other cells say and keeps what the store holds, as a job row keeps a posting's:
// 西北大学 lost its level 本科, its authority and its tags [211], a firm its website, size,
// description, district and coordinates.
func TestBlankCellsKeepStored(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	inst := ingest.Options{Type: xiaoqi.KindInstitution}
	mustImport(t, s, writeFile(t, "schools.csv", []byte(csvLines("学校名称,学校标识码,城市,区县,办学层次,主管部门,标签,简介,是否民办",
		"西北大学,4161010697,西安市,碑林区,本科,陕西省,211,综合性大学,否"))), inst)
	rep := mustImport(t, s, writeFile(t, "blank.csv", []byte(csvLines("学校名称,学校标识码,城市,区县,办学层次,主管部门,标签,简介,是否民办",
		"西北大学,4161010697,,,,,,,"))), inst)
	if rep.Invalid != 0 || rep.ProblemCount != 0 {
		t.Errorf("blank cells: %+v:%s", rep.Counts, problems(rep))
	}
	in := allDocs(t, s, xiaoqi.KindInstitution)[0].(*xiaoqi.Institution)
	if in.Level != "本科" || in.Authority != "陕西省" || !slices.Equal(in.Tags, []string{"211"}) || in.Description != "综合性大学" ||
		in.City != "西安市" || in.District != "碑林区" {
		t.Errorf("西北大学 after a list of blank cells: %+v, want its level, authority, tags, description and place kept", in)
	}
	// A cell that says something still changes it.
	mustImport(t, s, writeFile(t, "auth.csv", []byte(csvLines("学校名称,学校标识码,城市,主管部门,标签", "西北大学,4161010697,西安,教育部,"))), inst)
	if in := allDocs(t, s, xiaoqi.KindInstitution)[0].(*xiaoqi.Institution); in.Authority != "教育部" || !slices.Equal(in.Tags, []string{"211"}) {
		t.Errorf("authority %q, tags %q: want 教育部 and [211]", in.Authority, in.Tags)
	}

	ent := ingest.Options{Type: xiaoqi.KindEnterprise}
	mustImport(t, s, writeFile(t, "ents.csv", []byte(csvLines("企业名称,统一社会信用代码,城市,区县,行业,企业规模,企业简介,网址,纬度,经度",
		"陕西测验卯信息技术有限公司,91610131MA6TYYY01U,西安市,高新区,软件研发和测试,500-999人,对日软件外包,https://mao.example.cn,34.2,108.9"))), ent)
	rep = mustImport(t, s, writeFile(t, "ent_blank.csv", []byte(csvLines("企业名称,统一社会信用代码,城市,区县,行业,企业规模,企业简介,网址,纬度,经度",
		"陕西测验卯信息技术有限公司,91610131MA6TYYY01U,,,,,,,,"))), ent)
	if rep.Invalid != 0 || rep.ProblemCount != 0 {
		t.Errorf("blank cells: %+v:%s", rep.Counts, problems(rep))
	}
	e := allDocs(t, s, xiaoqi.KindEnterprise)[0].(*xiaoqi.Enterprise)
	if e.Website != "https://mao.example.cn" || e.Size != "500-999人" || e.Description != "对日软件外包" || e.City != "西安市" ||
		e.District != "高新区" || len(e.Sectors) != 1 || e.Geo == nil {
		t.Errorf("firm after a list of blank cells: %+v, want what was stored", e)
	}
}
