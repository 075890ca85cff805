//! A session of the real binary in a pseudo-terminal: send bytes, read the screen through the
//! vt100 emulator, wait for quiet, send signals.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    out: Arc<Mutex<(Vec<u8>, Instant)>>,
    screen: Arc<Mutex<vt100::Parser>>,
}

impl Session {
    pub fn start(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        let pair =
            native_pty_system().openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 }).expect("pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_jixiao"));
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("LANG", "zh_CN.UTF-8");
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let out = Arc::new(Mutex::new((Vec::new(), Instant::now())));
        let o2 = out.clone();
        let rows = std::num::NonZeroU16::new(24).expect("rows");
        let cols = std::num::NonZeroU16::new(80).expect("cols");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let s2 = screen.clone();
        std::thread::spawn(move || {
            let _master = pair.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut p) = s2.lock() {
                    p.process(&buf[..n]);
                }
                if let Ok(mut g) = o2.lock() {
                    g.0.extend_from_slice(&buf[..n]);
                    g.1 = Instant::now();
                }
            }
        });
        let s = Self { child, writer, out, screen };
        let deadline = Instant::now() + Duration::from_secs(20);
        while s.output().is_empty() {
            assert!(Instant::now() < deadline, "no output");
            std::thread::sleep(Duration::from_millis(10));
        }
        s.settle();
        s
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
        self.writer.write_all(bytes).expect("write");
        self.writer.flush().expect("flush");
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    pub fn signal(&self, sig: &str) {
        let ok = std::process::Command::new("kill").args([sig, &self.pid().to_string()]).status().expect("kill");
        assert!(ok.success());
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
