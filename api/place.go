package api

import (
	"fmt"
	"net/url"
	"slices"

	"github.com/gin-gonic/gin"
	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// warningHeader carries the warnings of a write that was made: a place kept as written. Each
// is "field: 中文 / English", percent-encoded (UTF-8; decodeURIComponent in a browser), one
// header line each.
const warningHeader = "X-Warning"

// readPlace reads the city of a document written through the API as an import reads a city
// cell (ingest.ReadCity): 深圳 is stored as 深圳市, 西安 as 西安市, Xi'an as 西安市, and 广州天河区 as
// 广州市 with the district 天河区 unless the document gives one. The city facet counted 深圳 and
// 深圳市 apart, and the list filter city=深圳市 missed 深圳. A city that names a place outside the
// lists (东京) is kept as written with a warning; one that names no city (陕西省, 高新区) is
// refused naming the field (prefix "docs[3]." in a batch), and so is a district its city does
// not have (宝鸡市 · 雁塔区, 咸阳市 · Qujiang New District), naming district: it was stored, and
// a district filter found the document in neither city. A city is only warned about, as the
// lists cannot hold every place abroad; Shaanxi's districts and zones they hold all. An empty region is filled from a
// Shaanxi city, as imports fill it.
func readPlace(d xiaoqi.Doc, prefix string) (warnings []string, err error) {
	switch field, problem, fatal := ingest.ReadDocPlace(d); {
	case fatal:
		return nil, invalid(prefix+field, "%s", problem)
	case problem != "":
		warnings = append(warnings, prefix+"city: "+problem)
	}
	return warnings, nil
}

// readSectors reads the sectors of a document written through the API as an import reads
// a sector cell and as the filters read sector=: by code (software), Chinese name (软件研发和测试)
// or English name (Software development and testing), in any case (xiaoqi.SectorOf), stored as
// the code. The names the UI and the facets show were 400 无法识别的领域. Anything else is left
// for Validate to refuse, naming the field.
func readSectors(d xiaoqi.Doc) {
	read := func(s *xiaoqi.Sector) {
		if sec, ok := xiaoqi.SectorOf(string(*s)); ok {
			*s = sec
		}
	}
	switch d := d.(type) {
	case *xiaoqi.Enterprise:
		for i := range d.Sectors {
			read(&d.Sectors[i])
		}
	case *xiaoqi.JobNeed:
		if d.Sector != "" {
			read(&d.Sector)
		}
	}
}

// readMarkets reads the offshore markets of an enterprise written through the API as an
// import reads its cell (xiaoqi.ReadMarket): in English too (Europe and North America is
// stored as 欧美, which gives the firm its languages), each once. A market xiaoqi does not
// know is kept as written with a warning naming it (offshore_markets[0], docs[i]. in a batch):
// it was kept silently, and the firm had no language for it.
func readMarkets(d xiaoqi.Doc, prefix string) (warnings []string) {
	e, ok := d.(*xiaoqi.Enterprise)
	if !ok || len(e.OffshoreMarkets) == 0 {
		return nil
	}
	var out []string
	for i, m := range e.OffshoreMarkets {
		mk, known := xiaoqi.ReadMarket(m)
		if !known {
			warnings = append(warnings, fmt.Sprintf("%[1]soffshore_markets[%[2]d]: %[3]q 不是已知的离岸市场（%[4]s），按原文保存 / %[3]q is not an offshore market xiaoqi knows (%[4]s): kept as written",
				prefix, i, m, xiaoqi.MarketChoices()))
		}
		if !slices.Contains(out, mk) {
			out = append(out, mk)
		}
	}
	e.OffshoreMarkets = out
	return warnings
}

// warn sets the warnings of a write on the answer.
func warn(c *gin.Context, warnings []string) {
	for _, w := range warnings {
		c.Writer.Header().Add(warningHeader, url.PathEscape(w))
	}
}
