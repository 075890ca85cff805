//! The terminal edge: the one place that touches the terminal. It turns crossterm events into
//! wizard events, carries out the wizard's effects through `fsio`, keeps the draft, and
//! draws — once per batch of input, never on a timer, so an idle screen writes nothing.
//!
//! **The loop** ([`event_loop`]): wait until the terminal has input, a signal woke it, or the
//! draft is due; then read *every event already available* and apply each in order (running
//! its file effects at once, since their results feed back); then publish the draft's
//! snapshot (cheap: nothing is serialised), hand a committed change to the drafter thread
//! (`Exit::request_draft`: it serialises and writes the draft beside the frame, never
//! before it), and draw **once**. Typeahead that arrives faster than a slow link can show it
//! is thus merged into one frame, and a paste that arrives without bracketed paste (as keys)
//! is read whole before the next frame. After a large frame the loop waits until the
//! terminal has shown it ([`sync`]), so keys typed ahead meanwhile are merged too. A batch
//! is decoded as a whole ([`batch_events`]): escape sequences the link split are mended, a
//! lone Esc at its end waits [`ESC_WAIT`] for the rest, and keys arriving far faster than
//! typing into a long text are taken as the paste they are. The terminal is read through
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
use ratatui::backend::CrosstermBackend;

use crate::commands::HUNG_UP;
use crate::exit::{Exit, code_of};
use crate::fsio;
use crate::keymap::{Code, Key};
use crate::paths::Paths;
use crate::ui::{self, Theme};
use crate::wizard::{Effect, Event, Wizard};

/// Whether the terminal window is smaller than the full screen needs.
#[must_use]
pub fn window_too_small() -> bool {
    crate::frugal::terminal_size().is_ok_and(|s| s.width < ui::MIN_SIZE.0 || s.height < ui::MIN_SIZE.1)
}

/// Whether the full screen can run here: `TERM` is set and not dumb, standard input and
/// output are terminals, and the window is at least [`ui::MIN_SIZE`]. Otherwise plain mode.
#[must_use]
pub fn full_screen_possible() -> bool {
    use std::io::IsTerminal as _;
    let term = std::env::var("TERM").unwrap_or_default();
    !(term.is_empty()
        || term == "dumb"
        || !io::stdin().is_terminal()
        || !io::stdout().is_terminal()
        || window_too_small())
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
    crossterm::execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste, NumericKeypad)
}

/// Tells the wizard what the drafter's last write came to, when drafts start or stop failing
/// (a full disk must not leave the user unaware that a dropped link would now lose their
/// input). Returns whether the screen changed.
fn draft_written(w: &mut Wizard, exit: &Exit) -> bool {
    let Some(r) = exit.take_draft_result() else { return false };
    let r = r.map_err(|e| fsio::describe(&e, w.catalog()));
    let changed = r.as_ref().err() != w.draft_error();
    if changed {
        w.update(Event::DraftWritten(r));
    }
    changed
}

/// The draft's snapshot, when something is not saved: the package is shared, not copied,
/// and nothing is serialised (that happens on the drafter thread or in the last words).
fn unsaved(w: &Wizard) -> Option<crate::wizard::Snapshot> {
    w.unsaved()
}

/// Turns a crossterm key into ours (presses and repeats only), as [`Key::normalize`] mends it
/// (`^H` is Backspace).
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
    let key = Key { code, ctrl: m.contains(KeyModifiers::CONTROL), alt: m.contains(KeyModifiers::ALT), shift };
    match code {
        // A C1 control (U+009B is a whole CSI) or a bidi control typed as a character: kept,
        // to be shown (`key_event`). C0 controls are keys the link garbled (`normalize`).
        Code::Char(c) if u32::from(c) >= 0x7f && c != '\u{7f}' && crate::text::is_control(c) => Some(key),
        _ => key.normalize(),
    }
}

/// Puts the numeric keypad in numeric mode (DECKPNM, `ESC >`): in application keypad mode
/// (PuTTY's and rxvt's setting, or left by another program) its keys send `ESC O p` …, which
/// the terminal library drops whole; in numeric mode they send digits and signs.
struct NumericKeypad;

impl crossterm::Command for NumericKeypad {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b>")
    }

    #[cfg(windows)]
    fn execute_winapi(&self) -> io::Result<()> {
        Ok(())
    }
}

