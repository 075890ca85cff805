//! A model of an efficient first-time user (issue 13): fills a package from an empty file by
//! keys, reading only what the screen offers. In each section it types what the target holds
//! into the focused cell when it differs, then moves on with Tab; when Tab would skip a cell
//! that still needs a value (a stop the form does not offer, as a 计量单位 beside a target that
//! carries its unit), it steps there with the arrows; it grows tables with Tab from the last
//! cell and leaves a section with PgDn once nothing in it is left to do.
//!
//! Keys are counted by kind: characters typed or pasted, choice digits, and **navigation
//! keys**: every other key (Tab, Shift-Tab, arrows, Enter on a button, PgDn, Ctrl-U, Ctrl-W)
//! except the one key that ends an entry just typed (the Tab after a value is part of typing
//! it).

use std::collections::BTreeMap;

use jixiao::form::Package;
use jixiao::form::def::Kind;
use jixiao::i18n::Lang;
use jixiao::keymap::{Code, Key};
use jixiao::wizard::{Effect, Event, Overlay, Screen, SlotKind, TabTarget, Wizard};

/// What a fill cost.
#[derive(Debug, Default)]
pub struct Fill {
    /// Every event sent, in order.
    pub events: Vec<Event>,
    /// The data file the wizard wrote.
    pub written: String,
    /// Navigation keys per section id (`unit`, `indicators`, `projects.1.funding` …) and
    /// `review` for the keys on the review screen.
    pub nav: BTreeMap<String, usize>,
    /// Navigation keys per indicator row: (section id, row) → keys spent from arriving in the
    /// row to leaving it.
    pub nav_per_row: BTreeMap<(String, usize), usize>,
    /// Characters typed (pastes count their characters) and choice digits.
    pub typed: usize,
    /// Every key that is not typing, the keys that end an entry included.
    pub moves: usize,
}

impl Fill {
    /// All navigation keys.
    #[must_use]
    pub fn nav_total(&self) -> usize {
        self.nav.values().sum()
    }
}

struct Driver {
    w: Wizard,
    fill: Fill,
    /// A value was just typed into the focused cell: the next key ends that entry.
    entry_open: bool,
}

impl Driver {
    fn section_id(&self) -> String {
        match self.w.screen() {
            Screen::Section(_) => self.w.sections()[self.w.section()].id(),
            Screen::Welcome { .. } => "start".into(),
            _ => "review".into(),
        }
    }

    fn table_row(&self) -> Option<(String, usize)> {
        let slot = self.w.slot()?;
        let (t, r) = slot.table_row()?;
        t.ends_with("indicators").then(|| (self.section_id(), r)).map(|(s, _)| (s, r))
    }

    fn send(&mut self, e: Event, typing: bool) {
        if std::env::var_os("JIXIAO_USER_TRACE").is_some() && !typing {
            eprintln!(
                "{} {:?} {:?} open={}",
                self.section_id(),
                self.w.slot().map(|s| s.kind.clone()),
                e,
                self.entry_open
            );
        }
        if !typing {
            self.fill.moves += 1;
            if self.entry_open {
                self.entry_open = false;
            } else {
                *self.fill.nav.entry(self.section_id()).or_default() += 1;
                if let Some(row) = self.table_row() {
                    *self.fill.nav_per_row.entry(row).or_default() += 1;
                }
            }
        }
        if let Effect::WriteAll { data, .. } = self.w.update(e.clone()) {
            self.fill.written = data;
        }
        if std::env::var_os("JIXIAO_USER_TRACE").is_some() {
            if let Some(n) = self.w.note() {
                eprintln!("  note {n:?}");
            }
        }
        self.fill.events.push(e);
    }

    fn key(&mut self, c: Code) {
        self.send(Event::Key(Key::plain(c)), false);
    }

    /// Types `want` into the focused field (a choice by its digit).
    fn enter_value(&mut self, path: &str, kind: Kind, want: &str) {
        if let Kind::Choice(ch) = kind {
            if want.is_empty() {
                self.send(Event::Key(Key::ctrl('u')), false);
                return;
            }
            let opts = self.w.options(path, ch);
            let i = opts.iter().position(|o| o == want).unwrap_or_else(|| panic!("{path}: {want} not in {opts:?}"));
            let digit = char::from_digit(u32::try_from(i + 1).unwrap_or(1), 10).unwrap_or('1');
            self.send(Event::Key(Key::plain(Code::Char(digit))), true);
            self.fill.typed += 1;
            self.entry_open = true;
            return;
        }
        if !self.w.pkg().text_at(path).is_empty() {
            // A one-line value is selected on arrival (typing replaces it); a long text is not.
            if kind == Kind::LongText {
                self.send(Event::Key(Key::ctrl('u')), false);
            }
        }
        if want.is_empty() {
            self.send(Event::Key(Key::ctrl('u')), false);
            return;
        }
        if kind == Kind::LongText || want.chars().count() > 40 {
            self.fill.typed += want.chars().count();
            self.send(Event::Paste(want.to_string()), true);
        } else {
            // Dates are typed the way they are written on the forms.
            let typed = match (kind, jixiao::form::input::date(want)) {
                (Kind::Date, Ok(d)) => d.chinese(),
                _ => want.to_string(),
            };
            for c in typed.chars() {
                self.fill.typed += 1;
                self.send(Event::Key(Key::plain(Code::Char(c))), true);
            }
        }
        self.entry_open = true;
    }

