package search_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestYangling: 杨凌示范区 (policy item (7)), 杨凌 and 杨陵区 (its district of 咸阳市) find each
// other, as words, as a city or district filter and as the start of a distance.
func TestYangling(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_yl"}, Name: "农业数据分析师", City: "咸阳市", District: "杨陵区"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_xy"}, Name: "数据分析师", City: "咸阳市", District: "秦都区"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_nw"}, Name: "西北农林科技大学", Type: xiaoqi.InstitutionUniversity,
			City: "咸阳市", District: "杨陵区"},
		// A program is where its school is: 农业 in 杨凌 found it not while programs had no district.
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_nw"}, InstitutionID: "ins_nw", InstitutionName: "西北农林科技大学",
			Name: "农业工程", MajorCode: "082801", Degree: "本科", City: "咸阳市", District: "杨陵区"},
		&xiaoqi.Policy{Meta: xiaoqi.Meta{ID: "pol_7"}, Number: 7, Heading: "构建服务外包产业发展新格局",
			Text: "辐射带动西咸新区、宝鸡市、咸阳市、渭南市、杨凌示范区服务外包产业快速发展。"},
	)
	all := []string{"ins_nw", "job_yl", "pol_7", "prg_nw"}
	for _, q := range []string{"杨凌", "杨凌示范区", "杨陵", "杨陵区"} {
		got := ids(find(t, x, xiaoqi.SearchQuery{Q: q}))
		slices.Sort(got)
		if !slices.Equal(got, all) {
			t.Errorf("q=%s: %v, want %v", q, got, all)
		}
	}
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "杨凌", Types: []xiaoqi.Kind{xiaoqi.KindInstitution}})); !slices.Equal(got, []string{"ins_nw"}) {
		t.Errorf("杨凌 among institutions: %v, want 西北农林科技大学", got)
	}
	for _, q := range []xiaoqi.SearchQuery{
		{Districts: []string{"杨凌示范区"}}, {Districts: []string{"杨凌"}}, {Districts: []string{"杨陵"}},
		{Cities: []string{"杨凌"}}, {Cities: []string{"杨凌示范区"}},
	} {
		got := ids(find(t, x, q))
		slices.Sort(got)
		if !slices.Equal(got, []string{"ins_nw", "job_yl", "prg_nw"}) {
			t.Errorf("%+v: %v, want the job, the school and the program of 杨凌", q, got)
		}
	}
	for _, near := range []string{"杨凌", "杨凌示范区", "杨陵区"} {
		got := ids(find(t, x, xiaoqi.SearchQuery{NearCity: near, WithinKM: 10}))
		slices.Sort(got)
		if !slices.Equal(got, []string{"ins_nw", "job_yl", "prg_nw"}) {
			t.Errorf("near=%s within 10 km: %v, want the job, the school and the program of 杨凌", near, got)
		}
	}
	// 西咸新区 has no coordinates: a 400 that says so.
	_, err := x.Search(t.Context(), xiaoqi.SearchQuery{NearCity: "西咸新区", WithinKM: 10})
	var e *xiaoqi.Error
	if !errors.As(err, &e) || e.Code != xiaoqi.EINVALID || e.Details[0].Field != "near" {
		t.Errorf("near=西咸新区: %v, want a 400 naming near", err)
	}
}

// TestDistrictPoints: a document that names its district is placed at the district's centre,
// not its city's: the job needs of 周至县 are 65 km from 西安's centre.
func TestDistrictPoints(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_zz"}, Name: "电气设计工程师", City: "西安市", District: "周至县"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_hy"}, Name: "测试工程师", City: "西安市", District: "鄠邑区"}, // 户县 until 2016
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_lh"}, Name: "运维工程师", City: "西安市", District: "莲湖区"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_gx"}, Name: "前端开发", City: "西安市", District: "高新区"}, // no division: the city's centre
	)
	got := ids(find(t, x, xiaoqi.SearchQuery{NearCity: "西安市", WithinKM: 10}))
	slices.Sort(got)
	if !slices.Equal(got, []string{"job_gx", "job_lh"}) {
		t.Errorf("near 西安 within 10 km: %v, want the jobs of 莲湖区 and 高新区 (placed at the centre)", got)
	}
	res := find(t, x, xiaoqi.SearchQuery{NearCity: "西安市", Districts: []string{"周至县"}})
	if len(res.Hits) != 1 || res.Hits[0].DistanceKM == nil || *res.Hits[0].DistanceKM < 50 || *res.Hits[0].DistanceKM > 80 {
		t.Errorf("near 西安, 周至县: %+v, want the job about 65 km away", res.Hits)
	}
	res = find(t, x, xiaoqi.SearchQuery{NearCity: "西安市", Districts: []string{"鄠邑区"}})
	if len(res.Hits) != 1 || res.Hits[0].DistanceKM == nil || *res.Hits[0].DistanceKM < 20 {
		t.Errorf("near 西安, 鄠邑区: %+v, want the job some 30 km away", res.Hits)
	}
}

// TestXixianTowns: the new towns of 西咸新区 (沣西, 空港 …), as people in 西安 name where they
// work, find the documents of 西咸新区 (沣西 found nothing).
func TestXixianTowns(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_xx"}, Name: "数据分析师", EnterpriseName: "甲公司", City: "西安市", District: "西咸新区"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_yt"}, Name: "数据分析师", EnterpriseName: "乙公司", City: "西安市", District: "雁塔区"},
	)
	for _, q := range []string{"沣西", "沣西新城", "空港新城 数据分析师", "秦汉 数据分析师"} {
		if got := ids(find(t, x, xiaoqi.SearchQuery{Q: q})); !slices.Equal(got, []string{"job_xx"}) {
			t.Errorf("%s: %v, want the job need of 西咸新区", q, got)
		}
	}
}
