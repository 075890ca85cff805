#!/usr/bin/env bash
# Issue 14's table, every row, in one interleaved run: this build as shipped (frugal backend),
# this build with the stock backend, BEFORE (another build, e.g. main, for before/after in the same run)
# and the minimal ratatui form (RTFORM_SRC, default ../shared/peers/rtform; built under
# target/bench), at 80x24 and 200x60. Prints a Markdown table; progress goes to stderr.
#   BEFORE=path/to/old/jixiao RUNS=5 bash benches/cost.sh
# A benchmark, not a test: it asserts nothing. See benches/cost.py for what each row measures.
set -euo pipefail
cd "$(dirname "$0")/.."
bench=target/bench
mkdir -p "$bench/bin"
# jixiao as it is shipped: on x86_64, static as dist/build.sh links it ("after"); the same code
# as `cargo build` and `cargo install` link it (dynamic) is measured beside it ("after-dynamic"),
# and the minimal form both ways, so that linking and jixiao's own work can be told apart.
static_flags="-C target-feature=+crt-static"
cargo build --release --quiet --bin jixiao
shipped=target/release/jixiao
static=""
if [ "$(uname -m)" = x86_64 ]; then
  CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS="$static_flags" \
    cargo build --release --quiet --bin jixiao --target x86_64-unknown-linux-gnu
  shipped=target/x86_64-unknown-linux-gnu/release/jixiao
  static=1
fi
# Every program is measured as installed: copied, as `cargo install`, the .deb and the .rpm put
# it on a server. The linker's own output is slower to start (on this machine's kernel, 6.18,
# about 0.3 ms more for jixiao's 5 MB and 11 more page faults: a file written in small pieces is
# cached, and mapped, 4 KiB at a time), which is not what a user runs.
installed() { install -m 755 "$1" "$bench/bin/$2" && printf '%s\n' "$bench/bin/$2"; }
rtform_src=${RTFORM_SRC:-../shared/peers/rtform}
args=()
if [ -d "$rtform_src" ]; then
  # Built from a copy, so that nothing is written beside the peer's sources.
  rm -rf "$bench/rtform-src" && mkdir -p "$bench/rtform-src"
  cp -r "$rtform_src/Cargo.toml" "$rtform_src/src" "$bench/rtform-src/"
  # Its own lock if it has one, else ours (the same ratatui, crossterm and textarea).
  if [ -f "$rtform_src/Cargo.lock" ]; then cp "$rtform_src/Cargo.lock" "$bench/rtform-src/"; else cp Cargo.lock "$bench/rtform-src/"; fi
  cargo build --release --quiet --manifest-path "$bench/rtform-src/Cargo.toml" --target-dir "$bench/rtform-target"
  args+=(--rtform "$(installed "$bench/rtform-target/release/rtform" rtform)")
  if [ -n "$static" ]; then
    CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS="$static_flags" \
      cargo build --release --quiet --manifest-path "$bench/rtform-src/Cargo.toml" --target-dir "$bench/rtform-target" \
      --target x86_64-unknown-linux-gnu
    args+=(--rtform-static "$(installed "$bench/rtform-target/x86_64-unknown-linux-gnu/release/rtform" rtform-static)")
  fi
else
  echo "no $rtform_src: the minimal form is left out" >&2
fi
if [ -n "${BEFORE:-}" ]; then
  args+=(--before "$(installed "$BEFORE" jixiao-before)")
fi
if [ -n "$static" ]; then
  args+=(--dynamic "$(installed target/release/jixiao jixiao-dynamic)")
fi
python3 benches/cost.py --jixiao "$(installed "$shipped" jixiao)" --data "$bench/data" -n "${RUNS:-5}" "${args[@]}"
