//! End to end: the real binary in a pseudo-terminal fills the whole example package from an
//! empty file by keystrokes (Chinese typed key by key, long texts pasted), writes it, and the
//! written file holds the example's values and passes `jixiao check`.

mod support;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use jixiao::form::Package;
use jixiao::form::file::load;
use jixiao::form::spec::Kind;
use jixiao::i18n::Lang;
use jixiao::keymap::{Code, Key};
use jixiao::wizard::{Effect, Event, Overlay, Screen, SlotKind, Wizard};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Drives an in-process wizard from a blank package to the written files, typing what
/// `target` holds for each focused slot; returns the events and the written data text.
fn robot(target: &Package) -> (Vec<Event>, String) {
    let mut w = Wizard::new(Package::new(2025), jixiao::form::Profile::default_profile(), Lang::ZhCn, support::files());
    let mut script = Vec::new();
    let mut written = None;
    let mut push = |w: &mut Wizard, e: Event, script: &mut Vec<Event>| {
        if let Effect::WriteAll { data, .. } = w.update(e.clone()) {
            written = Some(data);
        }
        script.push(e);
    };
    let key = |c: Code| Event::Key(Key::plain(c));
    push(&mut w, key(Code::Enter), &mut script);
    let mut guard = 0;
    while w.screen == Screen::Section {
        guard += 1;
        assert!(guard < 20_000, "robot stuck");
        let before = (w.section, w.focus);
        let slot = w.slot().cloned().expect("a slot");
        match slot.kind {
            SlotKind::Field { path, kind: Kind::Choice(ch) } => {
                let want = target.text(&path);
                if w.pkg.text(&path) != want {
                    let i =
                        w.options(&path, ch).iter().position(|o| o == want).unwrap_or_else(|| panic!("{path}: {want}"));
                    push(&mut w, key(Code::Char(char::from_digit(i as u32 + 1, 10).unwrap_or('1'))), &mut script);
                }
            }
            SlotKind::Field { path, kind } => {
                let want = target.text(&path).to_string();
                if w.pkg.text(&path) != want {
                    push(&mut w, Event::Key(Key::ctrl('u')), &mut script);
                    if kind == Kind::LongText || want.chars().count() > 40 {
                        push(&mut w, Event::Paste(want.clone()), &mut script);
                    } else {
                        // Dates are typed the way they are written on the forms.
                        let typed = match (kind, jixiao::form::input::date(&want)) {
                            (Kind::Date, Ok(d)) => d.chinese(),
                            _ => want.clone(),
                        };
                        for c in typed.chars() {
                            push(&mut w, key(Code::Char(c)), &mut script);
                        }
                    }
                }
            }
            SlotKind::AddRow { table } if w.pkg.rows(table).len() < target.rows(table).len() => {
                push(&mut w, key(Code::Enter), &mut script);
                continue;
            }
            SlotKind::AddRow { .. } | SlotKind::Calc { .. } => {}
        }
        push(&mut w, key(Code::Tab), &mut script);
        if (w.section, w.focus) == before && w.screen == Screen::Section {
            panic!("refused at {:?}: {:?}", w.slot(), w.note);
        }
    }
    assert_eq!(w.screen, Screen::Review);
    push(&mut w, Event::Key(Key::ctrl('w')), &mut script);
    if let Some(Overlay::Confirm(c)) = &w.overlay {
        panic!("unexpected confirmation {c:?}");
    }
    (script, written.expect("the wizard wrote the files"))
}

