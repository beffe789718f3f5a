package xiaoqi

// The types below are the answers of the matcher (package match): partnership suggestions,
// candidate and job rankings, the province-wide allocation and the insights. They live here
// so that the API can name them without importing the matcher (README: How it is built).

// MatchParty names one side of a suggestion: an institution, an enterprise or a job need.
type MatchParty struct {
	Type Kind   `json:"type"`
	ID   string `json:"id"`
	Name string `json:"name"`
	// NameEN is an institution's English name as the school writes it (Institution.NameEN),
	// when known.
	NameEN    string `json:"name_en,omitempty"`
	City      string `json:"city,omitempty"`
	Synthetic bool   `json:"synthetic"`
	// Verified is set for enterprises and job needs only: whether the enterprise (of the job)
	// has a valid 统一社会信用代码 (ValidCreditCode). An unverified one is shown as such.
	Verified *bool `json:"verified,omitempty"`
}

// MatchFactor is one factor of a suggestion's score with its plain-language explanation in
// Chinese (ZH) and English (EN). Weight is the factor's share of the overall score.
type MatchFactor struct {
	Factor string  `json:"factor"` // skills, capacity, degree, distance, sector, languages, policy, verification
	Score  float64 `json:"score"`
	Weight float64 `json:"weight"`
	ZH     string  `json:"zh"`
	EN     string  `json:"en"`
	// Estimate says the factor rests on estimated figures (graduates per year).
	Estimate bool `json:"estimate,omitempty"`
	// Covered, Partial and Missing name the demanded skills (Chinese names) that the other
	// side has, has only through a related skill, and lacks.
	Covered []string `json:"covered,omitempty"`
	Partial []string `json:"partial,omitempty"`
	Missing []string `json:"missing,omitempty"`
	// Policies are the numbers of the policy items that support the pairing.
	Policies []int `json:"policies,omitempty"`
}

// Match is one ranked suggestion: a pair of parties, its score in [0, 1] and its factors.
// Candidate is set for candidate rankings; the API shows it only anonymised.
type Match struct {
	Institution *MatchParty   `json:"institution,omitempty"`
	Enterprise  *MatchParty   `json:"enterprise,omitempty"`
	Job         *MatchParty   `json:"job,omitempty"`
	Candidate   *Candidate    `json:"candidate,omitempty"`
	Score       float64       `json:"score"`
	Synthetic   bool          `json:"synthetic"`
	Factors     []MatchFactor `json:"factors"`
}

// MatchList is a ranking for one party (For). Considered is how many candidates the skill
// index proposed before ranking.
type MatchList struct {
	For        MatchParty `json:"for"`
	Considered int        `json:"considered"`
	Synthetic  bool       `json:"synthetic"`
	Data       []Match    `json:"data"`
	// ZH and EN say, when Data is empty, why: the party has no open job needs, no programs,
	// no skills the taxonomy knows, or nobody matches what it asks for or teaches.
	ZH string `json:"zh,omitempty"`
	EN string `json:"en,omitempty"`
}

// Scope narrows the province-wide allocation and the insights. Empty fields mean all.
type Scope struct {
	Region Region `json:"region,omitempty"`
	City   string `json:"city,omitempty"`
	Sector Sector `json:"sector,omitempty"`
	// RealOnly leaves synthetic documents out of the figures (the gap report and the
	// returnee dossier honour it).
	RealOnly bool `json:"real_only,omitempty"`
}

// Assignment is one enterprise–institution pair of an allocation with the graduates a year
// it assigns to the enterprise's openings.
type Assignment struct {
	Enterprise  MatchParty `json:"enterprise"`
	Institution MatchParty `json:"institution"`
	Units       int        `json:"units"`
	Score       float64    `json:"score"`
}

// AllocationSummary counts what one allocation method fills.
type AllocationSummary struct {
	Method   string  `json:"method"`
	Openings int     `json:"openings"`
	Filled   int     `json:"filled"`
	Unfilled int     `json:"unfilled"`
	FillRate float64 `json:"fill_rate"`
	// Unserved is the number of enterprises left with at least one unfilled opening.
	Unserved int    `json:"unserved_enterprises"`
	ZH       string `json:"zh"`
	EN       string `json:"en"`
}

// Allocation is the province-wide, capacity-aware allocation of graduates to openings, with
// what greedy per-enterprise ranking would fill beside it.
type Allocation struct {
	Scope       Scope             `json:"scope"`
	Allocation  AllocationSummary `json:"allocation"`
	Greedy      AllocationSummary `json:"greedy"`
	Estimated   bool              `json:"estimated"`
	Synthetic   bool              `json:"synthetic"`
	Assignments []Assignment      `json:"assignments"`
	// Truncated is set when Assignments was cut to the requested limit.
	Truncated bool `json:"truncated,omitempty"`
}

