package search

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/xiaoqi-dev/xiaoqi"
)

var _ xiaoqi.Index = (*Index)(nil)

// Errors of the search package.
var (
	// ErrMappingChanged is returned by Open for an index built by another version of the
	// mapping; rebuild it with Rebuild (`xiaoqi reindex`).
	ErrMappingChanged = errors.New("search: index was built with another mapping; rebuild it (xiaoqi reindex)")
	// ErrClosed is returned by the methods of a closed Index.
	ErrClosed = errors.New("search: index closed")
	// ErrInUse is returned by Open and Rebuild when another process has the index open (a
	// serve of the same data directory) for longer than LockTimeout.
	ErrInUse = errors.New("search: index in use by another process")
	// ErrUnreadable is returned by Open for an index directory it cannot read (files lost or
	// cut short). The index is derived data: remove the directory and rebuild it from the store.
	ErrUnreadable = errors.New("search: index cannot be read; remove it and rebuild it from the store")
)

// LockTimeout is how long Open and Rebuild wait for another process to release the index
// before they fail with ErrInUse.
const LockTimeout = 2 * time.Second

// runtimeConfig is what bleve is told when it opens or creates an index: give up waiting for
// another process's lock on the index after LockTimeout (bleve waits forever by default).
func runtimeConfig() map[string]any {
	return map[string]any{"bolt_timeout": LockTimeout.String()}
}

// Keys of the values the index keeps about itself, beside the documents.
const (
	keySeq     = "xiaoqi.seq"
	keyMapping = "xiaoqi.mapping"
)

// Index is the bleve index of every stored document. It is safe for concurrent use.
type Index struct {
	dir       string
	idxMu     sync.RWMutex // guards idx and idxClosed, replaced by reopen
	idx       bleve.Index
	idxClosed bool // idx was closed by a reopen that failed
	seg       *Segmenter
	analyzers analyzers
	syn       *synonyms                  // nil without a taxonomy; immutable
	aliases   map[string][]string        // folded abbreviation → full names; immutable
	majors    map[string]string          // a major's English name, as fromEnglish reads it → its Chinese name (majorTerms); immutable
	majorList []xiaoqi.Major             // Options.Majors, for suggestions (suggestEnglish); immutable
	fullNames map[string]bool            // the folded full names of aliases; immutable
	schools   *schoolNames               // institutions' English names; immutable
	pinyin    *pinyinNames               // schools, skills and majors by their pinyin (suggestPinyin); immutable
	cities    map[string]xiaoqi.GeoPoint // city (西安市) → centre; immutable
	districts map[string]string          // district (雁塔区) → its city (西安市), from cities; immutable
	cache     *resultCache               // nil: none
	renewals  sync.WaitGroup             // background searches renewing cached answers (renew)

	applyMu sync.Mutex // serialises Apply, so that seq only grows
	// writeErr is why the last Apply failed to write (nil: it wrote, or none ran); while set,
	// the next Apply first reopens the index from disk. Guarded by mu.
	writeErr error

	mu      sync.Mutex
	seq     uint64
	changed chan struct{} // closed and replaced whenever seq grows or the index closes
	closed  bool
}

// Open opens the index in dir, creating an empty one (seq 0) if dir does not exist or is empty.
// At most one Options may be given. An index another process holds is ErrInUse (after
// LockTimeout), one built with another mapping ErrMappingChanged, and one whose files cannot
// be read ErrUnreadable: the last two are derived data to remove and rebuild.
func Open(dir string, opts ...Options) (*Index, error) {
	var opt Options
	switch len(opts) {
	case 0:
	case 1:
		opt = opts[0]
	default:
		return nil, fmt.Errorf("search: open %s: %d Options given, want at most one", dir, len(opts))
	}
	if err := opt.load(); err != nil {
		return nil, err
	}
	return open(dir, opt)
}

