// Package match suggests school–enterprise partnerships that explain themselves (policy item
// (12), README: Matching): it scores an institution against an enterprise factor by factor
// (skills, fit, capacity, degree, distance, sector, languages, policy; and, weighing nothing,
// a verification note when the enterprise has no valid credit code), ranks candidates for
// job needs and job needs for candidates (skills, degree, place, experience, languages),
// allocates graduates to openings with capacities, and reports skill gaps and the returnee
// dossier. Languages go by family and level (language.go), not by the taxonomy's relations.
//
// # Model
//
// A Matcher holds an in-memory model of the store's documents: institutions with their
// programs, enterprises with their open job needs, candidates and the policy items. Skills
// are the taxonomy's (package skill); a skill a document names that the taxonomy does not
// know is left out of scoring, and the skills factor says so. The model is built once from Store.List and then follows the
// store's change feed: every query first asks the store for its LastSeq (one cheap read) and,
// when the store has moved on, applies the new changes to the documents and rebuilds the
// derived indexes into a new immutable snapshot. Queries never see a half-built model, a
// burst of writes costs one rebuild at the next query, and a query always sees the writes
// acknowledged before it started. A timer was the alternative; it would answer with stale
// data for up to one period and rebuild when nobody asks.
//
// # Candidates, not all pairs
//
// Candidate pairs come from inverted skill indexes (skill → programs, skill → enterprises,
// skill → job needs, skill → candidates), walked for each demanded skill and its related
// skills (weights from the taxonomy). The best candidates by skill coverage are then scored
// on every factor; only those returned get explanation texts.
//
// # Allocation
//
// Allocate ranks every enterprise's institutions (a shortlist of 64 by skill coverage, scored
// on every factor without texts) on all CPUs, then runs deferred acceptance with quotas and
// augmenting paths. The coverage of each program, which decides the capacity of a pair, is
// summed in the same skill-index walk that finds the institutions, once per enterprise;
// computing it per pair took two thirds of the time (profiled: 14.9 s → 2.3–2.6 s at province
// scale, BenchmarkAllocate).
//
// # Distance
//
// The distance factor (distance.go) is 1 within one city, then falls with the kilometres
// between the parties' points, never below 0.5 within one region; 0.3 for a place outside
// Shaanxi without a point. A place not known (no city, or the province alone) is neither near
// nor far: 0.5, and said to be unknown (地点不详), not outside Shaanxi. A party without a
// point of its own (all but the seed's: the API, the HR form and imports store none, and
// candidates have none) stands at its district's centre, else its city's (WithPlaces). Between an
// enterprise and an institution the distance is measured from where the enterprise's open job
// needs are posted, weighed by openings (sites.go), not from where it is registered.
//
// # Estimates
//
// A program without a yearly number of graduates is counted with an estimate by degree
// (EstimatedGraduates) and every text that uses it says 估算 / estimate.
package match
