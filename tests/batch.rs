//! `jixiao check PATH...` over a folder with good, bad and unreadable files: exit codes, the
//! summary table, `--quiet`, and the JSON document validated against docs/check.schema.json.

mod support;

use std::path::{Path, PathBuf};
use std::process::Output;

fn jixiao(args: &[&str]) -> Output {
    support::jixiao(args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn copy(from: &str, to: &Path) {
    std::fs::create_dir_all(to.parent().expect("parent")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(from, to).unwrap_or_else(|e| panic!("{from}: {e}"));
}

/// A bureau's inbox: two good packages (one in a sub-folder), one with errors, one that is
/// not a package, and a draft, a lock and a note that are not `*.toml`.
fn inbox(name: &str, unreadable: bool, bad: bool) -> PathBuf {
    let d =
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("jixiao-batch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    copy("examples/yueyang-2023.toml", &d.join("a-good.toml"));
    copy("examples/projects-2023.toml", &d.join("sub/d-projects.toml"));
    if bad {
        copy("examples/yueyang-2023-as-filed.toml", &d.join("b-bad.toml"));
    }
    if unreadable {
        std::fs::write(d.join("c-junk.toml"), "this is = = not toml\n").unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(d.join("a-good.toml.draft"), "half = = written").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(d.join("a-good.toml.lock"), "123 456 host").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(d.join("notes.txt"), "not a package").unwrap_or_else(|e| panic!("{e}"));
    d
}

#[test]
fn a_folder_gives_a_summary_then_each_files_findings() {
    let d = inbox("text", true, true);
    let o = jixiao(&["check", d.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(2), "an unreadable file: 2, the others still checked");
    let out = stdout(&o);
    let head = out.lines().next().unwrap_or_default();
    for col in ["文件", "单位", "年度", "评分方案", "总分", "等级", "错误", "警告"] {
        assert!(head.contains(col), "{head}");
    }
    let rows: Vec<&str> = out.lines().skip(1).take(4).collect();
    assert!(rows[0].contains("a-good.toml") && rows[0].contains("hunan-2023") && rows[0].contains("98.00"), "{out}");
    assert!(
        rows[0].contains("岳阳市城市管理综合行政执法支队直属三大队")
            && rows[0].contains("2023")
            && rows[0].contains("优")
    );
    assert!(rows[1].contains("b-bad.toml"), "{out}");
    assert!(rows[2].contains("c-junk.toml") && rows[2].contains("无法读取"), "{out}");
    assert!(rows[3].contains("d-projects.toml"), "{out}");
    assert!(!out.contains(".draft") && !out.contains(".lock") && !out.contains("notes.txt"), "{out}");
    assert!(out.contains("共 4 个文件：1 个有错误，1 个无法读取"), "{out}");
    // Then each file's findings, as `check FILE` prints them.
    let single = stdout(&jixiao(&["check", "examples/yueyang-2023-as-filed.toml"]));
    assert!(out.contains(single.trim_end()), "the bad file's findings");
    assert!(out.contains("第 1 行"), "the junk file's reason: {out}");

    let quiet = stdout(&jixiao(&["check", "--quiet", d.to_str().unwrap_or_default()]));
    assert!(quiet.starts_with(head) && !quiet.contains("E-03") && quiet.lines().count() == 6, "{quiet}");
}

#[test]
fn exit_codes_follow_the_worst_file() {
    let d = inbox("codes-bad", false, true);
    assert_eq!(jixiao(&["check", d.to_str().unwrap_or_default()]).status.code(), Some(1));
    let d = inbox("codes-good", false, false);
    let o = jixiao(&["check", d.to_str().unwrap_or_default(), "examples/projects-2023.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("共 3 个文件：0 个有错误，0 个无法读取"));
    let o = jixiao(&["check", d.to_str().unwrap_or_default(), "no/such/file.toml"]);
    assert_eq!(o.status.code(), Some(2));
    let empty =
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("jixiao-batch-{}-empty", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(jixiao(&["check", empty.to_str().unwrap_or_default()]).status.code(), Some(2));
}

#[test]
fn json_is_one_document_valid_against_its_schema() {
    let d = inbox("json", true, true);
    let o = jixiao(&["check", "--format", "json", d.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)));
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("docs/check.schema.json").unwrap_or_default()).expect("schema");
    let validator = jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("schema: {e}"));
    let problems: Vec<String> = validator.iter_errors(&doc).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(doc["format"], "jixiao-check");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["summary"]["files"], 4);
    assert_eq!(doc["summary"]["unreadable"], 1);
    assert_eq!(doc["summary"]["with_errors"], 1);
    let files = doc["files"].as_array().expect("files");
    assert_eq!(files[0]["score"]["total"], "98.00");
    assert_eq!(files[0]["score"]["grade"], "优");
    assert_eq!(files[2]["readable"], false);
    let issues = files[1]["issues"].as_array().expect("issues");
    let e03 = issues.iter().find(|i| i["rule"] == "E-03").expect("E-03");
    assert_eq!(
        (e03["severity"].as_str(), e03["line"].as_u64(), e03["column"].as_u64()),
        (Some("error"), Some(19), Some(15))
    );
    assert_eq!(files[3]["projects"].as_array().map(Vec::len), Some(2));
    // The schema is not a formality: a document with a wrong key fails it.
    let mut wrong = doc.clone();
    wrong["files"][0]["score"]["total"] = serde_json::json!(98.0);
    assert!(!validator.is_valid(&wrong));
}

/// The summary table's grade is in the interface language (it was the official name, 优, under
/// `--lang en`); the JSON document keeps the official name.
#[test]
fn the_summary_grade_speaks_the_interface_language() {
    let en = stdout(&jixiao(&["--lang", "en", "check", "-q", "examples/yueyang-2023.toml"]));
    assert!(en.contains("Excellent") && !en.contains('优'), "{en}");
    let zh = stdout(&jixiao(&["--lang", "zh-CN", "check", "-q", "examples/yueyang-2023.toml"]));
    assert!(zh.contains('优'), "{zh}");
    let json = stdout(&jixiao(&["--lang", "en", "check", "--format", "json", "examples/yueyang-2023.toml"]));
    assert!(json.contains("\"grade\":\"优\"") || json.contains("\"grade\": \"优\""), "{json}");
    // Next year's package, nothing scored yet: no grade (it said 差), as the wizard says it.
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("jixiao-grade-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let next = dir.join("next.toml");
    let next = next.to_str().expect("utf-8");
    assert_eq!(jixiao(&["new", next, "--from", "examples/yueyang-2023.toml", "--force"]).status.code(), Some(0));
    let zh = stdout(&jixiao(&["--lang", "zh-CN", "check", "-q", next]));
    assert!(zh.contains("评分中") && !zh.contains('差'), "{zh}");
    let _ = std::fs::remove_dir_all(&dir);
}