func open(dir string, opt Options) (*Index, error) {
	// What a rebuild killed midway left (xiaoqi reindex stopped with kill -9, a node's power
	// cut while it rebuilt the index of an upgrade): a swap to finish, and a half-built copy
	// as large as the index that nothing else would ever remove.
	if err := removeLeftovers(dir); err != nil {
		return nil, err
	}
	b, seq, err := openBleve(dir)
	switch {
	case errors.Is(err, bleve.ErrorIndexPathDoesNotExist) || (errors.Is(err, bleve.ErrorIndexMetaMissing) && isEmptyDir(dir)):
		return create(dir, opt)
	case errors.Is(err, bleve.ErrorIndexMetaMissing):
		return nil, fmt.Errorf("search: open %s: %w: %w", dir, ErrUnreadable, err) // files, but not the index's description
	case err != nil:
		return nil, fmt.Errorf("search: open %s: %w", dir, err)
	}
	return newIndex(dir, b, seq, opt)
}

// openBleve opens the bleve index in dir and reads its seq, checking its mapping version.
// An index another process holds is ErrInUse, one it cannot read ErrUnreadable.
func openBleve(dir string) (b bleve.Index, seq uint64, err error) {
	defer func() {
		// bleve reading damaged files has panicked before (zapx); the index is derived data.
		if r := recover(); r != nil {
			b, err = nil, fmt.Errorf("%w: bleve panicked: %v", ErrUnreadable, r)
		}
	}()
	b, err = bleve.OpenUsing(dir, runtimeConfig())
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, 0, fmt.Errorf("%w (still locked after %v): %w", ErrInUse, LockTimeout, err)
	case errors.Is(err, bleve.ErrorIndexPathDoesNotExist) || errors.Is(err, bleve.ErrorIndexMetaMissing) || errors.Is(err, os.ErrPermission):
		return nil, 0, err
	case err != nil:
		return nil, 0, fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	v, err := b.GetInternal([]byte(keyMapping))
	if err == nil && string(v) != mappingVersion {
		err = fmt.Errorf("%w (%s has %q, this build needs %q)", ErrMappingChanged, dir, v, mappingVersion)
	} else if err != nil {
		err = fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	var s []byte
	if err == nil {
		if s, err = b.GetInternal([]byte(keySeq)); err != nil {
			err = fmt.Errorf("%w: %w", ErrUnreadable, err)
		}
	}
	if err != nil {
		_ = b.Close()
		return nil, 0, err
	}
	return b, decodeSeq(s), nil
}

// create makes a new, empty index in dir; opt must be loaded.
func create(dir string, opt Options) (*Index, error) {
	m, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("search: mapping: %w", err)
	}
	b, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, runtimeConfig())
	if err != nil {
		return nil, fmt.Errorf("search: create %s: %w", dir, err)
	}
	if err := b.SetInternal([]byte(keyMapping), []byte(mappingVersion)); err != nil {
		_ = b.Close()
		return nil, fmt.Errorf("search: create %s: %w", dir, err)
	}
	return newIndex(dir, b, 0, opt)
}

func newIndex(dir string, b bleve.Index, seq uint64, opt Options) (*Index, error) {
	m := b.Mapping()
	en, kw := m.AnalyzerNamed(analyzerEN), m.AnalyzerNamed(keyword.Name)
	if en == nil || kw == nil {
		_ = b.Close()
		return nil, fmt.Errorf("search: index mapping lacks analyzers %s, %s: %w", analyzerEN, keyword.Name, ErrMappingChanged)
	}
	a := newAnalyzers(opt.Segmenter, en, kw)
	x := &Index{
		dir:       dir,
		idx:       b,
		seg:       opt.Segmenter,
		analyzers: a,
		syn:       newSynonyms(opt.Taxonomy, a.stems),
		aliases:   foldAliases(opt.Segmenter, opt.Aliases),
		fullNames: foldFullNames(opt.Segmenter, opt.Aliases),
		schools:   newSchoolNames(opt.EnglishNames),
		cities:    opt.Cities,
		districts: districtCities(opt.Cities),
		cache:     newResultCache(opt.CacheEntries, opt.CacheMaxStale),
		seq:       seq,
		changed:   make(chan struct{}),
	}
	x.majors, x.majorList = withSkillNames(majorTerms(opt.Majors, x.syn, a.stems), x.syn), opt.Majors
	x.pinyin = newPinyinNames(knownNames(opt), roleWords(opt, opt.Segmenter), opt.Aliases)
	return x, nil
}

