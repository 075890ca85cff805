//! How the wizard leaves the process, whatever the way: the user quits, the terminal goes
//! away (EIO, end of input, SIGHUP — in any order), a signal asks it to stop (SIGTERM,
//! SIGINT, SIGQUIT), or it panics. Every way ends in [`Exit::last_words`]: write the latest
//! draft, release the lock, give the terminal back if it is still there, and never print to
//! a terminal that is gone.
//!
//! The main loop owns the wizard; it *publishes* a draft [`Snapshot`] here before anything
//! that can block (drawing, waiting for input, a file write), so what is published always
//! holds every event it has applied. A snapshot costs what the text being edited costs (the
//! package is shared, not copied); it is serialised only where it is written: by the
//! drafter thread ([`Exit::request_draft`], off the path between a key and its frame) and in
//! the last words. A signal thread turns signals into flags and wakes the main
//! loop through a pipe; the main loop then leaves by itself with everything it has read.
//! Only if the main loop does not claim the exit within [`GRACE`] (stuck in a write to a
//! stalled terminal, or in plain mode, blocked reading a line) does the signal thread leave
//! with the published draft. [`Exit::claim`] makes sure only one thread does the last words.

use std::io::{self, Write as _};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::fsio;
use crate::wizard::Snapshot;

/// How long the signal thread waits for the main loop to leave by itself.
pub const GRACE: Duration = Duration::from_secs(2);

#[derive(Debug, Default)]
struct State {
    /// The latest draft, when something is not saved.
    text: Option<Snapshot>,
    /// Where the draft goes (none when read-only).
    draft: Option<PathBuf>,
    /// The lock files to remove.
    locks: Vec<PathBuf>,
    /// The full screen is set up (raw mode, alternate screen, bracketed paste).
    screen: bool,
}

#[derive(Debug)]
struct Shared {
    state: Mutex<State>,
    claimed: AtomicBool,
    /// A terminating signal received (0: none).
    pending: AtomicI32,
    suspend: AtomicBool,
    resumed: AtomicBool,
    /// Read end (the main loop polls it) and write end (the signal thread) of the wake pipe.
    wake: Option<(UnixStream, UnixStream)>,
    /// Held while the draft file is written or removed, so that the drafter never writes an
    /// older draft over the last words or after the draft was removed.
    io: Mutex<()>,
    /// Draft writes asked of the drafter (a count; it writes the latest snapshot once for
    /// any number of requests it has not seen).
    asked: Mutex<Drafter>,
    asked_cv: Condvar,
}

#[derive(Debug, Default)]
struct Drafter {
    /// Requests made and requests served.
    asked: u64,
    done: u64,
    /// The thread is running.
    started: bool,
    /// The outcome of the last write, until the main loop takes it.
    result: Option<io::Result<()>>,
    /// The last write failed (a success after a failure is reported too).
    failing: bool,
}

/// The process's way out (cheap to clone: the signal thread and the panic hook hold one).
#[derive(Clone, Debug)]
pub struct Exit(Arc<Shared>);

/// The exit code of a terminating signal: 128 + its number (SIGHUP gives
/// [`crate::commands::HUNG_UP`]).
#[must_use]
pub fn code_of(signal: i32) -> u8 {
    u8::try_from(128 + signal).unwrap_or(crate::commands::FAILED)
}

impl Exit {
    /// An exit that writes the draft to `draft` and removes `lock`.
    #[must_use]
    pub fn new(draft: Option<PathBuf>, lock: Option<PathBuf>) -> Self {
        let wake =
            UnixStream::pair().ok().filter(|(r, w)| r.set_nonblocking(true).and(w.set_nonblocking(true)).is_ok());
        Self(Arc::new(Shared {
            state: Mutex::new(State { draft, locks: lock.into_iter().collect(), ..State::default() }),
            claimed: AtomicBool::new(false),
            pending: AtomicI32::new(0),
            suspend: AtomicBool::new(false),
            resumed: AtomicBool::new(false),
            wake,
            io: Mutex::new(()),
            asked: Mutex::new(Drafter::default()),
            asked_cv: Condvar::new(),
        }))
    }

