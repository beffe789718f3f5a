package search_test

import (
	"context"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestPinyinRoleWords: the words of the trade typed in pinyin (Enter pressed before the input
// method made them Chinese) search the word they spell. Only the skills' names were spelt:
// houduan, suanfa and suanfa gongchengshi found nothing and said nothing, yunwei searched
// 运维监控 (a narrow skill whose spelling begins so) and ceshi 测试测量, as they suggested them.
func TestPinyinRoleWords(t *testing.T) {
	t.Parallel()
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_be"}, Name: "后端开发工程师", City: "西安市", Skills: []string{"Java"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_algo"}, Name: "算法工程师", City: "西安市", Skills: []string{"机器学习"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_ops"}, Name: "运维工程师", City: "西安市", Skills: []string{"系统运维", "Linux"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_mon"}, Name: "监控平台开发", City: "西安市", Skills: []string{"运维监控"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_qa"}, Name: "软件测试工程师", City: "西安市", Skills: []string{"软件测试"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_meas"}, Name: "仪器工程师", City: "宝鸡市", Skills: []string{"测试测量"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_fe"}, Name: "前端开发工程师", City: "西安市", Skills: []string{"前端开发"}},
	)
	for q, want := range map[string]struct{ instead, first string }{
		"houduan":             {"后端", "job_be"},
		"suanfa":              {"算法", "job_algo"},
		"suanfa gongchengshi": {"算法工程师", "job_algo"},
		"yunwei":              {"运维", "job_ops"},
		"ceshi":               {"测试", "job_qa"},
		"qianduan":            {"前端", "job_fe"},
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: q})
		if res.Instead != want.instead || len(res.Hits) == 0 || res.Hits[0].ID != want.first {
			t.Errorf("%q: instead %q, hits %v; want %s, %s first", q, res.Instead, ids(res), want.instead, want.first)
		}
	}
	// Search-as-you-type: the word first, counted as the documents that hold it.
	for prefix, want := range map[string]string{"houduan": "后端", "houd": "后端", "ceshi": "测试", "yunwei": "运维", "suanfa": "算法"} {
		got, err := x.Suggest(context.Background(), prefix, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || got[0].Text != want || got[0].Count != int(find(t, x, xiaoqi.SearchQuery{Q: want}).Total) {
			t.Errorf("Suggest(%q) = %v, want %s first, counted as its search finds", prefix, got, want)
		}
	}
}
