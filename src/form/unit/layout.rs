//! The printed package: 基础数据表 and 整体支出绩效自评表 laid out like the official forms, one
//! 项目支出绩效自评表 per project, and the 自评报告 with its parts numbered 一 to 十 by the
//! program. Each document ends with any of its fields the layout does not place itself (a
//! field added to the definition prints without a change here; `tests/report.rs` checks that
//! every field reaches the layout).

use rust_decimal::Decimal;

use super::calc::{Figures, compute};
use super::keys::{PROJECTS, basic, building, funds, report, self_eval, special};
use crate::form::def::{FieldKey, GridRow};
use crate::form::layout::{
    Align, At, Block, Column, Document, Expr, Formula, Layout, Shown, Source, Table, Val, indicator_table,
};
use crate::form::package::Package;
use crate::form::profile::Profile;
use crate::form::project;
use crate::form::scoring::{execution_formulas, fixed2, rate_formula};
use crate::form::{layout, report_text};
use crate::i18n::Catalog;
use crate::text::visible;

/// The printed package.
#[must_use]
pub fn build(pkg: &Package, profile: &Profile, cat: &Catalog) -> Layout {
    let fig = compute(pkg, profile);
    let year = pkg.fiscal_year().map_or_else(|| "____".to_string(), |y| y.to_string());
    let prev = pkg.fiscal_year().map_or_else(|| "____".to_string(), |y| (y - 1).to_string());
    let y = [("year", year.clone()), ("prev", prev)];
    let mut docs = vec![basic_doc(pkg, &fig, cat, &y), self_eval_doc(pkg, &fig, profile, cat, &y)];
    for (i, p) in pkg.instances(PROJECTS).iter().enumerate() {
        let prefix = format!("{}.{}.", PROJECTS.0, i + 1);
        docs.push(project::layout::document(p, &fig.projects[i], profile.for_projects(), cat, (&prefix, i + 1), &year));
    }
    docs.push(report_doc(pkg, &fig, profile, cat, &year));
    let mut out = Layout { docs };
    layout::complete(&mut out, pkg, "", cat);
    out
}

/// The 自评表's budget table, whose 分值 and 执行率得分 the indicator table's 合计 adds.
const BUDGET: &str = "budget";

/// A money value of a field.
pub(crate) fn money(pkg: &Package, f: FieldKey) -> Val {
    Val::field(f.0, pkg.cell(f), Shown::Money)
}

fn col(title: impl Into<String>, width: usize, align: Align) -> Column {
    Column { title: title.into(), width, align }
}

fn basic_doc(pkg: &Package, fig: &Figures, cat: &Catalog, y: &[(&str, String)]) -> Document {
    let mut b = vec![Block::Pair { label: cat.tr("report.unit_name").into(), value: text(pkg, basic::UNIT_NAME) }];
    b.push(Block::Heading { level: 2, text: cat.tr("report.staff_heading").into() });
    b.push(Block::Table(Table {
        columns: vec![
            col(cat.tr("field.basic.staff_quota"), 30, Align::Right),
            col(cat.fmt("report.staff_actual", y), 30, Align::Right),
            col(cat.tr("calc.control_rate.label"), 30, Align::Right),
        ],
        rows: vec![vec![
            Val::field(basic::STAFF_QUOTA.0, pkg.cell(basic::STAFF_QUOTA), Shown::Money),
            Val::field(basic::STAFF_ACTUAL.0, pkg.cell(basic::STAFF_ACTUAL), Shown::Money),
            Val::calc(basic::CONTROL_RATE.0, Shown::Percent(fig.control_rate)),
        ]],
        formulas: fig
            .control_rate
            .map(|_| Formula { row: 0, col: 2, expr: rate_formula(At::here(0, 1), At::here(0, 0)) })
            .into_iter()
            .collect(),
        ..Table::default()
    }));
    b.push(Block::Heading { level: 2, text: cat.tr("report.funds_heading").into() });
    b.push(Block::Table(funds_table(pkg, fig, cat, y)));
    b.push(Block::Heading { level: 2, text: cat.fmt("report.buildings_heading", y) });
    b.push(Block::Table(buildings_table(pkg, fig, cat)));
    b.push(Block::Heading { level: 2, text: cat.tr("field.basic.saving_measures").into() });
    b.push(Block::Para(text(pkg, basic::SAVING_MEASURES)));
    b.push(sign(pkg, [basic::HEAD, basic::PREPARER, basic::PHONE, basic::FILING_DATE], cat));
    let title_from = vec![basic::FISCAL_YEAR.0.to_string()];
    Document {
        kind: "basic",
        title: cat.fmt("report.basic_title", y),
        short: cat.tr("report.basic_short").into(),
        narrative: false,
        title_from,
        blocks: b,
    }
}

