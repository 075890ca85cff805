//! Never lose what was typed, never corrupt a file: the real binary in a pseudo-terminal,
//! killed in every way an SSH session dies.

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use jixiao::form::Package;
use jixiao::form::file::load;
use support::pty::Session;

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-safety-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("dir");
    d
}

fn read_pkg(path: &Path) -> Package {
    let text = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    load(&text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display())).package
}

#[test]
fn sighup_keeps_committed_fields_and_the_text_being_typed() {
    let dir = tempdir("hup");
    let trials = 8;
    let mut lost = 0;
    for t in 0..trials {
        let _ = std::fs::remove_file(dir.join("p.toml.draft"));
        let mut s = Session::start(&dir, &["p.toml"], &[]);
        s.send(b"\r");
        s.settle();
        s.send("\x152023\t岳阳单位\t27\t".as_bytes());
        // Wait for the screen, not for quiet: under load the program may not have read the
        // keys yet when its output pauses.
        s.wait_for("实际在职人数 *必填");
        s.send(format!("2{t}").as_bytes()); // typed, not committed
        s.wait_for(&format!("> 2{t}"));
        s.settle();
        s.signal("-HUP");
        s.wait_exit();
        let draft = read_pkg(&dir.join("p.toml.draft"));
        let want = [
            ("basic.unit_name", "岳阳单位".to_string()),
            ("basic.staff_quota", "27".into()),
            ("basic.staff_actual", format!("2{t}")),
        ];
        lost += want.iter().filter(|(k, v)| draft.text_at(k) != v).count();
        assert!(!dir.join("p.toml.lock").exists(), "the lock is released");
    }
    println!("SIGHUP trials: {trials}, fields lost: {lost}");
    assert_eq!(lost, 0);
    // Starting again offers the draft.
    let mut s = Session::start(&dir, &["p.toml"], &[]);
    s.wait_for("草稿");
    s.send(b"\r");
    s.settle();
    s.signal("-TERM");
    s.wait_exit();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn kill_9_right_after_a_commit_loses_nothing_committed() {
    let dir = tempdir("kill9");
    let trials = 8;
    let mut lost = 0;
    for t in 0..trials {
        let _ = std::fs::remove_file(dir.join("p.toml.draft"));
        let _ = std::fs::remove_file(dir.join("p.toml.lock"));
        let mut s = Session::start(&dir, &["p.toml"], &[]);
        s.send(b"\r");
        s.settle();
        s.send(format!("\t单位{t}\t").as_bytes());
        // The commit is on screen once the pane names the next field (under load, quiet
        // output alone can come before the last Tab was read).
        s.wait_for("编制数 *必填");
        s.signal("-KILL");
        s.wait_exit();
        if read_pkg(&dir.join("p.toml.draft")).text_at("basic.unit_name") != format!("单位{t}") {
            lost += 1;
        }
    }
    println!("kill -9 trials: {trials}, fields lost: {lost}");
    assert_eq!(lost, 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn kill_9_while_saving_never_tears_the_file() {
    let dir = tempdir("torn");
    let old = std::fs::read("examples/yueyang-2023.toml").expect("example");
    let old_pkg = load(&old).expect("load").package;
    let trials = 30;
    let (mut torn, mut new_seen) = (0, 0);
    for t in 0..trials {
        std::fs::write(dir.join("p.toml"), &old).expect("write");
        let _ = std::fs::remove_file(dir.join("p.toml.lock"));
        let _ = std::fs::remove_file(dir.join("p.toml.draft"));
        let mut s = Session::start(&dir, &["p.toml", "--section", "unit"], &[]);
        s.send(format!("\t\x15新单位{t}\t").as_bytes());
        s.settle();
        s.send(b"\x13"); // Ctrl-S
        std::thread::sleep(Duration::from_micros(2000 * (t % 15)));
        s.signal("-KILL");
        s.wait_exit();
        match load(&std::fs::read(dir.join("p.toml")).expect("read")) {
            Ok(l) if l.package == old_pkg => {}
            Ok(l) if l.package.text_at("basic.unit_name") == format!("新单位{t}") => new_seen += 1,
            _ => torn += 1,
        }
    }
    // A kill in mid-write may leave the atomic writer's temporary file (file systems without
    // O_TMPFILE); the next start, holding the lock, removes it.
    let mut s = Session::start(&dir, &["p.toml", "--section", "unit"], &[]);
    s.signal("-TERM");
    s.wait_exit();
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("p.toml"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left after a restart: {leftovers:?}");
    println!("kill -9 during save: {trials} trials, {new_seen} new, {} old, torn: {torn}", trials - new_seen - torn);
    assert_eq!(torn, 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_panic_restores_the_terminal_and_writes_the_draft() {
    let dir = tempdir("panic");
    let mut s = Session::start(&dir, &["p.toml"], &[("JIXIAO_TEST_PANIC", "1")]);
    s.send(b"\r");
    s.settle();
    s.send("\t未保存的文字".as_bytes());
    s.settle();
    let before = s.output().len();
    s.send(b"\x1b[24~"); // F12
    s.wait_exit();
    std::thread::sleep(Duration::from_millis(100));
    let out = s.output();
    let tail = String::from_utf8_lossy(&out[before..]).into_owned();
    for (seq, what) in [
        ("\x1b[?2004l", "bracketed paste off"),
        ("\x1b[?1049l", "alternate screen left"),
        ("\x1b[?25h", "cursor shown"),
    ] {
        assert!(tail.contains(seq), "{what} missing after the panic: {tail:?}");
    }
    assert!(tail.contains("JIXIAO_TEST_PANIC"), "the panic message is printed after the restore");
    let restore_at = tail.find("\x1b[?1049l").unwrap_or(0);
    assert!(tail.find("JIXIAO_TEST_PANIC").unwrap_or(0) > restore_at, "message after restore");
    assert_eq!(read_pkg(&dir.join("p.toml.draft")).text_at("basic.unit_name"), "未保存的文字");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_second_instance_is_told_and_may_look_read_only() {
    let dir = tempdir("lock");
    std::fs::copy("examples/yueyang-2023.toml", dir.join("p.toml")).expect("copy");
    let mut first = Session::start(&dir, &["p.toml"], &[]);
    let mut second = Session::start(&dir, &["p.toml"], &[]);
    second.wait_exit();
    let msg = String::from_utf8_lossy(&second.output()).into_owned();
    assert!(msg.contains(&format!("进程 {}", first.pid())) && msg.contains("--read-only"), "{msg}");
    let mut ro = Session::start(&dir, &["p.toml", "--read-only"], &[]);
    ro.send(b"\r\x13");
    ro.wait_for("只读模式");
    ro.signal("-TERM");
    ro.wait_exit();
    first.signal("-TERM");
    first.wait_exit();
    assert!(!dir.join("p.toml.lock").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_folder_gives_a_message_and_another_path_works() {
    let dir = tempdir("missing");
    let mut s = Session::start(&dir, &["gone/p.toml"], &[]);
    s.send(b"\r");
    s.settle();
    s.send("\t单位\t\x13".as_bytes());
    s.wait_for("保存到其他位置");
    let screen = s.screen_text();
    assert!(screen.contains("保存失败"), "{screen}");
    s.send("\x15ok.toml\r".as_bytes());
    s.wait_for("已保存到 ok.toml");
    s.signal("-TERM");
    s.wait_exit();
    assert_eq!(read_pkg(&dir.join("ok.toml")).text_at("basic.unit_name"), "单位");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Unmounts on the way out, even when an assertion fails.
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_keeps_the_file_whole_tells_the_user_and_another_path_works() {
    let dir = tempdir("full");
    let disk = dir.join("disk");
    std::fs::create_dir_all(&disk).expect("dir");
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
        .arg(&disk)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        // A real full disk needs a small file system of its own; without the right to mount
        // one, the missing-folder test above stands in for every failed write.
        eprintln!("skipped: cannot mount a 256 KiB tmpfs here (needs root)");
        return;
    }
    let _guard = Mounted(disk.clone());
    let original = std::fs::read("examples/yueyang-2023.toml").expect("example");
    std::fs::write(disk.join("p.toml"), &original).expect("copy");
    let mut s = Session::start(&dir, &["disk/p.toml"], &[]);
    s.send(b"\r");
    s.settle();
    // The disk fills up while the user works.
    let mut filler = std::fs::File::create(disk.join("filler")).expect("filler");
    while std::io::Write::write_all(&mut filler, &[0u8; 4096]).is_ok() {}
    drop(filler);
    s.send("\t改\t".as_bytes());
    s.wait_for("草稿无法写入");
    assert!(s.screen_text().contains("磁盘已满"), "{}", s.screen_text());
    // Quitting now would lose the change: the question says so (no promise of a draft).
    s.send(b"\x1b");
    s.wait_for("现在退出会丢失未保存的修改");
    s.send(b"n");
    s.settle();
    // Saving fails with the reason, and asks for another path.
    s.send(b"\x13");
    s.wait_for("保存到其他位置");
    let screen = s.screen_text();
    assert!(screen.contains("保存失败") && screen.contains("磁盘已满"), "{screen}");
    // The old file is whole and nothing half-written was left beside it.
    assert_eq!(std::fs::read(disk.join("p.toml")).expect("p.toml"), original);
    let mut left: Vec<String> = std::fs::read_dir(&disk)
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["filler", "p.toml", "p.toml.lock"]);
    // Another path on a disk with room: saved there, and drafts work again.
    s.send("\x15ok.toml\r".as_bytes());
    s.wait_for("已保存到 ok.toml");
    s.send("28\t".as_bytes());
    s.settle();
    assert!(!s.screen_text().contains("草稿无法写入"), "{}", s.screen_text());
    assert!(dir.join("ok.toml.draft").exists(), "the draft follows the new path");
    s.signal("-TERM");
    s.wait_exit();
    assert_eq!(read_pkg(&dir.join("ok.toml")).text_at("basic.unit_name"), "改");
    assert_eq!(std::fs::read(disk.join("p.toml")).expect("p.toml"), original);
    drop(_guard);
    let _ = std::fs::remove_dir_all(&dir);
}
