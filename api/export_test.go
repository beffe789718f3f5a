package api

// OnAllocationJoined makes s call f with the key of each allocation request once it has
// started the run of its key or joined the run of an identical request (heavy.joined).
func OnAllocationJoined(s *Server, f func(key string)) {
	if s.allocations != nil {
		s.allocations.joined = f
	}
}