/// A text value of a field.
pub(crate) fn text(pkg: &Package, f: FieldKey) -> Val {
    Val::field(f.0, pkg.cell(f), Shown::Money)
}

/// A signature block: 单位负责人签字, 填表人, 联系电话, 填报日期.
pub(crate) fn sign(pkg: &Package, [head, preparer, phone, date]: [FieldKey; 4], cat: &Catalog) -> Block {
    Block::Sign(vec![
        (cat.tr("report.sign_head").into(), text(pkg, head)),
        (cat.tr("report.sign_preparer").into(), text(pkg, preparer)),
        (cat.tr("report.sign_phone").into(), text(pkg, phone)),
        (cat.tr("report.sign_date").into(), text(pkg, date)),
    ])
}

fn funds_table(pkg: &Package, fig: &Figures, cat: &Catalog, y: &[(&str, String)]) -> Table {
    let grid = &pkg.form().grids[0];
    // The 本级专项资金 rows print after the last typed part of the total that sums them.
    let before_special = grid.rows.iter().find_map(|r| match r {
        GridRow::Total { table: Some(_), parts, .. } => parts.last().copied(),
        _ => None,
    });
    let mut rows = Vec::new();
    // Where each grid row and each 本级专项资金 row prints, for the totals' formulas.
    let mut at: Vec<(&str, usize)> = Vec::new();
    let mut special_rows = Vec::new();
    for row in &grid.rows {
        let indent = "　".repeat(usize::from(row.indent()));
        at.push((row.key(), rows.len()));
        match row {
            GridRow::Total { key, .. } => {
                let mut r = vec![Val::text(format!("{indent}{}", cat.tr(&format!("calc.{key}.label"))))];
                r.extend((0..3).map(|c| Val::calc(funds::total(key, c).0, Shown::Money(fig.fund_total(key, c)))));
                rows.push(r);
            }
            GridRow::Input { key, .. } => {
                let mut r = vec![Val::text(format!("{indent}{}", cat.tr(&format!("field.basic.funds.{key}"))))];
                let cells = funds::ALL.iter().find(|c| c[0].0.split('.').nth(2) == Some(*key));
                r.extend(cells.into_iter().flatten().map(|c| money(pkg, *c)));
                rows.push(r);
                // The 本级专项资金 rows print under 项目支出's typed rows, one per 专项.
                if Some(*key) == before_special {
                    rows.push(vec![
                        Val::text(format!("　{}", cat.tr("table.basic.special_funds"))),
                        Val::empty(),
                        Val::empty(),
                        Val::empty(),
                    ]);
                    for (i, sf) in pkg.rows(basic::SPECIAL_FUNDS).iter().enumerate() {
                        let at = |c: &str| format!("{}.{}.{c}", basic::SPECIAL_FUNDS.0, i + 1);
                        let name = visible(sf.text(special::NAME), false);
                        let project = visible(sf.text(special::PROJECT), false);
                        let label = if project.is_empty() {
                            format!("　　{name}")
                        } else {
                            cat.fmt("report.special_of_project", &[("name", name), ("project", project)])
                        };
                        let source = Source::Fields(vec![at(special::NAME.0), at(special::PROJECT.0)]);
                        let mut r = vec![Val { shown: Shown::Text(label), source }];
                        r.extend(special::MONEY.iter().map(|c| Val::field(at(c.0), sf.cell(c.0), Shown::Money)));
                        special_rows.push(rows.len());
                        rows.push(r);
                    }
                }
            }
        }
    }
    // A total is the sum of its parts (and of the 本级专项资金 rows), per money column.
    let row_of = |k: &str| at.iter().find(|(key, _)| *key == k).map(|(_, r)| *r);
    let mut formulas = Vec::new();
    for row in &grid.rows {
        if let (GridRow::Total { parts, table, .. }, Some(r)) = (row, row_of(row.key())) {
            let part_rows: Vec<usize> = parts.iter().filter_map(|p| row_of(p)).collect();
            let extra = if table.is_some() { special_rows.as_slice() } else { &[] };
            for col in 1..=3 {
                let cells = part_rows.iter().chain(extra).map(|p| Expr::Cell(At::here(*p, col)));
                formulas.push(Formula { row: r, col, expr: Expr::Sum(cells.collect()) });
            }
        }
    }
    Table {
        columns: vec![
            col(cat.tr("report.funds_item"), 40, Align::Left),
            col(cat.fmt("column.prev_final_y", y), 14, Align::Right),
            col(cat.fmt("column.budget_y", y), 14, Align::Right),
            col(cat.fmt("column.final_y", y), 14, Align::Right),
        ],
        rows,
        formulas,
        ..Table::default()
    }
}

