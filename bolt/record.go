package bolt

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// docRecord is the stored form of a document: its JSON, with the hash of its content so that
// an upsert recognises an unchanged write without re-encoding the stored document, and the
// seq of the change that wrote this version, which the next write of the document removes
// from the feed (dropChange). Records written before seqs were kept have none (0).
type docRecord struct {
	Hash string          `json:"h"`
	Seq  uint64          `json:"s,omitempty"`
	Doc  json.RawMessage `json:"d"`
}

// encodeDoc returns the stored form of d, whose content hash is hash, written by change seq.
func encodeDoc(d xiaoqi.Doc, hash string, seq uint64) ([]byte, error) {
	doc, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("encode %s %s: %w", d.Kind(), d.Base().ID, err)
	}
	// The bytes json.Marshal(docRecord{hash, seq, doc}) gives, without a second pass over doc
	// to compact it (doc is compact already; hash is hex).
	b := make([]byte, 0, len(doc)+len(hash)+40)
	b = append(b, `{"h":"`...)
	b = append(b, hash...)
	b = append(b, `","s":`...)
	b = strconv.AppendUint(b, seq, 10)
	b = append(b, `,"d":`...)
	b = append(b, doc...)
	return append(b, '}'), nil
}

// decodeDoc returns the document of kind k stored as data, and its content hash.
func decodeDoc(k xiaoqi.Kind, data []byte) (xiaoqi.Doc, string, error) {
	d, r, err := decodeRecord(k, data)
	return d, r.Hash, err
}

// decodeRecord returns the document of kind k stored as data, and its record.
func decodeRecord(k xiaoqi.Kind, data []byte) (xiaoqi.Doc, docRecord, error) {
	var r docRecord
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, r, fmt.Errorf("decode %s record: %w", k, err)
	}
	d, err := xiaoqi.DecodeDoc(k, r.Doc)
	if err != nil {
		return nil, r, err
	}
	return d, r, nil
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
