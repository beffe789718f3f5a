package match

import (
	"fmt"
	"math"

	"github.com/xiaoqi-dev/xiaoqi"
)

// haversineKM is the great-circle distance between two WGS-84 points.
func haversineKM(a, b *xiaoqi.GeoPoint) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dLat, dLon := (b.Lat-a.Lat)*rad, (b.Lon-a.Lon)*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}

// place is where a party is: its city, region, county-level district and point, each
// possibly unknown.
type place struct {
	city     string
	region   xiaoqi.Region
	district string
	geo      *xiaoqi.GeoPoint
}

// WithPlaces gives m the centre of each city ("西安市") and county-level unit ("西安市/周至县"),
// as seed.CityPoints has them for search (search.Options.Cities): a party without a point of
// its own stands at its district's centre, else its city's, as search places it. Only the
// seed stored points, so a firm or school written through the API or the HR form, and every
// candidate, had none: the distance factor fell back to the region, and a firm of 咸阳市秦都区
// scored every school of 西安 "0.5 同属关中" like one of 榆林. Deriving the point here, not on
// write, places every writer's documents alike, those stored before too. Call it before the
// first query; it returns m.
func (m *Matcher) WithPlaces(points map[string]xiaoqi.GeoPoint) *Matcher {
	m.points = points
	return m
}

// placeOf is where a party is. Its own point stands; without one it is placed at its
// district's centre, else its city's (WithPlaces). The district is kept only with a point
// of its own or its district's: from a city's centre the text must not say "高新区距…".
func (m *Matcher) placeOf(city string, region xiaoqi.Region, district string, geo *xiaoqi.GeoPoint) place {
	city = xiaoqi.NormalizeCity(city)
	p := place{city: city, region: region, district: district, geo: geo}
	if geo != nil || city == "" {
		return p
	}
	if pt, ok := m.points[city+"/"+district]; ok && district != "" {
		p.geo = &pt
		return p
	}
	p.district = ""
	if pt, ok := m.points[city]; ok {
		p.geo = &pt
	}
	return p
}

// distanceFactor scores nearness: the same city 1, then decaying with the distance, the same
// region never below 0.5. The text names the districts when the distance is measured between
// their points: 咸阳市 reaches from 25 to 150 km of 西安, so "西安市与咸阳市，相距约 154 公里"
// needs 长武县 to make sense.
func distanceFactor(a, b place, text bool) xiaoqi.MatchFactor {
	f := xiaoqi.MatchFactor{Factor: "distance", Weight: wDistance}
	cityA, cityB := xiaoqi.NormalizeCity(a.city), xiaoqi.NormalizeCity(b.city)
	regA, regB := a.region, b.region
	if regA == "" {
		regA = xiaoqi.RegionOf(cityA)
	}
	if regB == "" {
		regB = xiaoqi.RegionOf(cityB)
	}
	km := -1.0
	if a.geo != nil && b.geo != nil {
		km = haversineKM(a.geo, b.geo)
	}
	sameCity := cityA != "" && cityA == cityB
	sameRegion := regA != "" && regA == regB
	// A place not known (no city, or the province alone) is neither near nor far: it scores
	// unknownPlaceScore, not the 0.3 of a place outside Shaanxi, which it was said to be
	// (地点不详（省外）).
	unknown := !sameCity && !sameRegion && km < 0 && (unknownCity(cityA) || unknownCity(cityB))
	switch {
	case sameCity:
		f.Score = 1
	case km >= 0:
		f.Score = 0.9 * math.Exp(-math.Max(0, km-50)/250)
	case unknown:
		f.Score = unknownPlaceScore
	default:
		f.Score = 0.3
	}
	if sameRegion && !sameCity {
		f.Score = max(f.Score, 0.5)
	}
	if !text {
		return f
	}
	// A party without a district stands at its city's centre (the MOE list gives cities
	// only): a distance from there is said as such, and not said at all within one city,
	// where it would be a guess (西北农林科技大学 in 杨凌 and a firm of 杨陵区, "58 km apart").
	districts := a.district != "" && b.district != ""
	enA, enB := cityEnglish(cityA), cityEnglish(cityB)
	kmZH, kmEN := "", ""
	switch {
	case km < 1:
	case districts:
		kmZH, kmEN = fmt.Sprintf("，相距约 %.0f 公里", km), fmt.Sprintf(", about %.0f km apart", km)
	case sameCity:
	case a.district != "" || b.district != "":
		// One party at its district's point, the other at its city's centre: the distance is
		// between those two, not between centres (洋县 is 179 km from 西安, 汉中's centre 227).
		d, other, otherEN := a.district, cityB, enB
		if d == "" {
			d, other, otherEN = b.district, cityA, enA
		}
		kmZH = fmt.Sprintf("，%s距%s中心约 %.0f 公里", d, other, km)
		kmEN = fmt.Sprintf(", %s about %.0f km from the centre of %s", xiaoqi.PlaceEnglish(d), km, otherEN)
	default:
		kmZH, kmEN = fmt.Sprintf("，市中心相距约 %.0f 公里", km), fmt.Sprintf(", city centres about %.0f km apart", km)
	}
	// The districts, where the distance is measured from their points.
	dA, dB := "", ""
	if km >= 1 && (districts || !sameCity) {
		dA, dB = a.district, b.district
	}
	// In English a district goes by its English name, as /api/v1/divisions gives it
	// (富县 Fu County): "Yan'an (富县)" left it in Chinese.
	inEN := func(d string) string {
		if d == "" {
			return ""
		}
		return " (" + xiaoqi.PlaceEnglish(d) + ")"
	}
	switch {
	case cityA == "" || cityB == "":
		f.ZH, f.EN = unknownPlaceText(cityA, regA, enA, cityB, regB, enB)
	case sameCity && dA != "" && dB != "" && dA != dB:
		f.ZH = fmt.Sprintf("同在%s（%s与%s）%s", cityA, dA, dB, kmZH)
		f.EN = fmt.Sprintf("Both in %s (%s and %s)%s", enA, xiaoqi.PlaceEnglish(dA), xiaoqi.PlaceEnglish(dB), kmEN)
	case sameCity:
		f.ZH, f.EN = "同在"+cityA+kmZH, "Both in "+enA+kmEN
	case sameRegion:
		f.ZH = fmt.Sprintf("%s%s与%s%s同属%s%s", cityA, dA, cityB, dB, regA, kmZH)
		f.EN = fmt.Sprintf("%s%s and %s%s, both in %s%s", enA, inEN(dA), enB, inEN(dB), xiaoqi.RegionEnglish(regA), kmEN)
	default:
		f.ZH = fmt.Sprintf("%s%s（%s）与%s%s（%s）%s", cityA, dA, regionZH(cityA, regA), cityB, dB, regionZH(cityB, regB), kmZH)
		f.EN = fmt.Sprintf("%s%s (%s) and %s%s (%s)%s", enA, inEN(dA), regionEN(cityA, regA), enB, inEN(dB), regionEN(cityB, regB), kmEN)
	}
	return f
}