fn bytes(ev: &Event) -> Vec<u8> {
    match ev {
        Event::Paste(s) => [b"\x1b[200~".as_slice(), s.as_bytes(), b"\x1b[201~"].concat(),
        Event::Key(k) => match (k.code, k.ctrl) {
            (Code::Char(c), true) => vec![(c as u8) & 0x1f],
            (Code::Char(c), false) => c.to_string().into_bytes(),
            (Code::Tab, _) => b"\t".to_vec(),
            (Code::Enter, _) => b"\r".to_vec(),
            (other, _) => panic!("no bytes for {other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

fn wait_for(screen: &Arc<Mutex<vt100::Parser>>, text: &str, secs: u64) -> String {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let contents = screen.lock().map(|p| p.screen().contents()).unwrap_or_default();
        if contents.contains(text) {
            return contents;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {text:?}; screen:\n{contents}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn fill_the_whole_example_by_keystrokes_in_a_real_terminal() {
    let target = support::example("examples/yueyang-2023.toml");
    let (script, in_process) = robot(&target);
    let loaded = load(in_process.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(loaded.package.values, target.values, "in-process result differs");
    assert_eq!(loaded.package.tables, target.tables);

    let dir = std::env::temp_dir().join(format!("jixiao-e2e-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let pair = native_pty_system()
        .openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 })
        .unwrap_or_else(|e| panic!("{e}"));
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_jixiao"));
    cmd.arg("pkg.toml");
    cmd.cwd(&dir);
    cmd.env("LANG", "zh_CN.UTF-8");
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).unwrap_or_else(|e| panic!("{e}"));
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap_or_else(|e| panic!("{e}"));
    let mut writer = pair.master.take_writer().unwrap_or_else(|e| panic!("{e}"));
    let last_output = Arc::new(Mutex::new(Instant::now()));
    let lo2 = last_output.clone();
    let screen = Arc::new(Mutex::new(vt100::Parser::new(
        std::num::NonZeroU16::new(24).expect("24"),
        std::num::NonZeroU16::new(80).expect("80"),
        0,
    )));
    let s2 = screen.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut p) = s2.lock() {
                p.process(&buf[..n]);
            }
            if let Ok(mut t) = lo2.lock() {
                *t = Instant::now();
            }
        }
    });
    wait_for(&screen, "开始填写", 20);
    if let Some(dump) = std::env::var_os("JIXIAO_E2E_DUMP") {
        let all: Vec<u8> = script.iter().flat_map(|e| [bytes(e), b"\x00SEP\x00".to_vec()].concat()).collect();
        std::fs::write(dump, all).unwrap_or_else(|e| panic!("{e}"));
    }
    // One write per event: crossterm 0.29 reads an ESC that ends a short read as the Esc key,
    // so a write must never end in the middle of an escape sequence (docs/ARCHITECTURE.md).
    // Like a person, never run far ahead of the screen: after a paste and every 50 keys, wait
    // until the program has drawn and gone quiet (an unread pty input buffer overflows).
    let settle = || {
        let deadline = Instant::now() + Duration::from_secs(20);
        std::thread::sleep(Duration::from_millis(20));
        while last_output.lock().map(|t| t.elapsed()).unwrap_or_default() < Duration::from_millis(40) {
            assert!(Instant::now() < deadline, "the program never went quiet");
            std::thread::sleep(Duration::from_millis(10));
        }
    };
    for (i, ev) in script.iter().enumerate() {
        writer.write_all(&bytes(ev)).unwrap_or_else(|e| panic!("{e}"));
        writer.flush().unwrap_or_else(|e| panic!("{e}"));
        if matches!(ev, Event::Paste(_)) || i % 50 == 49 {
            settle();
        }
    }
    let done = wait_for(&screen, "已写出", 120);
    assert!(done.contains("pkg.txt"), "{done}");
    writer.write_all(b"q").unwrap_or_else(|e| panic!("{e}"));
    writer.flush().unwrap_or_else(|e| panic!("{e}"));
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            assert!(status.success(), "{status:?}");
            break;
        }
        assert!(Instant::now() < deadline, "jixiao did not exit");
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(writer);

    let written = std::fs::read_to_string(dir.join("pkg.toml")).unwrap_or_else(|e| panic!("{e}"));
    let pkg = load(written.as_bytes()).unwrap_or_else(|e| panic!("{e:?}")).package;
    assert_eq!(pkg.values, target.values);
    assert_eq!(pkg.tables, target.tables);
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
