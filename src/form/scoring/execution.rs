//! 预算执行: 执行率 and its score (domain §2.2), the band and reason checks (W-04, W-20 …
//! W-22, E-25) and E-11 when the rate has no base.

use rust_decimal::{Decimal, RoundingStrategy};

use super::{fixed2, rate_formula, round2};
use crate::form::issue::Issue;
use crate::form::layout::{At, Expr};
use crate::form::package::Cell;
use crate::form::profile::Profile;

/// W-04 while 执行率 lies outside the profile's band (above `exec_high` or below `exec_low`) and
/// no 执行偏差说明 explains it, at `path` (the 全年执行数).
pub fn execution_band(exec: &Execution, explained: bool, path: &str, profile: &Profile, out: &mut Vec<Issue>) {
    let Some(r) = exec.rate else { return };
    // W-24: a rate no budget can have — one amount typed in 元 where 万元 is asked (issue 13's
    // fresh user: 12345678 against 1300 gave 949667.54 %, full marks and only W-04).
    if r > Decimal::from(1000) || (r > Decimal::ZERO && r < Decimal::new(1, 1)) {
        out.push(Issue::new("W-24", "", path).arg("rate", format!("{}%", fixed2(r))));
    }
    let variant = if r > profile.exec_high {
        "over"
    } else if r < profile.exec_low {
        "under"
    } else {
        return;
    };
    if !explained {
        out.push(
            Issue::new("W-04", variant, path)
                .arg("rate", format!("{}%", fixed2(r)))
                .arg("low", fixed2(profile.exec_low))
                .arg("high", fixed2(profile.exec_high)),
        );
    }
}

/// W-22: the figures a reason states (`form::claims`) against the sheet's own — 执行率, the
/// share or amount not spent or spent beyond the budget, and for an indicator row its 完成率
/// (`completion`, actual ÷ target × 100) — each compared at the precision it was written with.
pub fn reason_figures(
    text: &str,
    path: &str,
    exec: &Execution,
    spent: Option<Decimal>,
    completion: Option<Decimal>,
    out: &mut Vec<Issue>,
) {
    use crate::form::claims::{Refers, agrees, claims};
    let hundred = Decimal::ONE_HUNDRED;
    for c in claims(text) {
        let computed = match (c.refers, c.percent) {
            (Refers::Rate, true) => exec.rate,
            (Refers::Unspent, true) => exec.rate.map(|r| hundred - r),
            (Refers::Over, true) => exec.rate.map(|r| r - hundred),
            (Refers::Unspent, false) => exec.base.zip(spent).map(|(b, s)| b - s),
            (Refers::Over, false) => exec.base.zip(spent).map(|(b, s)| s - b),
            (Refers::Completion, true) => completion,
            _ => None,
        };
        let Some(v) = computed.filter(|v| !v.is_sign_negative()) else { continue };
        if !agrees(&c, v) {
            let mut shown = v.round_dp_with_strategy(c.places, RoundingStrategy::MidpointAwayFromZero);
            shown.rescale(c.places);
            let unit = if c.percent { "%" } else { "万元" };
            out.push(
                Issue::new("W-22", "", path)
                    .arg("stated", &c.quote)
                    .arg("what", c.refers.key())
                    .arg("computed", format!("{shown}{unit}")),
            );
        }
    }
}

/// E-25 when the profile requires a reason for 执行率 below its threshold (Sichuan: below 90%,
/// at most 100 characters, S13) and `reason` is blank, or the reason is too long; at `path`
/// (the sheet's 执行偏差说明).
pub fn execution_reason(exec: &Execution, reason: &str, path: &str, profile: &Profile, out: &mut Vec<Issue>) {
    let Some(rule) = &profile.exec_reason else { return };
    let n = reason.trim().chars().count();
    if rule.max_chars > 0 && n > rule.max_chars {
        out.push(Issue::new("E-25", "too_long", path).arg("count", n).arg("max", rule.max_chars));
    }
    let Some(r) = exec.rate.filter(|r| *r < rule.below) else { return };
    if n == 0 {
        out.push(Issue::new("E-25", "", path).arg("rate", format!("{}%", fixed2(r))).arg("below", fixed2(rule.below)));
    }
}

/// E-11 when 执行率 cannot be worked out because its base is 0 (年初预算数 0 and no 全年预算数):
/// the execution points are 0, and the user is told why, at `path` (the 全年预算数).
pub fn no_base(exec: &Execution, spent: Option<Decimal>, path: &str, profile: &Profile, out: &mut Vec<Issue>) {
    if exec.base.is_some_and(|b| b.is_zero()) && spent.is_some() {
        out.push(Issue::new("E-11", "no_base", path).arg("weight", fixed2(profile.exec_weight)));
    }
}

/// 执行率 and its score (domain §2.2).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Execution {
    /// The denominator used: 全年预算数, else 年初预算数.
    pub base: Option<Decimal>,
    /// 执行率, percent, as computed (may exceed 100).
    pub rate: Option<Decimal>,
    /// 执行率得分.
    pub score: Option<Decimal>,
}

/// The 全年预算数 as given: blank, a valid amount, or text that does not read as one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Given {
    /// Not filled.
    Blank,
    /// A valid amount.
    Amount(Decimal),
    /// Filled but not an amount (its E-02 says why).
    Invalid,
}

impl Given {
    /// The given value of an optional cell.
    #[must_use]
    pub fn of(cell: Option<&Cell>) -> Self {
        match cell {
            None => Self::Blank,
            Some(c) => c.number().map_or(Self::Invalid, Self::Amount),
        }
    }
}

/// 执行率 = 全年执行数 ÷ 全年预算数 (年初预算数 when 全年预算数 is blank or 0; always 年初预算数
/// when the profile's `exec_base` is `initial`) × 100%; 得分 =
/// min(执行率, cap) × 分值 ÷ 100, each rounded to 2 decimals (domain §2.2, profile `exec_*`).
/// A 全年预算数 that does not read is no base (its E-02 says why), never silently replaced by
/// the 年初预算数.
#[must_use]
pub fn execution(initial: Option<Decimal>, full: Given, spent: Option<Decimal>, profile: &Profile) -> Execution {
    let base = match (profile.exec_base, full) {
        (crate::form::profile::Base::Initial, _) => initial,
        (_, Given::Amount(d)) if !d.is_zero() => Some(d),
        (_, Given::Invalid) => None,
        (_, Given::Amount(_) | Given::Blank) => initial,
    };
    match (spent, base) {
        (Some(s), Some(b)) if !b.is_zero() => {
            let raw = s * Decimal::ONE_HUNDRED / b;
            let capped = raw.min(profile.exec_cap);
            Execution {
                base,
                rate: Some(round2(raw)),
                score: Some(round2(capped * profile.exec_weight / Decimal::ONE_HUNDRED)),
            }
        }
        _ => Execution { base, rate: None, score: None },
    }
}

/// [`execution`]'s rate and score as spreadsheet formulas over the cells that hold the
/// 全年执行数, the base it used and the 分值: the score from the unrounded rate, as above.
#[must_use]
pub fn execution_formulas(spent: At, base: At, weight: At, profile: &Profile) -> (Expr, Expr) {
    let raw = || Expr::quotient(Expr::Cell(spent), Expr::Cell(base));
    let cap = Expr::Num(profile.exec_cap / Decimal::ONE_HUNDRED);
    (rate_formula(spent, base), Expr::round(Expr::product(Expr::min(raw(), cap), Expr::Cell(weight)), 2))
}
