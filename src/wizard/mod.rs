//! The wizard as a pure state machine: `Wizard::update(Event) -> Effect`. It holds the package,
//! the screen (each carrying its own state), the latest check of the package and what the
//! user has seen. It never touches the terminal or the file system: saving and writing are
//! effects that the edge (`tui`, `plain`) carries out and reports back.
//!
//! Screens: Welcome → one screen per section (the form's sections, with each project sheet's
//! sections after the project list) → Review → Done. Moving forward is refused while the
//! section has errors; back, jump, save and quit always work.
//!
//! The parts: `sections` (the list of section screens and moving between them), `slots`
//! (what a section shows and where), `nav` (focus within a section), `editor` (the focused
//! field's text editor), `rows` (table rows and project sheets), `overlay` (popups), `persist`
//! (save, write, quit, drafts), `command` (what plain mode and scripts send). Every value that
//! enters the package — typed, pasted, picked, prefilled, from `--answers` or a restored
//! draft — goes through [`Wizard::apply`] or [`Wizard::replace`], which re-check it.

mod caret;
mod command;
mod editor;
pub mod geometry;
mod nav;
pub mod overlay;
mod persist;
mod review;
mod rows;
pub mod sections;
pub mod slots;
pub mod window;

use foldhash::{HashMap, HashMapExt as _, HashSet, HashSetExt as _};

use ratatui_textarea::TextArea;

use crate::form::def::{Checked, Kind};
use crate::form::{Issue, Package, Profile, Severity};
use crate::i18n::{Catalog, Lang};
use crate::keymap::{self, Act, Code, Context, Key};
pub use command::Command;
pub use nav::TabTarget;
pub use persist::{Snapshot, split_draft};

/// The smallest terminal the full screen is drawn in (columns, rows); smaller, a message says
/// so and only quit and save act.
pub const MIN_SIZE: (u16, u16) = (80, 24);
pub use sections::SectionRef;
pub use slots::{Group, Line, Slot, SlotKind};

/// A section screen and its state.
#[derive(Clone, Debug)]
pub struct Page {
    /// Index into the wizard's section list.
    pub index: usize,
    /// What can be focused, in row order. Set with [`Page::set_slots`], which keeps `lines`
    /// in step.
    pub slots: Vec<Slot>,
    /// The lines the slots are drawn on ([`slots::lines`]).
    pub lines: Vec<slots::Line>,
    /// The focused slot.
    pub focus: usize,
    /// Editor of the focused slot when it holds text. A long text of more than
    /// [`window::WINDOW_CHARS`] characters holds only a window around the caret; the rest
    /// waits in `outside`.
    pub editor: Option<TextArea<'static>>,
    /// A long text's text before and after the editor's window.
    pub outside: Outside,
    /// Whether the editor was changed since the slot was focused.
    pub editing: bool,
    /// The screen column a run of Up and Down keys in the editor started from.
    pub column: Option<usize>,
    /// The long text whose full editor is open (its path). A long text arrives closed: one line
    /// says how long it is, so moving through a section rewrites little (issue 6). Enter,
    /// typing, pasting, undo or redo opens it; moving to another field closes it.
    pub opened: Option<String>,
    /// The row Tab added at the end of a table (table path, 1-based row), while the focus is
    /// in it: removed when the focus leaves it still blank (`nav`).
    pub fresh: Option<(String, usize)>,
}

/// A long text's text outside the editor's window (both empty: the editor holds it all);
/// the whole text is `before`, the editor's lines joined by line breaks, then `after`. A
/// window ending at a line break leaves that break outside (`before` ends with it, `after`
/// begins with it); one cut inside a paragraph does not. See [`window`].
#[derive(Clone, Debug, Default)]
pub struct Outside {
    /// The text before the window.
    pub before: String,
    /// The text after the window.
    pub after: String,
    /// The editors of windows the caret left, newest last, for undo to go back into.
    pub earlier: Vec<window::Earlier>,
    /// The editors undo went back from, newest last, for redo to go forward to.
    pub later: Vec<window::Earlier>,
    /// Whether the window's editor holds edits (undo has something there).
    pub edited: bool,
}

