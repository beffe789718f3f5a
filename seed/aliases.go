package seed

import (
	"fmt"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// InstitutionAliases returns the well-known abbreviations of Shaanxi's institutions
// (data/institution_aliases.csv): abbreviation → the full names it stands for (西电 →
// 西安电子科技大学, 交大 → 西安交通大学). Search applies them at query time, so editing the
// file needs no index rebuild.
func InstitutionAliases() (map[string][]string, error) {
	rows, err := readCSV("institution_aliases.csv")
	if err != nil {
		return nil, err
	}
	out := make(map[string][]string, len(rows))
	for i, r := range rows {
		alias, name := strings.TrimSpace(r["alias"]), strings.TrimSpace(r["name"])
		if alias == "" || name == "" {
			return nil, fmt.Errorf("简称和全称均不能为空 / seed: institution_aliases.csv row %d: alias and name are both required", i+2)
		}
		out[alias] = append(out[alias], name)
	}
	return out, nil
}

// InstitutionOtherNames returns the names an import may give a school by besides its own: the
// abbreviations (InstitutionAliases: 西电, 西安交大) and the English names
// (InstitutionEnglishNames: Xidian University), each to the full names it stands for, for
// ingest.Options.InstitutionNames.
func InstitutionOtherNames() (map[string][]string, error) {
	out, err := InstitutionAliases()
	if err != nil {
		return nil, err
	}
	en, err := InstitutionEnglishNames()
	if err != nil {
		return nil, err
	}
	for name, e := range en {
		out[e] = append(out[e], name)
	}
	return out, nil
}

// CityPoints returns the WGS-84 centre of every Shaanxi city by its full name (西安市), of
// 杨凌示范区 (the centre of 杨陵区), and of every county-level unit as city/name (西安市/周至县,
// by its 2023 name and its old one: 西安市/鄠邑区 and 西安市/户县), for search
// (search.Options.Cities): a document is placed at its district's centre, else its city's, and a
// distance filter may start from a city.
func CityPoints() (map[string]xiaoqi.GeoPoint, error) {
	geo, err := loadGeo()
	if err != nil {
		return nil, err
	}
	out := map[string]xiaoqi.GeoPoint{}
	for name, p := range geo {
		if name != "陕西省" {
			out[name] = p
		}
	}
	if p, ok := geo["咸阳市/杨陵区"]; ok {
		out["杨凌示范区"] = p
	}
	return out, nil
}

// InstitutionEnglishNames returns the English names of the institutions of institutions.csv
// as the schools themselves write them (data/institution_names_en.csv: 西安交通大学 → Xi'an
// Jiaotong University, 西安电子科技大学 → Xidian University), by Chinese name. Schools whose
// English name is not known for sure have none. Every row must name an institution of
// institutions.csv by its code and name.
func InstitutionEnglishNames() (map[string]string, error) {
	rows, err := readCSV("institution_names_en.csv")
	if err != nil {
		return nil, err
	}
	insts, err := readCSV("institutions.csv")
	if err != nil {
		return nil, err
	}
	byCode := make(map[string]string, len(insts))
	for _, r := range insts {
		byCode[r["code"]] = r["name"]
	}
	out := make(map[string]string, len(rows))
	seen := map[string]int{}
	for i, r := range rows {
		code, name, en := strings.TrimSpace(r["code"]), strings.TrimSpace(r["name"]), strings.TrimSpace(r["name_en"])
		switch {
		case code == "" || name == "" || en == "":
			return nil, fmt.Errorf("学校标识码、中文名和英文名均不能为空 / seed: institution_names_en.csv row %d: code, name and name_en are all required", i+2)
		case byCode[code] != name:
			return nil, fmt.Errorf("学校标识码 %s 与校名 %s 不符 / seed: institution_names_en.csv row %d: code %s is not %s in institutions.csv", code, name, i+2, code, name)
		case out[name] != "":
			return nil, fmt.Errorf("%s 重复 / seed: institution_names_en.csv row %d: %s is given twice", name, i+2, name)
		}
		if j, ok := seen[strings.ToLower(en)]; ok {
			return nil, fmt.Errorf("英文名 %s 重复 / seed: institution_names_en.csv row %d: %s is also row %d's", en, i+2, en, j)
		}
		seen[strings.ToLower(en)] = i + 2
		out[name] = en
	}
	return out, nil
}

// SearchData is what the search index takes from the default data set and applies at query
// time (search.Options): the institutions' abbreviations and English names, the cities'
// centres and the catalogue's majors with their English names.
type SearchData struct {
	Aliases      map[string][]string
	Cities       map[string]xiaoqi.GeoPoint
	Majors       []xiaoqi.Major
	EnglishNames map[string]string
}

// LoadSearchData reads SearchData: InstitutionAliases, CityPoints, Majors and
// InstitutionEnglishNames.
func LoadSearchData() (SearchData, error) {
	var d SearchData
	var err error
	if d.Aliases, err = InstitutionAliases(); err != nil {
		return d, err
	}
	if d.Cities, err = CityPoints(); err != nil {
		return d, err
	}
	if d.Majors, err = Majors(); err != nil {
		return d, err
	}
	d.EnglishNames, err = InstitutionEnglishNames()
	return d, err
}
