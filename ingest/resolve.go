package ingest

import (
	"context"
	"fmt"

	"github.com/xiaoqi-dev/xiaoqi"
)

// stored returns the stored document of kind k with id id, else with natural key nk, or nil.
func stored(ctx context.Context, store xiaoqi.Store, k xiaoqi.Kind, id, nk string) (xiaoqi.Doc, error) {
	var d xiaoqi.Doc
	var err error
	switch {
	case id != "":
		d, err = store.Get(ctx, k, id)
	case nk != "":
		d, err = xiaoqi.GetStored(ctx, store, k, nk)
		id = "by key" // not the key: a candidate's holds personal data
	default:
		return nil, nil
	}
	if xiaoqi.ErrorCode(err) == xiaoqi.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("ingest: look up %s %s: %w", k, id, err)
	}
	return d, nil
}

// namedOnly returns the stored enterprise of name in city that a row giving its credit code
// code means, though its key is not the code's: one stored by its name only (created for the
// job needs of a list without codes), or adopted so before; nil when there is none, or when
// the one stored has another code, another firm. A list of firms with their codes, imported
// after the job needs that created them, made a second firm of each name, verified and
// without job needs, beside the unverified one that had them all.
func namedOnly(ctx context.Context, store xiaoqi.Store, name, city, code string) (xiaoqi.Doc, error) {
	if name == "" {
		return nil, nil
	}
	d, err := stored(ctx, store, xiaoqi.KindEnterprise, "", (&xiaoqi.Enterprise{Name: name, City: city}).NaturalKey())
	if err != nil || d == nil {
		return nil, err
	}
	if ent, ok := d.(*xiaoqi.Enterprise); !ok || ent.CreditCode != "" && ent.CreditCode != code {
		return nil, nil
	}
	return d, nil
}

// maxCached bounds the enterprises and institutions an import remembers; beyond it the
// caches start again, so that memory stays bounded on files with millions of rows.
const maxCached = 100000

// enterprises finds the enterprise of each job row, creating it once when it is not stored.
type enterprises struct {
	store  xiaoqi.Store
	source string
	geo    func(string) *xiaoqi.GeoPoint
	ids    map[string]string // natural key → id, of enterprises found or created
	// names holds the stored name of an enterprise found by a key whose name is not it (a
	// row's credit code, beside the short name the row writes: 测验卯信息), by natural key.
	names map[string]string
	// created are the enterprises this import creates (or, in a dry run, would create).
	created map[string]bool
	// verified lists the enterprises with a credit code of each name, stored or created by
	// this import, read from the store on first use.
	verified map[string][]placed
	loaded   bool
	// synthetic holds the stored enterprises found that are synthetic: a job need of a
	// fictitious enterprise is as fictitious, as the API has it.
	synthetic map[string]bool
}

// placed is an enterprise and its city.
type placed struct {
	id, city  string
	synthetic bool
}

// found remembers the stored enterprise d (its id, name and whether it is synthetic) under
// the key of ref.
func (e *enterprises) found(key string, ref enterpriseRef, d xiaoqi.Doc) (string, string) {
	id := d.Base().ID
	e.ids[key] = id
	e.mark(id, d.Base().Synthetic)
	name := ref.name
	if ent, ok := d.(*xiaoqi.Enterprise); ok && ent.Name != "" && ent.Name != ref.name {
		if e.names == nil {
			e.names = map[string]string{}
		}
		e.names[key], name = ent.Name, ent.Name
	}
	return id, name
}

// mark notes whether the enterprise id is synthetic (isSynthetic).
func (e *enterprises) mark(id string, synthetic bool) {
	if !synthetic {
		return
	}
	if e.synthetic == nil {
		e.synthetic = map[string]bool{}
	}
	e.synthetic[id] = true
}

// isSynthetic reports whether the enterprise id, found stored, is synthetic.
func (e *enterprises) isSynthetic(id string) bool { return e.synthetic[id] }

