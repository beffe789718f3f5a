package xiaoqi

// Who a candidate is, whatever list brought them: the digests of their identity by which an
// erasure is remembered and a second profile of one person is refused.

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
)

// IdentityKeys returns digests of who c is that do not depend on the list that brought them:
// name with phone and name with e-mail (a phone by its digits only, without +86, an e-mail in
// lower case, a name without spaces), as many of the two as c has. Digests only: a key cannot
// be read back into a name or a phone. The natural key (source and external id) names the row
// of one list; a school that sent its list again under another file name, or under another
// source, brought back a person erased at their request, and made a second, public profile of
// one who had made theirs private.
//
// The name is read as redaction reads it: in simplified characters (張三豐 is 张三丰) and
// without a trailing remark in brackets (张三丰（学生）): an erased person came back from a
// list that wrote them so. The keys of the name as written before that are kept beside
// (identityNames), as the erasures remembered until then hold them.
func (c *Candidate) IdentityKeys() []string {
	return identityKeys(c.Name, c.Phone, c.Email)
}

// TrustedKeys returns the IdentityKeys of c made of what c's writers other than the candidate
// gave (an import, an administrator): none of a name she wrote herself, and none of a phone or
// e-mail she wrote herself (OwnFields). These, and FormerKeys, say who a stored candidate is
// when another writer's row is matched to a profile (People) and when she is erased. A
// candidate who wrote another person's name and phone on her own profile was given that
// person's row of a school's list, their e-mail and birth date with it, and once she erased
// herself kept them out of xiaoqi for ever: anyone may type anything on their own profile.
func (c *Candidate) TrustedKeys() []string {
	if slices.Contains(c.OwnFields, OwnName) {
		return nil
	}
	phone, email := c.Phone, c.Email
	if slices.Contains(c.OwnFields, "phone") {
		phone = ""
	}
	if slices.Contains(c.OwnFields, "email") {
		email = ""
	}
	return identityKeys(c.Name, phone, email)
}

