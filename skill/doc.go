// Package skill owns the skill taxonomy of xiaoqi: the canonical skills of Shaanxi's
// service-outsourcing sectors with Chinese and English names, aliases, misspellings,
// categories, related skills and the catalogue majors that teach them, and Extract, which
// finds those skills in Chinese and English text.
//
// The data is embedded (data/) and parsed by Load; nothing is read at init. The mapping from
// majors to skills in data/majors.tsv is generated from the MOE catalogue plus curated rules:
//
//	go generate ./skill/
package skill

//go:generate go run ./internal/gen -catalog ../seed/data/majors.csv -rules internal/gen/rules.txt -skills data/skills.txt -out data/majors.tsv