// loadNames reads the names of the stored enterprises that have a credit code.
func (e *enterprises) loadNames(ctx context.Context) error {
	if e.loaded {
		return nil
	}
	e.loaded, e.verified = true, map[string][]placed{}
	opt := xiaoqi.ListOptions{Limit: xiaoqi.MaxListLimit}
	for n := 0; n < maxCached; {
		page, err := e.store.List(ctx, xiaoqi.KindEnterprise, opt)
		if err != nil {
			return fmt.Errorf("ingest: read enterprises: %w", err)
		}
		for _, d := range page.Docs {
			if ent, ok := d.(*xiaoqi.Enterprise); ok && ent.Name != "" && ent.CreditCode != "" {
				e.verified[ent.Name] = append(e.verified[ent.Name], placed{ent.ID, ent.City, ent.Synthetic})
			}
		}
		n += len(page.Docs) // at most maxCached enterprises are read
		if page.Next == "" {
			break
		}
		opt.After = page.Next
	}
	return nil
}

// resolve returns the id and name of the enterprise ref names, and the enterprise to create
// with the job when it is new. The name is the stored firm's, which a row that names it by its
// credit code may write short (测验卯信息 for 陕西测验卯信息技术有限公司).
func (e *enterprises) resolve(ctx context.Context, ref enterpriseRef) (string, string, *xiaoqi.Enterprise, error) {
	if ref.id != "" {
		return ref.id, ref.name, nil, nil
	}
	key := ref.key()
	if key == "" {
		return "", ref.name, nil, nil
	}
	if id, ok := e.ids[key]; ok {
		if name, ok := e.names[key]; ok {
			return id, name, nil, nil
		}
		return id, ref.name, nil, nil
	}
	if len(e.ids) >= maxCached {
		e.ids, e.names, e.synthetic = map[string]string{}, nil, nil
	}
	d, err := stored(ctx, e.store, xiaoqi.KindEnterprise, "", key)
	if err != nil {
		return "", "", nil, err
	}
	if d == nil && ref.creditCode != "" {
		if d, err = namedOnly(ctx, e.store, ref.name, ref.city, ref.creditCode); err != nil {
			return "", "", nil, err
		}
	}
	if d != nil {
		id, name := e.found(key, ref, d)
		return id, name, nil, nil
	}
	if ref.creditCode == "" {
		// No credit code, and no firm of this name in this city. A registered firm of this
		// name (one with a credit code: a legal entity, whose name is its own) is the firm
		// meant, wherever the posting is, when it is the only one. A firm known by its name
		// only stays one per city, as xiaoqi.Enterprise's natural key, the seed and the
		// enterprise import have it: its city is where it stands for matching.
		if err := e.loadNames(ctx); err != nil {
			return "", "", nil, err
		}
		if id := e.registered(ref); id != "" {
			e.ids[key] = id
			return id, ref.name, nil, nil
		}
	}
	id := xiaoqi.NewID(xiaoqi.KindEnterprise, key)
	e.ids[key] = id
	if ref.creditCode != "" {
		// The later rows that name it by its code take the name of the row that created it.
		if e.names == nil {
			e.names = map[string]string{}
		}
		e.names[key] = ref.name
	}
	if ref.creditCode != "" && e.verified != nil && len(e.verified) < maxCached {
		e.verified[ref.name] = append(e.verified[ref.name], placed{id: id, city: ref.city})
	}
	if e.created == nil {
		e.created = map[string]bool{}
	}
	e.created[id] = true
	ent := &xiaoqi.Enterprise{Meta: xiaoqi.Meta{Source: e.source}, Name: ref.name, City: ref.city, CreditCode: ref.creditCode,
		Type: ref.typ, Size: ref.size, Region: xiaoqi.RegionOf(ref.city)}
	if e.geo != nil {
		ent.Geo = e.geo(ref.city)
	}
	if ref.sector != "" {
		ent.Sectors = []xiaoqi.Sector{ref.sector}
	}
	return id, ref.name, ent, nil
}

// registered returns the registered firm (one with a credit code) that a row naming a firm
// by name only means: the one of that name in the row's city, else the only one of that
// name; "" when there is none, or several elsewhere.
func (e *enterprises) registered(ref enterpriseRef) string {
	ps := e.verified[ref.name]
	for _, p := range ps {
		if p.city == ref.city {
			e.mark(p.id, p.synthetic)
			return p.id
		}
	}
	if len(ps) == 1 {
		e.mark(ps[0].id, ps[0].synthetic)
		return ps[0].id
	}
	return ""
}

