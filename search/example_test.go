package search_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/search"
)

func ExampleIndex_Search() {
	dir, err := os.MkdirTemp("", "xiaoqi-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	x, err := search.Open(filepath.Join(dir, "index"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer x.Close()

	// Normally a Follower applies the store's change feed; here two changes by hand.
	job := &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_1", Version: 1}, Name: "软件测试工程师",
		EnterpriseName: "西安某软件公司", City: "西安市", Description: "负责Web系统的自动化测试。"}
	program := &xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_1", Version: 1}, InstitutionID: "ins_1",
		InstitutionName: "西安邮电大学", Name: "软件工程", Degree: "本科", City: "西安市"}
	err = x.Apply([]xiaoqi.Change{
		{Seq: 1, Op: xiaoqi.OpUpsert, Kind: xiaoqi.KindJob, ID: job.ID, Doc: job},
		{Seq: 2, Op: xiaoqi.OpUpsert, Kind: xiaoqi.KindProgram, ID: program.ID, Doc: program},
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	res, err := x.Search(context.Background(), xiaoqi.SearchQuery{Q: "自动化测试", City: "西安"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, h := range res.Hits {
		fmt.Println(h.Type, h.ID, h.Title, h.Fields["enterprise_name"])
		fmt.Println(h.Snippet)
	}
	// Output:
	// job job_1 软件测试工程师 西安某软件公司
	// 负责Web系统的<mark>自动化测试</mark>。
}
