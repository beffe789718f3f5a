package main_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
)

// matchCmd runs `xiaoqi match` in this process.
func matchCmd(tb testing.TB, args ...string) (stdout, stderr string, err error) {
	tb.Helper()
	var out, errb bytes.Buffer
	env := func(string) string { return "" }
	err = main.RunMatch(context.Background(), append([]string{"--log-level", "error"}, args...), env, &out, &errb)
	return out.String(), errb.String(), err
}

// TestMatchAllocate allocates over the default data set and prints the greedy ranking beside.
func TestMatchAllocate(t *testing.T) {
	dir := t.TempDir()
	if _, errOut, err := seedCmd(t, "--data-dir", dir); err != nil {
		t.Fatalf("seed: %v\n%s", err, errOut)
	}
	out, errOut, err := matchCmd(t, "--data-dir", dir, "--allocate", "--region", "关中")
	if err != nil {
		t.Fatalf("match --allocate: %v\n%s", err, errOut)
	}
	for _, want := range []string{"统筹分配", "Allocation across the scope", "各企业只找自己排名第一的院校", "Every enterprise going to its own first choice", "合成数据 includes synthetic data"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	out, _, err = matchCmd(t, "--data-dir", dir, "--allocate", "--region", "关中", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var a xiaoqi.Allocation
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("--json: %v\n%s", err, out)
	}
	units := 0
	for _, as := range a.Assignments {
		units += as.Units
	}
	if a.Allocation.Openings == 0 || a.Allocation.Filled < a.Greedy.Filled || units != a.Allocation.Filled || a.Scope.Region != xiaoqi.RegionGuanzhong {
		t.Errorf("allocation %+v, greedy %+v, %d units in %d assignments", a.Allocation, a.Greedy, units, len(a.Assignments))
	}

	if _, errOut, err := matchCmd(t, "--data-dir", dir); err == nil || !strings.Contains(errOut, "--allocate is required") {
		t.Errorf("without --allocate: err %v, stderr %s", err, errOut)
	}
	if _, _, err := matchCmd(t, "--data-dir", dir, "--allocate", "--sector", "mining"); xiaoqi.ErrorCode(err) != xiaoqi.EINVALID || !strings.Contains(err.Error(), "--sector") {
		t.Errorf("unknown sector: %v", err)
	}
	if _, _, err := matchCmd(t, "--data-dir", dir, "--allocate", "--region", "华北"); xiaoqi.ErrorCode(err) != xiaoqi.EINVALID || !strings.Contains(err.Error(), "--region") {
		t.Errorf("unknown region: %v", err)
	}
	// The region and the sector by their English names.
	out, _, err = matchCmd(t, "--data-dir", dir, "--allocate", "--region", "Guanzhong", "--sector", "Software development and testing", "--json")
	var named xiaoqi.Allocation
	if err != nil || json.Unmarshal([]byte(out), &named) != nil || named.Scope.Region != xiaoqi.RegionGuanzhong || named.Scope.Sector != xiaoqi.SectorSoftware {
		t.Errorf("--region Guanzhong --sector 'Software development and testing': %v, scope %+v", err, named.Scope)
	}
}
