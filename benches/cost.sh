#!/usr/bin/env bash
# Issue 14's table, every row, in one interleaved run: this build (frugal backend), this build
# with the stock backend, BEFORE (another build, e.g. main, for before/after in the same run)
# and the minimal ratatui form (RTFORM_SRC, default ../shared/peers/rtform; built under
# target/bench), at 80x24 and 200x60. Prints a Markdown table; progress goes to stderr.
#   BEFORE=path/to/old/jixiao RUNS=5 bash benches/cost.sh
# A benchmark, not a test: it asserts nothing. See benches/cost.py for what each row measures.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin jixiao
bench=target/bench
mkdir -p "$bench"
rtform_src=${RTFORM_SRC:-../shared/peers/rtform}
args=()
if [ -d "$rtform_src" ]; then
  # Built from a copy, so that nothing is written beside the peer's sources.
  rm -rf "$bench/rtform-src" && mkdir -p "$bench/rtform-src"
  cp -r "$rtform_src/Cargo.toml" "$rtform_src/src" "$bench/rtform-src/"
  # Its own lock if it has one, else ours (the same ratatui, crossterm and textarea).
  if [ -f "$rtform_src/Cargo.lock" ]; then cp "$rtform_src/Cargo.lock" "$bench/rtform-src/"; else cp Cargo.lock "$bench/rtform-src/"; fi
  cargo build --release --quiet --manifest-path "$bench/rtform-src/Cargo.toml" --target-dir "$bench/rtform-target"
  args+=(--rtform "$bench/rtform-target/release/rtform")
else
  echo "no $rtform_src: the minimal form is left out" >&2
fi
if [ -n "${BEFORE:-}" ]; then
  args+=(--before "$BEFORE")
fi
python3 benches/cost.py --jixiao target/release/jixiao --data "$bench/data" -n "${RUNS:-5}" "${args[@]}"
