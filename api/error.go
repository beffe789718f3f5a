package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Error codes that only the HTTP layer produces. (They could move to the root package.)
const (
	eMethodNotAllowed     = "method_not_allowed"
	eUnsupportedMediaType = "unsupported_media_type"
	eTooManyRequests      = "too_many_requests"
)

// errorStatus is the one table from error code to HTTP status. A code it does not know is
// treated as internal.
func errorStatus(code string) int {
	switch code {
	case xiaoqi.EINVALID:
		return http.StatusBadRequest
	case xiaoqi.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case xiaoqi.EFORBIDDEN:
		return http.StatusForbidden
	case xiaoqi.ENOTFOUND:
		return http.StatusNotFound
	case eMethodNotAllowed:
		return http.StatusMethodNotAllowed
	case xiaoqi.ECONFLICT:
		return http.StatusConflict
	case xiaoqi.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case eUnsupportedMediaType:
		return http.StatusUnsupportedMediaType
	case xiaoqi.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	case eTooManyRequests:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// errorBody is the JSON of every error response:
// {"error":{"code":"invalid","message":"...","details":[{"field":"title","message":"..."}]}}.
type errorBody struct {
	Error errorJSON `json:"error"`
}

type errorJSON struct {
	Code    string              `json:"code"`
	Message string              `json:"message"`
	Details []xiaoqi.FieldError `json:"details,omitempty"`
}

// writeError answers err. Internal errors are logged with their cause and shown as
// xiaoqi.InternalMessage only.
func (s *Server) writeError(c *gin.Context, err error) {
	code := xiaoqi.ErrorCode(err)
	status := errorStatus(code)
	ctx := c.Request.Context()
	if status == http.StatusInternalServerError && ctx.Err() != nil &&
		(errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		// The client went away; nobody reads this answer and nothing is broken.
		code, status = xiaoqi.EUNAVAILABLE, http.StatusServiceUnavailable
		err = &xiaoqi.Error{Code: code, Message: "请求已取消 / request cancelled", Err: err}
	}
	body := errorJSON{Code: code, Message: xiaoqi.ErrorMessage(err), Details: xiaoqi.ErrorDetails(err)}
	if status == http.StatusUnauthorized {
		// Every 401 names the scheme to use (RFC 9110 §11.6.1); a browser shows no dialog for it.
		c.Header("WWW-Authenticate", `Bearer realm="xiaoqi"`)
	}
	if status == http.StatusInternalServerError {
		s.logger.LogAttrs(ctx, slog.LevelError, "internal error",
			slog.String("method", c.Request.Method),
			slog.String("route", c.FullPath()),
			slog.String("error", err.Error()),
			slog.String("request_id", c.GetString(keyRequestID)),
		)
		body = errorJSON{Code: xiaoqi.EINTERNAL, Message: xiaoqi.InternalMessage}
	}
	s.writeJSON(c, status, errorBody{Error: body})
}

// writeJSON answers v as JSON with status.
func (s *Server) writeJSON(c *gin.Context, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		s.logger.LogAttrs(c.Request.Context(), slog.LevelError, "encode response",
			slog.String("route", c.FullPath()), slog.String("error", err.Error()),
			slog.String("request_id", c.GetString(keyRequestID)))
		status = http.StatusInternalServerError
		data = []byte(`{"error":{"code":"internal","message":"` + xiaoqi.InternalMessage + `"}}`)
	}
	c.Data(status, "application/json; charset=utf-8", append(data, '\n'))
}

// invalid returns an EINVALID error naming one field or parameter.
func invalid(field, format string, args ...any) *xiaoqi.Error {
	msg := fmt.Sprintf(format, args...)
	return &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: field + ": " + msg,
		Details: []xiaoqi.FieldError{{Field: field, Message: msg}}}
}
