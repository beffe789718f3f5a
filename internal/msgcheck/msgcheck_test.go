package msgcheck_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi/internal/msgcheck"
)

// TestCheck: the shapes the audit found are refused, the product's shape passes.
func TestCheck(t *testing.T) {
	for _, msg := range []string{
		"必填 / is required",
		`refresh: 须为 wait_for 或 false，不能是 "later" / must be wait_for or false, not "later"`,
		`near: 应为城市名或“纬度,经度”，如 34.34,108.94 / must be a city or "lat,lon" such as 34.34,108.94`,
		"筛选值无效：region 不能是 \"华北\"（可选：关中、陕南、陕北） / region cannot be \"华北\" (one of 关中, 陕南, 陕北)",
	} {
		if err := msgcheck.Check(msg); err != nil {
			t.Errorf("refused: %v", err)
		}
	}
	for _, msg := range []string{
		"参考数据未加载 reference data is not loaded on this server",  // no " / "
		"must be 关中, 陕南 or 陕北, not \"x\" / 地区无效",               // English first
		"dry_run: 未知参数 (allowed: refresh) / unknown parameter", // the list in one half
		"映射中的字段不存在 / the mapping names field \"titel\"",        // the value in one half
		"应为公里数 / must be a distance in km, not \"far\"",        // the value in one half
		"请求体过大 / body larger than 1048576 bytes",               // the limit in one half
		"院校有误 / invalid institution: type 须为 university / must be university",
	} {
		if msgcheck.Check(msg) == nil {
			t.Errorf("accepted %q", msg)
		}
	}
}
