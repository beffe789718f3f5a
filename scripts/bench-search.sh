#!/usr/bin/env bash
# Measures the search index on synthetic documents (seed.Stream; all labelled synthetic) and
# prints, for each size: indexing docs/s, query p50/p99 by kind of query (selective word,
# selective word + city, common word, filters only, facets, 30 km around a city), peak RSS,
# and the index size against the documents' JSON size. Targets on the 2-core build machine:
# ≥ 10,000 docs/s; at 1M documents p50 ≤ 2 ms and p99 ≤ 15 ms for selective queries; index
# ≤ 2.5× the documents.
#
#   scripts/bench-search.sh                 # 100k and 1M documents (1M takes long)
#   scripts/bench-search.sh 100000          # one size
#   QUERIES=500 scripts/bench-search.sh 20000
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/searchbench" ./internal/searchbench
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
	sizes=(100000 1000000)
fi
for n in "${sizes[@]}"; do
	# As built, then the same index compacted into one segment (as Rebuild and serve do).
	"$bin/searchbench" -docs "$n" -queries "${QUERIES:-200}" -dir "$bin/idx$n" -keep
	echo
	"$bin/searchbench" -docs "$n" -queries "${QUERIES:-200}" -dir "$bin/idx$n" -reuse -compact
	rm -rf "$bin/idx$n"
	echo
done