    /// Whether slot `i` of the section still needs something from the user.
    fn needs(&self, target: &Package, i: usize) -> bool {
        match &self.w.slots()[i].kind {
            SlotKind::Field { path, .. } => self.w.pkg().text_at(path) != target.text_at(path),
            SlotKind::AddRow { table } => self.w.pkg().rows_at(table).len() < target.rows_at(table).len(),
            SlotKind::AddInstance { group } => self.w.pkg().instances(*group).len() < target.instances(*group).len(),
            SlotKind::Calc { .. } => false,
        }
    }
}

/// Fills `target` from an empty package of its form by keys, writes it, and counts the keys.
#[must_use]
pub fn fill(target: &Package, lang: Lang) -> Fill {
    let form = target.form();
    let w = Wizard::new(
        Package::new(form, jixiao::commands::default_fiscal_year()),
        jixiao::form::Profile::default_profile(),
        lang,
        super::files(),
    );
    let mut d = Driver { w, fill: Fill::default(), entry_open: false };
    d.key(Code::Enter);
    let mut guard = 0;
    while matches!(d.w.screen(), Screen::Section(_)) {
        guard += 1;
        assert!(guard < 20_000, "the user model is stuck at {:?}", d.w.slot());
        let before = (d.w.section(), d.w.focus(), d.w.revision(), d.w.slots().len());
        let focus = d.w.focus();
        let slot = d.w.slot().cloned().expect("a slot");
        // A cell earlier in this row that needs a value (the 二级 of a new group, where a new
        // row copied the one above): back to it with Shift-Tab.
        let back = (0..focus).rev().take_while(|i| d.w.slots()[*i].row == slot.row).find(|i| d.needs(target, *i));
        if back.is_some() {
            d.key(Code::BackTab);
            continue;
        }
        match &slot.kind {
            SlotKind::Field { path, kind } if d.needs(target, focus) => {
                d.enter_value(path, *kind, target.text_at(path));
            }
            SlotKind::AddRow { .. } | SlotKind::AddInstance { .. } if d.needs(target, focus) => {
                d.key(Code::Enter);
                continue;
            }
            _ => {}
        }
        // Moving on: what is the next slot that needs something, and does Tab go there?
        let need = (focus + 1..d.w.slots().len()).find(|i| d.needs(target, *i));
        let table_needs_rows = |d: &Driver| match &slot.group {
            jixiao::wizard::Group::Table(t) => d.w.pkg().rows_at(t).len() < target.rows_at(t).len(),
            _ => false,
        };
        match (d.w.tab_target(), need) {
            (TabTarget::NewRow, _) if table_needs_rows(&d) => d.key(Code::Tab),
            (TabTarget::NewRow | TabTarget::NextSection, None) => d.key(Code::PageDown),
            (TabTarget::Slot(_), None) => d.key(Code::PageDown),
            (TabTarget::Slot(k), Some(j)) if k <= j => d.key(Code::Tab),
            (_, Some(_)) => {
                // Tab would pass over what needs a value: step there with the arrows (in a
                // one-line value selected on arrival, End first: Right then leaves the cell).
                let selected = d.w.editor().is_some_and(|e| e.selection_range().is_some());
                if selected {
                    d.key(Code::End);
                }
                d.key(Code::Right);
            }
        }
        let after = (d.w.section(), d.w.focus(), d.w.revision(), d.w.slots().len());
        if after == before && matches!(d.w.screen(), Screen::Section(_)) {
            panic!("no progress at {:?}: {:?}", d.w.slot(), d.w.note());
        }
    }
    assert!(matches!(d.w.screen(), Screen::Review { .. }), "{:?}", d.w.note());
    d.send(Event::Key(Key::ctrl('w')), false);
    if let Some(Overlay::Confirm(c)) = d.w.overlay() {
        panic!("unexpected confirmation {c:?}");
    }
    assert!(!d.fill.written.is_empty(), "the wizard wrote the files");
    d.fill
}
