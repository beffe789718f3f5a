// Package xiaoqi holds the domain of the xiaoqi (校企) talent and training-program matching
// service: the types it stores (institutions, programs, enterprises, job needs, candidates,
// policy items, partnerships), their validation, the one error type shared by every layer, and
// the small interfaces (Store, Accounts, ImportJobs, Index) that the storage and search packages
// implement.
//
// It imports only the standard library, in the layout of benbjohnson/wtf.
package xiaoqi

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Error codes. The API maps each to one HTTP status in one table.
const (
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	ETOOLARGE     = "too_large"
	EINTERNAL     = "internal"
	EUNAVAILABLE  = "unavailable"
)

// FieldError names one field that failed validation.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is the application error. Code is machine-readable; Message is safe to show users;
// Details lists per-field problems for EINVALID.
type Error struct {
	Code    string
	Message string
	Details []FieldError
	// Err is the underlying cause, never shown to users.
	Err error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("xiaoqi %s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("xiaoqi %s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for any other
// non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// InternalMessage is all a user is told of an internal error.
const InternalMessage = "内部错误 / internal error"

// ErrorMessage returns the user-facing message of err. Errors that are not *Error are internal
// and are shown as InternalMessage only.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) && e.Code != EINTERNAL {
		return e.Message
	}
	return InternalMessage
}

// ErrorDetails returns the per-field details of err, if any.
func ErrorDetails(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Details
	}
	return nil
}

// validation collects field errors.
type validation struct{ details []FieldError }

// add records a problem of field, in Chinese and in English: zh and en are formats of the same
// args, in the same order.
func (v *validation) add(field, zh, en string, args ...any) {
	v.details = append(v.details, FieldError{Field: field, Message: fmt.Sprintf(zh, args...) + " / " + fmt.Sprintf(en, args...)})
}

// required refuses an empty value, and one of spaces only.
func (v *validation) required(field, value string) {
	if strings.TrimSpace(value) == "" {
		v.add(field, "必填", "is required")
	}
}

// ref refuses a reference that is not an id of kind k; an empty one passes.
func (v *validation) ref(field string, k Kind, id string) {
	if id != "" && CheckID(k, id) != nil {
		v.add(field, "须为%[4]s编号（%[2]s…），不能是 %[3]q", "must be a %[1]s id (%[2]s…), not %[3]q", k, idPrefix[k], id, kindNames[k])
	}
}

// Dates a document may hold: what the search index can represent, and more than any record
// needs (bleve stores a date as nanoseconds since 1970, from 1677 to 2262).
var (
	minDate = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	maxDate = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// DateInRange reports whether t lies between the years 1900 and 2199: the dates a document
// may hold and a search may ask for.
func DateInRange(t time.Time) bool {
	return !t.Before(minDate) && t.Before(maxDate)
}

// date refuses a date outside DateInRange; the zero time is no date and passes.
func (v *validation) date(field string, t time.Time) {
	if !t.IsZero() && !DateInRange(t) {
		v.add(field, "日期超出范围：须在 %d 与 %d 年之间，不能是 %s", "is out of range: between the years %d and %d, not %s",
			minDate.Year(), maxDate.Year()-1, t.Format(time.RFC3339))
	}
}

// kindNames are the Chinese names of the kinds, for messages (KindName).
var kindNames = map[Kind]string{KindInstitution: "院校", KindProgram: "专业", KindEnterprise: "企业",
	KindJob: "岗位需求", KindCandidate: "候选人", KindPolicy: "政策条款", KindPartnership: "合作", "user": "用户",
	"API key": "API 密钥", "session": "会话", "audit entry": "审计记录"}

// KindName is the Chinese name of kind k, for messages: 岗位需求 for job; k itself when it has
// none.
func KindName(k Kind) string {
	if n := kindNames[k]; n != "" {
		return n
	}
	return string(k)
}

func (v *validation) err(kind Kind) error {
	if len(v.details) == 0 {
		return nil
	}
	d := v.details[0]
	zh, en := Halves(d.Message)
	zh = fmt.Sprintf("%s有误：%s %s", KindName(kind), d.Field, zh)
	en = fmt.Sprintf("invalid %s: %s %s", kind, d.Field, en)
	if len(v.details) > 1 {
		zh += fmt.Sprintf("（另有 %d 处）", len(v.details)-1)
		en += fmt.Sprintf(" (and %d more)", len(v.details)-1)
	}
	return &Error{Code: EINVALID, Message: zh + " / " + en, Details: v.details}
}

// Halves splits a message "中文 / English" into its Chinese and its English half; a message
// without " / " is both.
func Halves(msg string) (zh, en string) {
	if zh, en, ok := strings.Cut(msg, " / "); ok {
		return zh, en
	}
	return msg, msg
}

// KeyNotFound is the ENOTFOUND of Store.GetByKey. It does not repeat the key, which for a
// candidate holds a student number or contacts.
func KeyNotFound(k Kind) error {
	return Errorf(ENOTFOUND, "未找到该%[2]s / no %[1]s with that key", k, KindName(k))
}
