//! The 项目支出绩效自评表 (domain.md §5.1; the 财预〔2020〕10号 附1 layout, S12): one sheet per
//! project, filled inside the package (`projects.<n>.…`). It has its own fields, a 资金 grid
//! (年度资金总额 = 本年财政拨款 + 上年结转资金 + 其他资金), 执行率 and its score, the same
//! three-level indicator table and scoring engine as the 整体支出绩效自评表 (`form::scoring`),
//! the total, the grade and the signatures.

pub mod calc;
pub mod keys;
pub mod layout;
pub mod rules;

use std::sync::OnceLock;

use super::def::{Behaviour, Calc, Carry, Checked, Form, Grid, GridRow, Item, Kind, Section, field, grid_fields};
use super::layout::Layout;
use super::package::Package;
use super::profile::Profile;
use super::scoring::{ind, indicator_table};
use crate::i18n::Catalog;
use keys::funds;

/// The form id of a project sheet.
pub const FORM_ID: &str = "project-expenditure-self-evaluation";

/// The sub-form, built once.
#[must_use]
pub fn form() -> &'static Form {
    static FORM: OnceLock<Form> = OnceLock::new();
    FORM.get_or_init(build)
}

fn funds_grid() -> Grid {
    let input = |key| GridRow::Input { key, indent: 1 };
    Grid {
        key: funds::GRID,
        columns: &funds::COLUMNS,
        rows: vec![
            GridRow::Total { key: funds::TOTAL, indent: 0, parts: &["fiscal", "carryover", "other"], table: None },
            input("fiscal"),
            input("carryover"),
            input("other"),
        ],
    }
}

fn build() -> Form {
    use Carry::{Clear, Keep, Reference};
    use Kind::{Date, Line, LongText, Name, Phone};
    let f = |key, kind, required, carry| field("project.", key, kind, required, carry);
    let grid = funds_grid();
    let mut fields = vec![
        f(keys::NAME, Line, true, Keep),
        f(keys::DEPARTMENT, Line, true, Keep),
        f(keys::IMPLEMENTER, Line, true, Keep),
        f(keys::MANAGER, Name, true, Keep),
        f(keys::PHONE, Phone, true, Keep),
    ];
    // 本年财政拨款's 年初预算数 and 全年执行数 are required (0 allowed); the rest may be blank.
    let mut cells = grid_fields("project.", &grid, &[], |_| Clear);
    for c in &mut cells {
        c.required = c.key == funds::FISCAL[funds::INITIAL].0 || c.key == funds::FISCAL[funds::SPENT].0;
    }
    fields.extend(cells);
    fields.extend([
        f(keys::EXEC_REASON, LongText, false, Clear),
        f(keys::GOAL_EXPECTED, LongText, true, Keep),
        f(keys::GOAL_ACTUAL, LongText, true, Reference),
        f(keys::HEAD, Name, true, Keep),
        f(keys::PREPARER, Name, true, Keep),
        f(keys::FILING_DATE, Date, true, Clear),
    ]);
    let mut calcs = vec![
        Calc { path: keys::EXEC_RATE.0, name: "exec_rate" },
        Calc { path: keys::EXEC_SCORE.0, name: "exec_score" },
        Calc { path: "indicators.proposed", name: ind::PROPOSED.0 },
        Calc { path: keys::INDICATOR_WEIGHTS.0, name: "indicator_weights" },
        Calc { path: keys::INDICATOR_SCORES.0, name: "indicator_scores" },
        Calc { path: keys::TOTAL_WEIGHT.0, name: "total_weight" },
        Calc { path: keys::TOTAL_SCORE.0, name: "total_score" },
        Calc { path: keys::GRADE.0, name: "grade" },
    ];
    calcs.extend(super::def::grid_calcs(&grid));
    let section = |id, items| Section { id, doc: "project", items, shown: None };
    let items = |v: &[super::def::FieldKey]| v.iter().copied().map(Item::Field).collect::<Vec<_>>();
    let mut funding = vec![Item::Grid(0), Item::Calc(keys::EXEC_RATE), Item::Calc(keys::EXEC_SCORE)];
    funding.push(Item::Field(keys::EXEC_REASON));
    Form {
        id: FORM_ID,
        version: super::unit::VERSION,
        locale: "project.",
        docs: vec!["project"],
        fiscal_year: None,
        fields,
        grids: vec![grid],
        tables: vec![indicator_table("project.", keys::INDICATORS)],
        calcs,
        sections: vec![
            section("info", items(&[keys::NAME, keys::DEPARTMENT, keys::IMPLEMENTER, keys::MANAGER, keys::PHONE])),
            section("funding", funding),
            section("goals", items(&[keys::GOAL_EXPECTED, keys::GOAL_ACTUAL])),
            section(
                "indicators",
                vec![
                    Item::Table(keys::INDICATORS),
                    Item::Calc(keys::INDICATOR_WEIGHTS),
                    Item::Calc(keys::INDICATOR_SCORES),
                    Item::Calc(keys::TOTAL_SCORE),
                    Item::Calc(keys::GRADE),
                ],
            ),
            section("sign", items(&[keys::HEAD, keys::PREPARER, keys::FILING_DATE])),
        ],
        groups: Vec::new(),
        behaviour: &Project,
        index: super::def::FieldIndex::default(),
    }
}

/// What only the project sheet knows.
struct Project;

impl Behaviour for Project {
    fn check(&self, pkg: &Package, profile: &Profile) -> Checked {
        let fig = calc::compute(pkg, profile);
        let mut issues = Vec::new();
        rules::check(pkg, profile, &fig, &mut issues);
        Checked {
            figures: fig.cells(profile, "").into_iter().collect(),
            issues,
            scores: [(String::new(), fig.score(profile))].into_iter().collect(),
        }
    }

    fn layout(&self, pkg: &Package, profile: &Profile, cat: &Catalog) -> Layout {
        let fig = calc::compute(pkg, profile);
        Layout { docs: vec![layout::document(pkg, &fig, profile, cat, ("", 1), "")] }
    }

    fn autofill(&self, pkg: &Package, profile: &Profile, path: &str) -> Vec<super::def::Fill> {
        super::scoring::autofill(pkg, profile, keys::INDICATORS.0, path)
    }

    fn follow_up(&self, checked: &Checked, path: &str) -> Option<(String, &'static str)> {
        super::scoring::follow_up(checked, path)
    }

    fn tab_stop(&self, sheet: &Package, questioned: &dyn Fn(&str) -> bool, path: &str) -> bool {
        super::scoring::indicator_tab_stop(sheet, questioned, path).unwrap_or(true)
    }
}
