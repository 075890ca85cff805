#!/usr/bin/env bash
# Release build for the office servers budget units have: an x86_64 binary that needs no
# shared library at all (glibc linked in, static-pie: it runs on CentOS 7, Kylin V10, UOS 20
# and anything newer, and starts without the dynamic loader's work), binaries for the other
# architectures that need nothing newer than their oldest glibc (2.17 for aarch64), man pages
# and completions, a .deb and an .rpm made from each binary, and SHA-256 sums of everything.
#
#   dist/build.sh                      all of it, into target/dist/
#   dist/build.sh gen BIN DIR          only the man pages and completions, written by BIN, into DIR
#   dist/build.sh check-glibc BIN [MAX] fail when BIN needs a glibc symbol newer than MAX (2.17)
#   dist/build.sh check-static BIN     fail when BIN needs a dynamic loader or a shared library
#
# Needs (see README, "Building the release"): the static C library (libc6-dev, which
# build-essential brings), cargo-zigbuild with zig (`pip install ziglang`) for the other
# architectures, cargo-deb, cargo-generate-rpm, readelf (binutils), gzip, sha256sum.
#
# Environment:
#   JIXIAO_DIST_TARGETS  architectures to build (default "x86_64 aarch64 loongarch64"); x86_64
#                        is required, the others are built when a Rust standard library for
#                        them is installed or `rustup target add` can fetch one, else skipped
#   JIXIAO_DIST_PROFILE  cargo profile (default release; tests use the faster dist-check)
#   JIXIAO_DIST_OUT      where the results go (default target/dist)
#   SOURCE_DATE_EPOCH    the build date --version shows (default: now)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The packages' generated files; Cargo.toml's package metadata names them by this path.
gen_dir="$root/target/dist/gen"

say() { printf 'dist: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# The newest GLIBC_x.y version BIN needs (readelf reads any architecture's ELF).
newest_glibc() {
    readelf -W --dyn-syms -V "$1" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/^GLIBC_//' | sort -u -V | tail -n 1
}

check_glibc() {
    local bin="$1" max="${2:-2.17}" newest
    [[ -f "$bin" ]] || die "no such file: $bin"
    newest="$(newest_glibc "$bin")"
    [[ -n "$newest" ]] || die "$bin has no GLIBC_ symbol versions (not a dynamically linked glibc binary?)"
    if [[ "$(printf '%s\n%s\n' "$max" "$newest" | sort -V | tail -n 1)" != "$max" ]]; then
        say "FAIL: $bin needs GLIBC_$newest, newer than GLIBC_$max; symbols newer than $max:"
        readelf -W --dyn-syms "$bin" | grep -o '[^ ]*@GLIBC_[0-9][0-9.]*' | sort -u |
            while IFS= read -r sym; do
                v="${sym##*@GLIBC_}"
                [[ "$(printf '%s\n%s\n' "$max" "$v" | sort -V | tail -n 1)" == "$max" ]] || say "  $sym"
            done
        return 1
    fi
    say "ok: newest glibc symbol in $bin is GLIBC_$newest (allowed: $max)"
}

# A static binary: no program interpreter (the dynamic loader) and no shared library needed.
check_static() {
    local bin="$1"
    [[ -f "$bin" ]] || die "no such file: $bin"
    if readelf -W -l "$bin" | grep -q 'INTERP' || readelf -W -d "$bin" | grep -q '(NEEDED)'; then
        say "FAIL: $bin is not static; it needs:"
        readelf -W -l "$bin" | grep -A1 'INTERP' | grep -o '\[.*\]' >&2 || true
        readelf -W -d "$bin" | grep '(NEEDED)' >&2 || true
        return 1
    fi
    # Name-service look-ups (users, hosts) in a static glibc load modules of the server's own
    # glibc at run time, which may not match: a binary that has them is refused.
    if grep -q -a 'nsswitch.conf' "$bin"; then
        say "FAIL: $bin links glibc's name-service look-ups (getpwnam, getaddrinfo …), which a static binary cannot use safely"
        return 1
    fi
    say "ok: $bin is static (no dynamic loader, no shared library, no name-service look-ups)"
}

# Man pages (en, zh_CN) and completions (bash, zsh), written by the binary itself from the
# same clap definition as its --help. The file names are the ones Cargo.toml's assets list.
gen() {
    local bin="$1" dir="$2"
    mkdir -p "$dir"
    "$bin" --lang en --generate man | gzip -9n > "$dir/jixiao.1.gz"
    "$bin" --lang zh-CN --generate man | gzip -9n > "$dir/jixiao.zh_CN.1.gz"
    "$bin" --lang en --generate bash > "$dir/jixiao.bash"
    # English descriptions: readable on a terminal that is not UTF-8 too.
    "$bin" --lang en --generate zsh > "$dir/_jixiao"
    say "generated man pages and completions in $dir"
}

