//! The package as data: every field's value, the rows of the repeatable tables, the instances
//! of repeatable groups (each project's sheet, itself a package of the project form), and the
//! values a paper form printed in its computed cells (`stated`).
//!
//! A value is parsed **once**, when it is set: a [`Cell`] keeps the text (canonical when valid,
//! `865.82`, `2024-05-20`; as typed when not) beside what it parsed to or why it did not.
//! Readers take typed handles ([`FieldKey`], [`ColKey`]…) and get typed values; generic code
//! (the file, the wizard) addresses values by path.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::def::{ColKey, FieldKey, Form, GroupKey, Kind, TableKey, Target, split_cell};
use super::input::{self, Date, InputError, Phone};
use super::profile::DEFAULT_PROFILE;

/// What a valid value is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A fiscal year.
    Year(i32),
    /// An amount (万元), area (m²) or score.
    Number(Decimal),
    /// A headcount.
    Integer(u32),
    /// A date.
    Date(Date),
    /// A phone number.
    Phone(Phone),
    /// Text (lines, long texts, names, choices): the cell's text itself.
    Text,
}

/// One value: its text and what it parsed to.
#[derive(Clone, Debug)]
pub struct Cell {
    text: String,
    value: Result<Value, InputError>,
    /// The form filled it from the row's other cells (`Package::fill`: the 指标性质 a target
    /// implies), not the user. Only the wizard's judgement of a blank new row reads it; never
    /// written to a file (a value read from one is the user's), not part of equality.
    filled: bool,
}

impl PartialEq for Cell {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Cell {}

impl Cell {
    /// Parses `text` as a value of `kind`; a valid value keeps its canonical text.
    #[must_use]
    pub fn parse(kind: Kind, text: &str) -> Self {
        match canonical(kind, text) {
            Ok((text, value)) => Self { text, value: Ok(value), filled: false },
            Err(e) => Self { text: text.to_string(), value: Err(e), filled: false },
        }
    }

    /// Whether the form filled it from other cells, not the user ([`Package::fill`]).
    #[must_use]
    pub fn filled(&self) -> bool {
        self.filled
    }

    /// The text (canonical when valid).
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The value, when valid.
    #[must_use]
    pub fn value(&self) -> Option<&Value> {
        self.value.as_ref().ok()
    }

    /// Why the text is not a valid value.
    #[must_use]
    pub fn error(&self) -> Option<&InputError> {
        self.value.as_ref().err()
    }

    /// The number, when the value is one.
    #[must_use]
    pub fn number(&self) -> Option<Decimal> {
        match self.value() {
            Some(Value::Number(d)) => Some(*d),
            Some(Value::Integer(n)) => Some(Decimal::from(*n)),
            Some(Value::Year(y)) => Some(Decimal::from(*y)),
            _ => None,
        }
    }
}

/// One row of a repeatable table: column → value. Absent means empty.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    cells: BTreeMap<&'static str, Cell>,
}

impl Row {
    /// The text of a column; empty when absent.
    #[must_use]
    pub fn text(&self, col: ColKey) -> &str {
        self.get(col.0)
    }

    /// The text of a column by name (generic code); empty when absent.
    #[must_use]
    pub fn get(&self, col: &str) -> &str {
        self.cells.get(col).map_or("", Cell::text)
    }

    /// The cell of a column by name.
    #[must_use]
    pub fn cell(&self, col: &str) -> Option<&Cell> {
        self.cells.get(col)
    }

    /// The number in a column (amount, score, area), when valid.
    #[must_use]
    pub fn number(&self, col: ColKey) -> Option<Decimal> {
        self.cells.get(col.0).and_then(Cell::number)
    }

    /// Whether the row holds something, all of it filled by the form (`Cell::filled`: a new
    /// row's copied-down 一级/二级): a blank new row, nothing the user gave.
    #[must_use]
    pub fn only_filled(&self) -> bool {
        !self.cells.is_empty() && self.nothing_given()
    }

    /// Whether nothing in the row is the user's: empty, or [`Row::only_filled`].
    #[must_use]
    pub fn nothing_given(&self) -> bool {
        self.cells.values().all(Cell::filled)
    }

    /// Whether any column holds something.
    #[must_use]
    pub fn has_data(&self) -> bool {
        self.cells.values().any(|c| !c.text.is_empty())
    }

