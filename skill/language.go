package skill

// LanguageLevel is the family and level of a language skill that has levels (level 0: the
// language itself, no level stated): 日语N1 is japanese 3, 英语四级 english 1.
type LanguageLevel struct {
	ID, Family string
	Level      int
}

// languageLevels lists them, highest level first within a family.
var languageLevels = []LanguageLevel{
	{"japanese_n1", "japanese", 3}, {"japanese_n2", "japanese", 2}, {"business_japanese", "japanese", 2},
	{"japanese_n3", "japanese", 1}, {"japanese", "japanese", 0},
	{"tem8", "english", 3}, {"cet6", "english", 2}, {"ielts", "english", 2}, {"toefl", "english", 2},
	{"business_english", "english", 2}, {"cet4", "english", 1}, {"english", "english", 0},
}

// LanguageLevels returns the language skills that have levels, highest level first within a
// family (the first of equal reach wins where that matters).
func LanguageLevels() []LanguageLevel { return languageLevels }

// LevelOf returns the family and level of language skill id, false for a skill without one.
func LevelOf(id string) (LanguageLevel, bool) {
	for _, l := range languageLevels {
		if l.ID == id {
			return l, true
		}
	}
	return LanguageLevel{}, false
}

// AtLeast returns the ids of the language skills that meet language skill id: itself and
// the same language at the same level or higher (日语N1 and 商务日语 for 日语N2; every level
// for a language named without one). A skill without levels meets only itself.
func AtLeast(id string) []string {
	l, ok := LevelOf(id)
	if !ok {
		return []string{id}
	}
	out := []string{id}
	for _, o := range languageLevels {
		if o.Family == l.Family && o.ID != id && o.Level >= l.Level {
			out = append(out, o.ID)
		}
	}
	return out
}
