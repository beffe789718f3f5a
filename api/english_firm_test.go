package api_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestEnglishFirmList: an administrator who reads English uploads a firm list in English.
// Its area (Yanta District) is the firm's district and its offshore market by the English
// UI's name (Europe and North America) is 欧美, as the same row in Chinese gives: the English
// row was stored in 西安市 with no district, its market as written and no warning, and
// search type=enterprise&language=English found the Chinese firm but not the English one.
// Through the API the same: a market in English is stored as its Chinese, one no one knows
// kept with an X-Warning naming it.
func TestEnglishFirmList(t *testing.T) {
	e := newEnv(t)
	csv := "company,city,area,offshore markets\n" +
		"Test Zh Area Co,西安,雁塔区,欧美\n" +
		"Test En Area Co,Xi'an,Yanta District,Europe and North America\n" +
		"Test Mars Co,Xi'an,Yanta District,Mars\n"
	var j importJob
	e.upload(t, "t2.csv", []byte(csv), map[string]string{"type": "enterprises"}).want(t, http.StatusAccepted).decode(t, &j)
	j = e.waitImport(t, j.ID)
	if j.Status != "done" || j.Counts == nil || j.Counts.Created != 3 || j.Counts.Warnings != 1 ||
		len(j.Errors) != 1 || j.Errors[0].Row != 4 || !strings.Contains(j.Errors[0].Message, `"Mars"`) {
		t.Fatalf("import %+v counts %+v errors %+v; want 3 firms, a warning on row 4's market Mars", j, j.Counts, j.Errors)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	seq, err := e.Store.LastSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Index.WaitFor(ctx, seq); err != nil {
		t.Fatal(err)
	}
	type firm struct {
		stored
		District string   `json:"district"`
		Markets  []string `json:"offshore_markets"`
	}
	var res struct {
		Hits []struct {
			ID    string `json:"id"`
			Title string `json:"title"`
		} `json:"hits"`
	}
	e.get(t, "/api/v1/search?type=enterprise&language=English").want(t, http.StatusOK).decode(t, &res)
	var found []string
	for _, h := range res.Hits {
		found = append(found, h.Title)
		if h.Title == "Test En Area Co" {
			var f firm
			e.get(t, "/api/v1/enterprises/"+h.ID).want(t, http.StatusOK).decode(t, &f)
			if f.City != "西安市" || f.District != "雁塔区" || !slices.Equal(f.Markets, []string{"欧美"}) {
				t.Errorf("Test En Area Co stored in %s %q, markets %q; want 西安市 雁塔区, 欧美", f.City, f.District, f.Markets)
			}
		}
	}
	slices.Sort(found)
	if !slices.Equal(found, []string{"Test En Area Co", "Test Zh Area Co"}) {
		t.Errorf("language=English among enterprises finds %q, want both firms serving Europe and North America", found)
	}

	r := e.send(t, http.MethodPost, "/api/v1/enterprises?refresh=wait_for",
		`{"name":"Test API Markets Co","city":"Xi'an","district":"Yanta District","offshore_markets":["japan and korea","Mars","日韩"]}`).want(t, http.StatusCreated)
	var f firm
	r.decode(t, &f)
	if !slices.Equal(f.Markets, []string{"日韩", "Mars"}) || f.District != "雁塔区" {
		t.Errorf("POST stored markets %q in %q, want [日韩 Mars] in 雁塔区", f.Markets, f.District)
	}
	if w, _ := url.PathUnescape(r.Header.Get("X-Warning")); !strings.HasPrefix(w, `offshore_markets[1]: "Mars"`) || !strings.Contains(w, "kept as written") {
		t.Errorf("X-Warning %q, want offshore_markets[1]'s Mars kept as written", w)
	}
	r = e.send(t, http.MethodPut, "/api/v1/enterprises/"+f.ID+"?refresh=wait_for", `{"name":"Test API Markets Co","city":"Xi'an","offshore_markets":["Southeast Asia"]}`).want(t, http.StatusOK)
	r.decode(t, &f)
	if !slices.Equal(f.Markets, []string{"东南亚"}) || r.Header.Get("X-Warning") != "" {
		t.Errorf("PUT stored markets %q (warning %q), want [东南亚] and no warning", f.Markets, r.Header.Get("X-Warning"))
	}
	var xs xiaoqi.SearchResult
	e.get(t, "/api/v1/search?type=enterprise&language="+url.QueryEscape("东南亚语言")).want(t, http.StatusOK).decode(t, &xs)
	if xs.Total != 1 || xs.Hits[0].ID != f.ID {
		t.Errorf("language=东南亚语言 among enterprises: %+v, want the firm serving Southeast Asia", xs.Hits)
	}
}