// SuggestedMajor is a catalogue major that would teach a missing skill.
type SuggestedMajor struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// NameEN is the major's English name (seed/data/majors_en.csv), when the matcher was
	// given them (match.Matcher.WithMajorNames).
	NameEN string `json:"name_en,omitempty"`
}

// PlacedInstitution is an institution well placed to add a major or course: it already
// teaches related skills.
type PlacedInstitution struct {
	MatchParty
	Related []string `json:"related"`
	// Offers are the suggested majors (catalogue codes) it offers already: the others are its
	// to add.
	Offers []string `json:"offers,omitempty"`
}

// SkillGap is a demanded skill that the programs of a region teach too little of.
type SkillGap struct {
	Skill   string `json:"skill"`
	SkillEN string `json:"skill_en"`
	Demand  int    `json:"demand"` // openings that ask for it
	// SyntheticDemand is how many of those openings are synthetic job needs (the default
	// data set's): the figure a reader must discount.
	SyntheticDemand int     `json:"synthetic_demand"`
	Supply          int     `json:"supply"` // graduates a year of programs teaching it (in a course or at the core)
	Ratio           float64 `json:"ratio"`  // supply / demand
	// TouchedPrograms and TouchedGraduates are the programs of the scope that only touch on
	// the skill (an elective, a tool used in passing) and their graduates a year, which Supply
	// leaves out: said beside it, so that a school whose program lists the skill is not told
	// that nobody is taught it.
	TouchedPrograms  int              `json:"touched_programs"`
	TouchedGraduates int              `json:"touched_graduates"`
	Majors           []SuggestedMajor `json:"majors"`
	// Course is set when no catalogue major teaches the skill (practice skills such as
	// offshore delivery), or when no university of the scope is placed to add the major (a
	// training institution could start a course first): a course to add, named by the skill
	// (Chinese name).
	Course     string              `json:"course,omitempty"`
	BestPlaced []PlacedInstitution `json:"best_placed"`
	ZH         string              `json:"zh"`
	EN         string              `json:"en"`
}

// GapReport answers "which demanded skills do the programs here not teach enough of".
type GapReport struct {
	Scope     Scope `json:"scope"`
	Estimated bool  `json:"estimated"`
	// Synthetic is set when a synthetic job need or program counts in the figures.
	Synthetic bool `json:"synthetic"`
	// GapRatio is the graduates a year per opening below which a skill is a gap: a client
	// that words a gap itself (a course for a training institution) says why one whose
	// graduates outnumber its openings (118 for 98) is a gap still.
	GapRatio float64    `json:"gap_ratio"`
	Gaps     []SkillGap `json:"gaps"`
}

// PolicyQuote quotes a policy item that supports a pairing or a dossier.
type PolicyQuote struct {
	Number  int    `json:"number"`
	Heading string `json:"heading"`
	Quote   string `json:"quote"`
	EN      string `json:"en"`
}

// Dossier is the returnee dossier for starting an outsourcing company in a sector and city.
type Dossier struct {
	Scope         Scope `json:"scope"`
	OpenHeadcount int   `json:"open_headcount"`
	OpenJobs      int   `json:"open_jobs"`
	// SyntheticHeadcount is how many of the open positions are of synthetic job needs.
	SyntheticHeadcount int `json:"synthetic_headcount"`
	// SalaryMedian is the median monthly salary, in yuan, of the open job needs that state one
	// (SalaryJobs of them), each counted at the middle of its range (the 1万 of 1万以上): what
	// a founder's firm competes with for people. 0 when none states one.
	SalaryMedian int `json:"salary_median,omitempty"`
	SalaryJobs   int `json:"salary_jobs"`
	// GraduateSupply is the graduates a year of programs related to the sector (SupplySkills)
	// at the schools of the scope's city, else of its region, else of the province;
	// RegionGraduateSupply those of the city's region, when the scope names a city.
	GraduateSupply       int           `json:"graduate_supply"`
	RegionGraduateSupply int           `json:"region_graduate_supply,omitempty"`
	SupplySkills         []string      `json:"supply_skills"`
	Estimated            bool          `json:"estimated"`
	Synthetic            bool          `json:"synthetic"`
	TopSkills            []string      `json:"top_skills"`
	Competitors          []MatchParty  `json:"competitors"`
	PartnerSchools       []MatchParty  `json:"partner_schools"`
	Policies             []PolicyQuote `json:"policies"`
	ZH                   string        `json:"zh"`
	EN                   string        `json:"en"`
}
