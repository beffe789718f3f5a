package api

import (
	"github.com/xiaoqi-dev/xiaoqi"
)

// keepDesignations refuses a change by staff or HR of what only an administrator records:
// whether a record is synthetic sample data and where it came from (institutions, programs,
// enterprises, job needs); for an institution the facts of the MOE list (学校标识码, type,
// level, authority) and the provincial designation as a key training institution; for an
// enterprise its standing as a leading enterprise. Staff of a synthetic training base cleared
// its 示例 mark (so that real_only counted it as real), called its source "moe", made it a 本科
// university and gave it the key-training standing the policy factor scores. A field left out
// (empty, false) keeps the stored value, as a replacement from an older client would; a
// different value is 403 naming the field.
func keepDesignations(old, d xiaoqi.Doc) error {
	if old == nil {
		return nil
	}
	type field struct {
		name    string
		was, is string
		zh, en  string
		keep    func()
	}
	ob, nb := old.Base(), d.Base()
	str := func(b bool) string {
		if b {
			return "true"
		}
		return ""
	}
	fields := []field{
		{name: "synthetic", was: str(ob.Synthetic), is: str(nb.Synthetic), zh: "示例数据标记", en: "the synthetic mark", keep: func() { nb.Synthetic = ob.Synthetic }},
		{name: "source", was: ob.Source, is: nb.Source, zh: "数据来源", en: "the source", keep: func() { nb.Source = ob.Source }},
		{name: "external_id", was: ob.ExternalID, is: nb.ExternalID, zh: "来源编号", en: "the external id", keep: func() { nb.ExternalID = ob.ExternalID }},
	}
	if o, ok := old.(*xiaoqi.Institution); ok {
		n := d.(*xiaoqi.Institution)
		fields = append(fields,
			field{name: "code", was: o.Code, is: n.Code, zh: "学校标识码", en: "the MOE school code", keep: func() { n.Code = o.Code }},
			field{name: "type", was: o.Type, is: n.Type, zh: "机构类型", en: "the institution type", keep: func() { n.Type = o.Type }},
			field{name: "level", was: o.Level, is: n.Level, zh: "办学层次", en: "the level", keep: func() { n.Level = o.Level }},
			field{name: "authority", was: o.Authority, is: n.Authority, zh: "主管部门", en: "the authority", keep: func() { n.Authority = o.Authority }},
			field{name: "key_training", was: str(o.KeyTraining), is: str(n.KeyTraining), zh: "省级重点人才培训机构认定", en: "the provincial key training institution designation", keep: func() { n.KeyTraining = o.KeyTraining }})
	}
	if o, ok := old.(*xiaoqi.Enterprise); ok {
		n := d.(*xiaoqi.Enterprise)
		fields = append(fields,
			field{name: "leading", was: str(o.Leading), is: str(n.Leading), zh: "服务外包龙头企业认定", en: "the leading-enterprise designation", keep: func() { n.Leading = o.Leading }})
		if xiaoqi.ValidCreditCode(o.CreditCode) {
			// An administrator verified the firm by its credit code, under this name: HR of a
			// verified firm renamed it 腾讯科技（西安）有限公司 and stayed verified, shown so in
			// search, and the candidates who share their contact with verified firms shared it
			// with a name they never chose. Clearing the verification instead would cut off the
			// firm's HR from candidates they were entitled to over a typo; the name stays
			// the administrator's, as the credit code is.
			fields = append(fields,
				field{name: "name", was: o.Name, is: n.Name, zh: "已核验企业（统一社会信用代码经管理员核验）的名称", en: "the name of a verified enterprise (one whose credit code an administrator verified)", keep: func() { n.Name = o.Name }})
		}
	}
	for _, f := range fields {
		switch {
		case f.is == f.was:
		case f.is == "":
			f.keep()
		default:
			msg := "只有管理员可以设置或修改" + f.zh + " / only an administrator may set or change " + f.en
			return &xiaoqi.Error{Code: xiaoqi.EFORBIDDEN, Message: f.name + ": " + msg, Details: []xiaoqi.FieldError{{Field: f.name, Message: msg}}}
		}
	}
	return nil
}