    /// Every filled column.
    pub fn cells(&self) -> impl Iterator<Item = (&'static str, &Cell)> {
        self.cells.iter().map(|(k, v)| (*k, v))
    }

    /// Sets a column's text, parsed as `kind` (used to try a change before making it).
    pub fn set(&mut self, col: &'static str, kind: Kind, text: &str) {
        self.put(col, kind, text);
    }

    fn put(&mut self, col: &'static str, kind: Kind, text: &str) {
        self.put_as(col, kind, text, false);
    }

    fn put_as(&mut self, col: &'static str, kind: Kind, text: &str, filled: bool) {
        if text.is_empty() {
            self.cells.remove(col);
        } else {
            self.cells.insert(col, Cell { filled, ..Cell::parse(kind, text) });
        }
    }
}

/// An office file the wizard writes beside the data file and the text report, as the user
/// chose at the write step (`[jixiao] exports` in the data file).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Office {
    /// The forms as a spreadsheet.
    Xlsx,
    /// The report (and the forms as tables) as a word-processor document.
    Docx,
}

impl Office {
    /// Every office format, in the order offered.
    pub const ALL: [Office; 2] = [Office::Xlsx, Office::Docx];

    /// The file extension (and the data file's word for it).
    #[must_use]
    pub fn ext(self) -> &'static str {
        match self {
            Self::Xlsx => "xlsx",
            Self::Docx => "docx",
        }
    }

    /// The format named by an extension or a `--format` value (any case).
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.ext().eq_ignore_ascii_case(s.trim()))
    }
}

/// A package (or one project's sheet): values of one form.
#[derive(Clone)]
pub struct Package {
    form: &'static Form,
    /// Scoring profile id.
    pub profile: String,
    /// The office files written with the report (the user's last choice; empty: none).
    pub exports: Vec<Office>,
    values: BTreeMap<&'static str, Cell>,
    tables: BTreeMap<&'static str, Vec<Row>>,
    groups: BTreeMap<&'static str, Vec<Package>>,
    /// Computed cells as printed on a paper form being transcribed: never used to compute,
    /// only compared with what jixiao computes (E-03, E-04…). Keys are computed-cell paths.
    pub stated: BTreeMap<String, String>,
    /// Last year's text of fields this year's package starts empty (`Carry::Reference`) and
    /// last year's fiscal year, kept by `jixiao new --from` for the wizard to show: never a
    /// value, never checked or printed. Keys are field paths within this sheet.
    pub reference: BTreeMap<String, String>,
    /// The user's own comments of the file it was read from, put back when it is saved
    /// (presentation only: not part of the package's equality).
    pub comments: super::comments::Comments,
}

impl PartialEq for Package {
    fn eq(&self, other: &Self) -> bool {
        self.form.id == other.form.id
            && self.profile == other.profile
            && self.exports == other.exports
            && self.values == other.values
            && self.tables == other.tables
            && self.groups == other.groups
            && self.stated == other.stated
            && self.reference == other.reference
    }
}

impl Eq for Package {}

impl std::fmt::Debug for Package {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Package")
            .field("form", &self.form.id)
            .field("profile", &self.profile)
            .field("exports", &self.exports)
            .field("values", &self.values)
            .field("tables", &self.tables)
            .field("groups", &self.groups)
            .field("stated", &self.stated)
            .field("reference", &self.reference)
            .finish()
    }
}

impl Package {
    /// An empty package of `form` on the default profile.
    #[must_use]
    pub fn empty(form: &'static Form) -> Self {
        Self {
            form,
            profile: DEFAULT_PROFILE.to_string(),
            exports: Vec::new(),
            values: BTreeMap::new(),
            tables: BTreeMap::new(),
            groups: BTreeMap::new(),
            stated: BTreeMap::new(),
            reference: BTreeMap::new(),
            comments: super::comments::Comments::default(),
        }
    }

    /// An empty package of `form` with its fiscal year filled in (when the form has one).
    #[must_use]
    pub fn new(form: &'static Form, fiscal_year: i32) -> Self {
        let mut p = Self::empty(form);
        if let Some(y) = form.fiscal_year {
            p.set(y.0, fiscal_year.to_string());
        }
        p
    }