// Close closes the index and wakes every WaitFor.
func (x *Index) Close() error {
	x.mu.Lock()
	if x.closed {
		x.mu.Unlock()
		return nil
	}
	x.closed = true
	close(x.changed)
	x.mu.Unlock()
	x.renewals.Wait() // none starts once closed is set
	x.idxMu.Lock()    // not while reopen replaces it

	defer x.idxMu.Unlock()
	if x.idxClosed {
		return nil
	}
	x.idxClosed = true
	return x.idx.Close()
}

// bleveIndex returns the bleve index, which reopen may replace.
func (x *Index) bleveIndex() bleve.Index {
	x.idxMu.RLock()
	defer x.idxMu.RUnlock()
	return x.idx
}

// WriteErr returns why the last Apply could not write to the index (a full disk, files lost
// under it), or nil once an Apply wrote again. Meanwhile the index serves searches as it was
// when it last wrote, and falls behind the store.
func (x *Index) WriteErr() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.writeErr
}

// reopen closes the bleve index and opens it again from disk, after a write failed: bleve
// keeps in memory a batch it could not persist (a full disk) and panicked on the next one
// ("assignment to entry in nil map" in zapx). The index then holds what it holds on disk, at
// the seq recorded there. Apply calls it with applyMu held.
func (x *Index) reopen() (err error) {
	x.idxMu.Lock()
	defer x.idxMu.Unlock()
	if x.isClosed() {
		return ErrClosed // Close set closed before it waited for idxMu: it closes idx
	}
	if !x.idxClosed {
		x.idxClosed = true
		func() {
			defer func() {
				if r := recover(); r != nil {
					err = fmt.Errorf("search: close %s to reopen it: bleve panicked: %v", x.dir, r)
				}
			}()
			_ = x.idx.Close() // what it could not persist it reports again; it is lost
		}()
		if err != nil {
			return err
		}
	}
	b, seq, err := openBleve(x.dir)
	if err != nil {
		return fmt.Errorf("search: reopen %s after a failed write: %w", x.dir, err)
	}
	x.idx, x.idxClosed = b, false
	x.mu.Lock()
	defer x.mu.Unlock()
	if seq != x.seq && !x.closed {
		// What it holds on disk: the follower asks for the changes after it again.
		x.seq = seq
		close(x.changed)
		x.changed = make(chan struct{})
	}
	return nil
}

// Seq returns the sequence of the last change applied.
func (x *Index) Seq() uint64 {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.seq
}

// WaitFor blocks until the index has applied seq, the index closes (ErrClosed) or ctx ends.
func (x *Index) WaitFor(ctx context.Context, seq uint64) error {
	for {
		x.mu.Lock()
		cur, changed, closed := x.seq, x.changed, x.closed
		x.mu.Unlock()
		switch {
		case cur >= seq:
			x.cache.require(seq) // the caller's next search shows the index at seq at least
			return nil
		case closed:
			return ErrClosed
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("search: wait for change %d (index at %d): %w", seq, cur, ctx.Err())
		case <-changed:
		}
	}
}

