//! What the release carries, checked without extra tools (tests/dist_packages.rs builds the
//! packages when cargo-zigbuild, cargo-deb and cargo-generate-rpm are installed):
//! `--version`; the man page lists every option `--help` shows and the exit codes; the bash
//! and zsh completions offer the section names, FILE and the options; the package asset lists
//! in Cargo.toml are the expected ones and every source is in the repository or written by
//! `dist/build.sh gen`; the glibc check of `dist/build.sh` refuses a binary built here.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jixiao::manual::section_ids;

#[path = "dist_support/shared.rs"]
mod shared;
use shared::{DEB_FILES, RPM_FILES, tell};

fn jixiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("jixiao-dist-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10 && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
}

#[test]
fn version_names_the_commit_the_build_date_and_the_profiles() {
    let version = env!("CARGO_PKG_VERSION");
    for (lang, commit, built, profiles) in
        [("en", "commit: ", "built: ", "scoring profiles: "), ("zh-CN", "提交：", "构建日期：", "评分方案：")]
    {
        let out = jixiao(&["--lang", lang, "--version"]);
        assert_eq!(out.status.code(), Some(0));
        let text = stdout(&out);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        // The first line is what scripts read, in every language.
        assert_eq!(lines[0], format!("jixiao {version}"));
        let c = lines[1].strip_prefix(commit).unwrap_or_else(|| panic!("{text}"));
        assert!(c == "unknown" || (c.len() >= 7 && c.chars().all(|x| x.is_ascii_hexdigit())), "{text}");
        assert!(is_date(lines[2].strip_prefix(built).unwrap_or_default()), "{text}");
        let ids = lines[3].strip_prefix(profiles).unwrap_or_else(|| panic!("{text}"));
        assert_eq!(ids.split(", ").collect::<Vec<_>>(), jixiao::form::profile::builtin_ids());
    }
    let short = stdout(&jixiao(&["-V"]));
    let (name, rest) = short.trim_end().split_once(' ').unwrap_or_default();
    assert_eq!(name, "jixiao");
    assert!(rest.starts_with(&format!("{version} (")) && rest.ends_with(')'), "{short}");
    assert_eq!(short.lines().count(), 1);
}

#[test]
fn every_listed_profile_is_built_in() {
    let ids = jixiao::form::profile::builtin_ids();
    assert_eq!(ids.first(), Some(&jixiao::form::profile::DEFAULT_PROFILE));
    for id in ids {
        let p = jixiao::form::Profile::builtin(id).unwrap_or_else(|| panic!("{id} is listed but not built in"));
        assert_eq!(p.id, id);
    }
}

/// The options a `--help` text shows (`-o`, `--output`), and its placeholders (`FILE`, `OUT`).
fn options_in_help(help: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for word in help.split(|c: char| c.is_whitespace() || ",[]<>=".contains(c)) {
        let word = word.trim_end_matches(['.', ':', ')']);
        let is_long =
            word.len() > 2 && word.starts_with("--") && word[2..].chars().all(|c| c.is_ascii_lowercase() || c == '-');
        let is_short = word.len() == 2 && word.starts_with('-') && word.as_bytes()[1].is_ascii_alphabetic();
        let is_placeholder = ["FILE", "OUT", "NAME", "LANG", "PREFILL.toml"].contains(&word);
        if is_long || is_short || is_placeholder {
            out.insert(word.to_string());
        }
    }
    out
}

#[test]
fn the_man_page_lists_every_option_of_help_and_the_exit_codes() {
    for lang in ["zh-CN", "en"] {
        let man = stdout(&jixiao(&["--lang", lang, "--generate", "man"]));
        // Without it man-db reads a page under zh_CN as GB2312.
        assert!(man.starts_with(".\\\" -*- coding: UTF-8 -*-\n"), "{man}");
        // In roff a hyphen is written \-.
        let plain = man.replace("\\-", "-").replace("\\:", "");
        let mut seen = BTreeSet::new();
        for args in [&["--help"][..], &["unit.toml", "--help"], &["check", "--help"], &["report", "--help"]] {
            let mut all = vec!["--lang", lang];
            all.extend_from_slice(args);
            let help = stdout(&jixiao(&all));
            assert!(!help.is_empty(), "{all:?}");
            for option in options_in_help(&help) {
                assert!(plain.contains(&option), "{lang}: the man page lacks {option} (from jixiao {all:?})");
                seen.insert(option);
            }
        }
        for wanted in
            ["--section", "--plain", "--answers", "--read-only", "--output", "-o", "--lang", "--version", "FILE"]
        {
            assert!(seen.contains(wanted), "{lang}: the --help texts no longer show {wanted}: {seen:?}");
        }
        for id in section_ids() {
            assert!(plain.contains(&format!("\n\\fB{id}\\fR\n")), "{lang}: section {id} missing");
        }
        let exit = plain.split(".SH").find(|s| s.contains("\n\\fB2\\fR\n")).unwrap_or_else(|| panic!("{plain}"));
        for code in ["0", "1", "2"] {
            assert!(exit.contains(&format!("\n\\fB{code}\\fR\n")), "{lang}: exit code {code} missing");
        }
    }
    // The Chinese page is in Chinese, headings included; the English one has none.
    let zh = stdout(&jixiao(&["--lang", "zh-CN", "--generate", "man"]));
    assert!(zh.contains(".SH \"退\\:出\\:状\\:态\\:\"") && zh.contains("选\\:项"), "{zh}");
    let en = stdout(&jixiao(&["--lang", "en", "--generate", "man"]));
    assert!(en.contains(".SH \"EXIT STATUS\""));
}

