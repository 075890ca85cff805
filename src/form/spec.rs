//! The whole package described once, as data: documents, sections, fields, grids, repeatable
//! tables and computed cells. `check`, `report`, the data file, help text and the wizard's
//! screens all read this description; adding a field here adds it everywhere.
//!
//! A field is addressed by a dotted *path*: `basic.staff_quota` for a scalar field,
//! `basic.funds.car_operation.final` for a grid cell, `self_eval.indicators.3.score` for a
//! cell of row 3 (1-based) of a repeatable table. Labels and help live in `locales/` under
//! `field.<key>` (table cells: `field.<table>.<column>`).

use std::sync::OnceLock;

/// The three documents of the package.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Doc {
    /// 基础数据表
    Basic,
    /// 整体支出绩效自评表
    SelfEval,
    /// 自评报告
    Report,
}

impl Doc {
    /// The key used in the file and in locale keys.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Basic => "basic",
            Self::SelfEval => "self_eval",
            Self::Report => "report",
        }
    }
}

/// Lists of choices a field picks from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choices {
    /// 一级指标 from the profile.
    Level1,
    /// 二级指标 from the profile, for the row's 一级.
    Level2,
    /// 指标性质: ≥ ≤ = 定性.
    Nature,
    /// 定性 tier: 达成 / 部分达成 / 未达成.
    Tier,
}

/// What a field holds; decides its parser, its editor and how it is written to the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Fiscal year, 2000–2100.
    Year,
    /// Money in 万元, 2 decimals.
    Money,
    /// Headcount.
    Integer,
    /// Area in m², 2 decimals.
    Area,
    /// 分值 / 得分, 2 decimals, 0–100.
    Score,
    /// Single-line text.
    Line,
    /// Multi-line text (textarea).
    LongText,
    /// Full date.
    Date,
    /// Phone number.
    Phone,
    /// Personal name (signature).
    Name,
    /// One of a list.
    Choice(Choices),
}

impl Kind {
    /// Whether the file writes a valid value as a bare TOML number.
    #[must_use]
    pub fn is_numeric(self) -> bool {
        matches!(self, Self::Year | Self::Money | Self::Integer | Self::Area | Self::Score)
    }

    /// The short format hint shown beside a field's label (locale key `hint.<kind>`); the
    /// full `expect` text is in F1 help and in error messages.
    #[must_use]
    pub fn hint_key(self) -> String {
        format!("hint.{}", self.expect_key().trim_start_matches("expect."))
    }

    /// The locale key of what this kind expects.
    #[must_use]
    pub fn expect_key(self) -> &'static str {
        match self {
            Self::Year => "expect.year",
            Self::Money => "expect.money",
            Self::Integer => "expect.integer",
            Self::Area => "expect.area",
            Self::Score => "expect.score",
            Self::Line => "expect.line",
            Self::LongText => "expect.long_text",
            Self::Date => "expect.date",
            Self::Phone => "expect.phone",
            Self::Name => "expect.name",
            Self::Choice(_) => "expect.choice",
        }
    }
}

/// One input field (scalar, grid cell or table column).
#[derive(Clone, Debug)]
pub struct Field {
    /// Path for scalar fields; column name for table columns.
    pub key: String,
    /// What it holds.
    pub kind: Kind,
    /// Required for a complete package (E-01).
    pub required: bool,
    /// Locale keys whose texts, joined by " · ", make the label.
    pub label: Vec<String>,
    /// Locale key of the help text.
    pub help: String,
}

/// A computed cell: never typed, never trusted from the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Calc {
    /// 控制率 = 在职 / 编制.
    ControlRate,
    /// A 经费 grid total row for one column (0 = Y-1 决算, 1 = Y 预算, 2 = Y 决算).
    FundTotal(FundTotal, usize),
    /// 执行率.
    ExecRate,
    /// 执行率得分.
    ExecScore,
    /// 规模控制率 of a 楼堂馆所 row.
    AreaRate,
    /// 投资概算控制率 of a 楼堂馆所 row.
    InvestmentRate,
    /// Rule score of an indicator row.
    Proposed,
    /// Σ indicator 分值.
    IndicatorWeights,
    /// Σ indicator 得分.
    IndicatorScores,
    /// 合计分值.
    TotalWeight,
    /// 合计得分.
    TotalScore,
    /// 等级.
    Grade,
}

