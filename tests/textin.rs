//! Issue 11: text, keys and values as the field sends them. Each fault is tested by its
//! example and by other members of its kind.

mod support;

use jixiao::form::Profile;
use jixiao::form::file::{load, save};
use jixiao::i18n::{Catalog, Lang};
use jixiao::wizard::Event;
use support::{blank, run};

fn example_text() -> String {
    std::fs::read_to_string("examples/yueyang-2023.toml").unwrap_or_else(|e| panic!("{e}"))
}

/// A data file as a Windows editor saves it (CR LF everywhere), or with CR LF / lone CR
/// written as escapes inside strings: long texts read with LF, nothing is a control character,
/// the report and the saved file hold no CR.
#[test]
fn line_endings_from_files_become_lf() {
    let crlf = example_text().replace('\n', "\r\n");
    let escaped_cr = example_text().replacen("functions = \"\"\"\n", "functions = \"\"\"\n甲\\r乙\\r\\n丙\n", 1);
    for (name, text) in [("CR LF file", crlf), ("CR and CR LF escapes", escaped_cr)] {
        let pkg = load(text.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e:?}")).package;
        for (k, v) in pkg.values() {
            assert!(!v.text().contains('\r'), "{name}: {k} keeps a CR");
        }
        let issues = jixiao::form::check(&pkg, &Profile::default_profile()).issues;
        let bad: Vec<_> = issues.iter().filter(|i| i.variant == "control_chars").collect();
        assert!(bad.is_empty(), "{name}: {bad:?}");
        for lang in Lang::ALL {
            let r = jixiao::form::report(&pkg, &Profile::default_profile(), Catalog::get(lang));
            assert!(!r.contains("\\x0d") && !r.contains('\r'), "{name}: the report shows a CR");
        }
        let saved = save(&pkg, Catalog::get(Lang::ZhCn));
        assert!(!saved.contains("\\u000D") && !saved.contains('\r'), "{name}: a save writes a CR back");
    }
    let pkg =
        load(example_text().replacen("functions = \"\"\"\n", "functions = \"\"\"\n甲\\r乙\\r\\n丙\n", 1).as_bytes())
            .unwrap_or_else(|e| panic!("{e:?}"))
            .package;
    assert!(pkg.text_at("report.functions").starts_with("甲\n乙\n丙\n"), "{:?}", pkg.text_at("report.functions"));
}

/// A TAB in a long text is text: no error, kept in the file, laid out as spaces in the report.
/// In a one-line value it is an error whose message shows `\t`, not spaces.
#[test]
fn tabs_are_text_in_long_texts_and_shown_in_messages() {
    let text = example_text().replacen("functions = \"\"\"\n", "functions = \"\"\"\n序号\t职能\n", 1);
    let pkg = load(text.as_bytes()).unwrap_or_else(|e| panic!("{e:?}")).package;
    assert!(pkg.text_at("report.functions").contains("序号\t职能"));
    let profile = Profile::default_profile();
    let issues = jixiao::form::check(&pkg, &profile).issues;
    assert!(!issues.iter().any(|i| i.path == "report.functions"), "{issues:?}");
    let r = jixiao::form::report(&pkg, &Profile::default_profile(), Catalog::get(Lang::ZhCn));
    assert!(r.contains("序号    职能"), "TAB laid out to the next stop");
    let saved = save(&pkg, Catalog::get(Lang::ZhCn));
    let back = load(saved.as_bytes()).unwrap_or_else(|e| panic!("{e:?}")).package;
    assert_eq!(back.text_at("report.functions"), pkg.text_at("report.functions"));

    let mut pkg = pkg;
    pkg.set("basic.unit_name", "岳阳市\t城管");
    let issues = jixiao::form::check(&pkg, &profile).issues;
    let i = issues.iter().find(|i| i.path == "basic.unit_name").expect("a TAB in a one-line value is an error");
    for lang in Lang::ALL {
        let m = jixiao::present::message(&pkg, i, Catalog::get(lang));
        assert!(m.contains("岳阳市\\t城管"), "{m}");
    }
}

