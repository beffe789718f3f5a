package xiaoqi

import (
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Bounds of what a document's text fields may hold. A document is what a search hit, a match
// card or an export shows; a title of 100,000 characters or 20,000 skills is a mistake or an
// attack, never a record, and would slow every search that finds it.
const (
	// MaxShortText bounds a name, a title, a city and every other field of one line.
	MaxShortText = 300
	// MaxLongText bounds a description, a summary, a policy item's text and a note.
	MaxLongText = 20000
	// MaxListItems bounds a list of words (skills, tags, languages …).
	MaxListItems = 200
	// MaxListRecords bounds a list of records (education, a partnership's history).
	MaxListRecords = 1000
)

// longTextFields are the JSON names of the fields that hold running text.
var longTextFields = map[string]bool{"description": true, "summary": true, "text": true, "text_en": true, "note": true}

// checkText checks every text field of doc (a pointer to a document struct), however deep:
// at most MaxShortText characters, or MaxLongText for running text; lists at most
// MaxListItems words or MaxListRecords records; no control characters other than tab and
// line breaks, which no form can type and which corrupt exports and terminals.
func checkText(v *validation, doc any) {
	checkValue(v, "", reflect.ValueOf(doc))
}

func checkValue(v *validation, field string, rv reflect.Value) {
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !rv.IsNil() {
			checkValue(v, field, rv.Elem())
		}
	case reflect.Struct:
		t := rv.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name := f.Name
			if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag == "-" {
				continue
			} else if tag != "" {
				name = tag
			}
			if f.Anonymous {
				checkValue(v, field, rv.Field(i))
				continue
			}
			if field != "" {
				name = field + "." + name
			}
			checkValue(v, name, rv.Field(i))
		}
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			return
		}
		words := rv.Type().Elem().Kind() == reflect.String
		if max := map[bool]int{true: MaxListItems, false: MaxListRecords}[words]; rv.Len() > max {
			v.add(field, "最多 %d 项，现有 %d 项", "holds too many items: at most %d, not %d", max, rv.Len())
			return
		}
		for i := range rv.Len() {
			checkValue(v, field+"["+strconv.Itoa(i)+"]", rv.Index(i))
		}
	case reflect.String:
		checkString(v, field, rv.String())
	}
}

// checkString checks one text field (see checkText).
func checkString(v *validation, field, s string) {
	max := MaxShortText
	if longTextFields[lastName(field)] {
		max = MaxLongText
	}
	if n := utf8.RuneCountInString(s); n > max {
		v.add(field, "过长：最多 %d 个字，现有 %d 个", "is too long: at most %d characters, not %d", max, n)
		return
	}
	for i, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
			v.add(field, "含有控制字符 %U（第 %d 字节）", "holds the control character %U (byte %d)", r, i)
			return
		}
	}
}

// lastName returns the last part of a field path: education[0].major → major.
func lastName(field string) string {
	if i := strings.LastIndexByte(field, '.'); i >= 0 {
		field = field[i+1:]
	}
	if i := strings.IndexByte(field, '['); i >= 0 {
		field = field[:i]
	}
	return field
}

// placeholderNames are what a name column holds when it names nobody: N/A, 暂无, 保密, a
// dash. Scraped job boards write them where a firm hid its name; an import made each one an
// enterprise called "N/A".
var placeholderNames = map[string]bool{"n/a": true, "na": true, "none": true, "null": true, "nil": true, "unknown": true,
	"-": true, "--": true, "—": true, "——": true, "/": true, "\\": true, "?": true, "？": true, "...": true, "…": true,
	"无": true, "暂无": true, "未知": true, "不详": true, "保密": true, "匿名": true, "空": true,
	"待定": true, "未填写": true, "未提供": true}

// checkName refuses a name that is a placeholder for none (placeholderNames).
func checkName(v *validation, field, name string) {
	if placeholderNames[strings.ToLower(strings.TrimSpace(name))] {
		v.add(field, "%q 不是企业名称（如 N/A、暂无、保密）：请写出企业名称，或不导入该行", "%q names no enterprise (such as N/A, 暂无, 保密): write the enterprise's name, or leave the row out", name)
	}
}
