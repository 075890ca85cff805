//! The arithmetic every form shares, in one place: the one rounding rule (half away from
//! zero, 四舍五入, to 2 decimals, applied to each shown value; totals are sums of rounded
//! scores), rates, 执行率 and its score (domain §2.2), and the three-level indicator table —
//! its columns, each row's rule score (§2.3), the sums per 一级, and its checks (E-12 … E-16,
//! W-05 … W-08). The 整体支出绩效自评表 and every 项目支出绩效自评表 use the same table and
//! the same engine. How a target is read is in `target.rs`, 执行率 and its checks in
//! `execution.rs`; both are re-exported here.

use rust_decimal::{Decimal, RoundingStrategy};

use super::def::{
    CalcColumn, CalcKey, Carry, Choices, ColKey, Column, Grid, GridRow, Kind, Table, TableKey, cell_path, column,
};
use super::input;
use super::issue::Issue;
use super::layout::{At, Expr};
use super::package::{Cell, Package, Row};
use super::profile::{EqualRule, Profile};

mod execution;
mod target;
pub use execution::*;
pub use target::*;

/// Rounds to 2 decimals, half away from zero.
#[must_use]
pub fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Formats with exactly 2 decimals, after [`round2`]: `100` → `100.00`.
#[must_use]
pub fn fixed2(d: Decimal) -> String {
    let mut r = round2(d);
    r.rescale(2);
    r.to_string()
}

/// `num / den × 100`, rounded to 2 decimals; `None` ("—") when `den` is 0.
#[must_use]
pub fn rate(num: Decimal, den: Decimal) -> Option<Decimal> {
    if den.is_zero() {
        return None;
    }
    num.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(den).map(round2)
}

/// [`rate`] as a spreadsheet formula: `num ÷ den` as a fraction, rounded as the rate is
/// (4 decimals of a fraction are 2 of a percentage).
#[must_use]
pub fn rate_formula(num: At, den: At) -> Expr {
    Expr::round(Expr::quotient(Expr::Cell(num), Expr::Cell(den)), 4)
}

/// How an indicator row stands against its target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Target met.
    Met,
    /// Target missed.
    Missed,
    /// Met, but actual / target is above the over-achievement threshold (W-06).
    Over(Decimal),
    /// Qualitative, with the tier index (0 = 达成).
    Tier(usize),
    /// Cannot be scored yet: what is missing (locale key suffix).
    Unscorable(&'static str),
}

impl Outcome {
    /// Whether the target was missed (E-16 asks for a reason).
    #[must_use]
    pub fn missed(&self) -> bool {
        matches!(self, Self::Missed | Self::Over(_)) || matches!(self, Self::Tier(i) if *i > 0)
    }
}

/// The rule score of one indicator row and its outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    /// Rule score, when the rule gives one (tiers 2 and 3 leave it to the user).
    pub score: Option<Decimal>,
    /// How the row stands.
    pub outcome: Outcome,
    /// For tiers: the allowed score band `[min, max]`.
    pub band: Option<(Decimal, Decimal)>,
}

/// Scores one indicator row by domain §2.3.
#[must_use]
pub fn propose(row: &Row, profile: &Profile) -> Proposal {
    let unscorable = |why| Proposal { score: None, outcome: Outcome::Unscorable(why), band: None };
    let Some(weight) = row.number(ind::WEIGHT).filter(|w| !w.is_zero()) else {
        return unscorable("weight");
    };
    let Some(nature) = Nature::parse(row.text(ind::NATURE)) else {
        return unscorable("nature");
    };
    if nature == Nature::Qualitative {
        let Some((idx, tier)) = profile.tier(row.text(ind::TIER)) else {
            // Scored by the unit against the 评分标准 written as its target.
            return unscorable(if profile.criteria { "criteria" } else { "tier" });
        };
        let lo = round2(weight * tier.min / Decimal::ONE_HUNDRED);
        let hi = round2(weight * tier.max / Decimal::ONE_HUNDRED);
        let band = if idx == 0 { (lo, hi) } else { (lo, hi - Decimal::new(1, 2)) };
        let score = (idx == 0).then_some(weight);
        return Proposal { score, outcome: Outcome::Tier(idx), band: Some(band) };
    }
    let (Some(a), Some(b)) = (quantity(row.text(ind::TARGET)), quantity(row.text(ind::ACTUAL))) else {
        return unscorable("values");
    };
    if !a.unit.is_empty() && !b.unit.is_empty() && a.unit != b.unit {
        return unscorable("units");
    }
    let (a, b) = (a.value, b.value);
    let full = Proposal { score: Some(weight), outcome: Outcome::Met, band: None };
    let part = |ratio: Decimal| Proposal { score: Some(round2(ratio * weight)), outcome: Outcome::Missed, band: None };
    match nature {
        Nature::Ge if b >= a || a.is_zero() => {
            if !a.is_zero() && b / a > profile.over_achievement {
                return Proposal {
                    score: Some(bonus(b / a, weight, profile)),
                    outcome: Outcome::Over(round2(b / a * Decimal::ONE_HUNDRED)),
                    band: None,
                };
            }
            if !a.is_zero() && b > a {
                return Proposal { score: Some(bonus(b / a, weight, profile)), ..full };
            }
            full
        }
        Nature::Ge => part(b / a),
        Nature::Le if b <= a => full,
        Nature::Le if a.is_zero() => part(Decimal::ZERO),
        Nature::Le => part(a / b),
        Nature::Eq if a == b => full,
        Nature::Eq => match profile.equal_rule {
            EqualRule::Binary => part(Decimal::ZERO),
            EqualRule::Proportional => part(a.min(b) / a.max(b)),
        },
        Nature::Qualitative => unscorable("tier"),
    }
}

