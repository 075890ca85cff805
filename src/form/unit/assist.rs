//! What only the package form knows, as its [`Behaviour`]: checking (its rules and each
//! project sheet's), its printed layout, the wizard's conveniences (values copied from earlier
//! answers when the user arrives in a section, indicator autofill, asking for the reason after
//! a low score) and the migration of v1 files.

use super::calc::compute;
use super::keys::{PROJECTS, basic, report, self_eval};
use super::{layout, rules};
use crate::form::def::{Behaviour, Checked, FieldKey, Fill, Migrating};
use crate::form::layout::Layout;
use crate::form::package::Package;
use crate::form::profile::Profile;
use crate::form::{project, scoring};
use crate::i18n::Catalog;

/// The package form's behaviour.
pub(super) struct Unit;

/// Fields filled from earlier answers when the user reaches them empty (visible, editable):
/// (section, field, source).
const DEFAULTS: &[(&str, FieldKey, FieldKey)] = &[
    ("funding", self_eval::UNIT_NAME, basic::UNIT_NAME),
    ("self_eval_sign", self_eval::HEAD, basic::HEAD),
    ("self_eval_sign", self_eval::PREPARER, basic::PREPARER),
    ("self_eval_sign", self_eval::PHONE, basic::PHONE),
    ("self_eval_sign", self_eval::FILING_DATE, basic::FILING_DATE),
    ("report_cover", report::UNIT_NAME, self_eval::UNIT_NAME),
    ("report_cover", report::COVER_DATE, self_eval::FILING_DATE),
    ("report_s1", report::STAFF_QUOTA, basic::STAFF_QUOTA),
    ("report_s1", report::STAFF_ACTUAL, basic::STAFF_ACTUAL),
    ("report_s2", report::GENERAL_TOTAL, self_eval::INCOME_GENERAL),
    ("report_s2", report::BASIC_TOTAL, self_eval::SPEND_BASIC),
    ("report_s2", report::PROJECT_TOTAL, self_eval::SPEND_PROJECT),
];

/// A project sheet's fields filled from the package when the user reaches them empty:
/// (section, field of the sheet, source in the package).
const PROJECT_DEFAULTS: &[(&str, FieldKey, FieldKey)] = &[
    ("info", project::keys::IMPLEMENTER, basic::UNIT_NAME),
    ("sign", project::keys::HEAD, self_eval::HEAD),
    ("sign", project::keys::PREPARER, self_eval::PREPARER),
    ("sign", project::keys::FILING_DATE, self_eval::FILING_DATE),
];

/// The group instance a path lies in: (index from 0, the rest of the path).
fn in_project(path: &str) -> Option<(usize, &str)> {
    let rest = path.strip_prefix(PROJECTS.0)?.strip_prefix('.')?;
    let (n, rest) = rest.split_once('.')?;
    Some((n.parse::<usize>().ok()?.checked_sub(1)?, rest))
}

impl Behaviour for Unit {
    fn check(&self, pkg: &Package, profile: &Profile) -> Checked {
        let fig = compute(pkg, profile);
        let mut issues = Vec::new();
        rules::check(pkg, profile, &fig, &mut issues);
        let mut figures: std::collections::BTreeMap<_, _> = fig.cells(profile).into_iter().collect();
        let mut scores = std::collections::BTreeMap::new();
        scores.insert(String::new(), fig.score(profile));
        for (i, p) in fig.projects.iter().enumerate() {
            let prefix = format!("{}.{}.", PROJECTS.0, i + 1);
            figures.extend(p.cells(profile.for_projects(), &prefix));
            scores.insert(prefix, p.score(profile.for_projects()));
        }
        Checked { figures, issues, scores }
    }

    fn layout(&self, pkg: &Package, profile: &Profile, cat: &Catalog) -> Layout {
        layout::build(pkg, profile, cat)
    }

