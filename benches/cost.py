#!/usr/bin/env python3
"""cost.py - every row of issue 14's table in one interleaved run (see benches/cost.sh).

Programs (each optional but jixiao): jixiao as built (frugal backend), the same with
--stock-backend, a BEFORE build (e.g. main, for before/after in the same run), and the minimal
ratatui form (rtform) where a row applies to it. Terminal rows at every --size; command-line
rows once. Runs alternate between programs (A B C A B C ...) so that a busy machine weighs
on all alike; medians are printed.

  first screen        launch -> last byte of the first screen (a copy of the example, with
                      the lock as users run it; rtform: its form)
  settle per key      typing 'Wang Li 岳阳市城管' into the first field: key -> last byte
  CPU per character   the process's CPU time (all threads, /proc/PID/task/*/schedstat)
                      spent on those keys, per key
  Tab after an edit   'x' then Tab, six times: Tab -> last byte
  check / report      `jixiao check` and `report` on the example (17 indicator rows), 170
                      and 1,000 rows (dist/large-package.sh); ratio to the example
  open 1,000 rows     first screen of the 1,000-row package
  long text           CPU and settle per key typed at the end of 职能职责 of 1k, 20k, 45k and
                      50k characters (paragraphs of 200), and of 45k in one paragraph
  table               CPU and settle per key typed into an indicator name, 17 vs 1,000 rows
  typeahead 9600      five PgDn typed 150 ms apart (and five at once) while the program's
                      output is read at 960 bytes/s (a 9600-baud link; cursor-position
                      queries answered when read): bytes written and time to the last byte
  [stated]            `jixiao check` with 20,000 and 40,000 [stated] keys
  peak memory         VmHWM of the example, 1,000 rows and 40,000 [stated] keys opened

Needs Python >= 3.8 on Linux; uses benches/ttybench.py's TermSession (no pyte needed).
"""
from __future__ import annotations

import argparse
import glob
import os
import re
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ttybench as tb  # noqa: E402

clock = time.perf_counter
ENV = None


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def cpu_ms(pid):
    total = 0
    for p in glob.glob(f"/proc/{pid}/task/*/schedstat"):
        try:
            with open(p) as f:
                total += int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return total / 1e6


def hwm_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


class Prog:
    """One program under test: how to start it on a data file, and how it quits."""

    def __init__(self, name, argv, post=(), quit="<C-q>"):
        self.name, self.argv, self.post, self.quit = name, argv, list(post), quit

    def start(self, args, size):
        cols, rows = size
        return tb.TermSession(self.argv + args + self.post, cols, rows, ENV, use_emulator=False)


def fresh(work, src, name="p.toml"):
    """A copy of `src` in `work`, with no draft or lock beside it."""
    dst = os.path.join(work, name)
    shutil.copyfile(src, dst)
    for ext in (".draft", ".lock", ".txt"):
        try:
            os.remove(dst + ext)
        except OSError:
            pass
    return dst


def finish(s, prog):
    # A hang-up ends every program at once (jixiao writes its draft on the way out).
    s.finish([], 0.0)


def settle(s, t, quiet=0.03, timeout=5.0):
    r = s.wait_settled(t, quiet, timeout)
    return None if r["last"] is None else r["last"] * 1000


def session_keys(prog, args, size, nav, keys, quiet=0.03):
    """Starts, moves with `nav`, types `keys` one by one (each after the previous settled).
    Returns (startup ms, [settle ms per key], CPU ms per key, bytes per key, peak MB)."""
    s = prog.start(args, size)
    start = settle(s, s.t_launch, 0.1, 20)
    for k in tb.parse_keys(nav):
        if k.sleep_ms:
            time.sleep(k.sleep_ms / 1000)
            continue
        settle(s, s.send(k), 0.05)
    ks = [k for k in tb.parse_keys(keys) if not k.sleep_ms]
    c0, b0 = cpu_ms(s.pid), s.total_bytes
    settles = [settle(s, s.send(k), quiet) for k in ks]
    c1, b1 = cpu_ms(s.pid), s.total_bytes
    peak = hwm_mb(s.pid)
    finish(s, prog)
    n = max(1, len(ks))
    return start, settles, (c1 - c0) / n, (b1 - b0) / n, peak


