//! Two jobs, both done once here instead of at every start:
//!
//! 1. The locale catalogs: `locales/zh-CN.toml` and `locales/en.toml` are parsed with the
//!    `toml` crate (the same reading as `i18n::Catalog::parse`, through the shared
//!    `src/i18n/flat.rs`) and written to `$OUT_DIR/catalogs.rs` as `(key, template)` tables
//!    sorted by key. A locale file that is not valid TOML fails the build, naming the file.
//! 2. Tells `jixiao --version` which commit it was built from and when. It works without git
//!    (a source tarball) or outside a repository:
//!
//! - commit: `JIXIAO_COMMIT` if set, else `git rev-parse --short=10 HEAD` when this package's
//!   folder is a git checkout, else `unknown`;
//! - date (UTC, YYYY-MM-DD): `SOURCE_DATE_EPOCH` if set (`dist/build.sh` sets it), else the day
//!   this script last ran. It reruns when HEAD moves or either variable changes, so a
//!   development build may show the day of its first build since the last commit.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::process::Command;

#[path = "src/i18n/flat.rs"]
mod flat;

/// `$OUT_DIR/catalogs.rs`: `pub static ZH_CN` and `pub static EN`, each a `Table` (defined
/// in `src/i18n.rs`): every key and template in one string, and the byte ranges of each
/// `(key, template)` sorted by key (`{:?}` of a `str` is a valid Rust string literal). One
/// string and a table of numbers, not a table of `&str`: a `&str` in a static needs a
/// relocation at every start (3,700 of them, 40 pages touched before `main`).
fn catalogs() {
    let mut out = String::new();
    for (name, file) in [("ZH_CN", "locales/zh-CN.toml"), ("EN", "locales/en.toml")] {
        println!("cargo:rerun-if-changed={file}");
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{file} is not valid TOML: {e}"));
        let mut map = BTreeMap::new();
        flat::flatten("", &table, &mut map);
        let mut all = String::new();
        let mut index = String::new();
        for (k, v) in &map {
            let at = |all: &String| u32::try_from(all.len()).expect("a catalog under 4 GiB");
            let (k0, _) = (at(&all), all.push_str(k));
            let (k1, v0, _) = (at(&all), at(&all), all.push_str(v));
            let _ = writeln!(index, "    [{k0}, {k1}, {v0}, {}],", at(&all));
        }
        let _ =
            writeln!(out, "pub static {name}: Table = Table {{\n    text: {all:?},\n    index: &[\n{index}    ],\n}};");
    }
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(std::path::Path::new(&dir).join("catalogs.rs"), out).expect("write catalogs.rs");
}

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !text.is_empty()).then_some(text)
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/i18n/flat.rs");
    catalogs();
    println!("cargo:rerun-if-env-changed=JIXIAO_COMMIT");
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    // Only this package's own checkout: a tarball unpacked inside another repository must not
    // take that repository's commit.
    let in_git = std::path::Path::new(".git").exists();
    if in_git {
        let mut watch = vec![git(&["rev-parse", "--git-path", "HEAD"])];
        if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
            watch.push(git(&["rev-parse", "--git-path", &branch]));
        }
        watch.push(git(&["rev-parse", "--git-path", "packed-refs"]));
        for path in watch.into_iter().flatten() {
            if std::path::Path::new(&path).exists() {
                println!("cargo:rerun-if-changed={path}");
            }
        }
    }
    let commit = std::env::var("JIXIAO_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| in_git.then(|| git(&["rev-parse", "--short=10", "HEAD"])).flatten())
        .unwrap_or_else(|| "unknown".to_string());
    let secs =
        std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
        });
    let (y, m, d) = civil(secs.div_euclid(86_400));
    println!("cargo:rustc-env=JIXIAO_BUILD_COMMIT={commit}");
    println!("cargo:rustc-env=JIXIAO_BUILD_DATE={y:04}-{m:02}-{d:02}");
}
