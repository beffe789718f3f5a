package api

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"
)

// duplicateKey returns the path of the first key given twice in one object of the JSON in data
// (docs[2].title), as the second one is written, and the path of the first one; keys are the
// same when encoding/json takes them for one field, which it matches without regard to case
// ("title" and "TITLE", or "K" and the Kelvin sign): it keeps the last without a word. Malformed
// JSON reports none: decoding says what is wrong with it.
func duplicateKey(data []byte) (path, first string, ok bool) {
	seen := map[string]string{}
	for _, s := range jsonSpots(data) {
		if !s.key {
			continue
		}
		folded := foldKey(s.path)
		if first, ok := seen[folded]; ok {
			if strings.HasPrefix(s.path, "[") {
				return "docs" + s.path, "docs" + first, true
			}
			return s.path, first, true
		}
		seen[folded] = s.path
	}
	return "", "", false
}

// foldKey folds a key as encoding/json does to match a field (its foldName): ASCII letters
// in upper case, any other letter as the smallest of those of its case-folding set.
func foldKey(key string) string {
	var b strings.Builder
	for _, r := range key {
		if r < utf8.RuneSelf {
			b.WriteRune(unicode.ToUpper(r))
			continue
		}
		for {
			f := unicode.SimpleFold(r)
			if f <= r {
				r = f
				break
			}
			r = f
		}
		b.WriteRune(r)
	}
	return b.String()
}

// jsonSpot is a key or a value of a JSON text, at its path as a client names it
// (education[1].major), with the offsets before and just after it.
type jsonSpot struct {
	path       string
	key        bool
	start, end int64
}

// jsonSpots lists the keys and values of the first JSON value of data in the order they end
// (nil when it is no valid JSON): where encoding/json's errors, which say
// education.graduation_year or only the name of an unknown field, happened in the text.
func jsonSpots(data []byte) []jsonSpot {
	type frame struct {
		array   bool
		index   int
		key     string
		wantKey bool // the object's next string is a key (which may be "")
		start   int64
	}
	var (
		stack []frame
		out   []jsonSpot
	)
	path := func() string {
		var b strings.Builder
		for _, f := range stack {
			if f.array {
				fmt.Fprintf(&b, "[%d]", f.index)
			} else {
				if b.Len() > 0 {
					b.WriteByte('.')
				}
				b.WriteString(f.key)
			}
		}
		return b.String()
	}
	next := func() { // the value of the top frame ended
		if n := len(stack); n > 0 {
			if stack[n-1].array {
				stack[n-1].index++
			} else {
				stack[n-1].wantKey = true
			}
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		n := len(stack)
		switch tok {
		case json.Delim('{'), json.Delim('['):
			stack = append(stack, frame{array: tok == json.Delim('['), wantKey: tok == json.Delim('{'), start: start})
			continue
		case json.Delim('}'), json.Delim(']'):
			start = stack[n-1].start
			stack = stack[:n-1]
			out = append(out, jsonSpot{path: path(), start: start, end: dec.InputOffset()})
			next()
		default:
			if n > 0 && stack[n-1].wantKey {
				stack[n-1].key, stack[n-1].wantKey = tok.(string), false
				out = append(out, jsonSpot{path: path(), key: true, start: start, end: dec.InputOffset()})
				continue
			}
			out = append(out, jsonSpot{path: path(), start: start, end: dec.InputOffset()})
			next()
		}
		if len(stack) == 0 {
			return out // the first value; what follows it is trailing data
		}
	}
}

// indexless is a path without its array indexes: education.major for education[1].major.
func indexless(path string) string {
	var b strings.Builder
	skip := false
	for _, r := range path {
		switch {
		case r == '[':
			skip = true
		case r == ']':
			skip = false
		case !skip:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// typePath is the path, indexes included, of the value of a type error that encoding/json
// names education.graduation_year and found at offset (just after the value, or just inside
// it when it is an object or an array): education[1].graduation_year; skills[0] for an object
// among the skills, name for a list given as the name.
func typePath(data []byte, field string, offset int64) string {
	best := ""
	for _, s := range jsonSpots(data) {
		if !s.key && s.start < offset && offset <= s.end && indexless(s.path) == field && len(s.path) > len(best) {
			best = s.path
		}
	}
	return cmp.Or(best, field)
}

// unknownPath is the path, indexes included, of the key name that v's type has no field of:
// encoding/json says only the name (foo for education[1].foo).
func unknownPath(data []byte, name string, v any) string {
	for _, s := range jsonSpots(data) {
		parent, last := "", s.path
		if i := strings.LastIndexByte(s.path, '.'); i >= 0 {
			parent, last = s.path[:i], s.path[i+1:]
		}
		if s.key && last == name && !jsonField(reflect.TypeOf(v), indexless(parent), name) {
			return s.path
		}
	}
	return name
}

// jsonField reports whether the struct at path (education) under t has a JSON field name; true
// where the path leads to no struct, as nothing is known there.
func jsonField(t reflect.Type, path, name string) bool {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return true
	}
	head, rest, deeper := strings.Cut(path, ".")
	if path == "" {
		head = name
	}
	f, ok := structField(t, head)
	switch {
	case !ok:
		return false
	case path == "":
		return true
	case !deeper:
		return jsonField(f.Type, "", name)
	}
	return jsonField(f.Type, rest, name)
}

// structField finds the field of struct type t that JSON names name, in embedded structs too.
func structField(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if tag == "-" {
			continue
		}
		if f.Anonymous && tag == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				if g, ok := structField(ft, name); ok {
					return g, true
				}
			}
			continue
		}
		if tag == name || tag == "" && strings.EqualFold(f.Name, name) {
			return f, true
		}
	}
	return reflect.StructField{}, false
}
