//! Plain mode transcripts: the binary driven through standard input.

mod support;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use jixiao::form::Package;
use jixiao::form::def::Kind;
use jixiao::form::file::load;

fn tempdir(name: &str) -> PathBuf {
    let d =
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("jixiao-plain-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("dir");
    d
}

/// jixiao in `dir` with `args`, in Chinese, standard input and output piped.
fn jixiao(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    cmd.args(args).current_dir(dir).env("LANG", "zh_CN.UTF-8").stdin(Stdio::piped()).stdout(Stdio::piped());
    cmd
}

fn run(dir: &Path, args: &[&str], input: &str, env: &[(&str, &str)]) -> (i32, String) {
    let mut cmd = jixiao(dir, args);
    cmd.stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_string();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().expect("wait");
    let _ = writer.join();
    (
        out.status.code().unwrap_or(-1),
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)),
    )
}

/// The last `n` characters of `out` (for a failure message; never cut inside a character).
fn tail(out: &str, n: usize) -> String {
    let skip = out.chars().count().saturating_sub(n);
    out.chars().skip(skip).collect()
}

/// One answer line for a field holding `value` (long texts continue with `\`).
fn answer(value: &str) -> String {
    if value.is_empty() { "!".to_string() } else { value.replace('\n', "\\\n") }
}

/// The answers, in prompt order, that fill `target` from an empty package and write it. Plain
/// mode asks only what may need filling (`Wizard::wants`, as Tab stops: not a 指标性质 the
/// target sets), so the questions are found by walking a wizard on the same empty package as
/// plain mode does (`plain::main`): each section entered, each field wanted answered with the
/// target's value, "y" to add a row or project while the target has more, then "n".
fn answers_for(target: &Package) -> String {
    use jixiao::wizard::{Command, SlotKind, Wizard, slots};
    let year = target.fiscal_year().unwrap_or(2023);
    let empty = Package::new(jixiao::form::unit::form(), year);
    let mut w =
        Wizard::new(empty, jixiao::form::Profile::default_profile(), jixiao::i18n::Lang::ZhCn, support::files());
    let mut lines: Vec<String> = Vec::new();
    // A field answered in an earlier section is not asked again (a project's name, in the list
    // and in 项目信息).
    let mut answered = std::collections::BTreeMap::new();
    let (mut sec, mut i) = (0, 0);
    while sec < w.sections().len() {
        let steps = slots::slots(&w.sections()[sec], w.pkg());
        if i >= steps.len() {
            (sec, i) = (sec + 1, 0);
            continue;
        }
        if i == 0 {
            w.command(Command::Goto(sec));
        }
        match steps[i].kind.clone() {
            SlotKind::Calc { .. } => i += 1,
            SlotKind::AddRow { table } => {
                if target.rows_at(&table).len() > w.pkg().rows_at(&table).len() {
                    lines.push("y".into());
                    w.command(Command::AddRow(table));
                } else {
                    lines.push("n".into());
                    i += 1;
                }
            }
            SlotKind::AddInstance { group } => {
                if target.instances(group).len() > w.pkg().instances(group).len() {
                    lines.push("y".into());
                    w.command(Command::AddInstance(group));
                } else {
                    lines.push("n".into());
                    i += 1;
                }
            }
            SlotKind::Field { path, kind } => {
                i += 1;
                if !w.wants(&path) || answered.get(&path).is_some_and(|s| *s != sec) {
                    continue;
                }
                answered.insert(path.clone(), sec);
                let v = target.text_at(&path);
                // Choices are answered by their text; an empty optional one is kept.
                lines.push(if v.is_empty() && matches!(kind, Kind::Choice(_)) { String::new() } else { answer(v) });
                // The row's 指标性质, if `path` is a cell of an indicator table.
                let nature = jixiao::form::def::split_cell(&path)
                    .filter(|(t, _, _)| w.pkg().table_def(t).is_some_and(|d| d.column("nature").is_some()))
                    .map(|(t, r, _)| jixiao::form::def::cell_path(t, r, "nature"));
                let was = nature.as_ref().map(|n| w.pkg().text_at(n).to_string());
                w.command(Command::Set { path: path.clone(), text: v.to_string() });
                // A nature assumed from a target that states no direction is asked next.
                if let (Some(n), Some(was)) = (nature, was) {
                    use jixiao::form::scoring::{Direction, direction};
                    let filled = was.is_empty() && !w.pkg().text_at(&n).is_empty();
                    if n != path && filled && matches!(direction(v), Direction::Bare | Direction::Unclear) {
                        lines.push(target.text_at(&n).to_string());
                        w.command(Command::Set { path: n.clone(), text: target.text_at(&n).to_string() });
                    }
                }
            }
        }
    }
    lines.push("y".into());
    lines.join("\n") + "\n"
}

/// The package without `[stated]` transcriptions (nothing plain mode asks for).
fn typed(p: &Package) -> Package {
    let mut p = p.clone();
    p.stated.clear();
    p
}

