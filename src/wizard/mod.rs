//! The wizard as a pure state machine: `Wizard::update(Event) -> Effect`. It holds the package,
//! the screen, the focused slot and its editor (a `ratatui_textarea::TextArea`, plain data),
//! and the latest check of the package. It never touches the terminal or the file system:
//! saving and writing are effects that the terminal edge (`tui`) carries out and reports back.
//!
//! Screens: Welcome → one screen per section (generated from `form::spec`) → Review → Done.
//! Moving forward is refused while the section has errors; back, jump, save and quit always
//! work.

mod caret;
pub mod slots;

use std::collections::BTreeSet;

use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::form::calc::{Figures, Nature, infer_nature};
use crate::form::package::canonical;
use crate::form::spec::{Choices, Kind, cell_path, spec, split_cell};
use crate::form::{Issue, Package, Profile, Severity, file, report, rules};
use crate::i18n::{Catalog, Lang};
use crate::keymap::{self, Act, Code, Context, Key};
pub use slots::{Slot, SlotKind};

/// Where the user is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Start: continue or new, language.
    Welcome,
    /// A section of the form (index in `spec().sections`).
    Section,
    /// Every error and warning, the score, and writing.
    Review,
    /// Files written.
    Done,
}

/// A question that needs a yes or no.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Confirm {
    /// Quit with unsaved changes.
    Quit,
    /// Write although errors remain (how many).
    WriteWithErrors(usize),
    /// Overwrite these existing files.
    Overwrite(Vec<String>),
    /// Delete a table row that holds data.
    DeleteRow,
}

/// A popup over the screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// Help for the focused slot.
    Help,
    /// The section map; `sel` is the highlighted section.
    Map {
        /// Highlighted section.
        sel: usize,
    },
    /// Choose a value for a choice field.
    Picker {
        /// The field.
        path: String,
        /// The stored values offered.
        options: Vec<String>,
        /// Highlighted option.
        sel: usize,
    },
    /// A yes/no question.
    Confirm(Confirm),
    /// Saving or writing failed: type another path for the data file.
    PathPrompt {
        /// The path being typed.
        input: String,
    },
}

/// What to do again once the user picked another path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retry {
    /// Save the data file.
    Save,
    /// Write data file and report.
    Write,
}

/// A short message in the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// Locale key.
    pub key: &'static str,
    /// Arguments.
    pub args: Vec<(&'static str, String)>,
    /// Shown as an error (refusal, failure) rather than information.
    pub error: bool,
}

impl Note {
    fn info(key: &'static str, args: Vec<(&'static str, String)>) -> Self {
        Self { key, args, error: false }
    }
    fn error(key: &'static str, args: Vec<(&'static str, String)>) -> Self {
        Self { key, args, error: true }
    }
}

/// What the wizard reacts to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// A key press.
    Key(Key),
    /// Bracketed paste.
    Paste(String),
    /// Terminal size changed.
    Resize(u16, u16),
    /// The data file was saved (or why not).
    Saved(Result<(), String>),
    /// Data file and report were written (or why not).
    Wrote(Result<(), String>),
    /// The edge moved to the path the user typed; retry what failed.
    Relocated,
    /// The draft was written (or why not); sent when that changes.
    DraftWritten(Result<(), String>),
}

/// What the edge must do after an update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Nothing.
    None,
    /// Delete the draft file (the user discarded it).
    DiscardDraft,
    /// End the program.
    Quit,
    /// Save the data file with this text.
    SaveData(String),
    /// Use this data file path from now on (the report and draft follow), then send `Relocated`.
    Relocate(String),
    /// Write the data file and the report.
    WriteAll {
        /// TOML text.
        data: String,
        /// Report text.
        report: String,
    },
}

/// The output files, as shown to the user.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Files {
    /// The data file path (display form).
    pub data: String,
    /// The report path (display form).
    pub report: String,
    /// Whether the data file exists on disk.
    pub data_exists: bool,
    /// Whether the report exists on disk.
    pub report_exists: bool,
}

/// Fields filled from earlier answers when the user reaches them empty (visible, editable).
const DEFAULTS: &[(&str, &str)] = &[
    ("self_eval.unit_name", "basic.unit_name"),
    ("self_eval.head", "basic.head"),
    ("self_eval.preparer", "basic.preparer"),
    ("self_eval.phone", "basic.phone"),
    ("self_eval.filing_date", "basic.filing_date"),
    ("report.unit_name", "self_eval.unit_name"),
    ("report.cover_date", "self_eval.filing_date"),
    ("report.staff_quota", "basic.staff_quota"),
    ("report.staff_actual", "basic.staff_actual"),
    ("report.general_total", "self_eval.income_general"),
    ("report.basic_total", "self_eval.spend_basic"),
    ("report.project_total", "self_eval.spend_project"),
];

