//! Every check of domain.md §3 on the package: E-01 … E-22 (errors) and W-01 … W-19
//! (warnings), including the project sheets and their cross-checks with the rest of the
//! package. Narrative checks (W-08 … W-15) read the report's figure fields and look for the
//! profile's words in its texts; docs/form-rules.md says which are partial.

use rust_decimal::Decimal;

use super::calc::{Figures, special_funds_of};
use super::keys::{PROJECTS, basic, building, funds, report, self_eval, special};
use crate::form::check::{self, Shape};
use crate::form::def::{FieldKey, Kind, cell_path};
use crate::form::issue::Issue;
use crate::form::package::Package;
use crate::form::profile::{Filing, Profile};
use crate::form::project;
use crate::form::scoring::{self, Sheet, differs, fixed2 as fmt};

/// Checks the whole package, its project sheets included.
pub fn check(pkg: &Package, profile: &Profile, fig: &Figures, out: &mut Vec<Issue>) {
    check::fields(pkg, profile, out);
    stated(pkg, profile, fig, out);
    sums(pkg, profile, fig, out);
    let sheet = Sheet { table: self_eval::INDICATORS.0, spent: pkg.number(self_eval::SPENT), execution: &fig.exec };
    scoring::check(sheet, pkg.rows(self_eval::INDICATORS), &fig.indicators, profile, out);
    across(pkg, profile, fig, out);
    narrative(pkg, profile, out);
    projects(pkg, profile, fig, out);
}

fn pct(d: Option<Decimal>) -> String {
    d.map_or_else(|| "—".to_string(), |d| format!("{}%", fmt(d)))
}

/// E-03, E-04, E-05, E-06, E-08, E-11, E-12 (合计分值), E-14, E-20 (score): computed cells
/// as printed on a paper form (`[stated]`).
fn stated(pkg: &Package, profile: &Profile, fig: &Figures, out: &mut Vec<Issue>) {
    let pt = profile.percent_tolerance;
    let mt = profile.money_tolerance;
    check::stated(
        pkg,
        basic::CONTROL_RATE.0,
        "control_rate",
        ("E-03", ""),
        basic::STAFF_QUOTA.0,
        fig.control_rate,
        pt,
        Shape::Percent,
        out,
    );
    for col in 0..3 {
        for (row, rule, at) in [
            (funds::THREE_PUBLIC, "E-04", funds::ABROAD[col]),
            (funds::CAR, "E-05", funds::CAR_OPERATION[col]),
            (funds::PROJECTS, "E-06", funds::PROJECT_BUSINESS[col]),
        ] {
            let key = funds::total(row, col).0;
            let v = Some(fig.fund_total(row, col));
            check::stated(pkg, key, row, (rule, ""), at.0, v, mt, Shape::Number, out);
        }
    }
    let spent = self_eval::SPENT.0;
    check::stated(
        pkg,
        self_eval::EXEC_RATE.0,
        "exec_rate",
        ("E-11", ""),
        spent,
        fig.exec.rate,
        pt,
        Shape::Percent,
        out,
    );
    let st = profile.exec_score_tolerance();
    check::stated(
        pkg,
        self_eval::EXEC_SCORE.0,
        "exec_score",
        ("E-11", ""),
        spent,
        fig.exec.score,
        st,
        Shape::Number,
        out,
    );
    let t = self_eval::INDICATORS.0;
    let (w, s) = (Some(fig.total_weight), Some(fig.total_score));
    check::stated(pkg, self_eval::TOTAL_WEIGHT.0, "total_weight", ("E-12", ""), t, w, mt, Shape::Number, out);
    check::stated(pkg, self_eval::TOTAL_SCORE.0, "total_score", ("E-14", ""), t, s, mt, Shape::Number, out);
    for (i, (area, inv)) in fig.buildings.iter().enumerate() {
        for (calc, computed, col) in [
            (building::AREA_RATE, area, building::ACTUAL_AREA),
            (building::INVESTMENT_RATE, inv, building::ACTUAL_INVESTMENT),
        ] {
            let key = cell_path(basic::BUILDINGS.0, i + 1, calc.0);
            let at = cell_path(basic::BUILDINGS.0, i + 1, col.0);
            check::stated(pkg, &key, calc.0, ("E-08", ""), &at, *computed, pt, Shape::Percent, out);
        }
    }
    if let Some(Some(stated)) = check::stated_value(pkg, report::SCORE.0) {
        if differs(stated, fig.total_score, mt) {
            out.push(
                Issue::new("E-20", "score", report::SCORE.0)
                    .arg("report", fmt(stated))
                    .arg("table", fmt(fig.total_score)),
            );
        }
    }
}

