//! A form document as a spreadsheet grid, before any file format: where each value goes, which
//! cells merge, the number formats, the formulas in A1 notation, the column widths and row
//! heights, and the print set-up. `xlsx` writes it; tests read it to find each value.
//!
//! The paper forms are one grid per form whose tables share a frame: a 3-column table and a
//! 7-column table have the same left and right edges, their cells merged over the grid's
//! columns. Here the grid's columns are the union of every table's column edges (the widths
//! the text report gives them, in proportion), edges closer than [`SNAP`] made one; each table
//! column then covers the grid columns between its edges. The title, headings, labelled values,
//! paragraphs and notes span the full width. Row heights are set for wrapped text, since neither
//! Excel nor LibreOffice sizes a merged cell's row by itself.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use crate::form::input::Date;
use crate::form::layout::{Align, At, Block, Document, Expr, Layout, Shown, Table, Val};
use crate::i18n::Catalog;
use crate::text::width;

/// Excel's limit on a sheet name.
pub const MAX_SHEET_NAME: usize = 31;
/// Column edges closer than this share one grid edge (a fraction of the width).
pub const SNAP: f64 = 0.03;
/// Spreadsheet width units (the width of a `0` in the default font) per column of the text
/// report (a Chinese character is two columns; 宋体 11 pt draws it about 2.1 units wide).
pub const UNITS_PER_COLUMN: f64 = 1.1;
/// Height of a line of body text (11 pt) in points, and the padding of a row.
const LINE: f64 = 14.5;
const PAD: f64 = 4.0;
/// Wider than this (in width units at 100 %) prints landscape: A4 portrait holds about 90.
pub const LANDSCAPE_ABOVE: f64 = 100.0;

/// How a cell's number is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Num {
    /// Text (or blank).
    Text,
    /// `0.00`: amounts, areas, scores.
    Fixed2,
    /// `0`: headcounts.
    Int,
    /// `0.00%`.
    Percent,
    /// A date, as the forms write it.
    Date,
}

/// What a cell is on the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// The form's title.
    Title,
    /// A heading band (a table's caption).
    Caption,
    /// A table's column titles.
    Header,
    /// A value.
    Body,
    /// A value of the 合计 row.
    Total,
    /// The label of a labelled value or signature.
    Label,
    /// A note under the form.
    Note,
}

/// A cell's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Style {
    /// What it is.
    pub role: Role,
    /// Its number format.
    pub num: Num,
    /// Horizontal alignment.
    pub align: Align,
    /// Thin borders (inside the form's frame).
    pub border: bool,
}

/// A cell's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// Nothing.
    Blank,
    /// Text.
    Text(String),
    /// A number as the spreadsheet holds it (a percentage as a fraction).
    Number(Decimal),
    /// A date.
    Date(Date),
}

/// A written cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// Row, 0-based.
    pub row: u32,
    /// Column, 0-based.
    pub col: u16,
    /// Its value (a formula's cached result).
    pub value: Value,
    /// Its format.
    pub style: Style,
    /// A formula (`=ROUND(C5/B5,4)`) whose result is `value`.
    pub formula: Option<String>,
}

/// A merged range, inclusive, in the format of its first cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merge {
    /// Top-left (row, column).
    pub first: (u32, u16),
    /// Bottom-right (row, column).
    pub last: (u32, u16),
    /// Its format.
    pub style: Style,
}

/// Where a value of the layout went: block `block` of the document, `row` and `col` within it
/// (a table's body cell; a signature's pair is its `row`; anything else 0, 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placed {
    /// The block's index in the document.
    pub block: usize,
    /// Row within the block.
    pub row: usize,
    /// Column within the block.
    pub col: usize,
    /// The sheet cell (row, column).
    pub at: (u32, u16),
}

