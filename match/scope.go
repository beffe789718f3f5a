package match

import (
	"fmt"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// checkScope normalises the city of a report's scope (西安 and Xi'an are 西安市) and refuses
// a city that is neither one of Shaanxi nor the city of any document (东京, a typo), and a
// city outside the region the scope also names (西安 in 陕北): both answered an empty report,
// which says "nothing here" where the caller made a mistake.
func (s *snapshot) checkScope(sc xiaoqi.Scope) (xiaoqi.Scope, error) {
	c := strings.TrimSpace(sc.City)
	if c == "" {
		sc.City = ""
		return sc, nil
	}
	if zh, ok := xiaoqi.CityNamed(c); ok {
		c = zh // Xi'an, Yangling
	}
	c = xiaoqi.NormalizeCity(c)
	sc.City = c
	r := xiaoqi.RegionOf(c)
	if r == "" && !s.cities[c] {
		return sc, invalidField("city", fmt.Sprintf("未知城市 %q：请用陕西的城市名（西安、宝鸡、杨凌示范区……）", c),
			fmt.Sprintf("unknown city %q: use a city of Shaanxi (西安 or Xi'an, 宝鸡 or Baoji, 杨凌示范区, …)", c))
	}
	if sc.Region != "" && r != "" && r != sc.Region {
		return sc, invalidField("city", fmt.Sprintf("%s属于%s，不属于%s：请只给城市，或给其所在区域", c, r, sc.Region),
			fmt.Sprintf("%s is in %s, not %s: give the city alone, or with its own region", xiaoqi.CityEnglish(c),
				xiaoqi.RegionEnglish(r), xiaoqi.RegionEnglish(sc.Region)))
	}
	return sc, nil
}

// invalidField is the error of a bad parameter, said in Chinese and English.
func invalidField(field, zh, en string) error {
	msg := field + ": " + zh + " / " + en
	return &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: msg, Details: []xiaoqi.FieldError{{Field: field, Message: zh + " / " + en}}}
}
