package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/xiaoqi-dev/xiaoqi"
)

// sectorPhrases are the words people use for a sector of the policy (items (3)–(5)): its
// name, and what it is called as outsourcing (软件外包, 金融服务外包). A query that says one
// finds the documents of the sector as well as those that say the words: 西安软件外包企业 found
// the four firms whose texts say 软件外包, not the hundred software firms of 西安 (51job's
// firms have a sector, no text).
var sectorPhrases = func() map[string]xiaoqi.Sector {
	m := map[string]xiaoqi.Sector{}
	for sec, names := range xiaoqi.SectorNames {
		// Not the names that are everyday words (动漫, 互联网, 医疗, 能源): alone, they put
		// the sector's job needs before the 动漫方向 courses that say the word, as programs
		// have no sector.
		if !everydaySectorNames[names[0]] {
			m[names[0]] = sec
		}
	}
	short := map[xiaoqi.Sector][]string{
		xiaoqi.SectorSoftware:       {"软件", "软件研发", "软件开发", "软件测试"},
		xiaoqi.SectorITOps:          {"运维", "it运维"},
		xiaoqi.SectorInfoSystems:    {"信息系统"},
		xiaoqi.SectorTelecom:        {"电信"},
		xiaoqi.SectorMedical:        {"医疗"},
		xiaoqi.SectorBiomedicine:    {"医药", "医药研发", "生物医药"},
		xiaoqi.SectorEngineering:    {"工程设计", "研发设计", "工业设计"},
		xiaoqi.SectorFilmMedia:      {"影视"},
		xiaoqi.SectorAnimation:      {"动漫"},
		xiaoqi.SectorDigitalPublish: {"数字出版"},
		xiaoqi.SectorLogistics:      {"物流"},
		xiaoqi.SectorFinance:        {"金融"},
	}
	for sec, ws := range short {
		for _, w := range ws {
			m[w+"外包"] = sec
			m[w+"服务外包"] = sec
		}
	}
	return m
}()

// everydaySectorNames are the sectors' names that are words of every day.
var everydaySectorNames = map[string]bool{"动漫": true, "互联网": true, "医疗": true, "能源": true}

// hasSector reports whether part holds the words of a sector (sectorIn).
func hasSector(part string) bool {
	_, _, _, ok := sectorIn(part)
	return ok
}

// sectorIn finds the longest sector phrase in folded part: the part before it, the phrase
// and its sector; ok is false when part holds none.
func sectorIn(part string) (before, phrase string, sec xiaoqi.Sector, ok bool) {
	for p, s := range sectorPhrases {
		i := strings.Index(part, p)
		if i < 0 || len(p) < len(phrase) || len(p) == len(phrase) && p > phrase {
			continue
		}
		before, phrase, sec, ok = part[:i], p, s, true
	}
	return before, phrase, sec, ok
}

// sectorBoost weighs a document of the sector a phrase names against one that says the words.
const sectorBoost = 3

// sectorItems are the items of the policy that name each sector (items (三)–(五)), which a
// sector's words find as the sector's own documents: as a document that says the words and is
// of the sector counts twice (bleve scales a disjunction by the share of its clauses found),
// item (五), titled 金融保险行业服务外包 but of no sector, went from first to 12th for 金融外包,
// after every firm of the sector.
var sectorItems = map[xiaoqi.Sector]int{
	xiaoqi.SectorSoftware: 3, xiaoqi.SectorITOps: 3, xiaoqi.SectorInfoSystems: 3, xiaoqi.SectorTelecom: 3,
	xiaoqi.SectorInternet: 3, xiaoqi.SectorMedical: 3, xiaoqi.SectorBiomedicine: 3, xiaoqi.SectorEnergy: 3,
	xiaoqi.SectorEngineering: 3, xiaoqi.SectorFilmMedia: 4, xiaoqi.SectorAnimation: 4,
	xiaoqi.SectorDigitalPublish: 4, xiaoqi.SectorLogistics: 4, xiaoqi.SectorFinance: 5,
}

// sectorQuery finds a sector phrase: all its words, each as a typed word is found, or the
// documents of the sector, or the policy item that names it. A document that says the words
// and is of the sector counts most: the firms whose texts say 软件外包 before the firms of the
// software sector whose names say 西安 (software outsourcing company Xi'an).
func (x *Index) sectorQuery(phrase string, sec xiaoqi.Sector) query.Query {
	var words []query.Query
	for _, w := range x.seg.queryWords(phrase) {
		words = append(words, x.wordQuery(w, false, true))
	}
	alts := []query.Query{bleve.NewConjunctionQuery(words...), termQuery(fieldSector, string(sec), sectorBoost)}
	if n := sectorItems[sec]; n > 0 {
		alts = append(alts, bleve.NewConjunctionQuery(termQuery(fieldType, string(xiaoqi.KindPolicy), 0), articleQuery(n)))
	}
	return bleve.NewDisjunctionQuery(alts...)
}