// identityKeys returns the IdentityKeys of a person of name, phone and email.
func identityKeys(name, phone, email string) []string {
	var keys []string
	for _, n := range identityNames(name) {
		digest := func(kind, v string) {
			sum := sha256.Sum256([]byte("person\x00" + kind + "\x00" + n + "\x00" + v))
			if k := hex.EncodeToString(sum[:16]); !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
		if p := phoneDigits(phone); p != "" {
			digest("phone", p)
		}
		if e := strings.ToLower(strings.TrimSpace(foldASCIIWidth(email))); e != "" {
			digest("email", e)
		}
	}
	return keys
}

// identityNames returns the forms of a candidate's name that IdentityKeys digests: the name
// in simplified characters without spaces or a trailing remark, and, when it differs, the
// name as digested before (without its spaces only). None for a blank name.
func identityNames(name string) []string {
	legacy := strings.Join(strings.Fields(foldASCIIWidth(name)), "")
	if legacy == "" {
		return nil
	}
	bare := strings.Join(strings.Fields(nameRemarkPattern.ReplaceAllString(foldASCIIWidth(name), "")), "")
	bare = strings.Map(simplified, cmp.Or(bare, legacy)) // a name that is all remark stays
	if bare == legacy {
		return []string{bare}
	}
	return []string{bare, legacy}
}

// maxFormerKeys bounds FormerKeys: the newest are kept.
const maxFormerKeys = 16

// FormerIdentity returns the FormerKeys of c, written onto the stored old (nil for a new
// candidate): old's, and old's TrustedKeys that c no longer has. A student who corrected her
// phone and then erased herself was imported again by the school's list with the phone it had
// always had: the erasure knew only the new one. Only trusted keys: a name and phone she
// wrote herself and then took back were remembered as who she had been.
func FormerIdentity(old, c *Candidate) []string {
	if old == nil {
		return nil
	}
	now := c.TrustedKeys()
	var out []string
	for _, k := range append(slices.Clone(old.FormerKeys), old.TrustedKeys()...) {
		if !slices.Contains(now, k) && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out[max(0, len(out)-maxFormerKeys):]
}

// Identity returns every digest of who the stored c is and was, as writers other than the
// candidate said: TrustedKeys and FormerKeys. By these a row of a list is taken for her
// (People) and her erasure is remembered.
func (c *Candidate) Identity() []string {
	return append(c.TrustedKeys(), c.FormerKeys...)
}

// phoneDigits returns the digits of phone, without the country code of a mainland number
// (+86 139…, 0086 139…).
func phoneDigits(phone string) string {
	d := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, foldASCIIWidth(phone))
	for _, cc := range []string{"0086", "86"} {
		if len(d) == 11+len(cc) && strings.HasPrefix(d, cc) {
			return d[len(cc):]
		}
	}
	return d
}

// Erased reports whether c, a candidate a writer is about to store (a row of a list, an
// administrator's POST), is a person erased at their request: their natural key, or any of
// their IdentityKeys or FormerKeys, is among erased (ErasedKeys). The writer's word is taken
// for who c is; erased holds only what such writers said of the erased (Identity).
func Erased(erased map[string]bool, c *Candidate) bool {
	if len(erased) == 0 {
		return false
	}
	if k := ErasedKey(c.NaturalKey()); k != "" && erased[k] {
		return true
	}
	for _, k := range append(c.IdentityKeys(), c.FormerKeys...) {
		if erased[k] {
			return true
		}
	}
	return false
}

// PersonFinder is a Store that finds candidates by identity, without reading them all: the
// embedded store keeps an index of the digests (bolt). Digests only, as FormerKeys are: the
// index holds no name, phone or e-mail.
type PersonFinder interface {
	// PersonByKey returns the id of the first stored candidate, in id order, whose Identity
	// holds key; "" when none does.
	PersonByKey(ctx context.Context, key string) (string, error)
}

// Persons finds the stored candidate who is a given person (name with phone or e-mail), for an
// import's rows or an administrator's new candidates: by the store's index (PersonFinder), or,
// in a store without one, from every stored candidate, read once at the first question
// (People). Reading them all for each small import (20 graduates beside 100,000 stored
// candidates: 6 s and 380 MB read for 20 rows) was most of its time. Not for concurrent use.
type Persons struct {
	store  Store
	people map[string]string
}

// NewPersons returns a Persons over s.
func NewPersons(s Store) *Persons { return &Persons{store: s} }

// Find returns the id of the stored candidate who is c, "" when none is: the first key of
// c.IdentityKeys that a candidate has, the first of them in id order, as Person does.
func (p *Persons) Find(ctx context.Context, c *Candidate) (string, error) {
	keys := c.IdentityKeys()
	if len(keys) == 0 {
		return "", nil
	}
	if f, ok := p.store.(PersonFinder); ok {
		for _, k := range keys {
			if id, err := f.PersonByKey(ctx, k); err != nil || id != "" {
				return id, err
			}
		}
		return "", nil
	}
	if p.people == nil {
		people, err := People(ctx, p.store)
		if err != nil {
			return "", err
		}
		p.people = people
	}
	return Person(p.people, c), nil
}

// People maps the Identity of every stored candidate to the candidate's id: the first listed
// (in id order) when one person was stored twice. It reads every candidate: Persons uses it
// only with a store that has no PersonFinder.
func People(ctx context.Context, s Store) (map[string]string, error) {
	people := map[string]string{}
	opt := ListOptions{Limit: MaxListLimit}
	for {
		page, err := s.List(ctx, KindCandidate, opt)
		if err != nil {
			return nil, err
		}
		for _, d := range page.Docs {
			c, ok := d.(*Candidate)
			if !ok {
				continue
			}
			for _, k := range c.Identity() {
				if _, seen := people[k]; !seen {
					people[k] = c.ID
				}
			}
		}
		if page.Next == "" {
			return people, nil
		}
		opt.After = page.Next
	}
}

// Person returns the id of the stored candidate of people (People) who is c, a row of a list
// or an administrator's new candidate, by c's IdentityKeys; "" when none is.
func Person(people map[string]string, c *Candidate) string {
	for _, k := range c.IdentityKeys() {
		if id := people[k]; id != "" {
			return id
		}
	}
	return ""
}
