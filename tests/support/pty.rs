//! A session of the real binary in a pseudo-terminal: send bytes, read the screen through the
//! vt100 emulator, wait for quiet, send signals, hang up.
//!
//! The master is read and written through descriptors of our own (not portable-pty's writer,
//! whose drop sends `\n` and Ctrl-D to the program), and the reader polls, so that
//! [`Session::hangup`] can close every descriptor of the master while the program runs: the
//! kernel then hangs the terminal up exactly as when an SSH connection drops.

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use filedescriptor::{FileDescriptor, POLLIN, poll, pollfd};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// A raw descriptor borrowed for `dup`.
struct Raw(RawFd);

impl AsRawFd for Raw {
    fn as_raw_fd(&self) -> RawFd {
        self.0
    }
}

pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<FileDescriptor>,
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    out: Arc<Mutex<(Vec<u8>, Instant)>>,
    screen: Arc<Mutex<vt100::Parser>>,
}

impl Session {
    pub fn start(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        let s = Self::spawn(dir, args, env);
        let deadline = Instant::now() + Duration::from_secs(20);
        while s.output().is_empty() {
            assert!(Instant::now() < deadline, "no output");
            std::thread::sleep(Duration::from_millis(10));
        }
        s.settle();
        s
    }

    /// Starts the program without waiting for its first output.
    pub fn spawn(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        Self::spawn_under(dir, &[], args, env)
    }

    /// Starts the program through a wrapper command (`wrapper` then the program's path and
    /// `args`), without waiting for its first output.
    pub fn spawn_under(dir: &Path, wrapper: &[&str], args: &[&str], env: &[(&str, &str)]) -> Self {
        let pair =
            native_pty_system().openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 }).expect("pty");
        let mut cmd = match wrapper.split_first() {
            None => CommandBuilder::new(env!("CARGO_BIN_EXE_jixiao")),
            Some((first, rest)) => {
                let mut c = CommandBuilder::new(first);
                c.args(rest);
                c.arg(env!("CARGO_BIN_EXE_jixiao"));
                c
            }
        };
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("LANG", "zh_CN.UTF-8");
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let fd = Raw(pair.master.as_raw_fd().expect("master fd"));
        let mut reader = FileDescriptor::dup(&fd).expect("dup");
        let writer = FileDescriptor::dup(&fd).expect("dup");
        // Answers cursor-position questions as a terminal does (jixiao asks after a large
        // frame and waits for the answer; vt100 does not answer). Closed with the reader.
        let mut answer = FileDescriptor::dup(&fd).expect("dup");
        let out = Arc::new(Mutex::new((Vec::new(), Instant::now())));
        let o2 = out.clone();
        let rows = std::num::NonZeroU16::new(24).expect("rows");
        let cols = std::num::NonZeroU16::new(80).expect("cols");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let s2 = screen.clone();
        let stop = Arc::new(AtomicBool::new(false));
        let stop2 = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !stop2.load(Ordering::SeqCst) {
                let mut fds = [pollfd { fd: reader.as_raw_fd(), events: POLLIN, revents: 0 }];
                match poll(&mut fds, Some(Duration::from_millis(10))) {
                    Ok(0) => continue,
                    Ok(_) => {}
                    Err(_) => break,
                }
                let n = match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => n,
                };
                if let Ok(mut p) = s2.lock() {
                    p.process(&buf[..n]);
                    if buf[..n].windows(4).any(|w| w == b"\x1b[6n") {
                        let (row, col) = p.screen().cursor_position();
                        let _ = answer.write_all(format!("\x1b[{};{}R", row + 1, col + 1).as_bytes());
                    }
                }
                if let Ok(mut g) = o2.lock() {
                    g.0.extend_from_slice(&buf[..n]);
                    g.1 = Instant::now();
                }
            }
        });
        Self { child, master: Some(pair.master), writer: Some(writer), stop, reader: Some(thread), out, screen }
    }

    pub fn output(&self) -> Vec<u8> {
        self.out.lock().map(|g| g.0.clone()).unwrap_or_default()
    }

    pub fn screen_text(&self) -> String {
        self.screen.lock().map(|p| p.screen().contents()).unwrap_or_default()
    }

    pub fn wait_for(&self, text: &str) {
        self.wait_for_secs(text, 20);
    }

    pub fn wait_for_secs(&self, text: &str, secs: u64) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while !self.screen_text().contains(text) {
            assert!(Instant::now() < deadline, "never saw {text:?} on\n{}", self.screen_text());
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits until the program has drawn and gone quiet.
    pub fn settle(&self) {
        std::thread::sleep(Duration::from_millis(30));
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.out.lock().map(|g| g.1.elapsed()).unwrap_or_default() < Duration::from_millis(60) {
            assert!(Instant::now() < deadline, "never quiet");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn send(&mut self, bytes: &[u8]) {
        let w = self.writer.as_mut().expect("not hung up");
        w.write_all(bytes).expect("write");
        w.flush().expect("flush");
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    pub fn signal(&self, sig: &str) {
        let ok = std::process::Command::new("kill").args([sig, &self.pid().to_string()]).status().expect("kill");
        assert!(ok.success());
    }

    /// Resizes the terminal (the program gets SIGWINCH) and the emulator.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        if let Ok(mut p) = self.screen.lock() {
            let nz = |n: u16| std::num::NonZeroU16::new(n).expect("size");
            p.screen_mut().set_size(nz(rows), nz(cols));
        }
        let size = PtySize { rows, cols, pixel_width: 0, pixel_height: 0 };
        self.master.as_ref().expect("not hung up").resize(size).expect("resize");
    }

    /// Closes the terminal as a dropped SSH connection does: every descriptor of the master
    /// is closed, the kernel hangs the terminal up (the program's reads end, its writes fail
    /// and it gets SIGHUP).
    pub fn hangup(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.reader.take() {
            let _ = t.join();
        }
        self.writer = None;
        self.master = None;
    }

    /// The process's state letter from /proc (`T` when stopped), if it still runs.
    pub fn state(&self) -> Option<char> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).ok()?;
        stat.rsplit(')').next()?.trim().chars().next()
    }

    /// The exit status, if the program has ended.
    pub fn exited(&mut self) -> Option<portable_pty::ExitStatus> {
        self.child.try_wait().expect("wait")
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(Instant::now() < deadline, "did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.reader.take() {
            let _ = t.join();
        }
        // Never leave a program behind (it may be stopped, or ignore the hang-up).
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