    /// The form this package is filled on.
    #[must_use]
    pub fn form(&self) -> &'static Form {
        self.form
    }

    // ── typed reading (a form's own code) ──

    /// The text of a field; empty when absent.
    #[must_use]
    pub fn text(&self, f: FieldKey) -> &str {
        self.values.get(f.0).map_or("", Cell::text)
    }

    /// The cell of a field.
    #[must_use]
    pub fn cell(&self, f: FieldKey) -> Option<&Cell> {
        self.values.get(f.0)
    }

    /// The number in a field (amount, score, area, headcount), if filled and valid.
    #[must_use]
    pub fn number(&self, f: FieldKey) -> Option<Decimal> {
        self.values.get(f.0).and_then(Cell::number)
    }

    /// The amount in a field, or 0 when blank or invalid (blank cells count 0 in sums).
    #[must_use]
    pub fn number0(&self, f: FieldKey) -> Decimal {
        self.number(f).unwrap_or_default()
    }

    /// The headcount in a field.
    #[must_use]
    pub fn int(&self, f: FieldKey) -> Option<u32> {
        match self.values.get(f.0).and_then(Cell::value) {
            Some(Value::Integer(n)) => Some(*n),
            _ => None,
        }
    }

    /// The date in a field.
    #[must_use]
    pub fn date(&self, f: FieldKey) -> Option<Date> {
        match self.values.get(f.0).and_then(Cell::value) {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        }
    }

    /// The fiscal year, if the form has one and it is valid.
    #[must_use]
    pub fn fiscal_year(&self) -> Option<i32> {
        match self.values.get(self.form.fiscal_year?.0).and_then(Cell::value) {
            Some(Value::Year(y)) => Some(*y),
            _ => None,
        }
    }

    /// The rows of a table.
    #[must_use]
    pub fn rows(&self, t: TableKey) -> &[Row] {
        self.rows_at(t.0)
    }

    /// The instances of a group (the projects' sheets).
    #[must_use]
    pub fn instances(&self, g: GroupKey) -> &[Package] {
        self.groups.get(g.0).map_or(&[], Vec::as_slice)
    }

    /// One instance of a group, for changing (0-based).
    pub fn instance_mut(&mut self, g: GroupKey, at: usize) -> Option<&mut Package> {
        self.groups.get_mut(g.0)?.get_mut(at)
    }

    // ── generic access by path (the file, the wizard) ──

    /// The text at `path` (field, table cell, or either inside a group instance); empty when
    /// absent.
    #[must_use]
    pub fn text_at(&self, path: &str) -> &str {
        self.cell_at(path).map_or("", Cell::text)
    }

    /// The cell at `path`.
    #[must_use]
    pub fn cell_at(&self, path: &str) -> Option<&Cell> {
        if let Some(c) = self.values.get(path) {
            return Some(c);
        }
        if let Some((inner, rest)) = self.instance_of(path) {
            return inner.cell_at(rest);
        }
        let (table, row, col) = split_cell(path)?;
        self.tables.get(table)?.get(row - 1)?.cells.get(col)
    }

    /// Whether the value at `path` is there and the form filled it ([`Cell::filled`]).
    #[must_use]
    pub fn filled_at(&self, path: &str) -> bool {
        self.cell_at(path).is_some_and(Cell::filled)
    }

    /// The rows of a table by path (`self_eval.indicators`, `projects.1.indicators`).
    #[must_use]
    pub fn rows_at(&self, table: &str) -> &[Row] {
        if let Some(rows) = self.tables.get(table) {
            return rows;
        }
        match self.instance_of(table) {
            Some((inner, rest)) => inner.rows_at(rest),
            None => &[],
        }
    }

    /// Last year's text for the field at `path` (also inside a group instance), when the
    /// package was started from last year's (`Package::reference`).
    #[must_use]
    pub fn reference_at(&self, path: &str) -> Option<&str> {
        let (sheet, rest) = self.sheet_of(path);
        sheet.reference.get(rest).map(String::as_str)
    }

    /// The sheet `path` lies in (a group instance, or this package) and the path within it.
    #[must_use]
    pub fn sheet_of<'p>(&self, path: &'p str) -> (&Package, &'p str) {
        match self.instance_of(path) {
            Some((inner, rest)) => inner.sheet_of(rest),
            None => (self, path),
        }
    }

    /// The row a table-cell path lies in, with the sheet holding it.
    #[must_use]
    pub fn row_of(&self, path: &str) -> Option<(&Package, &Row)> {
        let (sheet, rest) = self.sheet_of(path);
        let (table, row, _) = split_cell(rest)?;
        Some((sheet, sheet.tables.get(table)?.get(row - 1)?))
    }

    /// The instance and the rest of the path for `projects.2.rest`.
    fn instance_of<'p>(&self, path: &'p str) -> Option<(&Package, &'p str)> {
        let (head, rest) = path.split_once('.')?;
        let (n, rest) = rest.split_once('.')?;
        let n: usize = n.parse().ok()?;
        Some((self.groups.get(head)?.get(n.checked_sub(1)?)?, rest))
    }

    fn instance_of_mut<'p>(&mut self, path: &'p str) -> Option<(&mut Package, &'p str)> {
        let (head, rest) = path.split_once('.')?;
        let (n, rest) = rest.split_once('.')?;
        let n: usize = n.parse().ok()?;
        Some((self.groups.get_mut(head)?.get_mut(n.checked_sub(1)?)?, rest))
    }

    /// Sets the text at `path` (parsed once, here). Returns false when the path names no
    /// field or cell of an existing row.
    pub fn set(&mut self, path: &str, text: impl Into<String>) -> bool {
        self.set_as(path, text.into(), false)
    }

    /// [`Package::set`] for a value the form fills from other cells (`scoring::autofill`): the
    /// cell remembers it ([`Cell::filled`]) until the user sets it.
    pub fn fill(&mut self, path: &str, text: impl Into<String>) -> bool {
        self.set_as(path, text.into(), true)
    }

    fn set_as(&mut self, path: &str, text: String, filled: bool) -> bool {
        if let Some(f) = self.form.field(path) {
            if text.is_empty() {
                self.values.remove(f.key);
            } else {
                self.values.insert(f.key, Cell { filled, ..Cell::parse(f.kind, &text) });
            }
            return true;
        }
        if let Some((inner, rest)) = self.instance_of_mut(path) {
            return inner.set_as(rest, text, filled);
        }
        let form = self.form;
        let Some(Target::Cell(t, row, c)) = form.resolve(path).map(|r| r.target) else { return false };
        match self.tables.entry(t.key).or_default().get_mut(row - 1) {
            Some(r) => {
                r.put_as(c.key, c.kind, &text, filled);
                true
            }
            None => false,
        }
    }

    /// A copy without the rows that hold only what the form filled ([`Row::only_filled`]), in
    /// its tables and its project sheets' — what a draft keeps of a blank new row: nothing.
    /// `None` when there is no such row (the common case: no copy made).
    #[must_use]
    pub fn without_filled_rows(&self) -> Option<Package> {
        let here = self.tables.values().any(|rows| rows.iter().any(Row::only_filled));
        let below = self.groups.values().flatten().any(|p| p.without_filled_rows().is_some());
        if !here && !below {
            return None;
        }
        let mut out = self.clone();
        for rows in out.tables.values_mut() {
            rows.retain(|r| !r.only_filled());
        }
        for sub in out.groups.values_mut().flatten() {
            if let Some(s) = sub.without_filled_rows() {
                *sub = s;
            }
        }
        Some(out)
    }

    /// The rows of a table for changing, by path; `None` when no such table.
    fn rows_mut(&mut self, table: &str) -> Option<&mut Vec<Row>> {
        if let Some(t) = self.form.table(table) {
            return Some(self.tables.entry(t.key).or_default());
        }
        let (inner, rest) = self.instance_of_mut(table)?;
        inner.rows_mut(rest)
    }

    /// The last row of a table of this sheet (not of a project's), for the loader filling the
    /// row it just added cell by cell without resolving a path for each.
    pub(crate) fn last_row_mut(&mut self, table: &'static str) -> Option<&mut Row> {
        self.tables.get_mut(table)?.last_mut()
    }

    /// Inserts an empty row at `at` (0-based, clamped) and returns its index; `None` when the
    /// table does not exist or is full.
    pub fn insert_row(&mut self, table: &str, at: usize) -> Option<usize> {
        let max = self.table_def(table)?.max_rows;
        let rows = self.rows_mut(table)?;
        if rows.len() >= max {
            return None;
        }
        let at = at.min(rows.len());
        rows.insert(at, Row::default());
        Some(at)
    }

    /// Removes row `at` (0-based) if it exists.
    pub fn remove_row(&mut self, table: &str, at: usize) -> bool {
        match self.rows_mut(table) {
            Some(rows) if at < rows.len() => {
                rows.remove(at);
                true
            }
            _ => false,
        }
    }

    /// Swaps rows `a` and `b` (0-based) if both exist.
    pub fn swap_rows(&mut self, table: &str, a: usize, b: usize) -> bool {
        match self.rows_mut(table) {
            Some(rows) if a < rows.len() && b < rows.len() => {
                rows.swap(a, b);
                true
            }
            _ => false,
        }
    }

    /// The definition of a table by path (also inside group instances).
    #[must_use]
    pub fn table_def(&self, table: &str) -> Option<&'static super::def::Table> {
        match self.form.resolve(table)?.target {
            Target::Table(t) => Some(t),
            _ => None,
        }
    }

    /// Inserts an empty instance of a group (a new project) at `at` (0-based, clamped) and
    /// returns its index; `None` when there is no such group or it is full.
    pub fn insert_instance(&mut self, group: GroupKey, at: usize) -> Option<usize> {
        let g = self.form.group(group.0)?;
        let mut sub = Self::empty((g.form)());
        sub.profile.clone_from(&self.profile);
        let list = self.groups.entry(g.key.0).or_default();
        if list.len() >= g.max {
            return None;
        }
        let at = at.min(list.len());
        list.insert(at, sub);
        Some(at)
    }

    /// Removes instance `at` (0-based) of a group.
    pub fn remove_instance(&mut self, group: GroupKey, at: usize) -> bool {
        match self.groups.get_mut(group.0) {
            Some(list) if at < list.len() => {
                list.remove(at);
                true
            }
            _ => false,
        }
    }

    /// Swaps instances `a` and `b` (0-based) of a group.
    pub fn swap_instances(&mut self, group: GroupKey, a: usize, b: usize) -> bool {
        match self.groups.get_mut(group.0) {
            Some(list) if a < list.len() && b < list.len() => {
                list.swap(a, b);
                true
            }
            _ => false,
        }
    }

    /// Appends a whole instance (used by the file loader).
    pub fn push_instance(&mut self, group: GroupKey, sub: Package) {
        self.groups.entry(group.0).or_default().push(sub);
    }

    /// Appends a whole row (used by the file loader); false when the table does not exist.
    pub fn push_row(&mut self, table: &str) -> bool {
        match self.rows_mut(table) {
            Some(rows) => {
                rows.push(Row::default());
                true
            }
            None => false,
        }
    }

    /// Fills what is empty here from `other` (a package of the same form): each empty field,
    /// each table without rows, each group without instances. What is filled here stays.
    pub fn fill_from(&mut self, other: &Package) {
        for (k, c) in &other.values {
            self.values.entry(k).or_insert_with(|| c.clone());
        }
        for (t, rows) in &other.tables {
            let mine = self.tables.entry(t).or_default();
            if mine.is_empty() {
                mine.clone_from(rows);
            }
        }
        for (g, list) in &other.groups {
            let mine = self.groups.entry(g).or_default();
            if mine.is_empty() {
                mine.clone_from(list);
            }
        }
        for (k, v) in &other.stated {
            self.stated.entry(k.clone()).or_insert_with(|| v.clone());
        }
        for (k, v) in &other.reference {
            self.reference.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }

    /// Every filled scalar field: path and cell, in path order.
    pub fn values(&self) -> impl Iterator<Item = (&'static str, &Cell)> {
        self.values.iter().map(|(k, v)| (*k, v))
    }

    /// Whether nothing but the fiscal year has been filled.
    #[must_use]
    pub fn is_blank(&self) -> bool {
        let year = self.form.fiscal_year.map(|f| f.0);
        self.values.keys().all(|k| Some(*k) == year)
            && self.tables.values().all(Vec::is_empty)
            && self.groups.values().all(Vec::is_empty)
    }

    /// How many values are filled (fields, cells, in every instance).
    #[must_use]
    pub fn filled(&self) -> usize {
        self.values.len()
            + self.tables.values().flatten().map(|r| r.cells.len()).sum::<usize>()
            + self.groups.values().flatten().map(Package::filled).sum::<usize>()
    }
}

