//! The terminal edge: the one place that touches the terminal. It turns crossterm events into
//! wizard events, carries out the wizard's effects through `fsio`, keeps the draft, and
//! draws — once per batch of input, never on a timer, so an idle screen writes nothing.
//!
//! **The loop** ([`event_loop`]): wait until the terminal has input, a signal woke it, or the
//! draft is due; then read *every event already available* and apply each in order (running
//! its file effects at once, since their results feed back); then publish the draft, write
//! it if something was committed, and draw **once**. Typeahead that arrives faster than a slow
//! link can show it is thus merged into one frame, and a paste that arrives without bracketed
//! paste (as keys) is read whole before the next frame. The terminal is read through
//! crossterm's `/dev/tty` source (feature `use-dev-tty`), which polls level-triggered: the
//! default mio source left input beyond its first 1 KiB unread until the next keystroke.
//!
//! **The terminal going away** takes one path whatever comes first — a failed draw (EIO), a
//! read error, end of input or a hang-up seen by `poll`, or SIGHUP: what was read is applied,
//! the draft is written, the lock released, and the process exits with
//! [`crate::commands::HUNG_UP`] without writing to the terminal (see `exit`). SIGTERM,
//! SIGINT and SIGQUIT do the same but give the terminal back first. SIGTSTP gives the
//! terminal back and stops; on SIGCONT the screen is set up and drawn again.

use std::io;
use std::path::Path;
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event as CEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers,
};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};

use crate::commands::HUNG_UP;
use crate::exit::{Exit, code_of};
use crate::fsio;
use crate::keymap::{Code, Key};
use crate::paths::Paths;
use crate::ui::{self, Theme};
use crate::wizard::{Effect, Event, Wizard};

/// Whether the full screen can run here: `TERM` is set and not dumb, standard input and
/// output are terminals, and the window is at least [`ui::MIN_SIZE`]. Otherwise plain mode.
#[must_use]
pub fn full_screen_possible() -> bool {
    use std::io::IsTerminal as _;
    let term = std::env::var("TERM").unwrap_or_default();
    let small = crossterm::terminal::size().is_ok_and(|(w, h)| w < ui::MIN_SIZE.0 || h < ui::MIN_SIZE.1);
    !(term.is_empty() || term == "dumb" || !io::stdin().is_terminal() || !io::stdout().is_terminal() || small)
}

/// Leaves raw mode, the alternate screen and bracketed paste, shows the cursor. Never prints
/// and never fails: on a dead terminal every step may error, and that is fine.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = crossterm::execute!(
        io::stdout(),
        crossterm::style::SetAttribute(crossterm::style::Attribute::Reset),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

fn setup() -> io::Result<()> {
    enable_raw_mode()?;
    crossterm::execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)
}

/// Writes the draft and tells the wizard when drafts start or stop failing (a full disk must
/// not leave the user unaware that a dropped link would now lose their input). Returns
/// whether the screen changed.
fn draft_to(w: &mut Wizard, path: &Path, text: &str) -> bool {
    let r = fsio::write_atomic(path, text.as_bytes()).map_err(|e| fsio::describe(&e, w.catalog()));
    let changed = r.as_ref().err() != w.draft_error.as_ref();
    if changed {
        w.update(Event::DraftWritten(r));
    }
    changed
}

/// The draft text, when something is not saved.
fn unsaved(w: &Wizard) -> Option<String> {
    ((w.dirty || w.editing) && !w.read_only).then(|| w.draft())
}

/// Turns a crossterm key into ours (presses and repeats only).
#[must_use]
pub fn key_from(k: KeyEvent) -> Option<Key> {
    if k.kind == KeyEventKind::Release {
        return None;
    }
    let m = k.modifiers;
    let code = match k.code {
        KeyCode::Char(c) => Code::Char(c),
        KeyCode::Enter => Code::Enter,
        KeyCode::Tab => Code::Tab,
        KeyCode::BackTab => Code::BackTab,
        KeyCode::Esc => Code::Esc,
        KeyCode::Backspace => Code::Backspace,
        KeyCode::Delete => Code::Delete,
        KeyCode::Insert => Code::Insert,
        KeyCode::Up => Code::Up,
        KeyCode::Down => Code::Down,
        KeyCode::Left => Code::Left,
        KeyCode::Right => Code::Right,
        KeyCode::Home => Code::Home,
        KeyCode::End => Code::End,
        KeyCode::PageUp => Code::PageUp,
        KeyCode::PageDown => Code::PageDown,
        KeyCode::F(n) => Code::F(n),
        _ => return None,
    };
    // The character already carries Shift; Shift-Tab is its own key.
    let shift = m.contains(KeyModifiers::SHIFT) && !matches!(code, Code::Char(_) | Code::BackTab);
    Some(Key { code, ctrl: m.contains(KeyModifiers::CONTROL), alt: m.contains(KeyModifiers::ALT), shift })
}

