package skill

// Exported for tests of the trie in package skill_test.

// TrieWalk builds a trie over pats and returns, for text[i:], the indexes and end offsets of
// every pattern that starts at i, shortest first.
func TrieWalk(pats []string) func(text string, i int) (idx []int, ends []int) {
	t := buildTrie(pats)
	return func(text string, i int) ([]int, []int) {
		var idx, ends []int
		for _, h := range t.walk([]byte(text), i, nil) {
			idx = append(idx, int(h.pat))
			ends = append(ends, h.end)
		}
		return idx, ends
	}
}
