package match

import (
	"fmt"
	"slices"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// site is a place where an enterprise's open job needs are posted, with their openings.
type site struct {
	at       place
	openings int
	// own says that the openings are at the enterprise's own place: posted in its city, or
	// naming no city (or the province alone).
	own bool
	// zh and en name the place in texts: its city and the district the postings give. They
	// tell the sites apart too: a district without a point of its own stands at its city's
	// centre (placeOf), yet is named.
	zh, en string
}

// addSite counts job need j's openings where it is posted. A posting in the firm's own city
// counts at the firm's place, whatever district it names: within the city the score is the
// same city's, and telling a school that the firm of 长安区 posts in 雁塔区 adds words, not
// sense. A posting naming no city, or the province alone, is where its firm is, as the
// insights count it (posted).
func (e *enterprise) addSite(j *job) {
	own := unknownCity(j.at.city) || j.at.city == e.at.city
	s := site{at: j.at, own: own}
	city, district := j.at.city, j.doc.District
	if own {
		s.at, city, district = e.at, xiaoqi.NormalizeCity(e.doc.City), e.doc.District
	}
	s.zh, s.en = city+district, cityEnglish(city)
	if district != "" {
		s.en += " (" + xiaoqi.PlaceEnglish(district) + ")"
	}
	i := slices.IndexFunc(e.sites, func(x site) bool { return x.own == own && x.zh == s.zh })
	if i < 0 {
		e.sites = append(e.sites, s)
		i = len(e.sites) - 1
	}
	e.sites[i].openings += j.headcount
}

// sortSites orders an enterprise's sites by openings, the most first, then the firm's own
// place, then by name: the texts name the first few.
func sortSites(ss []site) {
	slices.SortStableFunc(ss, func(a, b site) int {
		if a.openings != b.openings {
			return b.openings - a.openings
		}
		if a.own != b.own {
			if a.own {
				return -1
			}
			return 1
		}
		return strings.Compare(a.zh, b.zh)
	})
}

// maxSitesNamed bounds the places a distance text names one by one.
const maxSitesNamed = 3

// entDistance is the distance factor between enterprise e and institution in, measured from
// where e's openings are, not from where e is registered: a 西安 firm whose job needs are
// all posted in 宝鸡 had 西安's schools as its nearest and 宝鸡's as far, though its interns
// and graduates would work in 宝鸡 (the dossier, gaps and allocation already count each job
// where it is posted). Openings in several places score the average of their places' scores,
// weighed by openings, rather than the nearest place: a placement officer asks where the
// graduates would go to work, and a firm hiring 30 in 宝鸡 and 2 at its 西安 head office is a
// partner in 宝鸡; by the nearest, the 2 would make it a same-city partner of every school of
// 西安. A firm without open job needs, or posting where it is, keeps its own place.
func entDistance(e *enterprise, in *institution, text bool) xiaoqi.MatchFactor {
	if len(e.sites) == 0 || len(e.sites) == 1 && e.sites[0].own {
		return distanceFactor(e.at, in.at, text)
	}
	if len(e.sites) == 1 {
		s := e.sites[0]
		f := distanceFactor(s.at, in.at, text)
		if text {
			ownZH, ownEN := registeredAt(e)
			f.ZH = fmt.Sprintf("岗位均在%s（该企业注册于%s）：%s", s.zh, ownZH, f.ZH)
			f.EN = fmt.Sprintf("All its openings are in %s (the enterprise is registered in %s): %s", s.en, ownEN, clause(f.EN))
		}
		return f
	}
	f := xiaoqi.MatchFactor{Factor: "distance", Weight: wDistance}
	var sum float64
	var zh, en []string
	rest, restSites := 0, 0
	for i, s := range e.sites {
		sf := distanceFactor(s.at, in.at, text)
		sum += float64(s.openings) * sf.Score
		if !text {
			continue
		}
		if i >= maxSitesNamed {
			rest += s.openings
			restSites++
			continue
		}
		zh = append(zh, fmt.Sprintf("%s %d 个——%s", s.zh, s.openings, sf.ZH))
		en = append(en, fmt.Sprintf("%d in %s — %s", s.openings, s.en, clause(sf.EN)))
	}
	f.Score = sum / float64(max(1, e.openings))
	if !text {
		return f
	}
	if rest > 0 {
		zh = append(zh, fmt.Sprintf("另有 %d 个在其他 %d 处", rest, restSites))
		en = append(en, fmt.Sprintf("%d more in %s", rest, plural(restSites, "other place", "other places")))
	}
	ownZH, ownEN := registeredAt(e)
	// The score shown is rounded: the text says the same figure.
	pct := round2(f.Score) * 100
	f.ZH = fmt.Sprintf("岗位分布在 %d 处（该企业注册于%s）：%s；按岗位数加权计 %.0f%%", len(e.sites), ownZH, strings.Join(zh, "；"), pct)
	f.EN = fmt.Sprintf("Openings in %d places (the enterprise is registered in %s): %s; weighted by openings: %.0f%%", len(e.sites), ownEN, strings.Join(en, "; "), pct)
	return f
}

// registeredAt names where enterprise e is registered, its district too.
func registeredAt(e *enterprise) (zh, en string) {
	city := xiaoqi.NormalizeCity(e.doc.City)
	zh, en = city+e.doc.District, cityEnglish(city)
	if e.doc.District != "" {
		en += " (" + xiaoqi.PlaceEnglish(e.doc.District) + ")"
	}
	return zh, en
}

// clause makes an English distance text, which begins a sentence, follow a colon or a dash:
// "Both in Baoji" reads "both in Baoji"; one beginning with a city's name keeps it.
func clause(en string) string {
	for _, w := range []string{"Both ", "Place unknown"} {
		if rest, ok := strings.CutPrefix(en, w); ok {
			return strings.ToLower(w) + rest
		}
	}
	return en
}
