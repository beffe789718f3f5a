package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/xiaoqi-dev/xiaoqi"
)

// readBody checks the Content-Type and reads at most limit bytes of the request body.
func readBody(c *gin.Context, limit int64) ([]byte, error) {
	ct := c.GetHeader("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || mt != "application/json" {
		return nil, &xiaoqi.Error{Code: eUnsupportedMediaType,
			Message: fmt.Sprintf("请求体须为 JSON：Content-Type 须为 application/json，不能是 %[1]q / Content-Type must be application/json, not %[1]q", ct),
			Details: []xiaoqi.FieldError{{Field: "Content-Type", Message: "须为 application/json / must be application/json"}}}
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return nil, &xiaoqi.Error{Code: eUnsupportedMediaType,
			Message: fmt.Sprintf("须为 UTF-8 编码：charset 不能是 %[1]q / charset must be utf-8, not %[1]q", cs),
			Details: []xiaoqi.FieldError{{Field: "Content-Type", Message: "须为 UTF-8 编码 / charset must be utf-8"}}}
	}
	tooLarge := &xiaoqi.Error{Code: xiaoqi.ETOOLARGE,
		Message: fmt.Sprintf("请求体过大：超过 %[1]d 字节 / body larger than %[1]d bytes", limit),
		Details: []xiaoqi.FieldError{{Field: "body", Message: fmt.Sprintf("最多 %[1]d 字节 / at most %[1]d bytes", limit)}}}
	if c.Request.ContentLength > limit {
		return nil, tooLarge
	}
	data, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, limit))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, tooLarge
		}
		return nil, &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: "无法读取请求体 / cannot read body", Err: err}
	}
	// Tools on Windows like to start UTF-8 with a byte-order mark; JSON forbids it.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, invalid("body", "请求体为空 / is empty")
	}
	if !utf8.Valid(data) {
		// encoding/json would store each bad byte as U+FFFD without a word.
		return nil, invalid("body", "不是有效的 UTF-8 文本 / is not valid UTF-8")
	}
	if jsonDepth(data) > maxJSONDepth {
		// The passes below name paths (docs[0].education[1].major) and cost depth² each: a
		// 16 KB body of 8,000 brackets, sent without signing in, took 7 s and 200 MB.
		return nil, invalid("body", "嵌套过深：最多 %[1]d 层 / is nested too deeply: at most %[1]d levels", maxJSONDepth)
	}
	if path, ok := loneSurrogate(data); ok {
		// encoding/json would store U+FFFD in its place without a word.
		return nil, invalid(path, "含有不成对的 UTF-16 代理项（如 \\ud800），不是文本 / holds half of a UTF-16 surrogate pair (such as \\ud800), which is no text")
	}
	if path, first, ok := duplicateKey(data); ok {
		// encoding/json would keep the last of them without a word.
		if first != path {
			return nil, invalid(path, "字段重复：与 %[1]s 只有大小写不同，视为同一字段 / is given more than once: it differs from %[1]s only in case, and names the same field", first)
		}
		return nil, invalid(path, "字段重复 / is given more than once")
	}
	return data, nil
}

// maxJSONDepth bounds the nesting of a request body's JSON: a batch of candidates with their
// education is four levels deep.
const maxJSONDepth = 32

// jsonDepth returns how deeply the objects and arrays of data nest (brackets inside strings
// aside), in one pass.
func jsonDepth(data []byte) int {
	depth, most, inString, escaped := 0, 0, false, false
	for _, c := range data {
		switch {
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case inString:
		case c == '[' || c == '{':
			depth++
			most = max(most, depth)
		case c == ']' || c == '}':
			depth--
		}
	}
	return most
}

// noBody refuses a body on a POST that takes none (the allocation, a key's rotation): what it
// said was ignored without a word, so {"city":"西安市"} allocated the whole province and
// {"expires_at":…} rotated a key that kept its old expiry. An empty body or {} is accepted.
func noBody(c *gin.Context, zh, en string) error {
	if c.Request.Body == nil || c.Request.ContentLength == 0 {
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(c.Request.Body, 64))
	if err != nil {
		return &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: "无法读取请求体 / cannot read body", Err: err}
	}
	if s := string(bytes.TrimSpace(data)); s == "" || s == "{}" {
		return nil
	}
	return invalid("body", "此请求不接受请求体：%s / takes no body: %s", zh, en)
}

