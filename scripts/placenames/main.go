// Command placenames writes placedata/placenames.csv of the xiaoqi module: the English names of
// the places xiaoqi stores, for the English UI and for filters written in English. Run it
// from the repository's root once the lists it reads change:
//
//	(cd scripts/placenames && go run . ../..)
//
// It is a module of its own so that the pinyin library it uses is not a dependency of the
// product, which reads the table it writes (committed as data). The official English name of
// a Chinese city or district is its Hanyu Pinyin (GB/T 16159; the State Council's rules on
// romanising place names): 雁塔区 → Yanta District, 西安市 → Xi'an, with an apostrophe before a
// syllable that starts with a, o or e. Words of several readings are read as the phrase
// dictionary of go-pinyin reads them; readings it gets wrong in place names are fixed below
// (readings), and names that are not pinyin by law or by use are given whole (fixed).
package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/mozillazg/go-pinyin"
)

// readings are the readings of characters in place names that go-pinyin reads otherwise.
var readings = map[string]string{
	"长安": "chang an", "长武": "chang wu", "长治": "chang zhi", "长沙": "chang sha", "长春": "chang chun",
	"六安": "lu an", "蚌埠": "beng bu", "乐山": "le shan", "丽水": "li shui", "丽江": "li jiang",
	"台州": "tai zhou", "单县": "shan xian", "华州": "hua zhou", "华阴": "hua yin", "洋县": "yang xian",
	"柞水": "zha shui", "汉阴": "han yin", "鄠邑": "hu yi", "岚皋": "lan gao", "吴堡": "wu bu",
	"佳县": "jia xian", "子长": "zi chang", "延长": "yan chang", "莘县": "shen xian", "大理": "da li",
	"重庆": "chong qing", "朝阳": "chao yang", "厦门": "xia men", "东莞": "dong guan", "番禺": "pan yu",
	"尉氏": "yu shi", "成都": "cheng du", "昌都": "chang du", "秦都": "qin du", "佛山": "fo shan", "佛坪": "fo ping", "亳州": "bo zhou", "泌阳": "bi yang", "铅山": "yan shan", "曲靖": "qu jing",
}

// fixed are names given whole: not pinyin by law or use (minority-language names, Hong Kong
// and Macao), and the zones and new areas, which are named in English by what they are.
var fixed = map[string]string{
	"北京市": "Beijing", "天津市": "Tianjin", "上海市": "Shanghai", "重庆市": "Chongqing",
	"香港市": "Hong Kong", "澳门市": "Macao", "呼和浩特市": "Hohhot", "乌鲁木齐市": "Urumqi", "拉萨市": "Lhasa",
	"哈尔滨市": "Harbin", "齐齐哈尔市": "Qiqihar", "鄂尔多斯市": "Ordos", "呼伦贝尔市": "Hulunbuir",
	"巴彦淖尔市": "Bayannur", "乌兰察布市": "Ulanqab", "锡林郭勒盟": "Xilingol League", "阿拉善盟": "Alxa League",
	"大兴安岭地区": "Da Hinggan Ling Prefecture", "日喀则市": "Shigatse", "克拉玛依市": "Karamay", "吐鲁番市": "Turpan",
	"博尔塔拉蒙古自治州": "Bortala Mongol Autonomous Prefecture", "巴音郭楞蒙古自治州": "Bayingolin Mongol Autonomous Prefecture",
	"阿克苏地区": "Aksu Prefecture", "克孜勒苏柯尔克孜自治州": "Kizilsu Kirghiz Autonomous Prefecture", "喀什地区": "Kashgar Prefecture",
	"和田地区": "Hotan Prefecture", "伊犁哈萨克自治州": "Ili Kazakh Autonomous Prefecture", "阿勒泰地区": "Altay Prefecture",
	"阿坝藏族羌族自治州": "Ngawa Tibetan and Qiang Autonomous Prefecture", "甘孜藏族自治州": "Garze Tibetan Autonomous Prefecture",
	"果洛藏族自治州": "Golog Tibetan Autonomous Prefecture",
	"雄安新区":    "Xiong'an New Area", "神农架林区": "Shennongjia Forestry District", "石河子市": "Shihezi",
	"西咸新区": "Xixian New Area", "杨凌示范区": "Yangling Demonstration Zone",
	"高新区": "Hi-tech Zone", "经开区": "Economic and Technological Development Zone",
	"曲江新区": "Qujiang New District", "浐灞生态区": "Chanba Ecological District",
	"国际港务区": "International Port District", "航天基地": "Aerospace Base", "航空基地": "Aviation Base",
}

