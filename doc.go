package xiaoqi

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Kind names a type of stored document. It is also the "type" of a search hit.
type Kind string

// The kinds of document xiaoqi stores.
const (
	KindInstitution Kind = "institution"
	KindProgram     Kind = "program"
	KindEnterprise  Kind = "enterprise"
	KindJob         Kind = "job"
	KindCandidate   Kind = "candidate"
	KindPolicy      Kind = "policy"
	KindPartnership Kind = "partnership"
)

// Kinds lists every kind in a stable order.
var Kinds = []Kind{KindInstitution, KindProgram, KindEnterprise, KindJob, KindCandidate, KindPolicy, KindPartnership}

// idPrefix gives ids a readable prefix per kind: "ins_3f2a…".
var idPrefix = map[Kind]string{
	KindInstitution: "ins_", KindProgram: "prg_", KindEnterprise: "ent_", KindJob: "job_",
	KindCandidate: "cnd_", KindPolicy: "pol_", KindPartnership: "prt_",
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { _, ok := idPrefix[k]; return ok }

// Plural is the kind's name in URLs: "jobs", "policies".
func (k Kind) Plural() string {
	if k == KindPolicy {
		return "policies"
	}
	return string(k) + "s"
}

// ParseKind returns the kind named s, accepting the plural used in URLs ("jobs", "policies").
func ParseKind(s string) (Kind, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	for _, k := range Kinds {
		if t == string(k) || t == k.Plural() {
			return k, nil
		}
	}
	return "", Errorf(EINVALID, "未知类型 %[1]q（可选 institution、program、enterprise、job、candidate、policy、partnership） / unknown type %[1]q (one of institution, program, enterprise, job, candidate, policy, partnership)", s)
}

// Meta is embedded in every document: identity, version and provenance.
type Meta struct {
	// ID is assigned by the store: derived from the natural key when there is one, random otherwise
	// and for candidates (StoredID).
	ID string `json:"id"`
	// Version starts at 1 and grows by one with every change. A write that carries a non-zero
	// Version fails with ECONFLICT when the stored version differs (optimistic locking).
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// Synthetic marks generated records; every view of them must say so.
	Synthetic bool `json:"synthetic"`
	// Source and ExternalID identify an imported row ("51job-2023", "row-17"): the natural key
	// of imported job needs and candidates.
	Source     string `json:"source,omitempty"`
	ExternalID string `json:"external_id,omitempty"`
}

// Base returns the embedded metadata; it makes every document a Doc.
func (m *Meta) Base() *Meta { return m }

// Doc is implemented by pointers to every stored type.
type Doc interface {
	Kind() Kind
	Base() *Meta
	// NaturalKey is the key that makes upserts idempotent ("code:4161010698"); "" when the
	// document has none, in which case every insert creates a new document.
	NaturalKey() string
	// Validate reports every invalid field in one *Error with code EINVALID.
	Validate() error
	// Filterable returns the values of the fields List and Count may filter on
	// (see FilterFields).
	Filterable() map[string]string
	// Title is the line a result list shows.
	Title() string
}

// NewDoc returns a new empty document of kind k, or nil for an unknown kind.
func NewDoc(k Kind) Doc {
	switch k {
	case KindInstitution:
		return &Institution{}
	case KindProgram:
		return &Program{}
	case KindEnterprise:
		return &Enterprise{}
	case KindJob:
		return &JobNeed{}
	case KindCandidate:
		return &Candidate{}
	case KindPolicy:
		return &Policy{}
	case KindPartnership:
		return &Partnership{}
	}
	return nil
}

// DecodeDoc decodes the JSON of a document of kind k.
func DecodeDoc(k Kind, data []byte) (Doc, error) {
	d := NewDoc(k)
	if d == nil {
		return nil, Errorf(EINVALID, "unknown type %q", k)
	}
	if err := json.Unmarshal(data, d); err != nil {
		return nil, fmt.Errorf("decode %s: %w", k, err)
	}
	return d, nil
}

// FilterFields lists, per kind, the fields that List and Count accept as equality filters.
// Stores index them; the API rejects any other filter name.
var FilterFields = map[Kind][]string{
	KindInstitution: {"city", "region", "type", "level", "code", "synthetic"},
	KindProgram:     {"institution_id", "major_code", "degree", "city", "synthetic"},
	KindEnterprise:  {"city", "region", "credit_code", "sector", "synthetic"},
	KindJob:         {"enterprise_id", "city", "region", "degree", "sector", "status", "source", "synthetic"},
	KindCandidate:   {"city", "degree", "institution_id", "source", "synthetic"},
	KindPolicy:      {"number"},
	KindPartnership: {"institution_id", "enterprise_id", "status"},
}

// CheckFilters returns an EINVALID error naming the first filter that kind k does not support.
func CheckFilters(k Kind, filters map[string]string) error {
	for name := range filters {
		ok := false
		for _, f := range FilterFields[k] {
			if f == name {
				ok = true
			}
		}
		if !ok {
			return &Error{Code: EINVALID, Message: fmt.Sprintf("%[1]s不支持按 %[3]q 筛选（可选：%[4]s） / cannot filter %[2]s by %[3]q (allowed: %[5]s)",
				KindName(k), k, name, strings.Join(FilterFields[k], "、"), strings.Join(FilterFields[k], ", ")),
				Details: []FieldError{{Field: name, Message: fmt.Sprintf("不支持的筛选字段（可选：%s） / unsupported filter (allowed: %s)",
					strings.Join(FilterFields[k], "、"), strings.Join(FilterFields[k], ", "))}}}
		}
	}
	return nil
}

// CheckFilterValue returns an EINVALID error naming filter name when v cannot be one of its
// values: a status, sector, region, degree or level that does not exist, an id of another kind,
// text that is not UTF-8 or longer than MaxShortText. Such a filter would match nothing, and an
// empty list says "none" where the caller made a mistake.
func CheckFilterValue(k Kind, name, v string) error {
	var ok bool
	var allowed, allowedZH string
	switch {
	case !utf8.ValidString(v) || utf8.RuneCountInString(v) > MaxShortText:
		return &Error{Code: EINVALID, Message: fmt.Sprintf("筛选值无效：%[1]s 须为不超过 %[2]d 个字符的有效文本 / filter %[1]s must be valid text of at most %[2]d characters", name, MaxShortText),
			Details: []FieldError{{Field: name, Message: fmt.Sprintf("筛选值无效：须为不超过 %[1]d 个字符的有效文本 / must be valid text of at most %[1]d characters", MaxShortText)}}}
	case name == "status" && k == KindJob:
		ok, allowed = v == JobOpen || v == JobClosed, JobOpen+", "+JobClosed
	case name == "status" && k == KindPartnership:
		ok, allowed = slices.Contains(PartnershipStates, v), strings.Join(PartnershipStates, ", ")
	case name == "sector":
		_, ok = SectorOf(v)
		allowed, allowedZH = SectorChoices(false), SectorChoices(true)
	case name == "region":
		ok, allowed, allowedZH = slices.Contains(Regions, Region(v)), "关中 Guanzhong, 陕南 Shaannan, 陕北 Shaanbei", "关中、陕南、陕北"
	case name == "degree":
		ok, allowed, allowedZH = validDegree(v), DegreeChoices(false), DegreeChoices(true)
	case name == "type" && k == KindInstitution:
		ok, allowed = v == InstitutionUniversity || v == InstitutionTraining, InstitutionUniversity+", "+InstitutionTraining
	case name == "level" && k == KindInstitution:
		ok, allowed = v == "本科" || v == "专科", "本科, 专科"
	case name == "major_code":
		ok, allowed, allowedZH = ValidMajorCode(v), "a catalogue code such as 080902 or 080910T", "专业目录代码，如 080902 或 080910T"
	case name == "number" && k == KindPolicy:
		// The items are numbered 1, 2, …: number=abc or １２ matched nothing, as if no item had it.
		n, err := strconv.Atoi(v)
		ok, allowed, allowedZH = err == nil && n > 0 && strconv.Itoa(n) == v, "1, 2, 3 … in ASCII digits", "1、2、3……（半角数字）"
	case name == "enterprise_id":
		ok, allowed = CheckID(KindEnterprise, v) == nil, idPrefix[KindEnterprise]+"…"
	case name == "institution_id":
		ok, allowed = CheckID(KindInstitution, v) == nil, idPrefix[KindInstitution]+"…"
	default:
		return nil
	}
	if ok {
		return nil
	}
	if allowedZH == "" {
		allowedZH = strings.ReplaceAll(allowed, ", ", "、")
	}
	return &Error{Code: EINVALID, Message: fmt.Sprintf("筛选值无效：%[1]s 不能是 %[2]q（可选：%[3]s） / %[1]s cannot be %[2]q (one of %[4]s)", name, v, allowedZH, allowed),
		Details: []FieldError{{Field: name, Message: fmt.Sprintf("筛选值无效：不能是 %[1]q（可选：%[2]s） / cannot be %[1]q (one of %[3]s)", v, allowedZH, allowed)}}}
}

// MatchFilters reports whether d has every filter value given.
func MatchFilters(d Doc, filters map[string]string) bool {
	if len(filters) == 0 {
		return true
	}
	have := d.Filterable()
	for k, v := range filters {
		if have[k] != v {
			return false
		}
	}
	return true
}

// StoredID is the id a store gives a new document of kind k with natural key nk, when the
// document brings none: NewID(k, nk), except for a candidate, whose key holds a student
// number, or a name and contacts: a random id, which no one can compute from what they know
// of a person to find their anonymised profile. Find a stored document by its key with
// Store.GetByKey, not by NewID.
func StoredID(k Kind, nk string) string {
	if k == KindCandidate {
		return NewID(k, "")
	}
	return NewID(k, nk)
}

// GetStored returns the stored document of kind k whose natural key is nk: a candidate, whose
// id is random (StoredID), through Store.GetByKey; any other by the id its key gives, one read
// by id (a MongoDB-wire server without indexes on other fields, FerretDB, scans a collection
// for a read by key).
func GetStored(ctx context.Context, s Store, k Kind, nk string) (Doc, error) {
	if k == KindCandidate {
		return s.GetByKey(ctx, k, nk)
	}
	return s.Get(ctx, k, NewID(k, nk))
}

// NewID returns the id of a new document of kind k: a hash of its natural key, so that two
// writers inserting the same key agree on the id, or random when the key is empty.
func NewID(k Kind, naturalKey string) string {
	if naturalKey == "" {
		var b [8]byte
		if _, err := rand.Read(b[:]); err != nil {
			panic(err) // crypto/rand never fails on supported platforms
		}
		return idPrefix[k] + hex.EncodeToString(b[:])
	}
	sum := sha256.Sum256([]byte(string(k) + "\x00" + naturalKey))
	return idPrefix[k] + hex.EncodeToString(sum[:8])
}

var idPattern = regexp.MustCompile(`^[a-z]{3}_[0-9a-zA-Z_-]{1,64}$`)

// CheckID returns an EINVALID error unless id is well-formed for kind k.
func CheckID(k Kind, id string) error {
	if !idPattern.MatchString(id) || !strings.HasPrefix(id, idPrefix[k]) {
		return &Error{Code: EINVALID, Message: fmt.Sprintf("无效的%[1]s编号 %[3]q / invalid %[2]s id %[3]q", KindName(k), k, id),
			Details: []FieldError{{Field: "id", Message: fmt.Sprintf("须为 %s 加字母或数字 / must look like %s followed by letters or digits", idPrefix[k], idPrefix[k])}}}
	}
	return nil
}

// ContentHash hashes the content of d, ignoring id, version and timestamps, so that a store can
// recognise a write that changes nothing.
func ContentHash(d Doc) (string, error) {
	m := d.Base()
	saved := *m
	m.ID, m.Version, m.CreatedAt, m.UpdatedAt = "", 0, time.Time{}, time.Time{}
	data, err := json.Marshal(d)
	*m = saved
	if err != nil {
		return "", fmt.Errorf("hash %s: %w", d.Kind(), err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

// Op is the operation recorded in the change feed.
type Op string

// Change feed operations.
const (
	OpUpsert Op = "upsert"
	OpDelete Op = "delete"
)

// Change is one entry of a store's change feed. Seq grows monotonically across the store.
// Doc is the document's state for OpUpsert (the state when the change was read, which may be
// newer than this change) and nil for OpDelete (a tombstone).
type Change struct {
	Seq     uint64    `json:"seq"`
	Op      Op        `json:"op"`
	Kind    Kind      `json:"kind"`
	ID      string    `json:"id"`
	Version int64     `json:"version"`
	At      time.Time `json:"at"`
	Doc     Doc       `json:"-"`
}