/// How long a lone Esc waits for the rest of an escape sequence that the link split from it.
const ESC_WAIT: Duration = Duration::from_millis(60);
/// Most events taken in one batch (a huge paste arrives in several).
const MAX_BATCH: usize = 16 * 1024;

/// A key as a wizard event. A typed character that is a control character (an input method
/// or a terminal can send U+009B or U+202E as a key) is entered made visible (`\x9b`,
/// `\u{202e}`) the paste way, never as itself and never silently dropped.
fn key_event(k: Key) -> Event {
    match k {
        Key { code: Code::Char(c), ctrl: false, alt: false, .. } if crate::text::is_control(c) => {
            Event::Paste(crate::text::visible(&c.to_string(), false))
        }
        k => Event::Key(k),
    }
}

/// A batch of terminal events as wizard events: keys mended (`keymap::decode_batch`), and a
/// burst of keys far faster than typing into a long text taken as the paste it is
/// (`keymap::paste_burst`). `last_paste` is when the last such paste arrived.
fn batch_events(batch: Vec<(Instant, CEvent)>, long_text: bool, last_paste: &mut Option<Instant>) -> Vec<Event> {
    let mut out = Vec::new();
    let mut keys: Vec<(Instant, Key)> = Vec::new();
    let flush = |keys: &mut Vec<(Instant, Key)>, out: &mut Vec<Event>, last_paste: &mut Option<Instant>| {
        let (Some((first, _)), Some((last, _))) = (keys.first().copied(), keys.last().copied()) else { return };
        let ks: Vec<Key> = keys.drain(..).map(|(_, k)| k).collect();
        let ks = crate::keymap::decode_batch(&ks);
        let since = last_paste.map(|p| first.saturating_duration_since(p));
        match crate::keymap::paste_burst(&ks, last - first, since, long_text) {
            Some(text) => {
                *last_paste = Some(last);
                out.push(Event::Paste(text));
            }
            None => out.extend(ks.into_iter().map(key_event)),
        }
    };
    for (at, ev) in batch {
        match ev {
            CEvent::Key(k) => {
                if let Some(k) = key_from(k) {
                    keys.push((at, k));
                }
            }
            CEvent::Paste(s) => {
                flush(&mut keys, &mut out, last_paste);
                out.push(Event::Paste(s));
            }
            CEvent::Resize(c, r) => {
                flush(&mut keys, &mut out, last_paste);
                out.push(Event::Resize(c, r));
            }
            _ => {}
        }
    }
    flush(&mut keys, &mut out, last_paste);
    out
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
        event_loop(&mut w, || crate::frugal::Screen::new(crate::frugal::Frugal::new(io::stdout())), paths, theme, exit)
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
    // Events crossterm has read but not handed out (keys read while waiting for a
    // cursor-position answer in `sync`) are not in the terminal any more: poll would not
    // see them.
    if matches!(event::poll(PARSED), Ok(true)) {
        return Wake::Input;
    }
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

/// How long the next event of a batch that already holds several (a burst: a paste arriving
/// as keys, typeahead) is waited for. A batch of one event (a key typed by hand) does not
/// wait: that made every typed key wait a millisecond before its frame.
const NEXT_EVENT: Duration = Duration::from_millis(1);

/// The timeout that makes crossterm hand out an event it has parsed but not handed out. Its
/// `/dev/tty` source looks at its parser and reads the terminal only with a non-zero
/// timeout, and for a timeout under a millisecond it polls without sleeping until the time
/// is up: keep this short (a busy wait of 1 ms after every key cost a millisecond of CPU).
const PARSED: Duration = Duration::from_micros(10);

/// Whether another event is there, waiting at most `wait` for the terminal (in the kernel's
/// poll, not crossterm's, which would spin).
fn next_event(wait: Duration) -> io::Result<bool> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    if event::poll(PARSED)? {
        return Ok(true);
    }
    let stdin = io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let ts = Timespec { tv_sec: 0, tv_nsec: i64::from(wait.subsec_nanos()) };
    match poll(&mut fds, Some(&ts)) {
        Ok(0) => Ok(false),
        Err(rustix::io::Errno::INTR) => Ok(false),
        // Readable, or hung up: crossterm reads it (and reports the error).
        _ => event::poll(NEXT_EVENT),
    }
}

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
    /// When the last paste that arrived as keys was taken (`keymap::paste_burst`).
    last_paste: Option<Instant>,
    /// Whether large frames wait for the terminal ([`sync`]).
    sync: Sync,
}