// Apply applies changes from a store's change feed in one batch: upserts index the document,
// deletes remove it. The highest Seq among them is recorded in the same batch, so the index
// never holds documents without the seq that covers them, or the reverse. Applying a change
// again is harmless, and Seq never decreases.
//
// When bleve fails to write (a full disk) or panics, Apply returns the error, WriteErr reports
// it, and the next Apply first reopens the index from disk, so that the same changes are
// applied again once the cause is gone.
func (x *Index) Apply(changes []xiaoqi.Change) (err error) {
	if len(changes) == 0 {
		return nil
	}
	x.applyMu.Lock()
	defer x.applyMu.Unlock()
	if x.isClosed() {
		return ErrClosed
	}
	defer x.cache.changed() // a failed batch may have changed the index too
	if werr := x.WriteErr(); werr != nil {
		if err := x.reopen(); err != nil {
			return fmt.Errorf("%w (the last write failed: %v)", err, werr)
		}
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("search: apply %d changes: bleve panicked: %v", len(changes), r)
		}
		var ue *UnindexedError
		switch {
		case err == nil || errors.As(err, &ue):
			x.setWriteErr(nil)
		case x.isClosed():
			err = ErrClosed
		default:
			if errors.Is(err, ErrClosed) {
				// bleve's index closed under an open Index: a failed write, not the end.
				err = fmt.Errorf("search: apply %d changes: bleve index closed under it: %v", len(changes), err)
			}
			x.setWriteErr(err)
		}
	}()

	seq := x.Seq()
	ids := make([]string, len(changes))
	docs := make([]xiaoqi.Doc, len(changes))
	hides := false // whether the batch removes or hides something: no cached answer outlives it
	for _, c := range changes {
		seq = max(seq, c.Seq)
		hides = hides || c.Op != xiaoqi.OpUpsert || c.Doc == nil || c.Doc.Kind() == xiaoqi.KindCandidate
	}
	if hides {
		// Before the batch shows: answers computed from the index before seq are never
		// served again, and searches begun before it records seq are not kept.
		x.cache.require(seq)
	}
	for i, c := range changes {
		switch c.Op {
		case xiaoqi.OpUpsert:
			ids[i], docs[i] = c.ID, c.Doc
		case xiaoqi.OpDelete:
		default:
			return fmt.Errorf("search: apply change %d (%s %s, seq %d): unknown op %q", i, c.Op, c.ID, c.Seq, c.Op)
		}
	}
	built, errs := x.documents(ids, docs)
	var unindexed *UnindexedError
	for i, err := range errs {
		if err != nil {
			// One document that cannot be indexed must not stop every later change: it is
			// left out (an older version removed), and reported once the batch is in.
			if unindexed == nil {
				unindexed = &UnindexedError{}
			}
			c := changes[i]
			unindexed.Docs = append(unindexed.Docs, Unindexed{ID: c.ID, Seq: c.Seq, Err: err})
			built[i] = nil
		}
	}
	// Lanes: bleve builds a batch's segment on the calling goroutine, one core, after
	// analysing its documents on all of them. A large batch is split by document id into one
	// batch per core, applied at once, so that segment building of one overlaps analysis of
	// the other. A document's changes all fall in one lane, in order; the seq is recorded
	// only once every lane is in, so a crash in between replays the whole batch (upserts and
	// deletes are idempotent).
	lanes := min(runtime.GOMAXPROCS(0), len(changes)/minPerLane)
	if lanes <= 1 {
		b := x.bleveIndex().NewBatch()
		if err := x.fill(b, changes, built, 0, 1); err != nil {
			return err
		}
		b.SetInternal([]byte(keySeq), encodeSeq(seq))
		if err := x.bleveIndex().Batch(b); err != nil {
			return fmt.Errorf("search: apply %d changes: %w", len(changes), closedErr(err))
		}
	} else {
		errs := make([]error, lanes)
		var wg sync.WaitGroup
		for lane := range lanes {
			wg.Go(func() {
				defer func() {
					if r := recover(); r != nil {
						errs[lane] = fmt.Errorf("bleve panicked: %v", r)
					}
				}()
				b := x.bleveIndex().NewBatch()
				if errs[lane] = x.fill(b, changes, built, lane, lanes); errs[lane] == nil {
					errs[lane] = x.bleveIndex().Batch(b)
				}
			})
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			return fmt.Errorf("search: apply %d changes: %w", len(changes), closedErr(err))
		}
		if err := x.bleveIndex().SetInternal([]byte(keySeq), encodeSeq(seq)); err != nil {
			return fmt.Errorf("search: apply %d changes: record seq %d: %w", len(changes), seq, closedErr(err))
		}
	}
	x.cache.changed() // before WaitFor returns: a search after it never sees a stale result
	x.setSeq(seq)
	if unindexed != nil {
		return unindexed
	}
	return nil
}

// UnindexedError reports the documents of a batch that Apply could not index. It left them out
// of the index (removing an older version) and applied the rest of the batch and its seq: the
// caller logs them and goes on. Correcting such a document in the store indexes it.
type UnindexedError struct{ Docs []Unindexed }

