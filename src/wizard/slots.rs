//! What can be focused on a section screen, generated from the form's definition: one slot
//! per field, grid cell, table cell, computed value, project and "add" button, laid out in
//! rows so that arrows move like in a grid and Tab moves in reading order.

use crate::form::Package;
use crate::form::def::{GridRow, GroupKey, Item, Kind, TableColumn, Target, cell_path};

use super::sections::SectionRef;

/// One focusable thing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SlotKind {
    /// An input field or cell, by path.
    Field {
        /// The path.
        path: String,
        /// Its kind.
        kind: Kind,
    },
    /// A computed value, by path.
    Calc {
        /// The path.
        path: String,
        /// Its name (locale `calc.<name>`).
        name: &'static str,
    },
    /// "Add a row" at the end of a table.
    AddRow {
        /// The table's path.
        table: String,
    },
    /// "Add a project" at the end of the project list.
    AddInstance {
        /// The group.
        group: GroupKey,
    },
}

/// The visual group a slot is drawn in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Group {
    /// A labelled row of its own.
    Scalar,
    /// A grid of the section's form (its index there).
    Grid(usize),
    /// A repeatable table (its path).
    Table(String),
    /// The list of a group's instances (the projects).
    Instances(GroupKey),
}

/// A slot and where it sits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    /// What it is.
    pub kind: SlotKind,
    /// Visual row within the section (grids and tables share rows).
    pub row: usize,
    /// Column within that row.
    pub col: usize,
    /// The group it is drawn in.
    pub group: Group,
}

impl Slot {
    /// The field path, if this slot is a field.
    #[must_use]
    pub fn path(&self) -> Option<&str> {
        match &self.kind {
            SlotKind::Field { path, .. } => Some(path),
            _ => None,
        }
    }

    /// The table row (1-based) or group instance this slot belongs to, with the table's path
    /// or the group.
    #[must_use]
    pub fn table_row(&self) -> Option<(&str, usize)> {
        let path = match &self.kind {
            SlotKind::Field { path, .. } | SlotKind::Calc { path, .. } => path.as_str(),
            SlotKind::AddRow { .. } | SlotKind::AddInstance { .. } => return None,
        };
        match &self.group {
            Group::Table(t) => {
                let rest = path.strip_prefix(t.as_str())?.strip_prefix('.')?;
                Some((t.as_str(), rest.split('.').next()?.parse().ok()?))
            }
            Group::Instances(g) => {
                let rest = path.strip_prefix(g.0)?.strip_prefix('.')?;
                Some((g.0, rest.split('.').next()?.parse().ok()?))
            }
            Group::Scalar | Group::Grid(_) => None,
        }
    }
}