/// E-07, E-09, E-10, E-17 and the money warnings W-01 … W-04, W-16.
#[allow(clippy::too_many_lines)]
fn sums(pkg: &Package, profile: &Profile, fig: &Figures, out: &mut Vec<Issue>) {
    let mt = profile.money_tolerance;
    for col in 0..3 {
        let total = pkg.number0(funds::PUBLIC_FUNDS[col]);
        if fig.public_parts[col] > total + mt {
            out.push(
                Issue::new("E-07", "", funds::PUBLIC_FUNDS[col].0)
                    .arg("parts", fmt(fig.public_parts[col]))
                    .arg("total", fmt(total)),
            );
        }
    }
    if let Some(spent) = pkg.number(self_eval::SPENT) {
        let income: Decimal = [
            self_eval::INCOME_GENERAL,
            self_eval::INCOME_FUND,
            self_eval::INCOME_SPECIAL_ACCOUNT,
            self_eval::INCOME_OTHER,
        ]
        .iter()
        .map(|k| pkg.number0(*k))
        .sum();
        if differs(income, spent, mt) {
            out.push(
                Issue::new("E-09", "", self_eval::INCOME_GENERAL.0).arg("sum", fmt(income)).arg("spent", fmt(spent)),
            );
        }
        let spend = pkg.number0(self_eval::SPEND_BASIC) + pkg.number0(self_eval::SPEND_PROJECT);
        if differs(spend, spent, mt) {
            out.push(Issue::new("E-10", "", self_eval::SPEND_BASIC.0).arg("sum", fmt(spend)).arg("spent", fmt(spent)));
        }
        if let Some(initial) = pkg.number(self_eval::BUDGET_INITIAL) {
            let adjusted = funds::BUDGET_ADJUSTMENT.iter().any(|c| !pkg.text(*c).trim().is_empty());
            if !adjusted && differs(spent, initial, mt) {
                out.push(
                    Issue::new("W-16", "", funds::BUDGET_ADJUSTMENT[funds::FINAL].0)
                        .arg("spent", fmt(spent))
                        .arg("initial", fmt(initial)),
                );
            }
        }
    }
    let projects_final = fig.fund_total(funds::PROJECTS, funds::FINAL);
    if let Some(project) = pkg.number(self_eval::SPEND_PROJECT) {
        if differs(projects_final, project, mt) {
            out.push(
                Issue::new("E-17", "", self_eval::SPEND_PROJECT.0)
                    .arg("basic", fmt(projects_final))
                    .arg("self_eval", fmt(project)),
            );
        }
    }
    if let Some(r) = fig.control_rate.filter(|r| *r > Decimal::ONE_HUNDRED) {
        out.push(Issue::new("W-01", "", basic::STAFF_ACTUAL.0).arg("rate", pct(Some(r))));
    }
    let tp = |c| fig.fund_total(funds::THREE_PUBLIC, c);
    let (prev, budget, fin) = (tp(funds::PREV_FINAL), tp(funds::BUDGET), tp(funds::FINAL));
    let reception = funds::RECEPTION[funds::FINAL].0;
    if fin > budget + mt {
        out.push(Issue::new("W-02", "budget", reception).arg("final", fmt(fin)).arg("budget", fmt(budget)));
    }
    if fin > prev + mt {
        let change = scoring::rate(fin - prev, prev).map_or_else(|| "—".into(), |d| format!("+{d}%"));
        out.push(
            Issue::new("W-02", "growth", reception).arg("final", fmt(fin)).arg("prev", fmt(prev)).arg("change", change),
        );
    }
    let pf = |c: usize| pkg.number0(funds::PUBLIC_FUNDS[c]);
    if pf(funds::FINAL) > pf(funds::BUDGET) + mt {
        out.push(
            Issue::new("W-03", "", funds::PUBLIC_FUNDS[funds::FINAL].0)
                .arg("final", fmt(pf(funds::FINAL)))
                .arg("budget", fmt(pf(funds::BUDGET))),
        );
    }
    scoring::no_base(&fig.exec, pkg.number(self_eval::SPENT), self_eval::BUDGET_FULL.0, profile, out);
    // Asked for until it is explained (执行偏差说明).
    let explained = !pkg.text(self_eval::EXEC_REASON).trim().is_empty();
    scoring::reason_figures(
        pkg.text(self_eval::EXEC_REASON),
        self_eval::EXEC_REASON.0,
        &fig.exec,
        pkg.number(self_eval::SPENT),
        None,
        out,
    );
    scoring::execution_band(&fig.exec, explained, self_eval::SPENT.0, profile, out);
    scoring::execution_reason(&fig.exec, pkg.text(self_eval::EXEC_REASON), self_eval::EXEC_REASON.0, profile, out);
}