fn buildings_table(pkg: &Package, fig: &Figures, cat: &Catalog) -> Table {
    let rows_in = pkg.rows(basic::BUILDINGS);
    let rows: Vec<Vec<Val>> = if rows_in.is_empty() {
        let dash = || Val::text("—");
        vec![vec![Val::text(cat.tr("report.none")), dash(), dash(), dash(), dash(), dash(), dash()]]
    } else {
        rows_in
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let at = |c: &str| format!("{}.{}.{c}", basic::BUILDINGS.0, i + 1);
                let cell = |c: crate::form::def::ColKey, s: fn(Decimal) -> Shown| Val::field(at(c.0), r.cell(c.0), s);
                let (a, inv) = fig.buildings.get(i).copied().unwrap_or((None, None));
                vec![
                    cell(building::NAME, Shown::Money),
                    cell(building::APPROVED_AREA, Shown::Area),
                    cell(building::ACTUAL_AREA, Shown::Area),
                    Val::calc(at(building::AREA_RATE.0), Shown::Percent(a)),
                    cell(building::BUDGET_INVESTMENT, Shown::Money),
                    cell(building::ACTUAL_INVESTMENT, Shown::Money),
                    Val::calc(at(building::INVESTMENT_RATE.0), Shown::Percent(inv)),
                ]
            })
            .collect()
    };
    let mut formulas = Vec::new();
    for (i, (a, inv)) in fig.buildings.iter().enumerate().filter(|_| !rows_in.is_empty()) {
        if a.is_some() {
            formulas.push(Formula { row: i, col: 3, expr: rate_formula(At::here(i, 2), At::here(i, 1)) });
        }
        if inv.is_some() {
            formulas.push(Formula { row: i, col: 6, expr: rate_formula(At::here(i, 5), At::here(i, 4)) });
        }
    }
    let c = |k: &str| cat.tr(&format!("field.basic.buildings.{k}")).to_string();
    Table {
        columns: vec![
            col(c("name"), 14, Align::Left),
            col(c("approved_area"), 10, Align::Right),
            col(c("actual_area"), 10, Align::Right),
            col(cat.tr("calc.area_rate.label"), 10, Align::Right),
            col(c("budget_investment"), 10, Align::Right),
            col(c("actual_investment"), 10, Align::Right),
            col(cat.tr("calc.investment_rate.label"), 10, Align::Right),
        ],
        rows,
        formulas,
        ..Table::default()
    }
}