/// A crossterm event as a wizard event. A typed character that is a control or invisible
/// character (an input method or a terminal can send U+009B or U+202E as a key) goes the
/// paste way, which makes it visible like any pasted text.
fn event_from(ev: CEvent, test_panic: bool) -> Option<Event> {
    match ev {
        CEvent::Key(k) => match key_from(k)? {
            // A test hook: prove that a panic saves the draft and restores the terminal.
            k if test_panic && k.code == Code::F(12) => panic!("JIXIAO_TEST_PANIC: F12 pressed"),
            Key { code: Code::Char(c), ctrl: false, alt: false, .. } if crate::text::is_control(c) => {
                Some(Event::Paste(c.to_string()))
            }
            k => Some(Event::Key(k)),
        },
        CEvent::Paste(s) => Some(Event::Paste(s)),
        CEvent::Resize(c, r) => Some(Event::Resize(c, r)),
        _ => None,
    }
}

/// Runs the wizard in the terminal until the user quits. The terminal going away or a
/// terminating signal ends the process from inside (see the module doc); `exit` must be
/// guarded (`Exit::guard(true)`) first.
///
/// # Errors
/// The terminal cannot be set up.
pub fn run(mut w: Wizard, paths: Paths, theme: Theme, exit: &Exit, stock: bool) -> io::Result<()> {
    exit.set_screen(true);
    if let Err(e) = setup() {
        exit.set_screen(false);
        restore();
        return Err(e);
    }
    let result = if stock {
        event_loop(&mut w, || Terminal::new(CrosstermBackend::new(io::stdout())), paths, theme, exit)
    } else {
        event_loop(&mut w, || Terminal::new(crate::frugal::Frugal::new(io::stdout())), paths, theme, exit)
    };
    exit.set_screen(false);
    restore();
    result
}

/// What woke the loop.
enum Wake {
    /// The terminal has input.
    Input,
    /// The terminal hung up (or its input cannot be polled).
    HungUp,
    /// A signal (or several).
    Signal,
    /// The timeout passed.
    Timeout,
}

/// Waits for terminal input, a signal or the timeout (`None`: forever). Level-triggered, so
/// input left unread is seen again at once.
fn wait(exit: &Exit, timeout: Option<Duration>) -> Wake {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = io::stdin();
    let mut fds = vec![PollFd::new(&stdin, PollFlags::IN)];
    if let Some(r) = exit.waker() {
        fds.push(PollFd::new(r, PollFlags::IN));
    }
    let ts = timeout.map(|d| Timespec {
        tv_sec: i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        tv_nsec: i64::from(d.subsec_nanos()),
    });
    match poll(&mut fds, ts.as_ref()) {
        Ok(0) => Wake::Timeout,
        Err(rustix::io::Errno::INTR) => Wake::Signal,
        Err(_) => Wake::HungUp,
        Ok(_) => {
            let term = fds[0].revents();
            if term.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
                Wake::HungUp
            } else if fds.get(1).is_some_and(|f| f.revents().contains(PollFlags::IN)) {
                exit.drain_waker();
                Wake::Signal
            } else {
                Wake::Input
            }
        }
    }
}

/// How long crossterm may look for the next event of a batch. Its `/dev/tty` source reads
/// new input only with a non-zero timeout; an event already parsed returns at once.
const NEXT_EVENT: Duration = Duration::from_millis(1);

/// How long input is still applied after a terminating signal (well within `exit::GRACE`).
const AFTER_SIGNAL: Duration = Duration::from_millis(500);

/// How often a long batch publishes the draft for the signal thread.
const PUBLISH_EVERY: Duration = Duration::from_millis(200);

