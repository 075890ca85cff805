//! The plain-text report: the three documents laid out like the official forms, tables
//! aligned by display width, amounts with 2 decimals, computed cells filled, headings of the
//! narrative numbered 一 to 十 by the program. Every line fits in [`WIDTH`] columns.
//!
//! Pure: `(package, figures, catalog) -> String`. Text from the file is made visible
//! (escapes shown, never sent to the terminal raw).

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::calc::{Figures, fixed2};
use super::input;
use super::package::Package;
use super::spec::{FUND_COLUMNS, FUND_ROWS, GridRow, cell_path};
use crate::i18n::Catalog;
use crate::text::{center, pad_left, pad_right, visible, wrap};

/// Report width in columns.
pub const WIDTH: usize = 100;

/// Column alignment.
#[derive(Clone, Copy)]
enum Align {
    Left,
    Right,
    Center,
}

/// Renders a table with ASCII borders; cells wrap inside their column.
fn table(cols: &[(String, usize, Align)], rows: &[Vec<String>]) -> String {
    let mut rule = String::from("+");
    for (_, w, _) in cols {
        rule.push_str(&"-".repeat(w + 2));
        rule.push('+');
    }
    rule.push('\n');
    let emit = |out: &mut String, cells: &[String], aligns: &[Align]| {
        // No character whose width depends on the font (— … · “ ”): the columns stay put in 宋体.
        let wrapped: Vec<Vec<String>> =
            cells.iter().zip(cols).map(|(c, (_, w, _))| wrap(&crate::text::cell_safe(c), *w)).collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for line in 0..height {
            out.push('|');
            for ((cell, (_, w, _)), a) in wrapped.iter().zip(cols).zip(aligns) {
                let t = cell.get(line).map_or("", String::as_str);
                let t = match a {
                    Align::Left => pad_right(t, *w),
                    Align::Right => pad_left(t, *w),
                    Align::Center => center(t, *w),
                };
                let _ = write!(out, " {t} |");
            }
            out.push('\n');
        }
    };
    let header: Vec<String> = cols.iter().map(|(h, _, _)| h.clone()).collect();
    let aligns: Vec<Align> = cols.iter().map(|(_, _, a)| *a).collect();
    let mut out = rule.clone();
    emit(&mut out, &header, &vec![Align::Center; cols.len()]);
    out.push_str(&rule);
    for r in rows {
        emit(&mut out, r, &aligns);
        out.push_str(&rule);
    }
    out
}

fn money(pkg: &Package, path: &str) -> String {
    let t = pkg.text(path);
    if t.is_empty() {
        return String::new();
    }
    input::money(t).map_or_else(|_| visible(t, false), fixed2)
}

/// Says which amounts of one document (paths starting with `prefix`) were printed rounded to
/// 2 decimals, and their exact value (amounts given to the 元 or 分).
fn rounding_note(out: &mut String, pkg: &Package, prefix: &str, cat: &Catalog) {
    let items: Vec<String> = super::calc::rounded_for_print(pkg)
        .into_iter()
        .filter(|(p, _)| p.starts_with(prefix))
        .map(|(p, d)| {
            cat.fmt(
                "report.rounded_item",
                &[("field", crate::present::label(&p, cat)), ("exact", d.to_string()), ("printed", fixed2(d))],
            )
        })
        .collect();
    if !items.is_empty() {
        out.push('\n');
        para(out, &cat.fmt("report.rounded", &[("items", items.join(cat.tr("report.rounded_sep")))]));
    }
}

fn num(d: Decimal) -> String {
    fixed2(d)
}

fn pct(d: Option<Decimal>) -> String {
    d.map_or_else(|| "—".into(), |d| format!("{}%", fixed2(d)))
}

fn date(pkg: &Package, path: &str, cat: &Catalog) -> String {
    let t = pkg.text(path);
    match input::date(t) {
        Ok(d) => {
            cat.fmt("report.date", &[("y", d.year.to_string()), ("m", d.month.to_string()), ("d", d.day.to_string())])
        }
        Err(_) => visible(t, false),
    }
}

fn para(out: &mut String, text: &str) {
    for line in wrap(&visible(text.trim_end(), true), WIDTH) {
        out.push_str(&line);
        out.push('\n');
    }
}

