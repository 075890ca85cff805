//! A project sheet's figures: 年度资金总额 per column, 执行率 and its score (domain §2.2, on
//! the total row), the indicator sums, the total and the grade.

use rust_decimal::Decimal;

use super::keys::{self, funds};
use crate::form::def::{Figure, Score};
use crate::form::package::Package;
use crate::form::profile::{Grade, Profile};
use crate::form::scoring::{self, Execution, Sums};

/// Every computed value of one project sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figures {
    /// 年度资金总额 per column (年初预算数, 全年预算数, 全年执行数).
    pub totals: [Decimal; 3],
    /// Σ 全年执行数, when any 全年执行数 cell is filled and valid.
    pub spent: Option<Decimal>,
    /// 执行率 and its score.
    pub exec: Execution,
    /// The indicator table.
    pub indicators: Sums,
    /// 合计分值 = 执行 分值 + Σ 三级分值.
    pub total_weight: Decimal,
    /// 总分 = 执行率得分 + Σ 三级得分.
    pub total_score: Decimal,
    /// Grade of the total.
    pub grade: Option<Grade>,
}

/// The column total when any cell of the column is filled and valid.
fn column(pkg: &Package, col: usize) -> Option<Decimal> {
    let vals: Vec<Decimal> = funds::ALL.iter().filter_map(|row| pkg.number(row[col])).collect();
    (!vals.is_empty()).then(|| vals.iter().sum())
}

/// Computes one sheet.
#[must_use]
pub fn compute(pkg: &Package, profile: &Profile) -> Figures {
    let totals = scoring::grid_totals::<3>(pkg, &pkg.form().grids[0])
        .into_iter()
        .find(|(k, _)| *k == funds::TOTAL)
        .map_or([Decimal::ZERO; 3], |(_, v)| v);
    let spent = column(pkg, funds::SPENT);
    // A 全年预算数 cell that does not read leaves no base (its E-02 says why).
    let full_invalid = funds::ALL.iter().any(|row| pkg.cell(row[funds::FULL]).is_some_and(|c| c.number().is_none()));
    let full = match (full_invalid, column(pkg, funds::FULL)) {
        (true, _) => scoring::Given::Invalid,
        (false, Some(d)) => scoring::Given::Amount(d),
        (false, None) => scoring::Given::Blank,
    };
    let exec = scoring::execution(column(pkg, funds::INITIAL), full, spent, profile);
    let mut indicators = scoring::sums(pkg.rows(keys::INDICATORS), profile);
    scoring::execution_row(&mut indicators, pkg.rows(keys::INDICATORS), &exec, profile);
    let total_weight = profile.exec_weight + indicators.weights;
    let total_score = exec.score.unwrap_or_default() + indicators.scores;
    let grade = profile.grade(total_score).cloned();
    Figures { totals, spent, exec, indicators, total_weight, total_score, grade }
}

impl Figures {
    /// Every computed cell of the sheet, with its path under `prefix` (`projects.2.`).
    #[must_use]
    pub fn cells(&self, profile: &Profile, prefix: &str) -> Vec<(String, Figure)> {
        let at = |p: &str| format!("{prefix}{p}");
        let mut out: Vec<(String, Figure)> =
            funds::TOTALS.iter().zip(self.totals).map(|(k, v)| (at(k.0), Figure::Money(v))).collect();
        out.push((at(keys::EXEC_RATE.0), Figure::Percent(self.exec.rate)));
        out.push((at(keys::EXEC_SCORE.0), Figure::Score(self.exec.score, Some(profile.exec_weight))));
        for (i, p) in self.indicators.proposals.iter().enumerate() {
            let path = format!("{}.{}.{}", keys::INDICATORS.0, i + 1, scoring::ind::PROPOSED.0);
            out.push((at(&path), Figure::Proposal(p.clone())));
        }
        out.push((
            at(keys::INDICATOR_WEIGHTS.0),
            Figure::Score(Some(self.indicators.weights), Some(profile.indicator_total)),
        ));
        out.push((
            at(keys::INDICATOR_SCORES.0),
            Figure::Score(Some(self.indicators.scores), Some(self.indicators.weights)),
        ));
        out.push((at(keys::TOTAL_WEIGHT.0), Figure::Score(Some(self.total_weight), None)));
        out.push((at(keys::TOTAL_SCORE.0), Figure::Score(Some(self.total_score), Some(self.total_weight))));
        out.push((at(keys::GRADE.0), Figure::Grade(self.grade.clone())));
        out
    }

    /// The sheet's running score.
    #[must_use]
    pub fn score(&self, profile: &Profile) -> Score {
        scoring::score(&self.exec, &self.indicators, (self.total_score, self.total_weight), profile)
    }
}
