//! Next year's package from this year's (`jixiao new FILE --from LAST`). Pure: a package in, a
//! package out. What becomes of each value is declared on the definition, field by field and
//! column by column ([`Carry`]); this module only follows the declarations, for any form and
//! for each instance of its groups (a 项目支出绩效自评表 carries by its own form's declarations,
//! so a project sheet carried into a new project year gets the same mapping).
//!
//! - `Keep`: the value is copied; `From(sibling)`: last year's value of the sibling field (the
//!   same grid or table row: 上年决算数 ← 本年决算数); `Clear`: empty.
//! - `Reference`: empty, and last year's text goes into the sheet's [`Package::reference`],
//!   which the wizard shows beside the field (F1) and never uses as a value.
//! - `Year`: the new fiscal year; last year's is kept as a reference too, so the wizard can say
//!   "2023 年度的文字".
//! - A table row keeps only what its columns keep; a row that keeps nothing is dropped (the
//!   楼堂馆所 completed last year). Group instances (the projects) are all kept.
//! - `[stated]` transcriptions describe last year's paper form and are dropped; the profile is
//!   kept.

use super::def::{Carry, Form, Target, cell_path};
use super::package::Package;

/// Why next year's package cannot be made from a package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Last year's package is of another form than the one asked for.
    OtherForm {
        /// Its form id.
        found: &'static str,
        /// The form asked for.
        want: &'static str,
    },
    /// Last year's package has no valid fiscal year.
    NoYear,
    /// The new year is not after last year's.
    NotBefore {
        /// Last year's fiscal year.
        last: i32,
        /// The year asked for.
        year: i32,
    },
    /// The new year is not a fiscal year jixiao accepts.
    BadYear(i32),
}

impl Refusal {
    /// Catalog key and arguments of the message (`carry.<kind>`).
    #[must_use]
    pub fn message(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            Self::OtherForm { found, want } => {
                ("carry.other_form", vec![("form", (*found).to_string()), ("want", (*want).to_string())])
            }
            Self::NoYear => ("carry.no_year", vec![]),
            Self::NotBefore { last, year } => {
                ("carry.not_before", vec![("last", last.to_string()), ("year", year.to_string())])
            }
            Self::BadYear(y) => ("carry.bad_year", vec![("year", y.to_string())]),
        }
    }
}

/// What a carry-over did, counted over every sheet: values kept (or taken from a sibling),
/// values emptied, and last year's texts kept as references.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Last year's fiscal year.
    pub from_year: Option<i32>,
    /// The new fiscal year.
    pub year: Option<i32>,
    /// Values the new package holds from last year's.
    pub kept: usize,
    /// Values of last year's package the new one starts without.
    pub cleared: usize,
    /// Of those, texts kept as references.
    pub references: usize,
}

/// Next year's package from `last`, a package of `form`: for `year`, or the year after last
/// year's. A form without a fiscal year (a project sheet on its own) carries without one.
///
/// # Errors
/// A [`Refusal`]: `last` is of another form, has no fiscal year, or `year` is not after it.
pub fn next_year(last: &Package, form: &'static Form, year: Option<i32>) -> Result<(Package, Summary), Refusal> {
    if last.form().id != form.id {
        return Err(Refusal::OtherForm { found: last.form().id, want: form.id });
    }
    let mut summary = Summary::default();
    if form.fiscal_year.is_some() {
        let from = last.fiscal_year().ok_or(Refusal::NoYear)?;
        let year = year.unwrap_or(from + 1);
        if super::package::year(&year.to_string()).is_err() {
            return Err(Refusal::BadYear(year));
        }
        if year <= from {
            return Err(Refusal::NotBefore { last: from, year });
        }
        (summary.from_year, summary.year) = (Some(from), Some(year));
    }
    let next = sheet(last, summary.year, &mut summary);
    Ok((next, summary))
}

/// The path of the sibling `name` of the field at `path`: its last part replaced.
fn sibling(path: &str, name: &str) -> String {
    match path.rsplit_once('.') {
        Some((head, _)) => format!("{head}.{name}"),
        None => name.to_string(),
    }
}

