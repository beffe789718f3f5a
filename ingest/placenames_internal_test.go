package ingest

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Every place an import stores has an English name (xiaoqi's table, placedata/placenames.csv):
// the prefecture-level units, Shaanxi's counties with their 2023 names and Xi'an's zones.
func TestEveryPlaceHasEnglish(t *testing.T) {
	var names []string
	for _, p := range prefectures {
		names = append(names, p.name)
	}
	for city, units := range shaanxiCounties {
		names = append(names, city)
		names = append(names, units...)
	}
	for _, z := range shaanxiZones {
		names = append(names, z.district)
	}
	for _, u := range otherUnits {
		names = append(names, u.city)
	}
	for _, n := range names {
		if en := xiaoqi.PlaceEnglish(n); en == n || en == "" {
			t.Errorf("%s has no English name", n)
		}
	}
}
