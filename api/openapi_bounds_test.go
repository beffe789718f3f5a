package api_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/xiaoqi-dev/xiaoqi"
)

// boundProbe is one request of TestOpenAPIBoundsAsValidated: a body whose field holds a value
// just past one documented bound (refused, naming the field) or within it (accepted).
type boundProbe struct {
	field string // as the server names it: geo.lat, education[0].graduation_year, sectors[0]
	what  string
	value any
	past  bool
}

// boundTarget is a body schema, where to send it, and a body the server accepts.
type boundTarget struct {
	schema, path string
	base         map[string]any
	// refs are the values of fields that must name a stored document, by field.
	refs map[string]any
	// fresh, when set, makes each body new where the server takes a body once (a partnership
	// of one institution and one enterprise).
	fresh func(body map[string]any)
}

// TestOpenAPIBoundsAsValidated: the body schemas said nothing of what the server refuses
// (lengths, enums, ranges, list sizes, formats) but for JobNeed, so a client generated from
// the spec sent bodies the server refused. Every bound a body schema documents is tried
// against the server, from the schema, so that a bound added later is tried too: a value
// just past it is a 400 naming the field, a value within it (each value of an enum) is
// accepted. And every writable text field documents its length, as every one is bounded.
func TestOpenAPIBoundsAsValidated(t *testing.T) {
	e := newEnv(t)
	doc := loadOpenAPI(t, e)
	ent := e.create(t, "enterprises", `{"name":"西安软通动力信息技术有限公司","city":"西安市"}`).ID
	ins := e.create(t, "institutions", `{"name":"西安某大学","type":"university","city":"西安市"}`).ID
	var user struct{ ID string }
	e.send(t, http.MethodPost, "/api/v1/users", `{"username":"erp","role":"admin"}`).want(t, http.StatusCreated).decode(t, &user)
	schools := 0
	// Documents with a district are placed in 北京市, whose districts the lists do not hold, so
	// that a district of any length within the bound is taken: a Shaanxi city's must be its own.
	targets := []boundTarget{
		{"Enterprise", "/api/v1/enterprises", map[string]any{"name": "西安某软件有限公司", "city": "北京市"}, nil, nil},
		{"Institution", "/api/v1/institutions", map[string]any{"name": "西安某职业技能培训学校", "type": "training", "city": "北京市"}, nil, nil},
		{"Program", "/api/v1/programs", map[string]any{"institution_id": ins, "name": "软件工程", "degree": "本科"},
			map[string]any{"institution_id": ins}, nil},
		{"JobNeed", "/api/v1/jobs", map[string]any{"enterprise_name": "西安某软件有限公司", "title": "数据分析", "city": "北京市", "headcount": 1},
			map[string]any{"enterprise_id": ent}, nil},
		{"Policy", "/api/v1/policies", map[string]any{"number": 50, "heading": "测试条款", "text": "支持校企合作。"}, nil, nil},
		{"CandidateInput", "/api/v1/candidates", map[string]any{"name": "王小明", "city": "西安市"},
			map[string]any{"consent_enterprises[0]": ent, "education[0].institution_id": ins}, nil},
		{"PartnershipRequest", "/api/v1/partnerships", map[string]any{"enterprise_id": ent, "by": "enterprise"},
			map[string]any{"institution_id": ins, "enterprise_id": ent}, func(body map[string]any) {
				schools++
				body["institution_id"] = e.create(t, "institutions", `{"name":"合作院校`+strconv.Itoa(schools)+`","type":"training","city":"西安市"}`).ID
			}},
		{"KeyRequest", "/api/v1/users/" + user.ID + "/keys", map[string]any{}, nil, nil},
	}
	n := 0
	for _, tg := range targets {
		s := doc.Components.Schemas[tg.schema]
		if s == nil {
			t.Errorf("no schema %s", tg.schema)
			continue
		}
		for _, p := range boundProbes(t, tg, "", s.Value) {
			n++
			body := maps.Clone(tg.base)
			if tg.fresh != nil {
				tg.fresh(body)
			}
			setField(body, p.field, p.value)
			data, err := json.Marshal(body)
			if err != nil {
				t.Fatal(err)
			}
			r := e.send(t, http.MethodPost, tg.path, string(data))
			if !p.past {
				if r.Status != http.StatusCreated && r.Status != http.StatusOK {
					t.Errorf("%s %s (%s): %d, want it accepted: %.300s", tg.schema, p.field, p.what, r.Status, r.Body)
				}
				continue
			}
			var ae apiError
			if r.Status == http.StatusBadRequest {
				r.decode(t, &ae)
			}
			if !slices.ContainsFunc(ae.Error.Details, func(d xiaoqi.FieldError) bool { return d.Field == p.field }) {
				t.Errorf("%s %s (%s): %d, want 400 naming %s: %.300s", tg.schema, p.field, p.what, r.Status, p.field, r.Body)
			}
		}
	}
	if n < 150 {
		t.Errorf("only %d probes: are the bounds documented?", n)
	}

	// An enum lists every value the server takes, not only some: from the server's constants.
	var sectors []string
	for sec := range xiaoqi.SectorNames {
		sectors = append(sectors, string(sec))
	}
	var regions []string
	for _, r := range xiaoqi.Regions {
		regions = append(regions, string(r))
	}
	for _, c := range []struct {
		schema, field string
		want          []string
	}{
		{"Enterprise", "region", regions}, {"Institution", "region", regions}, {"JobNeed", "region", regions},
		{"Enterprise", "sectors", sectors}, {"JobNeed", "sector", sectors},
		{"Program", "degree", xiaoqi.Degrees[1:]}, {"CandidateInput", "degree", xiaoqi.Degrees[1:]},
		{"Institution", "type", []string{xiaoqi.InstitutionUniversity, xiaoqi.InstitutionTraining}},
		{"CandidateInput", "visibility", []string{xiaoqi.VisibilityPrivate, xiaoqi.VisibilityAnonymous, xiaoqi.VisibilityPublic}},
	} {
		p := doc.Components.Schemas[c.schema].Value.Properties[c.field].Value
		if p.Items != nil {
			p = p.Items.Value
		}
		var got []string
		for _, v := range p.Enum {
			got = append(got, fmt.Sprint(v))
		}
		if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(c.want))) {
			t.Errorf("%s %s enum %v, the server takes %v", c.schema, c.field, got, c.want)
		}
	}
}