/// Largest headcount accepted.
pub const MAX_HEADCOUNT: u32 = 1_000_000;
/// Longest single-line text, in characters.
pub const MAX_LINE: usize = 200;
/// Longest long text, in characters.
pub const MAX_LONG: usize = 50_000;

/// A fiscal year, 2000–2100.
///
/// # Errors
/// [`InputError`] when not a year in range.
pub fn year(s: &str) -> Result<i32, InputError> {
    input::year(s)
}

/// Parses typed text for a field of `kind`: the canonical text to store and the value.
/// Choices are checked against the profile by the rules, not here.
///
/// # Errors
/// [`InputError`] naming what was wrong; `Empty` for blank text.
pub fn canonical(kind: Kind, text: &str) -> Result<(String, Value), InputError> {
    let number = |d: Decimal| (d.to_string(), Value::Number(d));
    Ok(match kind {
        Kind::Year => {
            let y = year(text)?;
            (y.to_string(), Value::Year(y))
        }
        Kind::Money => number(input::money(text)?),
        Kind::Integer => {
            let n = input::integer(text, MAX_HEADCOUNT)?;
            (n.to_string(), Value::Integer(n))
        }
        Kind::Area => number(input::area(text)?),
        Kind::Score => number(input::score(text)?),
        Kind::Line | Kind::Choice(_) => (input::line(text, MAX_LINE)?, Value::Text),
        Kind::LongText => (input::long_text(text, MAX_LONG)?, Value::Text),
        Kind::Date => {
            let d = input::date(text)?;
            (d.iso(), Value::Date(d))
        }
        Kind::Phone => {
            let p = input::phone(text)?;
            (p.text().to_string(), Value::Phone(p))
        }
        Kind::Name => (input::name(text)?, Value::Text),
    })
}