/// Whether Tab stops at a cell of an indicator table (`Behaviour::tab_stop`, issue 13):
/// 指标性质 only once the target is there and the nature is missing or questioned (the target
/// sets it); 计量单位 not on 定性 rows, nor when the target carries its own unit (`190件`);
/// 定性评价档次 only on 定性 rows; 偏差原因 only when called for (得分 below 分值, a text
/// already there, or an issue). Every other cell, and any cell with a value the check
/// questions, is a stop. `None` when `path` is not a cell of an indicator table of `sheet`.
#[must_use]
pub fn indicator_tab_stop(sheet: &Package, questioned: &dyn Fn(&str) -> bool, path: &str) -> Option<bool> {
    let (table, row, col) = super::def::split_cell(path)?;
    let def = sheet.table_def(table)?;
    // An indicator table (`indicator_table`) is the one with a 指标性质 column.
    def.column(ind::NATURE.0)?;
    let r = sheet.rows_at(table).get(row - 1)?;
    let asked = questioned(path);
    let nature = Nature::parse(r.text(ind::NATURE));
    let qualitative = nature == Some(Nature::Qualitative);
    let has = |c: ColKey| !r.text(c).is_empty();
    Some(match col {
        c if c == ind::NATURE.0 => has(ind::TARGET) && (nature.is_none() || asked),
        c if c == ind::UNIT.0 => {
            has(ind::UNIT)
                || asked
                || !(qualitative || quantity(r.text(ind::TARGET)).is_some_and(|q| !q.unit.is_empty()))
        }
        c if c == ind::TIER.0 => qualitative || asked,
        c if c == ind::REASON.0 => {
            has(ind::REASON)
                || asked
                || matches!((r.number(ind::SCORE), r.number(ind::WEIGHT)), (Some(s), Some(w)) if s < w)
        }
        _ => true,
    })
}

/// The score of a ≥ row above its target: 分值, or with a bonus up to the profile's
/// `bonus_cap` percent of 分值, in proportion to actual ÷ target.
fn bonus(ratio: Decimal, weight: Decimal, profile: &Profile) -> Decimal {
    if profile.bonus_cap <= Decimal::ONE_HUNDRED {
        return weight;
    }
    round2(ratio.min(profile.bonus_cap / Decimal::ONE_HUNDRED) * weight)
}

/// The most a row of 分值 `weight` may score: 分值, or with the profile's bonus (E-13).
#[must_use]
pub fn max_score(weight: Decimal, profile: &Profile) -> Decimal {
    weight * profile.bonus_cap.max(Decimal::ONE_HUNDRED) / Decimal::ONE_HUNDRED
}

/// Columns of the three-level indicator table (绩效指标), shared by every form that has one.
pub mod ind {
    use super::ColKey;

    /// 一级指标.
    pub const LEVEL1: ColKey = ColKey("level1");
    /// 二级指标.
    pub const LEVEL2: ColKey = ColKey("level2");
    /// 三级指标.
    pub const NAME: ColKey = ColKey("name");
    /// 指标性质 (≥ ≤ = 定性).
    pub const NATURE: ColKey = ColKey("nature");
    /// 计量单位.
    pub const UNIT: ColKey = ColKey("unit");
    /// 年度指标值.
    pub const TARGET: ColKey = ColKey("target");
    /// 实际完成值.
    pub const ACTUAL: ColKey = ColKey("actual");
    /// 定性评价档次.
    pub const TIER: ColKey = ColKey("tier");
    /// 分值.
    pub const WEIGHT: ColKey = ColKey("weight");
    /// 得分.
    pub const SCORE: ColKey = ColKey("score");
    /// 偏差原因分析及改进措施.
    pub const REASON: ColKey = ColKey("reason");
    /// The computed column: the rule score (建议得分).
    pub const PROPOSED: super::CalcKey = super::CalcKey("proposed");
    /// Every column, in screen order.
    pub const ALL: [ColKey; 11] = [LEVEL1, LEVEL2, NAME, NATURE, UNIT, TARGET, ACTUAL, TIER, WEIGHT, SCORE, REASON];
}

