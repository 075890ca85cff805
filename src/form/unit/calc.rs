//! Every figure of the package, in one place (domain §1–§2): 控制率, the 经费 totals, the
//! 楼堂馆所 rates, 执行率 and its score, the indicator sums, the total and the grade, and each
//! project sheet's figures. Formulas shared with the project sheet (rounding, 执行率, the
//! indicator engine) live in `form::scoring`.

use rust_decimal::Decimal;

use super::keys::{PROJECTS, basic, building, funds, self_eval, special};
use crate::form::def::{Figure, Score};
use crate::form::package::Package;
use crate::form::profile::{Grade, Profile};
use crate::form::project;
use crate::form::scoring::{self, Execution, Sums, rate};

/// Every computed value of a package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figures {
    /// 控制率, percent (None = "—").
    pub control_rate: Option<Decimal>,
    /// 经费 total rows (三公经费, 公务用车, 项目支出) per column, by row key.
    pub fund_totals: Vec<(&'static str, [Decimal; 3])>,
    /// Σ 公用经费 其中 rows per column.
    pub public_parts: [Decimal; 3],
    /// 楼堂馆所 rows: (规模控制率, 投资概算控制率), percent.
    pub buildings: Vec<(Option<Decimal>, Option<Decimal>)>,
    /// 执行率 and its score.
    pub exec: Execution,
    /// The indicator table.
    pub indicators: Sums,
    /// 合计分值 = 执行 分值 + Σ 三级分值.
    pub total_weight: Decimal,
    /// 合计得分 = 执行率得分 + Σ 三级得分.
    pub total_score: Decimal,
    /// Grade of the total.
    pub grade: Option<Grade>,
    /// Each project sheet's figures.
    pub projects: Vec<project::calc::Figures>,
    /// Σ 全年执行数 of the project sheets (万元).
    pub projects_spent: Decimal,
}

impl Figures {
    /// A 经费 total row for one column (0 = 上年决算, 1 = 本年预算, 2 = 本年决算).
    #[must_use]
    pub fn fund_total(&self, row: &str, col: usize) -> Decimal {
        self.fund_totals.iter().find(|(k, _)| *k == row).map_or(Decimal::ZERO, |(_, v)| v[col])
    }
}

/// Computes every figure of `pkg` under `profile`.
#[must_use]
pub fn compute(pkg: &Package, profile: &Profile) -> Figures {
    let form = pkg.form();
    let fund_totals = scoring::grid_totals::<3>(pkg, &form.grids[0]);
    let mut public_parts = [Decimal::ZERO; 3];
    for (col, part) in public_parts.iter_mut().enumerate() {
        *part = [funds::PUBLIC_OFFICE, funds::PUBLIC_UTILITIES, funds::PUBLIC_MEETINGS]
            .iter()
            .map(|row| pkg.number0(row[col]))
            .sum();
    }
    let control_rate = match (pkg.int(basic::STAFF_ACTUAL), pkg.int(basic::STAFF_QUOTA)) {
        (Some(a), Some(q)) => rate(a.into(), q.into()),
        _ => None,
    };
    let buildings = pkg
        .rows(basic::BUILDINGS)
        .iter()
        .map(|r| {
            let pair = |a, b| match (r.number(a), r.number(b)) {
                (Some(a), Some(b)) => rate(a, b),
                _ => None,
            };
            (
                pair(building::ACTUAL_AREA, building::APPROVED_AREA),
                pair(building::ACTUAL_INVESTMENT, building::BUDGET_INVESTMENT),
            )
        })
        .collect();
    let exec = scoring::execution(
        pkg.number(self_eval::BUDGET_INITIAL),
        scoring::Given::of(pkg.cell(self_eval::BUDGET_FULL)),
        pkg.number(self_eval::SPENT),
        profile,
    );
    let mut indicators = scoring::sums(pkg.rows(self_eval::INDICATORS), profile);
    scoring::execution_row(&mut indicators, pkg.rows(self_eval::INDICATORS), &exec, profile);
    let total_weight = profile.exec_weight + indicators.weights;
    let total_score = exec.score.unwrap_or_default() + indicators.scores;
    let grade = profile.grade(total_score).cloned();
    let projects: Vec<project::calc::Figures> =
        pkg.instances(PROJECTS).iter().map(|p| project::calc::compute(p, profile.for_projects())).collect();
    let projects_spent = projects.iter().map(|p| p.spent.unwrap_or_default()).sum();
    Figures {
        control_rate,
        fund_totals,
        public_parts,
        buildings,
        exec,
        indicators,
        total_weight,
        total_score,
        grade,
        projects,
        projects_spent,
    }
}

