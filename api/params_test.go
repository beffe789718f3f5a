package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestRefreshParamNamesTrue: refresh=true is taken (as wait_for), so the refusal of another
// value says so; it said "must be wait_for or false".
func TestRefreshParamNamesTrue(t *testing.T) {
	e := newEnv(t)
	ae := e.send(t, http.MethodPost, "/api/v1/enterprises?refresh=later", softstone).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "refresh")
	if !strings.Contains(ae.Error.Message, "true") {
		t.Errorf("the refusal of refresh=later does not say true is taken: %s", ae.Error.Message)
	}
	e.send(t, http.MethodPost, "/api/v1/enterprises?refresh=true", softstone).want(t, http.StatusCreated)
}
