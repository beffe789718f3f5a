package xiaoqi_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
)

// A user acts for one document of its role's kind: the field is required, the other roles'
// fields are refused, and the document must exist.
func TestUserScope(t *testing.T) {
	field := func(err error) string {
		if d := xiaoqi.ErrorDetails(err); len(d) > 0 {
			return d[0].Field
		}
		return ""
	}
	u := xiaoqi.NewUser("hr", xiaoqi.RoleEnterprise, "ent_1")
	u.ID = "u_1"
	if u.EnterpriseID != "ent_1" || u.Validate() != nil {
		t.Fatalf("NewUser = %+v, Validate = %v", u, u.Validate())
	}
	for _, tc := range []struct {
		u     *xiaoqi.User
		field string
	}{
		{xiaoqi.NewUser("hr", xiaoqi.RoleEnterprise, ""), "enterprise_id"},
		{&xiaoqi.User{Username: "hr", Role: xiaoqi.RoleEnterprise, EnterpriseID: "ent_1", InstitutionID: "ins_1"}, "institution_id"},
		{xiaoqi.NewUser("hr", xiaoqi.RoleEnterprise, "ins_1"), "enterprise_id"},
		{xiaoqi.NewUser("root", xiaoqi.RoleAdmin, "ent_1"), ""}, // an administrator has no scope
		// Names no one can type, or that look like another's, were accepted.
		{xiaoqi.NewUser("bad\x01name", xiaoqi.RoleAdmin, ""), "username"},
		{xiaoqi.NewUser("admin\u200b", xiaoqi.RoleAdmin, ""), "username"},
		{xiaoqi.NewUser("nimda\u202e", xiaoqi.RoleAdmin, ""), "username"},
		{xiaoqi.NewUser("a\tb", xiaoqi.RoleAdmin, ""), "username"},
		{xiaoqi.NewUser("王 小明", xiaoqi.RoleAdmin, ""), ""},
	} {
		tc.u.ID = "u_1"
		err := tc.u.Validate()
		if tc.field == "" {
			if err != nil {
				t.Errorf("%+v: %v", tc.u, err)
			}
			continue
		}
		if xiaoqi.ErrorCode(err) != xiaoqi.EINVALID || field(err) != tc.field {
			t.Errorf("%+v: %v, want EINVALID naming %s", tc.u, err, tc.field)
		}
	}

	store, err := bolt.Open(filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	res, err := store.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Enterprise{Name: "甲", City: "西安市"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := xiaoqi.CheckScope(ctx, store, xiaoqi.NewUser("hr", xiaoqi.RoleEnterprise, res[0].ID)); err != nil {
		t.Errorf("scope of a stored enterprise: %v", err)
	}
	err = xiaoqi.CheckScope(ctx, store, xiaoqi.NewUser("hr", xiaoqi.RoleEnterprise, "ent_0000000000000000"))
	if xiaoqi.ErrorCode(err) != xiaoqi.EINVALID || field(err) != "enterprise_id" {
		t.Errorf("scope of a missing enterprise: %v, want EINVALID naming enterprise_id", err)
	}
}
