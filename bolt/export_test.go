package bolt

import bolt "go.etcd.io/bbolt"

// SessionCount returns how many sessions the file holds, expired ones included, and how many
// entries their expiry index holds.
func SessionCount(s *Store) (sessions, expiries int, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		sessions = tx.Bucket(bucketSessions).Stats().KeyN
		expiries = tx.Bucket(bucketSessionsExp).Stats().KeyN
		return nil
	})
	return sessions, expiries, err
}

// SetAfterMove makes Open's migration of derivable candidate ids call f after each candidate
// it moves (an error from f cuts it short), until the test ends.
func SetAfterMove(tb interface{ Cleanup(func()) }, f func(moved int) error) {
	afterMove = f
	tb.Cleanup(func() { afterMove = nil })
}

// PutRaw stores value under key in bucket, as a damaged or foreign file would hold it.
func PutRaw(s *Store, bucket, key, value string) error {
	return s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte(bucket)).Put([]byte(key), []byte(value)) })
}
