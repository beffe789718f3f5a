package seed

import (
	"math"
	"strconv"

	"github.com/xiaoqi-dev/xiaoqi"
)

// loadGeo returns the WGS-84 centre of every Shaanxi city and county-level unit by name.
func loadGeo() (map[string]xiaoqi.GeoPoint, error) {
	rows, err := readCSV("divisions_geo.csv")
	if err != nil {
		return nil, err
	}
	out := make(map[string]xiaoqi.GeoPoint, len(rows))
	for _, r := range rows {
		lon, err1 := strconv.ParseFloat(r["longitude"], 64)
		lat, err2 := strconv.ParseFloat(r["latitude"], 64)
		if err1 != nil || err2 != nil {
			continue
		}
		lat, lon = gcjToWGS(lat, lon)
		p := xiaoqi.GeoPoint{Lat: round6(lat), Lon: round6(lon)}
		if r["level"] == "city" {
			out[r["name"]] = p
		} else if r["level"] == "district" || r["level"] == "county" {
			out[r["city"]+"/"+r["name"]] = p
			if n, ok := renamed[r["adcode"]]; ok {
				out[r["city"]+"/"+n[1]] = p // the 2023 name (鄠邑区 for 户县): what documents say now
			}
		}
	}
	return out, nil
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// gcjToWGS converts a GCJ-02 coordinate (the one AMap uses) to WGS-84 by one step of the
// usual inverse: accurate to a few metres, far better than a city centre needs.
func gcjToWGS(lat, lon float64) (float64, float64) {
	dLat, dLon := gcjDelta(lat, lon)
	return lat - dLat, lon - dLon
}

func gcjDelta(lat, lon float64) (float64, float64) {
	const a = 6378245.0
	const ee = 0.00669342162296594323
	x, y := lon-105.0, lat-35.0
	dLat := -100.0 + 2.0*x + 3.0*y + 0.2*y*y + 0.1*x*y + 0.2*math.Sqrt(math.Abs(x))
	dLat += (20.0*math.Sin(6.0*x*math.Pi) + 20.0*math.Sin(2.0*x*math.Pi)) * 2.0 / 3.0
	dLat += (20.0*math.Sin(y*math.Pi) + 40.0*math.Sin(y/3.0*math.Pi)) * 2.0 / 3.0
	dLat += (160.0*math.Sin(y/12.0*math.Pi) + 320*math.Sin(y*math.Pi/30.0)) * 2.0 / 3.0
	dLon := 300.0 + x + 2.0*y + 0.1*x*x + 0.1*x*y + 0.1*math.Sqrt(math.Abs(x))
	dLon += (20.0*math.Sin(6.0*x*math.Pi) + 20.0*math.Sin(2.0*x*math.Pi)) * 2.0 / 3.0
	dLon += (20.0*math.Sin(x*math.Pi) + 40.0*math.Sin(x/3.0*math.Pi)) * 2.0 / 3.0
	dLon += (150.0*math.Sin(x/12.0*math.Pi) + 300.0*math.Sin(x/30.0*math.Pi)) * 2.0 / 3.0
	radLat := lat / 180.0 * math.Pi
	magic := math.Sin(radLat)
	magic = 1 - ee*magic*magic
	sqrtMagic := math.Sqrt(magic)
	dLat = (dLat * 180.0) / ((a * (1 - ee)) / (magic * sqrtMagic) * math.Pi)
	dLon = (dLon * 180.0) / (a / sqrtMagic * math.Cos(radLat) * math.Pi)
	return dLat, dLon
}