    fn with<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        match self.0.state.lock() {
            Ok(mut g) => f(&mut g),
            Err(p) => f(&mut p.into_inner()),
        }
    }

    /// The latest draft (`None`: nothing unsaved). Cheap: nothing is serialised here.
    pub fn publish(&self, text: Option<Snapshot>) {
        self.with(|s| s.text = text);
    }

    /// The draft file's lock (poisoning is harmless: it guards no data). Waits at most
    /// [`GRACE`]: the last words must not hang on a thread that died holding it.
    fn io_lock(&self) -> Option<MutexGuard<'_, ()>> {
        let deadline = Instant::now() + GRACE;
        loop {
            match self.0.io.try_lock() {
                Ok(g) => return Some(g),
                Err(std::sync::TryLockError::Poisoned(p)) => return Some(p.into_inner()),
                Err(std::sync::TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(1));
                }
                Err(std::sync::TryLockError::WouldBlock) => return None,
            }
        }
    }

    fn drafter(&self) -> MutexGuard<'_, Drafter> {
        self.0.asked.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Asks the drafter thread to write the published draft (started on the first request).
    /// Returns at once: the serialising and the write (with its fsync) happen on that thread,
    /// and its outcome comes back through [`Exit::take_draft_result`] and a wake-up.
    pub fn request_draft(&self) {
        let mut d = self.drafter();
        d.asked += 1;
        if !d.started {
            let me = self.clone();
            let spawned = std::thread::Builder::new().name("draft".into()).spawn(move || me.drafter_loop());
            d.started = spawned.is_ok();
            if !d.started {
                // No thread: write here (the old way) rather than not at all.
                drop(d);
                let r = self.write_published();
                self.drafter().result = r;
                return;
            }
        }
        self.0.asked_cv.notify_one();
    }

    /// The outcome of the drafter's last write, once (`None`: nothing new to report).
    #[must_use]
    pub fn take_draft_result(&self) -> Option<io::Result<()>> {
        self.drafter().result.take()
    }

    fn drafter_loop(&self) {
        loop {
            let asked = {
                let mut d = self.drafter();
                while d.asked == d.done {
                    d = self.0.asked_cv.wait(d).unwrap_or_else(std::sync::PoisonError::into_inner);
                }
                d.asked
            };
            let Some(r) = self.write_published() else {
                // Claimed: the last words write the draft.
                return;
            };
            let mut d = self.drafter();
            d.done = asked;
            let report = r.is_err() || d.failing;
            d.failing = r.is_err();
            if report {
                d.result = Some(r);
                drop(d);
                self.wake();
            }
        }
    }

    /// Serialises the published draft and writes it (nothing when nothing is unsaved).
    /// `None` when the way out was claimed: the last words write it then.
    fn write_published(&self) -> Option<io::Result<()>> {
        let (snap, path) = self.with(|s| (s.text.clone(), s.draft.clone()));
        let text = snap.map(|s| s.text());
        let _io = self.io_lock();
        if self.0.claimed.load(Ordering::SeqCst) {
            return None;
        }
        // Removed (saved) or withdrawn since it was taken: nothing to write.
        if self.with(|s| s.text.is_none()) {
            return Some(Ok(()));
        }
        match (text, path) {
            (Some(t), Some(path)) => Some(fsio::write_atomic(&path, t.as_bytes())),
            _ => Some(Ok(())),
        }
    }

    /// Nothing is unsaved any more: withdraws the published draft and removes the draft file
    /// (after any write the drafter has in hand).
    pub fn discard_draft(&self, path: &std::path::Path) {
        let _io = self.io_lock();
        self.publish(None);
        fsio::remove(path);
    }

    /// Writes `text` to the draft now, on this thread (quitting with changes kept).
    pub fn write_draft_now(&self, path: &std::path::Path, text: &str) {
        let _io = self.io_lock();
        let _ = fsio::write_atomic(path, text.as_bytes());
    }

    /// The draft moved (the user chose another path).
    pub fn move_draft(&self, path: PathBuf) {
        self.with(|s| s.draft = Some(path));
    }

    /// Another lock to release (the user moved to another data file).
    pub fn add_lock(&self, path: PathBuf) {
        self.with(|s| s.locks.push(path));
    }

    /// Whether the full screen is set up, to be given back on the way out.
    pub fn set_screen(&self, on: bool) {
        self.with(|s| s.screen = on);
    }

    /// The terminating signal received, if any.
    #[must_use]
    pub fn pending(&self) -> Option<i32> {
        Some(self.0.pending.load(Ordering::SeqCst)).filter(|&s| s != 0)
    }

    /// Whether a SIGTSTP asked the full screen to step aside (and clears the request).
    #[must_use]
    pub fn take_suspend(&self) -> bool {
        self.0.suspend.swap(false, Ordering::SeqCst)
    }

    /// Whether a SIGCONT arrived since the last call (the screen must be drawn again).
    #[must_use]
    pub fn take_resumed(&self) -> bool {
        self.0.resumed.swap(false, Ordering::SeqCst)
    }

    /// The read end of the wake pipe, for the main loop's poll; reading it empties it.
    #[must_use]
    pub fn waker(&self) -> Option<&UnixStream> {
        self.0.wake.as_ref().map(|(r, _)| r)
    }

    /// Empties the wake pipe.
    pub fn drain_waker(&self) {
        if let Some(mut r) = self.waker() {
            let mut buf = [0u8; 64];
            while matches!(io::Read::read(&mut r, &mut buf), Ok(n) if n > 0) {}
        }
    }

    fn wake(&self) {
        if let Some((_, w)) = &self.0.wake {
            let mut w: &UnixStream = w;
            let _ = w.write(&[1]);
        }
    }

    /// Takes the lock of `paths` unless this process holds it already (the user moved to
    /// another data file): `Ok(None)` when no new lock was needed or possible.
    ///
    /// # Errors
    /// The message: another editor has that file, or its lock path is refused.
    pub fn lock_also(
        &self,
        paths: &crate::paths::Paths,
        cat: &crate::i18n::Catalog,
    ) -> Result<Option<fsio::Lock>, String> {
        if self.with(|s| s.locks.contains(&paths.lock)) {
            return Ok(None);
        }
        match crate::commands::take_lock(paths, cat) {
            crate::commands::Locking::Held(l) => {
                self.add_lock(l.path().to_path_buf());
                Ok(Some(l))
            }
            crate::commands::Locking::Without(_) => Ok(None),
            crate::commands::Locking::Refused(msg) => Err(msg),
        }
    }

    /// Claims the way out: true for the first caller only. The others must not touch the
    /// draft, the lock or the terminal any more.
    #[must_use]
    pub fn claim(&self) -> bool {
        !self.0.claimed.swap(true, Ordering::SeqCst)
    }

    /// Claims the way out for an ordinary end (the caller then releases what it holds), or,
    /// when a signal is already ending the process, waits for that.
    pub fn claim_or_wait(&self) {
        if !self.claim() {
            park();
        }
    }

    /// Writes the published draft, removes the lock, and gives the terminal back if it was
    /// set up and is still there (a hung-up terminal fails `isatty`; nothing is written to
    /// it). Never prints and never fails.
    pub fn last_words(&self) {
        let (text, draft, locks, screen) = self
            .with(|s| (s.text.take(), s.draft.clone(), std::mem::take(&mut s.locks), std::mem::take(&mut s.screen)));
        if let (Some(t), Some(path)) = (text, draft) {
            // After any write the drafter has in hand (it writes nothing once claimed).
            let _io = self.io_lock();
            let _ = fsio::write_atomic(&path, t.text().as_bytes());
        }
        for lock in locks {
            fsio::remove(&lock);
        }
        if screen && terminal_alive() {
            crate::tui::restore();
        }
    }

    /// Leaves the process with `code` after the last words (or, when another thread has
    /// claimed the way out, waits for it to end the process).
    pub fn leave(&self, code: u8) -> ! {
        self.claim_or_wait();
        self.last_words();
        let _ = io::stdout().flush();
        std::process::exit(i32::from(code))
    }

    /// Installs the panic hook and the signal thread. `screen`: the full screen, whose main
    /// loop polls the wake pipe (it also steps aside on SIGTSTP); otherwise plain mode, whose
    /// main loop blocks reading lines and leaves by itself only when the terminal hangs up.
    ///
    /// # Errors
    /// Signal handlers cannot be installed.
    pub fn guard(&self, screen: bool) -> io::Result<()> {
        let me = self.clone();
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if me.claim() {
                me.last_words();
            }
            previous(info);
        }));
        spawn_signal_thread(self.clone(), screen)
    }
}

