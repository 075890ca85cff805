//! The package as data: every field's text by path, the rows of the repeatable tables, and
//! the values a paper form printed in its computed cells (`stated`). Text is kept exactly as
//! typed until it is valid; valid values are kept in canonical form (`865.82`, `2024-05-20`).

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::input::{self, Date, InputError};
use super::profile::DEFAULT_PROFILE;
use super::spec::{self, Kind, split_cell};

/// One row of a repeatable table: column → text.
pub type Row = BTreeMap<String, String>;

/// The whole package.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Package {
    /// Scoring profile id.
    pub profile: String,
    /// Scalar fields (including grid cells): path → text. Absent means empty.
    pub values: BTreeMap<String, String>,
    /// Repeatable tables: table path → rows.
    pub tables: BTreeMap<String, Vec<Row>>,
    /// Computed cells as printed on a paper form being transcribed: never used to compute,
    /// only compared with what jixiao computes (E-03, E-04…).
    pub stated: BTreeMap<String, String>,
}

impl Package {
    /// An empty package for the default profile, with its fiscal year filled in.
    #[must_use]
    pub fn new(fiscal_year: i32) -> Self {
        let mut p = Self { profile: DEFAULT_PROFILE.to_string(), ..Self::default() };
        p.values.insert("basic.fiscal_year".into(), fiscal_year.to_string());
        for t in &spec::spec().tables {
            p.tables.insert(t.key.to_string(), Vec::new());
        }
        p
    }

    /// The text at `path` (scalar field or table cell); empty when absent.
    #[must_use]
    pub fn text(&self, path: &str) -> &str {
        if let Some(v) = self.values.get(path) {
            return v;
        }
        if let Some((table, row, col)) = split_cell(path) {
            return self
                .tables
                .get(table)
                .and_then(|rows| rows.get(row.checked_sub(1)?))
                .and_then(|r| r.get(col))
                .map_or("", String::as_str);
        }
        ""
    }

    /// Sets the text at `path`. Setting a cell of a missing row does nothing and returns false.
    pub fn set(&mut self, path: &str, text: String) -> bool {
        if spec::spec().field(path).is_some() {
            if text.is_empty() {
                self.values.remove(path);
            } else {
                self.values.insert(path.to_string(), text);
            }
            return true;
        }
        if let Some((table, row, col)) = split_cell(path) {
            if let Some(r) = self.tables.get_mut(table).and_then(|rows| rows.get_mut(row.wrapping_sub(1))) {
                if text.is_empty() {
                    r.remove(col);
                } else {
                    r.insert(col.to_string(), text);
                }
                return true;
            }
        }
        false
    }

    /// The rows of a table.
    #[must_use]
    pub fn rows(&self, table: &str) -> &[Row] {
        self.tables.get(table).map_or(&[], Vec::as_slice)
    }

    /// Inserts an empty row at `at` (0-based, clamped) and returns its index.
    pub fn insert_row(&mut self, table: &str, at: usize) -> usize {
        let rows = self.tables.entry(table.to_string()).or_default();
        let at = at.min(rows.len());
        rows.insert(at, Row::new());
        at
    }

    /// Removes row `at` (0-based) if it exists.
    pub fn remove_row(&mut self, table: &str, at: usize) -> bool {
        match self.tables.get_mut(table) {
            Some(rows) if at < rows.len() => {
                rows.remove(at);
                true
            }
            _ => false,
        }
    }

    /// Swaps rows `a` and `b` (0-based) if both exist.
    pub fn swap_rows(&mut self, table: &str, a: usize, b: usize) -> bool {
        match self.tables.get_mut(table) {
            Some(rows) if a < rows.len() && b < rows.len() => {
                rows.swap(a, b);
                true
            }
            _ => false,
        }
    }

    /// The amount at `path`, if it is filled and valid.
    #[must_use]
    pub fn money(&self, path: &str) -> Option<Decimal> {
        input::money(self.text(path)).ok()
    }

    /// The amount at `path`, or 0 when blank or invalid (blank cells count 0 in sums).
    #[must_use]
    pub fn money0(&self, path: &str) -> Decimal {
        self.money(path).unwrap_or_default()
    }

    /// The headcount at `path`.
    #[must_use]
    pub fn int(&self, path: &str) -> Option<u32> {
        input::integer(self.text(path), MAX_HEADCOUNT).ok()
    }

    /// The score at `path`.
    #[must_use]
    pub fn score(&self, path: &str) -> Option<Decimal> {
        input::score(self.text(path)).ok()
    }

    /// The area at `path`.
    #[must_use]
    pub fn area(&self, path: &str) -> Option<Decimal> {
        input::area(self.text(path)).ok()
    }

    /// The date at `path`.
    #[must_use]
    pub fn date(&self, path: &str) -> Option<Date> {
        input::date(self.text(path)).ok()
    }

    /// The fiscal year, if valid.
    #[must_use]
    pub fn fiscal_year(&self) -> Option<i32> {
        year(self.text("basic.fiscal_year")).ok()
    }

    /// Whether nothing but the fiscal year has been filled.
    #[must_use]
    pub fn is_blank(&self) -> bool {
        self.values.keys().all(|k| k == "basic.fiscal_year") && self.tables.values().all(Vec::is_empty)
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

/// Parses typed text for a field of `kind` and returns the canonical text to store.
/// Choices are checked against the profile by the rules, not here.
///
/// # Errors
/// [`InputError`] naming what was wrong; `Empty` for blank text.
pub fn canonical(kind: Kind, text: &str) -> Result<String, InputError> {
    Ok(match kind {
        Kind::Year => year(text)?.to_string(),
        Kind::Money => input::money(text)?.to_string(),
        Kind::Integer => input::integer(text, MAX_HEADCOUNT)?.to_string(),
        Kind::Area => input::area(text)?.to_string(),
        Kind::Score => input::score(text)?.to_string(),
        Kind::Line => input::line(text, MAX_LINE)?,
        Kind::LongText => input::long_text(text, MAX_LONG)?,
        Kind::Date => input::date(text)?.iso(),
        Kind::Phone => input::phone(text)?.text().to_string(),
        Kind::Name => input::name(text)?,
        Kind::Choice(_) => input::line(text, MAX_LINE)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_and_rows() {
        let mut p = Package::new(2023);
        assert_eq!(p.text("basic.fiscal_year"), "2023");
        assert!(p.is_blank());
        assert!(!p.set("basic.buildings.1.name", "x".into()));
        p.insert_row("basic.buildings", 0);
        assert!(p.set("basic.buildings.1.name", "办公楼".into()));
        assert_eq!(p.text("basic.buildings.1.name"), "办公楼");
        assert!(p.set("basic.staff_quota", "27".into()));
        assert_eq!(p.int("basic.staff_quota"), Some(27));
        assert!(!p.is_blank());
        assert_eq!(canonical(Kind::Money, "８６５．８２"), Ok("865.82".into()));
        assert_eq!(canonical(Kind::Date, "2024年5月20日"), Ok("2024-05-20".into()));
        assert_eq!(canonical(Kind::Year, "1999"), Err(InputError::TooLarge("2000–2100".into())));
    }
}
