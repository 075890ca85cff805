//! The binary under attack from outside (issue 10): names whose derived files would collide,
//! escapes in every field reaching every output, symbolic links, FIFOs, folders and devices at
//! every path jixiao reads or writes, output that cannot be written, input that is not UTF-8,
//! and two editors on one file. Every case runs the real binary with a deadline, so a case
//! that blocks fails instead of hanging the suite.

mod support;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use jixiao::form::Package;
use jixiao::form::def::Form;
use jixiao::form::file::{load, save};
use jixiao::i18n::{Catalog, Lang};

fn tempdir(name: &str) -> PathBuf {
    let d =
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("jixiao-hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("dir");
    d
}

struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

impl Run {
    fn out(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
    fn err(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
    fn all(&self) -> String {
        format!("{}{}", self.out(), self.err())
    }
}

/// Runs jixiao in `dir` with `input` on standard input; fails if it runs longer than 30 s.
fn jixiao_in(dir: &Path, args: &[&str], input: &[u8], stdout: Option<std::fs::File>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    cmd.args(args)
        .current_dir(dir)
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::piped())
        .stderr(Stdio::piped());
    cmd.stdout(stdout.map_or_else(Stdio::piped, Stdio::from));
    let mut child = cmd.spawn().expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            buf
        })
    };
    let out = drain(child.stdout.take().map(|p| Box::new(p) as Box<dyn std::io::Read + Send>));
    let err = drain(child.stderr.take().map(|p| Box::new(p) as Box<dyn std::io::Read + Send>));
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(st) = child.try_wait().expect("wait") {
            break st;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("jixiao {args:?} blocked for 30 s");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let _ = writer.join();
    Run { code: status.code(), stdout: out.join().unwrap_or_default(), stderr: err.join().unwrap_or_default() }
}

fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    n.sort();
    n
}

fn read_pkg(path: &Path) -> Package {
    let text = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    load(&text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display())).package
}

fn example() -> Package {
    support::example("examples/yueyang-2023.toml")
}

fn write_pkg(path: &Path, pkg: &Package) {
    std::fs::write(path, save(pkg, Catalog::get(Lang::ZhCn))).expect("write package");
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(p).map(|m| m.permissions().mode() & 0o777).unwrap_or(0)
}

#[cfg(unix)]
fn mkfifo(p: &Path) {
    assert!(Command::new("mkfifo").arg(p).status().expect("mkfifo").success());
}

// ── 1. Derived paths ──

