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
///
/// Slots are in row order ([`slots`] numbers rows as it goes), so the row is found by binary
/// search: an arrow costs the same in a 1,000-row table as in a 17-row one (issue 14).
#[must_use]
pub fn vertical(slots: &[Slot], from: usize, delta: isize) -> Option<usize> {
    let cur = slots.get(from)?;
    let target_row = cur.row.checked_add_signed(delta)?;
    let start = slots.partition_point(|s| s.row < target_row);
    let end = slots.partition_point(|s| s.row <= target_row);
    (start..end).min_by_key(|i| slots[*i].col.abs_diff(cur.col))
}

/// One line of a section's list as drawn: a header line before each grid, table and project
/// list, then one line per row of slots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The slots drawn on the line, in column order. A header's range is empty and starts at
    /// its group's first slot (whose `group` names what the header is of).
    pub slots: std::ops::Range<usize>,
    /// Whether the line is a group's header.
    pub header: bool,
    /// The line of the header of the group this line belongs to (`None` for a scalar row).
    pub group_header: Option<usize>,
}

/// The lines of a section's list for its `slots` (in row order), found once when the slots
/// are built, so that drawing a frame looks only at the lines on screen (issue 14).
#[must_use]
pub fn lines(slots: &[Slot]) -> Vec<Line> {
    let mut out = Vec::new();
    let mut prev = &Group::Scalar;
    let mut header = None;
    let mut i = 0;
    while i < slots.len() {
        let row = slots[i].row;
        let n = slots[i..].iter().take_while(|s| s.row == row).count();
        let g = &slots[i].group;
        if g != prev {
            header = (*g != Group::Scalar).then_some(out.len());
            if header.is_some() {
                out.push(Line { slots: i..i, header: true, group_header: header });
            }
        }
        prev = g;
        out.push(Line { slots: i..i + n, header: false, group_header: header });
        i += n;
    }
    out
}

/// The index in `lines` of the line holding slot `focus` (the last line if none does).
#[must_use]
pub fn line_of(lines: &[Line], focus: usize) -> usize {
    lines.partition_point(|l| l.slots.end <= focus).min(lines.len().saturating_sub(1))
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

    /// Every section of the example: each slot is on exactly one line, found by `line_of`; a
    /// header comes before each grid, table and project list and nowhere else; each line
    /// points at its own group's header; and `vertical` (binary search) agrees with a scan of
    /// every slot.
    #[test]
    fn lines_and_arrows_agree_with_a_scan_of_every_slot() {
        let profile = crate::form::Profile::default_profile();
        let mut seen_header = 0;
        let examples =
            [include_str!("../../examples/yueyang-2023.toml"), include_str!("../../examples/projects-2023.toml")];
        let pkgs: Vec<Package> =
            examples.iter().map(|t| crate::form::file::load(t.as_bytes()).expect("loads").package).collect();
        for (pkg, sec) in
            pkgs.iter().flat_map(|p| super::super::sections::list(p, &profile).into_iter().map(move |s| (p, s)))
        {
            let sec = &sec;
            let sl = slots(sec, pkg);
            let ls = lines(&sl);
            for (i, s) in sl.iter().enumerate() {
                let l = &ls[line_of(&ls, i)];
                assert!(!l.header && l.slots.contains(&i), "{} slot {i}", sec.id());
                assert!(sl[l.slots.clone()].iter().all(|o| o.row == s.row && o.group == s.group));
                match l.group_header {
                    None => assert_eq!(s.group, Group::Scalar),
                    Some(h) => {
                        assert!(ls[h].header && sl[ls[h].slots.start].group == s.group, "{} slot {i}", sec.id());
                        assert!(ls[h + 1..line_of(&ls, i)].iter().all(|m| !m.header));
                    }
                }
                for delta in [-1, 1] {
                    let scan = s.row.checked_add_signed(delta).and_then(|row| {
                        (0..sl.len()).filter(|j| sl[*j].row == row).min_by_key(|j| sl[*j].col.abs_diff(s.col))
                    });
                    assert_eq!(vertical(&sl, i, delta), scan, "{} slot {i} {delta}", sec.id());
                }
            }
            let headers: Vec<usize> = (0..ls.len()).filter(|n| ls[*n].header).collect();
            seen_header += headers.len();
            for n in headers {
                let g = &sl[ls[n].slots.start].group;
                assert_ne!(*g, Group::Scalar);
                assert!(n == 0 || ls[n - 1].header || sl[ls[n - 1].slots.start].group != *g);
            }
            assert_eq!(ls.iter().filter(|l| !l.header).map(|l| l.slots.len()).sum::<usize>(), sl.len());
        }
        assert!(seen_header >= 3, "the example has grids and tables: {seen_header}");
    }
}
