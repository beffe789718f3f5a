package mongodb

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/topology"

	"github.com/xiaoqi-dev/xiaoqi"
)

// translate turns a driver error into the error the rest of xiaoqi understands, naming the
// operation: no document → ENOTFOUND, duplicate key → ECONFLICT, no server → EUNAVAILABLE.
// Cancellation stays itself, so that callers can tell it with errors.Is.
func translate(op string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("mongodb: %s: %w", op, err)
	case errors.Is(err, mongo.ErrNoDocuments):
		return &xiaoqi.Error{Code: xiaoqi.ENOTFOUND, Message: "未找到 / not found", Err: err}
	case isDuplicateKey(err):
		return &xiaoqi.Error{Code: xiaoqi.ECONFLICT, Message: "并发写入冲突 / conflicting concurrent write", Err: err}
	case mongo.IsNetworkError(err), mongo.IsTimeout(err), errors.Is(err, mongo.ErrClientDisconnected),
		isServerSelection(err):
		return &xiaoqi.Error{Code: xiaoqi.EUNAVAILABLE, Message: "数据库不可用 / the database is unavailable",
			Err: fmt.Errorf("%s: %w", op, err)}
	}
	return fmt.Errorf("mongodb: %s: %w", op, err)
}

// isDuplicateKey reports whether err is a unique index violation. FerretDB answers one in an
// update with an internal error that quotes SQLite.
func isDuplicateKey(err error) bool {
	if mongo.IsDuplicateKeyError(err) {
		return true
	}
	var ce mongo.CommandError
	return errors.As(err, &ce) && strings.Contains(ce.Message, "UNIQUE constraint failed")
}

// isDuplicateCode reports whether a write error's code is a duplicate key.
func isDuplicateCode(code int) bool { return code == 11000 || code == 11001 || code == 12582 }

func isServerSelection(err error) bool {
	var se topology.ServerSelectionError
	return errors.As(err, &se)
}

// notFound is the ENOTFOUND of one document.
func notFound(k xiaoqi.Kind, id string) error {
	return xiaoqi.Errorf(xiaoqi.ENOTFOUND, "未找到%[3]s %[2]s / %[1]s %[2]s not found", k, id, xiaoqi.KindName(k))
}

// staleVersion is the ECONFLICT of a write or delete that expected version want of kind id,
// stored at version stored; item names the document of a batch ("docs[3]"), "" a single one.
func staleVersion(item string, kind xiaoqi.Kind, id string, stored, want int64) error {
	prefix, field := "", "version"
	if item != "" {
		prefix, field = item+": ", item+".version"
	}
	return &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
		Message: fmt.Sprintf("%[1]s版本冲突，请重新读取：%[6]s %[3]s 已是版本 %[4]d，不是 %[5]d / %[2]s %[3]s has version %[4]d, not %[5]d: it changed since it was read", prefix, kind, id, stored, want, xiaoqi.KindName(kind)),
		Details: []xiaoqi.FieldError{{Field: field, Message: "版本已过期 / stale version"}}}
}