/// Whether the terminal is asked where its cursor is after a large frame, and whether it has
/// ever answered.
struct Sync {
    ask: bool,
    answered: bool,
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

    /// Reads every event already available (a lone Esc at the end waits [`ESC_WAIT`] for the
    /// rest of its sequence), decodes them as one batch ([`batch_events`]) and applies each.
    /// The terminal failing ends the process (after applying what was read). A pending
    /// signal does not stop it: input typed before the signal is applied too, for at most
    /// [`AFTER_SIGNAL`]; a long batch (a paste arriving as keys) publishes its progress every
    /// [`PUBLISH_EVERY`].
    fn drain(&mut self, w: &mut Wizard) -> Batch {
        let mut n = 0;
        let mut published = Instant::now();
        let mut signalled: Option<Instant> = None;
        loop {
            let mut raw: Vec<(Instant, CEvent)> = Vec::new();
            let mut failed = false;
            while raw.len() < MAX_BATCH {
                if self.exit.pending().is_some() && signalled.get_or_insert_with(Instant::now).elapsed() > AFTER_SIGNAL
                {
                    break;
                }
                let lone_esc =
                    matches!(raw.last(), Some((_, CEvent::Key(k))) if k.code == KeyCode::Esc && k.modifiers.is_empty());
                let more = if lone_esc {
                    event::poll(ESC_WAIT)
                } else {
                    next_event(if raw.len() > 1 { NEXT_EVENT } else { Duration::ZERO })
                };
                match more {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(_) => {
                        failed = true;
                        break;
                    }
                }
                match event::read() {
                    Ok(ev) => raw.push((Instant::now(), ev)),
                    Err(_) => {
                        failed = true;
                        break;
                    }
                }
            }
            let full = raw.len() >= MAX_BATCH;
            let ctx = w.context();
            for ev in batch_events(raw, ctx.text || ctx.closed, &mut self.last_paste) {
                // A test hook: prove that a panic saves the draft and restores the terminal.
                if self.test_panic && matches!(ev, Event::Key(k) if k.code == Code::F(12)) {
                    panic!("JIXIAO_TEST_PANIC: F12 pressed");
                }
                if published.elapsed() > PUBLISH_EVERY {
                    self.exit.publish(unsaved(w));
                    published = Instant::now();
                }
                n += 1;
                let effect = w.update(ev);
                if self.run_effects(w, effect) {
                    return Batch::Quit;
                }
            }
            if failed {
                self.leave(w, HUNG_UP);
            }
            if !full {
                break;
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
                    self.exit.discard_draft(&self.paths.draft);
                    return false;
                }
                Effect::Quit => {
                    if w.read_only() || w.draft_offer().is_some() {
                        // Only looking, or quitting at the welcome screen before the draft
                        // found there was restored or discarded: it is someone's unsaved work,
                        // left as it is.
                        self.exit.publish(None);
                    } else if w.drafting() {
                        self.exit.write_draft_now(&self.paths.draft, &w.draft());
                        self.exit.publish(None);
                    } else {
                        self.exit.discard_draft(&self.paths.draft);
                    }
                    return true;
                }
                Effect::SaveData(text) => {
                    self.exit.publish(unsaved(w));
                    let r = fsio::write_atomic(&self.paths.data, text.as_bytes())
                        .map_err(|e| fsio::describe(&e, w.catalog()));
                    if r.is_ok() && !w.editing() {
                        self.exit.discard_draft(&self.paths.draft);
                    }
                    w.update(Event::Saved(r))
                }
                Effect::WriteAll { data, report, office } => {
                    self.exit.publish(unsaved(w));
                    let report = crate::text::visible(&report, true);
                    let paths = &self.paths;
                    let r = fsio::write_atomic(&paths.data, data.as_bytes())
                        .and_then(|()| fsio::write_atomic(&paths.report, report.as_bytes()))
                        .and_then(|()| {
                            // Beside the data file, at the paths `paths` derives (never the data file).
                            office.iter().try_for_each(|(ext, b)| match *ext {
                                "xlsx" => fsio::write_atomic(&paths.xlsx, b),
                                "docx" => fsio::write_atomic(&paths.docx, b),
                                _ => Ok(()),
                            })
                        })
                        .map_err(|e| fsio::describe(&e, w.catalog()));
                    if r.is_ok() {
                        self.exit.discard_draft(&self.paths.draft);
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
                            w.set_files(crate::commands::files(&self.paths));
                            self.exit.move_draft(self.paths.draft.clone());
                            w.update(Event::Relocated)
                        }
                        // Refused like a failed save or write: the wizard says why and asks again.
                        Err(e) if w.retry() == Some(crate::wizard::Retry::Write) => w.update(Event::Wrote(Err(e))),
                        Err(e) => w.update(Event::Saved(Err(e))),
                    }
                }
            };
        }
    }

    /// After a batch: a committed change is handed to the drafter now (it serialises and
    /// writes it on its own thread, after this batch's frame is drawn or while it is);
    /// typing in a field is written at most two seconds after its first unsaved keystroke.
    fn keep_draft(&mut self, w: &Wizard) {
        if w.revision() != self.last_rev {
            self.last_rev = w.revision();
            self.draft_due = None;
            let d = unsaved(w);
            let any = d.is_some();
            self.exit.publish(d);
            if any {
                self.exit.request_draft();
            }
        } else if w.editing() && self.draft_due.is_none() {
            self.draft_due = Some(Instant::now() + Duration::from_secs(2));
        }
    }
}