/// The loop's own state besides the wizard.
struct Loop<'a> {
    paths: Paths,
    /// Locks of data files the user moved to (released when the loop ends).
    locks: Vec<fsio::Lock>,
    exit: &'a Exit,
    last_rev: u64,
    draft_due: Option<Instant>,
    test_panic: bool,
}

/// What applying a batch of input came to.
enum Batch {
    /// Events applied (how many).
    Applied(usize),
    /// The user quit.
    Quit,
}

impl Loop<'_> {
    /// Publishes the draft (before anything that can block) and leaves with `code`.
    fn leave(&self, w: &Wizard, code: u8) -> ! {
        self.exit.publish(unsaved(w));
        self.exit.leave(code)
    }

    /// Reads every event already available and applies each. The terminal failing ends the
    /// process (after applying what was read). A pending signal does not stop it: input
    /// typed before the signal is applied too, for at most [`AFTER_SIGNAL`]; a long batch
    /// (a paste arriving as keys) publishes its progress every [`PUBLISH_EVERY`].
    fn drain(&mut self, w: &mut Wizard) -> Batch {
        let mut n = 0;
        let mut published = Instant::now();
        let mut signalled: Option<Instant> = None;
        loop {
            if self.exit.pending().is_some() && signalled.get_or_insert_with(Instant::now).elapsed() > AFTER_SIGNAL {
                break;
            }
            if published.elapsed() > PUBLISH_EVERY {
                self.exit.publish(unsaved(w));
                published = Instant::now();
            }
            match event::poll(NEXT_EVENT) {
                Ok(true) => {}
                Ok(false) => break,
                Err(_) => self.leave(w, HUNG_UP),
            }
            let ev = match event::read() {
                Ok(ev) => ev,
                Err(_) => self.leave(w, HUNG_UP),
            };
            let Some(ev) = event_from(ev, self.test_panic) else { continue };
            n += 1;
            let effect = w.update(ev);
            if self.run_effects(w, effect) {
                return Batch::Quit;
            }
        }
        Batch::Applied(n)
    }

    /// Carries out an effect and those its results lead to; true when the user quit.
    fn run_effects(&mut self, w: &mut Wizard, mut effect: Effect) -> bool {
        loop {
            effect = match effect {
                Effect::None => return false,
                Effect::DiscardDraft => {
                    fsio::remove(&self.paths.draft);
                    return false;
                }
                Effect::Quit => {
                    if w.dirty && !w.read_only {
                        let _ = fsio::write_atomic(&self.paths.draft, w.draft().as_bytes());
                    } else if !w.read_only {
                        fsio::remove(&self.paths.draft);
                    }
                    self.exit.publish(None);
                    return true;
                }
                Effect::SaveData(text) => {
                    self.exit.publish(unsaved(w));
                    let r = fsio::write_atomic(&self.paths.data, text.as_bytes())
                        .map_err(|e| fsio::describe(&e, w.catalog()));
                    if r.is_ok() && !w.editing {
                        fsio::remove(&self.paths.draft);
                        self.exit.publish(None);
                    }
                    w.update(Event::Saved(r))
                }
                Effect::WriteAll { data, report } => {
                    self.exit.publish(unsaved(w));
                    let report = crate::text::visible(&report, true);
                    let r = fsio::write_atomic(&self.paths.data, data.as_bytes())
                        .and_then(|()| fsio::write_atomic(&self.paths.report, report.as_bytes()))
                        .map_err(|e| fsio::describe(&e, w.catalog()));
                    if r.is_ok() {
                        fsio::remove(&self.paths.draft);
                        self.exit.publish(None);
                    }
                    w.update(Event::Wrote(r))
                }
                Effect::Relocate(p) => {
                    let moved = crate::commands::relocated(Path::new(&p), w.catalog()).and_then(|paths| {
                        let lock = self.exit.lock_also(&paths, w.catalog())?;
                        self.locks.extend(lock);
                        Ok(paths)
                    });
                    match moved {
                        Ok(paths) => {
                            self.paths = paths;
                            w.files = crate::commands::files(&self.paths);
                            self.exit.move_draft(self.paths.draft.clone());
                            w.update(Event::Relocated)
                        }
                        // Refused like a failed save or write: the wizard says why and asks again.
                        Err(e) if w.pending == Some(crate::wizard::Retry::Write) => w.update(Event::Wrote(Err(e))),
                        Err(e) => w.update(Event::Saved(Err(e))),
                    }
                }
            };
        }
    }

    /// After a batch: a committed change is written to the draft now; typing in a field is
    /// written at most two seconds after its first unsaved keystroke. Returns whether the
    /// screen changed.
    fn keep_draft(&mut self, w: &mut Wizard) -> bool {
        let mut changed = false;
        if w.revision != self.last_rev {
            self.last_rev = w.revision;
            self.draft_due = None;
            let d = unsaved(w);
            self.exit.publish(d.clone());
            if let Some(d) = d {
                changed = draft_to(w, &self.paths.draft, &d);
            }
        } else if w.editing && self.draft_due.is_none() {
            self.draft_due = Some(Instant::now() + Duration::from_secs(2));
        }
        changed
    }
}