// boundProbes returns the probes of the bounds s documents for the fields of an object
// under prefix, and fails for a writable text field whose length s does not bound.
func boundProbes(tb testing.TB, tg boundTarget, prefix string, s *openapi3.Schema) []boundProbe {
	tb.Helper()
	var out []boundProbe
	for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
		p := s.Properties[name].Value
		field := prefix + name
		switch {
		case p.ReadOnly || prefix == "" && slices.Contains([]string{"id", "version", "created_at", "updated_at"}, name):
			// Set by the server.
		case p.Type.Is("object"):
			base := p.Example
			if base == nil {
				tb.Errorf("%s %s: an object without an example to build on", tg.schema, field)
				continue
			}
			for _, q := range boundProbes(tb, tg, field+".", p) {
				obj := maps.Clone(base.(map[string]any))
				setField(obj, strings.TrimPrefix(q.field, field+"."), q.value)
				out = append(out, boundProbe{q.field, q.what, obj, q.past})
			}
		case p.Type.Is("array"):
			out = append(out, arrayProbes(tb, tg, field, p)...)
		default:
			out = append(out, valueProbes(tb, tg, field, p)...)
		}
	}
	return out
}

// arrayProbes are the probes of a list: one item more than maxItems, as many as it allows,
// and the bounds of its items.
func arrayProbes(tb testing.TB, tg boundTarget, field string, p *openapi3.Schema) []boundProbe {
	tb.Helper()
	item := p.Items.Value
	var one any
	switch {
	case tg.refs[field+"[0]"] != nil:
		one = tg.refs[field+"[0]"]
	case item.Example != nil:
		one = item.Example
	case len(item.Enum) > 0:
		one = item.Enum[0]
	case item.Type.Is("string"):
		one = "" // distinct words below
	default:
		tb.Errorf("%s %s: items without an example", tg.schema, field)
		return nil
	}
	if p.MaxItems == nil {
		tb.Errorf("%s %s: no maxItems, yet the server bounds every list", tg.schema, field)
		return nil
	}
	list := func(n int) []any {
		out := make([]any, n)
		for i := range out {
			out[i] = one
			if one == "" {
				out[i] = "词" + strconv.Itoa(i)
			}
		}
		return out
	}
	max := int(*p.MaxItems)
	out := []boundProbe{
		{field, fmt.Sprintf("%d items, maxItems %d", max+1, max), list(max + 1), true},
		{field, fmt.Sprintf("%d items", max), list(max), false},
	}
	var items []boundProbe
	if item.Type.Is("object") {
		items = boundProbes(tb, tg, field+"[0].", item)
		for i, q := range items {
			obj := maps.Clone(one.(map[string]any))
			setField(obj, strings.TrimPrefix(q.field, field+"[0]."), q.value)
			items[i].value = obj
		}
	} else {
		items = valueProbes(tb, tg, field+"[0]", item)
	}
	for _, q := range items {
		out = append(out, boundProbe{q.field, q.what, []any{q.value}, q.past})
	}
	return out
}

