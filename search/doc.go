// Package search owns the bleve index that follows the store's change feed: the explicit
// mapping and the Chinese and English analysis, the conversion of domain documents into
// index documents, queries with filters, facets, sorts and pagination, highlighted snippets,
// prefix suggestions, the Follower that applies the change feed, and Rebuild, which builds a
// fresh index from the store.
//
// Analysis (analysis.go): Chinese text is cut into words by gse (a Segmenter, loaded once per
// process with a domain dictionary of skills, institution names and policy words); each text
// field holds the words, the dictionary words inside them and the bigrams within them, never
// across two words. Queries are analysed in code the same way, never parsed: every word must
// be found (when nothing has them all: leaving out the words nothing holds, then as few
// others as must be; see relax), a match as a word counts most, Latin words are stemmed and
// may be misspelt by one letter.
//
// Before its words are searched, a query is read as people write it (rank.go, cues.go):
// question and how-well words are left out (askWords, proficiencyWords); words that ask for a
// kind of document (公司, 培训, 候选人, 本科生, 招聘Java, 需要 …: typeCues) favour that kind
// instead of being required; a founder's question (开外包公司) asks for the policy's words (founding);
// filters written as words are taken out (salaries, years of experience, 高薪, 真实); a
// sector's words (软件外包) also find the sector's documents (sectors.go); and a question
// about policy whose words no item holds together finds the items that hold half of them
// (policyAnswer). Each reading has relevance cases in testdata/seed/queries.json.
//
// Skill synonyms (Options.Taxonomy) and institution abbreviations (Options.Aliases) are
// applied when a query is built, never indexed: new ones change what queries find without a
// rebuild. Anything that changes how documents are indexed must change mappingVersion.
//
// The index is derived data: everything in it can be rebuilt from the store. It remembers
// the sequence of the last change it applied, inside the index, written with the documents
// or, for a batch split into lanes (one per core), after all of them: a crash can leave the
// index ahead of its recorded sequence, never behind it, and replaying changes is harmless.
// An index whose sequence is past the store's last change was built from another store (a
// backup restored): the Follower reports ErrAhead and is not ready, and serve rebuilds it.
// Open waits at most LockTimeout for an index another process holds (ErrInUse), as Rebuild
// does, and reports an index it cannot read as ErrUnreadable, for the caller to rebuild. A
// write that fails (a full disk) or a panic of bleve in Apply is an error, reported by
// WriteErr, and the next Apply reopens the index from disk first: the Follower retries, not
// ready meanwhile.
//
// Recent search results are kept in memory (cache.go): until the index next changes, or for
// up to Options.CacheMaxStale after ordinary writes, never after deletions, candidate
// changes or WaitFor; an answer served late in its allowance is renewed in the background.
// An index built at once (Rebuild, or a follower catching up from far behind) is left in many segments,
// and every segment costs each query term a lookup; Compact merges them into one.
//
// Candidate personal data (name, phone, e-mail, birth date) is never indexed or stored.
package search