/// Most rows accepted in one table.
pub const MAX_ROWS: usize = 1000;

/// The indicator table of a form: `key` is its path, `locale` the form's locale prefix.
#[must_use]
pub fn indicator_table(locale: &str, key: TableKey) -> Table {
    use Carry::{Clear, Keep};
    // One set of short labels for every indicator table (`short.indicators.<col>`).
    let col = |c: ColKey, kind, required, width, carry| Column {
        short: format!("short.indicators.{}", c.0),
        ..column(locale, key, c, kind, required, width, carry)
    };
    Table {
        key: key.0,
        columns: vec![
            col(ind::LEVEL1, Kind::Choice(Choices::Level1), true, (4, 1), Keep),
            col(ind::LEVEL2, Kind::Choice(Choices::Level2(ind::LEVEL1)), true, (6, 1), Keep),
            col(ind::NAME, Kind::Line, true, (8, 4), Keep),
            col(ind::NATURE, Kind::Choice(Choices::Nature), true, (4, 0), Keep),
            col(ind::TARGET, Kind::Line, true, (6, 1), Keep),
            col(ind::UNIT, Kind::Line, false, (4, 0), Keep),
            col(ind::ACTUAL, Kind::Line, true, (6, 1), Clear),
            col(ind::TIER, Kind::Choice(Choices::Tier), false, (4, 0), Clear),
            col(ind::WEIGHT, Kind::Score, true, (5, 0), Keep),
            col(ind::SCORE, Kind::Score, true, (5, 0), Clear),
            col(ind::REASON, Kind::LongText, false, (4, 2), Clear),
        ],
        computed: vec![CalcColumn { key: ind::PROPOSED, width: (5, 0), after: Some(ind::SCORE) }],
        copy_down: vec![ind::LEVEL1, ind::LEVEL2],
        max_rows: MAX_ROWS,
    }
}

/// Indicator conveniences after a value is committed at `path` (in the indicator table
/// `table` of `pkg`'s form): the 指标性质 inferred from the target (and the first tier for a
/// 定性 row), and the rule score proposed while 得分 is empty.
#[must_use]
pub fn autofill(pkg: &super::package::Package, profile: &Profile, table: &str, path: &str) -> Vec<super::def::Fill> {
    let Some((t, row, col)) = super::def::split_cell(path) else { return Vec::new() };
    let (Some(def), Some(r)) = (pkg.table_def(t), pkg.rows_at(t).get(row - 1)) else { return Vec::new() };
    if t != table {
        return Vec::new();
    }
    let kind = |c: ColKey| def.column(c.0).map_or(Kind::Line, |c| c.kind);
    let mut r = r.clone();
    let mut out = Vec::new();
    let mut fill = |r: &mut Row, c: ColKey, v: String| {
        r.set(c.0, kind(c), &v);
        out.push((cell_path(t, row, c.0), v));
    };
    if col == ind::TARGET.0 && r.text(ind::NATURE).is_empty() {
        let n = infer_nature(r.text(ind::TARGET));
        fill(&mut r, ind::NATURE, n.symbol().to_string());
        if n == Nature::Qualitative && r.text(ind::TIER).is_empty() {
            if let Some(first) = profile.tiers.first() {
                fill(&mut r, ind::TIER, first.name.clone());
            }
        }
    }
    let inputs = [ind::TARGET, ind::ACTUAL, ind::WEIGHT, ind::NATURE, ind::TIER];
    if r.text(ind::SCORE).is_empty() && inputs.iter().any(|c| c.0 == col) {
        if let Some(score) = propose(&r, profile).score {
            fill(&mut r, ind::SCORE, fixed2(score));
        }
    }
    out
}

/// Whether the 指标性质 the form filled from the target `target` (`autofill`) is only assumed:
/// a bare number (`190件`) or one whose direction cannot be read (`约98%`) suggests ≥ without
/// saying it (domain I-18), so the user is asked to confirm it. A stated direction (`≤5%`,
/// `不低于95%`) or a qualitative target is not assumed.
#[must_use]
pub fn nature_assumed(target: &str) -> bool {
    matches!(direction(target), Direction::Bare | Direction::Unclear)
}