def interleave(progs, runs, fn):
    """fn(prog) for each prog, `runs` times, alternating; returns {name: [results]}."""
    out = {p.name: [] for p in progs}
    for _ in range(runs):
        for p in progs:
            out[p.name].append(fn(p))
    return out


def typeahead(prog, args, size, gap_s, baud=9600):
    """Keys sent while the output is read at baud/10 bytes a second: bytes, seconds."""
    s = prog.start(args, size)
    settle(s, s.t_launch, 0.15, 20)
    rate = baud / 10
    t0 = clock()
    sent, got, last = 0, 0, None
    keys = tb.parse_keys("<PgDn>" * 5)
    next_key = t0
    tail = b""
    while True:
        now = clock()
        if gap_s == 0 and sent == 0:
            # Typed ahead before anything was read: they arrive together.
            os.write(s.fd, b"".join(k.encode(s.app_cursor) for k in keys))
            sent = len(keys)
        elif sent < len(keys) and now >= next_key:
            os.write(s.fd, keys[sent].encode(s.app_cursor))
            sent += 1
            # The link also carries the input: four bytes take about 4 ms at 9600 baud.
            next_key = now + max(gap_s, 4 * 10 / baud)
        allowed = int((now - t0) * rate) - got
        if allowed <= 0:
            time.sleep(0.002)
            continue
        timeout = 0.5 if sent == len(keys) else 0.002
        r, _, _ = select.select([s.fd], [], [], timeout)
        if not r:
            if sent == len(keys) and (last is None or clock() - last > 0.5):
                break
            continue
        try:
            data = os.read(s.fd, min(allowed, 4096))
        except OSError:
            break
        if not data:
            break
        got += len(data)
        last = clock()
        scan = tail + data
        for _ in re.finditer(rb"\x1b\[6n", scan):
            os.write(s.fd, b"\x1b[1;1R")
        tail = scan[-4:]
    finish(s, prog)
    return got, (last - t0) if last else None


PARA = "负责行使本大队管辖区域内市政公用设施运行管理、市容环境卫生管理、园林绿化管理方面的行政处罚权及相应的行政强制权，" * 4


