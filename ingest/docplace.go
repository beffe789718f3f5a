package ingest

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xiaoqi-dev/xiaoqi"
)

// ReadDocPlace reads the city and district of a document as an import reads its city and
// district cells (ReadCity, ReadDistrict) and fills an empty region from a Shaanxi city: what
// the API does to every document written through it, and RereadPlaces to those stored before
// it did. problem and fatal are ReadCity's, but a province alone (陕西省, as data has it for
// province-wide postings) is kept as the city with a warning, as an import's area column keeps
// it; a fatal problem leaves d as it was. field names the field a problem is of: "city", or
// "district" for a district that is none of the city's (宝鸡市 · 雁塔区, a fatal problem as it is
// in an import's district cell: it was stored, and the district filter found the job in
// neither city). A program's district is checked against its school's (the API's and the
// import's checkProgramPlace), not here.
func ReadDocPlace(d xiaoqi.Doc) (field, problem string, fatal bool) {
	field = "city"
	var city, district *string
	var region *xiaoqi.Region
	switch d := d.(type) {
	case *xiaoqi.Institution:
		city, district, region = &d.City, &d.District, &d.Region
	case *xiaoqi.Program:
		city, district = &d.City, &d.District
	case *xiaoqi.Enterprise:
		city, district, region = &d.City, &d.District, &d.Region
	case *xiaoqi.JobNeed:
		city, district, region = &d.City, &d.District, &d.Region
	case *xiaoqi.Candidate:
		city = &d.City
	default:
		return field, "", false
	}
	v := strings.TrimSpace(*city)
	if v == "" {
		return field, "", false // required or not: the document's Validate says
	}
	if n := utf8.RuneCountInString(v); n > xiaoqi.MaxShortText {
		// Refused as written, as Validate refuses any text so long: read first, a city of 301
		// characters was stored as the three (字字市) the reading made of it.
		return field, fmt.Sprintf("过长：最多 %[1]d 个字，现有 %[2]d 个 / is too long: at most %[1]d characters, not %[2]d", xiaoqi.MaxShortText, n), true
	}
	c, dist, problem, fatal := ReadCity(v)
	if fatal && dist == "" {
		if p := provinceOf(v); p != "" {
			// A province-wide posting (全省培训专员 in 陕西省): the province as its city, as an
			// import's area column keeps it, with the same warning.
			*city = p
			return field, fmt.Sprintf("只给出了省份 %[1]s，未给出城市 / only the province (%[1]s) is given, no city", p), false
		}
	}
	if fatal {
		return field, problem, true
	}
	if district != nil {
		dv := *district
		if strings.TrimSpace(dv) == "" {
			dv = dist
		}
		var dc, dd string
		dc, dd = ReadDistrict(c, dv)
		if _, program := d.(*xiaoqi.Program); !program {
			if p := DistrictProblem(dc, dd); p != "" {
				return "district", p, true
			}
		}
		c, *district = dc, dd
	}
	*city = c
	if region != nil && *region == "" {
		*region = xiaoqi.RegionOf(c)
	}
	return field, problem, false
}

// PlaceCounts says what RereadPlaces did.
type PlaceCounts struct {
	// Checked and Changed count documents by kind.
	Checked map[xiaoqi.Kind]int `json:"checked"`
	Changed map[xiaoqi.Kind]int `json:"changed"`
	// Conflicts are the documents left as they were: read again, their place gives them the
	// natural key of another (an enterprise written twice through the API, as 深圳 and 深圳市).
	// Merge them by hand.
	Conflicts []string `json:"conflicts,omitempty"`
}

// placeKinds are the kinds that have a place.
var placeKinds = []xiaoqi.Kind{xiaoqi.KindInstitution, xiaoqi.KindProgram, xiaoqi.KindEnterprise, xiaoqi.KindJob, xiaoqi.KindCandidate}

// RereadPlaces reads the place of every stored document again (ReadDocPlace) and writes back
// those that changed, in batches of batchSize: documents the API stored before it read places
// as imports do (深圳, 西安, Yanta District). A batch that a natural key refuses is written one
// document at a time, and the refused ones are counted in Conflicts. Documents are written with
// the version they were read with, so a concurrent edit fails the run (ECONFLICT) rather than
// being overwritten.
func RereadPlaces(ctx context.Context, store xiaoqi.Store, batchSize int) (PlaceCounts, error) {
	if batchSize <= 0 {
		batchSize = 500
	}
	c := PlaceCounts{Checked: map[xiaoqi.Kind]int{}, Changed: map[xiaoqi.Kind]int{}}
	var pending []xiaoqi.Doc
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		defer func() { pending = pending[:0] }()
		if _, err := store.Upsert(ctx, pending); err == nil {
			return nil
		} else if xiaoqi.ErrorCode(err) != xiaoqi.ECONFLICT {
			return fmt.Errorf("places: write %d documents: %w", len(pending), err)
		}
		for _, d := range pending {
			if _, err := store.Upsert(ctx, []xiaoqi.Doc{d}); xiaoqi.ErrorCode(err) == xiaoqi.ECONFLICT {
				c.Changed[d.Kind()]--
				c.Conflicts = append(c.Conflicts, d.Base().ID)
			} else if err != nil {
				return fmt.Errorf("places: write %s: %w", d.Base().ID, err)
			}
		}
		return nil
	}
	err := rewriteStored(ctx, "places", store, placeKinds, batchSize, flush, func(d xiaoqi.Doc) bool {
		c.Checked[d.Kind()]++
		before := placeOf(d)
		if _, _, fatal := ReadDocPlace(d); fatal || placeOf(d) == before {
			return false
		}
		c.Changed[d.Kind()]++
		return true
	}, &pending)
	return c, err
}

// placeOf is the place of d, to see whether ReadDocPlace changed it.
func placeOf(d xiaoqi.Doc) [3]string {
	switch d := d.(type) {
	case *xiaoqi.Institution:
		return [3]string{d.City, d.District, string(d.Region)}
	case *xiaoqi.Program:
		return [3]string{d.City, d.District, ""}
	case *xiaoqi.Enterprise:
		return [3]string{d.City, d.District, string(d.Region)}
	case *xiaoqi.JobNeed:
		return [3]string{d.City, d.District, string(d.Region)}
	case *xiaoqi.Candidate:
		return [3]string{d.City, "", ""}
	}
	return [3]string{}
}