// forget drops an enterprise whose creation failed, so that a later row tries again.
func (e *enterprises) forget(ent *xiaoqi.Enterprise) {
	id := e.ids[ent.NaturalKey()]
	delete(e.ids, ent.NaturalKey())
	delete(e.names, ent.NaturalKey())
	if ps := e.verified[ent.Name]; len(ps) > 0 {
		keep := ps[:0]
		for _, p := range ps {
			if p.id != id {
				keep = append(keep, p)
			}
		}
		e.verified[ent.Name] = keep
	}
}

// directory finds institutions by id, MOE code, 5-digit school code or name. It is read from
// the store on first use.
type directory struct {
	store  xiaoqi.Store
	loaded bool
	byID   map[string]*xiaoqi.Institution
	byKey  map[string]*xiaoqi.Institution // "code:…", "code5:…", "name:…"
	// other maps other names of schools to their full names (Options.InstitutionNames).
	other map[string][]string
	alias map[string][]string // other, by normHeader of the other name
}

func (d *directory) load(ctx context.Context) error {
	if d.loaded {
		return nil
	}
	d.byID, d.byKey = map[string]*xiaoqi.Institution{}, map[string]*xiaoqi.Institution{}
	opt := xiaoqi.ListOptions{Limit: xiaoqi.MaxListLimit}
	for len(d.byID) < maxCached {
		page, err := d.store.List(ctx, xiaoqi.KindInstitution, opt)
		if err != nil {
			return fmt.Errorf("ingest: read institutions: %w", err)
		}
		for _, doc := range page.Docs {
			in, ok := doc.(*xiaoqi.Institution)
			if !ok {
				continue
			}
			d.byID[in.ID] = in
			d.byKey["name:"+normHeader(in.Name)] = in
			if in.Code != "" {
				d.byKey["code:"+in.Code] = in
				d.byKey["code5:"+in.Code[len(in.Code)-5:]] = in
			} else if len(in.ExternalID) == 5 {
				d.byKey["code5:"+in.ExternalID] = in
			}
		}
		if page.Next == "" {
			break
		}
		opt.After = page.Next
	}
	d.alias = make(map[string][]string, len(d.other))
	for a, names := range d.other {
		d.alias[normHeader(a)] = append(d.alias[normHeader(a)], names...)
	}
	d.loaded = true
	return nil
}

// byName returns the stored institution of a name, or of the one stored institution an other
// name stands for (西电, Xidian University: 西安电子科技大学).
func (d *directory) byName(v string) *xiaoqi.Institution {
	if in := d.byKey["name:"+normHeader(v)]; in != nil {
		return in
	}
	var found *xiaoqi.Institution
	for _, name := range d.alias[normHeader(v)] {
		if in := d.byKey["name:"+normHeader(name)]; in != nil {
			if found != nil && found != in {
				return nil // 交大 of two schools stored: which is meant, the row does not say
			}
			found = in
		}
	}
	return found
}

// find returns the institution a program or candidate row names, and the field that named it:
// by id, MOE code, 5-digit code or name, the first of them that finds one (a row whose code
// is not the one stored, but whose name is, names that school); when none does, the first
// field the row gives.
func (d *directory) find(ctx context.Context, r *record) (*xiaoqi.Institution, string, error) {
	if err := d.load(ctx); err != nil {
		return nil, "", err
	}
	first := ""
	for _, f := range [...]string{"institution_id", "institution_code", "institution_code5", "institution_name"} {
		v := r.get(f)
		if v == "" {
			continue
		}
		var in *xiaoqi.Institution
		switch f {
		case "institution_id":
			in = d.byID[v]
		case "institution_code":
			in = d.byKey["code:"+v]
		case "institution_code5":
			in = d.byKey["code5:"+v]
		default:
			in = d.byName(v)
		}
		if in != nil {
			return in, f, nil
		}
		if first == "" {
			first = f
		}
	}
	return nil, first, nil
}