func main() {
	root := "."
	if len(os.Args) > 1 {
		root = os.Args[1]
	}
	rows := [][]string{{"name", "city", "en"}}
	seen := map[string]bool{}
	add := func(name, city, en string) {
		if seen[city+"/"+name] {
			return
		}
		seen[city+"/"+name] = true
		rows = append(rows, []string{name, city, en})
	}
	for _, m := range []string{"北京市", "天津市", "上海市", "重庆市", "香港市", "澳门市", "雄安新区", "神农架林区", "石河子市", "西咸新区", "杨凌示范区"} {
		add(m, "", fixed[m])
	}
	for _, r := range read(filepath.Join(root, "ingest/data/prefectures.csv"))[1:] {
		add(r[1], "", prefecture(r[1], r[2]))
	}
	for _, r := range read(filepath.Join(root, "seed/data/divisions_geo.csv"))[1:] {
		if r[2] == "county" && r[1] != "市辖区" {
			add(r[1], r[3], county(r[1]))
		}
	}
	// The county-level units renamed since the divisions' list: their 2023 names, which
	// ingest/area.go stores.
	for _, c := range [][2]string{{"鄠邑区", "西安市"}, {"彬州市", "咸阳市"}, {"凤翔区", "宝鸡市"}, {"子长市", "延安市"},
		{"神木市", "榆林市"}, {"南郑区", "汉中市"}, {"旬阳市", "安康市"}} {
		add(c[0], c[1], county(c[0]))
	}
	for _, z := range []string{"高新区", "经开区", "曲江新区", "浐灞生态区", "国际港务区", "航天基地", "航空基地", "西咸新区"} {
		add(z, "西安市", fixed[z])
	}
	body := rows[1:]
	sort.SliceStable(body, func(i, j int) bool { return body[i][1] < body[j][1] })
	f, err := os.Create(filepath.Join(root, "placedata/placenames.csv"))
	check(err)
	w := csv.NewWriter(f)
	check(w.WriteAll(rows))
	check(f.Close())
	fmt.Fprintf(os.Stderr, "placenames: %d places\n", len(rows)-1)
}

// prefecture names a prefecture-level unit by its short name (深圳 → Shenzhen): a 地区, an
// autonomous prefecture or a 盟 says what it is.
func prefecture(name, short string) string {
	if en, ok := fixed[name]; ok {
		return en
	}
	en := romanise(short)
	switch {
	case strings.HasSuffix(name, "自治州"):
		return en + " Autonomous Prefecture"
	case strings.HasSuffix(name, "地区"):
		return en + " Prefecture"
	case strings.HasSuffix(name, "盟"):
		return en + " League"
	}
	return en
}

// county names a county-level unit: 雁塔区 → Yanta District, 周至县 → Zhouzhi County,
// 韩城市 → Hancheng City.
func county(name string) string {
	r := []rune(name)
	base, suffix := string(r[:len(r)-1]), string(r[len(r)-1])
	en := romanise(base)
	switch suffix {
	case "区":
		return en + " District"
	case "县":
		return en + " County"
	case "市":
		return en + " City"
	}
	return romanise(name)
}

// romanise writes s in pinyin, one word, capitalised, with an apostrophe before a syllable
// that starts with a vowel.
func romanise(s string) string {
	var syll []string
	r := []rune(s)
	for i := 0; i < len(r); {
		if i+1 < len(r) {
			if rd, ok := readings[string(r[i:i+2])]; ok {
				syll = append(syll, strings.Fields(rd)...)
				i += 2
				continue
			}
		}
		if rd, ok := readings[string(r[i:i+1])]; ok {
			syll = append(syll, rd)
			i++
			continue
		}
		p := pinyin.LazyPinyin(string(r[i]), pinyin.NewArgs())
		if len(p) == 0 {
			panic("placenames: no pinyin for " + string(r[i]) + " in " + s)
		}
		syll = append(syll, p[0])
		i++
	}
	// Phrases first: go-pinyin reads a word of several characters by its dictionary.
	if ph := pinyin.LazyPinyin(s, pinyin.NewArgs()); len(ph) == len(syll) {
		for i := range syll {
			if !fromReadings(s, i) {
				syll[i] = ph[i]
			}
		}
	}
	var b strings.Builder
	for i, x := range syll {
		x = strings.ReplaceAll(x, "v", "ü") // go-pinyin writes ü as v: 吕梁 → Lüliang
		if i > 0 && strings.ContainsRune("aoe", rune(x[0])) {
			b.WriteByte('\'')
		}
		b.WriteString(x)
	}
	out := b.String()
	return strings.ToUpper(out[:1]) + out[1:]
}

// fromReadings reports whether the i-th character of s is read by readings.
func fromReadings(s string, i int) bool {
	r := []rune(s)
	for j := 0; j+1 < len(r); j++ {
		if _, ok := readings[string(r[j:j+2])]; ok && (i == j || i == j+1) {
			return true
		}
	}
	_, ok := readings[string(r[i])]
	return ok
}

func read(path string) [][]string {
	f, err := os.Open(path)
	check(err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	check(err)
	return rows
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "placenames:", err)
		os.Exit(1)
	}
}