/// E-18, E-19, E-20, W-13, W-14 (staff figures): one package, several documents.
fn across(pkg: &Package, profile: &Profile, fig: &Figures, out: &mut Vec<Issue>) {
    let names: Vec<(FieldKey, &str)> = [basic::UNIT_NAME, self_eval::UNIT_NAME, report::UNIT_NAME]
        .into_iter()
        .map(|k| (k, pkg.text(k).trim()))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    if let Some((k0, first)) = names.first() {
        for (k, t) in &names[1..] {
            if t != first {
                out.push(
                    Issue::new("E-18", "unit", k.0)
                        .arg("a", crate::text::visible(first, false))
                        .arg("b", crate::text::visible(t, false))
                        .arg("other", k0.0),
                );
            }
        }
    }
    let (h1, h2) = (pkg.text(basic::HEAD).trim(), pkg.text(self_eval::HEAD).trim());
    if !h1.is_empty() && !h2.is_empty() && h1 != h2 {
        out.push(
            Issue::new("E-18", "head", self_eval::HEAD.0)
                .arg("a", crate::text::visible(h1, false))
                .arg("b", crate::text::visible(h2, false))
                .arg("other", basic::HEAD.0),
        );
    }
    for f in report_texts(pkg) {
        for (ln, line) in pkg.text(f).lines().enumerate() {
            if let Some(numeral) = top_heading(line) {
                out.push(Issue::new("E-19", "", f.0).arg("numeral", numeral).arg("line", ln + 1));
            }
        }
    }
    if let Some(total) = pkg.number(report::BASIC_TOTAL) {
        let parts: Decimal =
            [report::BASIC_WAGES, report::BASIC_GOODS, report::BASIC_HOUSEHOLDS, report::BASIC_CAPITAL]
                .iter()
                .map(|k| pkg.number0(*k))
                .sum();
        if differs(parts, total, profile.money_tolerance) {
            out.push(
                Issue::new("E-20", "parts", report::BASIC_WAGES.0).arg("parts", fmt(parts)).arg("total", fmt(total)),
            );
        }
        if let Some(se) = pkg.number(self_eval::SPEND_BASIC) {
            if differs(se, total, profile.money_tolerance) {
                out.push(
                    Issue::new("E-20", "basic", report::BASIC_TOTAL.0).arg("report", fmt(total)).arg("table", fmt(se)),
                );
            }
        }
    }
    let dates: Vec<(FieldKey, _)> = [basic::FILING_DATE, self_eval::FILING_DATE, report::COVER_DATE]
        .into_iter()
        .filter_map(|k| pkg.date(k).map(|d| (k, d)))
        .collect();
    if let Some((_, d0)) = dates.first() {
        for (k, d) in &dates[1..] {
            if d != d0 {
                out.push(Issue::new("W-13", "differ", k.0).arg("a", d0.iso()).arg("b", d.iso()));
            }
        }
    }
    // How early a filing date may be is the profile's (issue 19): the message names its rule.
    if let Some(y) = pkg.fiscal_year() {
        let earliest = match profile.filing {
            Filing::AfterYearEnd => Some(((y + 1, 1, 1), "early")),
            Filing::FromDecember => Some(((y, 12, 1), "early_december")),
            Filing::Any => None,
        };
        if let Some((first, variant)) = earliest {
            for (k, d) in &dates {
                if (d.year, d.month, d.day) < first {
                    out.push(
                        Issue::new("W-13", variant, k.0)
                            .arg("date", d.iso())
                            .arg("year", y)
                            .arg("profile", &profile.id),
                    );
                }
            }
        }
    }
    for (r, b) in [(report::STAFF_QUOTA, basic::STAFF_QUOTA), (report::STAFF_ACTUAL, basic::STAFF_ACTUAL)] {
        if let (Some(a), Some(bv)) = (pkg.int(r), pkg.int(b)) {
            if a != bv {
                out.push(Issue::new("W-14", "staff", b.0).arg("report", a).arg("basic", bv));
            }
        }
    }
    let _ = fig;
}

