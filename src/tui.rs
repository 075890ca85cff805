//! The terminal edge: the one place that touches the terminal. It turns crossterm events into
//! wizard events, draws after each event (never on a timer, so an idle screen writes
//! nothing), carries out the wizard's effects through `fsio`, and keeps the draft:
//!
//! - written atomically right after every committed change, and while the user types in a
//!   field, at most two seconds after the first unsaved keystroke;
//! - on SIGHUP (the SSH link dropped), SIGTERM, SIGINT and SIGQUIT, a signal thread writes
//!   the latest draft (including the text being typed), restores the terminal without
//!   printing anything, and exits (crossterm's poll can spin on a hung-up terminal, so the
//!   main loop is not relied upon);
//! - on a panic, the hook writes the draft and restores the terminal before the message.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event as CEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers,
};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::fsio;
use crate::keymap::{Code, Key};
use crate::ui::{self, Theme};
use crate::wizard::{Effect, Event, Wizard};

/// The files the wizard works with.
#[derive(Clone, Debug)]
pub struct Paths {
    /// The data file (FILE).
    pub data: PathBuf,
    /// The report (FILE with `.txt`).
    pub report: PathBuf,
    /// The draft (FILE with `.draft` appended).
    pub draft: PathBuf,
}

impl Paths {
    /// What the wizard shows of these paths, and which files exist already.
    #[must_use]
    pub fn files(&self) -> crate::wizard::Files {
        let shown = |p: &Path| crate::text::visible(&p.display().to_string(), false);
        crate::wizard::Files {
            data: shown(&self.data),
            report: shown(&self.report),
            data_exists: self.data.exists(),
            report_exists: self.report.exists(),
        }
    }

    /// The paths for a data file.
    #[must_use]
    pub fn for_data(data: &Path) -> Self {
        let mut draft = data.as_os_str().to_owned();
        draft.push(".draft");
        Self { data: data.to_path_buf(), report: data.with_extension("txt"), draft: PathBuf::from(draft) }
    }
}

/// What the signal thread and the panic hook may write: the latest draft, when something is
/// not saved yet.
type Shared = Arc<Mutex<Option<String>>>;

fn latest(shared: &Shared) -> Option<String> {
    match shared.lock() {
        Ok(g) => g.clone(),
        Err(p) => p.into_inner().clone(),
    }
}

fn publish(shared: &Shared, value: Option<String>) {
    match shared.lock() {
        Ok(mut g) => *g = value,
        Err(p) => *p.into_inner() = value,
    }
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

fn save_draft(path: &Path, text: &str) -> io::Result<()> {
    fsio::write_atomic(path, text.as_bytes())
}

/// Writes the draft and tells the wizard when drafts start or stop failing (a full disk must
/// not leave the user unaware that a dropped link would now lose their input). Returns
/// whether the screen changed.
fn draft_to(w: &mut Wizard, path: &Path, text: &str) -> bool {
    let r = save_draft(path, text).map_err(|e| fsio::describe(&e, w.catalog()));
    let changed = r.as_ref().err() != w.draft_error();
    if changed {
        w.update(Event::DraftWritten(r));
    }
    changed
}

/// Where the signal thread and the panic hook write the draft, and the lock they release.
/// Shared with the main loop, which moves the draft when the user picks another path.
#[derive(Clone, Debug, Default)]
struct Exits {
    draft: Option<PathBuf>,
    lock: Option<PathBuf>,
}

type SharedExits = Arc<Mutex<Exits>>;

fn exits(e: &SharedExits) -> Exits {
    match e.lock() {
        Ok(g) => g.clone(),
        Err(p) => p.into_inner().clone(),
    }
}

/// What the process must do on its way out, whatever the way: save the draft, release the
/// lock, give the terminal back.
fn last_words(shared: &Shared, ex: &SharedExits) {
    let ex = exits(ex);
    if let (Some(d), Some(path)) = (latest(shared), &ex.draft) {
        let _ = save_draft(path, &d);
    }
    if let Some(lock) = &ex.lock {
        let _ = std::fs::remove_file(lock);
    }
    restore();
}

fn install_panic_hook(shared: Shared, ex: SharedExits) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        last_words(&shared, &ex);
        previous(info);
    }));
}

#[cfg(unix)]
fn spawn_signal_thread(shared: Shared, ex: SharedExits) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT])?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            last_words(&shared, &ex);
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}