impl Figures {
    /// Every computed cell of the package's own sheets (not the projects'), by path.
    #[must_use]
    pub fn cells(&self, profile: &Profile) -> Vec<(String, Figure)> {
        let mut out = vec![(basic::CONTROL_RATE.0.to_string(), Figure::Percent(self.control_rate))];
        for (row, vals) in &self.fund_totals {
            for (col, v) in vals.iter().enumerate() {
                out.push((funds::total(row, col).0.to_string(), Figure::Money(*v)));
            }
        }
        for (i, (a, b)) in self.buildings.iter().enumerate() {
            let at = |c: &str| format!("{}.{}.{c}", basic::BUILDINGS.0, i + 1);
            out.push((at(building::AREA_RATE.0), Figure::Percent(*a)));
            out.push((at(building::INVESTMENT_RATE.0), Figure::Percent(*b)));
        }
        out.push((self_eval::EXEC_RATE.0.to_string(), Figure::Percent(self.exec.rate)));
        out.push((self_eval::EXEC_SCORE.0.to_string(), Figure::Score(self.exec.score, Some(profile.exec_weight))));
        for (i, p) in self.indicators.proposals.iter().enumerate() {
            out.push((
                format!("{}.{}.{}", self_eval::INDICATORS.0, i + 1, scoring::ind::PROPOSED.0),
                Figure::Proposal(p.clone()),
            ));
        }
        out.push((
            self_eval::INDICATOR_WEIGHTS.0.to_string(),
            Figure::Score(Some(self.indicators.weights), Some(profile.indicator_total)),
        ));
        out.push((
            self_eval::INDICATOR_SCORES.0.to_string(),
            Figure::Score(Some(self.indicators.scores), Some(self.indicators.weights)),
        ));
        out.push((self_eval::TOTAL_WEIGHT.0.to_string(), Figure::Score(Some(self.total_weight), None)));
        out.push((
            self_eval::TOTAL_SCORE.0.to_string(),
            Figure::Score(Some(self.total_score), Some(self.total_weight)),
        ));
        out.push((self_eval::GRADE.0.to_string(), Figure::Grade(self.grade.clone())));
        out.push((
            super::keys::report::SCORE.0.to_string(),
            Figure::Score(Some(self.total_score), Some(self.total_weight)),
        ));
        out
    }
}

impl Figures {
    /// The package's running score: 预算执行 and 三级指标, the total and the grade.
    #[must_use]
    pub fn score(&self, profile: &Profile) -> Score {
        scoring::score(&self.exec, &self.indicators, (self.total_score, self.total_weight), profile)
    }
}

/// Σ of the 本级专项资金 rows that name `project`, per money column.
#[must_use]
pub fn special_funds_of(pkg: &Package, project: &str) -> Option<[Decimal; 3]> {
    let rows: Vec<_> = pkg.rows(basic::SPECIAL_FUNDS).iter().filter(|r| r.text(special::PROJECT) == project).collect();
    if rows.is_empty() {
        return None;
    }
    Some(std::array::from_fn(|c| rows.iter().filter_map(|r| r.number(special::MONEY[c])).sum()))
}
