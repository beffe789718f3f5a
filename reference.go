package xiaoqi

// Major is a major of the MOE undergraduate catalogue (《普通高等学校本科专业目录（2026年）》):
// reference data, not a stored document. The seed package embeds all 883 and the API serves
// them read-only at /api/v1/majors.
type Major struct {
	// Code is the catalogue code: six digits with an optional T/K suffix (080902, 080910T).
	Code string `json:"code"`
	Name string `json:"name"`
	// NameEN is the major's English name, as Chinese universities write it on transcripts and
	// websites (软件工程 Software Engineering). A translation written for xiaoqi
	// (seed/data/majors_en.csv), not an official MOE list.
	NameEN string `json:"name_en,omitempty"`
	// ClassCode and ClassName are the 专业类 (0809 计算机类).
	ClassCode string `json:"class_code"`
	ClassName string `json:"class_name"`
	// CategoryCode and CategoryName are the 学科门类 (08 工学).
	CategoryCode string `json:"category_code"`
	CategoryName string `json:"category_name"`
	// Special (T) and Controlled (K) are the catalogue's flags.
	Special    bool `json:"special,omitempty"`
	Controlled bool `json:"controlled,omitempty"`
	// GraduatesScale is the national number of graduates a year as 阳光高考 gives it
	// ("2500-3000", "100000人以上"); empty when unknown.
	GraduatesScale string `json:"graduates_scale,omitempty"`
	// OfferingSchools is the number of schools in China that offer the major (0 when unknown).
	OfferingSchools int `json:"offering_schools,omitempty"`
	// EmploymentDirections lists the jobs graduates go to (软件工程师, 测试工程师 …).
	EmploymentDirections []string `json:"employment_directions,omitempty"`
}

// Division levels.
const (
	DivisionCity    = "city"     // 地级市
	DivisionCounty  = "county"   // 县级单位: 市辖区, 县, 县级市
	DivisionNewArea = "new_area" // 西咸新区 and 杨凌示范区, named as regions by policy item (7)
)

// Division is an administrative division of Shaanxi: one of the 10 cities, one of the 107
// county-level units, or one of the two new areas that policy item (7) names beside the
// cities. Reference data, served read-only at /api/v1/divisions.
type Division struct {
	// Code is the 6-digit administrative code (610113); empty for 西咸新区, which has none.
	Code string `json:"code,omitempty"`
	Name string `json:"name"`
	// NameEN is the English name, the pinyin (雁塔区 → Yanta District: PlaceEnglish).
	NameEN string `json:"name_en,omitempty"`
	Level  string `json:"level"`
	// City is the city the unit belongs to (the city itself for a city).
	City   string    `json:"city"`
	Region Region    `json:"region"`
	Geo    *GeoPoint `json:"geo,omitempty"`
	// Note says what is special about the unit, in Chinese and English.
	Note string `json:"note,omitempty"`
}

// Reference is the read-only reference data that the API serves beside the stored documents.
type Reference struct {
	Majors    []Major    `json:"majors"`
	Divisions []Division `json:"divisions"`
	// Skills are the taxonomy's skills with their Chinese and English names: what a page in
	// English shows for a skill stored under its Chinese name.
	Skills []Skill `json:"skills"`
}