/// Pasted text: CR LF and CR are LF, TABs and newlines are text in a long text; in a one-line
/// field they are spaces and invisible characters go.
#[test]
fn pastes_as_other_systems_send_them() {
    let mut w = blank(Lang::ZhCn);
    w.open_section("goals");
    w.update(Event::Paste("一、甲\t乙\r\n二、丙\r三、丁\u{200b}".into()));
    assert_eq!(w.editor_text().as_deref(), Some("一、甲\t乙\n二、丙\n三、丁"));
    run(&mut w, "<Tab>");
    assert_eq!(w.pkg().text_at("self_eval.goal_expected"), "一、甲\t乙\n二、丙\n三、丁");
    assert!(w.issues_at("self_eval.goal_expected").is_empty());

    let mut w = blank(Lang::ZhCn);
    w.open_section("basic_sign");
    for pasted in ["王小明\u{200b}", "\u{feff}王小明", "王\u{2060}小明\r\n", "王小明\u{200d}"] {
        assert!(w.focus_path("basic.head"));
        run(&mut w, "<C-u>");
        w.update(Event::Paste(pasted.into()));
        run(&mut w, "<Tab>");
        assert_eq!(w.pkg().text_at("basic.head"), "王小明", "{pasted:?}");
        assert!(w.issues_at("basic.head").is_empty(), "{pasted:?}");
    }
}

/// Invisible characters typed or pasted with an amount or a name are removed, and the note
/// says what was there.
#[test]
fn invisible_characters_are_removed_and_shown() {
    let mut w = blank(Lang::ZhCn);
    w.open_section("funding");
    run(&mut w, "<Tab>865.82\u{200b}<Tab>");
    assert_eq!(w.pkg().text_at("self_eval.budget_initial"), "865.82");
    let s = support::screen(&w, 100, 30);
    assert!(s.contains("865.82\\u{200b}"), "the note shows what was removed:\n{s}");
}

/// Amounts to the 元 (`113.3615` 万元) or the 分 are kept exactly, computed with, printed
/// with 2 decimals as the form requires, and the report says which printed values are rounded.
/// The execution points are never lost to a refused amount.
#[test]
fn amounts_to_the_yuan_are_kept_computed_and_printed_with_a_note() {
    let mut w = blank(Lang::ZhCn);
    w.open_section("funding");
    run(&mut w, "<Tab>113.3615<Tab>");
    assert_eq!(w.pkg().text_at("self_eval.budget_initial"), "113.3615");
    assert!(w.issues_at("self_eval.budget_initial").is_empty());

    let base = support::example("examples/yueyang-2023.toml");
    for (spent, rate) in [("899.1315", "103.85"), ("865.8249", "100.00"), ("89.974", "10.39")] {
        let mut pkg = base.clone();
        pkg.set("self_eval.spent", spent);
        let profile = Profile::default_profile();
        let checked = jixiao::form::check(&pkg, &profile);
        let issues = &checked.issues;
        assert!(!issues.iter().any(|i| i.path == "self_eval.spent" && i.rule == "E-02"), "{spent}: {issues:?}");
        assert_eq!(exec_rate(&checked).as_deref(), Some(rate), "{spent}");
        assert!(checked.score().parts[0].score.is_some_and(|s| !s.is_zero()), "{spent}: the execution points are kept");
        let saved = save(&pkg, Catalog::get(Lang::ZhCn));
        let back = load(saved.as_bytes()).unwrap_or_else(|e| panic!("{e:?}")).package;
        assert_eq!(back.text_at("self_eval.spent"), spent, "kept exactly through the file");
        for lang in Lang::ALL {
            let r = jixiao::form::report(&pkg, &Profile::default_profile(), Catalog::get(lang));
            let printed = jixiao::form::scoring::fixed2(
                pkg.cell_at("self_eval.spent").and_then(|c| c.number()).unwrap_or_default(),
            );
            let table_line = r.lines().find(|l| l.starts_with('|') && l.contains(&printed)).unwrap_or_default();
            assert!(!table_line.contains(spent), "{spent}: printed with 2 decimals in the table");
            assert!(r.contains(spent) && r.contains(&printed), "{spent}: the note gives the exact amount:\n{r}");
        }
    }
}

fn key(k: jixiao::keymap::Key) -> Event {
    Event::Key(k)
}

/// `^H` as the terminal edge decodes it (Ctrl-H, mended to Backspace).
fn ctrl_h() -> Event {
    key(jixiao::keymap::Key::ctrl('h').normalize().expect("^H is a key"))
}

