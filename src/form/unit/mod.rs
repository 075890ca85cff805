//! The 预算单位整体支出绩效自评 package (Hunan, domain.md §1): 基础数据表, 整体支出绩效自评表,
//! one 项目支出绩效自评表 per project (the `project` sub-form), and the 自评报告.
//!
//! This module is the only code that names the package's fields: [`keys`] declares them as
//! handles, [`form`] builds the definition from the same handles, and the sub-modules hold
//! what only this form knows — its figures (`calc`), its checks (`rules`), its printed layout
//! (`layout`) and the wizard's conveniences and migrations (`assist`).

mod assist;
pub mod calc;
pub mod keys;
mod layout;
mod rules;

use std::sync::OnceLock;

use super::def::{
    Calc, Carry, Field, Form, Grid, GridRow, Group, Item, Kind, Section, Table, column, field, grid_fields,
};
use super::scoring::{MAX_ROWS, ind, indicator_table};
use keys::{basic, report, self_eval};

/// The form id written in every data file.
pub const FORM_ID: &str = "unit-overall-expenditure-self-evaluation";

/// The data file version this build writes. v2 adds the project sheets (`[[projects]]`) and
/// the 本级专项资金 row's project; the report's score is no longer typed (it follows the table),
/// so a v1 `report.score` becomes a `[stated]` transcription.
pub const VERSION: i64 = 2;

/// Most project sheets in one package.
pub const MAX_PROJECTS: usize = 200;

/// The form, built once.
#[must_use]
pub fn form() -> &'static Form {
    static FORM: OnceLock<Form> = OnceLock::new();
    FORM.get_or_init(build)
}

/// The 经费控制情况 grid (domain §1.1): per column 三公经费 = 公务用车 + 出国 + 公务接待,
/// 公务用车 = 公车购置 + 公车运行维护, 项目支出 = 业务经费 + 编外用工 + Σ 本级专项 (E-04 … E-06).
fn funds_grid() -> Grid {
    use keys::funds as f;
    let input = |key, indent| GridRow::Input { key, indent };
    Grid {
        key: f::GRID,
        columns: &f::COLUMNS,
        rows: vec![
            GridRow::Total { key: f::THREE_PUBLIC, indent: 0, parts: &[f::CAR, "abroad", "reception"], table: None },
            GridRow::Total { key: f::CAR, indent: 1, parts: &["car_purchase", "car_operation"], table: None },
            input("car_purchase", 2),
            input("car_operation", 2),
            input("abroad", 1),
            input("reception", 1),
            GridRow::Total {
                key: f::PROJECTS,
                indent: 0,
                parts: &["project_business", "project_contract_staff"],
                table: Some(basic::SPECIAL_FUNDS),
            },
            input("project_business", 1),
            input("project_contract_staff", 1),
            input("public_funds", 0),
            input("public_office", 2),
            input("public_utilities", 2),
            input("public_meetings", 2),
            input("procurement", 0),
            input("budget_adjustment", 0),
        ],
    }
}

/// Next year, a 本年决算数 becomes the 上年决算数 (same row, column `final`) and this year's
/// figures start empty.
fn funds_carry(col: &str) -> Carry {
    match col {
        "prev_final" => Carry::From("final"),
        _ => Carry::Clear,
    }
}