/// The wizard's whole state.
pub struct Wizard {
    /// The package being filled.
    pub pkg: Package,
    /// Scoring rules.
    pub profile: Profile,
    /// Interface language.
    pub lang: Lang,
    /// Current screen.
    pub screen: Screen,
    /// Current section index.
    pub section: usize,
    /// The section's slots.
    pub slots: Vec<Slot>,
    /// Focused slot index.
    pub focus: usize,
    /// Editor of the focused slot when it holds text.
    pub editor: Option<TextArea<'static>>,
    /// Whether the editor was changed since the slot was focused.
    pub editing: bool,
    /// Why the draft cannot be written, while it cannot (shown until a draft is written again).
    pub draft_error: Option<String>,
    /// The long text whose full editor is open (its path). A long text arrives closed: one line
    /// says how long it is, so moving through a section rewrites little (issue 6). Enter, typing,
    /// pasting, undo or redo opens it; moving to another field closes it.
    pub opened: Option<String>,
    /// Open popup.
    pub overlay: Option<Overlay>,
    /// Latest figures.
    pub figures: Figures,
    /// Latest issues.
    pub issues: Vec<Issue>,
    /// Paths whose issues are shown (visited, loaded, or revealed by a refused step).
    pub revealed: BTreeSet<String>,
    /// Status message.
    pub note: Option<Note>,
    /// Changes not yet saved to the data file.
    pub dirty: bool,
    /// Output files.
    pub files: Files,
    /// Terminal size.
    pub size: (u16, u16),
    /// Highlighted welcome option.
    pub welcome_sel: usize,
    /// Highlighted review issue.
    pub review_sel: usize,
    /// Grows by one with every change to the package (the edge writes the draft on change).
    pub revision: u64,
    /// A draft found at start, offered on the welcome screen.
    pub draft_offer: Option<DraftOffer>,
    /// Look only: saving and writing are refused.
    pub read_only: bool,
    /// What failed and waits for another path.
    pub pending: Option<Retry>,
}

/// A draft left by an earlier session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftOffer {
    /// The draft's package.
    pub package: Package,
    /// When it was saved, as shown.
    pub saved_at: String,
}

/// The options of the welcome screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WelcomeOpt {
    /// Start or continue.
    Start,
    /// Continue from the draft.
    RestoreDraft,
    /// Discard the draft and open the file.
    DiscardDraft,
    /// Switch language.
    Language,
}

impl Wizard {
    /// A wizard on `pkg`. A package that was loaded shows all its issues at once.
    #[must_use]
    pub fn new(pkg: Package, profile: Profile, lang: Lang, files: Files) -> Self {
        let (figures, issues) = rules::check(&pkg, &profile);
        let revealed = if pkg.is_blank() { BTreeSet::new() } else { issues.iter().map(|i| i.path.clone()).collect() };
        let mut w = Self {
            pkg,
            profile,
            lang,
            screen: Screen::Welcome,
            section: 0,
            slots: Vec::new(),
            focus: 0,
            editor: None,
            editing: false,
            opened: None,
            draft_error: None,
            overlay: None,
            figures,
            issues,
            revealed,
            note: None,
            dirty: false,
            files,
            size: (80, 24),
            welcome_sel: 0,
            review_sel: 0,
            revision: 0,
            draft_offer: None,
            read_only: false,
            pending: None,
        };
        w.slots = slots::slots(&spec().sections[0], &w.pkg);
        w
    }

    /// Opens straight at a section (by id); false when no such section.
    pub fn open_section(&mut self, id: &str) -> bool {
        match spec().section(id) {
            Some((i, _)) => {
                self.enter(i, At::First);
                true
            }
            None => false,
        }
    }

    /// Moves the focus to a field or cell (entering its section), as a jump from the review
    /// does. Returns false when no such path exists.
    pub fn focus_path(&mut self, path: &str) -> bool {
        match spec().section_of(path) {
            Some(sec) => {
                self.enter(sec, At::Path(path.to_string()));
                self.slot().and_then(Slot::path) == Some(path)
            }
            None => false,
        }
    }

    /// Adds a row at the end of a table and focuses its first cell.
    pub fn append_row(&mut self, table: &'static str) {
        let at = self.pkg.rows(table).len();
        self.insert_row(table, at);
    }

