//! Moving the focus within a section.
//!
//! - **Tab / Shift-Tab** go through the *stops* in screen order: the cells the user may need
//!   to fill (`Behaviour::tab_stop` on the cell's sheet: not a 定性评价档次 on a ≥ row, not an
//!   指标性质 the target sets…), the "add" buttons, never a computed value. Tab on the last
//!   stop of a table's last row, when that row holds data, adds a row (one key from one row to
//!   the next); that *fresh* row, like one added with Ctrl-O or Enter on "add a row", goes
//!   again when the focus leaves it still blank (nothing typed beyond what it copied from the
//!   row above). At the end of a section Tab goes on to the next one.
//! - **Arrows** reach every slot: Left/Right step to the neighbour, Up/Down move by rows.
//! - The form's follow-up (a score below the rule asks for its reason) comes first.

use crate::form::def::cell_path;

use super::{Group, Note, SlotKind, Wizard, slots};

/// Where to put the focus on entering a section.
pub(super) enum At {
    /// The first stop.
    First,
    /// The last stop.
    Last,
    /// The slot of this path.
    Path(String),
}

/// Where Tab goes from the focused slot (before any follow-up the form asks for).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TabTarget {
    /// The slot of this index.
    Slot(usize),
    /// A new row of the focused table (Tab on the last stop of its last row).
    NewRow,
    /// The next section (or the review after the last).
    NextSection,
}

/// What identifies a slot across a rebuild of the slot list: its path, or the table or group
/// path of an "add" button.
fn slot_key(s: &slots::Slot) -> String {
    match &s.kind {
        SlotKind::Field { path, .. } | SlotKind::Calc { path, .. } => path.clone(),
        SlotKind::AddRow { table } => table.clone(),
        SlotKind::AddInstance { group } => group.0.to_string(),
    }
}

impl Wizard {
    /// Whether the field at `path` may need filling: its sheet's `Behaviour::tab_stop` (a cell
    /// the form fills from others, such as 指标性质 from the target, is passed over unless the
    /// check questions it). Tab stops only there, and plain mode asks only there.
    #[must_use]
    pub fn wants(&self, path: &str) -> bool {
        let (sheet, rest) = self.pkg.sheet_of(path);
        let prefix = &path[..path.len() - rest.len()];
        let questioned =
            |p: &str| self.checked.issues.iter().any(|i| i.path.strip_prefix(prefix).is_some_and(|q| q == p));
        sheet.form().behaviour.tab_stop(sheet, &questioned, rest)
    }

    /// Whether Tab stops at slot `i`.
    pub(super) fn is_stop(&self, i: usize) -> bool {
        match self.slots().get(i).map(|s| &s.kind) {
            Some(SlotKind::Field { path, .. }) => self.wants(path),
            Some(SlotKind::AddRow { .. } | SlotKind::AddInstance { .. }) => true,
            Some(SlotKind::Calc { .. }) | None => false,
        }
    }

    /// The first stop of `slots` at or after `from` (the first slot when there is none).
    pub(super) fn first_stop(&self, from: usize) -> usize {
        (from..self.slots().len()).find(|i| self.is_stop(*i)).unwrap_or(from)
    }

    pub(super) fn set_focus(&mut self, idx: usize) {
        self.commit();
        let idx = self.leave_fresh_row(idx);
        if let Some(p) = self.page_mut() {
            p.focus = idx.min(p.slots.len().saturating_sub(1));
        }
        self.load_editor();
    }

    /// Tab.
    pub(super) fn next(&mut self) {
        let left = self.slot().and_then(slots::Slot::path).map(str::to_string);
        self.commit();
        if let Some(path) = left {
            let follow = self.pkg.form().behaviour.follow_up(&self.checked, &path);
            if let Some((target, note)) = follow {
                if let Some(idx) = slots::find(self.slots(), &target) {
                    self.set_focus(idx);
                    let row = crate::form::def::split_cell(&target).map_or(0, |(_, r, _)| r);
                    self.note = Some(Note::info(note, vec![("row", row.to_string())]));
                    return;
                }
            }
        }
        let focus = self.focus();
        let next = (focus + 1..self.slots().len()).find(|i| self.is_stop(*i));
        if self.would_grow(focus, next) {
            self.grow_table(focus);
            return;
        }
        match next {
            Some(i) => self.set_focus(i),
            None => self.next_section(),
        }
    }