/// The report's long texts (where E-19 and the narrative checks look).
fn report_texts(pkg: &Package) -> impl Iterator<Item = FieldKey> + '_ {
    pkg.form()
        .fields
        .iter()
        .filter(|f| f.key.starts_with("report.") && f.kind == Kind::LongText)
        .map(|f| FieldKey(f.key))
}

/// A line that starts with a top-level outline numeral (`一、` … `十、`), which only the
/// program may write in the report.
fn top_heading(line: &str) -> Option<String> {
    let t = line.trim_start();
    let numeral: String = t.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).collect();
    if numeral.is_empty() {
        return None;
    }
    let rest = &t[numeral.len()..];
    (rest.starts_with('、') || rest.starts_with('，')).then_some(numeral)
}

/// Counts enumerated items: lines or runs starting `1、` `2.` `一、` `（一）`.
#[must_use]
pub fn count_items(text: &str) -> usize {
    let mut n = 0;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let at_start = i == 0 || matches!(chars[i - 1], '\n' | '。' | '；' | ';' | ' ' | '>' | '　');
        if at_start {
            let mut j = i;
            while j < chars.len() && (chars[j].is_ascii_digit() || "一二三四五六七八九十".contains(chars[j]))
            {
                j += 1;
            }
            if j > i
                && j < chars.len()
                && matches!(chars[j], '、' | '.' | '．')
                && !(chars[j] == '.' && chars.get(j + 1).is_some_and(char::is_ascii_digit))
            {
                n += 1;
                i = j;
            }
        }
        i += 1;
    }
    n
}