// Unindexed is one document that could not be indexed, and why.
type Unindexed struct {
	ID  string
	Seq uint64
	Err error
}

func (e *UnindexedError) Error() string {
	d := e.Docs[0]
	msg := fmt.Sprintf("search: could not index %s (seq %d), left out of the index: %v", d.ID, d.Seq, d.Err)
	if len(e.Docs) > 1 {
		msg += fmt.Sprintf(" (and %d more)", len(e.Docs)-1)
	}
	return msg
}

// minPerLane is the fewest changes worth a lane of their own (see Apply).
const minPerLane = 256

// fill adds to b the changes of lane (of lanes) by document id: built[i] indexed, or
// changes[i] deleted when built[i] is nil.
func (x *Index) fill(b *bleve.Batch, changes []xiaoqi.Change, built []*document.Document, lane, lanes int) error {
	for i, c := range changes {
		if lanes > 1 && int(laneHash(c.ID)%uint32(lanes)) != lane {
			continue
		}
		if built[i] == nil {
			// A delete, or an upsert of a document gone since: its tombstone follows.
			b.Delete(c.ID)
		} else if err := b.IndexAdvanced(built[i]); err != nil {
			return fmt.Errorf("search: apply change %d (%s %s, seq %d): %w", i, c.Op, c.ID, c.Seq, err)
		}
	}
	return nil
}

// laneHash is FNV-1a of id.
func laneHash(id string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(id); i++ {
		h = (h ^ uint32(id[i])) * 16777619
	}
	return h
}

func (x *Index) setWriteErr(err error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.writeErr = err
}

func (x *Index) isClosed() bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.closed
}

func (x *Index) setSeq(seq uint64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if seq > x.seq && !x.closed {
		x.seq = seq
		close(x.changed)
		x.changed = make(chan struct{})
	}
}

// Count returns the number of documents in the index.
func (x *Index) Count() (uint64, error) {
	n, err := x.bleveIndex().DocCount()
	if err != nil {
		return 0, fmt.Errorf("search: count: %w", closedErr(err))
	}
	return n, nil
}

// Versions returns the version of every indexed document by id, to compare the index with
// the store document for document.
func (x *Index) Versions(ctx context.Context) (map[string]int64, error) {
	out := map[string]int64{}
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 1000, 0, false)
		req.SortBy([]string{"_id"})
		req.Fields = []string{fieldVersion}
		req.SearchAfter = after
		res, err := x.bleveIndex().SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("search: versions: %w", closedErr(err))
		}
		for _, h := range res.Hits {
			v, _ := h.Fields[fieldVersion].(float64)
			out[h.ID] = int64(v)
		}
		if len(res.Hits) < req.Size {
			return out, nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// closedErr turns bleve's error for a closed index into ErrClosed.
func closedErr(err error) error {
	if errors.Is(err, bleve.ErrorIndexClosed) {
		return ErrClosed
	}
	return err
}

func encodeSeq(seq uint64) []byte { return binary.BigEndian.AppendUint64(nil, seq) }

func decodeSeq(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

func isEmptyDir(dir string) bool {
	entries, err := os.ReadDir(dir)
	return err == nil && len(entries) == 0
}

// Compact merges the index's segments into one, for the fastest queries: worth it after
// building an index at once (Rebuild, a long catch-up). Searches and writes go on meanwhile;
// it blocks until done, or until the index closes.
func (x *Index) Compact(ctx context.Context) error {
	adv, err := x.bleveIndex().Advanced()
	if err != nil {
		return fmt.Errorf("search: compact: %w", closedErr(err))
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return fmt.Errorf("search: compact: index is %T, not scorch", adv)
	}
	if err := s.ForceMerge(ctx, nil); err != nil {
		return fmt.Errorf("search: compact: %w", closedErr(err))
	}
	return nil
}

// Segments returns the number of segments the index is in now (Compact makes it one).
func (x *Index) Segments() int {
	stats, _ := x.bleveIndex().StatsMap()["index"].(map[string]any)
	mem, _ := stats["num_root_memorysegments"].(uint64)
	file, _ := stats["num_root_filesegments"].(uint64)
	return int(mem + file)
}
