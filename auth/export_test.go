package auth

// KeyCacheLen returns how many verified API keys s remembers (tests only).
func KeyCacheLen(s *Service) int {
	s.keyMu.Lock()
	defer s.keyMu.Unlock()
	return s.keyCache.len()
}