/// Backspace sent as ^H deletes in a field, in a long text and in the path prompt.
#[test]
fn backspace_as_ctrl_h_deletes_everywhere() {
    let mut w = blank(Lang::ZhCn);
    run(&mut w, "<Tab>岳阳市x");
    w.update(ctrl_h());
    assert_eq!(w.editor_text().as_deref(), Some("岳阳市"));
    w.open_section("goals");
    run(&mut w, "甲乙");
    w.update(ctrl_h());
    assert_eq!(w.editor_text().as_deref(), Some("甲"));
    run(&mut w, "<C-s>");
    w.update(Event::Saved(Err("Read-only file system (os error 30)".into())));
    assert!(matches!(w.overlay(), Some(jixiao::wizard::Overlay::PathPrompt { input }) if input == "pkg.toml"));
    w.update(ctrl_h());
    w.update(ctrl_h());
    assert!(matches!(w.overlay(), Some(jixiao::wizard::Overlay::PathPrompt { input }) if input == "pkg.to"));
    // A decomposed letter is one character to Backspace in the prompt too.
    run(&mut w, "e\u{301}");
    run(&mut w, "<BS>");
    assert!(matches!(w.overlay(), Some(jixiao::wizard::Overlay::PathPrompt { input }) if input == "pkg.to"));
}

/// The caret moves over and Backspace/Delete remove a letter with its combining marks (and
/// other multi-char user-perceived characters) whole.
#[test]
fn combining_marks_move_and_delete_as_one_character() {
    for (cluster, name) in [
        ("e\u{301}", "e + acute"),
        ("a\u{308}\u{304}", "a + two marks"),
        ("🇨🇳", "flag"),
        ("👍🏽", "emoji + skin tone"),
        ("葛\u{e0100}", "ideograph + variation selector"),
    ] {
        for section in ["unit", "goals"] {
            let mut w = blank(Lang::ZhCn);
            w.open_section(section);
            if section == "unit" {
                run(&mut w, "<Tab>");
            }
            run(&mut w, &format!("a{cluster}b"));
            run(&mut w, "<BS>");
            run(&mut w, "<BS>");
            assert_eq!(w.editor_text(), Some("a".to_string()), "{name} in {section}: Backspace");
            run(&mut w, "<C-z>");
            assert_eq!(w.editor_text(), Some(format!("a{cluster}")), "{name} in {section}: one undo step");
            run(&mut w, "b<Left><Left>X");
            assert_eq!(w.editor_text(), Some(format!("aX{cluster}b")), "{name} in {section}: Left");
            run(&mut w, "<Right>Y");
            assert_eq!(w.editor_text(), Some(format!("aX{cluster}Yb")), "{name} in {section}: Right");
            run(&mut w, "<Left><Left><Del>");
            assert_eq!(w.editor_text(), Some("aXYb".to_string()), "{name} in {section}: Delete");
        }
    }
}

/// A Chinese input method's full-width keys: `２` picks choice 2, in a list and in a field;
/// `？` on a choice is help.
#[test]
fn full_width_digits_pick_choices() {
    let mut w = blank(Lang::ZhCn);
    w.open_section("indicators");
    run(&mut w, "<Enter>２");
    assert_eq!(w.pkg().text_at("self_eval.indicators.1.level1"), "效益指标");
    run(&mut w, "<Tab><Enter>１");
    assert!(!w.pkg().text_at("self_eval.indicators.1.level2").is_empty(), "picked in the list by １");
    run(&mut w, "？");
    assert_eq!(w.overlay(), Some(&jixiao::wizard::Overlay::Help));
}

