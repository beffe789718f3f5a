package api_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestOpenAPIPartnershipStates: the document names every state of a partnership, withdrawn
// and ended too, where a client reads or filters one, and each step of the workflow; a client
// generated from it knew five states and no way to withdraw or end.
func TestOpenAPIPartnershipStates(t *testing.T) {
	doc := loadOpenAPI(t, newEnv(t))
	enum := func(vs []any) []string {
		out := make([]string, len(vs))
		for i, v := range vs {
			out[i] = fmt.Sprint(v)
		}
		return out
	}
	for _, name := range []string{"Partnership", "PartnershipEvent"} {
		s := doc.Components.Schemas[name]
		if s == nil || s.Value.Properties["status"] == nil {
			t.Fatalf("no schema %s with a status", name)
		}
		if got := enum(s.Value.Properties["status"].Value.Enum); !slices.Equal(got, xiaoqi.PartnershipStates) {
			t.Errorf("%s.status is one of %v, the server's states are %v", name, got, xiaoqi.PartnershipStates)
		}
	}
	list := doc.Paths.Find("/api/v1/partnerships").Get
	if p := list.Parameters.GetByInAndName("query", "status"); p == nil || !slices.Equal(enum(p.Schema.Value.Enum), xiaoqi.PartnershipStates) {
		t.Errorf("the status filter of GET /api/v1/partnerships does not list the states %v", xiaoqi.PartnershipStates)
	}
	for _, a := range []string{"accept", "decline", "activate", "withdraw", "end"} {
		item := doc.Paths.Find("/api/v1/partnerships/{id}/" + a)
		if item == nil || item.Post == nil {
			t.Errorf("POST /api/v1/partnerships/{id}/%s is not documented", a)
			continue
		}
		if item.Post.Responses.Status(409) == nil || item.Post.RequestBody == nil {
			t.Errorf("POST …/%s documents no body or no 409", a)
		}
	}
}
