#!/usr/bin/env bash
# Load-tests xiaoqi over HTTP on loopback and prints the figures as markdown: builds xiaoqi,
# loads the default data set and N synthetic documents (every one marked synthetic / 示例) into
# an embedded store, starts `xiaoqi serve` and times the index build (first start, until
# /readyz) and a start-up with the existing index, then runs `xiaoqi bench` (searches of several
# kinds, gets by id, 10% writes) at concurrency 1, 4 and 16, with the server's memory.
#
#   scripts/bench-http.sh                          # 100,000 documents, 20 s per concurrency
#   N=1000000 DURATION=30s scripts/bench-http.sh   # a million
#   LONG=5m scripts/bench-http.sh                  # and a 5-minute 90/10 run at concurrency 16, RSS every 30 s
#   DATA=/tmp/xq1m N=1000000 scripts/bench-http.sh # keep (or reuse) the data directory
#
# Everything stays on 127.0.0.1; each run is bounded by DURATION (and LONG).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-3s}
LONG=${LONG:-}
work=$(mktemp -d)
data=${DATA:-$work/data}
server=
cleanup() {
	if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/xiaoqi" ./cmd/xiaoqi
xq="$work/xiaoqi"

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# start_server starts serve on a free port (with any extra flags given) and sets $server (pid)
# and $url.
start_server() {
	# Rate limits off: one load generator on one address is not the traffic they are for.
	"$xq" serve --data-dir "$data" --addr 127.0.0.1:0 --seed=false --log-level warn \
		--rate-per-address -1 --rate-per-key -1 "$@" >"$work/serve.out" 2>"$work/serve.err" &
	server=$!
	for _ in $(seq 1 600); do
		url=$(sed -n 's/^xiaoqi listening on \(http[^ ]*\).*/\1/p' "$work/serve.out")
		[ -n "$url" ] && return 0
		kill -0 "$server" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
		sleep 0.05
	done
	echo "serve did not start" >&2
	exit 1
}

# wait_ready polls /readyz until 200 (bounded: 2 hours for a first index build of 1M).
wait_ready() {
	for _ in $(seq 1 72000); do
		curl -sf "$url/readyz" >/dev/null && return 0
		kill -0 "$server" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
		sleep 0.1
	done
	echo "not ready" >&2
	exit 1
}

stop_server() {
	kill -TERM "$server"
	wait "$server" || true
	server=
}

if [ ! -f "$data/xiaoqi.db" ]; then
	t0=$(now)
	"$xq" seed --data-dir "$data" --log-level warn >/dev/null
	"$xq" seed --synthetic "$N" --data-dir "$data" --log-level warn >/dev/null 2>"$work/seed.err"
	import_s=$(secs "$t0" "$(now)")
else
	import_s="(reused $data)"
fi
# Writes need an administrator's key (made before serve opens the embedded store).
"$xq" users add --role admin --username "bench-$$" --data-dir "$data" --log-level warn >/dev/null
export XIAOQI_BENCH_KEY=$("$xq" users key --username "bench-$$" --data-dir "$data" --log-level warn | grep -o 'xq_[A-Za-z0-9_]*')

t0=$(now)
start_server --log-level info
wait_ready
build_s=$(secs "$t0" "$(now)")
docs=$(curl -sf "$url/api/v1/search?per_page=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
# A first start that indexed many documents then compacts the index into one segment, beside
# the service: wait for it (bounded), so that the runs below use the index as it settles.
compact_s="(not needed)"
# (Only when it indexed that many: serve compacts after a catch-up of 50,000 changes or more.)
from=$(sed -n 's/.*"xiaoqi started".*"index_seq":\([0-9]*\).*/\1/p' "$work/serve.err" | head -1)
to=$(sed -n 's/.*"search: index caught up with the store","seq":\([0-9]*\).*/\1/p' "$work/serve.err" | head -1)
if [ -n "$from" ] && [ -n "$to" ] && [ $((to - from)) -ge 50000 ]; then
	for _ in $(seq 1 6000); do
		if grep -q 'compacted into one segment' "$work/serve.err"; then
			compact_s="$(sed -n 's/.*compacted into one segment.*"elapsed_ms":\([0-9]*\).*/\1/p' "$work/serve.err" | awk '{ printf "%.1f s", $1 / 1000 }')"
			break
		fi
		sleep 0.1
	done
fi
stop_server

t0=$(now)
start_server
wait_ready
startup_s=$(secs "$t0" "$(now)")
rss_idle=$(awk '/VmRSS/ { r = $2 } /RssAnon/ { a = $2 } END { printf "%.0f MB (%.0f MB anonymous)", r / 1024, a / 1024 }' "/proc/$server/status")

echo "## xiaoqi over HTTP: $docs documents ($N synthetic + the default set)"
echo
echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
	"$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(go env GOVERSION)," \
	"load average $(cut -d' ' -f1-3 /proc/loadavg) when the runs began."
echo
echo "| what | figure |"
echo "|---|---|"
echo "| load the store (default set + $N synthetic, xiaoqi seed) | ${import_s} s |"
echo "| first start: build the index until /readyz | ${build_s} s |"
echo "| then compact it into one segment (beside the service) | ${compact_s} |"
echo "| start with the existing index until /readyz | ${startup_s} s |"
echo "| store file | $(du -sh "$data/xiaoqi.db" | cut -f1) |"
echo "| index directory | $(du -sh "$data/index" | cut -f1) |"
echo "| server RSS, idle after start | ${rss_idle} |"
echo
echo "Concurrency 1, 4, 16; ${WARMUP} warm-up and ${DURATION} measured each; 67.5% searches (12 kinds), 22.5% gets by id, 10% writes (the reads are 3 searches to 1 get):"
"$xq" bench --url "$url" --pid "$server" --concurrency 1,4,16 --duration "$DURATION" --warmup "$WARMUP"
if [ -n "$LONG" ]; then
	echo
	echo "A ${LONG} run at concurrency 16, 90% reads / 10% writes, the server's memory every 30 s:"
	"$xq" bench --url "$url" --pid "$server" --concurrency 16 --duration "$LONG" --warmup 30s --rss-every 30s
fi
echo
echo "Reads only (75% searches, 25% gets; no writes, so the index does not change): the twelve searches repeat, and after the first of each the result cache answers:"
"$xq" bench --url "$url" --pid "$server" --concurrency 1,4,16 --duration "$DURATION" --warmup "$WARMUP" --writes 0
echo
echo "Peak RSS of the server over all runs (VmHWM): $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' "/proc/$server/status")"
stop_server

start_server --search-cache 0
wait_ready
echo
echo "Reads only with the result cache off (\`--search-cache 0\`): every search runs in the engine:"
"$xq" bench --url "$url" --pid "$server" --concurrency 1,4,16 --duration "$DURATION" --warmup "$WARMUP" --writes 0
echo
echo "Peak RSS of this server (VmHWM): $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' "/proc/$server/status")"
stop_server