/// The real binary in a pseudo-terminal: keys as terminals send them.
#[test]
fn keys_as_terminals_send_them_in_a_real_terminal() {
    let dir =
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("jixiao-textin-keys-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let mut s = support::pty::Session::start(&dir, &["pkg.toml", "--section", "unit"], &[]);
    assert!(
        s.output().windows(2).any(|w| w == b"\x1b>"),
        "the keypad is put in numeric mode (its application-mode keys would be dropped)"
    );
    s.send("岳阳市xy".as_bytes());
    s.settle();
    // Backspace as ^H (0x08) and as DEL (0x7f).
    s.send(b"\x08");
    s.send(b"\x7f");
    s.send("城管".as_bytes());
    s.wait_for("岳阳市城管");
    assert!(!s.screen_text().contains("岳阳市x"), "{}", s.screen_text());
    // Alt+Up as rxvt and macOS Terminal send it, and an ESC split from its sequence by a slow
    // link: neither quits (nothing is unsaved in the file yet, so a quit would be at once).
    s.send(b"\t");
    s.settle();
    s.send(b"\x1b\x1b[A");
    s.settle();
    s.send(b"\x1b");
    std::thread::sleep(std::time::Duration::from_millis(15));
    s.send(b"[B");
    s.settle();
    s.send(b"\x1b\x1bOA");
    s.settle();
    assert!(s.screen_text().contains("岳阳市城管"), "still running:\n{}", s.screen_text());
    assert!(!s.screen_text().contains("[B") && !s.screen_text().contains("OA"), "{}", s.screen_text());
    // A lone Esc still quits (after asking, as something is unsaved).
    s.send(b"\x1b");
    s.wait_for("现在退出吗");
    s.send(b"y");
    assert!(s.wait_exit().success());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Plain mode: full-width commands from a Chinese input method are commands.
#[test]
fn plain_mode_takes_full_width_commands() {
    let dir =
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("jixiao-textin-plain-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["pkg.toml", "--plain"])
        .current_dir(&dir)
        .env("LANG", "zh_CN.UTF-8")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write as _;
            if let Some(mut i) = c.stdin.take() {
                i.write_all("２０２３年\n岳阳市城管\n＜\n？\n：ｓａｖｅ\n：ｑｕｉｔ\n".as_bytes())?;
            }
            c.wait_with_output()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.matches("当前：岳阳市城管").count() >= 1, "＜ went back:\n{text}");
    assert!(text.contains("命令："), "？ is help:\n{text}");
    assert!(text.contains("已保存到"), "：ｓａｖｅ saves:\n{text}");
    assert!(out.status.success(), "：ｑｕｉｔ quits:\n{text}");
    let saved = std::fs::read_to_string(dir.join("pkg.toml")).unwrap_or_default();
    let pkg = load(saved.as_bytes()).unwrap_or_else(|e| panic!("{e:?}")).package;
    assert_eq!(pkg.text_at("basic.unit_name"), "岳阳市城管", "no command was stored as a value");
    assert_eq!(pkg.text_at("basic.fiscal_year"), "2023", "２０２３年 is a year");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Targets as real forms write them: a missed `98%以上` or `大于等于98%` is caught like
/// `≥98%` (E-16 asks for the reason, W-05 shows the rule score); a target whose direction
/// cannot be read says so.
#[test]
fn targets_as_real_forms_write_them_are_scored() {
    let profile = Profile::default_profile();
    let base = support::example("examples/yueyang-2023.toml");
    for target in ["≥98%", "98%以上", "大于等于98%", "不低于98%", "≥ 98%", "＞＝98%", "98%及以上", "不少于98%"]
    {
        let mut pkg = base.clone();
        pkg.set("self_eval.indicators.1.target", target);
        pkg.set("self_eval.indicators.1.actual", "95%");
        pkg.set("self_eval.indicators.1.reason", "");
        let issues = jixiao::form::check(&pkg, &profile).issues;
        let at = |rule: &str, col: &str| {
            issues.iter().any(|i| i.rule == rule && i.path == format!("self_eval.indicators.1.{col}"))
        };
        assert!(at("E-16", "reason") && at("W-05", "score"), "{target}: {issues:?}");
        assert!(!at("W-05", "target"), "{target}: its direction is clear");
    }
    for (target, variant) in
        [("约98%", "direction"), ("98%左右", "direction"), ("95%-100%", "direction"), ("≤98%", "conflict")]
    {
        let mut pkg = base.clone();
        pkg.set("self_eval.indicators.1.target", target);
        pkg.set("self_eval.indicators.1.actual", "95%");
        let issues = jixiao::form::check(&pkg, &profile).issues;
        let i = issues
            .iter()
            .find(|i| i.rule == "W-05" && i.variant == variant)
            .unwrap_or_else(|| panic!("{target}: no W-05.{variant}: {issues:?}"));
        assert!(jixiao::present::message(&pkg, i, Catalog::get(Lang::ZhCn)).contains(target), "{target}");
    }
}

/// 年初预算数 0 with no 全年预算数: no 执行率, and a finding that says why the execution
/// points are 0; a 全年预算数 that does not read is never silently replaced.
#[test]
fn no_execution_rate_is_explained() {
    let profile = Profile::default_profile();
    let base = support::example("examples/yueyang-2023.toml");
    for full in ["", "0", "0.00"] {
        let mut pkg = base.clone();
        pkg.set("self_eval.budget_initial", "0");
        pkg.set("self_eval.budget_full", full);
        let checked = jixiao::form::check(&pkg, &profile);
        let issues = &checked.issues;
        assert_eq!((exec_rate(&checked), checked.score().parts[0].score), (None, None), "{full:?}");
        let i = issues.iter().find(|i| i.rule == "E-11" && i.variant == "no_base").expect("says why");
        assert!(jixiao::present::message(&pkg, i, Catalog::get(Lang::ZhCn)).contains("年初预算数为 0"));
    }
    let mut pkg = base;
    pkg.set("self_eval.budget_full", "八百万");
    let checked = jixiao::form::check(&pkg, &profile);
    let issues = &checked.issues;
    assert_eq!(exec_rate(&checked), None, "not computed against the 年初预算数 instead");
    assert!(issues.iter().any(|i| i.rule == "E-02" && i.path == "self_eval.budget_full"));
}

/// Under a non-UTF-8 locale (`LANG=zh_CN.GBK`, common on older office servers) the wizard
/// says so in ASCII, which a GBK terminal shows, with the fix, and stores nothing; `check`
/// with its output piped runs as before.
#[test]
fn a_non_utf8_locale_is_refused_with_the_fix() {
    let dir =
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("jixiao-textin-gbk-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    for locale in ["zh_CN.GBK", "zh_CN.GB18030", "zh_CN"] {
        let mut s = support::pty::Session::start(&dir, &["pkg.toml"], &[("LANG", locale)]);
        let status = s.wait_exit();
        assert!(!status.success());
        let out = s.output();
        let text = String::from_utf8_lossy(&out);
        assert!(out.is_ascii(), "{locale}: readable on a GBK terminal: {text}");
        assert!(text.contains("export LANG=zh_CN.UTF-8") && text.contains(locale), "{locale}: {text}");
        assert!(!dir.join("pkg.toml").exists() && !dir.join("pkg.toml.draft").exists());
    }
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["check", "examples/yueyang-2023.toml"])
        .env("LANG", "zh_CN.GBK")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Report tables line up whether a font draws — … · “ ” one column wide or two (宋体): no
/// table line holds a character of ambiguous width, so its width is the same either way.
#[test]
fn report_tables_hold_no_ambiguous_width_characters() {
    use unicode_width::UnicodeWidthStr as _;
    let mut pkg = support::example("examples/yueyang-2023.toml");
    pkg.set("self_eval.indicators.1.name", "“三公”经费·控制…①");
    pkg.set("self_eval.indicators.1.target", "≥ 98%");
    pkg.insert_row("basic.special_funds", 0);
    pkg.set("basic.special_funds.1.name", "城管执法——专项（“两违”）");
    pkg.set("self_eval.budget_full", "");
    for lang in Lang::ALL {
        let r = jixiao::form::report(&pkg, &Profile::default_profile(), Catalog::get(lang));
        let tables: Vec<&str> = r.lines().filter(|l| l.starts_with('|') || l.starts_with('+')).collect();
        assert!(tables.len() > 20);
        for l in &tables {
            assert_eq!(l.width(), l.width_cjk(), "{}: {l}", lang.tag());
        }
        // Every line of a table is as wide as its rule line.
        let mut width = 0;
        for l in tables {
            if l.starts_with('+') {
                width = l.width();
            }
            assert_eq!(l.width(), width, "{}: {l}", lang.tag());
        }
    }
}

/// 执行率 as computed, with 2 decimals (`None`: no rate).
fn exec_rate(c: &jixiao::form::Checked) -> Option<String> {
    match c.figures.get("self_eval.exec_rate") {
        Some(jixiao::form::def::Figure::Percent(Some(d))) => Some(jixiao::form::scoring::fixed2(*d)),
        _ => None,
    }
}
