package seed

import (
	"fmt"
	"iter"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// StreamOptions configure Stream.
type StreamOptions struct {
	// Seed makes the output: the same Seed (and N) gives the same documents, byte for byte.
	Seed int64
	// N is the number of documents in total.
	N int
}

// MaxStream is the largest N that Stream accepts: a billion, far beyond any benchmark.
const MaxStream = 1_000_000_000

// StreamCounts returns how Stream divides n documents among the kinds: about 68% job needs,
// 20% candidates, 8% enterprises, 3% training programs and 1% training institutions, with at
// least one parent for every kind of child that occurs.
func StreamCounts(n int) Counts {
	c := Counts{Training: n / 100, Programs: n * 3 / 100, Enterprises: n * 8 / 100, Candidates: n / 5}
	if c.Programs > 0 && c.Training == 0 {
		c.Training = 1
	}
	jobs := n - c.Training - c.Programs - c.Enterprises - c.Candidates
	if jobs > 0 && c.Enterprises == 0 {
		c.Enterprises, jobs = 1, jobs-1
	}
	if jobs < 0 { // tiny n: the at-least-one parents took the place of children
		c.Candidates += jobs
	}
	c.Jobs = max(jobs, 0)
	return c
}

// KindCounts returns the counts that make n documents of kind k in the proportions of
// StreamCounts: n job needs come with n×8/68 enterprises, n programs with n/3 training
// institutions (at least one parent each). ok is false for a kind the generator does not make
// (policy items, partnerships). Pass them to Generate with only k.
func KindCounts(k xiaoqi.Kind, n int) (c Counts, ok bool) {
	switch k {
	case xiaoqi.KindInstitution:
		c.Training = n
	case xiaoqi.KindProgram:
		c.Training, c.Programs = max(1, n/3), n
	case xiaoqi.KindEnterprise:
		c.Enterprises = n
	case xiaoqi.KindJob:
		c.Enterprises, c.Jobs = max(1, n*8/68), n
	case xiaoqi.KindCandidate:
		c.Candidates = n
	default:
		return Counts{}, false
	}
	return c, true
}

// Stream generates opts.N synthetic documents of realistic shape and vocabulary for
// benchmarks and load tests: training institutions, their programs, enterprises, job needs
// and candidates, in that order (see StreamCounts), so that every reference a document makes
// (a program's institution, a job's enterprise) is to one that came before it. Candidates name
// the real universities and majors of the default set but carry no institution ids, so the
// stream is complete by itself.
//
// Every document has Synthetic set, Source "synthetic", an ExternalID unique within the seed
// ("s42-job-17") and the ID a store would give it (xiaoqi.NewID of its natural key), so it can
// also be indexed without a store. Names end with "（示例 s42-…）": they can never be mistaken
// for real ones nor collide with the default set. The output depends only on tax and opts.
// Memory does not grow with N: document i of a kind is computed from (Seed, kind, i) alone,
// and a job recomputes the enterprise it names instead of remembering it.
//
// A bad option or a missing taxonomy is yielded once as an error, with a nil document.
func Stream(tax *skill.Taxonomy, opts StreamOptions) iter.Seq2[xiaoqi.Doc, error] {
	if opts.N < 0 || opts.N > MaxStream {
		return fail(&xiaoqi.Error{Code: xiaoqi.EINVALID,
			Message: fmt.Sprintf("合成文档数量无效 invalid number of synthetic documents: N = %d, want 0 to %d", opts.N, MaxStream),
			Details: []xiaoqi.FieldError{{Field: "N", Message: fmt.Sprintf("must be between 0 and %d", MaxStream)}}})
	}
	return Generate(tax, opts.Seed, StreamCounts(opts.N), nil)
}

// Generate is Stream with the number of documents of each kind given: c.Training training
// institutions, then c.Programs programs, c.Enterprises enterprises, c.Jobs job needs and
// c.Candidates candidates. Programs need at least one training institution and job needs at
// least one enterprise. When only is not nil, the documents of the other kinds are made (a
// job names an enterprise that exists) but not yielded: Generate(tax, 1, Counts{Enterprises:
// 100, Jobs: 1000}, only(job)) yields 1,000 job needs of 100 enterprises.
//
// Programs are spread over the training institutions, each in another sector, so Programs may
// be at most 14 (the number of sectors) times Training.
func Generate(tax *skill.Taxonomy, seed int64, c Counts, only func(xiaoqi.Kind) bool) iter.Seq2[xiaoqi.Doc, error] {
	var bad []xiaoqi.FieldError
	for _, f := range []struct {
		name string
		n    int
	}{{"Training", c.Training}, {"Programs", c.Programs}, {"Enterprises", c.Enterprises}, {"Jobs", c.Jobs}, {"Candidates", c.Candidates}} {
		if f.n < 0 || f.n > MaxStream {
			bad = append(bad, xiaoqi.FieldError{Field: f.name, Message: fmt.Sprintf("must be between 0 and %d", MaxStream)})
		}
	}
	if c.Programs > 0 && c.Training == 0 {
		bad = append(bad, xiaoqi.FieldError{Field: "Training", Message: "programs need at least one training institution"})
	} else if c.Programs > 14*c.Training {
		bad = append(bad, xiaoqi.FieldError{Field: "Programs", Message: "at most 14 per training institution (one per sector)"})
	}
	if c.Jobs > 0 && c.Enterprises == 0 {
		bad = append(bad, xiaoqi.FieldError{Field: "Enterprises", Message: "job needs need at least one enterprise"})
	}
	if len(bad) > 0 {
		return fail(&xiaoqi.Error{Code: xiaoqi.EINVALID, Details: bad,
			Message: fmt.Sprintf("合成文档数量无效 invalid synthetic counts: %s %s", bad[0].Field, bad[0].Message)})
	}
	return func(yield func(xiaoqi.Doc, error) bool) {
		if c.Total() == 0 {
			return
		}
		g, err := newGenerator(tax, seed, fmt.Sprintf("s%d", seed), c, false)
		if err != nil {
			yield(nil, err)
			return
		}
		g.emit(only, func(d xiaoqi.Doc) bool { return yield(d, nil) })
	}
}

// fail returns a sequence of one error.
func fail(err error) iter.Seq2[xiaoqi.Doc, error] {
	return func(yield func(xiaoqi.Doc, error) bool) { yield(nil, err) }
}
