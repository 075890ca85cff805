//! Issues, field names and scores as text in the user's language: shared by `check`, the
//! report's notes and the wizard, so a message reads the same everywhere.

use std::collections::BTreeMap;

use crate::form::calc::Figures;
use crate::form::spec::{Calc, spec, split_cell};
use crate::form::{Issue, Package, Profile, Severity};
use crate::i18n::Catalog;
use crate::text::visible;

/// The package as it may be shown or printed: every text through [`visible`] (line breaks
/// kept, `\r\n` made `\n`), so that nothing read from a file can drive a terminal or hide in
/// a report. The wizard works on this form of what it loads, and reports are rendered from it
/// (so their columns stay aligned); `check` validates the file as it is and prints through
/// `visible`.
#[must_use]
pub fn shown(pkg: &Package) -> Package {
    let show = |v: &mut String| *v = visible(&crate::text::normalize_paste(v, true), true);
    let mut out = pkg.clone();
    out.values.values_mut().for_each(show);
    out.stated.values_mut().for_each(show);
    for rows in out.tables.values_mut() {
        rows.iter_mut().flat_map(|r| r.values_mut()).for_each(show);
    }
    out
}

/// The label of any path: a field, a grid cell, a table, or a table cell ("绩效指标 第3行 · 得分").
#[must_use]
pub fn label(path: &str, cat: &Catalog) -> String {
    let s = spec();
    if let Some(f) = s.field(path) {
        return f.label.iter().map(|k| cat.tr(k)).collect::<Vec<_>>().join(" · ");
    }
    if s.table(path).is_some() {
        return cat.tr(&format!("table.{path}")).to_string();
    }
    if let Some((table, row, col)) = split_cell(path) {
        let col_label = s
            .table(table)
            .and_then(|t| t.column(col))
            .map_or_else(|| cat.tr(&format!("calc.{col}.label")).to_string(), |c| cat.tr(&c.label[0]).to_string());
        return cat.fmt(
            "present.cell",
            &[
                ("table", cat.tr(&format!("table.{table}")).to_string()),
                ("row", row.to_string()),
                ("column", col_label),
            ],
        );
    }
    visible(path, false)
}

/// The message of an issue in the user's language.
#[must_use]
pub fn message(issue: &Issue, cat: &Catalog) -> String {
    let expected = spec().resolve(&issue.path).map_or("expect.choice", |f| f.kind.expect_key());
    let mut args: Vec<(&str, String)> = issue
        .args
        .iter()
        .map(|(k, v)| match *k {
            "calc" => (*k, cat.tr(&format!("calc.{v}.label")).to_string()),
            _ => (*k, v.clone()),
        })
        .collect();
    args.push(("expected", cat.tr(expected).to_string()));
    cat.fmt(&issue.message_key(), &args)
}

/// "错误" / "警告".
#[must_use]
pub fn severity(issue: &Issue, cat: &Catalog) -> &'static str {
    let key = match issue.severity() {
        Severity::Error => "present.error",
        Severity::Warning => "present.warning",
    };
    // Catalog strings live as long as the static catalog.
    Catalog::get(cat.lang).tr(key)
}

/// One line for `check`: `错误 E-03 基础数据表·编制数 (12:1)：message`.
#[must_use]
pub fn issue_line(issue: &Issue, cat: &Catalog, spans: &BTreeMap<String, (usize, usize)>) -> String {
    let at = spans
        .get(&issue.path)
        .map(|(l, c)| cat.fmt("present.at", &[("line", l.to_string()), ("col", c.to_string())]))
        .unwrap_or_default();
    cat.fmt(
        "present.issue_line",
        &[
            ("severity", severity(issue, cat).to_string()),
            ("rule", issue.rule.to_string()),
            ("field", label(&issue.path, cat)),
            ("at", at),
            ("message", message(issue, cat)),
        ],
    )
}

/// The score breakdown, one line each: execution, each 一级, indicators, total and grade,
/// each with the rule behind it.
#[must_use]
pub fn score_lines(fig: &Figures, profile: &Profile, cat: &Catalog) -> Vec<String> {
    let d2 = crate::form::calc::fixed2;
    let mut out = vec![cat.tr("present.score_heading").to_string()];
    out.push(cat.fmt(
        "present.score_exec",
        &[
            ("rate", fig.exec_rate.map_or_else(|| "—".into(), |r| format!("{}%", d2(r)))),
            ("score", fig.exec_score.map_or_else(|| "—".into(), d2)),
            ("weight", d2(profile.exec_weight)),
            ("rule", cat.tr(&format!("calc.{}.formula", Calc::ExecScore.name())).to_string()),
        ],
    ));
    for l in &fig.levels {
        let name = profile.level1(&l.name).map_or_else(
            || visible(&l.name, false),
            |p| cat.try_tr(&format!("level1.{}", p.key)).unwrap_or(&l.name).to_string(),
        );
        out.push(cat.fmt("present.score_level", &[("level", name), ("score", d2(l.score)), ("weight", d2(l.weight))]));
    }
    out.push(cat.fmt(
        "present.score_indicators",
        &[
            ("score", d2(fig.indicator_scores)),
            ("weight", d2(fig.indicator_weights)),
            ("want", d2(profile.indicator_total)),
        ],
    ));
    let grade = fig
        .grade
        .as_ref()
        .map_or_else(|| "—".to_string(), |g| cat.try_tr(&format!("grade.{}", g.key)).unwrap_or(&g.name).to_string());
    out.push(cat.fmt(
        "present.score_total",
        &[("score", d2(fig.total_score)), ("weight", d2(fig.total_weight)), ("grade", grade)],
    ));
    out
}
