//! Checks every form shares, driven by its definition: each field and table cell against its
//! kind (E-01 required and well-formed, E-02 numbers), each choice against its list (E-01,
//! E-15 for the indicator vocabulary), W-18 for a bare local phone number; and the comparison
//! of a `[stated]` transcription with the computed value (E-03, E-04 …).

use rust_decimal::Decimal;

use super::def::{Choices, Kind, cell_path};
use super::input::{self, InputError, Phone};
use super::issue::{Issue, input_issue};
use super::package::{Cell, Package};
use super::profile::Profile;
use super::scoring::{Nature, differs, fixed2};

/// E-01, E-02, choices (E-01/E-15) and W-18 on every field and table cell of `pkg` (not its
/// group instances: each instance is checked on its own form).
pub fn fields(pkg: &Package, profile: &Profile, out: &mut Vec<Issue>) {
    let form = pkg.form();
    for f in &form.fields {
        value(f.key, f.kind, f.required, pkg.cell_at(f.key), None, profile, out);
    }
    for t in &form.tables {
        for (i, row) in pkg.rows_at(t.key).iter().enumerate() {
            for c in &t.columns {
                let path = cell_path(t.key, i + 1, c.key);
                value(&path, c.kind, c.required, row.cell(c.key), Some(row), profile, out);
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn value(
    path: &str,
    kind: Kind,
    required: bool,
    cell: Option<&Cell>,
    row: Option<&super::package::Row>,
    profile: &Profile,
    out: &mut Vec<Issue>,
) {
    let text = cell.map_or("", Cell::text);
    if let Kind::Choice(ch) = kind {
        choice(path, text, ch, required, row, profile, out);
        return;
    }
    if text.trim().is_empty() {
        if required {
            out.push(input_issue(path, &InputError::Empty));
        }
        return;
    }
    match cell.and_then(Cell::error) {
        Some(e) => out.push(input_issue(path, e).arg("value", crate::text::visible(text, false))),
        None if kind == Kind::Phone => {
            if let Ok(Phone::Local(n)) = input::phone(text) {
                out.push(Issue::new("W-18", "", path).arg("value", n));
            }
        }
        None => {}
    }
}

/// The stored values a choice offers (in its row, for a 二级).
#[must_use]
pub fn options(ch: Choices, row: Option<&super::package::Row>, profile: &Profile) -> Vec<String> {
    match ch {
        Choices::Level1 => profile.level1.iter().map(|l| l.name.clone()).collect(),
        Choices::Level2(parent) => level2_options(profile, row.map_or("", |r| r.text(parent))),
        Choices::Nature => Nature::ALL.iter().map(|n| n.symbol().to_string()).collect(),
        Choices::Tier => profile.tiers.iter().map(|t| t.name.clone()).collect(),
    }
}

/// The 二级 names the profile allows under the 一级 `level1` (none for an unknown 一级).
#[must_use]
pub fn level2_options(profile: &Profile, level1: &str) -> Vec<String> {
    profile.level1(level1).map(|l| l.level2.iter().map(|m| m.name.clone()).collect()).unwrap_or_default()
}

#[allow(clippy::too_many_arguments)]
fn choice(
    path: &str,
    text: &str,
    ch: Choices,
    required: bool,
    row: Option<&super::package::Row>,
    profile: &Profile,
    out: &mut Vec<Issue>,
) {
    // The indicator vocabulary is E-15 (domain §3); other lists are E-01.
    let rule = if matches!(ch, Choices::Level1 | Choices::Level2(_)) { "E-15" } else { "E-01" };
    let opts = options(ch, row, profile);
    if let Choices::Level2(parent) = ch {
        let parent_ok = row.is_some_and(|r| profile.level1(r.text(parent)).is_some());
        if !parent_ok {
            if text.trim().is_empty() {
                out.push(Issue::new("E-15", "level2_missing", path));
            }
            return;
        }
    }
    if text.trim().is_empty() {
        if required {
            out.push(input_issue(path, &InputError::Empty));
        }
    } else if !opts.iter().any(|o| o == text.trim()) {
        out.push(
            Issue::new(rule, "not_a_choice", path)
                .arg("value", crate::text::visible(text, false))
                .arg("options", opts.join(" / ")),
        );
    }
}

/// A `[stated]` value as a number: `Some(None)` for a printed "—", `None` when not stated.
#[must_use]
pub fn stated_value(pkg: &Package, key: &str) -> Option<Option<Decimal>> {
    let t = pkg.stated.get(key)?.trim();
    if matches!(t, "—" | "-" | "--" | "－" | "") {
        return Some(None);
    }
    Some(input::percent(t).ok().or_else(|| input::money(t).ok()).or_else(|| {
        let f = input::fold_fullwidth(t);
        f.trim().parse::<Decimal>().ok()
    }))
}

/// How a computed cell is shown in a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `85.19%`.
    Percent,
    /// `865.82`.
    Number,
}

fn show(d: Option<Decimal>, shape: Shape) -> String {
    match (d, shape) {
        (None, _) => "—".into(),
        (Some(d), Shape::Percent) => format!("{}%", fixed2(d)),
        (Some(d), Shape::Number) => fixed2(d),
    }
}

/// Compares the `[stated]` transcription of computed cell `key` (named `calc` in messages) with
/// the computed value; on a difference beyond `tol`, an issue `(rule, variant)` at `path`.
#[allow(clippy::too_many_arguments)]
pub fn stated(
    pkg: &Package,
    key: &str,
    calc: &str,
    (rule, variant): (&'static str, &'static str),
    path: &str,
    computed: Option<Decimal>,
    tol: Decimal,
    shape: Shape,
    out: &mut Vec<Issue>,
) {
    let Some(stated) = stated_value(pkg, key) else { return };
    let bad = match (stated, computed) {
        (Some(s), Some(c)) => differs(s, c, tol),
        (None, None) => false,
        _ => true,
    };
    if bad {
        out.push(
            Issue::new(rule, variant, path)
                .arg("calc", calc)
                .arg("stated", show(stated, shape))
                .arg("computed", show(computed, shape)),
        );
    }
}

/// Moves every issue of a group instance under its prefix (`projects.2.`).
pub fn prefixed(issues: Vec<Issue>, prefix: &str) -> impl Iterator<Item = Issue> + '_ {
    issues.into_iter().map(move |mut i| {
        i.path = format!("{prefix}{}", i.path);
        i
    })
}