// unknownPlaceScore is the distance score of a party whose place is not known: the middle of
// the scale, what another city of the same region gets at least, neither the 1 of the same city
// nor the 0.3 of a place outside Shaanxi.
const unknownPlaceScore = 0.5

// unknownCity reports whether city says where a party is not: none, or the province alone.
func unknownCity(city string) bool { return city == "" || provinceOnly(city) }

// unknownPlaceText says that a party's place is not known, and where the other is, if known.
func unknownPlaceText(cityA string, regA xiaoqi.Region, enA string, cityB string, regB xiaoqi.Region, enB string) (zh, en string) {
	other, otherEN := cityB, enB
	r := regB
	if cityB == "" {
		other, otherEN, r = cityA, enA, regA
	}
	if other == "" {
		return "双方地点均不详，无从比较远近", "Both places unknown: no distance can be told"
	}
	return fmt.Sprintf("地点不详，无从比较与%s（%s）的远近", other, regionZH(other, r)),
		fmt.Sprintf("Place unknown: no distance to %s (%s) can be told", otherEN, regionEN(other, r))
}

// provinceOnly reports whether city names the province itself, not a city of it: a posting
// that says 陕西省 only is in Shaanxi, its city unknown.
func provinceOnly(city string) bool { return city == "陕西省" || city == "陕西" }

// regionZH and regionEN name the region of city r in a text; no region means outside Shaanxi
// (or a place the data does not name), except for the province itself, whose city is not
// known: 陕西省 was said to be 省外 (outside Shaanxi).
func regionZH(city string, r xiaoqi.Region) string {
	switch {
	case r != "":
		return string(r)
	case provinceOnly(city):
		return "未注明城市"
	}
	return "省外"
}

func regionEN(city string, r xiaoqi.Region) string {
	switch {
	case r != "":
		return xiaoqi.RegionEnglish(r)
	case provinceOnly(city):
		return "city not given"
	}
	return "outside Shaanxi"
}

// cityEnglish is a city's English name, Shaanxi for the province itself.
func cityEnglish(city string) string {
	if provinceOnly(city) {
		return "Shaanxi"
	}
	return xiaoqi.CityEnglish(city)
}