/// After `target` was committed as the 年度指标值 at `path` (a cell of an indicator table of
/// `sheet`): when the direction the target states contradicts the row's 指标性质 (`≤100件` on
/// a ≥ row, `≥95%` on a 定性 one), the 指标性质's path, the 指标性质 as written and the nature
/// the target states. `None` for any other cell, a target stating no direction, or a row whose
/// 指标性质 is empty.
#[must_use]
pub fn nature_conflict(sheet: &Package, path: &str, target: &str) -> Option<(String, String, Nature)> {
    let (table, row, col) = super::def::split_cell(path)?;
    if col != ind::TARGET.0 || sheet.table_def(table)?.column(ind::NATURE.0).is_none() {
        return None;
    }
    let np = cell_path(table, row, ind::NATURE.0);
    let nature = sheet.text_at(&np).to_string();
    match direction(target) {
        Direction::Stated(d) if !nature.is_empty() && Nature::parse(&nature) != Some(d) => Some((np, nature, d)),
        _ => None,
    }
}

/// After the user leaves an indicator's 得分 below the rule score: the reason cell of the same
/// row, while E-16 asks for it.
#[must_use]
pub fn follow_up(checked: &super::def::Checked, path: &str) -> Option<(String, &'static str)> {
    let (t, row, col) = super::def::split_cell(path)?;
    if col != ind::SCORE.0 {
        return None;
    }
    let reason = cell_path(t, row, ind::REASON.0);
    checked.issues.iter().any(|i| i.rule == "E-16" && i.path == reason).then_some((reason, "note.give_reason"))
}

/// Σ 分值 and Σ 得分 of one 一级.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LevelSum {
    /// 一级 name.
    pub name: String,
    /// Σ 分值.
    pub weight: Decimal,
    /// Σ 得分.
    pub score: Decimal,
}

/// What an indicator table adds up to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sums {
    /// Each row's rule score and outcome.
    pub proposals: Vec<Proposal>,
    /// Per 一级 sums, in profile order, then any unknown 一级.
    pub levels: Vec<LevelSum>,
    /// Σ 三级分值.
    pub weights: Decimal,
    /// Σ 三级得分 (as entered).
    pub scores: Decimal,
    /// Whether every row has its 分值 and 得分.
    pub complete: bool,
}

/// W-05 on a quantitative row whose rule score cannot be trusted: the target's direction
/// cannot be read or contradicts the 指标性质, or target and actual cannot be compared.
fn target_direction(row: &Row, prop: &Proposal, path: &str, out: &mut Vec<Issue>) {
    let Some(nature) = Nature::parse(row.text(ind::NATURE)).filter(|n| *n != Nature::Qualitative) else { return };
    let target = row.text(ind::TARGET);
    let value = crate::text::visible(target, false);
    match direction(target) {
        Direction::Unclear => out.push(Issue::new("W-05", "direction", path).arg("value", &value)),
        Direction::Stated(d) if d != nature => out.push(
            Issue::new("W-05", "conflict", path)
                .arg("value", &value)
                .arg("stated", d.symbol())
                .arg("nature", nature.symbol()),
        ),
        _ => {}
    }
    if let Outcome::Unscorable(why @ ("values" | "units")) = prop.outcome {
        let actual = row.text(ind::ACTUAL);
        if !target.trim().is_empty() && !actual.trim().is_empty() {
            out.push(
                Issue::new("W-05", why, path).arg("target", value).arg("actual", crate::text::visible(actual, false)),
            );
        }
    }
}

/// Execution scored inside the indicator table (the profile's `exec_row`): the rule score of
/// the row of that name is min(执行率, cap) × its 分值.
pub fn execution_row(sums: &mut Sums, rows: &[Row], exec: &Execution, profile: &Profile) {
    let Some(name) = profile.exec_row.as_deref() else { return };
    for (row, prop) in rows.iter().zip(sums.proposals.iter_mut()) {
        if row.text(ind::NAME).trim() != name {
            continue;
        }
        let (Some(w), Some(r)) = (row.number(ind::WEIGHT), exec.rate) else {
            *prop = Proposal { score: None, outcome: Outcome::Unscorable("exec_rate"), band: None };
            continue;
        };
        let score = round2(r.min(profile.exec_cap) * w / Decimal::ONE_HUNDRED);
        let outcome = if score < w { Outcome::Missed } else { Outcome::Met };
        *prop = Proposal { score: Some(score), outcome, band: None };
    }
}