/// The slots of a section screen for the current package (tables grow with their rows).
#[must_use]
pub fn slots(sec: &SectionRef, pkg: &Package) -> Vec<Slot> {
    let form = sec.form;
    let at = |p: &str| format!("{}{p}", sec.prefix);
    let mut out = Vec::new();
    let mut row = 0;
    let mut push_row = |out: &mut Vec<Slot>, kinds: Vec<SlotKind>, group: Group| {
        for (col, kind) in kinds.into_iter().enumerate() {
            out.push(Slot { kind, row, col, group: group.clone() });
        }
        row += 1;
    };
    for item in &sec.def().items {
        match item {
            Item::Field(f) => {
                let kind = form.field(f.0).map_or(Kind::Line, |d| d.kind);
                push_row(&mut out, vec![SlotKind::Field { path: at(f.0), kind }], Group::Scalar);
            }
            Item::Calc(c) => {
                let name = form.calc(c.0).map_or("", |d| d.name);
                push_row(&mut out, vec![SlotKind::Calc { path: at(c.0), name }], Group::Scalar);
            }
            Item::Grid(gi) => {
                let g = &form.grids[*gi];
                for r in &g.rows {
                    let cells = g
                        .columns
                        .iter()
                        .map(|c| {
                            let path = at(&format!("{}.{}.{c}", g.key, r.key()));
                            match r {
                                GridRow::Input { .. } => SlotKind::Field { path, kind: Kind::Money },
                                GridRow::Total { key, .. } => SlotKind::Calc { path, name: key },
                            }
                        })
                        .collect();
                    push_row(&mut out, cells, Group::Grid(*gi));
                }
            }
            Item::Table(t) => {
                let Some(table) = form.table(t.0) else { continue };
                let tpath = at(table.key);
                for r in 1..=pkg.rows_at(&tpath).len() {
                    // In screen order (Table::screen_order), so Tab and arrows follow what is drawn.
                    let cells: Vec<SlotKind> = table
                        .screen_order()
                        .into_iter()
                        .map(|col| match col {
                            TableColumn::Input(c) => {
                                SlotKind::Field { path: cell_path(&tpath, r, c.key), kind: c.kind }
                            }
                            TableColumn::Computed(c) => {
                                let name = form.calc(&format!("{}.{}", table.key, c.key.0)).map_or(c.key.0, |d| d.name);
                                SlotKind::Calc { path: cell_path(&tpath, r, c.key.0), name }
                            }
                        })
                        .collect();
                    push_row(&mut out, cells, Group::Table(tpath.clone()));
                }
                push_row(&mut out, vec![SlotKind::AddRow { table: tpath.clone() }], Group::Table(tpath));
            }
            Item::Group(g) => {
                let Some(def) = form.group(g.0) else { continue };
                let sub = (def.form)();
                for n in 1..=pkg.instances(*g).len() {
                    let inst = |p: &str| at(&format!("{}.{n}.{p}", g.0));
                    let mut cells = vec![SlotKind::Field { path: inst(def.name.0), kind: Kind::Line }];
                    // The instance's summary (a project's 全年执行数 and 总分), computed, beside its name.
                    for key in def.summary {
                        let name = sub.calc(key.0).map_or("", |c| c.name);
                        cells.push(SlotKind::Calc { path: inst(key.0), name });
                    }
                    push_row(&mut out, cells, Group::Instances(*g));
                }
                push_row(&mut out, vec![SlotKind::AddInstance { group: *g }], Group::Instances(*g));
            }
        }
    }
    out
}

/// The index of the slot holding `path` (a field, a cell or a computed value), or of the first
/// slot of the table or group `path` names.
#[must_use]
pub fn find(slots: &[Slot], path: &str) -> Option<usize> {
    slots
        .iter()
        .position(|s| match &s.kind {
            SlotKind::Field { path: p, .. } | SlotKind::Calc { path: p, .. } => p == path,
            _ => false,
        })
        .or_else(|| {
            slots.iter().position(|s| match &s.kind {
                SlotKind::Field { path: p, .. } => p.starts_with(&format!("{path}.")),
                SlotKind::AddRow { table } => table == path,
                SlotKind::AddInstance { group } => group.0 == path,
                SlotKind::Calc { .. } => false,
            })
        })
}

/// The slot in the row above or below (`delta` = -1 / +1) nearest to column `col`.
#[must_use]
pub fn vertical(slots: &[Slot], from: usize, delta: isize) -> Option<usize> {
    let cur = slots.get(from)?;
    let target_row = cur.row.checked_add_signed(delta)?;
    let in_row: Vec<usize> = (0..slots.len()).filter(|i| slots[*i].row == target_row).collect();
    in_row.iter().copied().min_by_key(|i| slots[*i].col.abs_diff(cur.col))
}

/// Whether `path` names a field of the form (through the package's definition).
#[must_use]
pub fn is_field(pkg: &Package, path: &str) -> bool {
    matches!(pkg.form().resolve(path).map(|r| r.target), Some(Target::Field(_) | Target::Cell(..)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::unit;

    #[test]
    fn grids_are_grids_and_tables_end_with_add_row() {
        let pkg = Package::new(unit::form(), 2023);
        let secs = super::super::sections::list(&pkg, &crate::form::Profile::default_profile());
        let funds = secs.iter().find(|s| s.id() == "funds").expect("funds");
        let sl = slots(funds, &pkg);
        assert_eq!(sl.len(), (12 + 3) * 3);
        use unit::keys::funds;
        let first_input = find(&sl, funds::CAR_PURCHASE[funds::BUDGET].0).expect("cell");
        let below = vertical(&sl, first_input, 1).expect("below");
        assert_eq!(sl[below].path(), Some(funds::CAR_OPERATION[funds::BUDGET].0));
        let ind = secs.iter().find(|s| s.id() == "indicators").expect("indicators");
        let sl = slots(ind, &pkg);
        assert!(matches!(sl[0].kind, SlotKind::AddRow { .. }));
    }
}
