package skill

import "sort"

// trie is a double-array trie over the bytes of the folded aliases (Aoe 1989): the child of
// state s by byte c is t = base[s]+c when check[t] == s. Walking it from a position yields
// every alias that starts there, shortest first, which is what the leftmost-longest scan in
// Extract needs. The Aho-Corasick libraries on the module proxy were tried first; see
// extract.go for why none was used.
type trie struct {
	base  []int32
	check []int32
	term  []int32 // pattern index ending in this state, or -1
}

// buildTrie builds the trie of pats; term values are indexes into pats. Patterns must be
// non-empty and distinct.
func buildTrie(pats []string) *trie {
	type node struct {
		children map[byte]int
		term     int32
	}
	nodes := []node{{term: -1}}
	for pi, p := range pats {
		n := 0
		for i := 0; i < len(p); i++ {
			if nodes[n].children == nil {
				nodes[n].children = map[byte]int{}
			}
			next, ok := nodes[n].children[p[i]]
			if !ok {
				next = len(nodes)
				nodes = append(nodes, node{term: -1})
				nodes[n].children[p[i]] = next
			}
			n = next
		}
		nodes[n].term = int32(pi)
	}

	t := &trie{}
	// Free cells form a doubly linked list (next/prev) so that finding a base skips the
	// occupied ones; cell 0 is the root and the list's sentinel is -1.
	var next, prev []int32
	lastFree := int32(-1)
	headFree := int32(-1)
	grow := func(size int) {
		for len(t.check) < size {
			i := int32(len(t.check))
			t.base = append(t.base, 0)
			t.check = append(t.check, -1)
			t.term = append(t.term, -1)
			next = append(next, -1)
			prev = append(prev, lastFree)
			if lastFree >= 0 {
				next[lastFree] = i
			} else {
				headFree = i
			}
			lastFree = i
		}
	}
	use := func(i int32) {
		p, n := prev[i], next[i]
		if p >= 0 {
			next[p] = n
		} else {
			headFree = n
		}
		if n >= 0 {
			prev[n] = p
		} else {
			lastFree = p
		}
	}
	grow(len(nodes) * 2)
	use(0)
	t.check[0] = -2 // the root
	t.term[0] = nodes[0].term
	pos := make([]int32, len(nodes)) // node -> state
	queue := []int{0}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if len(nodes[n].children) == 0 {
			continue
		}
		labels := make([]int, 0, len(nodes[n].children))
		for c := range nodes[n].children {
			labels = append(labels, int(c))
		}
		sort.Ints(labels)
		// Find a base where every child slot is free, trying only free cells for the first.
		b := 0
		for p := headFree; ; p = next[p] {
			if p < 0 { // no free cell fits: extend the arrays
				grow(len(t.check) + 256)
				p = lastFree
			}
			b = int(p) - labels[0]
			if b < 1 {
				continue
			}
			grow(b + 256)
			ok := true
			for _, c := range labels[1:] {
				if t.check[b+c] != -1 {
					ok = false
					break
				}
			}
			if ok {
				break
			}
		}
		s := pos[n]
		t.base[s] = int32(b)
		for _, c := range labels {
			child := nodes[n].children[byte(c)]
			cs := int32(b + c)
			use(cs)
			t.check[cs] = s
			t.term[cs] = nodes[child].term
			pos[child] = cs
			queue = append(queue, child)
		}
	}
	// Trim the unused tail.
	last := len(t.check) - 1
	for last > 0 && t.check[last] == -1 {
		last--
	}
	t.base, t.check, t.term = t.base[:last+1], t.check[:last+1], t.term[:last+1]
	return t
}

// hit is an alias found by walk: it ends at byte end and is pattern pat.
type hit struct {
	end int
	pat int32
}

// walk appends to hits every pattern that starts at text[i], shortest first.
func (t *trie) walk(text []byte, i int, hits []hit) []hit {
	s := int32(0)
	base, check, term := t.base, t.check, t.term
	n := uint32(len(check))
	for j := i; j < len(text); j++ {
		next := uint32(base[s]) + uint32(text[j])
		if next >= n || check[next] != s {
			break
		}
		s = int32(next)
		if pat := term[next]; pat >= 0 {
			hits = append(hits, hit{end: j + 1, pat: pat})
		}
	}
	return hits
}