fn self_eval_doc(pkg: &Package, fig: &Figures, profile: &Profile, cat: &Catalog, y: &[(&str, String)]) -> Document {
    let mut b = vec![Block::Pair { label: cat.tr("report.unit_name").into(), value: text(pkg, self_eval::UNIT_NAME) }];
    b.push(Block::Heading { level: 2, text: cat.tr("report.budget_heading").into() });
    let full_blank = pkg.text(self_eval::BUDGET_FULL).is_empty();
    let full = if full_blank {
        // Printed as the denominator used (年初预算数), marked as computed.
        Val::calc(self_eval::BUDGET_FULL.0, fig.exec.base.map_or(Shown::Empty, Shown::Money))
    } else {
        money(pkg, self_eval::BUDGET_FULL)
    };
    // 执行率 and its score over the cells of this row: the base is the 全年预算数 cell (which
    // holds the 年初预算数 when blank), or the 年初预算数 when the 全年预算数 is 0.
    let mut formulas = Vec::new();
    if full_blank && fig.exec.base.is_some() {
        formulas.push(Formula { row: 0, col: 1, expr: Expr::Cell(At::here(0, 0)) });
    }
    if fig.exec.rate.is_some() {
        let base_col = if pkg.number(self_eval::BUDGET_FULL).is_some_and(|d| d.is_zero()) { 0 } else { 1 };
        let (rate, score) = execution_formulas(At::here(0, 2), At::here(0, base_col), At::here(0, 3), profile);
        formulas.push(Formula { row: 0, col: 4, expr: rate });
        formulas.push(Formula { row: 0, col: 5, expr: score });
    }
    b.push(Block::Table(Table {
        columns: vec![
            col(cat.tr("field.self_eval.budget_initial"), 13, Align::Right),
            col(cat.tr("field.self_eval.budget_full"), 13, Align::Right),
            col(cat.tr("field.self_eval.spent"), 13, Align::Right),
            col(cat.tr("report.weight"), 8, Align::Right),
            col(cat.tr("calc.exec_rate.label"), 10, Align::Right),
            col(cat.tr("calc.exec_score.label"), 10, Align::Right),
        ],
        rows: vec![vec![
            money(pkg, self_eval::BUDGET_INITIAL),
            full,
            money(pkg, self_eval::SPENT),
            Val { shown: Shown::Score(profile.exec_weight), source: Source::Fixed },
            Val::calc(self_eval::EXEC_RATE.0, Shown::Percent(fig.exec.rate)),
            Val::calc(self_eval::EXEC_SCORE.0, fig.exec.score.map_or(Shown::Percent(None), Shown::Score)),
        ]],
        id: BUDGET,
        formulas,
        ..Table::default()
    }));
    if !pkg.text(self_eval::EXEC_REASON).trim().is_empty() {
        b.push(Block::Heading { level: 2, text: cat.tr("field.self_eval.exec_reason").into() });
        b.push(Block::Para(text(pkg, self_eval::EXEC_REASON)));
    }
    let label = |k: FieldKey| Val::text(cat.tr(&format!("field.{}", k.0)));
    let income =
        [self_eval::INCOME_GENERAL, self_eval::INCOME_FUND, self_eval::INCOME_SPECIAL_ACCOUNT, self_eval::INCOME_OTHER];
    let spend = [self_eval::SPEND_BASIC, self_eval::SPEND_PROJECT];
    let rows = income
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let (c, d) = spend.get(i).map_or((Val::empty(), Val::empty()), |s| (label(*s), money(pkg, *s)));
            vec![label(*k), money(pkg, *k), c, d]
        })
        .collect();
    b.push(Block::Table(Table {
        columns: vec![
            col(cat.tr("report.by_income"), 33, Align::Left),
            col(cat.tr("report.amount"), 10, Align::Right),
            col(cat.tr("report.by_spending"), 33, Align::Left),
            col(cat.tr("report.amount"), 10, Align::Right),
        ],
        rows,
        ..Table::default()
    }));
    b.push(Block::Heading { level: 2, text: cat.tr("report.goals_heading").into() });
    b.push(Block::Table(Table {
        columns: vec![
            col(cat.tr("field.self_eval.goal_expected"), 45, Align::Left),
            col(cat.tr("field.self_eval.goal_actual"), 46, Align::Left),
        ],
        rows: vec![vec![text(pkg, self_eval::GOAL_EXPECTED), text(pkg, self_eval::GOAL_ACTUAL)]],
        ..Table::default()
    }));
    b.push(Block::Heading { level: 2, text: cat.tr("report.indicators_heading").into() });
    let table = indicator_table(pkg.rows(self_eval::INDICATORS), self_eval::INDICATORS.0, &profile.tiers, cat);
    let total = vec![
        Val::text(cat.tr("report.total")),
        Val::text("—"),
        Val::calc(
            self_eval::GRADE.0,
            Shown::Text(
                fig.grade.as_ref().map_or_else(String::new, |g| cat.fmt("report.grade", &[("grade", g.name.clone())])),
            ),
        ),
        Val::text("—"),
        Val::text("—"),
        Val::calc(self_eval::TOTAL_WEIGHT.0, Shown::Score(fig.total_weight)),
        Val::calc(self_eval::TOTAL_SCORE.0, Shown::Score(fig.total_score)),
        Val::empty(),
    ];
    let (mut table, notes) = table;
    table.formulas = crate::form::layout::total_formulas(table.rows.len(), At { table: BUDGET, row: 0, col: 3 });
    table.rows.push(total);
    table.total_row = true;
    b.push(Block::Table(table));
    b.extend(notes);
    b.push(sign(pkg, [self_eval::HEAD, self_eval::PREPARER, self_eval::PHONE, self_eval::FILING_DATE], cat));
    b.push(layout::calculation_notes(
        &fig.exec,
        pkg.number(self_eval::SPENT),
        &fig.indicators,
        fig.total_score,
        pkg.rows(self_eval::INDICATORS),
        profile,
        cat,
    ));
    let title_from = vec![basic::FISCAL_YEAR.0.to_string()];
    Document {
        kind: "self_eval",
        title: cat.fmt("report.self_eval_title", y),
        short: cat.tr("report.self_eval_short").into(),
        narrative: false,
        title_from,
        blocks: b,
    }
}