#[test]
fn names_of_derived_files_are_refused_before_anything_is_written() {
    let dir = tempdir("reserved");
    for name in ["x.txt", "自评2023.txt", "x.TXT", "x.draft", "p.toml.draft", "x.lock", "x.xlsx", "x.DOCX", ".txt"] {
        let r = jixiao_in(&dir, &[name, "--plain"], b"2023\n:save\n:quit\n", None);
        assert_eq!(r.code, Some(2), "{name}: {}", r.all());
        assert!(r.err().contains("不能以") && r.err().contains(".toml"), "{name}: {}", r.err());
        assert!(names(&dir).is_empty(), "{name}: files were created: {:?}", names(&dir));
    }
    // Also after a failed save: the typed path is refused the same way, and asked again.
    let r = jixiao_in(&dir, &["gone/p.toml", "--plain"], "2023\n:save\nx.txt\nok.toml\n:quit\n".as_bytes(), None);
    assert_eq!(r.code, Some(0), "{}", r.all());
    assert!(r.out().contains("不能以 .txt 结尾"), "{}", r.out());
    assert_eq!(names(&dir), ["ok.toml"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn odd_names_get_their_own_report_and_draft() {
    let dir = tempdir("odd");
    std::fs::write(dir.join("prefill.toml"), std::fs::read("examples/yueyang-2023.toml").expect("example"))
        .expect("copy");
    for (name, report) in
        [("x", "x.txt"), ("自评 2023.toml", "自评 2023.txt"), ("a b", "a b.txt"), ("x.y.toml", "x.y.txt")]
    {
        let r = jixiao_in(&dir, &[name, "--answers", "prefill.toml", "--plain"], b"y\n", None);
        assert_eq!(r.code, Some(0), "{name}: {}", r.all());
        assert_eq!(read_pkg(&dir.join(name)), example(), "{name}: the data file holds the package");
        let text = std::fs::read_to_string(dir.join(report)).unwrap_or_else(|e| panic!("{name}: {report}: {e}"));
        assert!(text.contains("2023年度预算单位整体支出绩效自评表"), "{name}");
        assert!(!dir.join(format!("{name}.draft")).exists() && !dir.join(format!("{name}.lock")).exists());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn report_output_never_replaces_the_package_it_comes_from() {
    let dir = tempdir("output");
    let original = std::fs::read("examples/yueyang-2023.toml").expect("example");
    std::fs::write(dir.join("p.toml"), &original).expect("copy");
    #[cfg(unix)]
    std::os::unix::fs::symlink("p.toml", dir.join("link.toml")).expect("symlink");
    for out in ["p.toml", "./p.toml", "P.TOML.draft", "p.toml.lock", "link.toml"] {
        let r = jixiao_in(&dir, &["report", "p.toml", "-o", out], b"", None);
        assert_eq!(r.code, Some(2), "-o {out}: {}", r.all());
        assert!(r.err().contains("会覆盖它") && r.err().contains("p.txt"), "-o {out}: {}", r.err());
        assert_eq!(std::fs::read(dir.join("p.toml")).expect("p.toml"), original, "-o {out}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

// ── 5. Escapes ──

/// Every class: C0 (OSC 52 clipboard, OSC 0 title, CSI, BEL, BS, CR), DEL, C1 (NEL, U+009B
/// CSI), bidi controls (U+202E, U+2066), zero-width and invisible characters (U+200B, U+FEFF,
/// U+00AD), the line separator.
const EVIL: &str = "\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}]0;pwned\u{7}\u{1b}[2J\u{8}\r\u{7f}\u{85}\u{9b}31m\u{202e}\u{2066}\u{200b}\u{feff}\u{ad}\u{2028}";

/// Every field and every table cell of `pkg`'s sheet of `form` (paths under `prefix`), and of
/// every group instance, set to `text`.
fn poison(pkg: &mut Package, form: &Form, prefix: &str, text: &str) {
    for f in &form.fields {
        assert!(pkg.set(&format!("{prefix}{}", f.key), text), "{prefix}{}", f.key);
    }
    for t in &form.tables {
        let table = format!("{prefix}{}", t.key);
        for r in 1..=pkg.rows_at(&table).len() {
            for c in &t.columns {
                assert!(pkg.set(&format!("{table}.{r}.{}", c.key), text));
            }
        }
    }
    for g in &form.groups {
        for n in 1..=pkg.instances(g.key).len() {
            poison(pkg, (g.form)(), &format!("{prefix}{}.{n}.", g.key.0), text);
        }
    }
}

/// The two-project example with the escapes in every field and every table cell of every
/// sheet (every field kind).
fn hostile() -> Package {
    let mut p = support::example("examples/projects-2023.toml");
    let form = p.form();
    poison(&mut p, form, "", &format!("甲{EVIL}乙"));
    p
}

/// The first character that must never be printed as it is (newlines are fine).
fn raw_control(bytes: &[u8]) -> Option<char> {
    String::from_utf8_lossy(bytes).chars().find(|&c| c != '\n' && jixiao::text::is_control(c))
}

#[test]
fn escapes_in_every_field_reach_no_output_as_they_are() {
    let dir = tempdir("escapes");
    let evil = hostile();
    write_pkg(&dir.join("evil.toml"), &evil);
    let shown = "\\x1b]52;c;cHduZWQ=\\x07";
    let mut outputs = Vec::new();
    let r = jixiao_in(&dir, &["check", "evil.toml"], b"", None);
    assert_eq!(r.code, Some(1), "{}", r.err());
    outputs.push(("check", r.stdout.clone(), r.stderr.clone()));
    let r = jixiao_in(&dir, &["report", "evil.toml"], b"", None);
    assert_eq!(r.code, Some(0), "{}", r.err());
    outputs.push(("report", r.stdout.clone(), r.stderr.clone()));
    let r = jixiao_in(&dir, &["report", "evil.toml", "-o", "out.txt"], b"", None);
    assert_eq!(r.code, Some(0), "{}", r.err());
    outputs.push(("report -o", std::fs::read(dir.join("out.txt")).expect("out.txt"), r.stderr.clone()));
    // Plain mode: prompts (current values), help, the review, save.
    std::fs::copy(dir.join("evil.toml"), dir.join("plain.toml")).expect("copy");
    let r = jixiao_in(&dir, &["plain.toml", "--plain"], b"\n\n?\n:review\n:save\n:quit\n", None);
    assert_eq!(r.code, Some(0), "{}", r.all());
    outputs.push(("plain", r.stdout.clone(), r.stderr.clone()));
    // --answers prefills from the hostile package and asks what is invalid (all of it).
    let r = jixiao_in(&dir, &["new.toml", "--answers", "evil.toml"], b"\n\n:review\n:save\n:quit\n", None);
    assert_eq!(r.code, Some(0), "{}", r.all());
    outputs.push(("--answers", r.stdout.clone(), r.stderr.clone()));
    // Plain mode to the end, writing the report: the last section's fields, then yes.
    let secs = jixiao::wizard::sections::list(&evil, &jixiao::form::Profile::default_profile());
    let last = secs.last().expect("sections");
    let prompts = jixiao::wizard::slots::slots(last, &evil)
        .iter()
        .filter(|s| !matches!(s.kind, jixiao::wizard::SlotKind::Calc { .. }))
        .count();
    let input = format!(":goto {}\n{}y\n", last.id(), "\n".repeat(prompts));
    std::fs::copy(dir.join("evil.toml"), dir.join("end.toml")).expect("copy");
    let r = jixiao_in(&dir, &["end.toml", "--plain"], input.as_bytes(), None);
    outputs.push(("plain, end", r.stdout.clone(), r.stderr.clone()));
    outputs.push(("plain, report file", std::fs::read(dir.join("end.txt")).expect("end.txt"), Vec::new()));
    outputs.push(("plain, saved file", std::fs::read(dir.join("plain.toml")).expect("plain.toml"), Vec::new()));
    for (what, out, err) in &outputs {
        assert_eq!(raw_control(out), None, "{what}: standard output / file");
        assert_eq!(raw_control(err), None, "{what}: standard error");
    }
    for (what, out, _) in &outputs[..6] {
        assert!(String::from_utf8_lossy(out).contains(shown), "{what}: the escape is not shown");
    }
    assert!(String::from_utf8_lossy(&outputs[1].1).contains("\\u{202e}"), "bidi controls are shown");
    let _ = std::fs::remove_dir_all(&dir);
}

// ── 6. Symbolic links ──

#[cfg(unix)]
#[test]
fn a_linked_data_file_is_written_through_keeping_its_mode_and_derived_links_are_refused() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempdir("links");
    std::fs::create_dir(dir.join("real")).expect("dir");
    let target = dir.join("real/target.toml");
    write_pkg(&target, &example());
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    std::os::unix::fs::symlink("real/target.toml", dir.join("link.toml")).expect("symlink");
    let r =
        jixiao_in(&dir, &["link.toml", "--section", "unit", "--plain"], "\n新名字\n:save\n:quit\n".as_bytes(), None);
    assert_eq!(r.code, Some(0), "{}", r.all());
    assert!(std::fs::symlink_metadata(dir.join("link.toml")).expect("link").file_type().is_symlink());
    assert_eq!(read_pkg(&target).text_at("basic.unit_name"), "新名字");
    assert_eq!(mode(&target), 0o640, "the target keeps its mode");
    assert_eq!(names(&dir.join("real")), ["target.toml"], "draft and lock beside the target, then gone");

    // A draft that is a link to another package: not offered, not written through.
    std::fs::remove_file(dir.join("link.toml")).expect("rm");
    write_pkg(&dir.join("p.toml"), &example());
    let mut other = example();
    other.set("basic.unit_name", "另一个单位");
    write_pkg(&dir.join("other.toml"), &other);
    let other_bytes = std::fs::read(dir.join("other.toml")).expect("other");
    std::os::unix::fs::symlink("other.toml", dir.join("p.toml.draft")).expect("symlink");
    let r = jixiao_in(&dir, &["p.toml", "--section", "unit", "--plain"], "\n改\n:quit\n:quit\n".as_bytes(), None);
    assert!(!r.out().contains("恢复吗"), "a linked draft is never offered: {}", r.out());
    assert!(r.err().contains("不是普通文件") && r.out().contains("草稿无法写入"), "{}", r.all());
    assert!(r.out().contains("符号链接"), "{}", r.out());
    assert_eq!(std::fs::read(dir.join("other.toml")).expect("other"), other_bytes);
    assert!(std::fs::symlink_metadata(dir.join("p.toml.draft")).expect("draft").file_type().is_symlink());
    std::fs::remove_file(dir.join("p.toml.draft")).expect("rm");

    // A report path that is a link: refused (its target untouched), another path is asked.
    std::fs::write(dir.join("elsewhere.txt"), "keep").expect("write");
    std::os::unix::fs::symlink("elsewhere.txt", dir.join("q.txt")).expect("symlink");
    let r = jixiao_in(&dir, &["q.toml", "--answers", "p.toml", "--plain"], b"y\n\n", None);
    assert!(r.out().contains("写出失败") && r.out().contains("符号链接"), "{}", r.all());
    assert_eq!(std::fs::read(dir.join("elsewhere.txt")).expect("elsewhere"), b"keep");
    assert!(std::fs::symlink_metadata(dir.join("q.txt")).expect("q.txt").file_type().is_symlink());

    // `report -o` names its path: written through, the target keeps its mode.
    std::fs::set_permissions(dir.join("elsewhere.txt"), std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let r = jixiao_in(&dir, &["report", "p.toml", "-o", "q.txt"], b"", None);
    assert_eq!(r.code, Some(0), "{}", r.all());
    assert!(std::fs::read_to_string(dir.join("elsewhere.txt")).expect("elsewhere").contains("自评表"));
    assert_eq!(mode(&dir.join("elsewhere.txt")), 0o644);

    // A lock path that is a link: refused.
    std::os::unix::fs::symlink("elsewhere.txt", dir.join("p.toml.lock")).expect("symlink");
    let r = jixiao_in(&dir, &["p.toml", "--plain"], b":quit\n", None);
    assert_eq!(r.code, Some(2), "{}", r.all());
    assert!(r.err().contains("符号链接"), "{}", r.err());
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn new_files_are_private_under_any_umask() {
    let dir = tempdir("umask");
    std::fs::write(dir.join("prefill.toml"), std::fs::read("examples/yueyang-2023.toml").expect("example"))
        .expect("copy");
    let script = format!(
        "umask 000; printf '\\n改\\n:quit\\n' | '{0}' p.toml --section unit --plain; printf 'y\\n' | '{0}' w.toml --answers prefill.toml --plain; '{0}' report prefill.toml -o r.txt",
        env!("CARGO_BIN_EXE_jixiao")
    );
    let st = Command::new("sh").arg("-c").arg(&script).current_dir(&dir).output().expect("sh");
    assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));
    for f in ["p.toml.draft", "w.toml", "w.txt", "r.txt"] {
        assert_eq!(mode(&dir.join(f)), 0o600, "{f}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

// ── 7. FIFOs, folders, devices ──

#[cfg(unix)]
#[test]
fn fifos_folders_and_devices_are_refused_without_blocking_or_leaving_copies() {
    let dir = tempdir("special");
    write_pkg(&dir.join("p.toml"), &example());
    mkfifo(&dir.join("fifo.toml"));
    std::fs::create_dir(dir.join("sub")).expect("mkdir");
    for args in [
        vec!["sub", "--plain"],
        vec!["p.toml", "--answers", "sub", "--plain"],
        vec!["check", "fifo.toml"],
        vec!["report", "fifo.toml"],
        vec!["fifo.toml", "--plain"],
        vec!["q.toml", "--answers", "fifo.toml", "--plain"],
        vec!["check", "/dev/null"],
        vec!["report", "p.toml", "-o", "/dev/null"],
        vec!["report", "p.toml", "-o", "."],
    ] {
        let r = jixiao_in(&dir, &args, b":quit\n", None);
        assert_eq!(r.code, Some(2), "{args:?}: {}", r.all());
        assert!(r.err().contains("不是普通文件"), "{args:?}: {}", r.err());
    }
    // A folder or a FIFO where the draft goes: the draft cannot be written (said once), no
    // copy of the package is left behind, and saving still works.
    for make in ["dir", "fifo"] {
        let draft = dir.join("p.toml.draft");
        if make == "dir" {
            std::fs::create_dir(&draft).expect("mkdir");
        } else {
            mkfifo(&draft);
        }
        let before = names(&dir);
        let input = format!("\n改{make}\n改2\n:save\n:quit\n");
        let r = jixiao_in(&dir, &["p.toml", "--section", "unit", "--plain"], input.as_bytes(), None);
        assert_eq!(r.code, Some(0), "{make}: {}", r.all());
        assert_eq!(r.out().matches("草稿无法写入").count(), 1, "{make}: {}", r.out());
        assert_eq!(names(&dir), before, "{make}: something was left behind");
        assert_eq!(read_pkg(&dir.join("p.toml")).text_at("basic.unit_name"), format!("改{make}"));
        if make == "dir" {
            std::fs::remove_dir(&draft).expect("rmdir");
        } else {
            std::fs::remove_file(&draft).expect("rm");
        }
    }
    // A folder where the report goes: writing fails with a reason, nothing is left behind.
    std::fs::create_dir(dir.join("w.txt")).expect("mkdir");
    write_pkg(&dir.join("prefill.toml"), &example());
    let before = names(&dir);
    let r = jixiao_in(&dir, &["w.toml", "--answers", "prefill.toml", "--plain"], b"y\n\n", None);
    assert!(r.out().contains("写出失败") && r.out().contains("不是普通文件"), "{}", r.all());
    let mut after = names(&dir);
    after.retain(|n| n != "w.toml" && n != "w.toml.draft");
    assert_eq!(after, before);
    // A FIFO where the lock goes: refused.
    mkfifo(&dir.join("p.toml.lock"));
    let r = jixiao_in(&dir, &["p.toml", "--plain"], b":quit\n", None);
    assert_eq!(r.code, Some(2), "{}", r.all());
    let _ = std::fs::remove_dir_all(&dir);
}

// ── 8. Output that cannot be written ──

#[cfg(target_os = "linux")]
#[test]
fn a_full_standard_output_is_an_error_with_its_own_code() {
    let dir = tempdir("devfull");
    write_pkg(&dir.join("p.toml"), &example());
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    for args in [vec!["check", "p.toml"], vec!["report", "p.toml"], vec!["--help"], vec!["p.toml", "--help"], vec![]] {
        let r = jixiao_in(&dir, &args, b"", Some(full()));
        assert_eq!(r.code, Some(3), "{args:?}: {}", r.err());
        assert!(r.err().contains("无法写出到标准输出"), "{args:?}: {}", r.err());
    }
    // Plain mode (automatic: output is not a terminal) on a full output: no panic, the lock
    // is released.
    let r = jixiao_in(&dir, &["q.toml"], "2023\n单位\n".as_bytes(), Some(full()));
    assert_eq!(r.code, Some(3), "{}", r.err());
    assert!(!r.err().contains("panicked"), "{}", r.err());
    assert!(!dir.join("q.toml.lock").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

// ── 10. Input that is not UTF-8 ──

#[test]
fn a_line_that_is_not_utf8_is_refused_and_asked_again() {
    let dir = tempdir("gbk");
    // "单位" in GBK, then the same in UTF-8.
    let input =
        [b"2023\n".as_slice(), &[0xb5, 0xa5, 0xce, 0xbb, b'\n'], "岳阳\n27\n:save\n:quit\n".as_bytes()].concat();
    let r = jixiao_in(&dir, &["p.toml", "--plain"], &input, None);
    assert_eq!(r.code, Some(0), "{}", r.all());
    assert!(r.out().contains("不是 UTF-8"), "{}", r.out());
    let pkg = read_pkg(&dir.join("p.toml"));
    assert_eq!((pkg.text_at("basic.unit_name"), pkg.text_at("basic.staff_quota")), ("岳阳", "27"));
    let _ = std::fs::remove_dir_all(&dir);
}

// ── 2 and 4. Locks ──

#[test]
fn two_plain_editors_started_at_the_same_moment_never_both_run() {
    let dir = tempdir("race");
    let trials = 20;
    let mut both = 0;
    let mut none = 0;
    for _ in 0..trials {
        let _ = std::fs::remove_file(dir.join("p.toml.lock"));
        let spawn = || {
            Command::new(env!("CARGO_BIN_EXE_jixiao"))
                .args(["p.toml", "--plain"])
                .current_dir(&dir)
                .env("LANG", "zh_CN.UTF-8")
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        };
        let mut pair = [spawn(), spawn()];
        // The one refused exits at once; the other waits for its input.
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut refused = Vec::new();
        while refused.is_empty() && Instant::now() < deadline {
            for (i, c) in pair.iter_mut().enumerate() {
                if let Some(st) = c.try_wait().expect("wait") {
                    refused.push((i, st.code()));
                }
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(100));
        for (i, c) in pair.iter_mut().enumerate() {
            if !refused.iter().any(|(j, _)| *j == i) {
                if let Some(st) = c.try_wait().expect("wait") {
                    refused.push((i, st.code()));
                }
            }
        }
        match refused.as_slice() {
            [] => both += 1,
            [(_, Some(2))] => {}
            _ => none += 1,
        }
        for c in &mut pair {
            drop(c.stdin.take());
            let _ = c.wait();
        }
    }
    println!("simultaneous plain editors: {trials} trials, both ran: {both}, neither ran: {none}");
    assert_eq!((both, none), (0, 0));
    assert!(!dir.join("p.toml.lock").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_lock_file_nobody_holds_is_taken_over_whatever_pid_it_names() {
    let dir = tempdir("stale");
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default();
    // pid 1 is alive (init), and so is this test: a reused pid must not keep the lock.
    for text in
        [format!("1\n0\n{}\n", host.trim()), format!("{}\n0\n{}\n", std::process::id(), host.trim()), String::new()]
    {
        std::fs::write(dir.join("p.toml.lock"), &text).expect("lock");
        let r = jixiao_in(&dir, &["p.toml", "--plain"], "2023\n:quit\n:quit\n".as_bytes(), None);
        assert_eq!(r.code, Some(0), "{text:?}: {}", r.all());
        assert!(!dir.join("p.toml.lock").exists());
    }
    let _ = std::fs::remove_dir_all(&dir);
}