/// The canonical text for `kind`, or the error (for code that only needs the text).
///
/// # Errors
/// As [`canonical`].
pub fn canonical_text(kind: Kind, text: &str) -> Result<String, InputError> {
    canonical(kind, text).map(|(t, _)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_its_canonical_text_and_gives_its_number_whatever_its_kind() {
        assert_eq!(Cell::parse(Kind::Integer, "27人").number(), Some(Decimal::from(27)));
        assert_eq!(Cell::parse(Kind::Year, "2023年").number(), Some(Decimal::from(2023)));
        assert_eq!(Cell::parse(Kind::Money, "865.82").number(), Some(Decimal::new(86_582, 2)));
        assert_eq!(Cell::parse(Kind::Line, "27").number(), None);
        // Equal by their canonical text: 27 and 27人 are one value, 27 and 28 are not.
        assert_eq!(Cell::parse(Kind::Integer, "27"), Cell::parse(Kind::Integer, "27人"));
        assert_ne!(Cell::parse(Kind::Integer, "27"), Cell::parse(Kind::Integer, "28"));
    }

    /// Project sheets are removed and swapped only where they exist (0-based).
    #[test]
    fn project_sheets_are_removed_and_swapped_only_where_they_exist() {
        let g = crate::form::unit::keys::PROJECTS;
        let p = crate::form::file::load(include_bytes!("../../examples/projects-2023.toml")).expect("loads").package;
        let names = |p: &Package| p.instances(g).iter().map(|s| s.text_at("name").to_string()).collect::<Vec<_>>();
        let n = p.instances(g).len();
        assert_eq!(n, 2);
        let mut q = p.clone();
        assert!(!q.remove_instance(g, n));
        assert_eq!(q, p);
        assert!(q.remove_instance(g, n - 1));
        assert_eq!(names(&q), names(&p)[..n - 1]);
        let mut q = p.clone();
        assert!(q.swap_instances(g, 0, 1));
        assert_eq!(names(&q), [names(&p)[1].clone(), names(&p)[0].clone()]);
        for (a, b) in [(0, n), (n, 0), (n, n)] {
            let mut q = p.clone();
            assert!(!q.swap_instances(g, a, b), "{a} {b}");
            assert_eq!(q, p);
        }
    }

    #[test]
    fn office_files_are_named_by_their_extension_in_any_case() {
        assert_eq!(Office::ALL.map(Office::ext), ["xlsx", "docx"]);
        assert_eq!(Office::parse(" XLSX "), Some(Office::Xlsx));
        assert_eq!(Office::parse("Docx"), Some(Office::Docx));
        assert_eq!(Office::parse("pdf"), None);
    }

    #[test]
    fn a_row_has_data_while_any_column_holds_text() {
        let mut r = Row::default();
        assert!(!r.has_data());
        r.set("name", Kind::Line, "执法办案件数");
        assert!(r.has_data());
        r.set("name", Kind::Line, "");
        assert!(!r.has_data());
    }
}