/// The running score of a sheet: 预算执行 and 三级指标, the total and the grade.
#[must_use]
pub fn score(
    exec: &Execution,
    sums: &Sums,
    (total, weight): (Decimal, Decimal),
    profile: &Profile,
) -> super::def::Score {
    use super::def::ScorePart;
    super::def::Score {
        parts: vec![
            ScorePart {
                label: "score.exec",
                score: exec.score,
                weight: profile.exec_weight,
                want: None,
                rate: exec.rate,
                rule: "calc.exec_score.formula",
            },
            ScorePart {
                label: "score.indicators",
                score: Some(sums.scores),
                weight: sums.weights,
                want: Some(profile.indicator_total),
                rate: None,
                rule: "calc.indicator_scores.formula",
            },
        ],
        levels: sums.levels.clone(),
        total,
        weight,
        grade: profile.grade(total).cloned(),
        complete: exec.score.is_some() && sums.complete,
    }
}

/// Adds up an indicator table (domain §2.3, §2.4).
#[must_use]
pub fn sums(rows: &[Row], profile: &Profile) -> Sums {
    let mut levels: Vec<LevelSum> = profile
        .level1
        .iter()
        .map(|l| LevelSum { name: l.name.clone(), weight: Decimal::ZERO, score: Decimal::ZERO })
        .collect();
    let mut out = Sums { complete: !rows.is_empty(), ..Sums::default() };
    for r in rows {
        out.proposals.push(propose(r, profile));
        let (w, s) = (r.number(ind::WEIGHT), r.number(ind::SCORE));
        out.complete &= w.is_some() && s.is_some();
        let (w, s) = (w.unwrap_or_default(), s.unwrap_or_default());
        out.weights += w;
        out.scores += s;
        let name = r.text(ind::LEVEL1);
        match levels.iter_mut().find(|l| l.name == name) {
            Some(l) => {
                l.weight += w;
                l.score += s;
            }
            None => levels.push(LevelSum { name: name.to_string(), weight: w, score: s }),
        }
    }
    out.levels = levels;
    out
}

/// The totals of a grid's computed rows, per column: a total sums its parts (typed rows or
/// other totals) and a table's column of the same name as the grid column (本级专项资金).
/// Blank or invalid cells count 0.
#[must_use]
pub fn grid_totals<const N: usize>(pkg: &Package, grid: &Grid) -> Vec<(&'static str, [Decimal; N])> {
    fn value(pkg: &Package, grid: &Grid, key: &str, col: usize, depth: u8) -> Decimal {
        let Some(row) = grid.rows.iter().find(|r| r.key() == key) else { return Decimal::ZERO };
        let column = grid.columns.get(col).copied().unwrap_or_default();
        match row {
            GridRow::Input { .. } => {
                pkg.cell_at(&format!("{}.{key}.{column}", grid.key)).and_then(Cell::number).unwrap_or_default()
            }
            // Totals nest a few levels at most; a cycle in a definition cannot loop.
            GridRow::Total { .. } if depth > 8 => Decimal::ZERO,
            GridRow::Total { parts, table, .. } => {
                let parts: Decimal = parts.iter().map(|p| value(pkg, grid, p, col, depth + 1)).sum();
                let rows: Decimal = table
                    .map(|t| pkg.rows(t).iter().filter_map(|r| r.cell(column).and_then(Cell::number)).sum())
                    .unwrap_or_default();
                parts + rows
            }
        }
    }
    grid.rows
        .iter()
        .filter_map(|r| match r {
            GridRow::Total { key, .. } => Some((*key, std::array::from_fn(|col| value(pkg, grid, key, col, 0)))),
            GridRow::Input { .. } => None,
        })
        .collect()
}

/// Money or score differs beyond a tolerance.
#[must_use]
pub fn differs(a: Decimal, b: Decimal, tol: Decimal) -> bool {
    (a - b).abs() > tol
}

/// What the indicator checks need to know of the sheet the table belongs to.
#[derive(Clone, Copy, Debug)]
pub struct Sheet<'a> {
    /// The table's full path (`self_eval.indicators`, `projects.2.indicators`).
    pub table: &'a str,
    /// 全年执行数.
    pub spent: Option<Decimal>,
    /// The sheet's execution figures.
    pub execution: &'a Execution,
}

