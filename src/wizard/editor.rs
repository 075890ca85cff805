//! The focused field's editor: a `ratatui_textarea::TextArea` (plain data) loaded when a field
//! is focused and committed — parsed once, stored canonical when valid and as typed when not,
//! re-checked — when the focus leaves it. Typing, pasting, undo, clearing, and picking a
//! choice (a digit, or the picker).

use ratatui_textarea::CursorMove;

use crate::form::def::{Choices, Kind};
use crate::keymap::{Code, Key};

use super::{Note, Outside, Overlay, SlotKind, Wizard};

impl Wizard {
    /// Closes the open long-text editor, keeping what was written (Esc while writing).
    pub(super) fn close_text(&mut self) {
        self.commit();
        if let Some(p) = self.page_mut() {
            p.opened = None;
        }
        self.load_editor();
    }

    /// Opens the focused long text's full editor (nothing for other slots).
    pub(super) fn open_text(&mut self) {
        let path = match self.slot().map(|s| &s.kind) {
            Some(SlotKind::Field { path, kind: Kind::LongText }) => path.clone(),
            _ => return,
        };
        if let Some(p) = self.page_mut() {
            p.opened = Some(path);
        }
    }

    pub(super) fn load_editor(&mut self) {
        let slot = self.slot().map(|s| s.kind.clone());
        let text = match &slot {
            Some(SlotKind::Field { path, kind }) => editable(self.pkg.text_at(path), *kind == Kind::LongText),
            _ => String::new(),
        };
        let size = self.size;
        let Some(p) = self.page_mut() else { return };
        p.editing = false;
        let same = matches!(&slot, Some(SlotKind::Field { path, .. }) if p.opened.as_ref() == Some(path));
        if !same {
            p.opened = None;
        }
        p.outside = Outside::default();
        p.column = None;
        p.editor = match slot {
            Some(SlotKind::Field { kind, .. }) if !matches!(kind, Kind::Choice(_)) => {
                let long = kind == Kind::LongText;
                let mut ta = if long {
                    let (ta, outside) = super::window::open(&text, size);
                    p.outside = outside;
                    ta
                } else {
                    super::window::text_area(vec![text.replace('\n', " ")], false)
                };
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
    pub(super) fn commit(&mut self) {
        let Some(SlotKind::Field { path, kind }) = self.slot().map(|s| s.kind.clone()) else { return };
        let Some(text) = self.editor_text() else { return };
        let text = if kind == Kind::LongText { text.trim_end().to_string() } else { text.trim().to_string() };
        self.revealed.insert(path.clone());
        if let Some(p) = self.page_mut() {
            p.editing = false;
        }
        // Unchanged: as stored, or as the editor showed what is stored (escapes made visible
        // are not taken as typed text unless the user edits the value).
        let long = kind == Kind::LongText;
        let stored = self.pkg.text_at(&path);
        let shown = editable(stored, long);
        if text == stored || text == if long { shown.trim_end() } else { shown.trim() } {
            return;
        }
        self.apply(vec![(path.clone(), text.clone())]);
        let stored = self.pkg.text_at(&path).to_string();
        if stored != text && self.pkg.cell_at(&path).is_some_and(|c| c.error().is_none()) {
            self.note = Some(Note::info(
                "note.normalized",
                vec![("from", crate::text::visible(&text, false)), ("to", stored.clone())],
            ));
        }
        if self.editor_text().is_some_and(|t| t != stored) {
            self.load_editor();
        }
    }

    pub(super) fn type_key(&mut self, key: Key) {
        // Look only: typing changes nothing, and says why (caret moves still work).
        let edits = matches!(key.code, Code::Char(_) | Code::Backspace | Code::Delete | Code::Enter) && !key.ctrl;
        if edits && self.refuse_if_read_only() {
            return;
        }
        // A row's slots are next to each other: its neighbours tell (not a count over every
        // slot of the section, which a table of 1,000 rows made cost a key).
        let in_grid = self.slot().is_some_and(|s| {
            let same = |i: usize| self.slots().get(i).is_some_and(|o| o.row == s.row);
            same(self.focus() + 1) || self.focus().checked_sub(1).is_some_and(same)
        });
        let (prev, next) = (self.focus().checked_sub(1), self.focus() + 1);
        if let Some(ed) = self.page_mut().and_then(|p| p.editor.as_mut()) {
            let ratatui_textarea::DataCursor(row, col) = ed.cursor();
            let at_end = row + 1 == ed.lines().len() && col == ed.lines()[row].chars().count();
            let plain = !key.ctrl && !key.alt;
            if in_grid && key.code == Code::Left && row == 0 && col == 0 && plain && prev.is_some() {
                self.step(-1);
                return;
            }
            if in_grid && key.code == Code::Right && at_end && plain {
                let _ = next;
                self.step(1);
                return;
            }
            if key.ctrl || key.alt {
                // Only movement shortcuts reach the editor; no hidden edits (yank, kill…).
                if !matches!(key.code, Code::Left | Code::Right | Code::Up | Code::Down | Code::Home | Code::End) {
                    return;
                }
            }
            let size = self.size;
            if super::window::moves_far(key) && self.page_mut().is_some_and(|p| p.move_far(key, size)) {
                self.open_text();
                return;
            }
            let Some(p) = self.page_mut() else { return };
            let Some(ed) = p.editor.as_mut() else { return };
            let changed = super::caret::edit(ed, key, &mut p.column, |ed| ed.input(to_input(key)));
            if let Some(p) = self.page_mut() {
                if changed {
                    p.editing = true;
                    p.edited();
                }
                p.slide_window(size);
            }
            self.open_text();
            return;
        }
        // A digit picks a choice directly.
        if let (Code::Char(c), Some(SlotKind::Field { path, kind: Kind::Choice(ch) })) =
            (key.code, self.slot().map(|s| s.kind.clone()))
        {
            if let Some(n) = crate::keymap::choice_digit(c) {
                if let Some(v) = self.options(&path, ch).get(n - 1) {
                    self.set_choice(&path, v.clone());
                }
            }
        }
    }

    /// Removes web markup (`<p>`, `&nbsp;` …) from the focused field, through the one path
    /// values take (W-23; issue 19).
    pub(super) fn clean_web(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        self.commit();
        let Some(SlotKind::Field { path, .. }) = self.slot().map(|s| s.kind.clone()) else { return };
        let text = self.pkg.text_at(&path).to_string();
        if crate::form::check::web_residue(&text).is_none() {
            self.note = Some(Note::info("note.no_web_residue", vec![]));
            return;
        }
        self.apply(vec![(path, crate::form::check::without_web_residue(&text))]);
        self.load_editor();
        self.note = Some(Note::info("note.web_residue_removed", vec![]));
    }

    pub(super) fn paste(&mut self, text: &str) {
        if self.refuse_if_read_only() {
            return;
        }
        self.open_text();
        let multiline = self.context().text;
        let size = self.size;
        if let Some(p) = self.page_mut() {
            if let Some(ed) = &mut p.editor {
                let clean = crate::text::clean_paste(text, multiline);
                if ed.insert_str(clean) {
                    p.editing = true;
                    p.edited();
                }
                p.slide_window(size);
                p.window_if_long(size);
            }
        }
    }

    pub(super) fn undo(&mut self, undo: bool) {
        self.open_text();
        let size = self.size;
        if let Some(p) = self.page_mut() {
            p.editing |= p.undo(undo, size);
        }
    }

    pub(super) fn clear(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        let size = self.size;
        if let Some(p) = self.page_mut() {
            if p.editor.is_some() {
                // The editor holds all of a windowed text first: the cut, and its undo, are
                // of the whole text.
                p.unwindow(size);
                let Some(ed) = &mut p.editor else { return };
                ed.select_all();
                if ed.cut() {
                    p.editing = true;
                    p.edited();
                }
                return;
            }
        }
        if let Some(path) = self.slot().and_then(super::Slot::path).map(str::to_string) {
            self.apply(vec![(path, String::new())]);
        }
    }

    /// The stored values a choice field offers.
    #[must_use]
    pub fn options(&self, path: &str, ch: Choices) -> Vec<String> {
        let row = self.pkg.row_of(path).map(|(_, r)| r);
        crate::form::check::options(ch, row, crate::form::profile_at(&self.pkg, &self.profile, path))
    }

    pub(super) fn activate(&mut self) {
        match self.slot().map(|s| s.kind.clone()) {
            Some(SlotKind::Field { path, kind: Kind::Choice(ch) }) => {
                let options = self.options(&path, ch);
                if options.is_empty() {
                    self.note = Some(Note::error("note.pick_level1_first", vec![]));
                    return;
                }
                let cur = self.pkg.text_at(&path).to_string();
                let sel = options.iter().position(|o| *o == cur).unwrap_or(0);
                self.overlay = Some(Overlay::Picker { path, options, sel });
            }
            Some(SlotKind::AddRow { table }) => {
                let at = self.pkg.rows_at(&table).len();
                self.insert_fresh_row(&table, at);
            }
            Some(SlotKind::AddInstance { group }) => {
                let at = self.pkg.instances(group).len();
                self.insert_instance(group, at);
            }
            Some(SlotKind::Calc { .. }) => self.overlay = Some(Overlay::Help),
            Some(SlotKind::Field { kind: Kind::LongText, .. }) => self.open_text(),
            _ => {}
        }
    }

    /// Sets a choice; a 一级 that changes clears a 二级 that no longer belongs to it.
    pub(super) fn set_choice(&mut self, path: &str, value: String) {
        if self.refuse_if_read_only() {
            return;
        }
        // The same choice again changes nothing, except that one the form filled (copied down
        // from the row above, implied by the target) is the user's once picked.
        if self.pkg.text_at(path) == value && !self.pkg.filled_at(path) {
            return;
        }
        self.revealed.insert(path.to_string());
        let mut values = vec![(path.to_string(), value.clone())];
        if let Some((table, row, col)) = crate::form::def::split_cell(path) {
            if let Some(t) = self.pkg.table_def(table) {
                for c in &t.columns {
                    if let Kind::Choice(Choices::Level2(parent)) = c.kind {
                        if parent.0 == col {
                            let l2 = crate::form::def::cell_path(table, row, c.key);
                            let cur = self.pkg.text_at(&l2);
                            let ok = cur.is_empty()
                                || crate::form::check::level2_options(
                                    crate::form::profile_at(&self.pkg, &self.profile, path),
                                    &value,
                                )
                                .iter()
                                .any(|o| o == cur);
                            if !ok {
                                values.push((l2, String::new()));
                            }
                        }
                    }
                }
            }
        }
        self.apply(values);
    }
}

/// The textarea's input for a key.
pub(super) fn to_input(k: Key) -> ratatui_textarea::Input {
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

/// A stored value as the editor shows it: control and invisible characters made visible
/// (`\x1b`, `\u{200b}`), so what the user edits is what they see. A long text keeps its
/// line breaks and TABs, which are text there.
fn editable(text: &str, long: bool) -> String {
    if long {
        text.split('\n')
            .map(|line| line.split('\t').map(|p| crate::text::visible(p, true)).collect::<Vec<_>>().join("\t"))
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        crate::text::visible(text, false)
    }
}

impl Wizard {
    /// In look-only mode (`--read-only`), says that nothing can be changed; true then.
    pub(super) fn refuse_if_read_only(&mut self) -> bool {
        if self.read_only {
            self.note = Some(Note::error("note.read_only_edit", vec![]));
        }
        self.read_only
    }
}
