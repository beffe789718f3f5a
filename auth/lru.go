package auth

import "container/list"

// lru is a map of at most max entries that forgets the least recently used one when full. It
// is not safe for concurrent use: its owners lock around it.
type lru[V any] struct {
	max   int
	order *list.List // front: most recently used; elements hold *lruEntry[V]
	items map[string]*list.Element
}

type lruEntry[V any] struct {
	key   string
	value V
}

func newLRU[V any](max int) *lru[V] {
	return &lru[V]{max: max, order: list.New(), items: make(map[string]*list.Element)}
}

// get returns the value under key and marks it used.
func (c *lru[V]) get(key string) (V, bool) {
	if e, ok := c.items[key]; ok {
		c.order.MoveToFront(e)
		return e.Value.(*lruEntry[V]).value, true
	}
	var zero V
	return zero, false
}

// put stores value under key, evicting the least recently used entry when full.
func (c *lru[V]) put(key string, value V) {
	if e, ok := c.items[key]; ok {
		e.Value.(*lruEntry[V]).value = value
		c.order.MoveToFront(e)
		return
	}
	if c.order.Len() >= c.max {
		if last := c.order.Back(); last != nil {
			delete(c.items, last.Value.(*lruEntry[V]).key)
			c.order.Remove(last)
		}
	}
	c.items[key] = c.order.PushFront(&lruEntry[V]{key: key, value: value})
}

// remove forgets key.
func (c *lru[V]) remove(key string) {
	if e, ok := c.items[key]; ok {
		delete(c.items, key)
		c.order.Remove(e)
	}
}

func (c *lru[V]) len() int { return c.order.Len() }
