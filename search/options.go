package search

import (
	"slices"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// Options configure an Index beyond its directory. cmd/xiaoqi builds one per process and
// passes it to Open and Rebuild alike.
type Options struct {
	// Taxonomy, when set, gives the skill synonyms applied at query time: a query, or a
	// space-separated part of it, that names a skill ("JAVA开发", "Java工程师", "QA") also
	// finds the skill's canonical names and plain aliases. Synonyms are not indexed, so a new
	// taxonomy needs no index rebuild.
	Taxonomy *skill.Taxonomy

	// Segmenter cuts Chinese text into words. Loading one takes seconds, so build it once
	// (NewSegmenter) and share it; nil makes Open load one with the Taxonomy's words and the
	// Aliases as its domain dictionary.
	Segmenter *Segmenter

	// Aliases maps abbreviations to the full names they stand for (西电 → 西安电子科技大学,
	// 交大 → 西安交通大学). A query word that is an abbreviation also finds the full names.
	// Like skill synonyms they apply at query time: changing them needs no rebuild.
	Aliases map[string][]string

	// Majors are the catalogue's majors (seed.Majors): a query in English that names one by
	// its English name (software engineering, computer science, nursing) finds the programs
	// named by its Chinese name (软件工程), as if typed in Chinese. Applied at query time: no
	// rebuild.
	Majors []xiaoqi.Major
	// EnglishNames maps institutions' Chinese names to their English names as the schools
	// write them (西安电子科技大学 → Xidian University). A query naming an institution in
	// English, whole or begun, in any case, with or without the apostrophe of Xi'an, finds it
	// as its Chinese name does, and suggestions complete the English name. Applied at query
	// time: changing them needs no rebuild.
	EnglishNames map[string]string

	// Cities gives the centre of each city ("西安市") and of each district ("西安市/周至县"):
	// documents without a point of their own are placed at their district's, else their
	// city's, and a distance filter may start from a city.
	Cities map[string]xiaoqi.GeoPoint

	// CacheEntries is the number of recent search results kept (cache.go): 0 is
	// DefaultCacheEntries, below 0 keeps none.
	CacheEntries int

	// CacheMaxStale is how long a kept result may still be served after an ordinary change
	// to the index (an upsert of anything but a candidate), counted from when its search
	// began: near-real-time search, as Elasticsearch's refresh interval. 0 ends every kept
	// result at the next change. Deletions, candidates and WaitFor end them at once anyway.
	CacheMaxStale time.Duration
}

// load fills in what the caller left out: the Segmenter.
func (o *Options) load() error {
	if o.Segmenter != nil {
		return nil
	}
	seg, err := NewSegmenter(o.Taxonomy, DomainWords(o.Aliases)...)
	if err != nil {
		return err
	}
	o.Segmenter = seg
	return nil
}

// DomainWords returns the words of an alias table that a Segmenter should know as words: the
// full names. Not the abbreviations: with a domain word's weight, 西电 would cut 陕西电子 into
// 陕|西电|子; queries find abbreviations by the alias table instead (splitAlias).
func DomainWords(aliases map[string][]string) []string {
	var out []string
	for _, names := range aliases {
		out = append(out, names...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// foldAliases returns aliases keyed by their folded form.
func foldAliases(seg *Segmenter, aliases map[string][]string) map[string][]string {
	out := make(map[string][]string, len(aliases))
	for a, names := range aliases {
		f := seg.fold(a)
		out[f] = append(out[f], names...)
	}
	return out
}

// foldFullNames returns the full names the aliases stand for, folded.
func foldFullNames(seg *Segmenter, aliases map[string][]string) map[string]bool {
	out := map[string]bool{}
	for _, names := range aliases {
		for _, n := range names {
			out[seg.fold(n)] = true
		}
	}
	return out
}