/// The user quit: claims the way out (`run` gives the terminal back).
fn quit(exit: &Exit) -> io::Result<()> {
    exit.claim_or_wait();
    Ok(())
}

fn draw<B: Backend<Error = io::Error>>(terminal: &mut Terminal<B>, w: &Wizard, theme: Theme) -> io::Result<()> {
    terminal.draw(|f| {
        if let Some(pos) = ui::draw(w, theme, f.area(), f.buffer_mut()) {
            f.set_cursor_position(pos);
        }
    })?;
    Ok(())
}

fn event_loop<B: Backend<Error = io::Error>>(
    w: &mut Wizard,
    make: impl Fn() -> io::Result<Terminal<B>>,
    paths: Paths,
    theme: Theme,
    exit: &Exit,
) -> io::Result<()> {
    let mut terminal = make()?;
    // Creates crossterm's input source now, so that its SIGWINCH handler sees the first resize.
    let _ = event::poll(Duration::ZERO);
    let mut l = Loop {
        paths,
        locks: Vec::new(),
        exit,
        last_rev: w.revision,
        draft_due: None,
        test_panic: std::env::var_os("JIXIAO_TEST_PANIC").is_some(),
    };
    match terminal.size() {
        Ok(size) => w.update(Event::Resize(size.width, size.height)),
        Err(_) => l.leave(w, HUNG_UP),
    };
    let mut needs_draw = true;
    loop {
        if needs_draw {
            // Published before drawing: a draw can block on a stalled link.
            exit.publish(unsaved(w));
            if draw(&mut terminal, w, theme).is_err() {
                l.leave(w, HUNG_UP);
            }
            needs_draw = false;
        }
        let timeout = l.draft_due.map(|d| d.saturating_duration_since(Instant::now()));
        let woke = wait(exit, timeout);
        if let Some(sig) = exit.pending() {
            // Input typed before the signal is applied first (within AFTER_SIGNAL).
            if let Batch::Quit = l.drain(w) {
                return quit(exit);
            }
            l.leave(w, code_of(sig));
        }
        match woke {
            Wake::Timeout => {
                if l.draft_due.take().is_some() {
                    if let Some(d) = unsaved(w) {
                        needs_draw |= draft_to(w, &l.paths.draft, &d);
                    }
                }
                continue;
            }
            Wake::HungUp => {
                // Whatever is still readable was delivered: apply it, then leave.
                if let Batch::Quit = l.drain(w) {
                    return quit(exit);
                }
                l.leave(w, HUNG_UP);
            }
            Wake::Signal => {
                if exit.take_suspend() {
                    exit.publish(unsaved(w));
                    exit.set_screen(false);
                    restore();
                    // Stops here until SIGCONT.
                    let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
                }
                if exit.take_resumed() {
                    exit.set_screen(true);
                    if setup().is_err() {
                        l.leave(w, HUNG_UP);
                    }
                    // A new backend knows nothing of the screen: it clears and draws it all.
                    terminal = make()?;
                    if terminal.clear().is_err() {
                        l.leave(w, HUNG_UP);
                    }
                    needs_draw = true;
                }
            }
            Wake::Input => {}
        }
        match l.drain(w) {
            Batch::Quit => return quit(exit),
            Batch::Applied(n) => needs_draw |= n > 0,
        }
        if let Some(sig) = exit.pending() {
            l.leave(w, code_of(sig));
        }
        needs_draw |= l.keep_draft(w);
    }
}