/// A sentence's sources: the fields it is written from.
fn fields(keys: &[FieldKey]) -> Source {
    Source::Fields(keys.iter().map(|k| k.0.to_string()).collect())
}

/// Whether `text` states `value` (a number written in it equals `value`).
fn states(text: &str, value: Decimal) -> bool {
    crate::form::input::numbers_in(text).iter().any(|n| *n == value.normalize())
}

/// The user's paragraph, followed by the sentence the form requires when the paragraph does
/// not already state each non-zero figure of `figures` (or the sentence alone when there is no
/// paragraph). A paragraph that states them stands for those fields in the printed package.
fn said_or_required(b: &mut Vec<Block>, pkg: &Package, f: FieldKey, figures: &[FieldKey], required: Val) {
    let t = pkg.text(f);
    if t.trim().is_empty() {
        b.push(Block::Para(required));
        return;
    }
    let stated = figures.iter().filter_map(|k| pkg.number(*k)).filter(|d| !d.is_zero()).all(|d| states(t, d));
    if stated {
        let mut sources = vec![f.0.to_string()];
        sources.extend(figures.iter().map(|k| k.0.to_string()));
        b.push(Block::Para(Val { shown: text(pkg, f).shown, source: Source::Fields(sources) }));
    } else {
        b.push(Block::Para(text(pkg, f)));
        b.push(Block::Para(required));
    }
}