fn title(out: &mut String, text: &str) {
    for line in wrap(text, WIDTH) {
        let _ = writeln!(out, "{}", center(&line, WIDTH).trim_end());
    }
    out.push('\n');
}

fn signatures(out: &mut String, pkg: &Package, doc: &str, cat: &Catalog) {
    let t = |k: &str| visible(pkg.text(&format!("{doc}.{k}")), false);
    let line1 =
        format!("{}{}    {}{}", cat.tr("report.sign_head"), t("head"), cat.tr("report.sign_preparer"), t("preparer"));
    let line2 = format!(
        "{}{}    {}{}",
        cat.tr("report.sign_phone"),
        t("phone"),
        cat.tr("report.sign_date"),
        date(pkg, &format!("{doc}.filing_date"), cat)
    );
    let _ = writeln!(out, "\n{line1}\n{line2}");
}

/// Renders the whole report.
#[must_use]
pub fn render(pkg: &Package, fig: &Figures, cat: &Catalog) -> String {
    let mut out = String::new();
    let year = pkg.fiscal_year().map_or_else(|| "____".to_string(), |y| y.to_string());
    let prev = pkg.fiscal_year().map_or_else(|| "____".to_string(), |y| (y - 1).to_string());
    let y = [("year", year.clone()), ("prev", prev.clone())];
    basic(&mut out, pkg, fig, cat, &y);
    rounding_note(&mut out, pkg, "basic.", cat);
    out.push_str(&format!("\n{}\n\n", "=".repeat(WIDTH)));
    self_eval(&mut out, pkg, fig, cat, &y);
    rounding_note(&mut out, pkg, "self_eval.", cat);
    out.push_str(&format!("\n{}\n\n", "=".repeat(WIDTH)));
    narrative(&mut out, pkg, fig, cat, &year);
    rounding_note(&mut out, pkg, "report.", cat);
    out
}

fn basic(out: &mut String, pkg: &Package, fig: &Figures, cat: &Catalog, y: &[(&str, String)]) {
    title(out, &cat.fmt("report.basic_title", y));
    let _ = writeln!(out, "{}{}\n", cat.tr("report.unit_name"), visible(pkg.text("basic.unit_name"), false));
    let _ = writeln!(out, "{}", cat.tr("report.staff_heading"));
    out.push_str(&table(
        &[
            (cat.tr("field.basic.staff_quota").into(), 30, Align::Right),
            (cat.fmt("report.staff_actual", y), 30, Align::Right),
            (cat.tr("calc.control_rate.label").into(), 30, Align::Right),
        ],
        &[vec![
            pkg.text("basic.staff_quota").to_string(),
            pkg.text("basic.staff_actual").to_string(),
            pct(fig.control_rate),
        ]],
    ));
    let _ = writeln!(out, "\n{}", cat.tr("report.funds_heading"));
    let mut rows = Vec::new();
    for row in FUND_ROWS {
        match row {
            GridRow::Total(t) => {
                let calc = super::spec::Calc::FundTotal(*t, 0);
                let indent = if *t == super::spec::FundTotal::Car { "　" } else { "" };
                let mut r = vec![format!("{indent}{}", cat.tr(&format!("calc.{}.label", calc.name())))];
                r.extend((0..3).map(|c| num(fig.fund_total(*t, c))));
                rows.push(r);
            }
            GridRow::Input { key, indent } => {
                let mut r = vec![format!(
                    "{}{}",
                    "　".repeat(usize::from(*indent)),
                    cat.tr(&format!("field.basic.funds.{key}"))
                )];
                r.extend(FUND_COLUMNS.iter().map(|c| money(pkg, &format!("basic.funds.{key}.{c}"))));
                rows.push(r);
            }
            GridRow::SpecialFunds => {
                let funds = pkg.rows("basic.special_funds");
                let mut r = vec![format!("　{}", cat.tr("table.basic.special_funds"))];
                r.extend((0..3).map(|_| String::new()));
                rows.push(r);
                for (i, _) in funds.iter().enumerate() {
                    let mut r = vec![format!(
                        "　　{}",
                        visible(pkg.text(&cell_path("basic.special_funds", i + 1, "name")), false)
                    )];
                    r.extend(FUND_COLUMNS.iter().map(|c| money(pkg, &cell_path("basic.special_funds", i + 1, c))));
                    rows.push(r);
                }
            }
        }
    }
    out.push_str(&table(
        &[
            (cat.tr("report.funds_item").into(), 40, Align::Left),
            (cat.fmt("column.prev_final_y", y), 14, Align::Right),
            (cat.fmt("column.budget_y", y), 14, Align::Right),
            (cat.fmt("column.final_y", y), 14, Align::Right),
        ],
        &rows,
    ));
    let _ = writeln!(out, "\n{}", cat.fmt("report.buildings_heading", y));
    let buildings = pkg.rows("basic.buildings");
    let brows: Vec<Vec<String>> = if buildings.is_empty() {
        vec![vec![cat.tr("report.none").into(), "—".into(), "—".into(), "—".into(), "—".into(), "—".into(), "—".into()]]
    } else {
        buildings
            .iter()
            .enumerate()
            .map(|(i, _)| {
                let c = |k: &str| pkg.text(&cell_path("basic.buildings", i + 1, k)).to_string();
                let (a, inv) = fig.buildings.get(i).copied().unwrap_or((None, None));
                vec![
                    visible(&c("name"), false),
                    c("approved_area"),
                    c("actual_area"),
                    pct(a),
                    c("budget_investment"),
                    c("actual_investment"),
                    pct(inv),
                ]
            })
            .collect()
    };
    out.push_str(&table(
        &[
            (cat.tr("field.basic.buildings.name").into(), 14, Align::Left),
            (cat.tr("field.basic.buildings.approved_area").into(), 10, Align::Right),
            (cat.tr("field.basic.buildings.actual_area").into(), 10, Align::Right),
            (cat.tr("calc.area_rate.label").into(), 10, Align::Right),
            (cat.tr("field.basic.buildings.budget_investment").into(), 10, Align::Right),
            (cat.tr("field.basic.buildings.actual_investment").into(), 10, Align::Right),
            (cat.tr("calc.investment_rate.label").into(), 10, Align::Right),
        ],
        &brows,
    ));
    let _ = writeln!(out, "\n{}", cat.tr("field.basic.saving_measures"));
    para(out, pkg.text("basic.saving_measures"));
    signatures(out, pkg, "basic", cat);
}