/// The user quit: claims the way out (`run` gives the terminal back).
fn quit(exit: &Exit) -> io::Result<()> {
    exit.claim_or_wait();
    Ok(())
}

/// A frame of at least this many bytes is followed by a cursor-position query, and the next
/// frame waits for the answer ([`sync`]). Typing writes a few bytes a key and never waits; a
/// new screen (PgDn, a section) writes several hundred.
const SYNC_BYTES: usize = 512;

/// What the event loop draws on: the frugal [`crate::frugal::Screen`] (one frame buffer and
/// the backend's shadow of the screen), or ratatui's `Terminal` over the stock crossterm
/// backend (`--stock-backend`).
trait Surface {
    /// The terminal's size.
    fn size(&self) -> io::Result<ratatui::layout::Size>;
    /// Clears the terminal; the next frame is drawn whole.
    fn clear(&mut self) -> io::Result<()>;
    /// Draws the wizard's frame.
    fn frame(&mut self, w: &Wizard, theme: Theme) -> io::Result<()>;
    /// Bytes written since the last call; `None` when the backend does not count them.
    fn take_written(&mut self) -> Option<usize>;
}

impl<W: io::Write> Surface for crate::frugal::Screen<W> {
    fn size(&self) -> io::Result<ratatui::layout::Size> {
        crate::frugal::Screen::size(self)
    }

    fn clear(&mut self) -> io::Result<()> {
        crate::frugal::Screen::clear(self)
    }

    fn frame(&mut self, w: &Wizard, theme: Theme) -> io::Result<()> {
        self.draw(|area, buf| ui::draw(w, theme, area, buf).map(|(x, y)| ratatui::layout::Position { x, y }))
    }

    fn take_written(&mut self) -> Option<usize> {
        Some(self.backend_mut().take_written())
    }
}

impl<W: io::Write> Surface for Terminal<CrosstermBackend<W>> {
    fn size(&self) -> io::Result<ratatui::layout::Size> {
        Terminal::size(self)
    }

    fn clear(&mut self) -> io::Result<()> {
        Terminal::clear(self)
    }

    fn frame(&mut self, w: &Wizard, theme: Theme) -> io::Result<()> {
        self.draw(|f| {
            if let Some(pos) = ui::draw(w, theme, f.area(), f.buffer_mut()) {
                f.set_cursor_position(pos);
            }
        })?;
        Ok(())
    }

    fn take_written(&mut self) -> Option<usize> {
        None
    }
}

/// After a large frame: waits until the terminal has shown it, by asking where its cursor is
/// (`ESC [6n`) and reading the answer, which the terminal sends only after everything before
/// the question. Over a slow link (a modem, a congested SSH connection) the keys typed
/// meanwhile are then taken together and only the last screen is drawn, instead of every
/// screen in turn. The keys wait in crossterm's queue (`wait` looks there first). A terminal
/// that never answers is asked once (crossterm waits 2 s) and then no more; one that has
/// answered is asked again even after a late answer (a slow link, not a mute terminal).
fn sync(surface: &mut impl Surface, l: &mut Loop<'_>) {
    if !l.sync.ask || surface.take_written().is_none_or(|n| n < SYNC_BYTES) {
        return;
    }
    match crossterm::cursor::position() {
        Ok(_) => l.sync.answered = true,
        Err(_) if !l.sync.answered => l.sync.ask = false,
        Err(_) => {}
    }
}