/// Runs the bash completion for a command line whose last word is being completed, in a
/// folder with two files; returns the candidates.
fn bash_complete(script: &Path, dir: &Path, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))\n\
         _jixiao_dispatch jixiao \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\" 2>/dev/null\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script.display(),
        quoted.join(" ")
    );
    let out =
        Command::new("bash").arg("-c").arg(program).current_dir(dir).output().unwrap_or_else(|e| panic!("bash: {e}"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut v: Vec<String> = stdout(&out).lines().filter(|l| !l.is_empty()).map(String::from).collect();
    v.sort();
    v
}

#[test]
fn bash_completion_offers_sections_files_commands_and_options() {
    let dir = temp_dir("bash");
    std::fs::write(dir.join("unit-2024.toml"), "").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("notes.txt"), "").unwrap_or_else(|e| panic!("{e}"));
    let script = dir.join("jixiao.bash");
    std::fs::write(&script, stdout(&jixiao(&["--generate", "bash"]))).unwrap_or_else(|e| panic!("{e}"));
    let has = |got: &[String], want: &[&str]| want.iter().all(|w| got.iter().any(|g| g == w));

    let mut sections: Vec<String> = section_ids().iter().map(ToString::to_string).collect();
    sections.sort();
    assert_eq!(bash_complete(&script, &dir, &["jixiao", "unit-2024.toml", "--section", ""]), sections);
    assert_eq!(
        bash_complete(&script, &dir, &["jixiao", "--lang", "en", "u.toml", "--section", "fun"]),
        ["funding", "funds"]
    );
    // The first word: a FILE, a command or an option.
    let first = bash_complete(&script, &dir, &["jixiao", ""]);
    assert!(has(&first, &["unit-2024.toml", "notes.txt", "check", "report", "--lang", "--version"]), "{first:?}");
    assert!(!first.contains(&"--section".to_string()), "--section must follow FILE: {first:?}");
    assert_eq!(bash_complete(&script, &dir, &["jixiao", "un"]), ["unit-2024.toml"]);
    // After FILE: the wizard's options.
    let after = bash_complete(&script, &dir, &["jixiao", "unit-2024.toml", "--"]);
    assert!(has(&after, &["--section", "--plain", "--answers", "--read-only", "--lang"]), "{after:?}");
    assert!(has(&bash_complete(&script, &dir, &["jixiao", "unit-2024.toml", "--answers", ""]), &["unit-2024.toml"]));
    assert!(has(&bash_complete(&script, &dir, &["jixiao", "check", ""]), &["unit-2024.toml", "notes.txt"]));
    assert!(has(&bash_complete(&script, &dir, &["jixiao", "report", "unit-2024.toml", "-"]), &["-o", "--output"]));
    assert_eq!(bash_complete(&script, &dir, &["jixiao", "--lang", ""]), ["en", "zh-CN"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn zsh_completion_offers_sections_files_commands_and_options() {
    for lang in ["en", "zh-CN"] {
        let script = stdout(&jixiao(&["--lang", lang, "--generate", "zsh"]));
        assert!(script.starts_with("#compdef jixiao"));
        let section = script.split("'--section=[").nth(1).unwrap_or_else(|| panic!("{script}"));
        let values = section.split("))'").next().unwrap_or_default();
        for id in section_ids() {
            assert!(values.contains(&format!("\n{id}\\:")) || values.contains(&format!("(({id}\\:")), "{id}");
        }
        // The first word may be a command or a FILE; any other word leads to the wizard's options.
        let commands = script.split("_jixiao_commands() {").nth(1).unwrap_or_default();
        assert!(commands.contains("'check:") && commands.contains("_files \"$@\""), "{commands}");
        let wizard = script.split("\n(*)\n").nth(1).unwrap_or_else(|| panic!("no arm for FILE:\n{script}"));
        for option in ["'--section=", "'--answers=", "'--plain[", "'--read-only[", "'--lang="] {
            assert!(wizard.split(";;").next().unwrap_or_default().contains(option), "{option}");
        }
        if Command::new("zsh").arg("--version").output().is_ok() {
            let dir = temp_dir(&format!("zsh-{lang}"));
            std::fs::write(dir.join("_jixiao"), &script).unwrap_or_else(|e| panic!("{e}"));
            let check =
                Command::new("zsh").arg("-n").arg(dir.join("_jixiao")).output().unwrap_or_else(|e| panic!("{e}"));
            assert!(check.status.success(), "zsh -n: {}", String::from_utf8_lossy(&check.stderr));
            let _ = std::fs::remove_dir_all(&dir);
        } else {
            tell("SKIPPED (tests/dist.rs): zsh is not installed; the zsh script's syntax was not checked");
        }
    }
}

/// (source, destination) of every asset in Cargo.toml's `[package.metadata.<tool>]`.
fn assets(tool: &str) -> Vec<(String, String)> {
    let manifest: toml::Table =
        toml::from_str(&std::fs::read_to_string("Cargo.toml").unwrap_or_else(|e| panic!("{e}")))
            .unwrap_or_else(|e| panic!("{e}"));
    let list =
        manifest["package"]["metadata"][tool]["assets"].as_array().unwrap_or_else(|| panic!("{tool}: no assets"));
    list.iter()
        .map(|a| match a {
            toml::Value::Array(v) => {
                (v[0].as_str().unwrap_or_default().to_string(), v[1].as_str().unwrap_or_default().to_string())
            }
            toml::Value::Table(t) => (
                t["source"].as_str().unwrap_or_default().to_string(),
                t["dest"].as_str().unwrap_or_default().to_string(),
            ),
            other => panic!("{tool}: unexpected asset {other}"),
        })
        .collect()
}

#[test]
fn package_assets_are_the_expected_files_and_every_source_is_made() {
    // What `dist/build.sh gen` writes, with the binary under test.
    let gen_dir = temp_dir("gen");
    let out = Command::new("bash")
        .args(["dist/build.sh", "gen", env!("CARGO_BIN_EXE_jixiao")])
        .arg(&gen_dir)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let generated: BTreeSet<String> = std::fs::read_dir(&gen_dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();

    for (tool, expected) in [("deb", &DEB_FILES[..]), ("generate-rpm", &RPM_FILES[..])] {
        let list = assets(tool);
        let mut dests: Vec<String> =
            list.iter().map(|(_, d)| if d.starts_with('/') { d.clone() } else { format!("/{d}") }).collect();
        dests.sort();
        let mut expected: Vec<&str> = expected.to_vec();
        // cargo-deb writes Debian's copyright file itself, from the licence field.
        expected.retain(|f| *f != "/usr/share/doc/jixiao/copyright");
        assert_eq!(dests, expected, "{tool}: destinations");
        for (source, dest) in &list {
            if source == "target/release/jixiao" {
                assert!(dest.ends_with("bin/jixiao"));
            } else if let Some(name) = source.strip_prefix("target/dist/gen/") {
                assert!(generated.contains(name), "{tool}: {source} is not made by dist/build.sh gen ({generated:?})");
                assert!(std::fs::metadata(gen_dir.join(name)).map_or(0, |m| m.len()) > 100, "{name} is empty");
            } else {
                assert!(Path::new(source).is_file(), "{tool}: {source} is not in the repository");
            }
        }
        let sources: BTreeSet<&str> = list.iter().filter_map(|(s, _)| s.strip_prefix("target/dist/gen/")).collect();
        let made: BTreeSet<&str> = generated.iter().map(String::as_str).collect();
        assert_eq!(sources, made, "{tool}: every generated file is packaged");
    }
    // The pages are gzip files holding the man page of that language.
    let zh = std::fs::read(gen_dir.join("jixiao.zh_CN.1.gz")).unwrap_or_default();
    assert_eq!(zh.get(..2), Some(&[0x1f, 0x8b][..]));
    let _ = std::fs::remove_dir_all(&gen_dir);
}

#[test]
fn the_glibc_check_refuses_a_binary_that_needs_a_newer_glibc() {
    if Command::new("readelf").arg("--version").output().is_err() {
        tell("SKIPPED (tests/dist.rs): readelf (binutils) is not installed; the glibc check was not tested");
        return;
    }
    let check = |max: &str| {
        Command::new("bash")
            .args(["dist/build.sh", "check-glibc", env!("CARGO_BIN_EXE_jixiao"), max])
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    // A binary linked here against this machine's glibc needs far more than 2.0: refused, with
    // the symbols named.
    let old = check("2.0");
    let said = String::from_utf8_lossy(&old.stderr);
    assert_eq!(old.status.code(), Some(1), "{said}");
    assert!(said.contains("FAIL") && said.contains("@GLIBC_2."), "{said}");
    let ok = check("999.0");
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stderr).contains("newest glibc symbol"));
}
