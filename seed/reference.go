package seed

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Majors returns the 883 majors of the MOE undergraduate catalogue (2026), ordered by code as
// in data/majors.csv, each with its English name (data/majors_en.csv). Each call reads the
// embedded files anew; the caller owns the result.
func Majors() ([]xiaoqi.Major, error) {
	rows, err := readCSV("majors.csv")
	if err != nil {
		return nil, err
	}
	en, err := MajorsEnglish()
	if err != nil {
		return nil, err
	}
	out := make([]xiaoqi.Major, 0, len(rows))
	for i, r := range rows {
		m := xiaoqi.Major{
			Code: r["code"], Name: r["name"],
			ClassCode: r["class_code"], ClassName: r["class_name"],
			CategoryCode: r["category_code"], CategoryName: r["category_name"],
			Special: r["is_special_T"] == "1", Controlled: r["is_controlled_K"] == "1",
			GraduatesScale: r["graduates_scale"],
			NameEN:         en[r["code"]][1],
		}
		if !xiaoqi.ValidMajorCode(m.Code) || m.Name == "" {
			return nil, fmt.Errorf("seed: majors.csv line %d: bad major %q %q", i+2, m.Code, m.Name)
		}
		if s := r["offering_schools_total"]; s != "" {
			if m.OfferingSchools, err = strconv.Atoi(s); err != nil {
				return nil, fmt.Errorf("seed: majors.csv line %d: offering_schools_total %q: %w", i+2, s, err)
			}
		}
		if d := r["employment_directions"]; d != "" {
			m.EmploymentDirections = strings.Split(d, "|")
		}
		out = append(out, m)
	}
	return out, nil
}

// MajorsEnglish returns the rows of data/majors_en.csv by major code: the Chinese name and the
// English name, translations written for xiaoqi (data/SOURCE.md), not an official MOE list.
// It refuses a row without a code or either name, and a code given twice.
func MajorsEnglish() (map[string][2]string, error) {
	rows, err := readCSV("majors_en.csv")
	if err != nil {
		return nil, err
	}
	out := make(map[string][2]string, len(rows))
	for i, r := range rows {
		code, zh, en := r["code"], strings.TrimSpace(r["name"]), strings.TrimSpace(r["name_en"])
		if !xiaoqi.ValidMajorCode(code) || zh == "" || en == "" {
			return nil, fmt.Errorf("seed: majors_en.csv line %d: bad row %q %q %q", i+2, code, zh, en)
		}
		if _, dup := out[code]; dup {
			return nil, fmt.Errorf("seed: majors_en.csv line %d: major %s given twice", i+2, code)
		}
		out[code] = [2]string{zh, en}
	}
	return out, nil
}

// renamed maps the 2016 codes of divisions_geo.csv to the code and name of the unit in the
// 2023 division codes of the National Bureau of Statistics (seven counties became districts or
// county-level cities since); the coordinates stay those of the same place.
var renamed = map[string][2]string{
	"610125": {"610118", "鄠邑区"}, "610322": {"610305", "凤翔区"}, "610427": {"610482", "彬州市"},
	"610623": {"610681", "子长市"}, "610721": {"610703", "南郑区"}, "610821": {"610881", "神木市"},
	"610928": {"610981", "旬阳市"},
}

// Divisions returns the administrative divisions of Shaanxi with their 2023 codes and names: the 10 cities, their 107
// county-level units (the statistical "市辖区" rows left out) and the two new areas that policy
// item (7) names beside the cities, 西咸新区 and 杨凌示范区, each with its region. Coordinates
// are the unit's centre in WGS-84 (converted from the GCJ-02 of the source); 西咸新区 has none.
func Divisions() ([]xiaoqi.Division, error) {
	rows, err := readCSV("divisions_geo.csv")
	if err != nil {
		return nil, err
	}
	var out []xiaoqi.Division
	var yangling *xiaoqi.GeoPoint
	for _, r := range rows {
		level := r["level"]
		if level == "province" || r["name"] == "市辖区" {
			continue
		}
		if level != xiaoqi.DivisionCity && level != xiaoqi.DivisionCounty {
			return nil, fmt.Errorf("seed: divisions_geo.csv: %s: unknown level %q", r["name"], level)
		}
		d := xiaoqi.Division{Code: r["adcode"], Name: r["name"], Level: level, City: r["city"], Region: xiaoqi.RegionOf(r["city"])}
		if n, ok := renamed[d.Code]; ok {
			d.Code, d.Name = n[0], n[1]
		}
		if d.Region == "" {
			return nil, fmt.Errorf("seed: divisions_geo.csv: %s: city %q has no region", d.Name, d.City)
		}
		lon, err1 := strconv.ParseFloat(r["longitude"], 64)
		lat, err2 := strconv.ParseFloat(r["latitude"], 64)
		if err1 == nil && err2 == nil {
			lat, lon = gcjToWGS(lat, lon)
			d.Geo = &xiaoqi.GeoPoint{Lat: round6(lat), Lon: round6(lon)}
		}
		if d.Name == "杨陵区" {
			yangling = d.Geo
		}
		out = append(out, d)
	}
	out = append(out,
		xiaoqi.Division{Name: "西咸新区", Level: xiaoqi.DivisionNewArea, City: "西安市", Region: xiaoqi.RegionOf("西咸新区"),
			Note: "国家级新区，跨西安、咸阳两市，2017年起由西安市代管；无独立行政区划代码 / national new area across Xi'an and Xianyang, administered by Xi'an since 2017; it has no division code of its own"},
		xiaoqi.Division{Code: "610403", Name: "杨凌示范区", Level: xiaoqi.DivisionNewArea, City: "咸阳市", Region: xiaoqi.RegionOf("杨凌示范区"), Geo: yangling,
			Note: "杨凌农业高新技术产业示范区，辖咸阳市杨陵区 / Yangling agricultural high-tech demonstration zone, covering Yangling district of Xianyang"},
	)
	for i := range out {
		out[i].NameEN = xiaoqi.PlaceEnglish(out[i].Name)
	}
	return out, nil
}

// Reference returns the reference data the API serves read-only: the major catalogue and the
// divisions of Shaanxi.
func Reference() (*xiaoqi.Reference, error) {
	m, err := Majors()
	if err != nil {
		return nil, err
	}
	d, err := Divisions()
	if err != nil {
		return nil, err
	}
	return &xiaoqi.Reference{Majors: m, Divisions: d}, nil
}