fn self_eval(out: &mut String, pkg: &Package, fig: &Figures, cat: &Catalog, y: &[(&str, String)]) {
    title(out, &cat.fmt("report.self_eval_title", y));
    let _ = writeln!(out, "{}{}\n", cat.tr("report.unit_name"), visible(pkg.text("self_eval.unit_name"), false));
    let _ = writeln!(out, "{}", cat.tr("report.budget_heading"));
    let budget_full = if pkg.text("self_eval.budget_full").is_empty() {
        fig.exec_base.map_or_else(String::new, num)
    } else {
        money(pkg, "self_eval.budget_full")
    };
    out.push_str(&table(
        &[
            (cat.tr("field.self_eval.budget_initial").into(), 13, Align::Right),
            (cat.tr("field.self_eval.budget_full").into(), 13, Align::Right),
            (cat.tr("field.self_eval.spent").into(), 13, Align::Right),
            (cat.tr("report.weight").into(), 8, Align::Right),
            (cat.tr("calc.exec_rate.label").into(), 10, Align::Right),
            (cat.tr("calc.exec_score.label").into(), 10, Align::Right),
        ],
        &[vec![
            money(pkg, "self_eval.budget_initial"),
            budget_full,
            money(pkg, "self_eval.spent"),
            num(crate::form::profile::Profile::builtin(&pkg.profile).map_or(Decimal::TEN, |p| p.exec_weight)),
            pct(fig.exec_rate),
            fig.exec_score.map_or_else(|| "—".into(), num),
        ]],
    ));
    let pair = |k: &str| (cat.tr(&format!("field.self_eval.{k}")).to_string(), money(pkg, &format!("self_eval.{k}")));
    let income = ["income_general", "income_fund", "income_special_account", "income_other"].map(pair);
    let spend = ["spend_basic", "spend_project"].map(pair);
    let mut rows = Vec::new();
    for (i, (a, b)) in income.iter().enumerate() {
        let (c, d) = spend.get(i).cloned().unwrap_or_default();
        rows.push(vec![a.clone(), b.clone(), c, d]);
    }
    out.push('\n');
    out.push_str(&table(
        &[
            (cat.tr("report.by_income").into(), 33, Align::Left),
            (cat.tr("report.amount").into(), 10, Align::Right),
            (cat.tr("report.by_spending").into(), 33, Align::Left),
            (cat.tr("report.amount").into(), 10, Align::Right),
        ],
        &rows,
    ));
    let _ = writeln!(out, "\n{}", cat.tr("report.goals_heading"));
    out.push_str(&table(
        &[
            (cat.tr("field.self_eval.goal_expected").into(), 45, Align::Left),
            (cat.tr("field.self_eval.goal_actual").into(), 46, Align::Left),
        ],
        &[vec![visible(pkg.text("self_eval.goal_expected"), true), visible(pkg.text("self_eval.goal_actual"), true)]],
    ));
    let _ = writeln!(out, "\n{}", cat.tr("report.indicators_heading"));
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let mut last = (String::new(), String::new());
    for (i, r) in pkg.rows("self_eval.indicators").iter().enumerate() {
        let g = |k: &str| visible(r.get(k).map_or("", String::as_str), false);
        let (l1, l2) = (g("level1"), g("level2"));
        let show1 = if l1 == last.0 { String::new() } else { l1.clone() };
        let show2 = if l1 == last.0 && l2 == last.1 { String::new() } else { l2.clone() };
        last = (l1, l2);
        let reason = visible(r.get("reason").map_or("", String::as_str), true);
        let reason_cell = if reason.trim().is_empty() {
            String::new()
        } else {
            notes.push(cat.fmt(
                "report.reason_note",
                &[
                    ("n", (notes.len() + 1).to_string()),
                    ("row", (i + 1).to_string()),
                    ("name", g("name")),
                    ("text", reason),
                ],
            ));
            cat.fmt("report.see_note", &[("n", notes.len().to_string())])
        };
        rows.push(vec![show1, show2, g("name"), g("target"), g("actual"), g("weight"), g("score"), reason_cell]);
    }
    rows.push(vec![
        cat.tr("report.total").into(),
        "—".into(),
        fig.grade.as_ref().map_or_else(String::new, |g| cat.fmt("report.grade", &[("grade", g.name.clone())])),
        "—".into(),
        "—".into(),
        num(fig.total_weight),
        num(fig.total_score),
        String::new(),
    ]);
    out.push_str(&table(
        &[
            (cat.tr("field.self_eval.indicators.level1").into(), 10, Align::Left),
            (cat.tr("field.self_eval.indicators.level2").into(), 12, Align::Left),
            (cat.tr("field.self_eval.indicators.name").into(), 16, Align::Left),
            (cat.tr("field.self_eval.indicators.target").into(), 9, Align::Left),
            (cat.tr("field.self_eval.indicators.actual").into(), 9, Align::Left),
            (cat.tr("field.self_eval.indicators.weight").into(), 6, Align::Right),
            (cat.tr("field.self_eval.indicators.score").into(), 6, Align::Right),
            (cat.tr("report.reason_short").into(), 7, Align::Left),
        ],
        &rows,
    ));
    for n in &notes {
        out.push('\n');
        para(out, n);
    }
    signatures(out, pkg, "self_eval", cat);
    let _ = writeln!(out, "\n{}", cat.tr("report.notes_heading"));
    let mut note = |key: &str, args: &[(&str, String)]| {
        for line in wrap(&cat.fmt(key, args), WIDTH - 2) {
            let _ = writeln!(out, "  {line}");
        }
    };
    if let (Some(base), Some(r), Some(s)) = (fig.exec_base, fig.exec_rate, fig.exec_score) {
        note(
            "report.note_exec",
            &[
                ("spent", money(pkg, "self_eval.spent")),
                ("base", num(base)),
                ("rate", format!("{r}%")),
                ("score", num(s)),
            ],
        );
    }
    note(
        "report.note_total",
        &[
            ("exec", fig.exec_score.map_or_else(|| "—".into(), num)),
            ("indicators", num(fig.indicator_scores)),
            ("total", num(fig.total_score)),
        ],
    );
    for (i, p) in fig.indicators.iter().enumerate() {
        let entered = pkg.score(&cell_path("self_eval.indicators", i + 1, "score"));
        if let (Some(rule), Some(e)) = (p.score, entered) {
            if rule != e {
                note(
                    "report.note_rule_score",
                    &[("row", (i + 1).to_string()), ("rule", num(rule)), ("entered", num(e))],
                );
            }
        }
    }
}