#[allow(clippy::too_many_lines)]
fn build() -> Form {
    use Carry::{Clear, Keep, Reference};
    use Kind::{Area, Date, Integer, Line, LongText, Money, Name, Phone, Year};
    let f = |key, kind, required, carry| field("", key, kind, required, carry);
    let grid = funds_grid();
    let mut fields: Vec<Field> = vec![
        f(basic::FISCAL_YEAR, Year, true, Carry::Year),
        f(basic::UNIT_NAME, Line, true, Keep),
        f(basic::STAFF_QUOTA, Integer, true, Keep),
        f(basic::STAFF_ACTUAL, Integer, true, Clear),
    ];
    fields.extend(grid_fields("", &grid, &["public_funds"], funds_carry));
    fields.extend([
        f(basic::SAVING_MEASURES, LongText, true, Keep),
        f(basic::HEAD, Name, true, Keep),
        f(basic::PREPARER, Name, true, Keep),
        f(basic::PHONE, Phone, true, Keep),
        f(basic::FILING_DATE, Date, true, Clear),
        f(self_eval::UNIT_NAME, Line, true, Keep),
        f(self_eval::BUDGET_INITIAL, Money, true, Clear),
        f(self_eval::BUDGET_FULL, Money, false, Clear),
        f(self_eval::SPENT, Money, true, Clear),
        f(self_eval::EXEC_REASON, LongText, false, Clear),
        f(self_eval::INCOME_GENERAL, Money, true, Clear),
        f(self_eval::INCOME_FUND, Money, true, Clear),
        f(self_eval::INCOME_SPECIAL_ACCOUNT, Money, true, Clear),
        f(self_eval::INCOME_OTHER, Money, true, Clear),
        f(self_eval::SPEND_BASIC, Money, true, Clear),
        f(self_eval::SPEND_PROJECT, Money, true, Clear),
        f(self_eval::GOAL_EXPECTED, LongText, true, Keep),
        f(self_eval::GOAL_ACTUAL, LongText, true, Reference),
        f(self_eval::HEAD, Name, true, Keep),
        f(self_eval::PREPARER, Name, true, Keep),
        f(self_eval::PHONE, Phone, true, Keep),
        f(self_eval::FILING_DATE, Date, true, Clear),
        f(report::UNIT_NAME, Line, true, Keep),
        f(report::COVER_DATE, Date, true, Clear),
        f(report::FUNCTIONS, LongText, true, Keep),
        f(report::ORGANISATION, LongText, true, Keep),
        f(report::STAFF_QUOTA, Integer, true, Keep),
        f(report::STAFF_ACTUAL, Integer, true, Clear),
        f(report::STAFF_CONTRACT, Integer, false, Clear),
        f(report::GENERAL_TOTAL, Money, true, Clear),
        f(report::GENERAL_TEXT, LongText, false, Reference),
        f(report::BASIC_TOTAL, Money, true, Clear),
        f(report::BASIC_WAGES, Money, true, Clear),
        f(report::BASIC_GOODS, Money, true, Clear),
        f(report::BASIC_HOUSEHOLDS, Money, true, Clear),
        f(report::BASIC_CAPITAL, Money, true, Clear),
        f(report::BASIC_TEXT, LongText, false, Reference),
        f(report::PROJECT_TOTAL, Money, true, Clear),
        f(report::PROJECT_TEXT, LongText, false, Reference),
        f(report::FUND_TOTAL, Money, true, Clear),
        f(report::FUND_TEXT, LongText, false, Reference),
        f(report::STATE_CAPITAL_TOTAL, Money, true, Clear),
        f(report::STATE_CAPITAL_TEXT, LongText, false, Reference),
        f(report::SOCIAL_INSURANCE_TOTAL, Money, true, Clear),
        f(report::SOCIAL_INSURANCE_TEXT, LongText, false, Reference),
        f(report::PERFORMANCE, LongText, true, Reference),
        f(report::PROBLEMS, LongText, true, Reference),
        f(report::MEASURES, LongText, true, Reference),
        f(report::APPLICATION, LongText, true, Reference),
        f(report::OTHER, LongText, false, Reference),
    ]);

    let sf = basic::SPECIAL_FUNDS;
    let bd = basic::BUILDINGS;
    let c = |t, col, kind, required, width, carry| column("", t, col, kind, required, width, carry);
    let tables = vec![
        Table {
            key: sf.0,
            columns: vec![
                c(sf, keys::special::NAME, Line, true, (12, 4), Keep),
                c(sf, keys::special::PROJECT, Line, false, (8, 2), Keep),
                c(sf, keys::special::PREV_FINAL, Money, false, (11, 0), Carry::From("final")),
                c(sf, keys::special::BUDGET, Money, false, (11, 0), Clear),
                c(sf, keys::special::FINAL, Money, false, (11, 0), Clear),
            ],
            computed: vec![],
            copy_down: vec![],
            max_rows: MAX_ROWS,
        },
        Table {
            key: bd.0,
            columns: vec![
                c(bd, keys::building::NAME, Line, false, (8, 4), Clear),
                c(bd, keys::building::APPROVED_AREA, Area, true, (9, 0), Clear),
                c(bd, keys::building::ACTUAL_AREA, Area, true, (9, 0), Clear),
                c(bd, keys::building::BUDGET_INVESTMENT, Money, true, (9, 0), Clear),
                c(bd, keys::building::ACTUAL_INVESTMENT, Money, true, (9, 0), Clear),
            ],
            computed: vec![
                super::def::CalcColumn { key: keys::building::AREA_RATE, width: (8, 0), after: None },
                super::def::CalcColumn { key: keys::building::INVESTMENT_RATE, width: (8, 0), after: None },
            ],
            copy_down: vec![],
            max_rows: MAX_ROWS,
        },
        indicator_table("", self_eval::INDICATORS),
    ];

    let mut calcs = vec![
        Calc { path: basic::CONTROL_RATE.0, name: "control_rate" },
        Calc { path: "basic.buildings.area_rate", name: "area_rate" },
        Calc { path: "basic.buildings.investment_rate", name: "investment_rate" },
        Calc { path: self_eval::EXEC_RATE.0, name: "exec_rate" },
        Calc { path: self_eval::EXEC_SCORE.0, name: "exec_score" },
        Calc { path: "self_eval.indicators.proposed", name: ind::PROPOSED.0 },
        Calc { path: self_eval::INDICATOR_WEIGHTS.0, name: "indicator_weights" },
        Calc { path: self_eval::INDICATOR_SCORES.0, name: "indicator_scores" },
        Calc { path: self_eval::TOTAL_WEIGHT.0, name: "total_weight" },
        Calc { path: self_eval::TOTAL_SCORE.0, name: "total_score" },
        Calc { path: self_eval::GRADE.0, name: "grade" },
        Calc { path: report::SCORE.0, name: "report_score" },
    ];
    calcs.extend(super::def::grid_calcs(&grid));

    let sign = |doc: &str| -> Vec<Item> {
        let k = match doc {
            "basic" => [basic::HEAD, basic::PREPARER, basic::PHONE, basic::FILING_DATE],
            _ => [self_eval::HEAD, self_eval::PREPARER, self_eval::PHONE, self_eval::FILING_DATE],
        };
        k.into_iter().map(Item::Field).collect()
    };
    let section = |id, doc, items| Section { id, doc, items, shown: None };
    let items = |v: &[super::def::FieldKey]| v.iter().copied().map(Item::Field).collect::<Vec<_>>();
    let mut basic_sign = vec![Item::Field(basic::SAVING_MEASURES)];
    basic_sign.extend(sign("basic"));
    let mut unit = items(&[basic::FISCAL_YEAR, basic::UNIT_NAME, basic::STAFF_QUOTA, basic::STAFF_ACTUAL]);
    unit.push(Item::Calc(basic::CONTROL_RATE));
    let mut funding =
        items(&[self_eval::UNIT_NAME, self_eval::BUDGET_INITIAL, self_eval::BUDGET_FULL, self_eval::SPENT]);
    funding.extend([Item::Calc(self_eval::EXEC_RATE), Item::Calc(self_eval::EXEC_SCORE)]);
    funding.extend(items(&[
        self_eval::EXEC_REASON,
        self_eval::INCOME_GENERAL,
        self_eval::INCOME_FUND,
        self_eval::INCOME_SPECIAL_ACCOUNT,
        self_eval::INCOME_OTHER,
        self_eval::SPEND_BASIC,
        self_eval::SPEND_PROJECT,
    ]));
    let mut s6 = vec![Item::Calc(report::SCORE)];
    s6.extend(items(&[report::PERFORMANCE]));
    let sections = vec![
        section("unit", "basic", unit),
        section("funds", "basic", vec![Item::Grid(0)]),
        section("special_funds", "basic", vec![Item::Table(sf)]),
        section("buildings", "basic", vec![Item::Table(bd)]),
        section("basic_sign", "basic", basic_sign),
        section("funding", "self_eval", funding),
        section("goals", "self_eval", items(&[self_eval::GOAL_EXPECTED, self_eval::GOAL_ACTUAL])),
        section(
            "indicators",
            "self_eval",
            vec![
                Item::Table(self_eval::INDICATORS),
                Item::Calc(self_eval::INDICATOR_WEIGHTS),
                Item::Calc(self_eval::INDICATOR_SCORES),
                Item::Calc(self_eval::TOTAL_SCORE),
                Item::Calc(self_eval::GRADE),
            ],
        ),
        section("self_eval_sign", "self_eval", sign("self_eval")),
        section("projects", "project", vec![Item::Group(keys::PROJECTS)]),
        section("report_cover", "report", items(&[report::UNIT_NAME, report::COVER_DATE])),
        section(
            "report_s1",
            "report",
            items(&[
                report::FUNCTIONS,
                report::ORGANISATION,
                report::STAFF_QUOTA,
                report::STAFF_ACTUAL,
                report::STAFF_CONTRACT,
            ]),
        ),
        section(
            "report_s2",
            "report",
            items(&[
                report::GENERAL_TOTAL,
                report::GENERAL_TEXT,
                report::BASIC_TOTAL,
                report::BASIC_WAGES,
                report::BASIC_GOODS,
                report::BASIC_HOUSEHOLDS,
                report::BASIC_CAPITAL,
                report::BASIC_TEXT,
                report::PROJECT_TOTAL,
                report::PROJECT_TEXT,
            ]),
        ),
        section(
            "report_s3_5",
            "report",
            items(&[
                report::FUND_TOTAL,
                report::FUND_TEXT,
                report::STATE_CAPITAL_TOTAL,
                report::STATE_CAPITAL_TEXT,
                report::SOCIAL_INSURANCE_TOTAL,
                report::SOCIAL_INSURANCE_TEXT,
            ]),
        ),
        section("report_s6", "report", s6),
        section(
            "report_s7_10",
            "report",
            items(&[report::PROBLEMS, report::MEASURES, report::APPLICATION, report::OTHER]),
        ),
    ];
    Form {
        id: FORM_ID,
        version: VERSION,
        locale: "",
        docs: vec!["basic", "self_eval", "project", "report"],
        fiscal_year: Some(basic::FISCAL_YEAR),
        fields,
        grids: vec![grid],
        tables,
        calcs,
        sections,
        groups: vec![Group {
            key: keys::PROJECTS,
            form: super::project::form,
            name: super::project::keys::NAME,
            summary: &[super::project::keys::funds::TOTAL_SPENT, super::project::keys::TOTAL_SCORE],
            max: MAX_PROJECTS,
        }],
        behaviour: &assist::Unit,
        index: super::def::FieldIndex::default(),
    }
}