/// One sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    /// Its tab's name (unique, at most 31 characters).
    pub name: String,
    /// Column widths in width units.
    pub widths: Vec<f64>,
    /// Row heights in points, every row (one line at least; more for wrapped text).
    pub heights: Vec<(u32, f64)>,
    /// The cells, in order.
    pub cells: Vec<Cell>,
    /// The merged ranges.
    pub merges: Vec<Merge>,
    /// Where each layout value went.
    pub placed: Vec<Placed>,
    /// Printed landscape.
    pub landscape: bool,
    /// Rows 0..n repeated at the top of each printed page (the title).
    pub title_rows: u32,
    /// The page footer (`&P` page, `&N` pages).
    pub footer: String,
    /// The date format.
    pub date_format: String,
}

/// Every form document of `layout` (not the prose) as a sheet, with unique tab names.
#[must_use]
pub fn sheets(layout: &Layout, cat: &Catalog) -> Vec<Sheet> {
    let mut names = BTreeSet::new();
    layout
        .docs
        .iter()
        .filter(|d| !d.narrative)
        .map(|d| {
            let base = super::safe_name(&d.short, MAX_SHEET_NAME);
            let base = if base.is_empty() { "Sheet".to_string() } else { base };
            let mut name = base.clone();
            let mut n = 2;
            while !names.insert(name.clone()) {
                let suffix = format!("({n})");
                let keep = MAX_SHEET_NAME - suffix.chars().count();
                name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
                n += 1;
            }
            plan(d, name, cat)
        })
        .collect()
}