/// The computed total rows of the 经费控制情况 grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FundTotal {
    /// 三公经费 = 公务用车 + 出国 + 公务接待.
    ThreePublic,
    /// 公务用车购置和维护经费 = 公车购置 + 公车运行维护.
    Car,
    /// 项目支出 = 业务经费 + 编外用工 + Σ 本级专项.
    Projects,
}

impl Calc {
    /// Locale key stem: `calc.<name>.label` and `calc.<name>.formula`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::ControlRate => "control_rate",
            Self::FundTotal(FundTotal::ThreePublic, _) => "three_public",
            Self::FundTotal(FundTotal::Car, _) => "car",
            Self::FundTotal(FundTotal::Projects, _) => "projects",
            Self::ExecRate => "exec_rate",
            Self::ExecScore => "exec_score",
            Self::AreaRate => "area_rate",
            Self::InvestmentRate => "investment_rate",
            Self::Proposed => "proposed",
            Self::IndicatorWeights => "indicator_weights",
            Self::IndicatorScores => "indicator_scores",
            Self::TotalWeight => "total_weight",
            Self::TotalScore => "total_score",
            Self::Grade => "grade",
        }
    }

    /// The key under `[stated]` that holds the value printed on a paper form, if any.
    #[must_use]
    pub fn stated_key(self) -> Option<String> {
        Some(match self {
            Self::ControlRate => "basic.control_rate".into(),
            Self::FundTotal(t, col) => {
                let row = match t {
                    FundTotal::ThreePublic => "three_public",
                    FundTotal::Car => "car",
                    FundTotal::Projects => "projects",
                };
                format!("basic.funds.{row}.{}", FUND_COLUMNS[col])
            }
            Self::ExecRate => "self_eval.exec_rate".into(),
            Self::ExecScore => "self_eval.exec_score".into(),
            Self::TotalWeight => "self_eval.total_weight".into(),
            Self::TotalScore => "self_eval.total_score".into(),
            _ => return None,
        })
    }
}

/// The three money columns of the 经费 grid and of 本级专项 rows.
pub const FUND_COLUMNS: [&str; 3] = ["prev_final", "budget", "final"];

/// One row of the 经费控制情况 grid.
#[derive(Clone, Debug)]
pub enum GridRow {
    /// A typed row: three money fields `basic.funds.<key>.<column>`.
    Input {
        /// Row key.
        key: &'static str,
        /// Indent level for display (其中 rows).
        indent: u8,
    },
    /// A computed total row.
    Total(FundTotal),
    /// The 本级专项 rows (from the `basic.special_funds` table), shown in place.
    SpecialFunds,
}

/// The rows of the 经费控制情况 grid, in the order of the printed form.
pub const FUND_ROWS: &[GridRow] = &[
    GridRow::Total(FundTotal::ThreePublic),
    GridRow::Total(FundTotal::Car),
    GridRow::Input { key: "car_purchase", indent: 2 },
    GridRow::Input { key: "car_operation", indent: 2 },
    GridRow::Input { key: "abroad", indent: 1 },
    GridRow::Input { key: "reception", indent: 1 },
    GridRow::Total(FundTotal::Projects),
    GridRow::Input { key: "project_business", indent: 1 },
    GridRow::Input { key: "project_contract_staff", indent: 1 },
    GridRow::SpecialFunds,
    GridRow::Input { key: "public_funds", indent: 0 },
    GridRow::Input { key: "public_office", indent: 2 },
    GridRow::Input { key: "public_utilities", indent: 2 },
    GridRow::Input { key: "public_meetings", indent: 2 },
    GridRow::Input { key: "procurement", indent: 0 },
    GridRow::Input { key: "budget_adjustment", indent: 0 },
];

/// A repeatable table (rows added and removed by the user).
#[derive(Clone, Debug)]
pub struct Table {
    /// Path of the table: `basic.special_funds`.
    pub key: &'static str,
    /// Its columns; `Field::key` is the column name.
    pub columns: Vec<Field>,
    /// Computed columns shown beside the typed ones.
    pub computed: Vec<Calc>,
}