#[cfg(not(unix))]
fn spawn_signal_thread(_: Shared, _: SharedExits) -> io::Result<()> {
    Ok(())
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
    Key { code, ctrl: m.contains(KeyModifiers::CONTROL), alt: m.contains(KeyModifiers::ALT), shift }.normalize()
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

/// Reads the next event and every event already waiting behind it (one batch, then one draw).
/// A batch that ends in a lone Esc waits [`ESC_WAIT`] for more: an ESC that a slow link
/// delivered apart from the rest of its sequence is not the Esc key.
fn read_batch() -> io::Result<Vec<(Instant, CEvent)>> {
    let mut batch = vec![(Instant::now(), event::read()?)];
    while batch.len() < MAX_BATCH {
        let lone_esc =
            matches!(batch.last(), Some((_, CEvent::Key(k))) if k.code == KeyCode::Esc && k.modifiers.is_empty());
        let more = event::poll(Duration::ZERO)? || (lone_esc && event::poll(ESC_WAIT)?);
        if !more {
            break;
        }
        batch.push((Instant::now(), event::read()?));
    }
    Ok(batch)
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
            None => out.extend(ks.into_iter().map(Event::Key)),
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

/// Runs the wizard in the terminal until the user quits.
///
/// # Errors
/// An I/O error of the terminal itself (the files' errors are shown in the wizard).
pub fn run(mut w: Wizard, paths: Paths, theme: Theme, lock: Option<PathBuf>, stock: bool) -> io::Result<()> {
    let shared: Shared = Arc::new(Mutex::new(None));
    let ex: SharedExits = Arc::new(Mutex::new(Exits { draft: (!w.read_only()).then(|| paths.draft.clone()), lock }));
    install_panic_hook(shared.clone(), ex.clone());
    spawn_signal_thread(shared.clone(), ex.clone())?;
    enable_raw_mode()?;
    let setup = crossterm::execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste, NumericKeypad);
    let result = setup.and_then(|()| {
        if stock {
            event_loop(&mut w, Terminal::new(CrosstermBackend::new(io::stdout()))?, paths, theme, &shared, &ex)
        } else {
            event_loop(&mut w, Terminal::new(crate::frugal::Frugal::new(io::stdout()))?, paths, theme, &shared, &ex)
        }
    });
    restore();
    result
}

fn event_loop<B: ratatui::backend::Backend<Error = io::Error>>(
    w: &mut Wizard,
    mut terminal: Terminal<B>,
    mut paths: Paths,
    theme: Theme,
    shared: &Shared,
    ex: &SharedExits,
) -> io::Result<()> {
    let test_panic = std::env::var_os("JIXIAO_TEST_PANIC").is_some();
    let size = terminal.size()?;
    w.update(Event::Resize(size.width, size.height));
    let mut draft_due: Option<Instant> = None;
    let mut last_rev = w.revision();
    let mut needs_draw = true;
    let mut publish_due = false;
    // Events of the batch read last (`read_batch`: the next event and all already waiting),
    // handled one by one, drawing after each as before. Issue 10's loop draws once per batch.
    let mut queue: std::collections::VecDeque<Event> = std::collections::VecDeque::new();
    let mut last_paste: Option<Instant> = None;
    loop {
        if needs_draw {
            terminal.draw(|f| {
                if let Some(pos) = ui::draw(w, theme, f.area(), f.buffer_mut()) {
                    f.set_cursor_position(pos);
                }
            })?;
            needs_draw = false;
            // The draft snapshot for the signal thread, taken after the frame is on screen so
            // serialising it never delays what the user sees.
            if publish_due {
                let unsaved = (w.dirty() || w.editing()) && !w.read_only();
                publish(shared, unsaved.then(|| w.draft()));
                publish_due = false;
            }
        }
        let Some(ev) = queue.pop_front() else {
            let timeout = draft_due.map_or(Duration::from_secs(3600), |d| d.saturating_duration_since(Instant::now()));
            if !event::poll(timeout)? {
                if draft_due.take().is_some() {
                    if let Some(d) = latest(shared) {
                        needs_draw |= draft_to(w, &paths.draft, &d);
                    }
                }
                continue;
            }
            let ctx = w.context();
            queue.extend(batch_events(read_batch()?, ctx.text || ctx.closed, &mut last_paste));
            continue;
        };
        // A test hook: prove that a panic saves the draft and restores the terminal.
        if test_panic && matches!(ev, Event::Key(k) if k.code == Code::F(12)) {
            panic!("JIXIAO_TEST_PANIC: F12 pressed");
        }
        let mut effect = w.update(ev);
        needs_draw = true;
        publish_due = true;
        if w.revision() != last_rev {
            // A committed change: publish and write the draft now, before anything else.
            let unsaved = (w.dirty() || w.editing()) && !w.read_only();
            publish(shared, unsaved.then(|| w.draft()));
            publish_due = false;
            last_rev = w.revision();
            draft_due = None;
            if let Some(d) = latest(shared) {
                draft_to(w, &paths.draft, &d);
            }
        } else if w.editing() && draft_due.is_none() {
            draft_due = Some(Instant::now() + Duration::from_secs(2));
        }
        loop {
            effect = match effect {
                Effect::None => break,
                Effect::DiscardDraft => {
                    let _ = std::fs::remove_file(&paths.draft);
                    break;
                }
                Effect::Quit => {
                    if w.dirty() && !w.read_only() {
                        if let Some(d) = latest(shared) {
                            let _ = save_draft(&paths.draft, &d);
                        }
                    } else if !w.read_only() {
                        let _ = std::fs::remove_file(&paths.draft);
                    }
                    return Ok(());
                }
                Effect::SaveData(text) => {
                    let r =
                        fsio::write_atomic(&paths.data, text.as_bytes()).map_err(|e| fsio::describe(&e, w.catalog()));
                    if r.is_ok() && !w.editing() {
                        let _ = std::fs::remove_file(&paths.draft);
                        publish(shared, None);
                    }
                    w.update(Event::Saved(r))
                }
                Effect::WriteAll { data, report, office } => {
                    let r = fsio::write_atomic(&paths.data, data.as_bytes())
                        .and_then(|()| fsio::write_atomic(&paths.report, report.as_bytes()))
                        .and_then(|()| {
                            office
                                .iter()
                                .try_for_each(|(ext, b)| fsio::write_atomic(&paths.data.with_extension(ext), b))
                        })
                        .map_err(|e| fsio::describe(&e, w.catalog()));
                    if r.is_ok() {
                        let _ = std::fs::remove_file(&paths.draft);
                        publish(shared, None);
                    }
                    w.update(Event::Wrote(r))
                }
                Effect::Relocate(p) => {
                    paths = Paths::for_data(Path::new(&p));
                    w.set_files(paths.files());
                    match ex.lock() {
                        Ok(mut g) => g.draft = Some(paths.draft.clone()),
                        Err(p) => p.into_inner().draft = Some(paths.draft.clone()),
                    }
                    w.update(Event::Relocated)
                }
            };
        }
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
