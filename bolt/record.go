package bolt

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// docRecord is the stored form of a document: its JSON, with the hash of its content so that
// an upsert recognises an unchanged write without re-encoding the stored document.
type docRecord struct {
	Hash string          `json:"h"`
	Doc  json.RawMessage `json:"d"`
}

// encodeDoc returns the stored form of d, whose content hash is hash.
func encodeDoc(d xiaoqi.Doc, hash string) ([]byte, error) {
	doc, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("encode %s %s: %w", d.Kind(), d.Base().ID, err)
	}
	// The bytes json.Marshal(docRecord{hash, doc}) gives, without a second pass over doc to
	// compact it (doc is compact already; hash is hex).
	b := make([]byte, 0, len(doc)+len(hash)+16)
	b = append(b, `{"h":"`...)
	b = append(b, hash...)
	b = append(b, `","d":`...)
	b = append(b, doc...)
	return append(b, '}'), nil
}

// decodeDoc returns the document of kind k stored as data, and its content hash.
func decodeDoc(k xiaoqi.Kind, data []byte) (xiaoqi.Doc, string, error) {
	var r docRecord
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, "", fmt.Errorf("decode %s record: %w", k, err)
	}
	d, err := xiaoqi.DecodeDoc(k, r.Doc)
	if err != nil {
		return nil, "", err
	}
	return d, r.Hash, nil
}

// changeRecord is the stored form of one change-feed entry. The document of an upsert is not
// copied: Changes reads the current document, as xiaoqi.Change allows.
type changeRecord struct {
	Op      xiaoqi.Op   `json:"op"`
	Kind    xiaoqi.Kind `json:"kind"`
	ID      string      `json:"id"`
	Version int64       `json:"v"`
	At      time.Time   `json:"at"`
}

func encodeChange(c xiaoqi.Change) ([]byte, error) {
	return json.Marshal(changeRecord{Op: c.Op, Kind: c.Kind, ID: c.ID, Version: c.Version, At: c.At})
}

// decodeChange returns the change stored as data under seq, without its document.
func decodeChange(seq uint64, data []byte) (xiaoqi.Change, error) {
	var r changeRecord
	if err := json.Unmarshal(data, &r); err != nil {
		return xiaoqi.Change{}, fmt.Errorf("decode change %d: %w", seq, err)
	}
	return xiaoqi.Change{Seq: seq, Op: r.Op, Kind: r.Kind, ID: r.ID, Version: r.Version, At: r.At}, nil
}