#[test]
fn a_whole_package_from_empty_through_standard_input() {
    let dir = tempdir("full");
    let target = support::example("examples/yueyang-2023.toml");
    let (code, out) = run(&dir, &["pkg.toml"], &answers_for(&target), &[]);
    assert!(out.contains("逐行问答模式"), "automatic switch when input is piped");
    assert!(out.contains("得分：执行率 10.00"), "running score lines");
    assert_eq!(code, 0, "{}", tail(&out, 1500));
    let written = load(&std::fs::read(dir.join("pkg.toml")).expect("written")).expect("load").package;
    assert_eq!(typed(&written), typed(&target));
    // Asked only where something may need filling: a 指标性质 is not asked in its turn (it
    // comes before the target that sets it); where the target states no direction (`190件`)
    // the ≥ assumed is asked right after it, to be confirmed; a 定性 target (`每天`) or one
    // written with its direction sets it without a question.
    use jixiao::form::scoring::{Direction, direction};
    let rows = target.rows_at("self_eval.indicators");
    let assumed = (1..=rows.len())
        .filter(|n| {
            let t = target.text_at(&format!("self_eval.indicators.{n}.target"));
            matches!(direction(t), Direction::Bare | Direction::Unclear)
        })
        .count();
    assert!(assumed > 0 && assumed < rows.len(), "{assumed} of {}", rows.len());
    let asked = out.lines().filter(|l| l.contains("· 指标性质 *必填")).count();
    assert_eq!(asked, assumed, "{out}");
    assert!(dir.join("pkg.txt").exists() && !dir.join("pkg.toml.draft").exists());
    let check = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["check", "pkg.toml"])
        .current_dir(&dir)
        .output()
        .expect("check");
    assert_eq!(check.status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn back_chinese_and_invalid_answers() {
    let dir = tempdir("back");
    let (code, out) =
        run(&dir, &["pkg.toml", "--plain"], "2023\n旧单位\n<\n岳阳市城管支队\nabc\n27人\n:save\n:quit\n", &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("“abc”不是数字"), "{out}");
    // The refused prompt comes back at once, showing what was typed.
    assert!(out.contains("如 27\n编制数 *必填（当前：abc"), "{out}");
    let pkg = load(&std::fs::read(dir.join("pkg.toml")).expect("saved")).expect("load").package;
    assert_eq!(pkg.text_at("basic.unit_name"), "岳阳市城管支队");
    assert_eq!(pkg.text_at("basic.staff_quota"), "27");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn answers_file_asks_only_what_is_missing() {
    let dir = tempdir("answers");
    let mut prefill = support::example("examples/yueyang-2023.toml");
    prefill.set("basic.staff_quota", "");
    prefill.set("report.general_total", "九十八");
    let text = jixiao::form::file::save(&prefill, jixiao::i18n::Catalog::get(jixiao::i18n::Lang::ZhCn));
    std::fs::write(dir.join("prefill.toml"), text).expect("prefill");
    let (code, out) = run(&dir, &["pkg.toml", "--answers", "prefill.toml"], "27\n889.95\ny\n", &[]);
    assert_eq!(code, 0, "{out}");
    let prompts = out.lines().filter(|l| l.contains("（当前：")).count();
    assert_eq!(prompts, 2, "only the two missing or invalid fields are asked:\n{out}");
    let written = load(&std::fs::read(dir.join("pkg.toml")).expect("written")).expect("load").package;
    assert_eq!(typed(&written), typed(&support::example("examples/yueyang-2023.toml")));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A draft restored with `--answers`: the draft is what was typed, and the answers still fill
/// what it leaves empty (they were dropped).
#[test]
fn a_draft_restored_with_answers_keeps_both() {
    let dir = tempdir("draftanswers");
    let zh = jixiao::i18n::Catalog::get(jixiao::i18n::Lang::ZhCn);
    let full = support::example("examples/yueyang-2023.toml");
    let mut file = full.clone();
    file.set("basic.unit_name", "");
    file.set("basic.staff_quota", "");
    std::fs::write(dir.join("pkg.toml"), jixiao::form::file::save(&file, zh)).expect("data");
    let mut draft = file.clone();
    draft.set("basic.unit_name", "草稿里的单位");
    std::fs::write(dir.join("pkg.toml.draft"), jixiao::form::file::save(&draft, zh)).expect("draft");
    let mut answers = full.clone();
    answers.set("basic.unit_name", "答案里的单位");
    std::fs::write(dir.join("prefill.toml"), jixiao::form::file::save(&answers, zh)).expect("answers");
    let (code, out) = run(&dir, &["pkg.toml", "--answers", "prefill.toml", "--plain"], "y\n:save\n:quit\n", &[]);
    assert_eq!(code, 0, "{out}");
    let saved = load(&std::fs::read(dir.join("pkg.toml")).expect("saved")).expect("load").package;
    assert_eq!(saved.text_at("basic.unit_name"), "草稿里的单位", "the draft's typed value wins:\n{out}");
    assert_eq!(
        saved.text_at("basic.staff_quota"),
        full.text_at("basic.staff_quota"),
        "the answers fill the rest:\n{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// What jixiao writes on a pseudo-terminal of `cols`×`rows` with `TERM=term`, given `:quit`.
fn in_pty(name: &str, (cols, rows): (u16, u16), term: &str) -> String {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let dir = tempdir(name);
    let pair = native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_jixiao"));
    cmd.arg("pkg.toml");
    cmd.cwd(&dir);
    cmd.env("LANG", "zh_CN.UTF-8");
    cmd.env("TERM", term);
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");
    writer.write_all(b":quit\n").expect("write");
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    drop(writer);
    drop(pair.master);
    while let Ok(n) = reader.read(&mut buf) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    let _ = std::fs::remove_dir_all(&dir);
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn term_dumb_switches_to_plain_mode_in_a_terminal() {
    let text = in_pty("dumb", (80, 24), "dumb");
    assert!(text.contains("逐行问答模式") && text.contains("年度"), "{text}");
    assert!(!text.contains("\u{1b}[?1049h"), "no alternate screen on a dumb terminal");
}

/// A window too small for the full screen gets plain mode, and every line is wrapped to the
/// window: the notice saying why (it was wrapped at 78 columns), the section's heading and
/// the questions (a 60-column window broke them in the middle of a word or a year).
#[test]
fn plain_mode_in_a_small_window_wraps_to_the_window() {
    for cols in [12u16, 20, 40, 60, 79] {
        let text = in_pty(&format!("small{cols}"), (cols, 20), "xterm-256color");
        assert!(text.contains("窗口") || text.contains("逐行"), "{cols}: {text}");
        let lines: Vec<&str> = text.lines().collect();
        let start = lines.iter().position(|l| l.contains("（窗口")).unwrap_or_else(|| panic!("{cols}: {text}"));
        let end = lines.iter().position(|l| l.contains("退出）")).unwrap_or_else(|| panic!("{cols}: {text}"));
        assert!(end > start, "{cols}: {text}");
        // Every line, the notice, the section's heading and the first question too.
        assert!(text.contains("年度"), "{cols}: {text}");
        for line in &lines {
            let w = jixiao::text::width(line.trim_end_matches('\r'));
            assert!(w < usize::from(cols), "{cols} columns, a line of {w}: {line:?}");
        }
    }
}

#[test]
fn a_draft_that_cannot_be_written_is_said_once_and_saving_elsewhere_works() {
    let dir = tempdir("nodraft");
    // The folder does not exist: neither the draft nor the file can be written there.
    let (code, out) = run(&dir, &["gone/p.toml", "--plain"], "2023\n单位\n27\n:save\nok.toml\n:quit\n", &[]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.matches("草稿无法写入").count(), 1, "{out}");
    assert!(out.contains("保存失败：文件不存在（或它所在的文件夹不存在）"), "the reason, in the user's words: {out}");
    assert!(out.contains("保存到其他位置") && out.contains("已保存到 ok.toml"), "{out}");
    let pkg = load(&std::fs::read(dir.join("ok.toml")).expect("saved elsewhere")).expect("load").package;
    assert_eq!((pkg.text_at("basic.unit_name"), pkg.text_at("basic.staff_quota")), ("单位", "27"));
    // Quitting when nothing can hold the answers asks again, and never claims a draft.
    let (_, out) = run(&dir, &["gone/q.toml", "--plain"], "2023\n单位\n:quit\n:quit\n", &[]);
    assert!(out.contains("现在退出会丢失未保存的回答"), "{out}");
    assert!(!out.contains("未保存的内容在草稿中"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_restored_draft_is_checked_like_everything_else() {
    let dir = tempdir("draft");
    let pkg = support::example("examples/yueyang-2023.toml");
    let zh = jixiao::i18n::Catalog::get(jixiao::i18n::Lang::ZhCn);
    std::fs::write(dir.join("pkg.toml"), jixiao::form::file::save(&pkg, zh)).expect("data");
    let mut draft = pkg.clone();
    for f in ["basic.unit_name", "self_eval.unit_name", "report.unit_name"] {
        draft.set(f, "");
    }
    std::fs::write(dir.join("pkg.toml.draft"), jixiao::form::file::save(&draft, zh)).expect("draft");
    let (code, out) = run(&dir, &["pkg.toml", "--plain"], "y\n:review\n:quit\n", &[]);
    assert_eq!(code, 0, "{out}");
    let blank_names = out.lines().filter(|l| l.starts_with("错误 E-01") && l.contains("名称")).count();
    assert_eq!(blank_names, 3, "the three blank unit names are reported:\n{out}");
    assert!(out.contains("共 3 个错误"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A draft's first lines naming the focus never reach the data file and never stop the draft
/// from being read, whatever they hold (found by a hostile helper: an empty, overlong or
/// hostile path was kept as a comment and saved; a control character refused the draft).
#[test]
fn a_drafts_focus_line_never_reaches_the_data_file() {
    let pkg = support::example("examples/yueyang-2023.toml");
    let zh = jixiao::i18n::Catalog::get(jixiao::i18n::Lang::ZhCn);
    let mut draft = pkg.clone();
    draft.set("basic.unit_name", "草稿里的单位");
    let body = jixiao::form::file::save(&draft, zh);
    let long = "x".repeat(300);
    for first in [
        "# jixiao-draft-at: \n".to_string(),
        "# jixiao-draft-at: basic.unit_name   \n".to_string(),
        format!("# jixiao-draft-at: {long}\n"),
        "# jixiao-draft-at: basic.unit_name\n# jixiao-draft-at: basic.staff_quota\n".to_string(),
        "# jixiao-draft-at: \u{1b}[2J\u{1b}]2;PWNED\u{7}basic.unit_name\n".to_string(),
        "# jixiao-draft-at: basic.\0unit_name\n".to_string(),
    ] {
        let dir = tempdir("drafthead");
        std::fs::write(dir.join("pkg.toml"), jixiao::form::file::save(&pkg, zh)).expect("data");
        std::fs::write(dir.join("pkg.toml.draft"), format!("{first}{body}")).expect("draft");
        let (code, out) = run(&dir, &["pkg.toml", "--plain"], "y\n:save\n:quit\n", &[]);
        assert_eq!(code, 0, "{first:?}: {out}");
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{first:?}: {out}");
        let saved = std::fs::read_to_string(dir.join("pkg.toml")).expect("saved");
        assert!(!saved.contains("jixiao-draft-at"), "{first:?}: {saved}");
        let saved = load(saved.as_bytes()).expect("loads").package;
        assert_eq!(saved.text_at("basic.unit_name"), "草稿里的单位", "{first:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// Issue 11: comments a user writes into the data file by hand survive a save from the
/// wizard — above a key, after a value, above a table row, at the end, in Chinese — while
/// jixiao's own comments are written once, not doubled; a comment whose row is deleted is
/// kept at the end.
#[test]
fn the_users_own_comments_survive_a_save() {
    let dir = tempdir("comments");
    let text = std::fs::read_to_string("examples/yueyang-2023.toml").expect("example");
    let edited = text
        .replacen("[basic]\n", "[basic]\n# 2024-03-01 王会计：单位名称以编办批复为准\n", 1)
        .replacen("staff_quota = 27  # 编制数", "staff_quota = 27  # 2023 年编办文件 岳编〔2023〕5 号", 1)
        .replacen(
            "[[self_eval.indicators]]  # 绩效指标",
            "# 下面一行的目标值待科室确认\n[[self_eval.indicators]]  # 绩效指标",
            1,
        )
        + "\n# 文件末尾：交财政局前再核对一次\n";
    assert_ne!(edited, text, "the example's lines were found");
    std::fs::write(dir.join("pkg.toml"), &edited).expect("write");
    // Change one value and save.
    let (code, out) = run(&dir, &["pkg.toml", "--plain", "--section", "unit"], "\n\n28\n:save\n:quit\n", &[]);
    assert_eq!(code, 0, "{out}");
    let saved = std::fs::read_to_string(dir.join("pkg.toml")).expect("saved");
    assert!(saved.contains("staff_quota = 28  # 2023 年编办文件 岳编〔2023〕5 号"), "{saved}");
    assert!(saved.contains("[basic]\n# 2024-03-01 王会计：单位名称以编办批复为准\n"), "{saved}");
    assert!(saved.contains("# 下面一行的目标值待科室确认\n[[self_eval.indicators]]"), "{saved}");
    assert!(saved.trim_end().ends_with("# 文件末尾：交财政局前再核对一次"), "{saved}");
    assert_eq!(saved.matches("# 预算单位名称").count(), text.matches("# 预算单位名称").count(), "labels not doubled");
    // Saved again unchanged: the same text (nothing moves or grows).
    let again = load(saved.as_bytes()).expect("load").package;
    assert_eq!(jixiao::form::file::save(&again, jixiao::i18n::Catalog::get(jixiao::i18n::Lang::ZhCn)), saved);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs plain mode with `input` and a time limit: `None` when it had to be killed (a loop).
fn run_limited(dir: &Path, args: &[&str], input: &str, limit: std::time::Duration) -> Option<(i32, String)> {
    let mut child = jixiao(dir, args).stderr(Stdio::null()).spawn().expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_string();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut stdout = child.stdout.take().expect("stdout");
    // Reads at most 1 MiB: a loop that prints forever must not fill the memory.
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = (&mut stdout).take(1 << 20).read_to_end(&mut out);
        out
    });
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break Some(s);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let _ = writer.join();
    let out = reader.join().expect("reader");
    status.map(|s| (s.code().unwrap_or(-1), String::from_utf8_lossy(&out).into_owned()))
}

/// `<` passes back over the cells plain mode does not ask (a computed 建议分, a 偏差原因 at full
/// marks) and over computed values, to the previous question — also from a section's first
/// question to the previous section — and never loops (found by a fresh user: `<` at the first
/// cell of a row after one whose reason was passed over printed 建议分 forever).
#[test]
fn going_back_passes_over_what_is_not_asked_and_never_loops() {
    let dir = tempdir("back");
    std::fs::copy("examples/yueyang-2023.toml", dir.join("pkg.toml")).expect("copy");
    let limit = std::time::Duration::from_secs(20);
    let rows = ":goto indicators\n".to_string() + &"\n".repeat(7);
    for (what, input) in [
        ("first cell of row 2", rows.clone() + "<\n\n\n:quit\n"),
        ("back twice", rows.clone() + "<\n<\n<\n\n:quit\n"),
        ("first question of a section", ":goto indicators\n<\n<\n\n\n:quit\n".to_string()),
        ("the very first question", "<\n<\n\n:quit\n".to_string()),
    ] {
        let got = run_limited(&dir, &["pkg.toml", "--plain", "--read-only"], &input, limit);
        let (code, out) = got.unwrap_or_else(|| panic!("{what}: still running after {limit:?}"));
        assert_eq!(code, 0, "{what}: {}", tail(&out, 2000));
        assert!(out.len() < 200_000, "{what}: {} bytes", out.len());
    }
    // Going back from row 2's first question asks row 1's last asked question again: its
    // 得分 (the 建议分 after it and the reason at full marks are passed over).
    let (_, out) =
        run_limited(&dir, &["pkg.toml", "--plain", "--read-only"], &(rows + "<\n:quit\n"), limit).expect("ends");
    let asked: Vec<&str> = out.lines().filter(|l| l.contains("绩效指标 第")).collect();
    assert!(asked.len() >= 2, "{out}");
    assert!(asked[asked.len() - 1].contains("第 1 行 · 得分"), "{asked:?}");
}

/// Plain mode shows a row's 建议分 as the screen does (found by a fresh user: always "—"), and
/// says why when it cannot be worked out yet.
#[test]
fn plain_mode_shows_the_rule_score_and_why_there_is_none() {
    let dir = tempdir("proposal");
    let text = std::fs::read_to_string("examples/yueyang-2023.toml").expect("example");
    std::fs::write(dir.join("pkg.toml"), &text).expect("write");
    let input = ":goto indicators\n".to_string() + &"\n".repeat(7) + ":quit\n";
    let limit = std::time::Duration::from_secs(20);
    let (_, out) = run_limited(&dir, &["pkg.toml", "--plain", "--read-only"], &input, limit).expect("ends");
    assert!(out.contains("= 建议分 5.00（"), "{out}");
    // Row 1's actual not a number: no rule score, and the reason.
    let odd = text.replacen("actual = \"190件\"", "actual = \"全部办结\"", 1);
    assert_ne!(odd, text);
    std::fs::write(dir.join("pkg.toml"), &odd).expect("write");
    let (_, out) = run_limited(&dir, &["pkg.toml", "--plain", "--read-only"], &input, limit).expect("ends");
    assert!(out.contains("= 建议分 ?（指标值或完成值不是数字"), "{out}");
}

/// The add-a-row question takes the commands every question takes (`:save`, `:quit`, `<`),
/// and asks again for an answer that is neither yes nor no (found by a fresh user: `:save`
/// there was taken as "no" and nothing was saved).
#[test]
fn the_add_row_question_takes_commands_and_asks_again_for_anything_else() {
    let dir = tempdir("addrow");
    let limit = std::time::Duration::from_secs(20);
    // A new package: :goto indicators, then the add-row question for the empty table.
    let (code, out) =
        run_limited(&dir, &["new.toml", "--plain"], ":goto indicators\n1\n:save\n:quit\n", limit).expect("ends");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("请回答 y（是）或 n（否）"), "`1` is asked again: {out}");
    assert!(dir.join("new.toml").exists(), ":save at the question saves: {out}");
    let asked = out.matches("还没有行。添加一行吗").count();
    assert_eq!(asked, 3, "asked, again after `1`, again after :save; :quit leaves: {out}");
}

/// `--read-only`: plain mode ends without asking to write; a file that is not there is a
/// mistyped name, refused (exit 2), not a new package.
#[test]
fn read_only_plain_mode_does_not_ask_to_write_and_needs_an_existing_file() {
    let dir = tempdir("ro");
    std::fs::copy("examples/yueyang-2023.toml", dir.join("pkg.toml")).expect("copy");
    let limit = std::time::Duration::from_secs(60);
    let input = "\n".repeat(400);
    let (code, out) = run_limited(&dir, &["pkg.toml", "--plain", "--read-only"], &input, limit).expect("ends");
    assert_eq!(code, 0, "{}", tail(&out, 2000));
    assert!(!out.contains("写出数据文件和报告吗"), "{}", tail(&out, 2000));
    assert!(out.contains("只读模式：不能保存或写出"), "{}", tail(&out, 2000));
    let (code, out) = run(&dir, &["nosuch.toml", "--plain", "--read-only"], "", &[]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("没有文件 nosuch.toml"), "{out}");
    assert!(!dir.join("nosuch.toml").exists());
}

/// A target that states no direction (`5%`) makes the form assume ≥ (domain I-18): plain mode
/// says so and asks the 指标性质 at once, then goes on after the target; a target written with
/// its direction (`≤5%`) sets it, said and not asked (found by a fresh user: a 群众投诉率 of 5%
/// became ≥ without a word).
#[test]
fn an_assumed_nature_is_said_and_asked_at_once_and_a_stated_one_is_said() {
    let dir = tempdir("nature");
    let limit = std::time::Duration::from_secs(20);
    let row = ":goto indicators\ny\n产出指标\n数量指标\n群众投诉率\n";
    let (_, out) =
        run_limited(&dir, &["a.toml", "--plain"], &format!("{row}5%\n≤\n3%\n:save\n:quit\n"), limit).expect("ends");
    assert!(out.contains("指标性质：≥（年度指标值没有写方向，按 ≥ 推定"), "{out}");
    let after: Vec<&str> = out.lines().skip_while(|l| !l.contains("按 ≥ 推定")).take(8).collect();
    assert!(after.iter().any(|l| l.contains("· 指标性质 *必填")), "{after:?}");
    assert!(after.iter().any(|l| l.contains("· 实际完成值 *必填")), "{after:?}");
    assert!(!after.iter().any(|l| l.contains("· 年度指标值 *必填")), "not asked the target again: {after:?}");
    let saved = load(&std::fs::read(dir.join("a.toml")).expect("saved")).expect("loads").package;
    assert_eq!(saved.text_at("self_eval.indicators.1.nature"), "≤");
    assert_eq!(saved.text_at("self_eval.indicators.1.actual"), "3%");

    let (_, out) = run_limited(&dir, &["b.toml", "--plain"], &format!("{row}≤5%\n3%\n:quit\n"), limit).expect("ends");
    assert!(out.contains("指标性质：≤（按本行填入）"), "{out}");
    assert!(!out.lines().any(|l| l.contains("· 指标性质 *必填")), "{out}");
}

/// A target written with a direction the row's 指标性质 contradicts asks the nature at once
/// (found by a fresh user: `≤100件` on a ≥ row went in without a word and the nature could not
/// be reached); `<` at that question goes back to the target, `:save` keeps it asked.
#[test]
fn a_target_against_the_rows_nature_asks_the_nature_at_once() {
    let dir = tempdir("conflict");
    let limit = std::time::Duration::from_secs(20);
    let to_target = ":goto indicators\n\n\n\n";
    for (what, rest, nature) in [
        ("answered", "≤100件\n≤\n\n:save\n:quit\n", "≤"),
        ("after :save", "≤100件\n:save\n≤\n:save\n:quit\n", "≤"),
        ("back to the target", "≤100件\n<\n≥100件\n:save\n:quit\n", "≥"),
    ] {
        std::fs::copy("examples/yueyang-2023.toml", dir.join("y.toml")).expect("copy");
        let _ = std::fs::remove_file(dir.join("y.toml.draft"));
        let (_, out) = run_limited(&dir, &["y.toml", "--plain"], &format!("{to_target}{rest}"), limit).expect("ends");
        assert!(out.contains("指标性质 是 ≥，年度指标值写的是 ≤：请选择指标性质"), "{what}: {}", tail(&out, 3000));
        let saved = load(&std::fs::read(dir.join("y.toml")).expect("saved")).expect("loads").package;
        assert_eq!(saved.text_at("self_eval.indicators.1.nature"), nature, "{what}: {}", tail(&out, 3000));
    }
}

/// A mistyped command is said to be one, and never stored as the field's value; the
/// restore-draft question asks again for anything but yes or no; `--read-only` promises no
/// draft on `:quit` (found by a fresh user).
#[test]
fn mistyped_commands_and_odd_answers_are_asked_again_never_stored() {
    let dir = tempdir("commands");
    let limit = std::time::Duration::from_secs(20);
    std::fs::copy("examples/yueyang-2023.toml", dir.join("y.toml")).expect("copy");
    let (_, out) = run_limited(&dir, &["y.toml", "--plain"], "\n:qiut\n:wq\n甲单位\n:quit\n", limit).expect("ends");
    assert!(out.contains("没有命令 :qiut") && out.contains("没有命令 :wq"), "{}", tail(&out, 2000));
    let draft = load(&std::fs::read(dir.join("y.toml.draft")).expect("a draft")).expect("loads").package;
    assert_eq!(draft.text_at("basic.unit_name"), "甲单位");
    // The draft is offered: `:quit` leaves with it kept; `maybe` and `ok` are asked again, `n`
    // discards it.
    let (code, out) = run_limited(&dir, &["y.toml", "--plain"], ":quit\n", limit).expect("ends");
    assert_eq!(code, 0, "{}", tail(&out, 2000));
    assert!(dir.join("y.toml.draft").exists());
    let (_, out) = run_limited(&dir, &["y.toml", "--plain"], "maybe\nok\nn\n:quit\n", limit).expect("ends");
    assert_eq!(out.matches("请回答 y（恢复草稿）或 n（不要草稿）").count(), 2, "{}", tail(&out, 2000));
    assert!(!dir.join("y.toml.draft").exists());
    let (_, out) = run_limited(&dir, &["y.toml", "--plain", "--read-only"], "\n改名\n:quit\n", limit).expect("ends");
    assert!(!out.contains("草稿中"), "{}", tail(&out, 2000));
}

/// The running score line of a project's section is that project's score.
#[test]
fn a_project_sections_score_line_is_the_projects() {
    let dir = tempdir("pscore");
    std::fs::copy("examples/projects-2023.toml", dir.join("p.toml")).expect("copy");
    let limit = std::time::Duration::from_secs(20);
    let input = ":goto projects.1.indicators\n\n\n\n\n\n\n4\n:quit\n";
    let (_, out) = run_limited(&dir, &["p.toml", "--plain"], input, limit).expect("ends");
    let line = out.lines().find(|l| l.starts_with("得分：")).unwrap_or_else(|| panic!("{}", tail(&out, 3000)));
    // The scores of the package as the draft holds it after the change.
    let draft = load(&std::fs::read(dir.join("p.toml.draft")).expect("a draft")).expect("loads").package;
    let checked = jixiao::form::check(&draft, &jixiao::form::Profile::default_profile());
    let fmt = |s: &jixiao::form::def::Score| {
        format!("合计 {}/{}", jixiao::form::scoring::fixed2(s.total), jixiao::form::scoring::fixed2(s.weight))
    };
    let project = fmt(checked.scores.get("projects.1.").expect("project 1 scored"));
    let package = fmt(&checked.score());
    assert_ne!(project, package);
    assert!(line.contains(&project), "{line} / {project}");
}

/// The id of the last section of the package at `path`, and how many questions plain mode
/// asks there (what Tab stops at, and the add-row questions).
fn last_section_questions(path: &Path) -> (String, usize) {
    use jixiao::wizard::{Command, SlotKind, Wizard, slots};
    let pkg = load(&std::fs::read(path).expect("read")).expect("loads").package;
    let mut w = Wizard::new(pkg, jixiao::form::Profile::default_profile(), jixiao::i18n::Lang::ZhCn, support::files());
    let last = w.sections().len() - 1;
    w.command(Command::Goto(last));
    let asked = slots::slots(&w.sections()[last], w.pkg())
        .iter()
        .filter(|s| match &s.kind {
            SlotKind::Field { path, .. } => w.wants(path),
            SlotKind::AddRow { .. } | SlotKind::AddInstance { .. } => true,
            SlotKind::Calc { .. } => false,
        })
        .count();
    (w.sections()[last].id(), asked)
}

/// The last question (write the files?) takes the commands: `<` goes back to the last question
/// of the sections, anything but y/n is asked again, and "no" with changes says where they are
/// (found by a fresh user: everything there was a silent no).
#[test]
fn the_write_question_takes_commands_and_says_when_nothing_is_written() {
    let dir = tempdir("finish");
    std::fs::copy("examples/yueyang-2023.toml", dir.join("y.toml")).expect("copy");
    let (id, asked) = last_section_questions(&dir.join("y.toml"));
    // Through the last section, then at the write question: `<` (back to its last question,
    // changed), Enter, `maybe` (asked again), `n`.
    let input = format!(":goto {id}\n{}<\n改过的内容\nmaybe\nn\n", "\n".repeat(asked));
    let limit = std::time::Duration::from_secs(20);
    let (code, out) = run_limited(&dir, &["y.toml", "--plain"], &input, limit).expect("ends");
    assert_eq!(code, 0, "{}", tail(&out, 3000));
    assert_eq!(out.matches("写出数据文件和报告吗").count(), 3, "{}", tail(&out, 3000));
    assert_eq!(out.matches("== 第 16/16 节").count(), 2, "its heading again after `<`: {}", tail(&out, 3000));
    assert!(out.contains("请回答 y（是）或 n（否）"), "{}", tail(&out, 3000));
    assert!(out.contains("没有写出文件；答案在草稿中"), "{}", tail(&out, 3000));
    let draft = load(&std::fs::read(dir.join("y.toml.draft")).expect("a draft")).expect("loads").package;
    assert!(draft.values().any(|(_, c)| c.text() == "改过的内容") || format!("{draft:?}").contains("改过的内容"));
}

/// The end of standard input before the last answer (a script's answers ran out, the
/// terminal went away) is not a "no": nothing is written, the answers wait in the draft, and
/// the exit code is the hang-up's, 129 (README). At the write question the same. Only looking
/// (`--read-only`), the end of input goes on to the review, as before.
#[test]
fn the_end_of_input_before_the_last_answer_keeps_the_draft_and_exits_129() {
    let dir = tempdir("eof");
    let limit = std::time::Duration::from_secs(20);
    // Mid-section, with an answer given.
    let (code, out) = run_limited(&dir, &["new.toml", "--plain"], "2024\n", limit).expect("ends");
    assert_eq!(code, 129, "{out}");
    assert!(out.contains("输入已结束，文件没有写出；已填的内容在草稿中，下次打开 new.toml 时可恢复。"), "{out}");
    assert!(!dir.join("new.toml").exists(), "nothing written: {out}");
    let draft = load(&std::fs::read(dir.join("new.toml.draft")).expect("a draft")).expect("loads").package;
    assert_eq!(draft.fiscal_year(), Some(2024));
    std::fs::remove_file(dir.join("new.toml.draft")).expect("rm draft");
    // Nothing answered: nothing to keep, said so.
    let (code, out) = run_limited(&dir, &["new.toml", "--plain"], "", limit).expect("ends");
    assert_eq!(code, 129, "{out}");
    assert!(out.contains("输入已结束，文件没有写出。"), "{out}");
    assert!(!dir.join("new.toml").exists() && !dir.join("new.toml.draft").exists());
    // At an add-row question.
    let (code, out) = run_limited(&dir, &["new.toml", "--plain"], "2024\n:goto indicators\n", limit).expect("ends");
    assert_eq!(code, 129, "{out}");
    assert!(out.trim_end().ends_with("下次打开 new.toml 时可恢复。"), "{out}");
    assert!(!dir.join("new.toml").exists());
    // At the write question: the example, its last section passed with Enter.
    std::fs::copy("examples/yueyang-2023.toml", dir.join("y.toml")).expect("copy");
    let before = std::fs::read(dir.join("y.toml")).expect("read");
    let (id, asked) = last_section_questions(&dir.join("y.toml"));
    let input = format!(":goto {id}\n{}", "\n".repeat(asked));
    let (code, out) = run_limited(&dir, &["y.toml", "--plain"], &input, limit).expect("ends");
    assert!(out.contains("写出数据文件和报告吗"), "reached the write question: {}", tail(&out, 2000));
    assert_eq!(code, 129, "{}", tail(&out, 2000));
    assert!(out.contains("输入已结束，文件没有写出。"), "{}", tail(&out, 2000));
    assert_eq!(std::fs::read(dir.join("y.toml")).expect("read"), before, "the file is as it was");
    assert!(!dir.join("y.txt").exists(), "no report written");
    // Only looking: on to the review, exit by the errors (the example has none).
    let (code, out) = run_limited(&dir, &["y.toml", "--plain", "--read-only"], "", limit).expect("ends");
    assert_eq!(code, 0, "{}", tail(&out, 2000));
    assert!(!out.contains("输入已结束"), "{}", tail(&out, 2000));
}

/// A row added in plain mode and left blank (nothing but what the form copies down from the
/// row above) is removed once the questions move off it, forwards or with `<`, and said so,
/// as the full screen removes a blank new row; a row with an answer stays.
#[test]
fn a_new_row_left_blank_is_removed_going_on_or_going_back() {
    let dir = tempdir("blankrow");
    let limit = std::time::Duration::from_secs(20);
    let rows = |name: &str| {
        let pkg = load(&std::fs::read(dir.join(name)).expect("saved")).expect("loads").package;
        pkg.rows_at("self_eval.indicators").iter().map(|r| r.get("name").to_string()).collect::<Vec<_>>()
    };
    // Row 1 answered; row 2 (一级, 二级 copied down) passed with Enter; then no more rows.
    let input = ":goto indicators\ny\n1\n1\n指标一\n5件\n1\n5件\n5\n5\ny\n\n\n\n\n\n\n\n\n:save\n:quit\n";
    let (code, out) = run_limited(&dir, &["a.toml", "--plain"], input, limit).expect("ends");
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.matches("新添的这一行没有填写，已删去。").count(), 1, "{out}");
    let after = out.split("新添的这一行没有填写，已删去。").nth(1).unwrap_or_default();
    assert!(after.trim_start().starts_with("绩效指标：已有 1 行。再添加一行吗"), "asked again at once: {out}");
    assert_eq!(rows("a.toml"), ["指标一"]);
    // Going back out of the new row with `<`: removed, and the previous section's heading said.
    let (code, out) =
        run_limited(&dir, &["b.toml", "--plain"], ":goto indicators\ny\n<\n:save\n:quit\n", limit).expect("ends");
    assert_eq!(code, 0, "{out}");
    let after = out.split("新添的这一行没有填写，已删去。").nth(1).unwrap_or_else(|| panic!("not removed: {out}"));
    assert!(after.trim_start().starts_with("== 第 7/16 节"), "{out}");
    assert!(rows("b.toml").is_empty(), "{out}");
    // The same in a project sheet's table.
    let input = ":goto projects\ny\n:goto projects.1.indicators\ny\n<\n:save\n:quit\n";
    let (code, out) = run_limited(&dir, &["c.toml", "--plain"], input, limit).expect("ends");
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.matches("新添的这一行没有填写，已删去。").count(), 1, "{out}");
    let pkg = load(&std::fs::read(dir.join("c.toml")).expect("saved")).expect("loads").package;
    assert_eq!(pkg.instances(jixiao::form::unit::keys::PROJECTS).len(), 1, "the project stays");
    assert!(pkg.rows_at("projects.1.indicators").is_empty(), "{out}");
}

/// A section's heading is said each time the questions enter it, from either side: going
/// back with `<` from the next section's first question, and forwards again; `:goto` says it
/// even for the section already shown.
#[test]
fn a_sections_heading_is_said_on_entering_it_from_either_side() {
    let dir = tempdir("headings");
    let limit = std::time::Duration::from_secs(20);
    let (code, out) =
        run_limited(&dir, &["h.toml", "--plain"], ":goto funds\n<\n\n:goto funds\n:quit\n", limit).expect("ends");
    assert_eq!(code, 0, "{out}");
    let headings: Vec<&str> =
        out.lines().filter(|l| l.starts_with("== 第 ")).filter_map(|l| l.split('：').next()).collect();
    assert_eq!(
        headings,
        ["== 第 1/16 节", "== 第 2/16 节", "== 第 1/16 节", "== 第 2/16 节", "== 第 2/16 节"],
        "{out}"
    );
}

/// Plain mode, only looking, with a draft beside the file: asked whether to look at it, and
/// the draft stays whatever the answer (it was deleted on "n"). The question joins the
/// Chinese sentences without a space.
#[test]
fn read_only_plain_mode_asks_to_look_at_a_draft_and_never_deletes_it() {
    let dir = tempdir("ro-draft");
    std::fs::copy("examples/yueyang-2023.toml", dir.join("y.toml")).expect("copy");
    let text = std::fs::read_to_string(dir.join("y.toml")).expect("read");
    let draft = text.replacen("staff_actual = 23", "staff_actual = 24", 1);
    assert_ne!(draft, text);
    std::fs::write(dir.join("y.toml.draft"), &draft).expect("draft");
    let limit = std::time::Duration::from_secs(20);
    for answer in ["n\n", "y\n", "\n", ":quit\n"] {
        let (code, out) = run_limited(&dir, &["y.toml", "--plain", "--read-only"], answer, limit).expect("ends");
        assert!(code == 0 || code == 1, "{answer:?}: {}", tail(&out, 2000));
        assert!(out.contains("项有内容）。查看草稿的内容吗？n 查看原文件；草稿都会保留。(Y/n)"), "{answer:?}: {out}");
        assert_eq!(std::fs::read_to_string(dir.join("y.toml.draft")).expect("the draft stays"), draft, "{answer:?}");
        assert_eq!(std::fs::read_to_string(dir.join("y.toml")).expect("file"), text, "{answer:?}");
    }
}

/// The question where to save after a failure takes the commands, never as a file name (found
/// by a fresh user: `:quit` and `<` became files): `<` and an empty line keep the path,
/// `:quit` quits, another `:word` is refused and asked again.
#[test]
fn the_save_where_question_takes_commands_not_file_names() {
    let dir = tempdir("savewhere");
    let limit = std::time::Duration::from_secs(20);
    let input = "2023\n单位\n:save\n:foo\n<\n:save\n:quit\n:quit\n";
    let (code, out) = run_limited(&dir, &["gone/p.toml", "--plain"], input, limit).expect("ends");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("这里要输入保存的路径") && out.contains(":foo 不是路径"), "{out}");
    assert!(out.contains("现在退出会丢失未保存的回答"), "the first :quit warns (no draft either): {out}");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into())
        .collect();
    assert!(names.is_empty(), "no file made of a command: {names:?}");
}

/// When the final write fails and the user saves nowhere else, nothing was written: said, and
/// exit 2 (a file could not be written), not 0; at the end of input there, 129.
#[test]
fn a_failed_write_saved_nowhere_else_exits_2_and_the_end_of_input_there_129() {
    let dir = tempdir("writefail");
    std::fs::copy("examples/yueyang-2023.toml", dir.join("prefill.toml")).expect("copy");
    let limit = std::time::Duration::from_secs(20);
    let args = ["gone/p.toml", "--answers", "prefill.toml", "--plain"];
    let (code, out) = run_limited(&dir, &args, "y\n\n", limit).expect("ends");
    assert!(out.contains("写出失败"), "{}", tail(&out, 2000));
    assert_eq!(code, 2, "{}", tail(&out, 2000));
    let (code, out) = run_limited(&dir, &args, "y\n", limit).expect("ends");
    assert_eq!(code, 129, "{}", tail(&out, 2000));
    assert!(out.contains("输入已结束，文件没有写出"), "{}", tail(&out, 2000));
}

/// A blank new row does not outlive `:quit` or the end of input inside it (restored from
/// the draft it would no longer be new, and could not be removed); a new row whose copied
/// 一级指标 the user changed is an answer, and stays.
#[test]
fn a_blank_new_row_is_not_kept_by_quitting_and_a_changed_copied_cell_is_an_answer() {
    let dir = tempdir("blankquit");
    let limit = std::time::Duration::from_secs(20);
    let indicators = |path: &Path| {
        let pkg = load(&std::fs::read(path).expect("read")).expect("loads").package;
        pkg.rows_at("self_eval.indicators").iter().map(|r| r.get("level1").to_string()).collect::<Vec<_>>()
    };
    for (name, input) in [("q.toml", "2024\n:goto indicators\ny\n:quit\n"), ("e.toml", "2024\n:goto indicators\ny\n")] {
        let (code, out) = run_limited(&dir, &[name, "--plain"], input, limit).expect("ends");
        assert!(code == 0 || code == 129, "{name}: {out}");
        assert!(out.contains("新添的这一行没有填写，已删去。"), "{name}: {out}");
        assert!(indicators(&dir.join(format!("{name}.draft"))).is_empty(), "{name}: {out}");
    }
    // Row 1 answered; row 2's 一级指标 changed from the copied 产出指标 to 效益指标.
    let input = format!(":goto indicators\ny\n1\n1\n指标一\n\n\n\n\n\ny\n2\n{}:save\n:quit\n", "\n".repeat(10));
    let (code, out) = run_limited(&dir, &["c.toml", "--plain"], &input, limit).expect("ends");
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("已删去"), "{out}");
    assert_eq!(indicators(&dir.join("c.toml")), ["产出指标", "效益指标"], "{out}");
}

/// Asking only what is missing (`--answers`), a section's heading is said only when one of its
/// questions is asked: a complete prefill goes straight to the review, one missing answer
/// brings its own section's heading and no other. Read-only plain mode says first that
/// nothing will be saved.
#[test]
fn headings_only_for_sections_with_questions_and_read_only_said_first() {
    let dir = tempdir("answers-headings");
    let text = std::fs::read_to_string("examples/yueyang-2023.toml").expect("example");
    std::fs::write(dir.join("full.toml"), &text).expect("write");
    let missing = text.replacen("staff_quota = 27  # 编制数", "staff_quota = \"\"  # 编制数", 1);
    assert_ne!(missing, text);
    std::fs::write(dir.join("missing.toml"), &missing).expect("write");
    let limit = std::time::Duration::from_secs(20);
    let (code, out) = run_limited(&dir, &["a.toml", "--answers", "full.toml", "--plain"], "y\n", limit).expect("ends");
    assert_eq!(code, 0, "{}", tail(&out, 2000));
    assert!(!out.lines().any(|l| l.starts_with("== 第 ")), "{}", tail(&out, 3000));
    let (code, out) =
        run_limited(&dir, &["b.toml", "--answers", "missing.toml", "--plain"], "27\ny\n", limit).expect("ends");
    assert_eq!(code, 0, "{}", tail(&out, 2000));
    let headings: Vec<&str> = out.lines().filter(|l| l.starts_with("== 第 ")).collect();
    assert_eq!(headings, ["== 第 1/16 节：基础数据表 / 单位与人员 =="], "{}", tail(&out, 3000));
    let (_, out) = run_limited(&dir, &["full.toml", "--plain", "--read-only"], "", limit).expect("ends");
    assert!(
        out.starts_with("只读模式（--read-only）：逐项查看；回答不会保存，也不会写出文件。"),
        "{}",
        tail(&out, 500)
    );
}

/// A project added with `y` whose name is left blank is removed when the questions move on
/// from it in the project list, as a blank row is; one with a name stays. Before it has a
/// name it is called 项目 1, not 项目 1《》.
#[test]
fn a_new_project_left_blank_is_removed_and_a_named_one_stays() {
    let dir = tempdir("blankproject");
    let limit = std::time::Duration::from_secs(20);
    let projects = |name: &str| {
        let pkg = load(&std::fs::read(dir.join(name)).expect("saved")).expect("loads").package;
        pkg.instances(jixiao::form::unit::keys::PROJECTS)
            .iter()
            .map(|p| p.text(jixiao::form::project::keys::NAME).to_string())
            .collect::<Vec<_>>()
    };
    let (code, out) =
        run_limited(&dir, &["a.toml", "--plain"], ":goto projects\ny\n\ny\n甲项目\nn\n:save\n:quit\n", limit)
            .expect("ends");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("项目 1 · 项目名称 *必填"), "{out}");
    assert!(!out.contains("《》"), "{out}");
    assert_eq!(out.matches("新添的项目没有填写，已删去。").count(), 1, "{out}");
    assert_eq!(projects("a.toml"), ["甲项目"], "{out}");
    // Quitting at a blank new project's name: not kept in the draft either.
    let (_, out) = run_limited(&dir, &["b.toml", "--plain"], "2024\n:goto projects\ny\n:quit\n", limit).expect("ends");
    assert!(out.contains("新添的项目没有填写，已删去。"), "{out}");
    let draft = load(&std::fs::read(dir.join("b.toml.draft")).expect("draft")).expect("loads").package;
    assert!(draft.instances(jixiao::form::unit::keys::PROJECTS).is_empty(), "{out}");
}

/// A project's name, answered in the list of projects, is not asked again as the first
/// question of its 项目信息; `<` from there, or `:goto` to that section, asks it again. The
/// same for any field a later section shares with an earlier one.
#[test]
fn a_field_answered_in_an_earlier_section_is_not_asked_again_going_on() {
    let dir = tempdir("askedonce");
    let limit = std::time::Duration::from_secs(20);
    let name_asked = |out: &str| out.matches("· 项目名称 *必填").count();
    // Named in the list, then on through 项目信息: the name once, 主管部门 next.
    let (code, out) =
        run_limited(&dir, &["a.toml", "--plain"], ":goto projects\ny\n甲项目\nn\n财政局\n:save\n:quit\n", limit)
            .expect("ends");
    assert_eq!(code, 0, "{out}");
    assert_eq!(name_asked(&out), 1, "{out}");
    let info = out.find("· 项目信息 ==").expect("the info section's heading");
    let next = out[info..].find("*必填").map(|k| &out[info..info + k]).expect("a question after the heading");
    assert!(next.contains("主管部门"), "the first question of 项目信息 is 主管部门: {out}");
    let pkg = load(&std::fs::read(dir.join("a.toml")).expect("saved")).expect("loads").package;
    let p = &pkg.instances(jixiao::form::unit::keys::PROJECTS)[0];
    assert_eq!(p.text(jixiao::form::project::keys::NAME), "甲项目");
    // `<` at 主管部门: back to the name, asked with its value (Enter keeps it).
    let (code, out) =
        run_limited(&dir, &["b.toml", "--plain"], ":goto projects\ny\n甲项目\nn\n<\n\n:save\n:quit\n", limit)
            .expect("ends");
    assert_eq!(code, 0, "{out}");
    assert_eq!(name_asked(&out), 2, "{out}");
    assert!(out.contains("项目名称 *必填（当前：甲项目"), "{out}");
    // `:goto projects.1.info`: every question there, the name first.
    let (code, out) =
        run_limited(&dir, &["c.toml", "--plain"], ":goto projects\ny\n甲项目\n:goto projects.1.info\n\n:quit\n", limit)
            .expect("ends");
    assert_eq!(code, 0, "{out}");
    assert_eq!(name_asked(&out), 2, "{out}");
}

/// A row added and removed again is no change: the end of input and `:quit` say nothing of a
/// draft and leave none (it would be the file's text again); an answer that stays is kept.
#[test]
fn a_row_added_and_removed_leaves_no_draft_behind() {
    let dir = tempdir("noopdraft");
    let limit = std::time::Duration::from_secs(20);
    let (code, out) = run_limited(&dir, &["b.toml", "--plain"], "2024\n:save\n:quit\n", limit).expect("ends");
    assert_eq!(code, 0, "{out}");
    for (input, want) in [(":goto indicators\ny\n<\n", 129), (":goto indicators\ny\n<\n:quit\n", 0)] {
        let (code, out) = run_limited(&dir, &["b.toml", "--plain"], input, limit).expect("ends");
        assert_eq!(code, want, "{input:?}: {out}");
        assert!(out.contains("新添的这一行没有填写，已删去。"), "{input:?}: {out}");
        assert!(!out.contains("草稿"), "{input:?}: {out}");
        assert!(!dir.join("b.toml.draft").exists(), "{input:?}: {out}");
    }
    // 一级指标 answered: a change, kept in the draft.
    let (code, out) =
        run_limited(&dir, &["b.toml", "--plain"], ":goto indicators\ny\n1\n:quit\n", limit).expect("ends");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("未保存的内容在草稿中"), "{out}");
    assert!(dir.join("b.toml.draft").exists(), "{out}");
}

/// A new row holding only a 得分 (or a 指标性质) the user typed is an answer, not blank: kept
/// when the questions move on, saved with the file.
#[test]
fn a_value_typed_alone_in_a_new_row_keeps_it() {
    let dir = tempdir("typedalone");
    let limit = std::time::Duration::from_secs(20);
    let input = ":goto indicators\ny\n\n\n\n\n\n\n\n5\n\n\n\nn\n:save\n:quit\n";
    let (code, out) = run_limited(&dir, &["a.toml", "--plain"], input, limit).expect("ends");
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("已删去"), "{out}");
    let pkg = load(&std::fs::read(dir.join("a.toml")).expect("saved")).expect("loads").package;
    let scores: Vec<&str> = pkg.rows_at("self_eval.indicators").iter().map(|r| r.get("score")).collect();
    assert_eq!(scores, ["5.00"], "{out}");
}

/// Going back inside one project's 项目信息 asks the fields on the way back, and nothing more:
/// the next project's name, answered in the list, is still not asked again in its own.
#[test]
fn going_back_in_one_project_does_not_ask_the_next_ones_name_again() {
    let dir = tempdir("backoneproject");
    let limit = std::time::Duration::from_secs(30);
    let mut input = String::from(":goto projects\ny\n甲\ny\n乙\nn\n财政局\n<\n<\n\n");
    input.push_str(&"\n".repeat(300));
    let (_, out) = run_limited(&dir, &["a.toml", "--plain"], &input, limit).expect("ends");
    let asked = |name: &str| out.matches(&format!("项目名称 *必填（当前：{name}")).count();
    assert_eq!(asked("甲"), 1, "project 1's name once, going back: {out}");
    assert!(out.contains("项目 2《乙》 · 项目信息"), "{}", tail(&out, 3000));
    assert_eq!(asked("乙"), 0, "project 2's name not again: {}", tail(&out, 3000));
}

/// `:save` with a blank new row or project: it is removed first (and said), not saved; the
/// file and the session then agree, and quitting finds nothing unsaved.
#[test]
fn saving_leaves_out_a_blank_new_row() {
    let dir = tempdir("saveblank");
    let limit = std::time::Duration::from_secs(20);
    for (input, table) in
        [(":goto indicators\ny\n:save\n:quit\n", "self_eval.indicators"), (":goto projects\ny\n:save\n:quit\n", "")]
    {
        let _ = std::fs::remove_file(dir.join("a.toml"));
        let (code, out) = run_limited(&dir, &["a.toml", "--plain"], input, limit).expect("ends");
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("已删去"), "{out}");
        assert!(!out.contains("草稿"), "{out}");
        assert!(!dir.join("a.toml.draft").exists(), "{out}");
        let pkg = load(&std::fs::read(dir.join("a.toml")).expect("saved")).expect("loads").package;
        assert!(pkg.instances(jixiao::form::unit::keys::PROJECTS).is_empty(), "{out}");
        if !table.is_empty() {
            assert!(pkg.rows_at(table).is_empty(), "{out}");
        }
    }
}

/// `--answers`: what the answers add to the file is unsaved until written, as if typed —
/// `:quit` keeps it in the draft; answers that add nothing leave nothing unsaved.
#[test]
fn answers_not_yet_written_are_kept_in_the_draft() {
    let dir = tempdir("answersdraft");
    let limit = std::time::Duration::from_secs(20);
    std::fs::copy("examples/yueyang-2023.toml", dir.join("pre.toml")).expect("copy");
    let (code, out) =
        run_limited(&dir, &["b.toml", "--answers", "pre.toml", "--plain"], ":quit\n", limit).expect("ends");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("未保存的内容在草稿中"), "{out}");
    let draft = load(&std::fs::read(dir.join("b.toml.draft")).expect("draft")).expect("loads").package;
    let pre = load(&std::fs::read(dir.join("pre.toml")).expect("read")).expect("loads").package;
    assert_eq!(draft.text_at("basic.staff_quota"), "27", "{out}");
    assert_eq!(draft, pre, "{out}");
    // The same answers over the file that has them already: nothing unsaved, no draft.
    std::fs::copy("examples/yueyang-2023.toml", dir.join("c.toml")).expect("copy");
    let (code, out) =
        run_limited(&dir, &["c.toml", "--answers", "pre.toml", "--plain"], ":quit\n", limit).expect("ends");
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("草稿"), "{out}");
    assert!(!dir.join("c.toml.draft").exists(), "{out}");
}

/// A draft that holds the file's own package (a session killed after its changes came back)
/// is not offered and is removed at the next start; only looking, it is left alone.
#[test]
fn a_draft_the_same_as_the_file_is_removed_at_start_unless_only_looking() {
    let dir = tempdir("samedraft");
    let limit = std::time::Duration::from_secs(20);
    std::fs::copy("examples/yueyang-2023.toml", dir.join("p.toml")).expect("copy");
    std::fs::copy("examples/yueyang-2023.toml", dir.join("p.toml.draft")).expect("copy");
    let (_, out) = run_limited(&dir, &["p.toml", "--plain", "--read-only"], "", limit).expect("ends");
    assert!(!out.contains("草稿"), "{out}");
    assert!(dir.join("p.toml.draft").exists(), "only looking: left alone");
    let (code, out) = run_limited(&dir, &["p.toml", "--plain"], ":quit\n", limit).expect("ends");
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("草稿"), "not offered: {out}");
    assert!(!dir.join("p.toml.draft").exists(), "{out}");
}

/// A draft there that cannot be read (junk, a typo, a newer version's) is never replaced or
/// removed: the wizard does not open, says why and what to do (exit 2), and leaves it byte for
/// byte; only looking, it opens the file and says the draft is ignored.
#[test]
fn a_draft_that_cannot_be_read_is_never_replaced() {
    let dir = tempdir("baddraft");
    let text = std::fs::read_to_string("examples/yueyang-2023.toml").expect("example");
    std::fs::write(dir.join("p.toml"), &text).expect("copy");
    let drafts = [
        "this is [[[ not toml\n".to_string(),
        text.replacen("staff_quota = 27", "staff_quota = 12 x", 1),
        text.replacen("staff_quota = 27", "staff_quota = 28\nfoo_bar = 1", 1),
    ];
    for draft in &drafts {
        std::fs::write(dir.join("p.toml.draft"), draft).expect("draft");
        let (code, out) = run(&dir, &["p.toml", "--plain"], "\n新名称\n:quit\n", &[]);
        assert_eq!(code, 2, "{out}");
        assert!(out.contains("无法读取") && out.contains("没有打开") && out.contains("--read-only"), "{out}");
        assert_eq!(&std::fs::read_to_string(dir.join("p.toml.draft")).expect("kept"), draft, "{out}");
        assert_eq!(std::fs::read_to_string(dir.join("p.toml")).expect("file"), text);
        let (code, out) = run(&dir, &["p.toml", "--plain", "--read-only"], "", &[]);
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("已忽略"), "{out}");
        assert_eq!(&std::fs::read_to_string(dir.join("p.toml.draft")).expect("kept"), draft, "{out}");
    }
}