#[allow(clippy::too_many_lines)]
fn report_doc(pkg: &Package, fig: &Figures, profile: &Profile, cat: &Catalog, year: &str) -> Document {
    let unit = visible(pkg.text(report::UNIT_NAME), false);
    let y = [("year", year.to_string()), ("unit", unit.clone())];
    let mut b = Vec::new();
    let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let mut n = 0;
    let mut heading = |b: &mut Vec<Block>, key: &str| {
        // The template's own title for this part, when its profile gives one.
        let title = key
            .strip_prefix("report.")
            .and_then(|part| profile.report_titles.get(part))
            .map_or_else(|| cat.tr(key).to_string(), |t| visible(t, false));
        b.push(Block::Heading { level: 1, text: format!("{}{}{title}", numerals[n], cat.tr("report.numeral_sep")) });
        n += 1;
    };
    let sub = |b: &mut Vec<Block>, key: &str| b.push(Block::Heading { level: 2, text: cat.tr(key).into() });
    let sentence = |key: &str, args: &[(&str, String)], sources: &[FieldKey]| Val {
        shown: Shown::Text(cat.fmt(key, args)),
        source: fields(sources),
    };
    let m = |f: FieldKey| report_text::show(&money(pkg, f).shown, cat);

    heading(&mut b, "report.h1");
    sub(&mut b, "report.h1_functions");
    b.push(Block::Para(text(pkg, report::FUNCTIONS)));
    sub(&mut b, "report.h1_organisation");
    let staff = [report::STAFF_QUOTA, report::STAFF_ACTUAL, report::STAFF_CONTRACT];
    let staff_line = Val {
        shown: Shown::Text(cat.fmt(
            "report.h1_staff",
            &[
                ("quota", pkg.text(report::STAFF_QUOTA).to_string()),
                ("actual", pkg.text(report::STAFF_ACTUAL).to_string()),
                ("contract", pkg.int(report::STAFF_CONTRACT).unwrap_or(0).to_string()),
            ],
        )),
        source: fields(&[report::STAFF_QUOTA, report::STAFF_ACTUAL, report::STAFF_CONTRACT]),
    };
    said_or_required(&mut b, pkg, report::ORGANISATION, &staff, staff_line);

    heading(&mut b, "report.h2");
    let lead = sentence(
        "report.h2_lead",
        &[("year", year.into()), ("amount", m(report::GENERAL_TOTAL))],
        &[report::GENERAL_TOTAL],
    );
    said_or_required(&mut b, pkg, report::GENERAL_TEXT, &[report::GENERAL_TOTAL], lead);
    sub(&mut b, "report.h2_basic");
    let parts = [
        report::BASIC_TOTAL,
        report::BASIC_WAGES,
        report::BASIC_GOODS,
        report::BASIC_HOUSEHOLDS,
        report::BASIC_CAPITAL,
    ];
    let basic_lead = sentence(
        "report.h2_basic_lead",
        &[
            ("year", year.into()),
            ("total", m(report::BASIC_TOTAL)),
            ("wages", m(report::BASIC_WAGES)),
            ("goods", m(report::BASIC_GOODS)),
            ("households", m(report::BASIC_HOUSEHOLDS)),
            ("capital", m(report::BASIC_CAPITAL)),
        ],
        &parts,
    );
    said_or_required(&mut b, pkg, report::BASIC_TEXT, &parts, basic_lead);
    sub(&mut b, "report.h2_project");
    // Neither a text nor an amount (W-17): the part is printed as not filled in, never as a
    // "无项目支出" the user did not state.
    let project_lead = if pkg.number(report::PROJECT_TOTAL).is_none()
        && pkg.instances(PROJECTS).is_empty()
        && pkg.text(report::PROJECT_TEXT).trim().is_empty()
    {
        sentence("report.part_missing", &[], &[report::PROJECT_TOTAL])
    } else if pkg.number0(report::PROJECT_TOTAL).is_zero() && pkg.instances(PROJECTS).is_empty() {
        sentence("report.h2_project_none", &[("year", year.into())], &[report::PROJECT_TOTAL])
    } else {
        sentence(
            "report.h2_project_lead",
            &[("year", year.into()), ("amount", m(report::PROJECT_TOTAL))],
            &[report::PROJECT_TOTAL],
        )
    };
    said_or_required(&mut b, pkg, report::PROJECT_TEXT, &[report::PROJECT_TOTAL], project_lead);

    for (h, amount, txt, kind) in [
        ("report.h3", report::FUND_TOTAL, report::FUND_TEXT, "report.kind_fund"),
        ("report.h4", report::STATE_CAPITAL_TOTAL, report::STATE_CAPITAL_TEXT, "report.kind_state_capital"),
        ("report.h5", report::SOCIAL_INSURANCE_TOTAL, report::SOCIAL_INSURANCE_TEXT, "report.kind_social_insurance"),
    ] {
        heading(&mut b, h);
        let kind = cat.tr(kind).to_string();
        let required = if pkg.number0(amount).is_zero() {
            sentence("report.none_spent", &[("year", year.into()), ("kind", kind)], &[amount])
        } else {
            sentence("report.spent", &[("year", year.into()), ("kind", kind), ("amount", m(amount))], &[amount])
        };
        said_or_required(&mut b, pkg, txt, &[amount], required);
    }
    heading(&mut b, "report.h6");
    let grade = fig.grade.as_ref().map_or_else(String::new, |g| g.name.clone());
    let score = Val::calc(
        report::SCORE.0,
        Shown::Text(cat.fmt("report.h6_score", &[("score", fixed2(fig.total_score)), ("grade", grade)])),
    );
    // The score sentence follows the table; printed once: not when the text already says it.
    let perf = pkg.text(report::PERFORMANCE);
    if !states(perf, fig.total_score) {
        b.push(Block::Para(score));
    }
    b.push(Block::Para(text(pkg, report::PERFORMANCE)));
    for (h, f) in [("report.h7", report::PROBLEMS), ("report.h8", report::MEASURES), ("report.h9", report::APPLICATION)]
    {
        heading(&mut b, h);
        b.push(Block::Para(text(pkg, f)));
    }
    heading(&mut b, "report.h10");
    if pkg.text(report::OTHER).trim().is_empty() {
        b.push(Block::Para(Val {
            shown: Shown::Text(cat.tr("report.none").into()),
            source: Source::Field(report::OTHER.0.into()),
        }));
    } else {
        b.push(Block::Para(text(pkg, report::OTHER)));
    }
    let mut cover = vec![
        Block::Pair { label: cat.tr("report.cover_unit").into(), value: text(pkg, report::UNIT_NAME) },
        Block::Pair { label: String::new(), value: text(pkg, report::COVER_DATE) },
    ];
    cover.append(&mut b);
    let title_from = vec![basic::FISCAL_YEAR.0.to_string(), report::UNIT_NAME.0.to_string()];
    Document {
        kind: "report",
        title: cat.fmt("report.narrative_title", &y),
        short: cat.tr("report.narrative_short").into(),
        narrative: true,
        title_from,
        blocks: cover,
    }
}
