package api_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"testing"
)

// listIDs follows the list path (with its query) page by page, limit documents a page, and
// returns the ids in the order listed.
func listIDs(tb testing.TB, e *env, path string, limit int) []string {
	tb.Helper()
	var ids []string
	after := ""
	for range 100 {
		var page struct {
			Data []stored `json:"data"`
			Next string   `json:"next"`
		}
		u := path + "&limit=" + strconv.Itoa(limit)
		if after != "" {
			u += "&after=" + after
		}
		e.get(tb, u).want(tb, http.StatusOK).decode(tb, &page)
		for _, d := range page.Data {
			ids = append(ids, d.ID)
		}
		if after = page.Next; after == "" {
			return ids
		}
	}
	tb.Fatalf("%s: more than 100 pages", path)
	return nil
}

// searchIDs returns the ids search finds for the query, sorted.
func searchIDs(tb testing.TB, e *env, query string) []string {
	tb.Helper()
	var res struct {
		Hits []struct {
			ID string `json:"id"`
		} `json:"hits"`
	}
	e.get(tb, "/api/v1/search?per_page=100&"+query).want(tb, http.StatusOK).decode(tb, &res)
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	return ids
}

// TestListCityOfNewArea: /api/v1/institutions?city=杨凌 listed nothing of the default data,
// whose schools of 杨凌 (西北农林科技大学, 陕西农林职业技术大学) are in 咸阳市 杨陵区, while search
// found them: the lists, as search, read the city of a new area as the area's documents and
// those of its districts (杨陵区 of 咸阳市; 西咸新区 of 西安市), page by page in id order.
func TestListCityOfNewArea(t *testing.T) {
	set := defaultSet(t)
	e := newEnv(t)
	var yangling []string
	for _, in := range set.Institutions {
		if in.City == "咸阳市" && in.District == "杨陵区" {
			body, err := json.Marshal(map[string]string{"name": in.Name, "type": in.Type, "level": in.Level, "code": in.Code, "city": in.City, "district": in.District})
			if err != nil {
				t.Fatal(err)
			}
			yangling = append(yangling, e.create(t, "institutions", string(body)).ID)
		}
	}
	if len(yangling) < 2 {
		t.Fatalf("the default data has %d institutions in 咸阳市 杨陵区, want 西北农林科技大学 and 陕西农林职业技术大学", len(yangling))
	}
	// Written as 杨凌, stored as the area (TestAPIYanglingIsAnArea); 秦都区 is 咸阳's, not 杨凌's.
	yangling = append(yangling, e.create(t, "institutions", `{"name":"杨凌农业技能培训学校","type":"training","city":"杨凌"}`).ID)
	e.create(t, "institutions", `{"name":"咸阳师范学院","type":"university","level":"本科","city":"咸阳市","district":"秦都区"}`)
	slices.Sort(yangling)

	for _, city := range []string{"杨凌", "杨凌示范区", "杨凌区", "Yangling"} {
		for _, limit := range []int{1, 2, 9} {
			if got := listIDs(t, e, "/api/v1/institutions?city="+url.QueryEscape(city), limit); !slices.Equal(got, yangling) {
				t.Errorf("GET /api/v1/institutions?city=%s&limit=%d lists %v, want the schools of 杨凌 %v in id order", city, limit, got, yangling)
			}
		}
		if got := searchIDs(t, e, "type=institution&city="+url.QueryEscape(city)); !slices.Equal(got, yangling) {
			t.Errorf("search city=%s finds %v, want the schools of 杨凌 %v", city, got, yangling)
		}
	}

	job := func(city, district string) string {
		return e.create(t, "jobs", `{"enterprise_name":"某软件公司","title":"数据分析","headcount":1,"city":"`+city+`","district":"`+district+`"}`).ID
	}
	xixian := []string{job("西安市", "西咸新区"), job("西咸新区", "")}
	slices.Sort(xixian)
	yl := []string{job("咸阳市", "杨陵区"), job("杨凌", "")}
	slices.Sort(yl)
	job("西安市", "雁塔区")
	job("咸阳市", "秦都区")
	for city, want := range map[string][]string{"西咸新区": xixian, "西咸": xixian, "杨凌": yl} {
		if got := listIDs(t, e, "/api/v1/jobs?city="+url.QueryEscape(city), 1); !slices.Equal(got, want) {
			t.Errorf("GET /api/v1/jobs?city=%s lists %v, want %v", city, got, want)
		}
		if got := searchIDs(t, e, "type=job&city="+url.QueryEscape(city)); !slices.Equal(got, want) {
			t.Errorf("search type=job&city=%s finds %v, want %v", city, got, want)
		}
	}
	// The city itself still lists its own: 咸阳市 holds 杨陵区's job, not the one stored as 杨凌示范区.
	if got := listIDs(t, e, "/api/v1/jobs?city=咸阳市", 9); len(got) != 2 {
		t.Errorf("GET /api/v1/jobs?city=咸阳市 lists %v, want the jobs of 杨陵区 and 秦都区", got)
	}
}