/// Where the user is; each screen carries its own state.
#[derive(Clone, Debug)]
pub enum Screen {
    /// Start: continue or new, language; the highlighted option.
    Welcome {
        /// Highlighted option.
        sel: usize,
    },
    /// A section of the form.
    Section(Box<Page>),
    /// Every error and warning, the score, and writing; the highlighted issue.
    Review {
        /// Highlighted issue.
        sel: usize,
    },
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
    /// Delete a project sheet (its name).
    DeleteProject(String),
}

/// A popup over the screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// Help for the focused slot.
    Help,
    /// Last year's text for the focused field (a package started from last year's: F1 shows
    /// it first), scrolled down by `scroll` lines.
    Reference {
        /// Lines scrolled.
        scroll: usize,
    },
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
    /// Write the data file, the report and the office files the user chose.
    WriteAll {
        /// TOML text.
        data: String,
        /// Report text.
        report: String,
        /// Each office file: its extension (beside the data file: `FILE.xlsx`) and bytes.
        office: Vec<(&'static str, Vec<u8>)>,
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

/// A draft left by an earlier session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftOffer {
    /// The draft's package.
    pub package: Package,
    /// How old it was when found, in seconds (said in words when shown: `present::ago`).
    pub age_secs: u64,
    /// The field that had the focus when it was written (its first line, `split_draft`), if
    /// it named one: restored, the focus goes back there.
    pub at: Option<String>,
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

/// The wizard's whole state.
pub struct Wizard {
    /// Shared with the published draft snapshot (`Wizard::snapshot`): a change after a
    /// snapshot copies it once (`pkg_mut`), typing never does.
    pkg: std::sync::Arc<Package>,
    /// [`Wizard::progress`], counted over every cell once per change of the package (the
    /// header shows it on every frame), not once per frame.
    progress: std::cell::Cell<Option<(usize, usize)>>,
    profile: Profile,
    lang: Lang,
    screen: Screen,
    /// The section screens for the current package (the form's sections and each project's).
    sections: Vec<SectionRef>,
    /// The section last shown (the map and PgUp from the review start there).
    last_section: usize,
    checked: Checked,
    /// The section of each of `checked.issues` (same order), found once per check, not once
    /// per frame: the footer counts the section's issues on every frame, and finding an
    /// issue's section walks the form.
    issue_sections: std::cell::OnceCell<Vec<Option<usize>>>,
    /// The indexes in `checked.issues` of each path's issues, found once per check: every
    /// field and cell on screen asks for its own on every frame, and a scan of all issues per
    /// cell grew with the package (a key in a 1,000-row table).
    issue_index: std::cell::OnceCell<HashMap<String, Vec<usize>>>,
    /// Paths whose issues are shown (visited, loaded, or revealed by a refused step). Hashed:
    /// every cell on screen asks on every frame, and a sorted set of 9,000 paths sharing long
    /// prefixes cost a dozen string comparisons each.
    revealed: HashSet<String>,
    overlay: Option<Overlay>,
    note: Option<Note>,
    draft_error: Option<String>,
    dirty: bool,
    /// The package as the wizard opened it or last saved it. `dirty` says something changed
    /// since; quitting, a package that came back to this (a row added and removed again) has
    /// nothing unsaved after all ([`Wizard::settle_unsaved`]). Shared, not copied, until the
    /// first change.
    baseline: std::sync::Arc<Package>,
    files: Files,
    size: (u16, u16),
    revision: u64,
    draft_offer: Option<DraftOffer>,
    read_only: bool,
    pending: Option<Retry>,
}

impl Page {
    /// Replaces the slots and the lines drawn from them.
    pub fn set_slots(&mut self, slots: Vec<Slot>) {
        self.lines = slots::lines(&slots);
        self.slots = slots;
    }
}

impl Wizard {
    /// A wizard on `pkg`. A package that was loaded shows all its issues at once.
    #[must_use]
    pub fn new(pkg: Package, profile: Profile, lang: Lang, files: Files) -> Self {
        let checked = crate::form::check(&pkg, &profile);
        let revealed =
            if pkg.is_blank() { HashSet::new() } else { checked.issues.iter().map(|i| i.path.clone()).collect() };
        let sections = sections::list(&pkg, &profile);
        let pkg = std::sync::Arc::new(pkg);
        Self {
            baseline: std::sync::Arc::clone(&pkg),
            pkg,
            progress: std::cell::Cell::new(None),
            profile,
            lang,
            screen: Screen::Welcome { sel: 0 },
            sections,
            last_section: 0,
            checked,
            issue_sections: std::cell::OnceCell::new(),
            issue_index: std::cell::OnceCell::new(),
            revealed,
            overlay: None,
            note: None,
            draft_error: None,
            dirty: false,
            files,
            size: (80, 24),
            revision: 0,
            draft_offer: None,
            read_only: false,
            pending: None,
        }
    }

    // ── reading the state (the renderers, the edges, tests) ──

    /// The package being filled.
    #[must_use]
    pub fn pkg(&self) -> &Package {
        &self.pkg
    }

    /// The scoring profile.
    #[must_use]
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The interface language.
    #[must_use]
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The catalog of the current language.
    #[must_use]
    pub fn catalog(&self) -> &'static Catalog {
        Catalog::get(self.lang)
    }

    /// The current screen.
    #[must_use]
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The section screen shown, if one is.
    #[must_use]
    pub fn page(&self) -> Option<&Page> {
        match &self.screen {
            Screen::Section(p) => Some(p),
            _ => None,
        }
    }

    fn page_mut(&mut self) -> Option<&mut Page> {
        match &mut self.screen {
            Screen::Section(p) => Some(p),
            _ => None,
        }
    }

    /// The section screens of this package, in order.
    #[must_use]
    pub fn sections(&self) -> &[SectionRef] {
        &self.sections
    }

    /// The index of the section shown (or last shown, on the review).
    #[must_use]
    pub fn section(&self) -> usize {
        self.page().map_or(self.last_section, |p| p.index)
    }

    /// The slots of the section shown (empty elsewhere).
    #[must_use]
    pub fn slots(&self) -> &[Slot] {
        self.page().map_or(&[], |p| p.slots.as_slice())
    }

    /// The lines the section's slots are drawn on (empty elsewhere).
    #[must_use]
    pub fn lines(&self) -> &[Line] {
        self.page().map_or(&[], |p| p.lines.as_slice())
    }

    /// The focused slot index.
    #[must_use]
    pub fn focus(&self) -> usize {
        self.page().map_or(0, |p| p.focus)
    }

    /// The focused slot.
    #[must_use]
    pub fn slot(&self) -> Option<&Slot> {
        self.page().and_then(|p| p.slots.get(p.focus))
    }

    /// The editor of the focused field.
    #[must_use]
    pub fn editor(&self) -> Option<&TextArea<'static>> {
        self.page().and_then(|p| p.editor.as_ref())
    }

    /// Whether the focused field was changed since it was focused.
    #[must_use]
    pub fn editing(&self) -> bool {
        self.page().is_some_and(|p| p.editing)
    }

    /// The text currently in the editor.
    #[must_use]
    pub fn editor_text(&self) -> Option<String> {
        let p = self.page()?;
        let ed = p.editor.as_ref()?;
        let o = &p.outside;
        if o.before.is_empty() && o.after.is_empty() {
            return Some(ed.lines().join("\n"));
        }
        Some(format!("{}{}{}", o.before, ed.lines().join("\n"), o.after))
    }

    /// Is the focused slot a long text with its full editor open?
    #[must_use]
    pub fn is_open(&self) -> bool {
        match (self.page(), self.slot().map(|s| &s.kind)) {
            (Some(p), Some(SlotKind::Field { path, kind: Kind::LongText })) => p.opened.as_ref() == Some(path),
            _ => false,
        }
    }

    /// The open popup.
    #[must_use]
    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    /// The latest check: computed cells, issues, scores.
    #[must_use]
    pub fn checked(&self) -> &Checked {
        &self.checked
    }

    /// Every issue of the package.
    #[must_use]
    pub fn issues(&self) -> &[Issue] {
        &self.checked.issues
    }

    /// Whether the issues at `path` are shown.
    #[must_use]
    pub fn is_revealed(&self, path: &str) -> bool {
        self.revealed.contains(path)
    }

    /// The status message.
    #[must_use]
    pub fn note(&self) -> Option<&Note> {
        self.note.as_ref()
    }

    /// Why the draft cannot be written, while it cannot.
    #[must_use]
    pub fn draft_error(&self) -> Option<&String> {
        self.draft_error.as_ref()
    }

    /// Changes not yet saved to the data file.
    #[must_use]
    pub fn dirty(&self) -> bool {
        self.dirty
    }

    /// The package as the data file holds it, when the wizard was given another (the file with
    /// `--answers` merged in): what differs from it is unsaved — asked about on quitting, kept
    /// in the draft — as if typed.
    pub fn opened_from(&mut self, file: Package) {
        self.baseline = std::sync::Arc::new(file);
        self.dirty = true;
        self.settle_unsaved();
    }

    /// Changed, but back to what was opened or saved (a blank row added and removed again):
    /// nothing unsaved after all. Returns whether that was so (the draft written meanwhile is
    /// then the file's text again, and can go). Compared as the data file would be written
    /// (an empty table kept and one never added are the same file): twice the whole package
    /// written, for quitting and the end of input, never for a key.
    pub fn settle_unsaved(&mut self) -> bool {
        let text = |p: &Package| crate::form::file::save(p, Catalog::get(Lang::ZhCn));
        let back = self.dirty && !self.editing() && text(&self.pkg) == text(&self.baseline);
        if back {
            self.dirty = false;
        }
        back
    }

    /// What is done again once the user picked another path after a failed save or write.
    #[must_use]
    pub fn retry(&self) -> Option<Retry> {
        self.pending
    }

    /// The output files as shown.
    #[must_use]
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// The output files changed (another path was chosen).
    pub fn set_files(&mut self, files: Files) {
        self.files = files;
    }

    /// The terminal size.
    #[must_use]
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// Whether the terminal is smaller than [`MIN_SIZE`] (only quit and save act then).
    #[must_use]
    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_SIZE.0 || self.size.1 < MIN_SIZE.1
    }

    /// Grows by one with every change to the package (the edge writes the draft on change).
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// A draft found at start, offered on the welcome screen.
    #[must_use]
    pub fn draft_offer(&self) -> Option<&DraftOffer> {
        self.draft_offer.as_ref()
    }

    /// Offers a draft found at start.
    pub fn offer_draft(&mut self, offer: DraftOffer) {
        self.draft_offer = Some(offer);
    }

    /// Takes the offered draft (plain mode asks on a line of its own).
    pub fn take_draft_offer(&mut self) -> Option<DraftOffer> {
        self.draft_offer.take()
    }

    /// Look only: saving and writing are refused.
    #[must_use]
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// Sets look-only mode.
    pub fn set_read_only(&mut self, on: bool) {
        self.read_only = on;
    }

    /// The key context for the focused slot.
    #[must_use]
    pub fn context(&self) -> Context {
        let kind = match self.slot().map(|s| &s.kind) {
            Some(SlotKind::Field { kind, .. }) => Some(*kind),
            _ => None,
        };
        let editor = self.editor().is_some();
        Context {
            dialog: self.overlay.is_some() || matches!(self.screen, Screen::Welcome { .. } | Screen::Done),
            review: matches!(self.screen, Screen::Review { .. }),
            line: editor && kind != Some(Kind::LongText),
            text: editor && self.is_open(),
            closed: editor && kind == Some(Kind::LongText) && !self.is_open(),
            in_table: self.slot().is_some_and(|s| matches!(s.group, Group::Table(_) | Group::Instances(_))),
            read_only: self.read_only,
        }
    }

    /// Issues of one section.
    #[must_use]
    pub fn section_issues(&self, section: usize) -> Vec<&Issue> {
        let of = self.issue_sections.get_or_init(|| {
            self.checked.issues.iter().map(|i| sections::section_of(&self.sections, &i.path)).collect()
        });
        self.checked.issues.iter().zip(of).filter(|(_, s)| **s == Some(section)).map(|(i, _)| i).collect()
    }

    /// Errors that block leaving the current section forward.
    #[must_use]
    pub fn blocking(&self) -> Vec<&Issue> {
        self.section_issues(self.section()).into_iter().filter(|i| i.severity() == Severity::Error).collect()
    }

    /// Issues shown for `path` (only once revealed).
    #[must_use]
    pub fn issues_at(&self, path: &str) -> Vec<&Issue> {
        let index = self.issue_index.get_or_init(|| {
            let mut m: HashMap<String, Vec<usize>> = HashMap::new();
            for (n, i) in self.checked.issues.iter().enumerate() {
                m.entry(i.path.clone()).or_default().push(n);
            }
            m
        });
        // Most paths have no issues: one look-up answers them.
        match index.get(path) {
            Some(ns) if self.revealed.contains(path) => ns.iter().filter_map(|n| self.checked.issues.get(*n)).collect(),
            _ => Vec::new(),
        }
    }

    /// Counts of (errors, warnings) over the whole package.
    #[must_use]
    pub fn counts(&self) -> (usize, usize) {
        let e = self.checked.issues.iter().filter(|i| i.severity() == Severity::Error).count();
        (e, self.checked.issues.len() - e)
    }

    /// (filled, total) input fields, table cells included, over every sheet.
    #[must_use]
    pub fn progress(&self) -> (usize, usize) {
        if let Some(p) = self.progress.get() {
            return p;
        }
        let p = sections::progress(&self.pkg);
        self.progress.set(Some(p));
        p
    }

    /// Last year's text for the focused field, when the package was started from last year's
    /// and kept one for it (`Package::reference`): shown on F1 and in the pane, never a value.
    #[must_use]
    pub fn reference(&self) -> Option<&str> {
        self.slot().and_then(Slot::path).and_then(|p| crate::form::carry::reference_at(&self.pkg, p))
    }

    /// The fiscal year of the package this one was started from (`jixiao new --from`).
    #[must_use]
    pub fn carried_from(&self) -> Option<i32> {
        crate::form::carry::source_year(&self.pkg)
    }

    /// The highlighted welcome option.
    #[must_use]
    pub fn welcome_sel(&self) -> usize {
        match self.screen {
            Screen::Welcome { sel } => sel,
            _ => 0,
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

    // ── changing the state ──

    /// Handles one event.
    pub fn update(&mut self, ev: Event) -> Effect {
        match ev {
            Event::Resize(w, h) => {
                let was = std::mem::replace(&mut self.size, (w, h));
                if let Some(p) = self.page_mut() {
                    p.resized(was, (w, h));
                }
                Effect::None
            }
            Event::Saved(r) => {
                self.saved(r);
                Effect::None
            }
            Event::DraftWritten(r) => {
                self.draft_error = r.err();
                Effect::None
            }
            Event::Relocated => self.relocated(),
            Event::Wrote(r) => {
                self.wrote(r);
                Effect::None
            }
            Event::Paste(text) => {
                self.paste(&text);
                Effect::None
            }
            Event::Key(key) => self.key(key),
        }
    }

    /// Stores values (each parsed once, as typed text), fills what they imply, and re-checks
    /// the package: the one path every value takes into the package.
    pub(crate) fn apply(&mut self, values: Vec<(String, String)>) {
        let mut changed = false;
        for (path, text) in values {
            // The same text again changes nothing, except that a value the form filled is the
            // user's once the user gives it.
            if self.pkg.text_at(&path) == text && !self.pkg.filled_at(&path) {
                continue;
            }
            if self.pkg_mut().set(&path, text) {
                changed = true;
                let fills = self.pkg.form().behaviour.autofill(&self.pkg, &self.profile, &path);
                for (p, t) in fills {
                    self.pkg_mut().fill(&p, t);
                }
            }
        }
        if changed {
            self.changed();
        }
    }

    /// Replaces the whole package (a restored draft, `--answers`), re-checks it and shows all
    /// its issues.
    pub fn replace(&mut self, pkg: Package) {
        self.pkg = std::sync::Arc::new(pkg);
        self.progress.set(None);
        self.changed();
        self.revealed = self.checked.issues.iter().map(|i| i.path.clone()).collect();
    }

    /// The package, to change it: copied first if a published snapshot still shares it.
    pub(crate) fn pkg_mut(&mut self) -> &mut Package {
        self.progress.set(None);
        std::sync::Arc::make_mut(&mut self.pkg)
    }

    /// The package changed: mark unsaved, count the revision, check again.
    fn changed(&mut self) {
        self.dirty = true;
        self.revision += 1;
        self.checked = crate::form::check(&self.pkg, &self.profile);
        self.issue_sections = std::cell::OnceCell::new();
        self.issue_index = std::cell::OnceCell::new();
        let sections = sections::list(&self.pkg, &self.profile);
        if sections != self.sections {
            self.sections = sections;
        }
    }

    fn key(&mut self, key: Key) -> Effect {
        let ctx = self.context();
        let act = keymap::resolve(key, ctx);
        // A screen too small to show anything takes only quit and save (and the answer to
        // the question they may ask): keys typed blind must not move or fill anything.
        if self.too_small() && !matches!(act, Some(Act::Quit | Act::Save | Act::Yes | Act::Cancel)) {
            return Effect::None;
        }
        if !matches!(act, None | Some(Act::Undo | Act::Redo)) {
            self.note = None;
        }
        if let Some(ov) = self.overlay.clone() {
            return self.overlay_key(ov, act, key);
        }
        match self.screen {
            Screen::Welcome { .. } => self.welcome_key(key),
            Screen::Done => match key.code {
                Code::PageUp => {
                    self.screen = Screen::Review { sel: 0 };
                    Effect::None
                }
                _ => Effect::Quit,
            },
            Screen::Review { .. } => self.review_key(act),
            Screen::Section(_) => self.section_key(act, key),
        }
    }

    fn welcome_key(&mut self, key: Key) -> Effect {
        let opts = self.welcome_options();
        let cur = self.welcome_sel();
        let sel = opts.get(cur).copied().unwrap_or(WelcomeOpt::Start);
        let set = |w: &mut Self, s: usize| w.screen = Screen::Welcome { sel: s };
        match key.code {
            Code::Up | Code::BackTab => set(self, cur.saturating_sub(1)),
            Code::Down | Code::Tab => set(self, (cur + 1).min(opts.len() - 1)),
            Code::Left | Code::Right | Code::Char(' ') if sel == WelcomeOpt::Language => self.lang = self.lang.next(),
            Code::Enter => match sel {
                WelcomeOpt::Language => self.lang = self.lang.next(),
                WelcomeOpt::Start => self.start(),
                WelcomeOpt::RestoreDraft => {
                    let Some(d) = self.draft_offer.take() else {
                        self.start();
                        return Effect::None;
                    };
                    let before = std::sync::Arc::clone(&self.pkg);
                    self.replace(d.package);
                    // Back where the work stopped, not at the first field.
                    match self.resume_at(d.at, &before) {
                        Some((section, path)) => self.enter(section, nav::At::Path(path)),
                        None => self.start(),
                    }
                }
                // Only looking, the draft is someone's unsaved work: opened as it is, or left
                // alone, never deleted.
                WelcomeOpt::DiscardDraft if self.read_only => {
                    self.draft_offer = None;
                    self.start();
                }
                WelcomeOpt::DiscardDraft => {
                    self.draft_offer = None;
                    set(self, 0);
                    return Effect::DiscardDraft;
                }
            },
            Code::Esc => return Effect::Quit,
            Code::Char('c' | 'q') if key.ctrl => return Effect::Quit,
            _ => {}
        }
        Effect::None
    }

    fn section_key(&mut self, act: Option<Act>, key: Key) -> Effect {
        match act {
            Some(Act::Next) => self.next(),
            Some(Act::Prev) => self.prev(),
            Some(Act::Up) => self.vertical(-1),
            Some(Act::Down) => self.vertical(1),
            Some(Act::Left) => self.step(-1),
            Some(Act::Right) => self.step(1),
            Some(Act::NextSection) => self.next_section(),
            Some(Act::PrevSection) => self.prev_section(),
            Some(Act::Map) => {
                self.commit();
                self.overlay = Some(Overlay::Map { sel: self.section() });
            }
            Some(Act::Review) => {
                self.commit();
                self.drop_fresh_row();
                self.show_review();
            }
            Some(Act::Save) => return self.save(),
            Some(Act::Quit) => return self.quit(),
            Some(Act::Help) => {
                self.overlay =
                    Some(if self.reference().is_some() { Overlay::Reference { scroll: 0 } } else { Overlay::Help });
            }
            Some(Act::Undo) => self.undo(true),
            Some(Act::Redo) => self.undo(false),
            Some(Act::Clear) => self.clear(),
            Some(Act::CleanWeb) => self.clean_web(),
            Some(Act::CloseText) => self.close_text(),
            Some(Act::Activate) => self.activate(),
            Some(Act::AddRow) => self.add_row(),
            Some(Act::DeleteRow) => self.delete_row(false),
            Some(Act::RowUp) => self.move_row(-1),
            Some(Act::RowDown) => self.move_row(1),
            Some(Act::Write | Act::Yes | Act::Cancel | Act::Export(_)) => {}
            None => self.type_key(key),
        }
        Effect::None
    }
}