impl Table {
    /// The column named `col`.
    #[must_use]
    pub fn column(&self, col: &str) -> Option<&Field> {
        self.columns.iter().find(|f| f.key == col)
    }
}

/// What a section screen shows, in order.
#[derive(Clone, Debug)]
pub enum Item {
    /// A scalar field (index into [`Spec::fields`]).
    Field(usize),
    /// A computed value.
    Calc(Calc),
    /// The 经费 grid.
    FundGrid,
    /// A repeatable table (index into [`Spec::tables`]).
    Table(usize),
}

/// One wizard screen / one block of a document.
#[derive(Clone, Debug)]
pub struct Section {
    /// Stable id, used by `--section` and in locale keys `section.<id>`.
    pub id: &'static str,
    /// The document it belongs to.
    pub doc: Doc,
    /// What it shows.
    pub items: Vec<Item>,
}

/// The whole form.
#[derive(Debug)]
pub struct Spec {
    /// Every scalar field (including grid cells), in form order.
    pub fields: Vec<Field>,
    /// The repeatable tables.
    pub tables: Vec<Table>,
    /// The sections, in wizard order.
    pub sections: Vec<Section>,
}

/// Name of the form written in every data file.
pub const FORM_ID: &str = "unit-overall-expenditure-self-evaluation";
/// Version of the data file format this build writes and reads.
pub const FORMAT_VERSION: i64 = 1;

/// The form description, built once.
#[must_use]
pub fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(build)
}

fn field(key: &str, kind: Kind, required: bool) -> Field {
    Field { key: key.to_string(), kind, required, label: vec![format!("field.{key}")], help: format!("help.{key}") }
}

fn column(table: &str, col: &str, kind: Kind, required: bool) -> Field {
    Field {
        key: col.to_string(),
        kind,
        required,
        label: vec![format!("field.{table}.{col}")],
        help: format!("help.{table}.{col}"),
    }
}