    /// The catalog of the current language.
    #[must_use]
    pub fn catalog(&self) -> &'static Catalog {
        Catalog::get(self.lang)
    }

    /// The focused slot.
    #[must_use]
    pub fn slot(&self) -> Option<&Slot> {
        self.slots.get(self.focus)
    }

    /// Is the focused slot a long text with its full editor open?
    #[must_use]
    pub fn is_open(&self) -> bool {
        match self.slot().map(|s| &s.kind) {
            Some(SlotKind::Field { path, kind: Kind::LongText }) => self.opened.as_ref() == Some(path),
            _ => false,
        }
    }

    /// Opens the focused long text's full editor (nothing for other slots).
    fn open_text(&mut self) {
        if let Some(SlotKind::Field { path, kind: Kind::LongText }) = self.slot().map(|s| &s.kind) {
            self.opened = Some(path.clone());
        }
    }

    /// The key context for the focused slot.
    #[must_use]
    pub fn context(&self) -> Context {
        let kind = match self.slot().map(|s| &s.kind) {
            Some(SlotKind::Field { kind, .. }) => Some(*kind),
            _ => None,
        };
        Context {
            dialog: self.overlay.is_some() || matches!(self.screen, Screen::Welcome | Screen::Done),
            review: self.screen == Screen::Review,
            line: self.editor.is_some() && kind != Some(Kind::LongText),
            text: self.editor.is_some() && self.is_open(),
            closed: self.editor.is_some() && kind == Some(Kind::LongText) && !self.is_open(),
            in_table: self.slot().is_some_and(|s| match &s.kind {
                SlotKind::Field { path, .. } => split_cell(path).is_some_and(|(t, _, _)| spec().table(t).is_some()),
                SlotKind::Calc { row, .. } => row.is_some(),
                SlotKind::AddRow { .. } => false,
            }),
        }
    }

    /// Issues of one section (by the section of their field).
    #[must_use]
    pub fn section_issues(&self, section: usize) -> Vec<&Issue> {
        self.issues.iter().filter(|i| spec().section_of(&i.path) == Some(section)).collect()
    }

    /// Errors that block leaving the current section forward.
    #[must_use]
    pub fn blocking(&self) -> Vec<&Issue> {
        self.section_issues(self.section).into_iter().filter(|i| i.severity() == Severity::Error).collect()
    }

    /// Issues shown for `path` (only once revealed).
    #[must_use]
    pub fn issues_at(&self, path: &str) -> Vec<&Issue> {
        if !self.revealed.contains(path) {
            return Vec::new();
        }
        self.issues.iter().filter(|i| i.path == path).collect()
    }

    /// Counts of (errors, warnings) over the whole package.
    #[must_use]
    pub fn counts(&self) -> (usize, usize) {
        let e = self.issues.iter().filter(|i| i.severity() == Severity::Error).count();
        (e, self.issues.len() - e)
    }

    /// (filled, total) input fields, table cells included.
    #[must_use]
    pub fn progress(&self) -> (usize, usize) {
        let s = spec();
        let mut total = s.fields.len();
        let mut filled = s.fields.iter().filter(|f| !self.pkg.text(&f.key).is_empty()).count();
        for t in &s.tables {
            for row in self.pkg.rows(t.key) {
                total += t.columns.len();
                filled += t.columns.iter().filter(|c| row.get(&c.key).is_some_and(|v| !v.is_empty())).count();
            }
        }
        (filled, total)
    }

    /// The package text with the field being edited included (for drafts).
    #[must_use]
    pub fn draft(&self) -> String {
        let mut pkg = self.pkg.clone();
        if let (Some(ed), Some(path)) = (&self.editor, self.slot().and_then(Slot::path)) {
            pkg.set(path, ed.lines().join("\n"));
        }
        file::save(&pkg, Catalog::get(Lang::ZhCn))
    }

    /// The text currently in the editor.
    #[must_use]
    pub fn editor_text(&self) -> Option<String> {
        self.editor.as_ref().map(|e| e.lines().join("\n"))
    }

    /// Handles one event.
    pub fn update(&mut self, ev: Event) -> Effect {
        match ev {
            Event::Resize(w, h) => {
                self.size = (w, h);
                Effect::None
            }
            Event::Saved(r) => {
                match r {
                    Ok(()) => {
                        self.stored();
                        self.note = Some(Note::info("note.saved", vec![("path", self.files.data.clone())]));
                    }
                    Err(e) => self.store_failed("note.save_failed", e, Retry::Save),
                }
                Effect::None
            }
            Event::DraftWritten(r) => {
                self.draft_error = r.err();
                Effect::None
            }
            Event::Relocated => match self.pending.take() {
                Some(Retry::Save) => self.save(),
                Some(Retry::Write) => self.write_checked_overwrite(),
                None => Effect::None,
            },
            Event::Wrote(r) => {
                match r {
                    Ok(()) => {
                        self.stored();
                        self.files.report_exists = true;
                        self.screen = Screen::Done;
                        self.note = None;
                    }
                    Err(e) => self.store_failed("note.write_failed", e, Retry::Write),
                }
                Effect::None
            }
            Event::Paste(text) => {
                self.paste(&text);
                Effect::None
            }
            Event::Key(key) => self.key(key),
        }
    }

    /// The data file holds what was typed: nothing unsaved, and no draft warning (a later
    /// draft failure says so again).
    fn stored(&mut self) {
        self.dirty = false;
        self.files.data_exists = true;
        self.draft_error = None;
    }

    /// A save or write failed: say why and ask for another path, then retry there.
    fn store_failed(&mut self, note: &'static str, error: String, retry: Retry) {
        self.note = Some(Note::error(note, vec![("error", error)]));
        self.pending = Some(retry);
        self.overlay = Some(Overlay::PathPrompt { input: self.files.data.clone() });
    }

    fn key(&mut self, key: Key) -> Effect {
        let ctx = self.context();
        let act = keymap::resolve(key, ctx);
        if !matches!(act, None | Some(Act::Undo | Act::Redo)) {
            self.note = None;
        }
        if let Some(ov) = self.overlay.clone() {
            return self.overlay_key(ov, act, key);
        }
        match self.screen {
            Screen::Welcome => self.welcome_key(key),
            Screen::Done => match key.code {
                Code::PageUp => {
                    self.screen = Screen::Review;
                    Effect::None
                }
                _ => Effect::Quit,
            },
            Screen::Review => self.review_key(act),
            Screen::Section => self.section_key(act, key),
        }
    }

    /// The welcome screen's options.
    #[must_use]
    pub fn welcome_options(&self) -> Vec<WelcomeOpt> {
        if self.draft_offer.is_some() {
            vec![WelcomeOpt::RestoreDraft, WelcomeOpt::DiscardDraft, WelcomeOpt::Language]
        } else {
            vec![WelcomeOpt::Start, WelcomeOpt::Language]
        }
    }

    fn welcome_key(&mut self, key: Key) -> Effect {
        let opts = self.welcome_options();
        let sel = opts.get(self.welcome_sel).copied().unwrap_or(WelcomeOpt::Start);
        match key.code {
            Code::Up | Code::BackTab => self.welcome_sel = self.welcome_sel.saturating_sub(1),
            Code::Down | Code::Tab => self.welcome_sel = (self.welcome_sel + 1).min(opts.len() - 1),
            Code::Left | Code::Right | Code::Char(' ') if sel == WelcomeOpt::Language => self.lang = self.lang.next(),
            Code::Enter => match sel {
                WelcomeOpt::Language => self.lang = self.lang.next(),
                WelcomeOpt::Start => self.start(),
                WelcomeOpt::RestoreDraft => {
                    if let Some(d) = self.draft_offer.take() {
                        self.pkg = d.package;
                        self.welcome_sel = 0;
                        self.changed();
                        self.revealed = self.issues.iter().map(|i| i.path.clone()).collect();
                    }
                    self.start();
                }
                WelcomeOpt::DiscardDraft => {
                    self.draft_offer = None;
                    self.welcome_sel = 0;
                    return Effect::DiscardDraft;
                }
            },
            Code::Esc => return Effect::Quit,
            Code::Char('c' | 'q') if key.ctrl => return Effect::Quit,
            _ => {}
        }
        Effect::None
    }

    fn start(&mut self) {
        let start = if self.pkg.is_blank() { 0 } else { self.first_section_with_errors().unwrap_or(0) };
        self.enter(start, At::First);
    }

    fn first_section_with_errors(&self) -> Option<usize> {
        (0..spec().sections.len()).find(|s| self.section_issues(*s).iter().any(|i| i.severity() == Severity::Error))
    }

    fn review_key(&mut self, act: Option<Act>) -> Effect {
        let n = self.review_list().len();
        match act {
            Some(Act::Up) => self.review_sel = self.review_sel.saturating_sub(1),
            Some(Act::Down) => self.review_sel = (self.review_sel + 1).min(n.saturating_sub(1)),
            Some(Act::Activate) => {
                if let Some(path) = self.review_list().get(self.review_sel).map(|i| i.path.clone()) {
                    self.jump_to(&path);
                }
            }
            Some(Act::PrevSection) => self.enter(spec().sections.len() - 1, At::First),
            Some(Act::Map) => self.overlay = Some(Overlay::Map { sel: self.section }),
            Some(Act::Save) => return self.save(),
            Some(Act::Write) => return self.start_write(),
            Some(Act::Quit) => return self.quit(),
            _ => {}
        }
        Effect::None
    }

    /// The review list: errors first, then warnings, in form order.
    #[must_use]
    pub fn review_list(&self) -> Vec<&Issue> {
        let mut v: Vec<&Issue> = self.issues.iter().collect();
        v.sort_by_key(|i| (i.severity(), spec().section_of(&i.path).unwrap_or(usize::MAX)));
        v
    }

    fn section_key(&mut self, act: Option<Act>, key: Key) -> Effect {
        match act {
            Some(Act::Next) => self.next(),
            Some(Act::Prev) => self.prev(),
            Some(Act::Up) => self.vertical(-1),
            Some(Act::Down) => self.vertical(1),
            Some(Act::NextSection) => self.next_section(),
            Some(Act::PrevSection) => self.prev_section(),
            Some(Act::Map) => {
                self.commit();
                self.overlay = Some(Overlay::Map { sel: self.section });
            }
            Some(Act::Review) => {
                self.commit();
                self.screen = Screen::Review;
                self.review_sel = 0;
            }
            Some(Act::Save) => return self.save(),
            Some(Act::Quit) => return self.quit(),
            Some(Act::Help) => self.overlay = Some(Overlay::Help),
            Some(Act::Undo) => {
                self.open_text();
                if let Some(ed) = &mut self.editor {
                    self.editing |= ed.undo();
                }
            }
            Some(Act::Redo) => {
                self.open_text();
                if let Some(ed) = &mut self.editor {
                    self.editing |= ed.redo();
                }
            }
            Some(Act::Clear) => self.clear(),
            Some(Act::Activate) => self.activate(),
            Some(Act::AddRow) => self.add_row(),
            Some(Act::DeleteRow) => self.delete_row(false),
            Some(Act::RowUp) => self.move_row(-1),
            Some(Act::RowDown) => self.move_row(1),
            Some(Act::Write | Act::Yes | Act::Cancel) => {}
            None => self.type_key(key),
        }
        Effect::None
    }

    fn type_key(&mut self, key: Key) {
        let in_grid = self.slot().is_some_and(|s| self.slots.iter().filter(|o| o.row == s.row).count() > 1);
        if let Some(ed) = &mut self.editor {
            let ratatui_textarea::DataCursor(row, col) = ed.cursor();
            let at_end = row + 1 == ed.lines().len() && col == ed.lines()[row].chars().count();
            if in_grid && key.code == Code::Left && row == 0 && col == 0 && !key.ctrl && !key.alt {
                self.prev();
                return;
            }
            if in_grid && key.code == Code::Right && at_end && !key.ctrl && !key.alt {
                self.next();
                return;
            }
            if key.ctrl || key.alt {
                // Only movement shortcuts reach the editor; no hidden edits (yank, kill…).
                if !matches!(key.code, Code::Left | Code::Right | Code::Up | Code::Down | Code::Home | Code::End) {
                    return;
                }
            }
            if caret::edit(ed, key, |ed| ed.input(to_input(key))) {
                self.editing = true;
            }
            self.open_text();
            return;
        }
        // A digit picks a choice directly.
        if let (Code::Char(c), Some(SlotKind::Field { path, kind: Kind::Choice(ch) })) =
            (key.code, self.slot().map(|s| s.kind.clone()))
        {
            if let Some(n) = keymap::choice_digit(c) {
                let options = self.options(&path, ch);
                if let Some(v) = options.get(n - 1) {
                    self.set_choice(&path, v.clone());
                }
            }
        }
    }

    fn paste(&mut self, text: &str) {
        self.open_text();
        let multiline = self.context().text;
        if let Some(ed) = &mut self.editor {
            let clean = crate::text::clean_paste(text, multiline);
            if ed.insert_str(clean) {
                self.editing = true;
            }
        }
    }

    fn overlay_key(&mut self, ov: Overlay, act: Option<Act>, key: Key) -> Effect {
        if let Overlay::PathPrompt { mut input } = ov {
            match key.code {
                Code::Enter if !input.trim().is_empty() => {
                    self.overlay = None;
                    return Effect::Relocate(input.trim().to_string());
                }
                Code::Esc => {
                    self.overlay = None;
                    self.pending = None;
                }
                Code::Char('c') if key.ctrl => {
                    self.overlay = None;
                    self.pending = None;
                }
                Code::Char('u') if key.ctrl => input.clear(),
                Code::Backspace => input.truncate(crate::text::without_last_grapheme(&input).len()),
                Code::Char(c) if !key.ctrl && !key.alt => input.push(c),
                _ => {}
            }
            if self.overlay.is_some() {
                self.overlay = Some(Overlay::PathPrompt { input });
            }
            return Effect::None;
        }
        match (ov, act) {
            (Overlay::Help, _) => self.overlay = None,
            (Overlay::Map { sel }, Some(Act::Up)) => self.overlay = Some(Overlay::Map { sel: sel.saturating_sub(1) }),
            (Overlay::Map { sel }, Some(Act::Down)) => {
                self.overlay = Some(Overlay::Map { sel: (sel + 1).min(spec().sections.len()) });
            }
            (Overlay::Map { sel }, Some(Act::Yes)) => {
                self.overlay = None;
                if sel >= spec().sections.len() {
                    self.screen = Screen::Review;
                } else {
                    self.enter(sel, At::First);
                }
            }
            (Overlay::Picker { path, options, sel }, Some(Act::Up)) => {
                self.overlay = Some(Overlay::Picker { path, options, sel: sel.saturating_sub(1) });
            }
            (Overlay::Picker { path, sel, options }, Some(Act::Down)) => {
                let sel = (sel + 1).min(options.len().saturating_sub(1));
                self.overlay = Some(Overlay::Picker { path, options, sel });
            }
            (Overlay::Picker { path, options, sel }, Some(Act::Yes)) => {
                self.overlay = None;
                if let Some(v) = options.get(sel) {
                    self.set_choice(&path, v.clone());
                }
            }
            (Overlay::Picker { path, options, .. }, None) => {
                if let Some(n) = match key.code {
                    Code::Char(c) => keymap::choice_digit(c),
                    _ => None,
                } {
                    if let Some(v) = options.get(n - 1) {
                        self.overlay = None;
                        self.set_choice(&path, v.clone());
                    }
                }
            }
            (Overlay::Confirm(c), Some(Act::Yes)) => {
                self.overlay = None;
                return self.confirmed(c);
            }
            (_, Some(Act::Cancel)) => self.overlay = None,
            _ => {}
        }
        Effect::None
    }

    fn confirmed(&mut self, c: Confirm) -> Effect {
        match c {
            Confirm::Quit => Effect::Quit,
            Confirm::WriteWithErrors(_) => self.write_checked_overwrite(),
            Confirm::Overwrite(_) => self.write_now(),
            Confirm::DeleteRow => {
                self.delete_row(true);
                Effect::None
            }
        }
    }

    fn quit(&mut self) -> Effect {
        self.commit();
        if self.dirty && !self.read_only {
            self.overlay = Some(Overlay::Confirm(Confirm::Quit));
            Effect::None
        } else {
            Effect::Quit
        }
    }

    fn save(&mut self) -> Effect {
        self.commit();
        if self.read_only {
            self.note = Some(Note::error("note.read_only", vec![]));
            return Effect::None;
        }
        Effect::SaveData(file::save(&self.pkg, Catalog::get(Lang::ZhCn)))
    }

    fn start_write(&mut self) -> Effect {
        self.commit();
        if self.read_only {
            self.note = Some(Note::error("note.read_only", vec![]));
            return Effect::None;
        }
        let (errors, _) = self.counts();
        if errors > 0 {
            self.overlay = Some(Overlay::Confirm(Confirm::WriteWithErrors(errors)));
            return Effect::None;
        }
        self.write_checked_overwrite()
    }

    fn write_checked_overwrite(&mut self) -> Effect {
        let mut existing = Vec::new();
        if self.files.data_exists {
            existing.push(self.files.data.clone());
        }
        if self.files.report_exists {
            existing.push(self.files.report.clone());
        }
        if existing.is_empty() {
            self.write_now()
        } else {
            self.overlay = Some(Overlay::Confirm(Confirm::Overwrite(existing)));
            Effect::None
        }
    }

    fn write_now(&mut self) -> Effect {
        let data = file::save(&self.pkg, Catalog::get(Lang::ZhCn));
        let report = report::render(&self.pkg, &self.figures, self.catalog());
        Effect::WriteAll { data, report }
    }

    // ── focus and sections ──

    fn enter(&mut self, section: usize, at: At) {
        self.commit();
        self.overlay = None;
        self.screen = Screen::Section;
        self.section = section;
        self.prefill();
        self.slots = slots::slots(&spec().sections[section], &self.pkg);
        self.focus = match at {
            At::First => 0,
            At::Last => self.slots.len().saturating_sub(1),
            At::Path(ref p) => slots::find(&self.slots, p).unwrap_or(0),
        };
        self.load_editor();
        // Arriving in a section redraws the screen anyway: a long text there opens at once.
        self.open_text();
    }

    fn prefill(&mut self) {
        let s = &spec().sections[self.section];
        let mut changed = false;
        for (target, source) in DEFAULTS {
            if spec().section_of(target) == Some(self.section) && self.pkg.text(target).is_empty() {
                let v = self.pkg.text(source).to_string();
                if !v.is_empty() {
                    self.pkg.set(target, v);
                    changed = true;
                }
            }
        }
        if s.id == "report_s6"
            && self.pkg.text("report.score").is_empty()
            && !self.pkg.rows("self_eval.indicators").is_empty()
        {
            self.pkg.set("report.score", crate::form::calc::fixed2(self.figures.total_score));
            changed = true;
        }
        if changed {
            self.changed();
        }
    }

    fn jump_to(&mut self, path: &str) {
        if let Some(sec) = spec().section_of(path) {
            self.enter(sec, At::Path(path.to_string()));
            self.revealed.insert(path.to_string());
        }
    }

    fn set_focus(&mut self, idx: usize) {
        self.commit();
        self.focus = idx.min(self.slots.len().saturating_sub(1));
        self.load_editor();
    }

    fn next(&mut self) {
        // A score below the rule score asks for the reason next.
        let after_score = self
            .slot()
            .and_then(Slot::path)
            .and_then(split_cell)
            .filter(|(_, _, c)| *c == "score")
            .map(|(t, r, _)| (t.to_string(), r));
        self.commit();
        if let Some((t, r)) = after_score {
            let reason = cell_path(&t, r, "reason");
            if self.issues.iter().any(|i| i.rule == "E-16" && i.path == reason) {
                if let Some(idx) = slots::find(&self.slots, &reason) {
                    self.set_focus(idx);
                    self.note = Some(Note::info("note.give_reason", vec![("row", r.to_string())]));
                    return;
                }
            }
        }
        if self.focus + 1 < self.slots.len() {
            self.set_focus(self.focus + 1);
        } else {
            self.next_section();
        }
    }

    fn prev(&mut self) {
        if self.focus > 0 {
            self.set_focus(self.focus - 1);
        } else if self.section > 0 {
            self.enter(self.section - 1, At::Last);
        }
    }

    fn vertical(&mut self, delta: isize) {
        if let Some(i) = slots::vertical(&self.slots, self.focus, delta) {
            self.set_focus(i);
        }
    }

    fn next_section(&mut self) {
        self.commit();
        let blocking: Vec<Issue> = self.blocking().into_iter().cloned().collect();
        if let Some(first) = blocking.first() {
            for i in &blocking {
                self.revealed.insert(i.path.clone());
            }
            let cat = self.catalog();
            self.note = Some(Note::error(
                "note.blocked",
                vec![
                    ("count", blocking.len().to_string()),
                    ("field", crate::present::label(&first.path, cat)),
                    ("message", crate::present::message(first, cat)),
                ],
            ));
            if let Some(idx) = slots::find(&self.slots, &first.path) {
                self.set_focus(idx);
            }
            return;
        }
        if self.section + 1 < spec().sections.len() {
            self.enter(self.section + 1, At::First);
        } else {
            self.screen = Screen::Review;
            self.review_sel = 0;
        }
    }

    fn prev_section(&mut self) {
        if self.section > 0 {
            self.enter(self.section - 1, At::First);
        } else {
            self.commit();
        }
    }

    // ── editing ──

    fn load_editor(&mut self) {
        self.editing = false;
        let same = matches!(self.slot().map(|s| &s.kind), Some(SlotKind::Field { path, .. }) if self.opened.as_ref() == Some(path));
        if !same {
            self.opened = None;
        }
        self.editor = match self.slot().map(|s| s.kind.clone()) {
            Some(SlotKind::Field { path, kind }) if !matches!(kind, Kind::Choice(_)) => {
                let text = self.pkg.text(&path);
                let lines: Vec<String> = if kind == Kind::LongText {
                    text.split('\n').map(str::to_string).collect()
                } else {
                    vec![text.replace('\n', " ")]
                };
                let mut ta = TextArea::new(lines);
                if kind == Kind::LongText {
                    ta.set_wrap_mode(WrapMode::WordOrGlyph);
                }
                ta.set_max_histories(200);
                // The terminal's own cursor marks the caret (input methods follow it); no painted one.
                ta.set_cursor_style(ratatui::style::Style::default());
                ta.set_cursor_line_style(ratatui::style::Style::default());
                ta.set_selection_style(
                    ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::REVERSED),
                );
                ta.move_cursor(CursorMove::Bottom);
                ta.move_cursor(CursorMove::End);
                // A single-line value is selected on arrival: typing replaces it, arrows keep it.
                if kind != Kind::LongText && !text.is_empty() {
                    ta.move_cursor(CursorMove::Head);
                    ta.start_selection();
                    ta.move_cursor(CursorMove::End);
                }
                Some(ta)
            }
            _ => None,
        };
    }

    /// Stores the editor's text in the package (canonical when valid, as typed when not) and
    /// re-checks the package.
    fn commit(&mut self) {
        let Some(Slot { kind: SlotKind::Field { path, kind }, .. }) = self.slot().cloned() else { return };
        let Some(text) = self.editor_text() else { return };
        let text = if kind == Kind::LongText { text.trim_end().to_string() } else { text.trim().to_string() };
        self.revealed.insert(path.clone());
        if text == self.pkg.text(&path) {
            self.editing = false;
            return;
        }
        let stored = match canonical(kind, &text) {
            Ok(c) => {
                if c != text {
                    self.note = Some(Note::info(
                        "note.normalized",
                        vec![("from", crate::text::visible(&text, false)), ("to", c.clone())],
                    ));
                }
                c
            }
            Err(_) => text,
        };
        self.pkg.set(&path, stored.clone());
        self.editing = false;
        self.autofill(&path);
        self.changed();
        if let Some(ed) = &mut self.editor {
            if ed.lines().join("\n") != stored {
                self.load_editor();
            }
        }
    }

    /// Indicator conveniences: the nature inferred from the target, the rule score proposed.
    fn autofill(&mut self, path: &str) {
        let Some((table, row, col)) = split_cell(path) else { return };
        if table != "self_eval.indicators" {
            return;
        }
        let cell = |c: &str| cell_path(table, row, c);
        if col == "target" && self.pkg.text(&cell("nature")).is_empty() {
            let n = infer_nature(self.pkg.text(path));
            self.pkg.set(&cell("nature"), n.symbol().to_string());
            if n == Nature::Qualitative && self.pkg.text(&cell("tier")).is_empty() {
                if let Some(t) = self.profile.tiers.first() {
                    self.pkg.set(&cell("tier"), t.name.clone());
                }
            }
        }
        if self.pkg.text(&cell("score")).is_empty() && matches!(col, "target" | "actual" | "weight" | "nature" | "tier")
        {
            if let Some(rowdata) = self.pkg.rows(table).get(row - 1) {
                if let Some(score) = crate::form::calc::propose(rowdata, &self.profile).score {
                    self.pkg.set(&cell("score"), crate::form::calc::fixed2(score));
                }
            }
        }
    }

    /// The package changed: mark unsaved, count the revision, check again.
    fn changed(&mut self) {
        self.dirty = true;
        self.revision += 1;
        self.recheck();
    }

    fn recheck(&mut self) {
        let (f, i) = rules::check(&self.pkg, &self.profile);
        self.figures = f;
        self.issues = i;
    }

    fn clear(&mut self) {
        if let Some(ed) = &mut self.editor {
            ed.select_all();
            if ed.cut() {
                self.editing = true;
            }
        } else if let Some(path) = self.slot().and_then(Slot::path).map(str::to_string) {
            self.pkg.set(&path, String::new());
            self.changed();
        }
    }

    /// The stored values a choice field offers.
    #[must_use]
    pub fn options(&self, path: &str, ch: Choices) -> Vec<String> {
        match ch {
            Choices::Level1 => self.profile.level1.iter().map(|l| l.name.clone()).collect(),
            Choices::Level2 => {
                let l1 = split_cell(path)
                    .map(|(t, r, _)| self.pkg.text(&cell_path(t, r, "level1")).to_string())
                    .unwrap_or_default();
                self.profile.level1(&l1).map(|l| l.level2.iter().map(|m| m.name.clone()).collect()).unwrap_or_default()
            }
            Choices::Nature => Nature::ALL.iter().map(|n| n.symbol().to_string()).collect(),
            Choices::Tier => self.profile.tiers.iter().map(|t| t.name.clone()).collect(),
        }
    }

    fn activate(&mut self) {
        match self.slot().map(|s| s.kind.clone()) {
            Some(SlotKind::Field { path, kind: Kind::Choice(ch) }) => {
                let options = self.options(&path, ch);
                if options.is_empty() {
                    self.note = Some(Note::error("note.pick_level1_first", vec![]));
                    return;
                }
                let cur = self.pkg.text(&path).to_string();
                let sel = options.iter().position(|o| *o == cur).unwrap_or(0);
                self.overlay = Some(Overlay::Picker { path, options, sel });
            }
            Some(SlotKind::AddRow { table }) => {
                let at = self.pkg.rows(table).len();
                self.insert_row(table, at);
            }
            Some(SlotKind::Calc { .. }) => self.overlay = Some(Overlay::Help),
            Some(SlotKind::Field { kind: Kind::LongText, .. }) => self.open_text(),
            _ => {}
        }
    }

    fn set_choice(&mut self, path: &str, value: String) {
        if self.pkg.text(path) == value {
            return;
        }
        self.pkg.set(path, value);
        self.revealed.insert(path.to_string());
        if let Some((t, r, "level1")) = split_cell(path) {
            let l2 = cell_path(t, r, "level2");
            let ok = self.options(&l2, Choices::Level2).iter().any(|o| o == self.pkg.text(&l2));
            if !ok {
                self.pkg.set(&l2, String::new());
            }
        }
        self.autofill(path);
        self.changed();
    }

    fn table_row(&self) -> Option<(&'static str, usize)> {
        let slot = self.slot()?;
        match &slot.kind {
            SlotKind::Field { path, .. } => {
                let (t, r, _) = split_cell(path)?;
                Some((spec().table(t)?.key, r))
            }
            SlotKind::Calc { row: Some(r), .. } => {
                let t = self.slots.iter().find_map(|s| match &s.kind {
                    SlotKind::AddRow { table } => Some(*table),
                    _ => None,
                })?;
                Some((t, *r))
            }
            SlotKind::AddRow { table } => Some((table, self.pkg.rows(table).len() + 1)),
            SlotKind::Calc { .. } => None,
        }
    }

    fn insert_row(&mut self, table: &'static str, at: usize) {
        self.commit();
        let idx = self.pkg.insert_row(table, at);
        self.changed();
        self.slots = slots::slots(&spec().sections[self.section], &self.pkg);
        let first_col = &spec().table(table).map(|t| t.columns[0].key.clone()).unwrap_or_default();
        self.focus = slots::find(&self.slots, &cell_path(table, idx + 1, first_col)).unwrap_or(0);
        self.load_editor();
    }

    fn add_row(&mut self) {
        if let Some((t, r)) = self.table_row() {
            self.insert_row(t, r);
        }
    }

    fn delete_row(&mut self, confirmed: bool) {
        let Some((t, r)) = self.table_row() else { return };
        if r > self.pkg.rows(t).len() {
            return;
        }
        self.commit();
        let has_data = self.pkg.rows(t)[r - 1].values().any(|v| !v.is_empty());
        if has_data && !confirmed {
            self.overlay = Some(Overlay::Confirm(Confirm::DeleteRow));
            return;
        }
        self.pkg.remove_row(t, r - 1);
        self.changed();
        let keep = self.focus;
        self.slots = slots::slots(&spec().sections[self.section], &self.pkg);
        self.focus = keep.min(self.slots.len().saturating_sub(1));
        self.load_editor();
    }

    fn move_row(&mut self, delta: isize) {
        let Some((t, r)) = self.table_row() else { return };
        let Some(to) = r.checked_add_signed(delta).filter(|to| *to >= 1 && *to <= self.pkg.rows(t).len()) else {
            return;
        };
        self.commit();
        let col =
            self.slot().and_then(Slot::path).and_then(split_cell).map(|(_, _, c)| c.to_string()).unwrap_or_default();
        if self.pkg.swap_rows(t, r - 1, to - 1) {
            self.changed();
            self.slots = slots::slots(&spec().sections[self.section], &self.pkg);
            self.focus = slots::find(&self.slots, &cell_path(t, to, &col)).unwrap_or(self.focus);
            self.load_editor();
        }
    }
}

/// The textarea's input for a key.
fn to_input(k: Key) -> ratatui_textarea::Input {
    use ratatui_textarea::Key as K;
    let key = match k.code {
        Code::Char(c) => K::Char(c),
        Code::Enter => K::Enter,
        Code::Tab | Code::BackTab => K::Tab,
        Code::Esc => K::Esc,
        Code::Backspace => K::Backspace,
        Code::Delete => K::Delete,
        Code::Insert => K::Null,
        Code::Up => K::Up,
        Code::Down => K::Down,
        Code::Left => K::Left,
        Code::Right => K::Right,
        Code::Home => K::Home,
        Code::End => K::End,
        Code::PageUp => K::PageUp,
        Code::PageDown => K::PageDown,
        Code::F(n) => K::F(n),
    };
    ratatui_textarea::Input { key, ctrl: k.ctrl, alt: k.alt, shift: k.shift }
}

/// Where to put the focus on entering a section.
enum At {
    First,
    Last,
    Path(String),
}
