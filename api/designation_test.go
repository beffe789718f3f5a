package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestStaffKeepDesignations: staff of a synthetic training base edit its record and its
// courses, but what an administrator records stays: they cleared the 示例 mark, claimed the
// MOE as its source, made it a 本科 university and gave it the provincial key-training
// standing, each stored as sent. Now each is 403 naming the field and nothing changes; a
// replacement that leaves those fields out keeps them; an administrator may change them.
func TestStaffKeepDesignations(t *testing.T) {
	e := newEnv(t)
	var base xiaoqi.Institution
	e.send(t, http.MethodPost, "/api/v1/institutions", `{"name":"标记测试实训基地（示例）","type":"training","city":"咸阳市","synthetic":true,"source":"synthetic","external_id":"s-1"}`).
		want(t, http.StatusCreated).decode(t, &base)
	var course xiaoqi.Program
	e.send(t, http.MethodPost, "/api/v1/programs", `{"name":"数据标注实训课程","degree":"培训","institution_id":"`+base.ID+`","synthetic":true,"graduates_per_year":80}`).
		want(t, http.StatusCreated).decode(t, &course)
	staff := e.as(e.newUser(t, "staff-marks", xiaoqi.RoleInstitution, base.ID))

	inst := `{"name":"标记测试实训基地（示例）","type":"training","city":"咸阳市","synthetic":true,"source":"synthetic","external_id":"s-1"`
	for _, c := range []struct{ field, body string }{
		{"source", strings.Replace(inst, `"source":"synthetic"`, `"source":"moe"`, 1)},
		{"type", strings.Replace(inst, `"type":"training"`, `"type":"university","level":"本科"`, 1)},
		{"key_training", inst + `,"key_training":true`},
		{"code", inst + `,"code":"4161010698"`},
	} {
		staff.send(t, http.MethodPut, "/api/v1/institutions/"+base.ID, c.body+`}`).wantError(t, http.StatusForbidden, "forbidden", c.field)
	}
	staff.send(t, http.MethodPut, "/api/v1/programs/"+course.ID, `{"name":"数据标注实训课程","degree":"培训","institution_id":"`+base.ID+`","synthetic":false,"source":"moe-catalog-2026","graduates_per_year":80}`).
		wantError(t, http.StatusForbidden, "forbidden", "source")

	var got xiaoqi.Institution
	e.get(t, "/api/v1/institutions/"+base.ID).want(t, http.StatusOK).decode(t, &got)
	if !got.Synthetic || got.Source != "synthetic" || got.Type != "training" || got.KeyTraining || got.Code != "" {
		t.Errorf("after the refused changes: %+v, want it as it was", got)
	}

	// A replacement that leaves them out keeps them; what staff may change changes.
	staff.send(t, http.MethodPut, "/api/v1/institutions/"+base.ID, `{"name":"标记测试实训基地（示例）","city":"咸阳市","description":"新简介"}`).want(t, http.StatusOK)
	staff.send(t, http.MethodPut, "/api/v1/programs/"+course.ID, `{"name":"数据标注实训课程","degree":"培训","institution_id":"`+base.ID+`","graduates_per_year":90}`).want(t, http.StatusOK)
	e.get(t, "/api/v1/institutions/"+base.ID).want(t, http.StatusOK).decode(t, &got)
	var gotCourse xiaoqi.Program
	e.get(t, "/api/v1/programs/"+course.ID).want(t, http.StatusOK).decode(t, &gotCourse)
	if !got.Synthetic || got.Source != "synthetic" || got.ExternalID != "s-1" || got.Type != "training" || got.Description != "新简介" {
		t.Errorf("the base replaced without its marks: %+v, want them kept and the new description", got)
	}
	if !gotCourse.Synthetic || gotCourse.GraduatesPerYear != 90 {
		t.Errorf("the course replaced without its mark: %+v, want synthetic and 90 trainees", gotCourse)
	}

	// An administrator records them.
	e.send(t, http.MethodPut, "/api/v1/institutions/"+base.ID, inst+`,"key_training":true}`).want(t, http.StatusOK)
	e.get(t, "/api/v1/institutions/"+base.ID).want(t, http.StatusOK).decode(t, &got)
	if !got.KeyTraining {
		t.Errorf("an administrator's designation: %+v, want key_training", got)
	}
}