// loneSurrogate returns the path (docs[1].title) of the first string whose escapes hold half of
// a UTF-16 surrogate pair ("\ud800" alone, or "\udc00" first), if any; "body" when it is a key.
func loneSurrogate(data []byte) (string, bool) {
	hex4 := func(i int) int {
		if i+4 > len(data) {
			return -1
		}
		n, err := strconv.ParseUint(string(data[i:i+4]), 16, 32)
		if err != nil {
			return -1
		}
		return int(n)
	}
	inString, start, bad := false, 0, false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case !inString:
			if c == '"' {
				inString, start, bad = true, i, false
			}
		case c == '"':
			inString = false
			if !bad {
				continue
			}
			var s string
			path := ""
			if json.Unmarshal(data[start:i+1], &s) == nil {
				path = findString(data, s)
			}
			if path == "" {
				return "body", true
			} else if strings.HasPrefix(path, "[") {
				return "docs" + path, true
			}
			return path, true
		case c == '\\' && i+1 < len(data) && data[i+1] == 'u':
			switch r := hex4(i + 2); {
			case r >= 0xD800 && r < 0xDC00:
				if i+7 < len(data) && data[i+6] == '\\' && data[i+7] == 'u' {
					if r2 := hex4(i + 8); r2 >= 0xDC00 && r2 < 0xE000 {
						i += 11 // a pair: one character
						continue
					}
				}
				bad = true
			case r >= 0xDC00 && r < 0xE000:
				bad = true
			}
			i += 5
		case c == '\\':
			i++ // an escaped character, perhaps a quote
		}
	}
	return "", false
}

// decodeDoc decodes one document of kind k strictly: no unknown fields, no wrong types, no
// trailing data. Field names in errors get prefix ("docs[3].").
func decodeDoc(k xiaoqi.Kind, data []byte, prefix string) (xiaoqi.Doc, error) {
	if first(data) != '{' {
		return nil, invalid(whole(prefix), "须为 JSON 对象 / must be a JSON object")
	}
	d := xiaoqi.NewDoc(k)
	body := withoutViewFields(k, data)
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(d); err != nil {
		return nil, decodeError(err, body, prefix, d)
	}
	if err := trailing(dec); err != nil {
		return nil, err
	}
	return d, nil
}

// viewFields are the fields the API shows of a kind besides the document's own (enterpriseView,
// candidateView): a document sent back as it was read is written without them. They were
// unknown fields: PUT of what GET answered failed for enterprises and candidates.
var viewFields = map[xiaoqi.Kind][]string{xiaoqi.KindEnterprise: {"verified"}, xiaoqi.KindCandidate: {"birth_year"}}

