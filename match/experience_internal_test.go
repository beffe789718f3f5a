package match

import "testing"

func TestExperienceYears(t *testing.T) {
	for in, want := range map[string]int{"3-4年": 3, "5-7年": 5, "2年": 2, "1~3年": 1, "5年以上": 5, "10年以上经验": 10,
		"无需经验": 0, "在校生/应届生": 0, "经验不限": 0, "实习生": 0} {
		if got, ok := experienceYears(in); !ok || got != want {
			t.Errorf("experienceYears(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "丰富", "若干"} {
		if _, ok := experienceYears(in); ok {
			t.Errorf("experienceYears(%q): ok, want nothing told", in)
		}
	}
}