// TestHRKeepDesignations: HR of a synthetic enterprise cannot make it a leading enterprise
// (which the policy factor scores) nor clear its 示例 mark, on it or on a job need.
func TestHRKeepDesignations(t *testing.T) {
	e := newEnv(t)
	var ent xiaoqi.Enterprise
	e.send(t, http.MethodPost, "/api/v1/enterprises", `{"name":"标记测试软件有限公司（示例）","city":"西安市","synthetic":true}`).want(t, http.StatusCreated).decode(t, &ent)
	var job xiaoqi.JobNeed
	e.send(t, http.MethodPost, "/api/v1/jobs", `{"title":"测试工程师","city":"西安市","enterprise_id":"`+ent.ID+`","synthetic":true}`).want(t, http.StatusCreated).decode(t, &job)
	hr := e.as(e.newUser(t, "hr-marks", xiaoqi.RoleEnterprise, ent.ID))
	hr.send(t, http.MethodPut, "/api/v1/enterprises/"+ent.ID, `{"name":"标记测试软件有限公司（示例）","city":"西安市","synthetic":true,"leading":true}`).
		wantError(t, http.StatusForbidden, "forbidden", "leading")
	hr.send(t, http.MethodPut, "/api/v1/enterprises/"+ent.ID, `{"name":"标记测试软件有限公司（示例）","city":"西安市","synthetic":false,"description":"简介"}`).want(t, http.StatusOK)
	hr.send(t, http.MethodPut, "/api/v1/jobs/"+job.ID, `{"title":"测试工程师","city":"西安市","enterprise_id":"`+ent.ID+`","synthetic":false,"headcount":2}`).want(t, http.StatusOK)
	var gotEnt xiaoqi.Enterprise
	e.get(t, "/api/v1/enterprises/"+ent.ID).want(t, http.StatusOK).decode(t, &gotEnt)
	var gotJob xiaoqi.JobNeed
	e.get(t, "/api/v1/jobs/"+job.ID).want(t, http.StatusOK).decode(t, &gotJob)
	if gotEnt.Leading || !gotEnt.Synthetic || gotEnt.Description != "简介" || !gotJob.Synthetic || gotJob.Headcount != 2 {
		t.Errorf("after HR's changes: %+v and %+v, want both still synthetic, not leading, with the new description and headcount", gotEnt, gotJob)
	}
}

// TestHRRenameVerifiedFirm: HR of a firm an administrator verified (by its credit code) renamed
// it 腾讯科技（西安）有限公司 and it stayed verified, shown so in search, and candidates who share
// their contact with verified firms shared it under that name. Now the name of a verified firm
// is 403 naming name, as the credit code is; HR may still edit the rest, and a replacement that
// leaves the name out keeps it. An unverified firm's HR may rename it (it is shown unverified),
// and an administrator may rename a verified one.
func TestHRRenameVerifiedFirm(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var ent xiaoqi.Enterprise
	e.send(t, http.MethodPost, "/api/v1/enterprises", `{"name":"核验测试软件有限公司","city":"西安市"}`).want(t, http.StatusCreated).decode(t, &ent)
	hr := e.as(e.newUser(t, "hr-verified-name", xiaoqi.RoleEnterprise, ent.ID))
	hr.send(t, http.MethodPut, "/api/v1/enterprises/"+ent.ID, `{"name":"核验测试信息技术有限公司","city":"西安市"}`).want(t, http.StatusOK)

	code := validCode("91610131MA6TNAME0")
	e.send(t, http.MethodPut, "/api/v1/enterprises/"+ent.ID, `{"name":"核验测试信息技术有限公司","city":"西安市","credit_code":"`+code+`"}`).want(t, http.StatusOK)
	hr.send(t, http.MethodPut, "/api/v1/enterprises/"+ent.ID, `{"name":"腾讯科技（西安）有限公司","city":"西安市","credit_code":"`+code+`"}`).
		wantError(t, http.StatusForbidden, "forbidden", "name")
	hr.send(t, http.MethodPut, "/api/v1/enterprises/"+ent.ID, `{"city":"西安市","credit_code":"`+code+`","description":"新简介"}`).want(t, http.StatusOK)
	var got struct {
		xiaoqi.Enterprise
		Verified bool `json:"verified"`
	}
	e.get(t, "/api/v1/enterprises/"+ent.ID).want(t, http.StatusOK).decode(t, &got)
	if got.Name != "核验测试信息技术有限公司" || !got.Verified || got.Description != "新简介" {
		t.Errorf("after HR's rename: %q verified=%v description %q, want the verified name kept and the new description", got.Name, got.Verified, got.Description)
	}

	e.send(t, http.MethodPut, "/api/v1/enterprises/"+ent.ID, `{"name":"核验测试科技有限公司","city":"西安市","credit_code":"`+code+`"}`).want(t, http.StatusOK)
	e.get(t, "/api/v1/enterprises/"+ent.ID).want(t, http.StatusOK).decode(t, &got)
	if got.Name != "核验测试科技有限公司" {
		t.Errorf("an administrator's rename: %q", got.Name)
	}
}
