//! Throughput of `jixiao check` over a folder: copies of the shipped example, checked by the
//! real binary in one process (the figure the README quotes), and in-process per phase (read
//! and parse, check, render) to see where the time goes.
//!
//! `cargo bench --bench check` (builds the release binary first). Target: at least 2,000
//! files per second on a 2-core machine. Never a timed test: it only prints.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use jixiao::batch::{Options, check_all, files};
use jixiao::cli::Format;
use jixiao::form::Profile;
use jixiao::i18n::{Catalog, Lang};

const FILES: usize = 2000;
const RUNS: usize = 7;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let dir = std::env::temp_dir().join(format!("jixiao-bench-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let example = std::fs::read("examples/yueyang-2023.toml").expect("example");
    for i in 0..FILES {
        std::fs::write(dir.join(format!("unit-{i:05}.toml")), &example).expect("copy");
    }
    let cat = Catalog::get(Lang::ZhCn);
    let found: Vec<PathBuf> = files(std::slice::from_ref(&dir));
    assert_eq!(found.len(), FILES);

    // Per phase, one thread, on one file: where a file's time goes.
    let bytes = std::fs::read(&found[0]).expect("read");
    let n = 500;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(jixiao::form::file::load(&bytes).expect("loads"));
    }
    let load = t.elapsed().as_secs_f64() / f64::from(n) * 1e6;
    let text = std::str::from_utf8(&bytes).expect("utf-8");
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(toml::de::DeTable::parse(text).expect("toml"));
    }
    let toml_only = t.elapsed().as_secs_f64() / f64::from(n) * 1e6;
    let loaded = jixiao::form::file::load(&bytes).expect("loads");
    let profile = Profile::default_profile();
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(jixiao::form::check(&loaded.package, &profile));
    }
    let check = t.elapsed().as_secs_f64() / f64::from(n) * 1e6;
    println!("one file, one thread: read {load:.0} µs (of which TOML {toml_only:.0} µs), check {check:.0} µs");

    for (name, format, quiet) in
        [("quiet", Format::Text, true), ("text", Format::Text, false), ("json", Format::Json, false)]
    {
        let opts = Options { format, quiet, profile: None };
        let runs: Vec<f64> = (0..RUNS)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(check_all(&found, None, &[], &opts, cat));
                FILES as f64 / t.elapsed().as_secs_f64()
            })
            .collect();
        println!("in process, {name:5}: median {:.0} files/s ({RUNS} runs)", median(runs));
    }

    let built = Command::new(env!("CARGO")).args(["build", "--release", "--quiet"]).status();
    let bin = PathBuf::from("target/release/jixiao");
    if built.is_ok_and(|s| s.success()) && bin.exists() {
        for args in [vec!["check", "--quiet"], vec!["check"], vec!["check", "--format", "json"]] {
            let runs: Vec<f64> = (0..RUNS)
                .map(|_| {
                    let t = Instant::now();
                    let out = Command::new(&bin).args(&args).arg(&dir).output().expect("runs");
                    assert_eq!(out.status.code(), Some(0));
                    FILES as f64 / t.elapsed().as_secs_f64()
                })
                .collect();
            println!(
                "target/release/jixiao {} {FILES} copies: median {:.0} files/s ({RUNS} runs)",
                args.join(" "),
                median(runs)
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
