package search

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/xiaoqi-dev/xiaoqi"
)

var _ xiaoqi.Suggester = (*Index)(nil)

// maxSuggestScan bounds the dictionary entries one suggestion request reads: a one-letter
// prefix over a million documents must stay cheap. The most frequent completions among the
// first maxSuggestScan (in folded order) are returned.
const maxSuggestScan = 5000

// Suggest completes prefix for search-as-you-type: job and program titles, skills,
// institution and enterprise names that start with it (folded: case, width and traditional
// characters do not matter), the most frequent first, at most limit (default 10, at most
// MaxSuggestions). It reads the index's term dictionary only, never the documents.
func (x *Index) Suggest(ctx context.Context, prefix string, limit int) ([]xiaoqi.Suggestion, error) {
	switch {
	case !utf8.ValidString(prefix):
		return nil, invalid("q", "编码无效 / is not valid UTF-8")
	case utf8.RuneCountInString(prefix) > xiaoqi.MaxSuggestLength:
		return nil, invalid("q", "最多 %d 个字 / must be at most %d characters", xiaoqi.MaxSuggestLength, xiaoqi.MaxSuggestLength)
	case limit < 0 || limit > xiaoqi.MaxSuggestions:
		return nil, invalid("limit", "须在 1 至 %d 之间 / must be between 1 and %d", xiaoqi.MaxSuggestions, xiaoqi.MaxSuggestions)
	case limit == 0:
		limit = 10
	}
	p := x.seg.fold(prefix)
	if p == "" {
		return []xiaoqi.Suggestion{}, nil
	}
	dict, err := x.idx.FieldDictPrefix(fieldSuggest, []byte(p))
	if err != nil {
		return nil, fmt.Errorf("search: suggest %q: %w", prefix, closedErr(err))
	}
	defer dict.Close()
	byFolded := map[string]*xiaoqi.Suggestion{}
	for n := 0; n < maxSuggestScan; n++ {
		if n%500 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("search: suggest %q: %w", prefix, closedErr(err))
		}
		if e == nil {
			break
		}
		folded, text, ok := strings.Cut(e.Term, suggestSep)
		if !ok {
			continue
		}
		if s := byFolded[folded]; s != nil {
			s.Count += int(e.Count)
		} else {
			byFolded[folded] = &xiaoqi.Suggestion{Text: text, Count: int(e.Count)}
		}
	}
	out := make([]xiaoqi.Suggestion, 0, len(byFolded))
	for _, s := range byFolded {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		if li, lj := utf8.RuneCountInString(out[i].Text), utf8.RuneCountInString(out[j].Text); li != lj {
			return li < lj
		}
		return out[i].Text < out[j].Text
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
