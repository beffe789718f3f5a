package api_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/api"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// TestProgramDegreeFitsItsInstitution: staff add programs their institution can award. A
// training base's "本科 软件工程" and a 专科 college's 硕士 program were stored, and counted as
// graduates of that level in the rankings' degree factor; now each is 400 naming degree (in a
// batch docs[i].degree), and nothing is stored. What fits is still accepted.
func TestProgramDegreeFitsItsInstitution(t *testing.T) {
	e := newEnv(t)
	var base, college, uni struct {
		ID string `json:"id"`
	}
	e.send(t, http.MethodPost, "/api/v1/institutions", `{"name":"层次测试实训基地","type":"training","city":"咸阳市"}`).want(t, http.StatusCreated).decode(t, &base)
	e.send(t, http.MethodPost, "/api/v1/institutions", `{"name":"层次测试职业技术学院","type":"university","level":"专科","city":"铜川市"}`).want(t, http.StatusCreated).decode(t, &college)
	e.send(t, http.MethodPost, "/api/v1/institutions", `{"name":"层次测试大学","type":"university","level":"本科","city":"西安市"}`).want(t, http.StatusCreated).decode(t, &uni)
	staffBase := e.as(e.newUser(t, "staff-base", xiaoqi.RoleInstitution, base.ID))
	staffCollege := e.as(e.newUser(t, "staff-college", xiaoqi.RoleInstitution, college.ID))
	staffUni := e.as(e.newUser(t, "staff-uni", xiaoqi.RoleInstitution, uni.ID))

	for _, c := range []struct {
		who   *env
		inst  string
		body  string
		zh    string
		batch bool
	}{
		{staffBase, base.ID, `"name":"软件工程","major_code":"080902","degree":"本科"`, "须为 培训（培训机构开设的是培训课程）", false},
		{staffCollege, college.ID, `"name":"软件工程","degree":"硕士"`, "层次测试职业技术学院是专科（高职）院校", false},
		{staffUni, uni.ID, `"name":"计算机应用","degree":"高中"`, "层次测试大学是本科院校", false},
		{staffCollege, college.ID, `"name":"软件技术","degree":"本科"`, "是专科（高职）院校", true},
	} {
		body := `{` + c.body + `,"institution_id":"` + c.inst + `","graduates_per_year":100}`
		path, field := "/api/v1/programs", "degree"
		if c.batch {
			body, path, field = `[{"name":"大数据技术","degree":"大专","institution_id":"`+c.inst+`"},`+body+`]`, path+"/batch", "docs[1].degree"
		}
		er := c.who.send(t, http.MethodPost, path, body).wantError(t, http.StatusBadRequest, "invalid", field)
		if !strings.Contains(er.Error.Message, c.zh) || !strings.Contains(er.Error.Message, " / ") {
			t.Errorf("%s: message %q, want it to say %q, in Chinese and English", c.body, er.Error.Message, c.zh)
		}
	}
	for _, inst := range []string{base.ID, college.ID, uni.ID} {
		var list struct{ Data []xiaoqi.Program }
		e.get(t, "/api/v1/programs?institution_id="+inst).want(t, http.StatusOK).decode(t, &list)
		if len(list.Data) != 0 {
			t.Errorf("refused programs were stored: %+v", list.Data)
		}
	}

	staffBase.send(t, http.MethodPost, "/api/v1/programs", `{"name":"软件测试实训课程","degree":"培训","institution_id":"`+base.ID+`"}`).want(t, http.StatusCreated)
	staffCollege.send(t, http.MethodPost, "/api/v1/programs", `{"name":"大数据技术","major_code":"510205","degree":"大专","institution_id":"`+college.ID+`"}`).want(t, http.StatusCreated)
	staffUni.send(t, http.MethodPost, "/api/v1/programs", `{"name":"软件工程","major_code":"080902","degree":"本科","institution_id":"`+uni.ID+`"}`).want(t, http.StatusCreated)
}

// TestStaffProgramIsTheirs: a program staff post without institution_id is their
// institution's (it was 403 "may change only its own records", naming no field), placed and
// named as their institution.
func TestStaffProgramIsTheirs(t *testing.T) {
	e := newEnv(t)
	var uni struct {
		ID string `json:"id"`
	}
	e.send(t, http.MethodPost, "/api/v1/institutions", `{"name":"归属测试大学","type":"university","level":"本科","city":"宝鸡市"}`).want(t, http.StatusCreated).decode(t, &uni)
	staff := e.as(e.newUser(t, "staff-own", xiaoqi.RoleInstitution, uni.ID))
	var p xiaoqi.Program
	staff.send(t, http.MethodPost, "/api/v1/programs", `{"name":"软件工程","major_code":"080902","degree":"本科"}`).want(t, http.StatusCreated).decode(t, &p)
	if p.InstitutionID != uni.ID || p.InstitutionName != "归属测试大学" || p.City != "宝鸡市" {
		t.Errorf("staff's program without institution_id: %+v, want 归属测试大学's, in 宝鸡市", p)
	}
	// The public still names nothing it may write.
	e.as("").send(t, http.MethodPost, "/api/v1/programs", `{"name":"软件工程","degree":"本科"}`).want(t, http.StatusUnauthorized)
}

// TestProgramOfAMajor: a program written with its major code only gets the skills its major
// teaches (it had none: no skill filter found it and no match placed it); a code of the
// undergraduate catalogue's form that is not in it is refused naming major_code (999999 was
// stored); a name that is not its code's major's is written with a warning (云计算工程 under
// 080901, which the English page called Computer Science and Technology); a vocational code,
// outside the catalogue here, passes.
func TestProgramOfAMajor(t *testing.T) {
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := newEnvWith(t, options{config: func(c *api.Config) { c.Reference = testReference(); c.ImportSkills = ingest.TaxonomySkills(tax) }})
	var uni struct {
		ID string `json:"id"`
	}
	e.send(t, http.MethodPost, "/api/v1/institutions", `{"name":"专业测试大学","type":"university","level":"本科","city":"宝鸡市"}`).want(t, http.StatusCreated).decode(t, &uni)
	post := func(body string) response {
		return e.send(t, http.MethodPost, "/api/v1/programs", `{`+body+`,"institution_id":"`+uni.ID+`"}`)
	}
	var p xiaoqi.Program
	post(`"name":"软件工程","major_code":"080902","degree":"本科","graduates_per_year":200`).want(t, http.StatusCreated).decode(t, &p)
	if !slices.Contains(p.Skills, "软件测试") || !slices.Contains(p.Skills, "Java") {
		t.Errorf("软件工程 080902 written without skills has %v, want its major's (软件测试, Java …)", p.Skills)
	}
	post(`"name":"乱码专业","major_code":"999999","degree":"本科"`).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "major_code")
	r := post(`"name":"云计算工程","major_code":"080901","degree":"本科"`).want(t, http.StatusCreated)
	if w, _ := url.PathUnescape(r.Header.Get("X-Warning")); !strings.Contains(w, "080901") || !strings.Contains(w, "计算机科学与技术") {
		t.Errorf("云计算工程 under 080901: warning %q, want one naming the code's major", w)
	}
	post(`"name":"大数据技术","major_code":"510205","degree":"本科"`).want(t, http.StatusCreated)
}
