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

// minAliasPrefix is the shortest prefix that suggests the names abbreviations stand for: one
// character (西) starts dozens of them.
const minAliasPrefix = 2

// Suggest completes prefix for search-as-you-type: job and program titles, skills,
// institution and enterprise names that start with it (folded: case, width and traditional
// characters do not matter), the most frequent first, at most limit (default 10, at most
// MaxSuggestions). An abbreviation (Options.Aliases), typed whole or begun, suggests the names
// it stands for: 西电 and XDU suggest 西安电子科技大学, first when typed whole. It reads the
// index's term dictionary only, never the documents.
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
	whole, err := x.suggestAliases(p, byFolded)
	if err != nil {
		return nil, fmt.Errorf("search: suggest %q: %w", prefix, closedErr(err))
	}
	out := make([]xiaoqi.Suggestion, 0, len(byFolded))
	for _, s := range byFolded {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		if wi, wj := whole[out[i].Text], whole[out[j].Text]; wi != wj {
			return wi
		}
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

// suggestAliases adds to byFolded the names of the index that the abbreviations beginning
// with the folded prefix p stand for, and returns those of the abbreviation p itself.
func (x *Index) suggestAliases(p string, byFolded map[string]*xiaoqi.Suggestion) (whole map[string]bool, err error) {
	whole = map[string]bool{}
	if utf8.RuneCountInString(p) < minAliasPrefix {
		return whole, nil
	}
	for alias, names := range x.aliases {
		if !strings.HasPrefix(alias, p) {
			continue
		}
		for _, name := range names {
			folded := x.seg.fold(name)
			s := byFolded[folded]
			if s == nil {
				if s, err = x.suggestion(folded); err != nil {
					return nil, err
				}
				if s == nil {
					continue // not in this index
				}
				byFolded[folded] = s
			}
			if alias == p {
				whole[s.Text] = true
			}
		}
	}
	return whole, nil
}

// suggestion returns the suggestion whose folded form is folded, with the number of
// documents that hold it, or nil when none does.
func (x *Index) suggestion(folded string) (*xiaoqi.Suggestion, error) {
	dict, err := x.idx.FieldDictPrefix(fieldSuggest, []byte(folded+suggestSep))
	if err != nil {
		return nil, err
	}
	defer dict.Close()
	var s *xiaoqi.Suggestion
	for {
		e, err := dict.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			return s, nil
		}
		if s == nil {
			_, text, _ := strings.Cut(e.Term, suggestSep)
			s = &xiaoqi.Suggestion{Text: text}
		}
		s.Count += int(e.Count)
	}
}