#[allow(clippy::too_many_lines)]
fn build() -> Spec {
    use Kind::{Area, Choice, Date, Integer, Line, LongText, Money, Name, Phone, Score, Year};
    let mut fields = Vec::new();
    let mut sections = Vec::new();
    let add = |fields: &mut Vec<Field>, f: Field| {
        fields.push(f);
        Item::Field(fields.len() - 1)
    };

    // ── 基础数据表 ──
    let unit = vec![
        add(&mut fields, field("basic.fiscal_year", Year, true)),
        add(&mut fields, field("basic.unit_name", Line, true)),
        add(&mut fields, field("basic.staff_quota", Integer, true)),
        add(&mut fields, field("basic.staff_actual", Integer, true)),
        Item::Calc(Calc::ControlRate),
    ];
    sections.push(Section { id: "unit", doc: Doc::Basic, items: unit });

    for row in FUND_ROWS {
        if let GridRow::Input { key, .. } = row {
            for col in FUND_COLUMNS {
                let required = *key == "public_funds";
                fields.push(Field {
                    key: format!("basic.funds.{key}.{col}"),
                    kind: Money,
                    required,
                    label: vec![format!("field.basic.funds.{key}"), format!("column.{col}")],
                    help: format!("help.basic.funds.{key}"),
                });
            }
        }
    }
    sections.push(Section { id: "funds", doc: Doc::Basic, items: vec![Item::FundGrid] });

    let tables = vec![
        Table {
            key: "basic.special_funds",
            columns: vec![
                column("basic.special_funds", "name", Line, true),
                column("basic.special_funds", "prev_final", Money, false),
                column("basic.special_funds", "budget", Money, false),
                column("basic.special_funds", "final", Money, false),
            ],
            computed: vec![],
        },
        Table {
            key: "basic.buildings",
            columns: vec![
                column("basic.buildings", "name", Line, false),
                column("basic.buildings", "approved_area", Area, true),
                column("basic.buildings", "actual_area", Area, true),
                column("basic.buildings", "budget_investment", Money, true),
                column("basic.buildings", "actual_investment", Money, true),
            ],
            computed: vec![Calc::AreaRate, Calc::InvestmentRate],
        },
        Table {
            key: "self_eval.indicators",
            columns: vec![
                column("self_eval.indicators", "level1", Choice(Choices::Level1), true),
                column("self_eval.indicators", "level2", Choice(Choices::Level2), true),
                column("self_eval.indicators", "name", Line, true),
                column("self_eval.indicators", "nature", Choice(Choices::Nature), true),
                column("self_eval.indicators", "unit", Line, false),
                column("self_eval.indicators", "target", Line, true),
                column("self_eval.indicators", "actual", Line, true),
                column("self_eval.indicators", "tier", Choice(Choices::Tier), false),
                column("self_eval.indicators", "weight", Score, true),
                column("self_eval.indicators", "score", Score, true),
                column("self_eval.indicators", "reason", LongText, false),
            ],
            computed: vec![Calc::Proposed],
        },
    ];
    sections.push(Section { id: "special_funds", doc: Doc::Basic, items: vec![Item::Table(0)] });
    sections.push(Section { id: "buildings", doc: Doc::Basic, items: vec![Item::Table(1)] });

    let sign = |fields: &mut Vec<Field>, doc: &str| {
        vec![
            add(fields, field(&format!("{doc}.head"), Name, true)),
            add(fields, field(&format!("{doc}.preparer"), Name, true)),
            add(fields, field(&format!("{doc}.phone"), Phone, true)),
            add(fields, field(&format!("{doc}.filing_date"), Date, true)),
        ]
    };
    let mut basic_sign = vec![add(&mut fields, field("basic.saving_measures", LongText, true))];
    basic_sign.extend(sign(&mut fields, "basic"));
    sections.push(Section { id: "basic_sign", doc: Doc::Basic, items: basic_sign });

    // ── 整体支出绩效自评表 ──
    let funding = vec![
        add(&mut fields, field("self_eval.unit_name", Line, true)),
        add(&mut fields, field("self_eval.budget_initial", Money, true)),
        add(&mut fields, field("self_eval.budget_full", Money, false)),
        add(&mut fields, field("self_eval.spent", Money, true)),
        Item::Calc(Calc::ExecRate),
        Item::Calc(Calc::ExecScore),
        add(&mut fields, field("self_eval.exec_reason", LongText, false)),
        add(&mut fields, field("self_eval.income_general", Money, true)),
        add(&mut fields, field("self_eval.income_fund", Money, true)),
        add(&mut fields, field("self_eval.income_special_account", Money, true)),
        add(&mut fields, field("self_eval.income_other", Money, true)),
        add(&mut fields, field("self_eval.spend_basic", Money, true)),
        add(&mut fields, field("self_eval.spend_project", Money, true)),
    ];
    sections.push(Section { id: "funding", doc: Doc::SelfEval, items: funding });
    let goals = vec![
        add(&mut fields, field("self_eval.goal_expected", LongText, true)),
        add(&mut fields, field("self_eval.goal_actual", LongText, true)),
    ];
    sections.push(Section { id: "goals", doc: Doc::SelfEval, items: goals });
    sections.push(Section {
        id: "indicators",
        doc: Doc::SelfEval,
        items: vec![
            Item::Table(2),
            Item::Calc(Calc::IndicatorWeights),
            Item::Calc(Calc::IndicatorScores),
            Item::Calc(Calc::TotalScore),
            Item::Calc(Calc::Grade),
        ],
    });
    let se_sign = sign(&mut fields, "self_eval");
    sections.push(Section { id: "self_eval_sign", doc: Doc::SelfEval, items: se_sign });

    // ── 自评报告 ──
    let cover = vec![
        add(&mut fields, field("report.unit_name", Line, true)),
        add(&mut fields, field("report.cover_date", Date, true)),
    ];
    sections.push(Section { id: "report_cover", doc: Doc::Report, items: cover });
    let s1 = vec![
        add(&mut fields, field("report.functions", LongText, true)),
        add(&mut fields, field("report.organisation", LongText, true)),
        add(&mut fields, field("report.staff_quota", Integer, true)),
        add(&mut fields, field("report.staff_actual", Integer, true)),
        add(&mut fields, field("report.staff_contract", Integer, false)),
    ];
    sections.push(Section { id: "report_s1", doc: Doc::Report, items: s1 });
    let s2 = vec![
        add(&mut fields, field("report.general_total", Money, true)),
        add(&mut fields, field("report.general_text", LongText, false)),
        add(&mut fields, field("report.basic_total", Money, true)),
        add(&mut fields, field("report.basic_wages", Money, true)),
        add(&mut fields, field("report.basic_goods", Money, true)),
        add(&mut fields, field("report.basic_households", Money, true)),
        add(&mut fields, field("report.basic_capital", Money, true)),
        add(&mut fields, field("report.basic_text", LongText, false)),
        add(&mut fields, field("report.project_total", Money, true)),
        add(&mut fields, field("report.project_text", LongText, false)),
    ];
    sections.push(Section { id: "report_s2", doc: Doc::Report, items: s2 });
    let s3 = vec![
        add(&mut fields, field("report.fund_total", Money, true)),
        add(&mut fields, field("report.fund_text", LongText, false)),
        add(&mut fields, field("report.state_capital_total", Money, true)),
        add(&mut fields, field("report.state_capital_text", LongText, false)),
        add(&mut fields, field("report.social_insurance_total", Money, true)),
        add(&mut fields, field("report.social_insurance_text", LongText, false)),
    ];
    sections.push(Section { id: "report_s3_5", doc: Doc::Report, items: s3 });
    let s6 = vec![
        add(&mut fields, field("report.score", Score, true)),
        add(&mut fields, field("report.performance", LongText, true)),
    ];
    sections.push(Section { id: "report_s6", doc: Doc::Report, items: s6 });
    let s7 = vec![
        add(&mut fields, field("report.problems", LongText, true)),
        add(&mut fields, field("report.measures", LongText, true)),
        add(&mut fields, field("report.application", LongText, true)),
        add(&mut fields, field("report.other", LongText, false)),
    ];
    sections.push(Section { id: "report_s7_10", doc: Doc::Report, items: s7 });

    Spec { fields, tables, sections }
}

