package ingest_test

import (
	"context"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// TestImportedSchoolTakesItsProgramsAlong: an office's list that gives its schools their
// districts left the programs stored before at none, so a district filter found the school
// and none of its programs; a school renamed by its code kept its programs (and partnerships)
// under the old name. Both follow the school, as through the API's PUT; a program of another
// campus stays where it is.
func TestImportedSchoolTakesItsProgramsAlong(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	ctx := context.Background()
	mustImport(t, s, writeFile(t, "schools.csv", []byte(csvLines(
		"学校名称,学校标识码,城市",
		"西安邮电大学,4161011664,西安市"))), ingest.Options{Type: xiaoqi.KindInstitution})
	mustImport(t, s, writeFile(t, "programs.csv", []byte(csvLines(
		"学校名称,专业代码,专业名称,城市,区县",
		"西安邮电大学,080902,软件工程,,",
		"西安邮电大学,080901,计算机科学与技术,宝鸡市,渭滨区"))), ingest.Options{Type: xiaoqi.KindProgram})
	in := allDocs(t, s, xiaoqi.KindInstitution)[0].(*xiaoqi.Institution)
	ent := &xiaoqi.Enterprise{Name: "邮电伙伴科技有限公司", City: "西安市"}
	res, err := s.Upsert(ctx, []xiaoqi.Doc{ent})
	if err != nil {
		t.Fatal(err)
	}
	p := &xiaoqi.Partnership{InstitutionID: in.ID, InstitutionName: in.Name, EnterpriseID: res[0].ID, EnterpriseName: ent.Name, Status: xiaoqi.PartnershipProposed}
	if _, err := s.Upsert(ctx, []xiaoqi.Doc{p}); err != nil {
		t.Fatal(err)
	}

	rep := mustImport(t, s, writeFile(t, "districts.csv", []byte(csvLines(
		"学校名称,学校标识码,城市,区县",
		"西安邮电大学（新名）,4161011664,西安市,长安区"))), ingest.Options{Type: xiaoqi.KindInstitution})
	wantCounts(t, rep, ingest.Counts{Read: 1, Written: 1, Updated: 1})
	want := map[string][3]string{
		"软件工程":     {"西安邮电大学（新名）", "西安市", "长安区"},
		"计算机科学与技术": {"西安邮电大学（新名）", "宝鸡市", "渭滨区"}, // another campus
	}
	for _, d := range allDocs(t, s, xiaoqi.KindProgram) {
		p := d.(*xiaoqi.Program)
		if got := [3]string{p.InstitutionName, p.City, p.District}; got != want[p.Name] {
			t.Errorf("%s: school, city, district = %q, want %q", p.Name, got, want[p.Name])
		}
	}
	if got := allDocs(t, s, xiaoqi.KindPartnership)[0].(*xiaoqi.Partnership).InstitutionName; got != "西安邮电大学（新名）" {
		t.Errorf("the partnership names the school %q", got)
	}
}
