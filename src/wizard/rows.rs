//! Rows of repeatable tables and instances of repeatable groups (the projects): insert (a new
//! indicator row starts with the 一级 and 二级 of the row above), delete (asking first when the
//! row holds data, always for a project), and move.

use crate::form::def::{GroupKey, cell_path};

use super::{Confirm, Group, Overlay, SlotKind, Wizard, slots};

/// What the focused slot's row belongs to.
enum RowOf {
    /// A table row (1-based; one past the end on "add a row").
    Table(String, usize),
    /// A group instance (1-based; one past the end on "add a project").
    Instance(GroupKey, usize),
}

impl Wizard {
    fn focused_row(&self) -> Option<RowOf> {
        let slot = self.slot()?;
        match (&slot.kind, &slot.group) {
            (SlotKind::AddRow { table }, _) => Some(RowOf::Table(table.clone(), self.pkg.rows_at(table).len() + 1)),
            (SlotKind::AddInstance { group }, _) => Some(RowOf::Instance(*group, self.pkg.instances(*group).len() + 1)),
            (_, Group::Table(t)) => slot.table_row().map(|(_, r)| RowOf::Table(t.clone(), r)),
            (_, Group::Instances(g)) => slot.table_row().map(|(_, r)| RowOf::Instance(*g, r)),
            _ => None,
        }
    }

    /// Inserts a row at `at` (0-based) and focuses its first cell.
    pub(super) fn insert_row(&mut self, table: &str, at: usize) {
        if self.refuse_if_read_only() {
            return;
        }
        self.commit();
        let Some(idx) = self.pkg_mut().insert_row(table, at) else {
            self.note = Some(super::Note::error("note.table_full", vec![]));
            return;
        };
        // A new row starts with what the form copies down from the row above.
        let copies: Vec<(String, String)> = match (idx.checked_sub(1), self.pkg.table_def(table)) {
            (Some(above), Some(def)) => def
                .copy_down
                .iter()
                .map(|c| {
                    (cell_path(table, idx + 1, c.0), self.pkg.text_at(&cell_path(table, above + 1, c.0)).to_string())
                })
                .filter(|(_, v)| !v.is_empty())
                .collect(),
            _ => Vec::new(),
        };
        // Filled by the form, not the user: a row with nothing else is blank (`row_blank`).
        for (p, v) in copies {
            self.pkg_mut().fill(&p, v);
        }
        self.changed();
        let first = self.pkg.table_def(table).and_then(|t| t.columns.first()).map_or("", |c| c.key);
        self.rebuild(&cell_path(table, idx + 1, first));
    }

    /// Adds a project sheet at `at` (0-based) and focuses its name in the list.
    pub(super) fn insert_instance(&mut self, group: GroupKey, at: usize) {
        if self.refuse_if_read_only() {
            return;
        }
        self.commit();
        let Some(idx) = self.pkg_mut().insert_instance(group, at) else {
            self.note = Some(super::Note::error("note.table_full", vec![]));
            return;
        };
        self.changed();
        let name = self.pkg.form().group(group.0).map_or("", |g| g.name.0);
        self.rebuild(&format!("{}.{}.{name}", group.0, idx + 1));
    }

    /// Rebuilds the section's slots after rows changed and focuses `path`.
    pub(super) fn rebuild(&mut self, path: &str) {
        let index = self.section();
        let Some(sec) = self.sections.get(index).cloned() else { return };
        let slots = slots::slots(&sec, &self.pkg);
        let focus = slots::find(&slots, path).unwrap_or(0);
        if let Some(p) = self.page_mut() {
            p.set_slots(slots);
            p.focus = focus.min(p.slots.len().saturating_sub(1));
        }
        self.load_editor();
    }

    pub(super) fn add_row(&mut self) {
        match self.focused_row() {
            Some(RowOf::Table(t, r)) => {
                self.insert_fresh_row(&t, r);
            }
            Some(RowOf::Instance(g, r)) => self.insert_instance(g, r),
            None => {}
        }
    }

    pub(super) fn delete_row(&mut self, confirmed: bool) {
        if self.refuse_if_read_only() {
            return;
        }
        let Some(row) = self.focused_row() else { return };
        self.commit();
        let keep = self.focus();
        match row {
            RowOf::Table(t, r) => {
                let Some(data) = self.pkg.rows_at(&t).get(r - 1).map(crate::form::package::Row::has_data) else {
                    return;
                };
                if data && !confirmed {
                    self.overlay = Some(Overlay::Confirm(Confirm::DeleteRow));
                    return;
                }
                self.pkg_mut().remove_row(&t, r - 1);
                // The fresh row keeps its place: gone with this row, or one up below it.
                if let Some(p) = self.page_mut() {
                    p.fresh = match p.fresh.take() {
                        Some((ft, fr)) if ft == t && fr == r => None,
                        Some((ft, fr)) if ft == t && fr > r => Some((ft, fr - 1)),
                        other => other,
                    };
                }
            }
            RowOf::Instance(g, n) => {
                let Some(inst) = self.pkg.instances(g).get(n - 1) else { return };
                if !confirmed {
                    let name = self.pkg.form().group(g.0).map_or(String::new(), |d| inst.text(d.name).to_string());
                    self.overlay = Some(Overlay::Confirm(Confirm::DeleteProject(crate::text::visible(&name, false))));
                    return;
                }
                self.pkg_mut().remove_instance(g, n - 1);
            }
        }
        self.changed();
        let index = self.section();
        if let Some(sec) = self.sections.get(index).cloned() {
            let slots = slots::slots(&sec, &self.pkg);
            if let Some(p) = self.page_mut() {
                p.set_slots(slots);
                p.focus = keep.min(p.slots.len().saturating_sub(1));
            }
        }
        self.load_editor();
    }

    pub(super) fn move_row(&mut self, delta: isize) {
        if self.refuse_if_read_only() {
            return;
        }
        let Some(row) = self.focused_row() else { return };
        self.commit();
        let path = self.slot().and_then(super::Slot::path).unwrap_or_default().to_string();
        match row {
            RowOf::Table(t, r) => {
                let n = self.pkg.rows_at(&t).len();
                let Some(to) = r.checked_add_signed(delta).filter(|to| *to >= 1 && *to <= n) else { return };
                if self.pkg_mut().swap_rows(&t, r - 1, to - 1) {
                    // The fresh row moves with its place in the table.
                    if let Some((_, fr)) = self.page_mut().and_then(|p| p.fresh.as_mut()).filter(|(ft, _)| *ft == t) {
                        *fr = if *fr == r {
                            to
                        } else if *fr == to {
                            r
                        } else {
                            *fr
                        };
                    }
                    self.changed();
                    let col = path.rsplit('.').next().unwrap_or_default();
                    self.rebuild(&cell_path(&t, to, col));
                }
            }
            RowOf::Instance(g, r) => {
                let n = self.pkg.instances(g).len();
                let Some(to) = r.checked_add_signed(delta).filter(|to| *to >= 1 && *to <= n) else { return };
                if self.pkg_mut().swap_instances(g, r - 1, to - 1) {
                    self.changed();
                    let rest = path.splitn(3, '.').nth(2).unwrap_or_default();
                    self.rebuild(&format!("{}.{to}.{rest}", g.0));
                }
            }
        }
    }
}
