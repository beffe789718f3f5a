// Package mongodb is the MongoDB store: xiaoqi.Store on go.mongodb.org/mongo-driver/v2, for
// running several stateless xiaoqi nodes on one database (README: Scaling out).
//
// It uses only what a standalone server and FerretDB, the test server, both do well: plain
// CRUD, unordered bulk writes, unique and compound indexes, counts. No transactions, $lookup,
// multi-accumulator $group or Distinct. Change streams serve only to wake followers early
// where the server has them (WatchSettled, watch.go); the feed is read the same way without.
//
// # Layout
//
// One collection per kind ("institutions", "jobs", …) holds records
// {_id, key, version, seq, hash, f, doc}: key is the natural key (unique index), hash the
// xiaoqi.ContentHash that recognises a write that changes nothing, f the values of the
// kind's xiaoqi.FilterFields (an index on each, then _id), and doc the domain document as
// its JSON makes it, as a subdocument; a candidate's record also holds identity, the digests
// of xiaoqi.Candidate.Identity (an index on identity, then _id: PersonByKey, person.go). The collection "changes" is the change feed, one entry
// {_id: seq, op, kind, id, version, at} per write, never changed once inserted (an index on
// kind, id, _id, made by the first CompactFeed, finds a document's changes); "settlements" holds {_id: seq, state} for the
// entries that are settled (committed, void or abandoned); "counters" holds the seq counter, a
// checkpoint of the feed and how far it is compacted.
//
// # Accounts
//
// Store is also xiaoqi.Accounts (accounts.go, audit.go), in four collections of the same
// database, each document the account type as its bson tags in account.go make it, _id its ID:
// "users" (a unique index on username, which decides between concurrent creates), "api_keys"
// (an index on user_id, _id: a user's keys in ID order), "sessions" (an index on user_id, and
// a TTL index on expires_at, so that MongoDB removes expired sessions; FerretDB has no TTL
// indexes, so there PutSession's purge of expired sessions does it alone, and Session checks
// the expiry either way) and "audit" (indexes on subject_id, _id and actor_id, _id).
//
// Audit entries are numbered by the counter "audit" in "counters" ($inc); an entry's ID is
// its number in 16 decimal digits, as in bolt, so that ID order is number order, and the
// insert keyed by it fails for a number taken already (the append then takes another). On
// FerretDB, whose $inc is not atomic, a process appends one entry at a time and never goes
// below its last number. RedactAudit is one UpdateMany. Without transactions, DeleteUser
// deletes the user's keys and sessions first and the user last, so that a delete cut short
// can be finished by calling it again. Every filter is built from the Go strings of the call,
// as values of fixed fields: text sent by a user is never parsed into a query.
//
// Store is also xiaoqi.ImportJobs (imports.go): the collection "import_jobs" (an index on
// created_at, _id for the list, newest first), a job per document with its summary and report
// JSON as strings. A put is an upsert that $sets every field but cancel_requested, so that a
// runner's progress does not undo a cancel asked for on another node.
//
// Restore (restore.go), for `xiaoqi copy`, inserts documents under their own ids, versions and
// times: it reads the ids and keys a batch names, refuses the batch if any is taken, then
// writes it as Upsert writes inserts, logged and settled in the change feed.
//
// # The change feed
//
// Writers take seqs from the counter ($inc, a range per batch) and commit out of order: A
// takes 10, B takes 11 and finishes first. A follower that read 11 and went on from there
// would miss 10. So a write goes in three steps: insert its entries (pending), write the
// documents, insert their settlements (committed). Changes returns only the settled prefix
// of the feed: it stops at the first pending entry and at the first missing seq (allocated,
// not yet logged). A follower therefore never passes a seq whose write may still land, and because
// every seq it passed exists in the collection, a writer can never log a change behind it:
// the insert of a taken seq fails, and the writer takes another. Once begun, a write runs its
// steps to the end on a context of its own, without the caller's cancellation and with a
// bound of its own (writeContext): the driver gives up a command at once when its context
// ends while the server may still carry it out, so a write cut short by its caller could be
// settled before it lands, and followers would read the document without it.
//
// A writer that crashes would block the feed for good, so a pending entry or a missing seq
// that has waited longer than the grace period (WithGrace; measured by this process's clock
// from when it first saw the seq unsettled, never from the entry's time, which is the
// writer's clock and may be behind) is settled by the follower: a missing seq is
// filled with a void entry, and a pending one is fenced by inserting its settlement as
// abandoned. Every settling step is an insert keyed by seq, so of a writer and a follower
// exactly one wins, on MongoDB and FerretDB alike. A slow writer that was not dead after all
// loses nothing: its late insert of a filled seq fails and it takes a new seq; and when it
// commits and finds an entry fenced, it logs that change again.
//
// Each change carries the document's state when it is read, not when it was written: an
// entry whose document exists is an upsert with the document, one whose document is gone a
// tombstone. Entries are committed only after their writes, so the state read includes every
// write up to the entry, and a follower that applies the feed in order ends with the store's
// content whatever the order in which writers finished. LastSeq is the last change of the
// settled prefix; a checkpoint in "counters" spares a new process from walking the feed.
//
// Every read of the feed (entries, settlements, the counters, the documents that a change
// carries) asks the primary for read concern majority, whatever the URI says (feedReads in
// store.go). On a replica set a change read with "local" may be rolled back after a
// failover, with the counter's $inc, and its seq taken again by another change, which a
// follower that passed the first skips for ever; and a follower reading from secondaries
// may read a change from one member and its document from another that lacks the write. A
// writer reads the documents it matches, and its own writes back, from the primary with
// "local" (writerReads), so that it sees its own writes. Get, List and Count read as the URI
// says. Writes wait for a majority with the journal unless the URI sets a write concern;
// with w=1, followers see a change only once a majority has it. FerretDB accepts both.
//
// CompactFeed (compact.go) removes entries that the process saw settled an age ago or longer
// and that are void or superseded by a later entry of the same document, with their
// settlements: since a change carries
// the document's state when read, the latest entry of each document is all a follower needs.
// Every seq up to the checkpoint is settled, and compaction saves the checkpoint first, so a
// follower takes a missing seq, or an entry without its settlement, up to the checkpoint it
// knows as removed, and reads the checkpoint again when the feed holds it up. A writer that
// commits later than the grace period after logging logs its changes again, as if fenced: its
// fence may have been removed.
//
// One case the writer cannot cover: it stalls longer than the grace period between logging
// and writing, a follower fences the entry and reads the document as it was, then the write
// lands and the writer dies before it can log the change again. Nothing in the feed then
// announces the write, and writing the same document again is "unchanged". Without
// transactions the late write cannot be made to fail, so CompactFeed repairs it afterwards
// (repairFenced): among the entries it compacts, those settled an age ago, it logs again the
// change of every fenced entry whose write landed (the document carries the entry's seq, or
// a fenced delete's document is gone). Until then, an age (DefaultCompactAge, an hour) or
// more after the fence, the indexes hold the document as it was; with compaction off,
// until an operator rebuilds them (xiaoqi reindex on each node) or the document is changed.
//
// # Candidate ids
//
// Builds before random candidate ids stored a candidate under xiaoqi.NewID of its natural key,
// which anyone who knows a student's number computes. Open moves every such candidate to a
// random id (migrate.go), after creating the indexes, so every command that opens the
// database does, and several nodes starting at once do it together. MongoDB cannot change an
// _id, and the unique key index forbids two records of one key, so a move deletes the old
// record and inserts a new one, each logged in the change feed like any write (a tombstone of
// the old id, an upsert of the new one), so that every node's index follows:
//
//  1. claim: insert {_id: old id, to: a random id, rec: the record} into "candidate_moves";
//     of concurrent movers the first insert wins and all use its id;
//  2. copy the current record into the move unless a later version is there;
//  3. log the delete (pending), note its seq in "candidate_move_deletes" ({_id: seq, old}),
//     delete the old id on condition of the version copied (else read and copy again),
//     commit;
//  4. unless the new id exists already (another mover), log the upsert, insert the copy under
//     the new id, commit;
//  5. point the accounts (users.candidate_id) and audit entries (subject_id) to the new id;
//  6. mark the move done and drop its copy.
//
// A record that cannot be decoded (Get fails on it too) is left as it is, never deleted. A move
// that cannot finish (the candidate changed by other nodes again and again while it moved, or
// a delete of it still unsettled after twice the grace period) fails Open, naming the old id;
// the next start takes it up. Each
// step can be taken again, so a move cut short anywhere (a killed process) is finished by
// the next Open, which looks for moves not done first; a migrated database has nothing left
// to do. Between steps 3 and 4 the candidate is under neither id (Get answers ENOTFOUND) for
// the moment of the step, or until the next Open after a crash; GetByKey of a candidate that
// it does not find finishes an unfinished move of that key first, so that imports and POSTs
// (which look a candidate up by key and merge onto it) on nodes already running meanwhile
// update the whole profile rather than store their row as a new one. A committed delete of
// the old id that no mover noted is a user's (an erasure): the copy is then dropped, not
// stored. If a writer that does not look up by key stores the natural key in that moment, the
// insert fails and the candidate is the writer's document: its write is the later one, and
// references follow it. Each Open also points again, for moves done less than an
// hour ago, the accounts and audit entries that still name an old id (a node that read the
// candidate just before the move may append an audit entry about it a moment after), then
// forgets older moves. A move costs a dozen round trips: a database of many candidates stored
// by an older build takes minutes at its first start after the upgrade (bounded by the index
// timeout). On FerretDB, whose updates are not atomic, step 2's condition is not atomic
// either, and the delete is not conditional, as for its other writes.
//
// On MongoDB an update of a document is conditional on the version read, so that of two
// concurrent writers one loses and matches again (or fails with ECONFLICT if it carried a
// Version). FerretDB's updates read then write, not atomically, so there the counter can
// hand one seq to two writers (the second insert of the entry fails and takes another) and
// the last of two concurrent writes of one document wins. FerretDB also finds a document by
// index only for a filter of exactly {_id}, and hangs on a command of 100 updates; Open
// recognises it (buildInfo) and then updates by _id alone, at most 20 to a command. The
// tests also run the conditional updates on FerretDB (the conformance suite, and a writer
// that loses a race and writes again), which tests MongoDB's code path, not its atomicity.
package mongodb