/// Whether standard output is still a terminal (false once it has hung up).
#[must_use]
pub fn terminal_alive() -> bool {
    use std::io::IsTerminal as _;
    io::stdout().is_terminal()
}

fn park() -> ! {
    loop {
        std::thread::park();
    }
}

#[cfg(unix)]
fn spawn_signal_thread(exit: Exit, screen: bool) -> io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};
    let mut wanted = vec![SIGHUP, SIGTERM, SIGINT, SIGQUIT];
    if screen {
        wanted.extend([SIGTSTP, SIGCONT, SIGWINCH]);
    }
    let mut signals = signal_hook::iterator::Signals::new(&wanted)?;
    std::thread::spawn(move || {
        for sig in signals.forever() {
            match sig {
                SIGWINCH => exit.wake(),
                SIGTSTP => {
                    exit.0.suspend.store(true, Ordering::SeqCst);
                    exit.wake();
                }
                SIGCONT => {
                    exit.0.resumed.store(true, Ordering::SeqCst);
                    exit.wake();
                }
                _ => {
                    let _ = exit.0.pending.compare_exchange(0, sig, Ordering::SeqCst, Ordering::SeqCst);
                    exit.wake();
                    // The full screen's loop leaves by itself with everything it has read;
                    // so does plain mode when the terminal hangs up (its read ends). Wait
                    // for it, then leave with what was published.
                    let deadline = Instant::now() + if screen || sig == SIGHUP { GRACE } else { Duration::ZERO };
                    while Instant::now() < deadline && !exit.0.claimed.load(Ordering::SeqCst) {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    if exit.claim() {
                        exit.last_words();
                        std::process::exit(i32::from(code_of(sig)));
                    }
                    // The main loop is on its way out; if it never gets there, end anyway.
                    std::thread::sleep(GRACE * 5);
                    std::process::exit(i32::from(code_of(sig)));
                }
            }
        }
    });
    Ok(())
}

#[cfg(not(unix))]
fn spawn_signal_thread(_: Exit, _: bool) -> io::Result<()> {
    Ok(())
}