impl Spec {
    /// The scalar field with this path.
    #[must_use]
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The table with this path.
    #[must_use]
    pub fn table(&self, key: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.key == key)
    }

    /// The section with this id.
    #[must_use]
    pub fn section(&self, id: &str) -> Option<(usize, &Section)> {
        self.sections.iter().enumerate().find(|(_, s)| s.id == id)
    }

    /// Resolves any path (scalar, grid cell or table cell) to its field description.
    #[must_use]
    pub fn resolve(&self, path: &str) -> Option<&Field> {
        if let Some(f) = self.field(path) {
            return Some(f);
        }
        let (table, row, col) = split_cell(path)?;
        let _ = row;
        self.table(table)?.column(col)
    }

    /// The index of the section that holds `path` (a field, a table cell or a table).
    #[must_use]
    pub fn section_of(&self, path: &str) -> Option<usize> {
        let table_key = split_cell(path).map_or(path, |(t, _, _)| t);
        self.sections.iter().position(|s| {
            s.items.iter().any(|item| match item {
                Item::Field(i) => self.fields[*i].key == path,
                Item::Table(t) => self.tables[*t].key == table_key,
                Item::FundGrid => path.starts_with("basic.funds."),
                Item::Calc(_) => false,
            })
        })
    }
}

/// Splits a table-cell path `basic.buildings.2.name` into (`basic.buildings`, 2, `name`).
#[must_use]
pub fn split_cell(path: &str) -> Option<(&str, usize, &str)> {
    let (rest, col) = path.rsplit_once('.')?;
    let (table, row) = rest.rsplit_once('.')?;
    let row: usize = row.parse().ok()?;
    Some((table, row, col))
}

/// Builds a table-cell path (row is 1-based).
#[must_use]
pub fn cell_path(table: &str, row: usize, col: &str) -> String {
    format!("{table}.{row}.{col}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_sections_cover_every_field() {
        let s = spec();
        let mut keys: Vec<&str> = s.fields.iter().map(|f| f.key.as_str()).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "duplicate field keys");
        for f in &s.fields {
            assert!(s.section_of(&f.key).is_some(), "{} has no section", f.key);
        }
        assert_eq!(s.section_of("self_eval.indicators.3.score").map(|i| s.sections[i].id), Some("indicators"));
        assert_eq!(split_cell("basic.buildings.2.name"), Some(("basic.buildings", 2, "name")));
        assert!(s.resolve("self_eval.indicators.1.weight").is_some());
    }
}
