package seed_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi/seed"
)

// TestMajorsEnglish checks data/majors_en.csv against the catalogue: an English name for
// every major of majors.csv, under the same Chinese name, and no code the catalogue lacks. A
// major without one showed in Chinese only on the English pages and was not found by its
// English name.
func TestMajorsEnglish(t *testing.T) {
	majors, err := seed.Majors()
	if err != nil {
		t.Fatal(err)
	}
	en, err := seed.MajorsEnglish()
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	names := map[string]string{}
	for _, m := range majors {
		known[m.Code] = true
		row, ok := en[m.Code]
		switch {
		case !ok:
			t.Errorf("majors_en.csv lacks %s %s", m.Code, m.Name)
		case row[0] != m.Name:
			t.Errorf("majors_en.csv names %s %q, majors.csv %q", m.Code, row[0], m.Name)
		case m.NameEN != row[1]:
			t.Errorf("Majors: %s NameEN = %q, want %q", m.Code, m.NameEN, row[1])
		}
		if other, dup := names[m.NameEN]; dup && m.NameEN != "" {
			t.Errorf("%s and %s are both %q in English", other, m.Code, m.NameEN)
		}
		names[m.NameEN] = m.Code
	}
	for code, row := range en {
		if !known[code] {
			t.Errorf("majors_en.csv names %s %s, which majors.csv lacks", code, row[0])
		}
	}
	for code, want := range map[string]string{"080902": "Software Engineering", "080901": "Computer Science and Technology",
		"101101K": "Nursing", "050207": "Japanese", "080910T": "Data Science and Big Data Technology"} {
		if got := en[code][1]; got != want {
			t.Errorf("%s in English = %q, want %q", code, got, want)
		}
	}
}