/// W-09 … W-12, W-15, W-17: the report's figures and words against the tables.
fn narrative(pkg: &Package, profile: &Profile, out: &mut Vec<Issue>) {
    let words = &profile.narrative;
    let report_text: String = report_texts(pkg).map(|f| pkg.text(f)).collect::<Vec<_>>().join("\n");
    let mentions = |list: &[String]| list.iter().find(|w| report_text.contains(w.as_str())).cloned();
    let car_op = pkg.number0(funds::CAR_OPERATION[funds::FINAL]) + pkg.number0(funds::CAR_PURCHASE[funds::FINAL]);
    let car_at = funds::CAR_OPERATION[funds::FINAL].0;
    match mentions(&words.vehicle_words) {
        Some(w) if car_op.is_zero() => out.push(Issue::new("W-09", "mention", car_at).arg("word", w)),
        None if !car_op.is_zero() => out.push(Issue::new("W-09", "silent", car_at).arg("amount", fmt(car_op))),
        _ => {}
    }
    let contract_staff = pkg.int(report::STAFF_CONTRACT).unwrap_or(0);
    let contract_at = funds::PROJECT_CONTRACT_STAFF[funds::FINAL];
    if pkg.number0(contract_at).is_zero() {
        if contract_staff > 0 {
            out.push(Issue::new("W-10", "count", contract_at.0).arg("count", contract_staff));
        } else if let Some(w) = mentions(&words.contract_staff_words) {
            out.push(Issue::new("W-10", "mention", contract_at.0).arg("word", w));
        }
    }
    let public_final = funds::PUBLIC_FUNDS[funds::FINAL];
    if let (Some(total), Some(pf)) = (pkg.number(report::BASIC_TOTAL), pkg.number(public_final)) {
        let derived = total - pkg.number0(report::BASIC_WAGES) - pkg.number0(report::BASIC_HOUSEHOLDS);
        if !derived.is_zero()
            && (pf - derived).abs() * Decimal::ONE_HUNDRED > derived.abs() * profile.public_funds_tolerance
        {
            out.push(
                Issue::new("W-11", "", public_final.0)
                    .arg("basic", fmt(pf))
                    .arg("derived", fmt(derived))
                    .arg("tolerance", fmt(profile.public_funds_tolerance)),
            );
        }
    }
    if let Some(general) = pkg.number(report::GENERAL_TOTAL) {
        let spend = pkg.number0(report::BASIC_TOTAL) + pkg.number0(report::PROJECT_TOTAL);
        if general + profile.money_tolerance < spend {
            out.push(
                Issue::new("W-12", "less", report::GENERAL_TOTAL.0)
                    .arg("general", fmt(general))
                    .arg("spend", fmt(spend)),
            );
        }
    }
    let others = pkg.number0(self_eval::INCOME_FUND)
        + pkg.number0(self_eval::INCOME_SPECIAL_ACCOUNT)
        + pkg.number0(self_eval::INCOME_OTHER);
    if let Some(w) = mentions(&words.all_general_words) {
        if !others.is_zero() {
            out.push(
                Issue::new("W-12", "all_general", report::GENERAL_TEXT.0).arg("word", w).arg("others", fmt(others)),
            );
        }
    }
    let (a, b) = (count_items(pkg.text(report::FUNCTIONS)), count_items(pkg.text(self_eval::GOAL_EXPECTED)));
    if a > 0 && b > 0 && a != b {
        out.push(Issue::new("W-15", "", self_eval::GOAL_EXPECTED.0).arg("report", a).arg("goals", b));
    }
    // Without a text the report writes the 项目支出 sentence from the amount; without either,
    // the part has nothing to say.
    if pkg.text(report::PROJECT_TEXT).trim().is_empty() && pkg.number(report::PROJECT_TOTAL).is_none() {
        out.push(Issue::new("W-17", "", report::PROJECT_TEXT.0));
    }
}

