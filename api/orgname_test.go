package api_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestEnterpriseNameAsRegistered: a firm POSTed again with a trailing space or half-width
// brackets in its name is the stored firm (200, the same id); each made a second firm (201).
// One stored before names were written so, under half-width brackets, is still found by the
// name as sent. A job title typed full width is the same posting as the half-width one.
func TestEnterpriseNameAsRegistered(t *testing.T) {
	e := newEnv(t)
	samsung := e.create(t, "enterprises", `{"name":"三星（中国）半导体有限公司","city":"西安市"}`)
	outsource := e.create(t, "enterprises", `{"name":"西安测试外包科技有限公司","city":"西安市"}`)
	for body, want := range map[string]string{
		`{"name":"三星(中国)半导体有限公司","city":"西安市"}`: samsung.ID,
		`{"name":" 三星(中国）半导体有限公司","city":"西安"}`: samsung.ID,
		`{"name":"西安测试外包科技有限公司 ","city":"西安市"}`: outsource.ID,
	} {
		var got xiaoqi.Enterprise
		e.send(t, http.MethodPost, "/api/v1/enterprises", body).want(t, http.StatusOK).decode(t, &got)
		if got.ID != want {
			t.Errorf("%s: id %s, want the stored firm %s", body, got.ID, want)
		}
	}
	var got xiaoqi.Enterprise
	e.get(t, "/api/v1/enterprises/"+samsung.ID).want(t, http.StatusOK).decode(t, &got)
	if got.Name != "三星（中国）半导体有限公司" {
		t.Errorf("the firm is named %q, want 三星（中国）半导体有限公司", got.Name)
	}
	// Stored as it was typed, before: found by that name.
	legacy := &xiaoqi.Enterprise{Name: "陕西旧数据(西安)科技有限公司", City: "西安市"}
	if _, err := e.Store.Upsert(context.Background(), []xiaoqi.Doc{legacy}); err != nil {
		t.Fatal(err)
	}
	e.send(t, http.MethodPost, "/api/v1/enterprises", `{"name":"陕西旧数据(西安)科技有限公司","city":"西安市"}`).want(t, http.StatusOK).decode(t, &got)
	if got.ID != legacy.ID {
		t.Errorf("a firm stored with half-width brackets: POST of its name made %s, want %s", got.ID, legacy.ID)
	}

	e.create(t, "jobs", `{"enterprise_id":"`+samsung.ID+`","title":"Java开发工程师","city":"西安市"}`)
	e.send(t, http.MethodPost, "/api/v1/jobs", `{"enterprise_id":"`+samsung.ID+`","title":"Ｊａｖａ开发工程师","city":"西安市"}`).
		wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "title")
}
