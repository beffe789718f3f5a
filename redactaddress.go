package xiaoqi

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Street addresses down to the door, for Redact.
var (
	// A street address down to the door: 科技路10号, 长安南路 88 号 3 号楼 2 单元 501 室 (not the
	// words before it: 住在, 位于), also with
	// the part of the street (雁塔路南段99号) and a building named after the number, with its
	// floor or room (锦业路1号都市之门A座1501): 雁塔路南段99号 and the room of 锦业路1号都市之门A座1501
	// were shown.
	textAddressPattern = regexp.MustCompile(`[^\s\p{P}市区县省镇乡住在于是的和与及]{0,6}(?:路|街|巷|大道|大街|胡同|道)(?:[东南西北中]段|[东西南北]侧|[一二三四五六七八九十]段)?\s*[0-9一二三四五六七八九十百]+\s*号(?:院)?` +
		`(?:\s*[^\s\p{P}0-9A-Za-z]{0,8}?\s*[0-9A-Za-z一二三四五六七八九十]+\s*(?:号楼|栋|幢|座|单元|层|楼|室|号|房)(?:[0-9]{3,5}(?:\s*[室房])?)?)*`)
	// What is left of a building and its door without the street, also after the name of its
	// estate: 3号楼2单元501室, 12栋1单元301, 3号楼501室, 曲江池小区5栋1203, A座1501. A building
	// without a door (3号楼, 两栋楼) stays, and so does a room that is not right after its
	// building (20栋 300户).
	textDoorPattern = regexp.MustCompile(`(?:[^\s\p{P}0-9A-Za-z市区县省镇乡路街住在于是的和与及]{0,6}(?:小区|花园|公寓|家园|新村|社区|大厦|公馆|华庭|苑|府|庭|园|城))?\s*` +
		`[0-9A-Za-z]+\s*(?:号楼|栋|幢|座)\s*(?:[0-9]+\s*(?:单元|层)(?:\s*[0-9]+\s*(?:室|号|房)?)?|[0-9]+\s*(?:室|房)|[0-9]{3,5})`)
	// A street address in English, number first or last, and a flat or suite after it:
	// 221B Baker Street, 10 Downing St., 1600 Pennsylvania Avenue NW, Baker Street 221B,
	// Hauptstraße 5. Returnees wrote where they lived abroad into the country of their studies.
	textStreetPatternEn = regexp.MustCompile(`\b[0-9]{1,5}[A-Za-z]?,?\s+(?:[A-Z][A-Za-z'’-]*\.?\s+){1,3}` + enStreet + `(?:\s+(?:NW|NE|SW|SE|N|S|E|W)\b)?` + enFlat +
		`|\b(?:[A-Z][A-Za-z'’-]*\s+){1,3}` + enStreet + `\s+[0-9]{1,3}[A-Za-z]?\b` + enFlat +
		`|\b[A-Z][a-zäöü]+(?:straße|strasse|gasse|weg|platz|allee)\s+[0-9]{1,3}[a-z]?\b`)
)

const (
	// The words that end the name of a street in English; not Place or Court, which end other
	// names too (2019 Best Place to Work, 2 Supreme Court cases).
	enStreet = `(?i:street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|terrace|close|crescent|square|gardens|parkway|pkwy|highway|hwy)\b\.?`
	// A flat, suite or room after a street address.
	enFlat = `(?:,?\s*(?i:apt|apartment|flat|unit|suite|ste|room|rm)\.?\s*#?[0-9A-Za-z-]+)?`
)

// addressNotDoor are the characters after a number and 号 that make it not a door: 轨道3号线
// is a metro line, 1号店 a shop, 2号位 a position.
const addressNotDoor = "线店位机站口"

// replaceAddresses writes mark for what re finds in s, but for a match that ends with 号 and
// goes on with a character of addressNotDoor.
func replaceAddresses(re *regexp.Regexp, s, mark string) string {
	ms := re.FindAllStringIndex(s, -1)
	if ms == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range ms {
		next, _ := utf8.DecodeRuneInString(s[m[1]:])
		if strings.HasSuffix(s[m[0]:m[1]], "号") && strings.ContainsRune(addressNotDoor, next) {
			continue
		}
		b.WriteString(s[last:m[0]])
		b.WriteString(mark)
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String()
}
