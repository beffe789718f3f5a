// Package romanize reads Chinese characters in pinyin, the package of the outside dependency
// github.com/mozillazg/go-pinyin. Importing it lets the domain package hide a candidate's
// name written in pinyin (xiaoqi.SetNameReadings), as the root imports only the standard
// library; search spells names in pinyin with it for suggestions.
package romanize

import (
	"github.com/mozillazg/go-pinyin"

	"github.com/xiaoqi-dev/xiaoqi"
)

func init() { xiaoqi.SetNameReadings(Readings) }

// Readings returns the pinyin readings of the Chinese character r, without tones, the most
// common first (单: dan, shan, chan); none for a character it cannot read.
func Readings(r rune) []string {
	args := pinyin.NewArgs()
	args.Heteronym = true
	return pinyin.SinglePinyin(r, args)
}