fn narrative(out: &mut String, pkg: &Package, fig: &Figures, cat: &Catalog, year: &str) {
    let unit = visible(pkg.text("report.unit_name"), false);
    let y = [("year", year.to_string()), ("unit", unit.clone())];
    title(out, &cat.fmt("report.narrative_title", &y));
    let _ = writeln!(out, "{}{}", cat.tr("report.cover_unit"), unit);
    let _ = writeln!(out, "{}\n", date(pkg, "report.cover_date", cat));
    let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let mut n = 0;
    let mut heading = |out: &mut String, key: &str| {
        let _ = writeln!(out, "\n{}{}{}\n", numerals[n], cat.tr("report.numeral_sep"), cat.tr(key));
        n += 1;
    };
    let text_or = |out: &mut String, field: &str, fallback: String| {
        let t = pkg.text(field);
        if t.trim().is_empty() {
            para(out, &fallback);
        } else {
            para(out, t);
        }
    };
    heading(out, "report.h1");
    let _ = writeln!(out, "{}", cat.tr("report.h1_functions"));
    para(out, pkg.text("report.functions"));
    let _ = writeln!(out, "\n{}", cat.tr("report.h1_organisation"));
    para(out, pkg.text("report.organisation"));

    heading(out, "report.h2");
    let general = money(pkg, "report.general_total");
    text_or(out, "report.general_text", cat.fmt("report.h2_lead", &[("year", year.into()), ("amount", general)]));
    let _ = writeln!(out, "\n{}", cat.tr("report.h2_basic"));
    let m = |k: &str| money(pkg, &format!("report.{k}"));
    text_or(
        out,
        "report.basic_text",
        cat.fmt(
            "report.h2_basic_lead",
            &[
                ("year", year.into()),
                ("total", m("basic_total")),
                ("wages", m("basic_wages")),
                ("goods", m("basic_goods")),
                ("households", m("basic_households")),
                ("capital", m("basic_capital")),
            ],
        ),
    );
    let _ = writeln!(out, "\n{}", cat.tr("report.h2_project"));
    let project_fallback = if pkg.money0("report.project_total").is_zero() {
        cat.fmt("report.h2_project_none", &[("year", year.into())])
    } else {
        cat.fmt("report.h2_project_lead", &[("year", year.into()), ("amount", m("project_total"))])
    };
    text_or(out, "report.project_text", project_fallback);

    for (h, amount, text, kind) in [
        ("report.h3", "fund_total", "fund_text", "report.kind_fund"),
        ("report.h4", "state_capital_total", "state_capital_text", "report.kind_state_capital"),
        ("report.h5", "social_insurance_total", "social_insurance_text", "report.kind_social_insurance"),
    ] {
        heading(out, h);
        let fallback = if pkg.money0(&format!("report.{amount}")).is_zero() {
            cat.fmt("report.none_spent", &[("year", year.into()), ("kind", cat.tr(kind).into())])
        } else {
            cat.fmt("report.spent", &[("year", year.into()), ("kind", cat.tr(kind).into()), ("amount", m(amount))])
        };
        text_or(out, &format!("report.{text}"), fallback);
    }
    heading(out, "report.h6");
    let grade = fig.grade.as_ref().map_or_else(String::new, |g| g.name.clone());
    let _ = writeln!(
        out,
        "{}",
        cat.fmt("report.h6_score", &[("score", pkg.text("report.score").to_string()), ("grade", grade)])
    );
    para(out, pkg.text("report.performance"));
    heading(out, "report.h7");
    para(out, pkg.text("report.problems"));
    heading(out, "report.h8");
    para(out, pkg.text("report.measures"));
    heading(out, "report.h9");
    para(out, pkg.text("report.application"));
    heading(out, "report.h10");
    text_or(out, "report.other", cat.tr("report.none").to_string());
}
