//! Checks of one project sheet: every field (E-01, E-02), the 资金 block as printed on a paper
//! form (E-23 年度资金总额, E-11 执行率 and its score, E-14 总分), 执行率 outside the band
//! (W-04), and the indicator table (E-12 … E-16, W-05 … W-08). The package adds the checks
//! across sheets (E-21, E-22, W-17, W-19). Paths are the sheet's own; the package puts them
//! under `projects.<n>.`.

use super::calc::Figures;
use super::keys::{self, funds};
use crate::form::check::{self, Shape};
use crate::form::issue::Issue;
use crate::form::package::Package;
use crate::form::profile::Profile;
use crate::form::scoring::{self, Sheet};

/// Checks one project sheet.
pub fn check(pkg: &Package, profile: &Profile, fig: &Figures, out: &mut Vec<Issue>) {
    check::fields(pkg, profile, out);
    let (pt, mt) = (profile.percent_tolerance, profile.money_tolerance);
    for (col, key) in funds::TOTALS.iter().enumerate() {
        let at = funds::FISCAL[col].0;
        check::stated(pkg, key.0, funds::TOTAL, ("E-23", ""), at, Some(fig.totals[col]), mt, Shape::Number, out);
    }
    let spent = funds::FISCAL[funds::SPENT].0;
    check::stated(pkg, keys::EXEC_RATE.0, "exec_rate", ("E-11", ""), spent, fig.exec.rate, pt, Shape::Percent, out);
    let st = profile.exec_score_tolerance();
    check::stated(pkg, keys::EXEC_SCORE.0, "exec_score", ("E-11", ""), spent, fig.exec.score, st, Shape::Number, out);
    let t = keys::INDICATORS.0;
    let total = Some(fig.total_score);
    check::stated(pkg, keys::TOTAL_SCORE.0, "total_score", ("E-14", ""), t, total, mt, Shape::Number, out);
    scoring::no_base(&fig.exec, fig.spent, funds::FISCAL[funds::FULL].0, profile, out);
    // Asked for until it is explained (执行偏差说明).
    let explained = !pkg.text(keys::EXEC_REASON).trim().is_empty();
    scoring::reason_figures(pkg.text(keys::EXEC_REASON), keys::EXEC_REASON.0, &fig.exec, fig.spent, None, out);
    scoring::execution_band(&fig.exec, explained, spent, profile, out);
    scoring::execution_reason(&fig.exec, pkg.text(keys::EXEC_REASON), keys::EXEC_REASON.0, profile, out);
    let sheet = Sheet { table: t, spent: fig.spent, execution: &fig.exec };
    scoring::check(sheet, pkg.rows(keys::INDICATORS), &fig.indicators, profile, out);
}
