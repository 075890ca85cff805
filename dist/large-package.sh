#!/usr/bin/env bash
# A large package for measuring: the two-project example with its indicator tables grown by
# repeating their rows (names numbered), to SELF rows in the 整体 table and PROJECT rows on
# each project sheet (a table holds at most 1000 rows).
#
#   dist/large-package.sh [SELF] [PROJECT] > big.toml      # default 900 400: 1,700 rows
set -euo pipefail
self=${1:-900}
project=${2:-400}
cd "$(dirname "$0")/.."
awk -v self="$self" -v project="$project" '
function flush(   want, i, k, b, line) {
    if (n == 0) return
    want = (kind == "[[self_eval.indicators]]") ? self : project
    for (i = 0; i < want; i++) {
        b = i % n
        k = int(i / n)
        split(rows[b], line, "\n")
        for (j = 1; j <= length(line); j++) {
            l = line[j]
            if (k > 0 && l ~ /^name = "/) sub(/" *#/, "（" k + 1 "）\"  #", l)
            if (l != "") print l
        }
        print ""
    }
    n = 0
}
/^\[/ {
    header = $1
    if (header != kind && n > 0) flush()
    if (header == "[[self_eval.indicators]]" || header == "[[projects.indicators]]") {
        kind = header
        rows[n++] = $0 "\n"
        collecting = 1
        next
    }
    collecting = 0
    kind = ""
}
collecting { rows[n - 1] = rows[n - 1] $0 "\n"; next }
{ print }
END { flush() }
' examples/projects-2023.toml