    /// Where Tab goes from the focused slot, as it stands (a value being typed not yet
    /// committed; the form's follow-up not foreseen).
    #[must_use]
    pub fn tab_target(&self) -> TabTarget {
        let focus = self.focus();
        let next = (focus + 1..self.slots().len()).find(|i| self.is_stop(*i));
        match next {
            _ if self.would_grow(focus, next) => TabTarget::NewRow,
            Some(i) => TabTarget::Slot(i),
            None => TabTarget::NextSection,
        }
    }

    /// Shift-Tab.
    pub(super) fn prev(&mut self) {
        let focus = self.focus();
        match (0..focus).rev().find(|i| self.is_stop(*i)) {
            Some(i) => self.set_focus(i),
            None if self.section() > 0 => self.enter(self.section() - 1, At::Last),
            None => self.commit(),
        }
    }

    /// Left / Right: the neighbouring slot, stop or not (on to the next section at the end).
    pub(super) fn step(&mut self, delta: isize) {
        let focus = self.focus();
        match focus.checked_add_signed(delta) {
            Some(i) if i < self.slots().len() => self.set_focus(i),
            Some(_) => self.next_section(),
            None if self.section() > 0 => self.enter(self.section() - 1, At::Last),
            None => {}
        }
    }

    pub(super) fn vertical(&mut self, delta: isize) {
        if let Some(i) = slots::vertical(self.slots(), self.focus(), delta) {
            self.set_focus(i);
        }
    }

    /// Whether Tab from `focus` (its next stop `next`) adds a row: the focus is on the last
    /// stop of a table's last row, that row holds data, and no fresh row is waiting blank.
    fn would_grow(&self, focus: usize, next: Option<usize>) -> bool {
        let Some(slot) = self.slots().get(focus) else { return false };
        let Group::Table(table) = &slot.group else { return false };
        let Some((_, row)) = slot.table_row() else { return false };
        let still_in_row = next.and_then(|n| self.slots().get(n)).is_some_and(|s| s.row == slot.row);
        let rows = self.pkg.rows_at(table);
        row == rows.len()
            && !still_in_row
            && rows.get(row - 1).is_some_and(crate::form::package::Row::has_data)
            && self.fresh_blank().is_none()
    }

    /// Adds a fresh row below the focused table's last row ([`Wizard::insert_fresh_row`]).
    fn grow_table(&mut self, focus: usize) {
        let Some(Group::Table(table)) = self.slots().get(focus).map(|s| s.group.clone()) else { return };
        let rows = self.pkg.rows_at(&table).len();
        self.insert_fresh_row(&table, rows);
    }

    /// Inserts a row at `at` (0-based) as [`Wizard::insert_row`] does, and makes it the
    /// *fresh* row: it goes again when the focus leaves it still blank. Every way the full
    /// screen adds a row does this (Tab past the last row, Ctrl-O, Enter on "add a row"): a
    /// row added and never filled is not saved as a blank row full of errors. Whether a row
    /// was added (not when the table is full).
    pub(super) fn insert_fresh_row(&mut self, table: &str, at: usize) -> bool {
        let before = self.pkg.rows_at(table).len();
        self.insert_row(table, at);
        if self.pkg.rows_at(table).len() == before {
            return false; // the table is full: insert_row said so
        }
        // Past the end means at the end.
        let row = at.min(before) + 1;
        if let Some(p) = self.page_mut() {
            p.fresh = Some((table.to_string(), row));
        }
        // Focused on its first empty stop (三级指标, past the 一级/二级 copied from above).
        let in_row = |w: &Self, i: usize| w.slots()[i].table_row() == Some((table, row));
        let Some(first) = (0..self.slots().len()).find(|i| in_row(self, *i)) else { return true };
        let target = (first..self.slots().len())
            .take_while(|i| in_row(self, *i))
            .find(|i| self.is_stop(*i) && self.slots()[*i].path().is_some_and(|p| self.pkg.text_at(p).is_empty()));
        if let Some(p) = self.page_mut() {
            p.focus = target.unwrap_or(first);
        }
        self.load_editor();
        true
    }

