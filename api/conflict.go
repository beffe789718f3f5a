package api

import (
	"context"
	"fmt"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// keyField is a field of a natural key, by its name in the JSON body and in either language.
type keyField struct{ json, zh, en string }

// keyFields are the fields that make the natural key of d, as the client wrote them; none for
// a kind whose key it does not write (a candidate's or job's source and external id: an
// import's, and a candidate's holder would be a person).
func keyFields(d xiaoqi.Doc) []keyField {
	switch x := d.(type) {
	case *xiaoqi.Program:
		degree := keyField{"degree", "学历层次", "degree"}
		if x.MajorCode == "" {
			return []keyField{{"name", "名称", "name"}, degree}
		}
		return []keyField{{"major_code", "专业代码", "major code"}, degree}
	case *xiaoqi.Enterprise:
		if x.CreditCode != "" {
			return []keyField{{"credit_code", "统一社会信用代码", "unified social credit code"}}
		}
		return []keyField{{"name", "名称", "name"}, {"city", "城市", "city"}}
	case *xiaoqi.Institution:
		switch {
		case x.Code != "":
			return []keyField{{"code", "院校代码", "institution code"}}
		case x.CreditCode != "":
			return []keyField{{"credit_code", "统一社会信用代码", "unified social credit code"}}
		}
		return []keyField{{"name", "名称", "name"}, {"city", "城市", "city"}}
	case *xiaoqi.Policy:
		return []keyField{{"number", "条款序号", "item number"}}
	}
	return nil
}

// keyConflict says the store's refusal of the one document of a POST or PUT whose natural key
// another document holds (its message names the key, "ins_…|050101|本科", and the holder's
// id) by the fields of the key as the client sent them and the holder by its name: 专业代码
// and 学历层次 of the program 汉语言文学. Any other error is returned as it is.
func (s *Server) keyConflict(ctx context.Context, d xiaoqi.Doc, err error) error {
	fields := keyFields(d)
	nk := d.NaturalKey()
	if xiaoqi.ErrorCode(err) != xiaoqi.ECONFLICT || len(fields) == 0 || nk == "" {
		return err
	}
	holder, gerr := s.store.GetByKey(ctx, d.Kind(), nk)
	if gerr != nil || holder.Base().ID == d.Base().ID {
		return err
	}
	name := holder.Title()
	if p, ok := holder.(*xiaoqi.Program); ok {
		name = p.Name // of the same school: the school's name says nothing
	}
	zhs, ens := make([]string, len(fields)), make([]string, len(fields))
	for i, f := range fields {
		zhs[i], ens[i] = f.zh, f.en
	}
	zh, en := strings.Join(zhs, "与"), strings.Join(ens, " and ")
	msg := fmt.Sprintf("已有%[1]s「%[2]s」使用相同的%[3]s：请编辑那一条 / the %[4]s %[2]s has the same %[5]s already: edit that one",
		xiaoqi.KindName(d.Kind()), name, zh, d.Kind(), en)
	out := &xiaoqi.Error{Code: xiaoqi.ECONFLICT, Message: fields[0].json + ": " + msg, Err: err}
	for _, f := range fields {
		out.Details = append(out.Details, xiaoqi.FieldError{Field: f.json,
			Message: fmt.Sprintf("与%[1]s「%[2]s」相同 / is the same as the %[3]s %[2]s's", xiaoqi.KindName(d.Kind()), name, d.Kind())})
	}
	return out
}
