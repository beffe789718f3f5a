#!/usr/bin/env bash
# Measures `xiaoqi import` at scale: writes a synthetic CSV of job needs (1,000,000 rows by
# default, every row marked 合成数据 / synthetic), imports it into the embedded store while the
# search index follows the change feed as under `xiaoqi serve`, and prints rows/s for the store
# and for the index, and the peak resident memory. Arguments go to the program:
#
#   scripts/bench-import.sh                    # 1M rows, store and index
#   scripts/bench-import.sh -rows 200000 -index=false -batch-size 5000
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/importbench" ./internal/importbench
"$bin/importbench" "$@"