/// Each project sheet on its own form, then the package against its projects:
/// E-21 (Σ 项目 全年执行数 = 自评表 项目支出), E-22 (the report's 项目支出 = Σ 项目),
/// W-17 (a project the report's 项目支出情况 does not name), W-19 (a 本级专项资金 row named
/// for a project differs from the project's 全年执行数).
fn projects(pkg: &Package, profile: &Profile, fig: &Figures, out: &mut Vec<Issue>) {
    let sheets = pkg.instances(PROJECTS);
    for (i, (sheet, pf)) in sheets.iter().zip(&fig.projects).enumerate() {
        let mut issues = Vec::new();
        project::rules::check(sheet, profile.for_projects(), pf, &mut issues);
        out.extend(check::prefixed(issues, &format!("{}.{}.", PROJECTS.0, i + 1)));
    }
    let mt = profile.money_tolerance;
    let all_spent = !sheets.is_empty() && fig.projects.iter().all(|p| p.spent.is_some());
    if let Some(project) = pkg.number(self_eval::SPEND_PROJECT).filter(|_| all_spent) {
        if differs(fig.projects_spent, project, mt) {
            out.push(
                Issue::new("E-21", "", self_eval::SPEND_PROJECT.0)
                    .arg("projects", fmt(fig.projects_spent))
                    .arg("count", sheets.len())
                    .arg("self_eval", fmt(project)),
            );
        }
    }
    if let Some(total) = pkg.number(report::PROJECT_TOTAL).filter(|_| all_spent) {
        if differs(fig.projects_spent, total, mt) {
            out.push(
                Issue::new("E-22", "", report::PROJECT_TOTAL.0)
                    .arg("projects", fmt(fig.projects_spent))
                    .arg("report", fmt(total)),
            );
        }
    }
    let text = pkg.text(report::PROJECT_TEXT);
    if !text.trim().is_empty() {
        for (i, sheet) in sheets.iter().enumerate() {
            let name = sheet.text(project::keys::NAME).trim();
            if !name.is_empty() && !text.contains(name) {
                out.push(
                    Issue::new("W-17", "unnamed", report::PROJECT_TEXT.0)
                        .arg("n", i + 1)
                        .arg("name", crate::text::visible(name, false)),
                );
            }
        }
    }
    let names: Vec<&str> = sheets.iter().map(|s| s.text(project::keys::NAME).trim()).collect();
    for (i, row) in pkg.rows(basic::SPECIAL_FUNDS).iter().enumerate() {
        let named = row.text(special::PROJECT).trim();
        if !named.is_empty() && !names.contains(&named) {
            out.push(
                Issue::new("W-19", "unknown", cell_path(basic::SPECIAL_FUNDS.0, i + 1, special::PROJECT.0))
                    .arg("row", i + 1)
                    .arg("name", crate::text::visible(named, false)),
            );
        }
    }
    for (i, sheet) in sheets.iter().enumerate() {
        let name = sheet.text(project::keys::NAME).trim();
        let (Some(spent), Some(sf)) = (fig.projects[i].spent, special_funds_of(pkg, name).filter(|_| !name.is_empty()))
        else {
            continue;
        };
        if differs(sf[funds::FINAL], spent, mt) {
            let row = pkg
                .rows(basic::SPECIAL_FUNDS)
                .iter()
                .position(|r| r.text(special::PROJECT) == name)
                .map_or(1, |r| r + 1);
            out.push(
                Issue::new("W-19", "", cell_path(basic::SPECIAL_FUNDS.0, row, special::FINAL.0))
                    .arg("name", crate::text::visible(name, false))
                    .arg("special", fmt(sf[funds::FINAL]))
                    .arg("spent", fmt(spent)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::count_items;

    /// W-15's count: an item starts a text or follows a line break, `。`, `；` or a space,
    /// and is numerals then `、` `.` `．`; a decimal (`1.5`) and a number at the very end are
    /// not items, and nothing is read past the end.
    #[test]
    fn count_items_counts_enumerations_not_numbers() {
        for (text, n) in [
            ("", 0),
            ("1、甲\n2、乙", 2),
            ("1.甲 2.乙", 2),
            ("1．甲；2．乙；3．丙", 3),
            ("一、甲。二、乙。", 2),
            ("1、5 项任务", 1),
            ("1.5 万元", 0),
            ("增长 1.5", 0),
            ("共 3", 0),
            ("3", 0),
            ("、甲 、乙", 0),
            ("10、甲\n11、乙", 2),
            ("甲1、乙", 0),
        ] {
            assert_eq!(count_items(text), n, "{text:?}");
        }
    }
}