// valueProbes are the probes of one value: each value of its enum and one outside it; its
// length; its range; its format and pattern.
func valueProbes(tb testing.TB, tg boundTarget, field string, p *openapi3.Schema) []boundProbe {
	tb.Helper()
	var out []boundProbe
	within := tg.refs[field]
	if within == nil {
		within = p.Example
	}
	if len(p.Enum) > 0 {
		for _, v := range p.Enum {
			out = append(out, boundProbe{field, fmt.Sprintf("enum %v", v), v, false})
		}
		return append(out, boundProbe{field, "outside the enum", "不存在的值", true})
	}
	if p.Type.Is("string") {
		if p.MaxLength == nil && p.Format != "date-time" {
			tb.Errorf("%s %s: no maxLength, yet the server bounds every text", tg.schema, field)
		}
		if p.MaxLength != nil {
			max := int(*p.MaxLength)
			out = append(out, boundProbe{field, fmt.Sprintf("%d characters, maxLength %d", max+1, max), strings.Repeat("字", max+1), true})
			if within == nil && p.Pattern == "" && p.Format == "" {
				out = append(out, boundProbe{field, fmt.Sprintf("%d characters", max), strings.Repeat("字", max), false})
			}
		}
		if p.MinLength > 0 && within != nil {
			w := within.(string)
			out = append(out, boundProbe{field, fmt.Sprintf("minLength %d", p.MinLength), w[:p.MinLength-1], true})
		}
		if p.Pattern != "" {
			re := regexp.MustCompile(p.Pattern)
			for _, v := range []string{"<x>", "x", "0"} {
				if !re.MatchString(v) {
					out = append(out, boundProbe{field, "not matching " + p.Pattern, v, true})
					break
				}
			}
		}
		switch p.Format {
		case "date":
			out = append(out, boundProbe{field, "not a date", "2000-02-30", true})
			if within == nil {
				within = "2000-01-01"
			}
		case "email":
			out = append(out, boundProbe{field, "not an e-mail address", "王小明", true})
		}
		if (p.Pattern != "" || p.Format == "email") && within == nil {
			tb.Errorf("%s %s: a pattern or format without an example", tg.schema, field)
		}
	}
	if p.Type.Is("integer") || p.Type.Is("number") {
		step := 1.0
		if p.Type.Is("number") {
			step = 0.5
		}
		if p.Min != nil {
			out = append(out, boundProbe{field, fmt.Sprintf("minimum %v", *p.Min), *p.Min - step, true},
				boundProbe{field, fmt.Sprintf("= minimum %v", *p.Min), *p.Min, false})
		}
		if p.Max != nil {
			out = append(out, boundProbe{field, fmt.Sprintf("maximum %v", *p.Max), *p.Max + step, true},
				boundProbe{field, fmt.Sprintf("= maximum %v", *p.Max), *p.Max, false})
		}
	}
	if within != nil {
		out = append(out, boundProbe{field, fmt.Sprintf("within: %v", within), within, false})
	}
	return out
}

// setField sets the field of body that path begins with (geo of geo.lat, education of
// education[0].degree) to v, which the probe built whole.
func setField(body map[string]any, path string, v any) {
	name, _, _ := strings.Cut(path, ".")
	name, _, _ = strings.Cut(name, "[")
	body[name] = v
}