// withoutViewFields returns the JSON object data without the view fields of kind k.
func withoutViewFields(k xiaoqi.Kind, data []byte) []byte {
	fs := viewFields[k]
	if !slices.ContainsFunc(fs, func(f string) bool { return bytes.Contains(data, []byte(`"`+f+`"`)) }) {
		return data
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil {
		return data // decodeDoc says what is wrong
	}
	n := len(m)
	for _, f := range fs {
		delete(m, f)
	}
	if len(m) == n {
		return data
	}
	out, err := json.Marshal(m)
	if err != nil {
		return data
	}
	return out
}

// decodeBatch decodes a JSON array of documents of kind k. It reports the decoding errors of
// every document, up to maxDetails.
//
// fill, when not nil, sets on each document before its validation what the caller's account
// implies (HR's enterprise_id of a job need, as mayWrite does for a single POST).
//
// Each document's city is read as imports read it (readPlace); warnings are those of the cities
// kept as written.
func decodeBatch(k xiaoqi.Kind, data []byte, fill func(xiaoqi.Doc)) (docs []xiaoqi.Doc, warnings []string, err error) {
	if first(data) != '[' {
		return nil, nil, invalid("body", "须为 JSON 数组，每项是一个%[2]s（%[1]s） / must be a JSON array of %[1]s documents", k, xiaoqi.KindName(k))
	}
	var raws []json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raws); err != nil {
		return nil, nil, decodeError(err, data, "", nil)
	}
	if err := trailing(dec); err != nil {
		return nil, nil, err
	}
	if len(raws) == 0 {
		return nil, nil, invalid("body", "批量数据为空 / is an empty array")
	}
	if len(raws) > MaxBatchDocs {
		return nil, nil, &xiaoqi.Error{Code: xiaoqi.ETOOLARGE,
			Message: fmt.Sprintf("单批文档过多：%[1]d 条，最多 %[2]d 条 / %[1]d documents in one batch, at most %[2]d", len(raws), MaxBatchDocs),
			Details: []xiaoqi.FieldError{{Field: "body", Message: fmt.Sprintf("最多 %[1]d 条 / at most %[1]d documents", MaxBatchDocs)}}}
	}
	const maxDetails = 100
	docs = make([]xiaoqi.Doc, 0, len(raws))
	var details []xiaoqi.FieldError
	for i, raw := range raws {
		prefix := "docs[" + strconv.Itoa(i) + "]."
		d, err := decodeDoc(k, raw, prefix)
		if err == nil && fill != nil {
			fill(d)
		}
		if err == nil {
			orgName(d)
			readSectors(d)
			var w []string
			w, err = readPlace(d, prefix)
			warnings = append(warnings, w...)
			warnings = append(warnings, readMarkets(d, prefix)...)
		}
		if err == nil {
			var w []string
			w, err = readSalary(d, d, prefix)
			warnings = append(warnings, w...)
		}
		if err == nil {
			err = validate(d, prefix)
		}
		if err != nil {
			details = append(details, xiaoqi.ErrorDetails(err)...)
			if len(details) >= maxDetails {
				break
			}
			continue
		}
		docs = append(docs, d)
	}
	if len(details) > 0 {
		zh, en := xiaoqi.Halves(details[0].Message)
		zh = fmt.Sprintf("批量数据有误：%s %s", details[0].Field, zh)
		en = fmt.Sprintf("invalid batch: %s %s", details[0].Field, en)
		if len(details) > 1 {
			zh += fmt.Sprintf("（另有 %d 处）", len(details)-1)
			en += fmt.Sprintf(" (and %d more)", len(details)-1)
		}
		return nil, nil, &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: zh + " / " + en, Details: details}
	}
	return docs, warnings, nil
}

// validate checks a decoded document before it reaches the store, so that errors name the
// fields as the client wrote them (the store prefixes every field with "docs[i].").
func validate(d xiaoqi.Doc, prefix string) error {
	if id := d.Base().ID; id != "" {
		if err := xiaoqi.CheckID(d.Kind(), id); err != nil {
			return invalid(prefix+"id", "%s", xiaoqi.ErrorMessage(err))
		}
	}
	if v := d.Base().Version; v < 0 {
		// No document has it: a 409 said "reload and try again", which cannot help.
		return invalid(prefix+"version", "不能为负数：填读到的版本，或不填，不能是 %[1]d / must not be negative: send the version you read, or none, not %[1]d", v)
	}
	err := d.Validate()
	if err == nil || prefix == "" {
		return err
	}
	e := &xiaoqi.Error{Code: xiaoqi.ErrorCode(err), Message: xiaoqi.ErrorMessage(err), Err: err}
	for _, fe := range xiaoqi.ErrorDetails(err) {
		e.Details = append(e.Details, xiaoqi.FieldError{Field: prefix + fe.Field, Message: fe.Message})
	}
	if len(e.Details) == 0 {
		e.Details = []xiaoqi.FieldError{{Field: whole(prefix), Message: e.Message}}
	}
	return e
}

// whole names the decoded value itself: "body", or "docs[3]" in a batch.
func whole(prefix string) string {
	if prefix == "" {
		return "body"
	}
	return strings.TrimSuffix(prefix, ".")
}

// first returns the first non-space byte of data, or 0.
func first(data []byte) byte {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) == 0 {
		return 0
	}
	return data[0]
}

// trailing reports data after the decoded value.
func trailing(dec *json.Decoder) error {
	if _, err := dec.Token(); err != io.EOF {
		return invalid("body", "JSON 之后有多余内容 / has data after the JSON value")
	}
	return nil
}