def generate(data):
    """The packages the rows need, in `data` (made once)."""
    os.makedirs(data, exist_ok=True)
    src = open("examples/yueyang-2023.toml", encoding="utf-8").read()
    for n in (170, 1000):
        path = os.path.join(data, f"rows{n}.toml")
        if not os.path.exists(path):
            with open(path, "w", encoding="utf-8") as f:
                subprocess.run(["bash", "dist/large-package.sh", str(n), "0"], stdout=f, check=True)
    for n in (1000, 20000, 45000, 50000):
        path = os.path.join(data, f"text{n}.toml")
        if not os.path.exists(path):
            paras, k = [], 0
            while sum(len(p) + 1 for p in paras) < n:
                k += 1
                paras.append(f"{k}、" + PARA)
            body = "\n".join(paras)[:n]
            text = re.sub(r'functions = """\n.*?"""', lambda m: 'functions = """\n' + body + '"""', src,
                          count=1, flags=re.S)
            open(path, "w", encoding="utf-8").write(text)
    # One paragraph (a text pasted without line breaks): the window is cut inside it.
    path = os.path.join(data, "para45000.toml")
    if not os.path.exists(path):
        body = (PARA * (45000 // len(PARA) + 1))[:45000]
        text = re.sub(r'functions = """\n.*?"""', lambda m: 'functions = """\n' + body + '"""', src,
                      count=1, flags=re.S)
        open(path, "w", encoding="utf-8").write(text)
    for n in (20000, 40000):
        path = os.path.join(data, f"stated{n}.toml")
        if not os.path.exists(path):
            lines = "".join(f'"indicators.{i}.score" = "{i}.00"\n' for i in range(1, n + 1))
            open(path, "w", encoding="utf-8").write(src + lines)


def cli_ms(argv, runs):
    times = []
    for _ in range(runs):
        t = clock()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
        times.append((clock() - t) * 1000)
    return med(times)


def fmt(v, nd=2, unit=""):
    if v is None:
        return "—"
    return f"{v:.{nd}f}{unit}"


def main():
    global ENV
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jixiao", required=True)
    ap.add_argument("--before", help="another jixiao build (e.g. main) measured in the same run")
    ap.add_argument("--rtform", help="the minimal ratatui form")
    ap.add_argument("--dynamic", help="this jixiao linked as `cargo build` links it (dynamic), when --jixiao is the static release build")
    ap.add_argument("--rtform-static", help="the minimal form linked static, as the release links jixiao")
    ap.add_argument("--data", required=True, help="folder with the generated packages (cost.sh)")
    ap.add_argument("--size", action="append", default=[])
    ap.add_argument("-n", "--runs", type=int, default=5)
    opt = ap.parse_args()
    sizes = [tuple(int(x) for x in s.split("x")) for s in (opt.size or ["80x24", "200x60"])]
    ENV = tb.make_env(argparse.Namespace(term="xterm-256color", env=[], inherit_env=False))
    work = tempfile.mkdtemp(prefix="jixiao-cost-")
    generate(opt.data)
    D = lambda name: os.path.join(opt.data, name)  # noqa: E731
    example = "examples/yueyang-2023.toml"

    jix = [Prog("after", [opt.jixiao]), Prog("after-stock", [opt.jixiao], post=["--stock-backend"])]
    if opt.before:
        jix.insert(0, Prog("before", [opt.before]))
    # Linkage variants: only where linking matters (the first screen, typing, memory).
    variants = [Prog("after-dynamic", [opt.dynamic])] if opt.dynamic else []
    peer = [Prog("rtform", [opt.rtform], quit="<Esc>")] if opt.rtform else []
    if opt.rtform_static:
        peer.append(Prog("rtform-static", [opt.rtform_static], quit="<Esc>"))
    names = [p.name for p in jix + variants + peer]
    rows = []  # (size, measure, {name: value text})

    def row(size, measure, vals):
        rows.append((size, measure, vals))
        print(f"  {size} {measure}: " + ", ".join(f"{k}={v}" for k, v in vals.items()), file=sys.stderr, flush=True)

    for size in sizes:
        sz = f"{size[0]}x{size[1]}"
        # First screen, settle and CPU per typed key (a one-line field), bytes per key.
        typed = "Wang Li 岳阳市城管"

        def typing(p):
            if p.name.startswith("rtform"):
                return session_keys(p, [], size, "", typed)
            return session_keys(p, [fresh(work, example), "--section", "unit"], size, "", typed)

        res = interleave(jix + variants + peer, opt.runs, typing)
        row(sz, "first screen (ms)", {n: fmt(med(r[0] for r in res[n])) for n in names})
        row(sz, "settle per typed key (ms)", {n: fmt(med(x for r in res[n] for x in r[1])) for n in names})
        row(sz, "CPU per typed character (ms)", {n: fmt(med(r[2] for r in res[n])) for n in names})
        row(sz, "bytes per typed character", {n: fmt(med(r[3] for r in res[n]), 1) for n in names})
        row(sz, "peak memory, example (MB)", {n: fmt(med(r[4] for r in res[n]), 1) for n in names})

        # Tab after an edit: the Tab's settle (rtform: its Tab between two fields).
        def tab(p):
            if p.name.startswith("rtform"):
                r = session_keys(p, [], size, "", "x<Tab>" * 6)
            else:
                r = session_keys(p, [fresh(work, example), "--section", "unit"], size, "", "x<Tab>" * 6)
            return r[1][1::2]

        res = interleave(jix + peer, opt.runs, tab)
        row(sz, "Tab after an edit (ms)", {p.name: fmt(med(x for r in res[p.name] for x in r)) for p in jix + peer})

        # Keys in long texts and tables: CPU and settle per key.
        keys = "abcdefghij" * 4
        for label, data, section, nav in [
            ("a key in a long text of 1k", "text1000.toml", "report_s1", ""),
            ("a key in a long text of 20k", "text20000.toml", "report_s1", ""),
            ("a key in a long text of 45k", "text45000.toml", "report_s1", ""),
            ("a key in a long text of 50k", "text50000.toml", "report_s1", ""),
            ("a key in one paragraph of 45k", "para45000.toml", "report_s1", ""),
            ("a key in a table of 17 rows", example, "indicators", "<Tab><Tab>"),
            ("a key in a table of 1,000 rows", D("rows1000.toml"), "indicators", "<Tab><Tab>"),
        ]:
            src = data if os.path.exists(data) else D(data)
            res = interleave(jix, opt.runs,
                             lambda p: session_keys(p, [fresh(work, src), "--section", section], size, nav, keys))
            row(sz, label + ": CPU per key (ms)", {p.name: fmt(med(r[2] for r in res[p.name])) for p in jix})
            row(sz, label + ": settle per key (ms)",
                {p.name: fmt(med(x for r in res[p.name] for x in r[1])) for p in jix})

        # Opening 1,000 rows, and peak memory with large packages.
        for label, src in [("1,000 rows", D("rows1000.toml")), ("40,000 [stated] keys", D("stated40000.toml"))]:
            res = interleave(jix, max(1, opt.runs // 2),
                             lambda p: session_keys(p, [fresh(work, src), "--section", "unit"], size, "", "a"))
            row(sz, f"first screen, {label} (ms)", {p.name: fmt(med(r[0] for r in res[p.name])) for p in jix})
            row(sz, f"peak memory, {label} (MB)", {p.name: fmt(med(r[4] for r in res[p.name]), 1) for p in jix})

        # Typeahead over a 9600-baud link.
        for label, gap in [("five PgDn 150 ms apart", 0.15), ("five PgDn at once", 0.0)]:
            res = interleave(jix, max(1, opt.runs // 2),
                             lambda p: typeahead(p, [fresh(work, example), "--section", "unit"], size, gap))
            row(sz, f"9600 baud, {label}: bytes", {p.name: fmt(med(r[0] for r in res[p.name]), 0) for p in jix})
            row(sz, f"9600 baud, {label}: s to the last byte",
                {p.name: fmt(med(r[1] for r in res[p.name])) for p in jix})

    # Command-line rows (no terminal).
    cli = [p for p in jix if p.name != "after-stock"]
    for cmd in ("check", "report"):
        base = {}
        for label, src in [("17 rows", example), ("170 rows", D("rows170.toml")), ("1,000 rows", D("rows1000.toml")),
                           ("20,000 [stated]", D("stated20000.toml")), ("40,000 [stated]", D("stated40000.toml"))]:
            vals = {}
            for p in cli:
                extra = ["-o", os.path.join(work, "r.txt")] if cmd == "report" else []
                ms = cli_ms(p.argv + [cmd, src] + extra, opt.runs)
                base.setdefault(p.name, ms)
                vals[p.name] = f"{ms:.1f} ({ms / base[p.name]:.1f}×)"
            row("—", f"{cmd} on {label} (ms, × the example)", vals)

    shutil.rmtree(work, ignore_errors=True)
    # The table.
    print("| size | measure | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    for size, measure, vals in rows:
        print(f"| {size} | {measure} | " + " | ".join(vals.get(n, "") for n in names) + " |")


if __name__ == "__main__":
    main()