    /// The fresh row ([`Wizard::insert_fresh_row`]) while it is still blank: nothing in it but
    /// what it copied from the row above. Its table path and 1-based row.
    #[must_use]
    pub fn fresh_row(&self) -> Option<(String, usize)> {
        self.fresh_blank()
    }

    /// The fresh row when it is still blank: nothing in it but what it copied from the row
    /// above. Its table and 1-based row.
    pub(super) fn fresh_blank(&self) -> Option<(String, usize)> {
        let (table, row) = self.page()?.fresh.clone()?;
        self.row_blank(&table, row).then_some((table, row))
    }

    /// Whether row `row` (1-based) of `table` holds nothing but what the form filled itself
    /// (`Cell::filled`): the 一级指标 and 二级指标 it copied down from the row above, the
    /// 指标性质 a target implied (left when the user emptied the target). Whatever the user
    /// typed or picked is an answer, even the very value the form had filled. `false` when
    /// there is no such row.
    fn row_blank(&self, table: &str, row: usize) -> bool {
        row.checked_sub(1)
            .and_then(|i| self.pkg.rows_at(table).get(i))
            .is_some_and(crate::form::package::Row::nothing_given)
    }

    /// Removes project sheet `n` (1-based) of group `g` if nothing is filled in it: a project
    /// plain mode added and the user left empty. Returns whether it was removed.
    pub fn drop_blank_instance(&mut self, g: crate::form::def::GroupKey, n: usize) -> bool {
        let blank =
            n.checked_sub(1).and_then(|i| self.pkg.instances(g).get(i)).is_some_and(crate::form::Package::is_blank);
        if self.read_only() || !blank {
            return false;
        }
        self.pkg_mut().remove_instance(g, n - 1);
        self.changed();
        self.rebuild(g.0);
        true
    }

    /// Removes row `row` (1-based) of `table` if it is blank ([`Wizard::row_blank`]): a row
    /// plain mode added and the user left empty. Returns whether it was removed.
    pub fn drop_blank_row(&mut self, table: &str, row: usize) -> bool {
        if self.read_only() || !self.row_blank(table, row) {
            return false;
        }
        // The focus goes to the row above, in the same column when it was in the row.
        // (A computed column's slot too: 建议分.)
        let at = self.slot().and_then(|s| match &s.kind {
            SlotKind::Field { path, .. } | SlotKind::Calc { path, .. } => Some(path.clone()),
            _ => None,
        });
        let col = at
            .as_deref()
            .and_then(crate::form::def::split_cell)
            .and_then(|(t, r, c)| (t == table && r == row).then(|| c.to_string()));
        self.pkg_mut().remove_row(table, row - 1);
        self.changed();
        let to = match (row.checked_sub(1).filter(|r| *r > 0), col) {
            (Some(above), Some(c)) => cell_path(table, above, &c),
            (Some(above), None) => format!("{table}.{above}"),
            (None, _) => table.to_string(),
        };
        self.rebuild(&to);
        true
    }

    /// The focus is about to move to slot `to`: when it leaves the fresh row, that row is
    /// forgotten as fresh, and removed if still blank. Returns where `to` is now.
    fn leave_fresh_row(&mut self, to: usize) -> usize {
        let Some((table, row)) = self.page().and_then(|p| p.fresh.clone()) else { return to };
        if self.slots().get(to).and_then(slots::Slot::table_row) == Some((table.as_str(), row)) {
            return to;
        }
        let blank = self.fresh_blank().is_some();
        if let Some(p) = self.page_mut() {
            p.fresh = None;
        }
        if !blank {
            return to;
        }
        // A slot below the removed row moves up with its row: its path names the row above.
        let key = self.slots().get(to).map(slot_key).map(|k| match crate::form::def::split_cell(&k) {
            Some((t, r, c)) if t == table && r > row => cell_path(t, r - 1, c),
            _ => k,
        });
        self.pkg_mut().remove_row(&table, row - 1);
        self.changed();
        self.rebuild(&key.unwrap_or_else(|| cell_path(&table, row, "")));
        self.focus()
    }

    /// Removes the fresh row if still blank (leaving the section, the review, writing).
    pub(super) fn drop_fresh_row(&mut self) {
        if let Some((table, row)) = self.page_mut().and_then(|p| p.fresh.take()) {
            self.drop_blank_row(&table, row);
        }
    }
}