triple_of() {
    case "$1" in
        x86_64) echo x86_64-unknown-linux-gnu ;;
        aarch64) echo aarch64-unknown-linux-gnu ;;
        loongarch64) echo loongarch64-unknown-linux-gnu ;;
        *) die "unknown architecture $1" ;;
    esac
}

# The oldest glibc each architecture can be built for: 2.17 is the first with aarch64 and what
# CentOS 7 has; LoongArch's glibc support starts at 2.36.
glibc_of() {
    case "$1" in
        loongarch64) echo 2.36 ;;
        *) echo 2.17 ;;
    esac
}

have_std() {
    rustup target list --installed 2>/dev/null | grep -qx "$1" && return 0
    say "no Rust standard library for $1 installed; trying rustup target add $1"
    rustup target add "$1" >&2 2>/dev/null
}

build_all() {
    local profile="${JIXIAO_DIST_PROFILE:-release}"
    local out="${JIXIAO_DIST_OUT:-$root/target/dist}"
    local target_dir="${CARGO_TARGET_DIR:-$root/target}"
    local version
    version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n 1)"
    for tool in cargo-zigbuild cargo-deb cargo-generate-rpm readelf gzip sha256sum; do
        command -v "$tool" >/dev/null || die "$tool not found (see the header of this script)"
    done
    python3 -m ziglang version >/dev/null 2>&1 || command -v zig >/dev/null ||
        die "zig not found: pip install ziglang"
    [[ "$(cc -print-file-name=libc.a 2>/dev/null)" == /* ]] ||
        die "the static C library (libc.a) not found: apt-get install libc6-dev (dnf install glibc-static)"
    export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(date +%s)}"
    mkdir -p "$out"
    rm -f "$out"/jixiao-* "$out"/jixiao_* "$out"/SHA256SUMS
    cd "$root"
    local built=() arch triple glibc bin start secs
    for arch in ${JIXIAO_DIST_TARGETS:-x86_64 aarch64 loongarch64}; do
        triple="$(triple_of "$arch")"
        glibc="$(glibc_of "$arch")"
        if ! have_std "$triple"; then
            [[ "$arch" == x86_64 ]] && die "no Rust standard library for $triple"
            say "SKIPPED $arch: no Rust standard library for $triple can be had here"
            continue
        fi
        start="$(date +%s)"
        if [[ "$arch" == x86_64 ]]; then
            # Static: glibc linked in (the build machine's; it supports Linux 3.2 and newer).
            # jixiao uses nothing of glibc that loads modules at run time (no user or host
            # name look-ups, no iconv, no dlopen), so nothing of it is missing on a server.
            # The flag goes to the target only: the build scripts and derive macros that run
            # here stay ordinary (a static proc-macro cannot be built).
            say "building $arch (static, profile $profile)"
            CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS="-C target-feature=+crt-static" \
                cargo build --locked --profile "$profile" --target "$triple"
        else
            say "building $arch (glibc $glibc, profile $profile)"
            cargo zigbuild --locked --profile "$profile" --target "$triple.$glibc"
        fi
        secs=$(( $(date +%s) - start ))
        bin="$target_dir/$triple/$profile/jixiao"
        say "built $bin in ${secs} s ($(stat -c %s "$bin") bytes)"
        if [[ "$arch" == x86_64 ]]; then check_static "$bin"; else check_glibc "$bin" "$glibc"; fi
        if [[ "$arch" == x86_64 ]]; then
            # The shipped binary writes the pages the packages carry (they do not depend on
            # the architecture); it runs here, the other architectures' binaries do not.
            gen "$bin" "$gen_dir"
        fi
        built+=("$arch")
    done
    for arch in "${built[@]}"; do
        triple="$(triple_of "$arch")"
        bin="$target_dir/$triple/$profile/jixiao"
        cp "$bin" "$out/jixiao-$version-$arch-linux"
        cargo deb --no-build --no-strip --target "$triple" --profile "$profile" --output "$out" >/dev/null
        # xz: the default zstd payload needs rpm 4.14, and CentOS 7 has rpm 4.11.
        cargo generate-rpm --target "$triple" --profile "$profile" --payload-compress xz --output "$out" >/dev/null
    done
    (cd "$out" && sha256sum jixiao-* jixiao_* > SHA256SUMS)
    say "results in $out:"
    (cd "$out" && ls -l jixiao-* jixiao_* SHA256SUMS) >&2
}

case "${1:-all}" in
    all) build_all ;;
    gen) [[ $# -eq 3 ]] || die "usage: $0 gen BIN DIR"; gen "$2" "$3" ;;
    check-glibc) [[ $# -ge 2 ]] || die "usage: $0 check-glibc BIN [MAX]"; check_glibc "$2" "${3:-2.17}" ;;
    check-static) [[ $# -eq 2 ]] || die "usage: $0 check-static BIN"; check_static "$2" ;;
    *) die "usage: $0 [all | gen BIN DIR | check-glibc BIN [MAX] | check-static BIN]" ;;
esac
