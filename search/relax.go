package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/xiaoqi-dev/xiaoqi"
)

// A relaxation is how relax answered: the result, the text query that found it, the words no
// document holds (SearchResult.Unmatched) and the places the hits are not in (Outside).
type relaxation struct {
	res                *bleve.SearchResult
	q                  query.Query
	unmatched, outside []string
	kinds              []xiaoqi.Kind // the kinds asked for that no document of the places is (kindElsewhere)
	nearby             []string      // the cities of the places that the hits are from instead (kindNear)
	cue                string        // the cue no document with the other words answers (kindElsewhere)
}

// relax answers a search whose words found nothing together (as Typesense drops tokens):
// the documents that hold the most of them. A word that nothing within the filters holds is
// left out (回国 of 留学生 回国 创业 补贴). Then the places, when the other words are found
// together elsewhere: 呼叫中心 咸阳 lists the call-centre courses and firms of other cities
// (outside: 咸阳), not every document of 咸阳 before them, as it did when the place counted as
// any other word; a district's or zone's from its city first (外包公司 高新区: 西安市, nearby). Else as few of the words as must be: all but one, else all but two, and so
// on, down to any one of them, which finds something. A question therefore ends at nothing
// only when none of its words is found at all.
//
// It returns a relaxation with a nil result when nothing can be found. Unmatched names the
// words, as typed, that nothing holds; else, for a query of one part (量子计算), the part,
// which nothing holds whole; else none (each word is found, only not together).
func (x *Index) relax(ctx context.Context, words string, q xiaoqi.SearchQuery, req *bleve.SearchRequest) (relaxation, error) {
	var kept, topic, places []unit
	var missing []string
	for _, u := range x.relaxUnits(words) {
		found, err := x.exists(ctx, x.withFilters(ctx, u.q, q))
		if err != nil {
			return relaxation{}, err
		}
		switch {
		case !found:
			if !slices.Contains(missing, u.typed) {
				missing = append(missing, u.typed)
			}
		case u.place:
			kept = append(kept, u)
			places = append(places, u)
		default:
			kept = append(kept, u)
			topic = append(topic, u)
		}
	}
	// elsewhere answers with the words but the places, all of them, when they are found
	// together somewhere: what the query is about; first in the city of a district or zone
	// (外包公司 高新区: the firms of 西安, nearby).
	elsewhere := func() (relaxation, bool, error) {
		if len(places) == 0 || len(topic) == 0 {
			return relaxation{}, false, nil
		}
		r, err := x.nearFirst(ctx, anyUnits(topic, len(topic)), places, q, req)
		if err != nil || r.res == nil {
			return relaxation{}, false, err
		}
		r.unmatched = missing
		return r, true, nil
	}
	if len(missing) == 0 {
		// Every word is found, not all together (the search before relax): the place first.
		if r, ok, err := elsewhere(); err != nil || ok {
			return r, err
		}
	}
	if len(missing) > 0 && len(topic) == 0 && len(places) > 0 {
		// Only places are left (孵化器 西安, 创业园 宝鸡: nothing says 孵化器): what is there, as
		// the places alone find and rank it (宝鸡: its schools and firms first), not as a
		// place among other words, which put the anonymous profiles that name the city first.
		return x.placesAlone(ctx, places, missing, q, req)
	}
	top := len(kept) // the most words a document may hold together
	if len(missing) == 0 {
		top-- // all of them found nothing
	}
	if top < 1 {
		return relaxation{}, nil
	}
	var (
		best  *bleve.SearchResult
		bestQ query.Query
		bestM int
	)
	try := func(m int) (bool, error) {
		rq := anyUnits(kept, m)
		req.Query = x.withFilters(ctx, rq, q)
		res, err := x.run(ctx, req)
		if err != nil {
			return false, err
		}
		if res.Total == 0 {
			return false, nil
		}
		best, bestQ, bestM = res, rq, m
		return true, nil
	}
	// The most words some document holds, between 1 (each kept word finds something) and
	// top: usually top itself, one search; else by bisection.
	lo, hi := 1, top
	ok, err := try(hi)
	if err != nil {
		return relaxation{}, err
	}
	if !ok {
		if len(missing) > 0 {
			// The words that are found do not stand together: the place first.
			if r, ok, err := elsewhere(); err != nil || ok {
				return r, err
			}
		}
		for hi--; lo < hi; {
			mid := (lo + hi + 1) / 2
			if ok, err = try(mid); err != nil {
				return relaxation{}, err
			} else if ok {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		if best == nil || bestM != lo {
			if ok, err = try(lo); err != nil || !ok {
				return relaxation{}, err // nothing after all: the index changed meanwhile
			}
		}
	}
	if len(missing) == 0 {
		if parts := strings.Fields(words); len(parts) == 1 {
			missing = parts
		}
	}
	return relaxation{res: best, q: bestQ, unmatched: missing}, nil
}

// placesAlone answers a query of which only the places are found (relax), as a search of
// the places alone: its text query and its ranking (rankQuery of the places: a place alone
// asks for its schools and firms). Missing names the words nothing holds; the words the
// query excludes (-外包) still go.
func (x *Index) placesAlone(ctx context.Context, places []unit, missing []string, q xiaoqi.SearchQuery, req *bleve.SearchRequest) (relaxation, error) {
	alone := strings.Join(typedOf(places), " ")
	rq := x.textQuery(alone)
	_, neg := exclusions(q.Q)
	pq := q
	pq.Q = alone
	for _, w := range neg {
		pq.Q += " -" + w
	}
	req.Query = x.withFilters(ctx, rq, pq)
	res, err := x.run(ctx, req)
	if err != nil || res.Total == 0 {
		return relaxation{}, err
	}
	return relaxation{res: res, q: rq, unmatched: missing}, nil
}

// kindElsewhere answers a query that asks for kinds by its words and names places (日语培训
// 宝鸡, 动漫公司 汉中) when its words are found in the places, but in no document of those
// kinds there: with its words but the places, as relax's elsewhere does, so that the kinds
// asked for, found elsewhere, come first. 日语培训 宝鸡 listed the profiles of 宝鸡 that say
// 日语, and 动漫公司 汉中 one candidate. Where the kinds hold the words nowhere but for the
// word a cue keeps (培训 of 培训机构), it answers without that word, in the places:
// 西安 培训机构 日语 listed profiles of 西安 that say 培训讲师 and 日语N3, where no training
// school teaches 日语; now the 日语 programs and schools of 西安 (cue: 培训机构). It returns a
// relaxation with a nil result otherwise.
func (x *Index) kindElsewhere(ctx context.Context, words string, text query.Query, q xiaoqi.SearchQuery, req *bleve.SearchRequest) (relaxation, error) {
	_, kinds := withoutTypeCues(q.Q)
	if len(kinds) == 0 || asksPolicy(q.Q) { // a question about policy asks for its items (rankQuery)
		return relaxation{}, nil
	}
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = string(k)
	}
	ofKinds := func(tq query.Query) query.Query {
		return x.withFilters(ctx, bleve.NewConjunctionQuery(anyOf(fieldType, names), tq), q)
	}
	cue, kept := keptCue(q.Q)
	trains := cue == "培训机构"
	asked := ofKinds(text)
	if trains {
		// Training is what it asks for: a university's program there that says 培训 (杨凌
		// 培训机构 listed one, whose graduates become 培训讲师) is no training institution.
		asked = x.withFilters(ctx, bleve.NewConjunctionQuery(training(), text), q)
	}
	if found, err := x.exists(ctx, asked); err != nil || found {
		return relaxation{}, err
	}
	var topic, places, cues []unit
	for _, u := range x.relaxUnits(words) {
		switch {
		case u.place || x.isDistrict(u.typed):
			places = append(places, u)
		case u.typed == kept:
			cues = append(cues, u)
		default:
			topic = append(topic, u)
		}
	}
	if len(topic) == 0 {
		return x.kindNear(ctx, places, cues, kinds, trains, q, req)
	}
	answer := func(us []unit) (*bleve.SearchResult, query.Query, error) {
		rq := anyUnits(us, len(us))
		if found, err := x.exists(ctx, ofKinds(rq)); err != nil || !found {
			return nil, nil, err
		}
		req.Query = x.withFilters(ctx, rq, q)
		res, err := x.run(ctx, req)
		if err != nil || res.Total == 0 {
			return nil, nil, err
		}
		return res, rq, nil
	}
	if len(places) > 0 {
		res, rq, err := answer(append(slices.Clip(topic), cues...))
		if err != nil || res != nil {
			return relaxation{res: res, q: rq, outside: typedOf(places), kinds: kinds}, err
		}
	}
	if len(cues) == 0 {
		return relaxation{}, nil
	}
	if res, rq, err := answer(append(slices.Clip(topic), places...)); err != nil || res != nil || len(places) == 0 {
		return relaxation{res: res, q: rq, cue: cue}, err
	}
	// Neither: the other words alone (培训机构 日语 宝鸡: the 日语 programs of other cities).
	res, rq, err := answer(topic)
	return relaxation{res: res, q: rq, outside: typedOf(places), kinds: kinds, cue: cue}, err
}

// training matches the training institutions and their courses (the programs of degree 培训).
func training() query.Query {
	inst, course := bleve.NewTermQuery(string(xiaoqi.KindInstitution)), bleve.NewTermQuery(string(xiaoqi.KindProgram))
	inst.SetField(fieldType)
	course.SetField(fieldType)
	it, deg := bleve.NewTermQuery(string(xiaoqi.InstitutionTraining)), bleve.NewTermQuery("培训")
	it.SetField(fieldInstType)
	deg.SetField(fieldDegree)
	return bleve.NewDisjunctionQuery(bleve.NewConjunctionQuery(inst, it), bleve.NewConjunctionQuery(course, deg))
}

// kindNear answers a query of places and kinds alone (雁塔区 大学, 高新区 培训机构, 杨凌 培训机构)
// where none of the kinds is in the places: the documents there that say some word of it
// came instead (job needs that say 培训; the MOE list gives schools their city only). It
// lists the kinds in the cities of the places when each is a district of one (雁塔区 大学: the
// universities of 西安市, which the relaxation names nearby) or a zone whose documents are in
// one (高新区: placeCity), else anywhere, with the places named outside; the word a cue keeps
// (培训) is still required, but for 培训机构 (trains), whose kind is the training institutions
// and their courses (training). A relaxation with a nil result when the kinds are nowhere.
func (x *Index) kindNear(ctx context.Context, places, cues []unit, kinds []xiaoqi.Kind, trains bool, q xiaoqi.SearchQuery, req *bleve.SearchRequest) (relaxation, error) {
	if len(places) == 0 {
		return relaxation{}, nil
	}
	rq := anyOf(fieldType, asStrings(kinds))
	switch {
	case trains:
		// 杨凌 培训机构 listed universities' programs that say 培训 among them: the training
		// institutions and courses only, those that say 培训 first.
		b := bleve.NewBooleanQuery()
		b.AddMust(training())
		if len(cues) > 0 {
			b.AddShould(anyUnits(cues, len(cues)))
		}
		rq = b
	case len(cues) > 0:
		rq = bleve.NewConjunctionQuery(anyUnits(cues, len(cues)), rq)
	}
	r, err := x.nearFirst(ctx, rq, places, q, req)
	if r.res != nil {
		r.kinds = kinds
	}
	return r, err
}

// nearFirst runs rq, which leaves the places out, first within the cities of the places
// when each is a district of one or a zone whose documents are in one (placeCity), naming
// them nearby, else anywhere; the places are named outside. A relaxation with a nil result
// when rq finds nothing.
func (x *Index) nearFirst(ctx context.Context, rq query.Query, places []unit, q xiaoqi.SearchQuery, req *bleve.SearchRequest) (relaxation, error) {
	tries := []query.Query{rq}
	var cities []query.Query
	var names []string
	for _, p := range places {
		c, err := x.placeCity(ctx, p.typed)
		if err != nil {
			return relaxation{}, err
		}
		if c != "" {
			cities = append(cities, cityQuery(c))
			if !slices.Contains(names, c) {
				names = append(names, c)
			}
		}
	}
	if len(cities) == len(places) {
		tries = []query.Query{bleve.NewConjunctionQuery(rq, bleve.NewDisjunctionQuery(cities...)), rq}
	}
	for i, t := range tries {
		found, err := x.exists(ctx, x.withFilters(ctx, t, q))
		if err != nil {
			return relaxation{}, err
		}
		if !found {
			continue
		}
		req.Query = x.withFilters(ctx, t, q)
		res, err := x.run(ctx, req)
		if err != nil || res.Total == 0 {
			return relaxation{}, err
		}
		r := relaxation{res: res, q: t, outside: typedOf(places)}
		if i == 0 && len(tries) > 1 {
			r.nearby = names
		}
		return r, nil
	}
	return relaxation{}, nil
}

// typedOf returns the units' words as typed.
func typedOf(us []unit) []string {
	typed := make([]string, len(us))
	for i, u := range us {
		typed[i] = u.typed
	}
	return typed
}

// keptCue returns the cue of q that keeps a word of the query (培训机构, which keeps 培训:
// cueKeeps) and that word; "" and "" when q has none.
func keptCue(q string) (cue, word string) {
	for _, f := range strings.Fields(q) {
		for c, k := range cueKeeps {
			if strings.Contains(f, c) {
				return c, k
			}
		}
	}
	return "", ""
}

// exists reports whether q finds any document; the search stops at the first.
func (x *Index) exists(ctx context.Context, q query.Query) (bool, error) {
	req := bleve.NewSearchRequestOptions(q, 1, 0, false)
	req.Score = bleve.ScoreNone // bleve then stops at Size hits
	res, err := x.inner(ctx, req, "look for a word")
	if err != nil {
		return false, err
	}
	return res.Total > 0, nil
}

// inner runs one of the searches a search makes besides its own (a count, a facet, a look
// for a word): a closed index is EUNAVAILABLE, any other error says what was asked.
func (x *Index) inner(ctx context.Context, req *bleve.SearchRequest, what string) (*bleve.SearchResult, error) {
	res, err := x.bleveIndex().SearchInContext(ctx, req)
	if err = closedErr(err); errors.Is(err, ErrClosed) {
		return nil, &xiaoqi.Error{Code: xiaoqi.EUNAVAILABLE, Message: "搜索暂不可用 / search is unavailable", Err: err}
	} else if err != nil {
		return nil, fmt.Errorf("search: %s: %w", what, err)
	}
	return res, nil
}

// policyAnswer answers a question about policy (a policy cue: 补贴, 扶持 …) whose words are
// found together, but in no policy item, with the items that hold half of them or more as
// well: 人才 补贴 listed six job needs that say both, and not item (十二), which says 人才, nor
// item (十), which says 资金支持. Where the words are found nowhere together, relax answers, and
// says which were not found. It returns text unchanged otherwise.
func (x *Index) policyAnswer(ctx context.Context, text query.Query, words string, q xiaoqi.SearchQuery) (query.Query, error) {
	if !asksPolicy(q.Q) || len(q.Types) > 0 && !slices.Contains(q.Types, xiaoqi.KindPolicy) || len(x.wordUnits(words, true, false)) < 2 {
		return text, nil
	}
	policy := termQuery(fieldType, string(xiaoqi.KindPolicy), 0)
	for _, c := range []struct {
		q    query.Query
		want bool
	}{{text, true}, {bleve.NewConjunctionQuery(policy, text), false}} {
		if found, err := x.exists(ctx, x.withFilters(ctx, c.q, q)); err != nil || found != c.want {
			return text, err
		}
	}
	partial := bleve.NewConjunctionQuery(policy, x.plainQuery(words, 0.5))
	if found, err := x.exists(ctx, x.withFilters(ctx, partial, q)); err != nil || !found {
		return text, err
	}
	return bleve.NewDisjunctionQuery(text, partial), nil
}
