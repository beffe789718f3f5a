#!/usr/bin/env bash
# Writes one benchmark report in markdown: the machine, then import rows/s (store and index),
# indexing docs/s and in-process search p50/p99 by kind of query, matcher latencies, and the
# service over HTTP (QPS, p50/p99, errors, RSS, start-up, index size). Every figure comes from
# the scripts and benchmarks it runs; all data is synthetic and labelled so.
#
#   scripts/bench-report.sh                         # N=100000 documents, 200,000 import rows
#   N=1000000 ROWS=1000000 scripts/bench-report.sh  # the 1M targets (takes hours on 2 cores)
#   scripts/bench-report.sh > report.md             # the progress lines go to stderr
#   MATCH=0 N=1000 ROWS=1000 scripts/bench-report.sh  # a quick look: without the matching part
#
# N and ROWS size the import, the search and the HTTP parts. The matching part does not scale
# with them: it measures the matcher at the scale its targets are set for, a province (about
# 3,000 programs, 5,000 enterprises, 50,000 job needs, built in memory), and takes two to three
# minutes whatever N is; MATCH=0 leaves it out.
#
# Everything stays on 127.0.0.1 and each part is bounded (DURATION per HTTP run, LONG if set).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
ROWS=${ROWS:-200000}

echo "# xiaoqi benchmark report"
echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)."
echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
	"$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(go env GOVERSION)," \
	"load average $(cut -d' ' -f1-3 /proc/loadavg) at the start."
echo

echo "## Import ($ROWS synthetic job rows, store and index)" && echo
echo "bench-report: import …" >&2
scripts/bench-import.sh -rows "$ROWS" 2>&1
echo

echo "## Search in process ($N synthetic documents)" && echo
echo "bench-report: search …" >&2
scripts/bench-search.sh "$N" 2>&1
echo

if [ "${MATCH:-1}" != 0 ]; then
	echo "## Matching (province scale whatever N is, go test -bench)" && echo
	echo "bench-report: matching at province scale, 2–3 min whatever N is (MATCH=0 leaves it out) …" >&2
	echo '```'
	go test -run '^$' -bench . -benchtime 10x ./match/ 2>&1 | grep -E '^(Benchmark|ok|goos|cpu)'
	echo '```'
	echo
fi

echo "## Over HTTP" && echo
echo "bench-report: HTTP …" >&2
N=$N scripts/bench-http.sh 2>&1