    fn prefill(&self, pkg: &Package, checked: &Checked, (prefix, section): (&str, &str), cat: &Catalog) -> Vec<Fill> {
        let mut out = Vec::new();
        if let Some((i, _)) = in_project(prefix) {
            let Some(sheet) = pkg.instances(PROJECTS).get(i) else { return out };
            for (sec, target, source) in PROJECT_DEFAULTS {
                if *sec == section && sheet.text(*target).is_empty() && !pkg.text(*source).is_empty() {
                    out.push((format!("{prefix}{}", target.0), pkg.text(*source).to_string()));
                }
            }
            return out;
        }
        for (sec, target, source) in DEFAULTS {
            if *sec == section && pkg.text(*target).is_empty() && !pkg.text(*source).is_empty() {
                out.push((target.0.to_string(), pkg.text(*source).to_string()));
            }
        }
        if section == "report_s2" && pkg.text(report::PROJECT_TEXT).is_empty() && !pkg.instances(PROJECTS).is_empty() {
            out.push((report::PROJECT_TEXT.0.to_string(), project_list(pkg, checked, cat)));
        }
        out
    }

    fn autofill(&self, pkg: &Package, profile: &Profile, path: &str) -> Vec<Fill> {
        if let Some((i, rest)) = in_project(path) {
            let Some(sheet) = pkg.instances(PROJECTS).get(i) else { return Vec::new() };
            let prefix = format!("{}.{}.", PROJECTS.0, i + 1);
            return scoring::autofill(sheet, profile.for_projects(), project::keys::INDICATORS.0, rest)
                .into_iter()
                .map(|(p, v)| (format!("{prefix}{p}"), v))
                .collect();
        }
        scoring::autofill(pkg, profile, self_eval::INDICATORS.0, path)
    }

    fn follow_up(&self, checked: &Checked, path: &str) -> Option<(String, &'static str)> {
        scoring::follow_up(checked, path)
    }

    fn tab_stop(&self, sheet: &Package, questioned: &dyn Fn(&str) -> bool, path: &str) -> bool {
        scoring::indicator_tab_stop(sheet, questioned, path).unwrap_or(true)
    }

    fn migrate(&self, version: i64, data: &mut Migrating) {
        // v1 → v2: the report's score was typed; it now follows the table, and a typed value
        // is kept as what the paper report stated (compared by E-20).
        if version < 2 {
            if let Some(score) = data.values.remove(report::SCORE.0) {
                if !score.trim().is_empty() {
                    data.stated.entry(report::SCORE.0.to_string()).or_insert(score);
                }
            }
        }
    }
}

/// The report's （二）项目支出情况 written from the project sheets: the total and each
/// project's 全年执行数.
fn project_list(pkg: &Package, checked: &Checked, cat: &Catalog) -> String {
    let year = pkg.fiscal_year().map_or_else(String::new, |y| y.to_string());
    let mut total = rust_decimal::Decimal::ZERO;
    let mut items = Vec::new();
    for (i, sheet) in pkg.instances(PROJECTS).iter().enumerate() {
        let prefix = format!("{}.{}.", PROJECTS.0, i + 1);
        let spent = match checked.figures.get(&format!("{prefix}{}", project::keys::funds::TOTAL_SPENT.0)) {
            Some(crate::form::def::Figure::Money(d)) => *d,
            _ => rust_decimal::Decimal::ZERO,
        };
        total += spent;
        items.push(cat.fmt(
            "prefill.project_item",
            &[
                ("n", (i + 1).to_string()),
                ("name", sheet.text(project::keys::NAME).trim().to_string()),
                ("amount", scoring::fixed2(spent)),
            ],
        ));
    }
    cat.fmt(
        "prefill.project_list",
        &[
            ("year", year),
            ("total", scoring::fixed2(total)),
            ("n", items.len().to_string()),
            ("items", items.join(cat.tr("prefill.project_sep"))),
        ],
    )
}