/// E-01 (定性 rows need a tier), E-12 (Σ 分值), E-13, E-15 (every required 一级), E-16, W-05,
/// W-06, W-07, W-08 on one indicator table.
pub fn check(sheet: Sheet<'_>, rows: &[Row], sums: &Sums, profile: &Profile, out: &mut Vec<Issue>) {
    let t = sheet.table;
    let fmt = fixed2;
    if differs(sums.weights, profile.indicator_total, profile.money_tolerance) {
        out.push(Issue::new("E-12", "sum", t).arg("sum", fmt(sums.weights)).arg("want", fmt(profile.indicator_total)));
    }
    for l in profile.level1.iter().filter(|l| l.required) {
        if !rows.iter().any(|r| r.text(ind::LEVEL1) == l.name) {
            out.push(Issue::new("E-15", "missing_level1", t).arg("level1", &l.name));
        }
    }
    let spent_over = match (sheet.spent, sheet.execution.base) {
        (Some(s), Some(b)) => s > b + profile.money_tolerance,
        _ => false,
    };
    for (i, (row, prop)) in rows.iter().zip(&sums.proposals).enumerate() {
        let n = i + 1;
        let at = |c: ColKey| cell_path(t, n, c.0);
        let qualitative = Nature::parse(row.text(ind::NATURE)) == Some(Nature::Qualitative);
        if qualitative && !profile.criteria && row.text(ind::TIER).trim().is_empty() {
            out.push(super::issue::input_issue(&at(ind::TIER), &input::InputError::Empty));
        }
        let (weight, score) = (row.number(ind::WEIGHT), row.number(ind::SCORE));
        if let (Some(w), Some(s)) = (weight, score) {
            if s > max_score(w, profile) {
                let max = max_score(w, profile);
                out.push(Issue::new("E-13", "", at(ind::SCORE)).arg("score", fmt(s)).arg("weight", fmt(max)));
            }
        }
        let below = matches!((weight, score), (Some(w), Some(s)) if s < w);
        if (below || prop.outcome.missed()) && row.text(ind::REASON).trim().is_empty() {
            out.push(Issue::new("E-16", "", at(ind::REASON)).arg("row", n));
        }
        if let Some(s) = score {
            if let Some(p) = prop.score.filter(|p| differs(*p, s, profile.score_tolerance)) {
                out.push(Issue::new("W-05", "", at(ind::SCORE)).arg("entered", fmt(s)).arg("rule", fmt(p)));
            } else if let Some((lo, hi)) = prop.band.filter(|(lo, hi)| s < *lo || s > *hi) {
                out.push(
                    Issue::new("W-05", "band", at(ind::SCORE))
                        .arg("entered", fmt(s))
                        .arg("min", fmt(lo))
                        .arg("max", fmt(hi)),
                );
            }
        }
        target_direction(row, prop, &at(ind::TARGET), out);
        // W-21: a ≥ / ≤ / = row whose target is a number needs an actual that is one too.
        let numeric = matches!(Nature::parse(row.text(ind::NATURE)), Some(Nature::Ge | Nature::Le | Nature::Eq));
        let (target_q, actual_q) = (quantity(row.text(ind::TARGET)), quantity(row.text(ind::ACTUAL)));
        if numeric && target_q.is_some() && actual_q.is_none() && !row.text(ind::ACTUAL).trim().is_empty() {
            out.push(
                Issue::new("W-21", "", at(ind::ACTUAL))
                    .arg("actual", crate::text::visible(row.text(ind::ACTUAL).trim(), false))
                    .arg("target", crate::text::visible(row.text(ind::TARGET).trim(), false)),
            );
        }
        // W-22: what the row's reason says of its completion or of the budget.
        let completion = match (&target_q, &actual_q) {
            (Some(t), Some(a)) if !t.value.is_zero() => Some(a.value / t.value * Decimal::ONE_HUNDRED),
            _ => None,
        };
        reason_figures(row.text(ind::REASON), &at(ind::REASON), sheet.execution, sheet.spent, completion, out);
        if let Outcome::Over(r) = prop.outcome {
            out.push(
                Issue::new("W-06", "", at(ind::ACTUAL))
                    .arg("ratio", format!("{r}%"))
                    .arg("limit", format!("{}%", fmt(profile.over_achievement * Decimal::ONE_HUNDRED))),
            );
        }
        let claims_within = profile
            .narrative
            .within_budget_words
            .iter()
            .any(|w| row.text(ind::TARGET).contains(w.as_str()) || row.text(ind::ACTUAL).contains(w.as_str()));
        if spent_over && claims_within && profile.is_cost(row.text(ind::LEVEL1), row.text(ind::LEVEL2)) {
            let rate = sheet.execution.rate.map_or_else(|| "—".to_string(), |d| format!("{}%", fmt(d)));
            out.push(Issue::new("W-08", "", at(ind::ACTUAL)).arg("rate", rate));
        }
    }
    for g in &profile.weight_group {
        let sum: Decimal = sums.levels.iter().filter(|l| g.levels.contains(&l.name)).map(|l| l.weight).sum();
        if !rows.is_empty() && differs(sum, g.weight, profile.money_tolerance) {
            out.push(
                Issue::new("W-07", "", t)
                    .arg("levels", g.levels.join("+"))
                    .arg("sum", fmt(sum))
                    .arg("want", fmt(g.weight)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    /// A grid of totals over the example's 办公经费 row (basic.funds.public_office: 25.10,
    /// 15.50, 15.50): `chain` totals each summing the next, the last summing the row.
    fn chained(keys: &'static [&'static str], parts: &'static [&'static [&'static str]]) -> Vec<[Decimal; 3]> {
        let text = include_bytes!("../../../examples/yueyang-2023.toml");
        let pkg = crate::form::file::load(text).expect("loads").package;
        let mut rows: Vec<GridRow> =
            keys.iter().zip(parts).map(|(key, parts)| GridRow::Total { key, indent: 0, parts, table: None }).collect();
        rows.push(GridRow::Input { key: "public_office", indent: 0 });
        let grid = Grid { key: "basic.funds", columns: &["prev_final", "budget", "final"], rows };
        grid_totals::<3>(&pkg, &grid).into_iter().map(|(_, v)| v).collect()
    }

    #[test]
    fn grid_totals_nest_nine_deep_and_a_cycle_counts_zero() {
        const KEYS: &[&str] = &["t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8"];
        const PARTS: &[&[&str]] =
            &[&["t1"], &["t2"], &["t3"], &["t4"], &["t5"], &["t6"], &["t7"], &["t8"], &["public_office"]];
        let office = [d("25.10"), d("15.50"), d("15.50")];
        assert_eq!(chained(KEYS, PARTS), vec![office; 9], "nine levels of totals reach the row");
        // A definition whose totals name each other ends (at the depth limit) with 0.
        let cycle = chained(&["a", "b"], &[&["b"], &["a"]]);
        assert_eq!(cycle, vec![[Decimal::ZERO; 3]; 2]);
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    fn row(pairs: &[(&str, &str)]) -> Row {
        let t = indicator_table("", TableKey("t"));
        let mut r = Row::default();
        for (k, v) in pairs {
            let c = t.column(k).expect("column");
            r.set(c.key, c.kind, v);
        }
        r
    }

    #[test]
    fn quantities() {
        assert_eq!(quantity("190件"), Some(Quantity { op: None, value: d("190"), unit: "件".into() }));
        assert_eq!(quantity("≥95%").map(|q| (q.op, q.value)), Some((Some(Nature::Ge), d("95"))));
        assert_eq!(quantity("不超过5起").map(|q| q.op), Some(Some(Nature::Le)));
        assert_eq!(quantity("每天"), None);
        assert_eq!(quantity("不超过预算金额"), None);
        assert_eq!(infer_nature("100%"), Nature::Ge);
        assert_eq!(infer_nature("提高"), Nature::Qualitative);
    }

    #[test]
    fn targets_as_real_forms_write_them() {
        let ge = Direction::Stated(Nature::Ge);
        let le = Direction::Stated(Nature::Le);
        let eq = Direction::Stated(Nature::Eq);
        for (t, dir, value, unit) in [
            ("≥98%", ge, "98", "%"),
            ("≥ 98%", ge, "98", "%"),
            ("≥98 %", ge, "98", "%"),
            ("98%以上", ge, "98", "%"),
            ("98%及以上", ge, "98", "%"),
            ("98%（含）以上", ge, "98", "%"),
            ("大于等于98%", ge, "98", "%"),
            ("大于或等于 98%", ge, "98", "%"),
            ("不低于98%", ge, "98", "%"),
            ("不少于190件", ge, "190", "件"),
            ("至少190件", ge, "190", "件"),
            ("达到100%", ge, "100", "%"),
            ("＞98%", ge, "98", "%"),
            ("＞＝９８％", ge, "98", "%"),
            (">=98%", ge, "98", "%"),
            ("≧98%", ge, "98", "%"),
            ("5起以下", le, "5", "起"),
            ("5%以内", le, "5", "%"),
            ("5个工作日内", le, "5", "个工作日"),
            ("不超过5起", le, "5", "起"),
            ("不高于5%", le, "5", "%"),
            ("小于等于5%", le, "5", "%"),
            ("≤5%", le, "5", "%"),
            ("＜5%", le, "5", "%"),
            ("≦5%", le, "5", "%"),
            ("控制在5%以内", le, "5", "%"),
            ("＝100%", eq, "100", "%"),
            ("=100%", eq, "100", "%"),
            ("等于100%", eq, "100", "%"),
            ("190件", Direction::Bare, "190", "件"),
            ("９６％", Direction::Bare, "96", "%"),
            ("约98%", Direction::Unclear, "98", "%"),
            ("98%左右", Direction::Unclear, "98", "%"),
            ("力争98%", Direction::Unclear, "98", "%"),
            ("≥98%以下", Direction::Unclear, "98", "%"),
        ] {
            assert_eq!(direction(t), dir, "{t}");
            let q = quantity(t).unwrap_or_else(|| panic!("{t}: a number"));
            assert_eq!((q.value, q.unit.as_str()), (d(value), unit), "{t}");
            if let Direction::Stated(n) = dir {
                assert_eq!((q.op, infer_nature(t)), (Some(n), n), "{t}");
            }
        }
        assert_eq!(direction("95%-100%"), Direction::Unclear);
        assert_eq!(direction("95%至100%"), Direction::Unclear);
        for t in ["提高", "每天", "不超过预算金额", "逐步提升", ""] {
            assert_eq!(direction(t), Direction::Words, "{t}");
            assert_eq!(infer_nature(t), Nature::Qualitative, "{t}");
        }
        for (s, n) in [
            ("≥", Nature::Ge),
            ("＞＝", Nature::Ge),
            ("不低于", Nature::Ge),
            ("≦", Nature::Le),
            ("不超过", Nature::Le),
            ("＝", Nature::Eq),
            ("定性", Nature::Qualitative),
        ] {
            assert_eq!(Nature::parse(s), Some(n), "{s}");
        }
        assert_eq!(Nature::parse("≥98"), None);
    }

    #[test]
    fn missed_targets_are_caught_however_they_are_written() {
        let p = Profile::default_profile();
        for target in ["98%以上", "大于等于98%", "≥ 98%", "不低于98%", "＞＝98%", "98%及以上"] {
            let r = row(&[
                ("nature", infer_nature(target).symbol()),
                ("target", target),
                ("actual", "95%"),
                ("weight", "10"),
            ]);
            let prop = propose(&r, &p);
            assert_eq!((prop.score, prop.outcome.missed()), (Some(d("9.69")), true), "{target}");
        }
        for target in ["5起以下", "不超过5起", "≤5起", "5起以内"] {
            let r = row(&[
                ("nature", infer_nature(target).symbol()),
                ("target", target),
                ("actual", "8起"),
                ("weight", "4"),
            ]);
            assert_eq!(propose(&r, &p).score, Some(d("2.50")), "{target}");
        }
    }

    #[test]
    fn rule_scores_follow_domain_2_3() {
        let p = Profile::default_profile();
        let score = |nature: &str, target: &str, actual: &str, weight: &str| {
            propose(&row(&[("nature", nature), ("target", target), ("actual", actual), ("weight", weight)]), &p).score
        };
        // Seed I-5 and I-6.
        assert_eq!(score("≥", "100%", "99%", "5"), Some(d("4.95")));
        assert_eq!(score("≥", "96%", "95%", "10"), Some(d("9.90")));
        assert_eq!(score("≥", "190件", "190件", "5"), Some(d("5")));
        assert_eq!(score("≤", "10", "20", "4"), Some(d("2.00")));
        assert_eq!(score("≤", "0", "1", "4"), Some(d("0.00")));
        assert_eq!(score("≤", "0", "0", "4"), Some(d("4")));
        assert_eq!(score("=", "10", "8", "5"), Some(d("4.00")));
        assert_eq!(score("≥", "10件", "8次", "5"), None);
        let over = propose(&row(&[("nature", "≥"), ("target", "100"), ("actual", "130"), ("weight", "5")]), &p);
        assert_eq!(over.outcome, Outcome::Over(d("130.00")));
        let tier = |t: &str| propose(&row(&[("nature", "定性"), ("tier", t), ("weight", "5")]), &p);
        assert_eq!(tier("达成预期指标").score, Some(d("5")));
        let t2 = tier("部分达成预期指标并具有一定效果");
        assert_eq!((t2.score, t2.band), (None, Some((d("3.00"), d("3.99")))));
        assert_eq!(tier("未达成预期指标且效果较差").band, Some((d("0.00"), d("2.99"))));
        assert_eq!(tier("").outcome, Outcome::Unscorable("tier"));
    }

    #[test]
    fn rates_and_rounding() {
        assert_eq!(rate(d("23"), d("27")), Some(d("85.19")));
        assert_eq!(rate(d("136"), d("143")), Some(d("95.10")));
        assert_eq!(rate(d("1"), d("0")), None);
        assert_eq!(round2(d("0.125")), d("0.13"));
        assert_eq!(rate(d("899.13"), d("865.82")), Some(d("103.85")));
    }
}
