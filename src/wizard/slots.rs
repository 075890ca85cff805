//! What can be focused on a section screen, generated from the form description: one slot
//! per field, grid cell, table cell, computed value and "add a row" button, laid out in rows
//! so that arrows move like in a grid and Tab moves in reading order.

use crate::form::Package;
use crate::form::spec::{Calc, FUND_COLUMNS, FUND_ROWS, GridRow, Item, Kind, Section, cell_path, spec};

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
    /// A computed value; `row` is the table row (1-based) or the fund column.
    Calc {
        /// Which value.
        calc: Calc,
        /// Table row (1-based) for per-row values.
        row: Option<usize>,
    },
    /// "Add a row" at the end of a table.
    AddRow {
        /// The table path.
        table: &'static str,
    },
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
}

/// The slots of a section for the current package (tables grow with their rows).
#[must_use]
pub fn slots(section: &Section, pkg: &Package) -> Vec<Slot> {
    let s = spec();
    let mut out = Vec::new();
    let mut row = 0;
    let push_row = |out: &mut Vec<Slot>, kinds: Vec<SlotKind>, row: &mut usize| {
        for (col, kind) in kinds.into_iter().enumerate() {
            out.push(Slot { kind, row: *row, col });
        }
        *row += 1;
    };
    for item in &section.items {
        match item {
            Item::Field(i) => {
                let f = &s.fields[*i];
                push_row(&mut out, vec![SlotKind::Field { path: f.key.clone(), kind: f.kind }], &mut row);
            }
            Item::Calc(c) => push_row(&mut out, vec![SlotKind::Calc { calc: *c, row: None }], &mut row),
            Item::FundGrid => {
                for g in FUND_ROWS {
                    match g {
                        GridRow::Input { key, .. } => {
                            let cells = FUND_COLUMNS
                                .iter()
                                .map(|c| SlotKind::Field { path: format!("basic.funds.{key}.{c}"), kind: Kind::Money })
                                .collect();
                            push_row(&mut out, cells, &mut row);
                        }
                        GridRow::Total(t) => {
                            let cells =
                                (0..3).map(|c| SlotKind::Calc { calc: Calc::FundTotal(*t, c), row: None }).collect();
                            push_row(&mut out, cells, &mut row);
                        }
                        // 本级专项 rows are edited on their own screen; the grid shows their sum.
                        GridRow::SpecialFunds => {}
                    }
                }
            }
            Item::Table(t) => {
                let table = &s.tables[*t];
                for r in 1..=pkg.rows(table.key).len() {
                    let mut cells: Vec<SlotKind> = table
                        .columns
                        .iter()
                        .map(|c| SlotKind::Field { path: cell_path(table.key, r, &c.key), kind: c.kind })
                        .collect();
                    cells.extend(table.computed.iter().map(|c| SlotKind::Calc { calc: *c, row: Some(r) }));
                    push_row(&mut out, cells, &mut row);
                }
                push_row(&mut out, vec![SlotKind::AddRow { table: table.key }], &mut row);
            }
        }
    }
    out
}

/// The index of the slot holding `path` (a field or cell), or of the first slot of the table
/// `path` names.
#[must_use]
pub fn find(slots: &[Slot], path: &str) -> Option<usize> {
    slots.iter().position(|s| s.path() == Some(path)).or_else(|| {
        slots.iter().position(|s| match &s.kind {
            SlotKind::Field { path: p, .. } => p.starts_with(&format!("{path}.")),
            SlotKind::AddRow { table } => *table == path,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fund_grid_is_a_grid_and_tables_end_with_add_row() {
        let s = spec();
        let pkg = Package::new(2023);
        let (_, funds) = s.section("funds").expect("funds");
        let sl = slots(funds, &pkg);
        assert_eq!(sl.len(), (12 + 3) * 3);
        let first_input = find(&sl, "basic.funds.car_purchase.budget").expect("cell");
        let below = vertical(&sl, first_input, 1).expect("below");
        assert_eq!(sl[below].path(), Some("basic.funds.car_operation.budget"));
        let (_, ind) = s.section("indicators").expect("indicators");
        let sl = slots(ind, &pkg);
        assert!(matches!(sl[0].kind, SlotKind::AddRow { .. }));
    }
}