fn event_loop<S: Surface>(
    w: &mut Wizard,
    make: impl Fn() -> io::Result<S>,
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
        last_rev: w.revision(),
        draft_due: None,
        test_panic: std::env::var_os("JIXIAO_TEST_PANIC").is_some(),
        last_paste: None,
        sync: Sync { ask: true, answered: false },
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
            if terminal.frame(w, theme).is_err() {
                l.leave(w, HUNG_UP);
            }
            needs_draw = false;
            sync(&mut terminal, &mut l);
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
                        exit.publish(Some(d));
                        exit.request_draft();
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
                needs_draw |= draft_written(w, exit);
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
        l.keep_draft(w);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, m: KeyModifiers) -> CEvent {
        CEvent::Key(KeyEvent::new(code, m))
    }

    fn ch(c: char) -> CEvent {
        press(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn backspace_sent_as_ctrl_h_is_backspace() {
        assert_eq!(
            key_from(KeyEvent::new(KeyCode::Char('h'), KeyModifiers::CONTROL)),
            Some(Key::plain(Code::Backspace))
        );
        assert_eq!(key_from(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)), Some(Key::plain(Code::Backspace)));
        assert_eq!(key_from(KeyEvent::new(KeyCode::Char('\u{1b}'), KeyModifiers::NONE)), None);
        // A C1 CSI or a bidi override typed as a character is entered made visible.
        for (c, shown) in [('\u{9b}', "\\x9b"), ('\u{202e}', "\\u{202e}"), ('\u{2028}', "\\u{2028}")] {
            let k = key_from(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)).expect("kept");
            assert_eq!(key_event(k), Event::Paste(shown.into()));
        }
    }

    #[test]
    fn batches_mend_escapes_and_find_pastes() {
        let t0 = Instant::now();
        let at = |us: u64| t0 + Duration::from_micros(us);
        // ESC ESC [A as the library reads it: Esc, '[', 'A' — Alt+Up, not a quit.
        let batch = vec![
            (at(0), press(KeyCode::Esc, KeyModifiers::NONE)),
            (at(1), ch('[')),
            (at(2), press(KeyCode::Char('A'), KeyModifiers::SHIFT)),
        ];
        let mut last = None;
        assert_eq!(batch_events(batch, false, &mut last), vec![Event::Key(Key::alt(Code::Up))]);
        // A lone Esc is Esc.
        let batch = vec![(at(0), press(KeyCode::Esc, KeyModifiers::NONE))];
        assert_eq!(batch_events(batch, false, &mut last), vec![Event::Key(Key::plain(Code::Esc))]);
        // A paste without brackets into a long text: one paste, its TAB and CR LF text.
        let text = "第一段文字，说明情况。\t附表\r\n第二段";
        let batch: Vec<_> = text
            .chars()
            .enumerate()
            .map(|(i, c)| {
                let ev = match c {
                    '\t' => press(KeyCode::Tab, KeyModifiers::NONE),
                    '\r' => press(KeyCode::Enter, KeyModifiers::NONE),
                    '\n' => press(KeyCode::Char('j'), KeyModifiers::CONTROL),
                    c => ch(c),
                };
                (at(i as u64), ev)
            })
            .collect();
        assert_eq!(
            batch_events(batch.clone(), true, &mut last),
            vec![Event::Paste("第一段文字，说明情况。\t附表\n第二段".into())]
        );
        assert!(last.is_some());
        // The same keys in a one-line field are keys.
        let mut none = None;
        assert_eq!(batch_events(batch, false, &mut none).len(), text.chars().count());
        // A bracketed paste and a resize pass as they are.
        let batch = vec![(at(0), CEvent::Paste("x".into())), (at(1), CEvent::Resize(80, 24))];
        assert_eq!(batch_events(batch, true, &mut None), vec![Event::Paste("x".into()), Event::Resize(80, 24)]);
    }
}