/// The grid edges of a document's tables (fractions of the width, 0 and 1 included) and its
/// width in units.
fn edges(tables: &[&Table]) -> (Vec<f64>, f64) {
    let mut inner: Vec<f64> = Vec::new();
    let mut total: f64 = 0.0;
    for t in tables {
        let widths: Vec<f64> = t.columns.iter().map(|c| c.width as f64 + 3.0).collect();
        let sum: f64 = widths.iter().sum();
        total = total.max(sum * UNITS_PER_COLUMN);
        let mut acc = 0.0;
        for w in &widths[..widths.len().saturating_sub(1)] {
            acc += w;
            inner.push(acc / sum);
        }
    }
    inner.sort_by(f64::total_cmp);
    let mut clusters: Vec<Vec<f64>> = Vec::new();
    for x in inner {
        match clusters.last_mut() {
            Some(c) if x - mean(c) <= SNAP => c.push(x),
            _ => clusters.push(vec![x]),
        }
    }
    let mut out = vec![0.0];
    out.extend(clusters.iter().map(|c| mean(c)).filter(|m| *m > SNAP && *m < 1.0 - SNAP));
    out.push(1.0);
    (out, if total > 0.0 { total } else { 100.0 })
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

/// Each column of `t` as (first grid column, grid columns covered).
fn columns_of(t: &Table, edges: &[f64]) -> Vec<(u16, u16)> {
    let widths: Vec<f64> = t.columns.iter().map(|c| c.width as f64 + 3.0).collect();
    let sum: f64 = widths.iter().sum();
    let n = edges.len() - 1;
    let mut out = Vec::new();
    let (mut acc, mut start) = (0.0, 0usize);
    for (i, w) in widths.iter().enumerate() {
        acc += w;
        let left = widths.len() - 1 - i;
        let end = if left == 0 {
            n
        } else {
            let x = acc / sum;
            let nearest = (0..=n).min_by(|a, b| (edges[*a] - x).abs().total_cmp(&(edges[*b] - x).abs())).unwrap_or(n);
            // At least one grid column for this one and for each left to place.
            nearest.max(start + 1).min(n - left)
        };
        out.push((start as u16, (end - start).max(1) as u16));
        start = end;
    }
    out
}

/// A spreadsheet column name: 0 → `A`, 26 → `AA`.
#[must_use]
pub fn col_name(col: u16) -> String {
    let mut n = u32::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// A placed table: its id, first body row and grid columns.
struct PlacedTable {
    id: &'static str,
    first_row: u32,
    cols: Vec<(u16, u16)>,
}

/// The value of a layout value in the spreadsheet, and its number format.
fn value_of(v: &Val) -> (Value, Num) {
    match &v.shown {
        Shown::Empty => (Value::Blank, Num::Text),
        Shown::Text(t) => (Value::Text(t.clone()), Num::Text),
        Shown::Money(d) | Shown::Area(d) | Shown::Score(d) => (Value::Number(*d), Num::Fixed2),
        Shown::Int(n) => (Value::Number(Decimal::from(*n)), Num::Int),
        Shown::Percent(Some(p)) => (Value::Number(*p / Decimal::ONE_HUNDRED), Num::Percent),
        Shown::Percent(None) => (Value::Text("—".into()), Num::Text),
        Shown::Date(d) => (Value::Date(*d), Num::Date),
    }
}

/// How many lines `text` takes in a cell `units` wide, at `scale` times the body size.
fn lines(text: &str, units: f64, scale: f64) -> usize {
    let room = (units - 1.0).max(1.0);
    text.split('\n').map(|l| ((width(l) as f64 * UNITS_PER_COLUMN * scale / room).ceil() as usize).max(1)).sum()
}

struct Builder<'a> {
    sheet: Sheet,
    n: u16,
    row: u32,
    /// Lines needed per row.
    need: Vec<(u32, f64)>,
    tables: Vec<PlacedTable>,
    pending: Vec<(usize, usize, &'a Expr)>,
}

impl Builder<'_> {
    fn units(&self, col: u16, cols: u16) -> f64 {
        self.sheet.widths[usize::from(col)..usize::from(col + cols)].iter().sum()
    }

    /// Writes `value` over `cols` × `rows` cells from (`row`, `col`); returns the cell's index.
    fn put(&mut self, (row, col): (u32, u16), (rows, cols): (u32, u16), value: Value, style: Style) {
        if rows > 1 || cols > 1 {
            self.sheet.merges.push(Merge { first: (row, col), last: (row + rows - 1, col + cols - 1), style });
        }
        let text = match &value {
            Value::Text(t) => t.clone(),
            Value::Blank => String::new(),
            Value::Number(_) | Value::Date(_) => "0000000000".into(),
        };
        let scale = match style.role {
            Role::Title => 16.0 / 11.0,
            Role::Note => 10.0 / 11.0,
            _ => 1.0,
        };
        let line = match style.role {
            Role::Title => 24.0,
            Role::Note => 13.0,
            _ => LINE,
        };
        let n = lines(&text, self.units(col, cols), scale) as f64;
        let per_row = (n * line + PAD) / f64::from(rows);
        for r in row..row + rows {
            self.need.push((r, per_row));
        }
        self.sheet.cells.push(Cell { row, col, value, style, formula: None });
    }

    fn full(&mut self, value: Value, style: Style) {
        let (row, n) = (self.row, self.n);
        self.put((row, 0), (1, n), value, style);
        self.row += 1;
    }

    /// How many grid columns from `from` a label of this text needs (leaving `keep` free).
    fn fit(&self, from: u16, to: u16, label: &str, keep: u16) -> u16 {
        let want = width(label) as f64 * UNITS_PER_COLUMN + 1.0;
        let mut cols = 1;
        while from + cols + keep < to && self.units(from, cols) < want {
            cols += 1;
        }
        cols
    }

    fn table(&mut self, bi: usize, t: &Table, cols: Vec<(u16, u16)>) {
        let header = Style { role: Role::Header, num: Num::Text, align: Align::Center, border: true };
        for (c, (first, n)) in t.columns.iter().zip(&cols) {
            self.put((self.row, *first), (1, *n), Value::Text(c.title.clone()), header);
        }
        self.row += 1;
        let first_row = self.row;
        let covered: BTreeSet<(usize, usize)> = t
            .spans
            .iter()
            .flat_map(|s| {
                (s.row..s.row + s.rows).flat_map(move |r| (s.col..s.col + s.cols).map(move |c| (r, c))).skip(1)
            })
            .collect();
        for (r, row) in t.rows.iter().enumerate() {
            let total = t.total_row && r + 1 == t.rows.len();
            for (c, v) in row.iter().enumerate() {
                if covered.contains(&(r, c)) || c >= cols.len() {
                    continue;
                }
                let span = t.spans.iter().find(|s| s.row == r && s.col == c);
                let (rows, ncols) = span.map_or((1, 1), |s| (s.rows, s.cols));
                let (first, _) = cols[c];
                let last_col = cols[(c + ncols - 1).min(cols.len() - 1)];
                let width = last_col.0 + last_col.1 - first;
                let (value, num) = value_of(v);
                let align = if num == Num::Text && matches!(v.shown, Shown::Percent(None)) {
                    Align::Center
                } else {
                    t.columns[c].align
                };
                let role = if total { Role::Total } else { Role::Body };
                let style = Style { role, num, align, border: true };
                self.put((first_row + r as u32, first), (rows as u32, width), value, style);
                self.sheet.placed.push(Placed { block: bi, row: r, col: c, at: (first_row + r as u32, first) });
            }
        }
        self.row = first_row + t.rows.len() as u32;
        self.tables.push(PlacedTable { id: t.id, first_row, cols });
    }

    fn a1(&self, at: At, here: usize) -> String {
        let t = if at.table.is_empty() { self.tables.get(here) } else { self.tables.iter().find(|t| t.id == at.table) };
        match t.and_then(|t| t.cols.get(at.col).map(|c| (t.first_row, c.0))) {
            Some((first, col)) => format!("{}{}", col_name(col), first + at.row as u32 + 1),
            None => "#REF!".into(),
        }
    }

    fn formula(&self, e: &Expr, here: usize) -> String {
        match e {
            Expr::Cell(at) => self.a1(*at, here),
            Expr::Down(at, last) => format!("{}:{}", self.a1(*at, here), self.a1(At { row: *last, ..*at }, here)),
            Expr::Num(d) => d.normalize().to_string(),
            Expr::Sum(terms) => {
                format!("SUM({})", terms.iter().map(|t| self.formula(t, here)).collect::<Vec<_>>().join(","))
            }
            Expr::Div(a, b) => format!("({}/{})", self.formula(a, here), self.formula(b, here)),
            Expr::Mul(a, b) => format!("({}*{})", self.formula(a, here), self.formula(b, here)),
            Expr::Min(a, b) => format!("MIN({},{})", self.formula(a, here), self.formula(b, here)),
            Expr::Round(x, dp) => format!("ROUND({},{dp})", self.formula(x, here)),
        }
    }
}

/// One form document as a sheet named `name`.
#[must_use]
pub fn plan(doc: &Document, name: String, cat: &Catalog) -> Sheet {
    let tables: Vec<&Table> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) if !t.columns.is_empty() => Some(t),
            _ => None,
        })
        .collect();
    let (edges, total) = edges(&tables);
    let widths: Vec<f64> = edges.windows(2).map(|w| ((w[1] - w[0]) * total * 100.0).round() / 100.0).collect();
    let n = widths.len() as u16;
    let mut b = Builder {
        sheet: Sheet {
            name,
            widths,
            heights: Vec::new(),
            cells: Vec::new(),
            merges: Vec::new(),
            placed: Vec::new(),
            landscape: total > LANDSCAPE_ABOVE,
            title_rows: 1,
            footer: cat.tr("export.page_footer").to_string(),
            date_format: cat.tr("export.date_format").to_string(),
        },
        n,
        row: 0,
        need: Vec::new(),
        tables: Vec::new(),
        pending: Vec::new(),
    };
    let style = |role, num, align, border| Style { role, num, align, border };
    b.full(Value::Text(doc.title.clone()), style(Role::Title, Num::Text, Align::Center, false));
    for (bi, block) in doc.blocks.iter().enumerate() {
        let here = b.tables.len();
        match block {
            Block::Heading { text, .. } => {
                b.full(Value::Text(text.clone()), style(Role::Caption, Num::Text, Align::Left, true));
            }
            Block::Pair { label, value } => {
                let (v, num) = value_of(value);
                let row = b.row;
                let from = if label.is_empty() {
                    0
                } else {
                    let cols = b.fit(0, n, label, 1);
                    b.put(
                        (row, 0),
                        (1, cols),
                        Value::Text(label.clone()),
                        style(Role::Label, Num::Text, Align::Left, true),
                    );
                    cols
                };
                b.put((row, from), (1, n - from), v, style(Role::Body, num, Align::Left, true));
                b.sheet.placed.push(Placed { block: bi, row: 0, col: 0, at: (row, from) });
                b.row += 1;
            }
            Block::Para(v) => {
                let (value, num) = value_of(v);
                b.sheet.placed.push(Placed { block: bi, row: 0, col: 0, at: (b.row, 0) });
                b.full(value, style(Role::Body, num, Align::Left, true));
            }
            Block::Note(v) => {
                let (value, num) = value_of(v);
                b.sheet.placed.push(Placed { block: bi, row: 0, col: 0, at: (b.row, 0) });
                b.full(value, style(Role::Note, num, Align::Left, false));
            }
            Block::Table(t) if !t.columns.is_empty() => {
                let cols = columns_of(t, &edges);
                b.table(bi, t, cols);
                for f in &t.formulas {
                    if let Some(p) =
                        b.sheet.placed.iter().position(|p| p.block == bi && p.row == f.row && p.col == f.col)
                    {
                        b.pending.push((p, here, &f.expr));
                    }
                }
            }
            Block::Table(_) => {}
            Block::Sign(pairs) => {
                let per_row: u16 = if n >= 4 { 2 } else { 1 };
                for (ci, chunk) in pairs.chunks(usize::from(per_row)).enumerate() {
                    let row = b.row;
                    let seg = n / per_row;
                    for (k, (label, v)) in chunk.iter().enumerate() {
                        let from = seg * k as u16;
                        let to = if k as u16 + 1 == per_row { n } else { from + seg };
                        let cols = b.fit(from, to, label, 1);
                        let label_style = style(Role::Label, Num::Text, Align::Right, false);
                        b.put((row, from), (1, cols), Value::Text(label.clone()), label_style);
                        let (value, num) = value_of(v);
                        b.put(
                            (row, from + cols),
                            (1, to - from - cols),
                            value,
                            style(Role::Body, num, Align::Left, false),
                        );
                        let i = ci * usize::from(per_row) + k;
                        b.sheet.placed.push(Placed { block: bi, row: i, col: 0, at: (row, from + cols) });
                    }
                    b.row += 1;
                }
            }
            Block::Notes { heading, lines } => {
                b.full(Value::Text(heading.clone()), style(Role::Note, Num::Text, Align::Left, false));
                for l in lines {
                    b.full(Value::Text(l.clone()), style(Role::Note, Num::Text, Align::Left, false));
                }
            }
        }
    }
    // Formulas, now that every table has its place.
    let pending = std::mem::take(&mut b.pending);
    for (p, here, expr) in pending {
        let placed = b.sheet.placed[p];
        let text = format!("={}", b.formula(expr, here));
        if let Some(c) = b.sheet.cells.iter_mut().find(|c| (c.row, c.col) == placed.at) {
            c.formula = Some(text);
        }
    }
    let mut heights: Vec<(u32, f64)> = Vec::new();
    for (r, h) in std::mem::take(&mut b.need) {
        match heights.iter_mut().find(|(row, _)| *row == r) {
            Some((_, best)) => *best = best.max(h),
            None => heights.push((r, h)),
        }
    }
    heights.sort_by_key(|(r, _)| *r);
    b.sheet.heights = heights.into_iter().map(|(r, h)| (r, (h * 4.0).ceil() / 4.0)).collect();
    b.sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(col_name(0), "A");
        assert_eq!(col_name(25), "Z");
        assert_eq!(col_name(26), "AA");
        assert_eq!(col_name(701), "ZZ");
    }

    #[test]
    fn wrapped_text_takes_lines_by_display_width() {
        // 20 Chinese characters = 40 columns = 44 units: two lines in a 23-unit cell.
        assert_eq!(lines(&"字".repeat(20), 23.0, 1.0), 2);
        assert_eq!(lines("一行\n二行", 40.0, 1.0), 2);
        assert_eq!(lines("", 10.0, 1.0), 1);
    }
}