/// One sheet carried over by its form's declarations, with its group instances.
fn sheet(last: &Package, year: Option<i32>, n: &mut Summary) -> Package {
    let form = last.form();
    let mut next = Package::empty(form);
    next.profile.clone_from(&last.profile);
    for f in &form.fields {
        let old = last.text_at(f.key);
        let new = match f.carry {
            Carry::Keep => old.to_string(),
            Carry::From(name) => last.text_at(&sibling(f.key, name)).to_string(),
            Carry::Year => year.map_or_else(String::new, |y| y.to_string()),
            Carry::Clear | Carry::Reference => String::new(),
        };
        if matches!(f.carry, Carry::Reference | Carry::Year) && !old.is_empty() {
            next.reference.insert(f.key.to_string(), old.to_string());
            n.references += usize::from(f.carry == Carry::Reference);
        }
        count(n, old, &new, f.carry);
        next.set(f.key, new);
    }
    for t in &form.tables {
        for row in last.rows_at(t.key) {
            let mut cells = Vec::new();
            for c in &t.columns {
                // A row may move: a reference could not follow it, so tables only keep or clear.
                let new = match c.carry {
                    Carry::Keep => row.get(c.key),
                    Carry::From(name) => row.get(name),
                    Carry::Clear | Carry::Reference | Carry::Year => "",
                };
                count(n, row.get(c.key), new, c.carry);
                if !new.is_empty() {
                    cells.push((c.key, new));
                }
            }
            if cells.is_empty() {
                continue;
            }
            next.push_row(t.key);
            let at = next.rows_at(t.key).len();
            for (col, text) in cells {
                next.set(&cell_path(t.key, at, col), text);
            }
        }
    }
    for g in &form.groups {
        for inst in last.instances(g.key) {
            let sub = sheet(inst, year, n);
            next.push_instance(g.key, sub);
        }
    }
    next
}

fn count(n: &mut Summary, old: &str, new: &str, carry: Carry) {
    if carry == Carry::Year {
        return;
    }
    if !new.is_empty() {
        n.kept += 1;
    } else if !old.is_empty() {
        n.cleared += 1;
    }
}

/// What the definition declares for the field or table cell at `path` (also inside a group
/// instance); `None` for anything else.
#[must_use]
pub fn carry_of(form: &Form, path: &str) -> Option<Carry> {
    match form.resolve(path)?.target {
        Target::Field(f) => Some(f.carry),
        Target::Cell(_, _, c) => Some(c.carry),
        _ => None,
    }
}

/// Whether the value at `path` is this year's to give: its form does not keep it from last
/// year (a figure, a date, a score, this year's text).
#[must_use]
pub fn is_this_years(form: &Form, path: &str) -> bool {
    carry_of(form, path).is_some_and(|c| c != Carry::Keep)
}

/// Last year's text for the field at `path` (also inside a group instance): what the wizard
/// shows beside a field declared `Reference` (the year kept for `Year` is no text to show).
#[must_use]
pub fn reference_at<'p>(pkg: &'p Package, path: &str) -> Option<&'p str> {
    (carry_of(pkg.form(), path)? == Carry::Reference).then(|| pkg.reference_at(path))?
}

/// The fiscal year of the package this one was carried from (its `[reference]`), if it was.
#[must_use]
pub fn source_year(pkg: &Package) -> Option<i32> {
    let key = pkg.form().fiscal_year?;
    pkg.reference.get(key.0)?.trim().parse().ok()
}

/// What is still last year's: every field (in form order, the package's before each
/// instance's) for which only last year's text exists — its reference is there and this year's
/// text is empty, or is last year's copied unchanged.
#[must_use]
pub fn still_last_year(pkg: &Package) -> Vec<String> {
    let mut out = Vec::new();
    collect(pkg, "", &mut out);
    out
}

fn collect(sheet: &Package, prefix: &str, out: &mut Vec<String>) {
    let form = sheet.form();
    for f in form.fields.iter().filter(|f| f.carry == Carry::Reference) {
        let Some(old) = sheet.reference.get(f.key) else { continue };
        let now = sheet.text_at(f.key);
        if now.trim().is_empty() || now == old {
            out.push(format!("{prefix}{}", f.key));
        }
    }
    for g in &form.groups {
        for (i, inst) in sheet.instances(g.key).iter().enumerate() {
            collect(inst, &format!("{prefix}{}.{}.", g.key.0, i + 1), out);
        }
    }
}
