package api_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// TestKeyConflictNamesTheFields: a PUT that gives a document the natural key another holds is
// 409 naming the fields of the key as the body has them and the holder by its name (a program
// edited to a major code its school has was refused naming field "body", with the store's
// "ins_…|050101|本科" and ids).
func TestKeyConflictNamesTheFields(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var uni struct {
		ID string `json:"id"`
	}
	e.send(t, http.MethodPost, "/api/v1/institutions", `{"name":"冲突测试大学","type":"university","level":"本科","city":"西安市"}`).want(t, http.StatusCreated).decode(t, &uni)
	var lit, hist struct {
		ID      string `json:"id"`
		Version int64  `json:"version"`
	}
	e.send(t, http.MethodPost, "/api/v1/programs", `{"name":"汉语言文学","major_code":"050101","degree":"本科","institution_id":"`+uni.ID+`"}`).want(t, http.StatusCreated).decode(t, &lit)
	e.send(t, http.MethodPost, "/api/v1/programs", `{"name":"历史学","major_code":"060101","degree":"本科","institution_id":"`+uni.ID+`"}`).want(t, http.StatusCreated).decode(t, &hist)

	put := `{"id":"` + hist.ID + `","version":` + strconv.FormatInt(hist.Version, 10) + `,"name":"历史学","major_code":"050101","degree":"本科","institution_id":"` + uni.ID + `"}`
	ce := e.send(t, http.MethodPut, "/api/v1/programs/"+hist.ID, put).wantError(t, http.StatusConflict, "conflict", "major_code")
	fields := map[string]bool{}
	for _, d := range ce.Error.Details {
		fields[d.Field] = true
	}
	if !fields["degree"] || fields["body"] {
		t.Errorf("the conflict names fields %v, want major_code and degree, not body", fields)
	}
	for _, want := range []string{"汉语言文学", "专业代码", "major code"} {
		if !strings.Contains(ce.Error.Message, want) {
			t.Errorf("the conflict says %q, want it to name %q", ce.Error.Message, want)
		}
	}
	for _, internal := range []string{uni.ID, lit.ID, "|050101|"} {
		if strings.Contains(ce.Error.Message, internal) {
			t.Errorf("the conflict says %q, with the internal %q", ce.Error.Message, internal)
		}
	}
}
