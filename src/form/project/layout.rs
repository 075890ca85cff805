//! A project sheet as printed: the header (项目名称, 主管部门, 实施单位, 项目负责人, 联系电话),
//! the 项目资金 table with 分值, 执行率 and 得分 on the 年度资金总额 row, 年度总体目标, the
//! indicator table with its 合计 row and notes, the signatures and the 计算依据.

use super::calc::Figures;
use super::keys::{self, funds};
use crate::form::def::FieldKey;
use crate::form::def::GridRow;
use crate::form::layout::{
    self, Align, At, Block, Column, Document, Expr, Formula, Shown, Source, Span, Table, Val, indicator_table,
};
use crate::form::package::Package;
use crate::form::profile::Profile;
use crate::form::scoring::execution_formulas;
use crate::i18n::Catalog;

/// The 项目资金 table, whose 分值 and 得分 the indicator table's 合计 adds.
const FUNDS: &str = "funds";

fn col(title: impl Into<String>, width: usize, align: Align) -> Column {
    Column { title: title.into(), width, align }
}

/// One project sheet; `prefix` is where its values sit in the package (`projects.2.`), `n` its
/// number on the project list.
#[must_use]
pub fn document(
    pkg: &Package,
    fig: &Figures,
    profile: &Profile,
    cat: &Catalog,
    (prefix, n): (&str, usize),
    year: &str,
) -> Document {
    let at = |p: &str| format!("{prefix}{p}");
    let val = |f: FieldKey| Val::field(at(f.0), pkg.cell(f), Shown::Money);
    let label = |f: FieldKey| Val::text(cat.tr(&format!("field.project.{}", f.0)));
    let mut b = vec![Block::Table(Table {
        columns: vec![
            col(cat.tr("report.item"), 16, Align::Left),
            col(cat.tr("report.content"), 30, Align::Left),
            col(cat.tr("report.item"), 16, Align::Left),
            col(cat.tr("report.content"), 25, Align::Left),
        ],
        rows: vec![
            vec![label(keys::NAME), val(keys::NAME), Val::empty(), Val::empty()],
            vec![label(keys::DEPARTMENT), val(keys::DEPARTMENT), label(keys::IMPLEMENTER), val(keys::IMPLEMENTER)],
            vec![label(keys::MANAGER), val(keys::MANAGER), label(keys::PHONE), val(keys::PHONE)],
        ],
        // 项目名称's value takes the rest of its row.
        spans: vec![Span { row: 0, col: 1, rows: 1, cols: 3 }],
        ..Table::default()
    })];
    b.push(Block::Heading { level: 2, text: cat.tr("report.project_funds_heading").into() });
    let grid = &pkg.form().grids[0];
    let mut rows = Vec::new();
    let mut formulas = Vec::new();
    let row_of = |k: &str| grid.rows.iter().position(|r| r.key() == k);
    for row in &grid.rows {
        // 年度资金总额 = the sum of its parts, per column; 执行率 and its score on its row.
        if let (GridRow::Total { parts, .. }, Some(r)) = (row, row_of(row.key())) {
            for col in 1..=3 {
                let cells = parts.iter().filter_map(|p| row_of(p)).map(|p| Expr::Cell(At::here(p, col)));
                formulas.push(Formula { row: r, col, expr: Expr::Sum(cells.collect()) });
            }
            if fig.exec.rate.is_some() {
                let full = funds::ALL.iter().any(|c| pkg.number(c[funds::FULL]).is_some());
                let base = 1 + if full && !fig.totals[funds::FULL].is_zero() { funds::FULL } else { funds::INITIAL };
                let (rate, score) =
                    execution_formulas(At::here(r, 1 + funds::SPENT), At::here(r, base), At::here(r, 4), profile);
                formulas.push(Formula { row: r, col: 5, expr: rate });
                formulas.push(Formula { row: r, col: 6, expr: score });
            }
        }
        let indent = "　".repeat(usize::from(row.indent()));
        let key = row.key();
        let name = if key == funds::TOTAL {
            cat.tr("calc.total.label").to_string()
        } else {
            cat.tr(&format!("field.project.funds.{key}")).to_string()
        };
        let mut r = vec![Val::text(format!("{indent}{name}"))];
        if key == funds::TOTAL {
            r.extend(funds::TOTALS.iter().zip(fig.totals).map(|(k, v)| Val::calc(at(k.0), Shown::Money(v))));
            r.push(Val { shown: Shown::Score(profile.exec_weight), source: Source::Fixed });
            r.push(Val::calc(at(keys::EXEC_RATE.0), Shown::Percent(fig.exec.rate)));
            r.push(Val::calc(at(keys::EXEC_SCORE.0), fig.exec.score.map_or(Shown::Percent(None), Shown::Score)));
        } else if let Some(cells) = funds::ALL.iter().find(|c| c[0].0.split('.').nth(1) == Some(key)) {
            r.extend(cells.iter().map(|c| val(*c)));
            r.extend([Val::text("—"), Val::text("—"), Val::text("—")]);
        }
        rows.push(r);
    }
    b.push(Block::Table(Table {
        columns: vec![
            col(cat.tr("report.funds_item"), 20, Align::Left),
            col(cat.tr("column.budget_initial"), 12, Align::Right),
            col(cat.tr("column.budget_full"), 12, Align::Right),
            col(cat.tr("column.spent"), 12, Align::Right),
            col(cat.tr("report.weight"), 6, Align::Right),
            col(cat.tr("calc.exec_rate.label"), 9, Align::Right),
            col(cat.tr("report.score"), 6, Align::Right),
        ],
        rows,
        id: FUNDS,
        formulas,
        ..Table::default()
    }));
    if !pkg.text(keys::EXEC_REASON).trim().is_empty() {
        b.push(Block::Heading { level: 2, text: cat.tr("field.project.exec_reason").into() });
        b.push(Block::Para(val(keys::EXEC_REASON)));
    }
    b.push(Block::Heading { level: 2, text: cat.tr("report.goals_heading").into() });
    b.push(Block::Table(Table {
        columns: vec![
            col(cat.tr("field.project.goal_expected"), 45, Align::Left),
            col(cat.tr("field.project.goal_actual"), 46, Align::Left),
        ],
        rows: vec![vec![val(keys::GOAL_EXPECTED), val(keys::GOAL_ACTUAL)]],
        ..Table::default()
    }));
    b.push(Block::Heading { level: 2, text: cat.tr("report.indicators_heading").into() });
    let (mut table, notes) = indicator_table(pkg.rows(keys::INDICATORS), &at(keys::INDICATORS.0), &profile.tiers, cat);
    let total_at = grid.rows.iter().position(|r| r.key() == funds::TOTAL).unwrap_or(0);
    table.formulas = layout::total_formulas(table.rows.len(), At { table: FUNDS, row: total_at, col: 4 });
    let grade = fig.grade.as_ref().map_or_else(String::new, |g| cat.fmt("report.grade", &[("grade", g.name.clone())]));
    table.rows.push(vec![
        Val::text(cat.tr("report.total")),
        Val::text("—"),
        Val::calc(at(keys::GRADE.0), Shown::Text(grade)),
        Val::text("—"),
        Val::text("—"),
        Val::calc(at(keys::TOTAL_WEIGHT.0), Shown::Score(fig.total_weight)),
        Val::calc(at(keys::TOTAL_SCORE.0), Shown::Score(fig.total_score)),
        Val::empty(),
    ]);
    table.total_row = true;
    b.push(Block::Table(table));
    b.extend(notes);
    b.push(Block::Sign(vec![
        (cat.tr("report.sign_head").into(), val(keys::HEAD)),
        (cat.tr("report.sign_preparer").into(), val(keys::PREPARER)),
        (cat.tr("report.sign_date").into(), val(keys::FILING_DATE)),
    ]));
    b.push(layout::calculation_notes(
        &fig.exec,
        fig.spent,
        &fig.indicators,
        fig.total_score,
        pkg.rows(keys::INDICATORS),
        profile,
        cat,
    ));
    let mut doc = Document {
        kind: "project",
        title: cat.fmt("report.project_title", &[("year", year.to_string())]),
        short: cat.fmt(
            "report.project_short",
            &[("n", n.to_string()), ("name", crate::text::visible(pkg.text(keys::NAME), false))],
        ),
        narrative: false,
        title_from: Vec::new(),
        blocks: b,
    };
    layout::complete_doc(&mut doc, pkg, prefix, cat);
    doc
}
