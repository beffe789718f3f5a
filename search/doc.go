// Package search owns the bleve index that follows the store's change feed: the explicit
// mapping and the Chinese and English analysis, the conversion of domain documents into
// index documents, queries with filters, pagination and highlighted snippets, the Follower
// that applies the change feed, and Rebuild, which builds a fresh index from the store.
//
// The index is derived data: everything in it can be rebuilt from the store. It remembers
// the sequence of the last change it applied, inside the index and in the same batch as the
// documents, so a crash can never leave the two out of step.
//
// Skill synonyms (Options.Taxonomy) are applied when a query is built, never indexed: a new
// taxonomy changes what queries find without a rebuild.
//
// Candidate personal data (name, phone, e-mail, birth date) is never indexed or stored.
package search
