// Package xiaoqi holds the domain of the xiaoqi (校企) talent and training-program matching
// service: the types it stores (institutions, programs, enterprises, job needs, candidates,
// policy items, partnerships), their validation, the one error type shared by every layer, and
// the small interfaces (Store, Index) that the storage and search packages implement.
//
// It imports only the standard library, in the layout of benbjohnson/wtf.
package xiaoqi

import (
	"errors"
	"fmt"
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

// ErrorMessage returns the user-facing message of err. Errors that are not *Error are internal
// and are shown as "internal error" only.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) && e.Code != EINTERNAL {
		return e.Message
	}
	return "internal error"
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

func (v *validation) add(field, format string, args ...any) {
	v.details = append(v.details, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

func (v *validation) required(field, value string) {
	if value == "" {
		v.add(field, "is required / 必填")
	}
}

func (v *validation) err(kind Kind) error {
	if len(v.details) == 0 {
		return nil
	}
	msg := fmt.Sprintf("invalid %s: %s %s", kind, v.details[0].Field, v.details[0].Message)
	if len(v.details) > 1 {
		msg += fmt.Sprintf(" (and %d more)", len(v.details)-1)
	}
	return &Error{Code: EINVALID, Message: msg, Details: v.details}
}
