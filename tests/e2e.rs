//! End to end: the real binary in a pseudo-terminal fills a whole package from an empty file
//! by keystrokes (Chinese typed key by key, long texts pasted) — the seed example, and the
//! two-project example with its 项目支出绩效自评表 sheets — writes it, and the written file
//! holds the example's values and passes `jixiao check`.

mod support;

use jixiao::form::Package;
use jixiao::form::file::load;
use jixiao::i18n::Lang;
use jixiao::keymap::Code;
use jixiao::wizard::Event;

/// The package without its `[stated]` transcriptions (nothing a user types).
fn typed(p: &Package) -> Package {
    let mut p = p.clone();
    p.stated.clear();
    for n in 0..p.instances(jixiao::form::unit::keys::PROJECTS).len() {
        if let Some(s) = p.instance_mut(jixiao::form::unit::keys::PROJECTS, n) {
            s.stated.clear();
        }
    }
    p
}

/// The events of a whole fill of `target` by the user model, and the data text it wrote.
fn robot(target: &Package) -> (Vec<Event>, String) {
    let f = support::user::fill(target, Lang::ZhCn);
    (f.events, f.written)
}

fn bytes(ev: &Event) -> Vec<u8> {
    match ev {
        Event::Paste(s) => [b"\x1b[200~".as_slice(), s.as_bytes(), b"\x1b[201~"].concat(),
        Event::Key(k) => match (k.code, k.ctrl) {
            (Code::Char(c), true) => vec![(c as u8) & 0x1f],
            (Code::Char(c), false) => c.to_string().into_bytes(),
            (Code::Tab, _) => b"\t".to_vec(),
            (Code::BackTab, _) => b"\x1b[Z".to_vec(),
            (Code::Right, _) => b"\x1b[C".to_vec(),
            (Code::End, _) => b"\x1b[F".to_vec(),
            (Code::PageDown, _) => b"\x1b[6~".to_vec(),
            (Code::Enter, _) => b"\r".to_vec(),
            (other, _) => panic!("no bytes for {other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

/// Fills `example` in the real binary from an empty file and checks what it wrote.
fn fill_in_a_real_terminal(example: &str, tag: &str) {
    let target = typed(&support::example(example));
    let (script, in_process) = robot(&target);
    let loaded = load(in_process.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(typed(&loaded.package), target, "in-process result differs");

    let dir =
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("jixiao-e2e-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let mut session = support::pty::Session::start(&dir, &["pkg.toml"], &[]);
    session.wait_for("开始填写");
    if let Some(dump) = std::env::var_os("JIXIAO_E2E_DUMP") {
        let all: Vec<u8> = script.iter().flat_map(|e| [bytes(e), b"\x00SEP\x00".to_vec()].concat()).collect();
        std::fs::write(dump, all).unwrap_or_else(|e| panic!("{e}"));
    }
    // One write per event: crossterm 0.29 reads an ESC that ends a short read as the Esc key,
    // so a write must never end in the middle of an escape sequence (docs/ARCHITECTURE.md).
    // Like a person, never run far ahead of the screen: after a paste and every 50 keys, wait
    // until the program has drawn and gone quiet (an unread pty input buffer overflows).
    for (i, ev) in script.iter().enumerate() {
        session.send(&bytes(ev));
        if matches!(ev, Event::Paste(_)) || i % 50 == 49 {
            session.settle();
        }
    }
    session.wait_for_secs("已写出", 120);
    assert!(session.screen_text().contains("pkg.txt"), "{}", session.screen_text());
    session.send(b"q");
    let status = session.wait_exit();
    assert!(status.success(), "{status:?}");

    let written = std::fs::read_to_string(dir.join("pkg.toml")).unwrap_or_else(|e| panic!("{e}"));
    let pkg = load(written.as_bytes()).unwrap_or_else(|e| panic!("{e:?}")).package;
    if typed(&pkg) != target {
        let want = jixiao::form::file::save(&target, jixiao::i18n::Catalog::get(Lang::ZhCn));
        let got = jixiao::form::file::save(&typed(&pkg), jixiao::i18n::Catalog::get(Lang::ZhCn));
        let diff: Vec<String> = want
            .lines()
            .zip(got.lines())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .take(8)
            .map(|(i, (a, b))| format!("line {}: want {a} / got {b}", i + 1))
            .collect();
        panic!("the terminal fill differs:\n{}", diff.join("\n"));
    }
    assert!(!dir.join("pkg.toml.draft").exists(), "writing removes the draft");
    let report = std::fs::read_to_string(dir.join("pkg.txt")).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.contains("十、其他需要说明的情况"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        for f in ["pkg.toml", "pkg.txt"] {
            let mode = std::fs::metadata(dir.join(f)).map(|m| m.permissions().mode() & 0o777).unwrap_or(0);
            assert_eq!(mode, 0o600, "{f}");
        }
    }
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["check", "pkg.toml"])
        .current_dir(&dir)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stdout));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fill_the_whole_example_by_keystrokes_in_a_real_terminal() {
    fill_in_a_real_terminal("examples/yueyang-2023.toml", "seed");
}

#[test]
fn fill_a_package_with_two_project_sheets_in_a_real_terminal() {
    fill_in_a_real_terminal("examples/projects-2023.toml", "projects");
}
