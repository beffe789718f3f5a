package search

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/xiaoqi-dev/xiaoqi"
)

// homophones searches, for a query whose Chinese words found nothing (or were left out of a
// relaxed search), those words written with the characters of the same sound that a word of
// xiaoqi's vocabulary has (misheard): a pinyin input method offers every character of a
// syllable, and 前段, 算发, 后段 and 测式 (for 前端, 算法, 后端, 测试) found nothing, or left the
// word out (前段开发: every 开发 posting). The answer says so as a query in pinyin does
// (Instead); res when no word has such a homophone, or the search with them is relaxed too.
func (x *Index) homophones(ctx context.Context, q xiaoqi.SearchQuery, page, perPage int, res *xiaoqi.SearchResult) (*xiaoqi.SearchResult, error) {
	words := res.Unmatched
	if res.Total == 0 {
		words = strings.Fields(q.Q)
	}
	typed, changed := q.Q, false
	for _, w := range words {
		right, err := x.misheard(ctx, w)
		if err != nil {
			return nil, err
		}
		if right != "" {
			q.Q, changed = strings.ReplaceAll(q.Q, w, right), true
		}
	}
	if !changed || q.Q == typed {
		return res, nil
	}
	found, err := x.answer(ctx, q, page, perPage)
	if err != nil || found.Total == 0 || found.Relaxed {
		return res, err
	}
	found.Instead = q.Q
	return found, nil
}

// misheard returns the name or word of the trade (pinyinNames) that the Chinese word w reads
// as, whole and character for character, other than w itself: the one of most documents, ""
// when none reads so (or w is no Chinese word of two characters or more). The candidates are
// the vocabulary's own, found by their pinyin, never a list of typos.
func (x *Index) misheard(ctx context.Context, w string) (string, error) {
	n := utf8.RuneCountInString(w)
	if n < 2 || !isHan(w) || x.pinyin == nil {
		return "", nil
	}
	wholes, _ := spell(w)
	var best *xiaoqi.Suggestion
	for _, k := range wholes {
		names, err := x.spelledNames(ctx, k)
		if err != nil {
			return "", err
		}
		for _, s := range names {
			if s.Text != w && utf8.RuneCountInString(s.Text) == n && x.spellsWhole(ctx, k, s.Text) && (best == nil || s.Count > best.Count) {
				best = s
			}
		}
	}
	if best == nil {
		return "", nil
	}
	return best.Text, nil
}