// decodeError translates an encoding/json error into EINVALID naming the field, with the index
// of each array item on its path (education[1].foo), found in data, the text decoded into v
// (nil when unknown).
func decodeError(err error, data []byte, prefix string, v any) error {
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
		tpe *time.ParseError
	)
	switch {
	case errors.As(err, &syn):
		return invalid("body", "JSON 格式错误（第 %[1]d 字节） / malformed JSON at byte %[1]d: %[2]s", syn.Offset, syn.Error())
	case errors.Is(err, io.ErrUnexpectedEOF):
		return invalid("body", "JSON 不完整 / malformed JSON: unexpected end")
	case errors.As(err, &typ):
		if typ.Field == "" {
			return invalid(whole(prefix), "类型错误：须为%s，不能是 %s / must be %s, not %s", jsonTypeZH(typ.Type), jsonValueZH(typ.Value), jsonType(typ.Type), typ.Value)
		}
		return invalid(prefix+typePath(data, jsonPath(typ.Field), typ.Offset), "类型错误：须为%s，不能是 %s / must be %s, not %s", jsonTypeZH(typ.Type), jsonValueZH(typ.Value), jsonType(typ.Type), typ.Value)
	case errors.As(err, &tpe):
		field := findString(data, tpe.Value)
		if field == "" {
			field = "body"
		} else {
			field = prefix + field
		}
		return invalid(field, "日期时间格式错误：须如 2024-05-01T08:00:00+08:00（RFC 3339），不能是 %[1]q / must be a date-time like 2024-05-01T08:00:00+08:00 (RFC 3339), not %[1]q", tpe.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name, uerr := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		if uerr != nil {
			name = strings.TrimPrefix(err.Error(), "json: unknown field ")
		}
		if v != nil {
			name = unknownPath(data, name, v)
		}
		return invalid(prefix+name, "未知字段 / unknown field")
	}
	return &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: "无法解析请求体 / cannot decode body",
		Details: []xiaoqi.FieldError{{Field: whole(prefix), Message: "无法解析 / cannot decode"}}, Err: err}
}

// jsonPath is the field path of an UnmarshalTypeError as the client wrote it: encoding/json
// puts the Go names of embedded structs in it ("Meta.id"), which no JSON field here has (they
// are lower case).
func jsonPath(field string) string {
	parts := strings.Split(field, ".")
	out := parts[:0]
	for i, p := range parts {
		if i < len(parts)-1 && p != "" && p[0] >= 'A' && p[0] <= 'Z' {
			continue
		}
		out = append(out, p)
	}
	return strings.Join(out, ".")
}

// jsonType names the JSON type that Go type t decodes from.
func jsonType(t reflect.Type) string {
	if t == nil {
		return "a valid value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == reflect.TypeFor[time.Time]() {
		return "a date-time string"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "a valid value"
}

// jsonTypeZH is jsonType in Chinese.
func jsonTypeZH(t reflect.Type) string {
	if zh, ok := map[string]string{"a date-time string": "日期时间字符串", "a boolean": "布尔值",
		"an integer": "整数", "a number": "数字", "a string": "字符串", "an array": "数组",
		"an object": "对象"}[jsonType(t)]; ok {
		return zh
	}
	return "有效值"
}

// jsonValueZH is the Value of a json.UnmarshalTypeError ("number 1e30", "object") in Chinese.
func jsonValueZH(v string) string {
	word, rest, _ := strings.Cut(v, " ")
	if zh, ok := map[string]string{"number": "数字", "string": "字符串", "bool": "布尔值",
		"array": "数组", "object": "对象"}[word]; ok {
		return strings.TrimSpace(zh + " " + rest)
	}
	return v
}

// findString returns the path of the first string value equal to s in the JSON data
// ("history[0].at"), or "". It names the field of a date-time that failed to parse, which
// encoding/json does not report.
func findString(data []byte, s string) string {
	var v any
	if json.Unmarshal(data, &v) != nil {
		return ""
	}
	var walk func(v any, path string) string
	walk = func(v any, path string) string {
		switch v := v.(type) {
		case string:
			if v == s {
				return path
			}
		case []any:
			for i, e := range v {
				if p := walk(e, path+"["+strconv.Itoa(i)+"]"); p != "" {
					return p
				}
			}
		case map[string]any:
			for k, e := range v {
				p := k
				if path != "" {
					p = path + "." + k
				}
				if r := walk(e, p); r != "" {
					return r
				}
			}
		}
		return ""
	}
	return walk(v, "")
}
