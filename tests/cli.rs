//! Black-box tests of the binary: exit codes, messages with line and column, report output,
//! file permissions.

use std::path::PathBuf;
use std::process::{Command, Output};

fn jixiao(args: &[&str]) -> Output {
    jixiao_in(std::path::Path::new("."), args)
}

/// [`jixiao`] run in `dir` (standard input closed, as `output` leaves it).
fn jixiao_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn tmp(name: &str, contents: &str) -> PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("jixiao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let p = dir.join(name);
    std::fs::write(&p, contents).unwrap_or_else(|e| panic!("{e}"));
    p
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn check_exit_codes() {
    let ok = jixiao(&["check", "examples/yueyang-2023.toml"]);
    assert_eq!(ok.status.code(), Some(0), "{}", stdout(&ok));
    assert!(stdout(&ok).contains("共 0 个错误"));
    assert!(stdout(&ok).contains("98.00 / 100.00"));

    let bad = jixiao(&["check", "examples/yueyang-2023-as-filed.toml"]);
    assert_eq!(bad.status.code(), Some(1));
    let out = stdout(&bad);
    for needle in ["E-03", "E-11", "E-16", "E-18", "E-19", "W-04", "W-05", "W-12", "编制数（第 19 行第 15 列）"]
    {
        assert!(out.contains(needle), "{needle} missing in\n{out}");
    }

    let missing = jixiao(&["check", "no/such/file.toml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("无法读取"));

    let garbage = tmp("garbage.toml", "this is = = not toml\n");
    let g = jixiao(&["check", garbage.to_str().unwrap_or_default()]);
    assert_eq!(g.status.code(), Some(2));
    assert!(stderr(&g).contains("第 1 行"), "{}", stderr(&g));
}

#[test]
fn load_errors_name_line_and_column() {
    let base = std::fs::read_to_string("examples/yueyang-2023.toml").unwrap_or_else(|e| panic!("{e}"));
    let cases = [
        (
            "unknown",
            base.replace("staff_quota = 27", "staff_quota = 27\nstaff_quotaa = 1"),
            "未知的键“basic.staff_quotaa”",
        ),
        ("wrong type", base.replace("staff_quota = 27", "staff_quota = true"), "类型不对"),
        ("nan", base.replace("budget_initial = 865.82", "budget_initial = nan"), "无效或超出范围"),
        ("huge", base.replace("budget_initial = 865.82", "budget_initial = 1e40"), "无效或超出范围"),
        ("duplicate", base.replace("staff_quota = 27", "staff_quota = 27\nstaff_quota = 28"), "TOML"),
        ("missing section", base.split("# ── 自评报告").next().unwrap_or_default().to_string(), "缺少 [report]"),
        ("other form", base.replace("unit-overall-expenditure-self-evaluation", "project"), "另一种表格"),
    ];
    for (name, text, needle) in cases {
        let p = tmp(&format!("{}.toml", name.replace(' ', "_")), &text);
        let o = jixiao(&["check", p.to_str().unwrap_or_default()]);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stdout(&o));
        let e = stderr(&o);
        assert!(e.contains(needle) && e.contains("行第"), "{name}: {e}");
    }
    let bytes = [b"[jixiao]\nform = \"".as_slice(), &[0xff, 0xfe], b"\"\n"].concat();
    let p = tmp("binary.toml", "");
    std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("{e}"));
    let o = jixiao(&["check", p.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("UTF-8"));
}

#[test]
fn report_to_stdout_and_to_a_private_file() {
    let o = jixiao(&["report", "examples/yueyang-2023.toml"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(text.contains("2023年度预算单位整体支出绩效自评表"));
    assert!(text.contains("十、其他需要说明的情况"));
    let out =
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("jixiao-report-{}.txt", std::process::id()));
    let _ = std::fs::remove_file(&out);
    let o = jixiao(&["report", "examples/yueyang-2023.toml", "-o", out.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).unwrap_or_default(), text);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&out).map(|m| m.permissions().mode() & 0o777).unwrap_or(0);
        assert_eq!(mode, 0o600);
    }
    let bad = jixiao(&["report", "examples/yueyang-2023.toml", "-o", "/nonexistent-dir/x.txt"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("无法写入"));
}

#[test]
fn language_switch() {
    let o = jixiao(&["--lang", "en", "check", "examples/yueyang-2023-as-filed.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("Errors: 15."), "{}", stdout(&o));
    assert!(stdout(&o).contains("error E-03"));
    let o = jixiao(&["--lang", "fr", "check", "examples/yueyang-2023.toml"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn escapes_in_a_file_never_reach_the_terminal() {
    let base = std::fs::read_to_string("examples/yueyang-2023.toml").unwrap_or_else(|e| panic!("{e}"));
    let evil = base.replace("preparer = \"邓岸妹\"", "preparer = \"\\u001b]0;pwned\\u0007\\u001b[2J\"");
    let p = tmp("evil.toml", &evil);
    for args in [["check", p.to_str().unwrap_or_default()], ["report", p.to_str().unwrap_or_default()]] {
        let o = jixiao(&args);
        assert!(!o.stdout.contains(&0x1b), "raw ESC in {args:?} output");
        assert!(stdout(&o).contains("\\x1b"), "escape not shown in {args:?}");
    }
}

#[test]
fn hostile_files_are_refused_with_a_place_never_a_panic() {
    let deep = tmp("deep.toml", &format!("a = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)));
    let o = jixiao(&["check", deep.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("第 1 行"), "{}", stderr(&o));
    let big = tmp("big.toml", &"# padding\n".repeat(500_000));
    let o = jixiao(&["check", big.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("文件太大"), "{}", stderr(&o));
    let base = std::fs::read_to_string("examples/yueyang-2023.toml").unwrap_or_else(|e| panic!("{e}"));
    let neg = tmp("neg.toml", &base.replace("budget_initial = 865.82", "budget_initial = -865.82"));
    let o = jixiao(&["check", neg.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("E-02") && stdout(&o).contains("负数") && stdout(&o).contains("行第"),
        "{}",
        stdout(&o)
    );
    let inf = tmp("inf.toml", &base.replace("budget_initial = 865.82", "budget_initial = inf"));
    assert_eq!(jixiao(&["check", inf.to_str().unwrap_or_default()]).status.code(), Some(2));
    let long =
        tmp("long.toml", &base.replace("budget_initial = 865.82", &format!("budget_initial = 1{}", "0".repeat(40))));
    assert_eq!(jixiao(&["check", long.to_str().unwrap_or_default()]).status.code(), Some(2));
}

#[test]
fn help_comes_from_the_locales() {
    let zh = jixiao(&["--help"]);
    assert_eq!(zh.status.code(), Some(0));
    assert!(stdout(&zh).contains("检查数据文件"), "{}", stdout(&zh));
    let en = jixiao(&["--lang", "en", "check", "--help"]);
    assert!(stdout(&en).contains("Check a data file"), "{}", stdout(&en));
    let wiz = jixiao(&["pkg.toml", "--lang", "en", "--help"]);
    assert!(stdout(&wiz).contains("Line-by-line prompts"), "{}", stdout(&wiz));
}

/// The wizard's options may come before FILE, as with most commands (`jixiao --read-only
/// --section nosuch FILE` reads as `jixiao FILE --read-only --section nosuch`); `--lang` goes
/// anywhere; before a subcommand they are still refused, by that subcommand's rules.
#[test]
fn the_wizards_options_may_come_before_its_file() {
    let example = std::fs::read_to_string("examples/yueyang-2023.toml").unwrap_or_else(|e| panic!("{e}"));
    let file = tmp("options-first.toml", &example);
    let file = file.to_str().unwrap_or_default();
    let after = jixiao(&[file, "--read-only", "--section", "nosuch"]);
    assert!(stderr(&after).contains("没有名为“nosuch”的节"), "{}", stderr(&after));
    for args in [
        vec!["--read-only", "--section", "nosuch", file],
        vec!["--section=nosuch", "--read-only", file],
        vec!["--read-only", "--lang", "zh-CN", "--section", "nosuch", file],
        vec!["--profile", "hunan-2023", "--read-only", file, "--section", "nosuch"],
    ] {
        let o = jixiao(&args);
        assert_eq!((o.status.code(), stderr(&o)), (after.status.code(), stderr(&after)), "{args:?}");
    }
    let en = jixiao(&["--section", "nosuch", "--lang", "en", "--read-only", file]);
    assert!(stderr(&en).contains("nosuch") && !stderr(&en).contains("没有"), "{}", stderr(&en));
    // Before a subcommand: check has no --read-only, and says so as before.
    let o = jixiao(&["--read-only", "check", "examples/yueyang-2023.toml"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--read-only"), "{}", stderr(&o));
}

/// A mistyped subcommand is said so, with the one meant, in the language asked for wherever
/// `--lang` stands — not taken as a data file named `chekc` (with its next argument refused
/// in clap's English); a file of that name that exists still opens.
#[test]
fn a_mistyped_subcommand_is_named_with_the_one_meant() {
    for (args, meant, lang_word) in [
        (&["chekc", "x.toml"][..], "jixiao check", "不是子命令"),
        (&["repot", "x.toml", "-o", "r.txt"], "jixiao report", "不是子命令"),
        (&["--lang", "en", "exprot", "x.toml"], "jixiao export", "neither a subcommand"),
        (&["neww", "--lang", "en"], "jixiao new", "neither a subcommand"),
    ] {
        let o = jixiao(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains(meant) && err.contains(lang_word), "{args:?}: {err}");
        assert!(!err.contains("unexpected argument"), "{err}");
    }
}

/// `--lang` with a language jixiao does not speak is refused before anything else, `--help`
/// and `--version` included (they used to answer in the default language, exit 0).
#[test]
fn an_unknown_language_is_refused_before_help_and_version() {
    for args in [&["--lang", "fr", "--help"][..], &["--lang=xx", "-V"], &["check", "--lang", "de", "x.toml"]] {
        let o = jixiao(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("不支持的语言"), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).is_empty(), "{args:?}");
    }
}

/// Two `--lang` are refused wherever they are written, `help` included (clap let them pass
/// there and took the first).
#[test]
fn two_languages_are_refused_everywhere() {
    for args in [
        &["help", "--lang", "zh-CN", "--lang", "en"][..],
        &["--lang", "zh-CN", "--lang=en", "help"],
        &["--lang", "zh-CN", "check", "--lang", "zh-CN", "x.toml"],
        &["x.toml", "--lang", "zh-CN", "--lang", "en"],
    ] {
        let o = jixiao(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains("--lang <LANG> 只能给一次") && stderr(&o).contains("用法："),
            "{args:?}: {}",
            stderr(&o)
        );
        assert!(stdout(&o).is_empty(), "{args:?}");
    }
}

/// Usage lines name the command `jixiao`, whatever the file was called when it was started
/// (the release binary is `jixiao-0.1.0-x86_64-linux` until installed).
#[test]
fn usage_names_jixiao_whatever_the_binary_is_called() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("jixiao-binname-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let copy = dir.join("jixiao-0.1.0-x86_64-linux");
    std::fs::copy(env!("CARGO_BIN_EXE_jixiao"), &copy).unwrap_or_else(|e| panic!("{e}"));
    for args in [&["check"][..], &["x.toml", "--bogus"], &["check", "--help"]] {
        let o = Command::new(&copy).args(args).env("LANG", "en_US.UTF-8").output().unwrap_or_else(|e| panic!("{e}"));
        let text = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
        assert!(text.contains("Usage: jixiao "), "{args:?}: {text}");
        assert!(!text.contains("x86_64-linux"), "{args:?}: {text}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Under zh-CN, help and usage errors say nothing in clap's English: headings, the help and
/// version flags, the `help` subcommand, possible values, defaults and every kind of usage
/// error are the catalog's. Each error names what was wrong, gives the command's usage line
/// and says where to read more; English has the same, in English.
#[test]
fn help_and_usage_errors_speak_the_language_asked_for() {
    let english = [
        "Usage:",
        "Options:",
        "Arguments:",
        "Commands:",
        "error:",
        "tip:",
        "Print help",
        "Print version",
        "Print this message",
        "Possible values",
        "possible values",
        "[default",
        "For more information",
        "[OPTIONS]",
        "see a summary",
        "unexpected argument",
        "invalid value",
        "the following required",
        "cannot be used",
    ];
    let helps: [&[&str]; 7] = [
        &["--help"],
        &["-h"],
        &["help"],
        &["help", "check"],
        &["check", "--help"],
        &["new", "--help"],
        &["x.toml", "--help"],
    ];
    for args in helps {
        let o = jixiao(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let out = stdout(&o);
        assert!(out.contains("用法：jixiao") && out.ends_with('\n'), "{args:?}: {out}");
        for word in english {
            assert!(!out.contains(word), "{args:?} says {word:?}: {out}");
        }
    }
    // (arguments, what the message must name, the usage line's subcommand or None)
    let errors: [(&[&str], &str, Option<&str>); 8] = [
        (&["check", "--bogus", "a.toml"], "不认识的参数 --bogus", Some("check")),
        (&["check"], "缺少必需的参数", Some("check")),
        (&["export", "a.toml"], "--output", Some("export")),
        (&["check", "a.toml", "--format", "xml"], "“xml”无效", None),
        (&["new", "b.toml", "--year", "abc"], "“abc”无效\n  应为年度（四位数字），如 2024", None),
        (&["check", "-q", "-q", "a.toml"], "只能给一次", Some("check")),
        (&["x.toml", "--bogus"], "不认识的参数 --bogus", Some("")),
        (&["x.toml", "--section"], "--section", None),
    ];
    for (args, names, usage) in errors {
        let o = jixiao(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.starts_with("jixiao：") && err.contains(names), "{args:?}: {err}");
        for word in english {
            assert!(!err.contains(word), "{args:?} says {word:?}: {err}");
        }
        if let Some(sub) = usage {
            let line = if sub.is_empty() {
                "用法：jixiao [--lang LANG] FILE".to_string()
            } else {
                format!("用法：jixiao [--lang LANG] {sub} ")
            };
            assert!(err.contains(&line), "{args:?}: {err}");
            let more = if sub.is_empty() { "jixiao --help".to_string() } else { format!("jixiao {sub} --help") };
            assert!(err.contains(&format!("详见：{more}")), "{args:?}: {err}");
        }
    }
    // A negative year is a year out of range, not an unknown option.
    let negative = stderr(&jixiao(&["new", "neg.toml", "--year", "-5"]));
    assert!(negative.contains("2000") && !negative.contains("不认识的参数"), "{negative}");
    let xml = stderr(&jixiao(&["check", "a.toml", "--format", "xml"]));
    assert!(xml.contains("可用的值：text, json"), "{xml}");
    let en = stderr(&jixiao(&["--lang", "en", "check", "--bogus", "a.toml"]));
    assert!(en.contains("unknown argument --bogus") && en.contains("Usage: jixiao [--lang LANG] check "), "{en}");
    assert!(en.contains("For more, run: jixiao check --help") && !en.contains("参数"), "{en}");
    let en_help = stdout(&jixiao(&["--lang", "en", "--help"]));
    assert!(en_help.contains("Options:") && en_help.contains("Print help") && !en_help.contains("选项"), "{en_help}");
}

/// `--lang` goes anywhere, after `help` too (clap's `help` took it for a subcommand's name).
#[test]
fn help_takes_lang_after_it() {
    for args in
        [&["help", "--lang", "en", "check"][..], &["help", "check", "--lang=en"], &["--lang", "en", "help", "check"]]
    {
        let o = jixiao(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).contains("Usage: jixiao [--lang LANG] check "), "{args:?}: {}", stdout(&o));
    }
    let zh = jixiao(&["help", "report", "--lang", "zh-CN"]);
    assert!(stdout(&zh).contains("用法：jixiao [--lang LANG] report "), "{}", stdout(&zh));
}

/// `--` ends the options: the word after it is the data file whatever it looks like (a file
/// named `--lang=xx` opens; its name is not read as a language), and the wizard's options
/// before it still apply (`jixiao --plain -- FILE` said `--plain` was unknown).
#[test]
fn a_double_dash_makes_the_next_word_the_file() {
    let example = std::fs::read_to_string("examples/yueyang-2023.toml").unwrap_or_else(|e| panic!("{e}"));
    let odd = tmp("--lang=xx", &example);
    let dir = odd.parent().expect("dir").to_path_buf();
    // Beside it, a plain name.
    tmp("dash.toml", &example);
    for args in [&["--plain", "--", "dash.toml"][..], &["--", "--lang=xx", "--plain"], &["--plain", "--", "--lang=xx"]]
    {
        let o = jixiao_in(&dir, args);
        assert!(stdout(&o).contains("第 1/16 节"), "{args:?}: {}{}", stdout(&o), stderr(&o));
        assert!(
            !stderr(&o).contains("不支持的语言") && !stderr(&o).contains("不认识的参数"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}
