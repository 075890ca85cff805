#!/usr/bin/env bash
# The real binary in a pseudo-terminal, stock backend and frugal backend side by side in the same
# run, at 80x24 and 200x60: startup, bytes per typed ASCII / Chinese character, Backspace, Tab,
# section change, bytes while idle for 5 s, peak memory. Uses benches/ttybench.py (a copy of
# the team tool; TTYBENCH=path for another). pyte is not needed: --no-emulator (pyte 0.8 crashes on some wide-character
# overwrites that real terminals handle).
#   bash benches/tty.sh
set -euo pipefail
cd "$(dirname "$0")/.."
TTYBENCH=${TTYBENCH:-benches/ttybench.py}
cargo build --release --quiet
bin=target/release/jixiao
file=$(mktemp --suffix=.toml)
cp examples/yueyang-2023.toml "$file"
trap 'rm -f "$file" "$file".txt' EXIT
for size in 80x24 200x60; do
  echo "== $size: typing, Backspace, Tab, section change, idle 5 s"
  python3 "$TTYBENCH" --no-emulator -n 7 --size "$size" \
    --keys '<Tab><C-u>1234567.89<BS><BS>岳阳市城管<BS><PgDn><PgUp>' --idle-ms 5000 --quit-keys '<C-q>' \
    --name stock -c "$bin $file --section funding --read-only --stock-backend" \
    --name frugal -c "$bin $file --section funding --read-only" 2>&1 \
    | python3 -c '
import json, sys
for line in sys.stdin:
    if line.startswith("{"):
        d = json.loads(line)
        if d.get("type") == "summary":
            print("  %s: bytes while idle 5 s = %s, peak RSS %s MB" % (d.get("name"), d.get("idle_bytes"), d.get("peak_rss_mb")))
    else:
        print(line, end="")'
  for section_tabs in funding:12 indicators:12 report_s2:8; do
    section=${section_tabs%%:*}
    tabs=$(printf '<Tab>%.0s' $(seq "${section_tabs##*:}"))
    echo "== $size: Tab between fields (${section_tabs##*:} Tabs through $section)"
    python3 "$TTYBENCH" --no-emulator -n 5 --size "$size" \
      --keys "$tabs" --quit-keys '<C-q>' \
      --name stock -c "$bin $file --section $section --read-only --stock-backend" \
      --name frugal -c "$bin $file --section $section --read-only" 2>&1 | grep -E 'median bytes'
  done
done
# For reference, when installed (apt-get install whiptail dialog): a whiptail input box and a
# dialog form, typing and Tab, the same way.
if command -v whiptail >/dev/null && command -v dialog >/dev/null; then
  for size in 80x24 200x60; do
    echo "== $size: whiptail --inputbox and dialog --form (reference)"
    python3 "$TTYBENCH" --no-emulator -n 5 --size "$size" \
      --keys '1234567.89<BS><BS>岳阳市城管<BS><Tab><Tab><Tab><Tab><Tab><Tab>' --quit-keys '<Esc>' \
      --name whiptail -c 'whiptail --inputbox 预算单位名称 10 60' \
      --name dialog -c 'dialog --form 年度预算与资金 20 70 10 年初预算数 1 1 865.82 1 20 30 0 全年执行数 2 1 899.13 2 20 30 0' \
      2>&1 | grep -E 'median bytes'
  done
fi
