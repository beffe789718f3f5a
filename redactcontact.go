package xiaoqi

import (
	"regexp"
	"strings"
)

// Contacts written to be missed, and the pages of a person on the web, for Redact.
var (
	// An e-mail address with # for its @ (linxy#example.com), as people write it to escape
	// harvesters; the local part has two characters or more and the domain a common ending, so
	// that C#.NET and C# ASP.NET stay.
	textEmailHashPattern = regexp.MustCompile(`(?i)[a-z0-9._%+-]{2,}#[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|edu|io|me|cc|hk|uk|jp|de|co|info)\b`)
	// An e-mail address at a mail service without its ending: linxy@qq, 12345678@163.
	textEmailHostPattern = regexp.MustCompile(`(?i)[a-z0-9._%+-]+\s*@\s*(?:qq|163|126|139|189|gmail|outlook|hotmail|yahoo|sina|sohu|foxmail|icloud|yeah|aliyun|live|msn|proton(?:mail)?)\b`)
	// An account after a label of e-mail: 邮箱linxy123456, 邮箱：linxy, E-mail: zs. Latin labels
	// that are also words (熟悉 email marketing) need a colon, or a digit, @ or # in the account,
	// as Chinese ones do (邮箱 SMTP 模块 is a skill).
	textEmailLabelPattern = regexp.MustCompile(`(?i)((?:邮箱|电邮|邮件|\be-?mail)(?:地址|账号|帐号|号)?)(\s*[:：]?\s*)([a-z0-9][a-z0-9._%+-]{2,}(?:\s*[@#]\s*[a-z0-9.-]+)?)`)
	// The page of a person on a site of profiles or code: github.com/zhouxc, linkedin.com/in/…,
	// gitee.com/…, zhouxc.github.io. A candidate's profile link names them.
	textProfilePattern = regexp.MustCompile(`(?i)\b(?:https?://)?(?:www\.|[a-z]{2}\.)?` +
		`(?:linkedin\.com/in|zhihu\.com/people|juejin\.cn/user|weibo\.com/u|stackoverflow\.com/users/[0-9]+|leetcode\.(?:com|cn)/u|space\.bilibili\.com|` +
		`github\.com|gitee\.com|gitlab\.com|blog\.csdn\.net|weibo\.com|twitter\.com|x\.com|medium\.com|behance\.net|dribbble\.com|leetcode\.(?:com|cn))` +
		`/@?[a-z0-9_.-]*[a-z0-9_-](?:/[^\s，。；;、)）\]】"'<>]*)?` +
		`|\b[a-z0-9-]+\.(?:github|gitee|gitlab)\.io\b(?:/[^\s，。；;、)）\]】"'<>]*)?`)
)

// replaceEmailLabels hides the accounts textEmailLabelPattern finds, keeping the label.
func replaceEmailLabels(s, mark string) string {
	return replaceSubmatches(textEmailLabelPattern, s, func(g []string) string {
		if !strings.ContainsAny(g[2], ":：") && !strings.ContainsAny(g[3], "0123456789@#") {
			return g[0]
		}
		return g[1] + g[2] + mark
	})
}
