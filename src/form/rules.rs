//! Every check of domain.md §3 that the data can show: E-01 … E-20 (errors) and W-01 … W-18
//! (warnings). `check` is pure and returns all issues together with the computed figures.
//! Narrative checks (W-08 … W-15) read the report's figure fields and look for the
//! profile's words in its texts; docs/form-rules.md says which are partial.

use rust_decimal::Decimal;

use super::calc::{self, Direction, Figures, Nature, Outcome};
use super::input::{self, InputError, Phone};
use super::issue::{Issue, input_issue};
use super::package::{Package, Row, canonical};
use super::profile::Profile;
use super::spec::{Calc, FUND_COLUMNS, FundTotal, Kind, cell_path, spec};

/// Checks the whole package.
#[must_use]
pub fn check(pkg: &Package, profile: &Profile) -> (Figures, Vec<Issue>) {
    let fig = calc::compute(pkg, profile);
    let mut out = Vec::new();
    fields(pkg, profile, &mut out);
    stated(pkg, profile, &fig, &mut out);
    sums(pkg, profile, &fig, &mut out);
    indicators(pkg, profile, &fig, &mut out);
    across(pkg, profile, &fig, &mut out);
    narrative(pkg, profile, &fig, &mut out);
    (fig, out)
}

fn fmt(d: Decimal) -> String {
    calc::fixed2(d)
}

fn pct(d: Option<Decimal>) -> String {
    d.map_or_else(|| "—".to_string(), |d| format!("{}%", calc::fixed2(d)))
}

fn differs(a: Decimal, b: Decimal, tol: Decimal) -> bool {
    (a - b).abs() > tol
}

/// E-01, E-02, E-15 (choices) and W-18, field by field.
fn fields(pkg: &Package, profile: &Profile, out: &mut Vec<Issue>) {
    let s = spec();
    for f in &s.fields {
        field_value(&f.key, f.kind, f.required, pkg.text(&f.key), out);
    }
    for t in &s.tables {
        for (i, row) in pkg.rows(t.key).iter().enumerate() {
            let get = |k: &str| row.get(k).map_or("", String::as_str);
            for c in &t.columns {
                let path = cell_path(t.key, i + 1, &c.key);
                let text = get(&c.key);
                match (c.key.as_str(), t.key) {
                    ("level1", _) => choice(&path, text, profile.level1.iter().map(|l| l.name.as_str()), "E-15", out),
                    ("level2", _) => {
                        if let Some(l1) = profile.level1(get("level1")) {
                            choice(&path, text, l1.level2.iter().map(|l| l.name.as_str()), "E-15", out);
                        } else if text.trim().is_empty() {
                            out.push(Issue::new("E-15", "level2_missing", path));
                        }
                    }
                    ("nature", _) => choice(&path, text, Nature::ALL.iter().map(|n| n.symbol()), "E-01", out),
                    ("tier", _) => {
                        let qualitative = Nature::parse(get("nature")) == Some(Nature::Qualitative);
                        if qualitative || !text.trim().is_empty() {
                            choice(&path, text, profile.tiers.iter().map(|t| t.name.as_str()), "E-01", out);
                        }
                    }
                    ("reason", _) => {
                        if !text.trim().is_empty() {
                            field_value(&path, c.kind, false, text, out);
                        }
                    }
                    _ => field_value(&path, c.kind, c.required, text, out),
                }
            }
        }
    }
}

fn field_value(path: &str, kind: Kind, required: bool, text: &str, out: &mut Vec<Issue>) {
    if text.trim().is_empty() {
        if required {
            out.push(input_issue(path, &InputError::Empty));
        }
        return;
    }
    match canonical(kind, text) {
        Err(e) => out.push(input_issue(path, &e).arg("value", crate::text::visible(text, false))),
        Ok(_) if kind == Kind::Phone => {
            if let Ok(Phone::Local(n)) = input::phone(text) {
                out.push(Issue::new("W-18", "", path).arg("value", n));
            }
        }
        Ok(_) => {}
    }
}

fn choice<'a>(
    path: &str,
    text: &str,
    options: impl Iterator<Item = &'a str>,
    rule: &'static str,
    out: &mut Vec<Issue>,
) {
    let opts: Vec<&str> = options.collect();
    if text.trim().is_empty() {
        out.push(input_issue(path, &InputError::Empty));
    } else if !opts.contains(&text.trim()) {
        out.push(
            Issue::new(rule, "not_a_choice", path)
                .arg("value", crate::text::visible(text, false))
                .arg("options", opts.join(" / ")),
        );
    }
}

fn stated_value(pkg: &Package, key: &str) -> Option<Option<Decimal>> {
    let t = pkg.stated.get(key)?.trim();
    if matches!(t, "—" | "-" | "--" | "－" | "") {
        return Some(None);
    }
    Some(input::percent(t).ok().or_else(|| input::money(t).ok()).or_else(|| {
        let f = input::fold_fullwidth(t);
        f.trim().parse::<Decimal>().ok()
    }))
}

/// E-03, E-04, E-05, E-06, E-08, E-11, E-12 (合计分值), E-14: computed cells as printed.
fn stated(pkg: &Package, profile: &Profile, fig: &Figures, out: &mut Vec<Issue>) {
    let pt = profile.percent_tolerance;
    let mt = profile.money_tolerance;
    let mut cmp =
        |calc: Calc, rule: &'static str, path: &str, computed: Option<Decimal>, tol: Decimal, percent: bool| {
            let Some(key) = calc.stated_key() else { return };
            let Some(stated) = stated_value(pkg, &key) else { return };
            let bad = match (stated, computed) {
                (Some(s), Some(c)) => differs(s, c, tol),
                (None, None) => false,
                _ => true,
            };
            if bad {
                let show = |d: Option<Decimal>| if percent { pct(d) } else { d.map_or_else(|| "—".into(), fmt) };
                out.push(
                    Issue::new(rule, "", path)
                        .arg("calc", calc.name())
                        .arg("stated", show(stated))
                        .arg("computed", show(computed)),
                );
            }
        };
    cmp(Calc::ControlRate, "E-03", "basic.staff_quota", fig.control_rate, pt, true);
    for (col, c) in FUND_COLUMNS.iter().enumerate() {
        cmp(
            Calc::FundTotal(FundTotal::ThreePublic, col),
            "E-04",
            &format!("basic.funds.abroad.{c}"),
            Some(fig.three_public[col]),
            mt,
            false,
        );
        cmp(
            Calc::FundTotal(FundTotal::Car, col),
            "E-05",
            &format!("basic.funds.car_operation.{c}"),
            Some(fig.car[col]),
            mt,
            false,
        );
        cmp(
            Calc::FundTotal(FundTotal::Projects, col),
            "E-06",
            &format!("basic.funds.project_business.{c}"),
            Some(fig.projects[col]),
            mt,
            false,
        );
    }
    cmp(Calc::ExecRate, "E-11", "self_eval.spent", fig.exec_rate, pt, true);
    cmp(Calc::ExecScore, "E-11", "self_eval.spent", fig.exec_score, profile.score_tolerance / Decimal::TWO, false);
    cmp(Calc::TotalWeight, "E-12", "self_eval.indicators", Some(fig.total_weight), mt, false);
    cmp(Calc::TotalScore, "E-14", "self_eval.indicators", Some(fig.total_score), mt, false);
    for (i, (area, inv)) in fig.buildings.iter().enumerate() {
        for (name, computed, path_col) in
            [("area_rate", area, "actual_area"), ("investment_rate", inv, "actual_investment")]
        {
            let key = format!("basic.buildings.{}.{name}", i + 1);
            if let Some(stated) = stated_value(pkg, &key) {
                let bad = match (stated, computed) {
                    (Some(s), Some(c)) => differs(s, *c, pt),
                    (None, None) => false,
                    _ => true,
                };
                if bad {
                    out.push(
                        Issue::new("E-08", "", cell_path("basic.buildings", i + 1, path_col))
                            .arg("calc", name)
                            .arg("stated", pct(stated))
                            .arg("computed", pct(*computed)),
                    );
                }
            }
        }
    }
}

/// E-07, E-09, E-10, E-17 and the money warnings W-01 … W-04, W-16.
fn sums(pkg: &Package, profile: &Profile, fig: &Figures, out: &mut Vec<Issue>) {
    let mt = profile.money_tolerance;
    for (col, c) in FUND_COLUMNS.iter().enumerate() {
        let total = pkg.money0(&format!("basic.funds.public_funds.{c}"));
        if fig.public_parts[col] > total + mt {
            out.push(
                Issue::new("E-07", "", format!("basic.funds.public_funds.{c}"))
                    .arg("parts", fmt(fig.public_parts[col]))
                    .arg("total", fmt(total)),
            );
        }
    }
    if let Some(spent) = pkg.money("self_eval.spent") {
        let income: Decimal = ["income_general", "income_fund", "income_special_account", "income_other"]
            .iter()
            .map(|k| pkg.money0(&format!("self_eval.{k}")))
            .sum();
        if differs(income, spent, mt) {
            out.push(
                Issue::new("E-09", "", "self_eval.income_general").arg("sum", fmt(income)).arg("spent", fmt(spent)),
            );
        }
        let spend = pkg.money0("self_eval.spend_basic") + pkg.money0("self_eval.spend_project");
        if differs(spend, spent, mt) {
            out.push(Issue::new("E-10", "", "self_eval.spend_basic").arg("sum", fmt(spend)).arg("spent", fmt(spent)));
        }
        if let Some(initial) = pkg.money("self_eval.budget_initial") {
            let adjusted =
                FUND_COLUMNS.iter().any(|c| !pkg.text(&format!("basic.funds.budget_adjustment.{c}")).trim().is_empty());
            if !adjusted && differs(spent, initial, mt) {
                out.push(
                    Issue::new("W-16", "", "basic.funds.budget_adjustment.final")
                        .arg("spent", fmt(spent))
                        .arg("initial", fmt(initial)),
                );
            }
        }
    }
    if let Some(project) = pkg.money("self_eval.spend_project") {
        if differs(fig.projects[2], project, mt) {
            out.push(
                Issue::new("E-17", "", "self_eval.spend_project")
                    .arg("basic", fmt(fig.projects[2]))
                    .arg("self_eval", fmt(project)),
            );
        }
    }
    if let Some(r) = fig.control_rate.filter(|r| *r > Decimal::ONE_HUNDRED) {
        out.push(Issue::new("W-01", "", "basic.staff_actual").arg("rate", pct(Some(r))));
    }
    let [prev, budget, fin] = fig.three_public;
    if fin > budget + mt {
        out.push(
            Issue::new("W-02", "budget", "basic.funds.reception.final")
                .arg("final", fmt(fin))
                .arg("budget", fmt(budget)),
        );
    }
    if fin > prev + mt {
        let change = calc::rate(fin - prev, prev).map_or_else(|| "—".into(), |d| format!("+{d}%"));
        out.push(
            Issue::new("W-02", "growth", "basic.funds.reception.final")
                .arg("final", fmt(fin))
                .arg("prev", fmt(prev))
                .arg("change", change),
        );
    }
    let pf = |c: &str| pkg.money0(&format!("basic.funds.public_funds.{c}"));
    if pf("final") > pf("budget") + mt {
        out.push(
            Issue::new("W-03", "", "basic.funds.public_funds.final")
                .arg("final", fmt(pf("final")))
                .arg("budget", fmt(pf("budget"))),
        );
    }
    if fig.exec_base.is_some_and(|b| b.is_zero()) && pkg.money("self_eval.spent").is_some() {
        // 年初预算数 0 and no 全年预算数: no rate, and the execution points are 0. Say why.
        out.push(Issue::new("E-11", "no_base", "self_eval.budget_full").arg("weight", fmt(profile.exec_weight)));
    }
    if let Some(r) = fig.exec_rate {
        let variant = if r > profile.exec_high {
            "over"
        } else if r < profile.exec_low {
            "under"
        } else {
            ""
        };
        if !variant.is_empty() {
            out.push(
                Issue::new("W-04", variant, "self_eval.spent")
                    .arg("rate", pct(Some(r)))
                    .arg("low", fmt(profile.exec_low))
                    .arg("high", fmt(profile.exec_high)),
            );
        }
    }
}

/// E-12 … E-16 and W-05 … W-08 on the indicator table.
fn indicators(pkg: &Package, profile: &Profile, fig: &Figures, out: &mut Vec<Issue>) {
    const T: &str = "self_eval.indicators";
    let rows = pkg.rows(T);
    if differs(fig.indicator_weights, profile.indicator_total, profile.money_tolerance) {
        out.push(
            Issue::new("E-12", "sum", T)
                .arg("sum", fmt(fig.indicator_weights))
                .arg("want", fmt(profile.indicator_total)),
        );
    }
    for l in profile.level1.iter().filter(|l| l.required) {
        if !rows.iter().any(|r| r.get("level1").map(String::as_str) == Some(l.name.as_str())) {
            out.push(Issue::new("E-15", "missing_level1", T).arg("level1", &l.name));
        }
    }
    let spent_over = match (pkg.money("self_eval.spent"), fig.exec_base) {
        (Some(s), Some(b)) => s > b + profile.money_tolerance,
        _ => false,
    };
    let cost = profile.level1.iter().find(|l| l.key == "cost").map(|l| l.name.as_str());
    for (i, (row, prop)) in rows.iter().zip(&fig.indicators).enumerate() {
        let n = i + 1;
        let get = |k: &str| row.get(k).map_or("", String::as_str);
        let weight = input::score(get("weight")).ok();
        let score = input::score(get("score")).ok();
        if let (Some(w), Some(s)) = (weight, score) {
            if s > w {
                out.push(Issue::new("E-13", "", cell_path(T, n, "score")).arg("score", fmt(s)).arg("weight", fmt(w)));
            }
        }
        let below = matches!((weight, score), (Some(w), Some(s)) if s < w);
        if (below || prop.outcome.missed()) && get("reason").trim().is_empty() {
            out.push(Issue::new("E-16", "", cell_path(T, n, "reason")).arg("row", n));
        }
        if let Some(s) = score {
            if let Some(p) = prop.score.filter(|p| differs(*p, s, profile.score_tolerance)) {
                out.push(Issue::new("W-05", "", cell_path(T, n, "score")).arg("entered", fmt(s)).arg("rule", fmt(p)));
            } else if let Some((lo, hi)) = prop.band.filter(|(lo, hi)| s < *lo || s > *hi) {
                out.push(
                    Issue::new("W-05", "band", cell_path(T, n, "score"))
                        .arg("entered", fmt(s))
                        .arg("min", fmt(lo))
                        .arg("max", fmt(hi)),
                );
            }
        }
        target_direction(row, prop, &cell_path(T, n, "target"), out);
        if let Outcome::Over(r) = prop.outcome {
            out.push(
                Issue::new("W-06", "", cell_path(T, n, "actual"))
                    .arg("ratio", format!("{r}%"))
                    .arg("limit", format!("{}%", fmt(profile.over_achievement * Decimal::ONE_HUNDRED))),
            );
        }
        let claims_within = profile
            .narrative
            .within_budget_words
            .iter()
            .any(|w| get("target").contains(w.as_str()) || get("actual").contains(w.as_str()));
        if spent_over && claims_within && cost == Some(get("level1")) {
            out.push(Issue::new("W-08", "", cell_path(T, n, "actual")).arg("rate", pct(fig.exec_rate)));
        }
    }
    for g in &profile.weight_group {
        let sum: Decimal = fig.levels.iter().filter(|l| g.levels.contains(&l.name)).map(|l| l.weight).sum();
        if !rows.is_empty() && differs(sum, g.weight, profile.money_tolerance) {
            out.push(
                Issue::new("W-07", "", T)
                    .arg("levels", g.levels.join("+"))
                    .arg("sum", fmt(sum))
                    .arg("want", fmt(g.weight)),
            );
        }
    }
}

/// W-05 on a quantitative row whose rule score cannot be trusted: the target's direction
/// cannot be read or contradicts the 指标性质, or target and actual cannot be compared.
fn target_direction(row: &Row, prop: &calc::Proposal, path: &str, out: &mut Vec<Issue>) {
    let get = |k: &str| row.get(k).map_or("", String::as_str);
    let Some(nature) = Nature::parse(get("nature")).filter(|n| *n != Nature::Qualitative) else { return };
    let value = crate::text::visible(get("target"), false);
    match calc::direction(get("target")) {
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
        if !get("target").trim().is_empty() && !get("actual").trim().is_empty() {
            out.push(
                Issue::new("W-05", why, path)
                    .arg("target", value)
                    .arg("actual", crate::text::visible(get("actual"), false)),
            );
        }
    }
}

/// E-18, E-19, E-20, W-13, W-14 (staff figures): one package, three documents.
fn across(pkg: &Package, profile: &Profile, fig: &Figures, out: &mut Vec<Issue>) {
    let names: Vec<(&str, &str)> = ["basic.unit_name", "self_eval.unit_name", "report.unit_name"]
        .into_iter()
        .map(|k| (k, pkg.text(k).trim()))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    if let Some((_, first)) = names.first() {
        for (k, t) in &names[1..] {
            if t != first {
                out.push(Issue::new("E-18", "unit", *k).arg("a", *first).arg("b", *t));
            }
        }
    }
    let (h1, h2) = (pkg.text("basic.head").trim(), pkg.text("self_eval.head").trim());
    if !h1.is_empty() && !h2.is_empty() && h1 != h2 {
        out.push(Issue::new("E-18", "head", "self_eval.head").arg("a", h1).arg("b", h2));
    }
    for f in spec().fields.iter().filter(|f| f.key.starts_with("report.") && f.kind == Kind::LongText) {
        for (ln, line) in pkg.text(&f.key).lines().enumerate() {
            if let Some(numeral) = top_heading(line) {
                out.push(Issue::new("E-19", "", f.key.clone()).arg("numeral", numeral).arg("line", ln + 1));
            }
        }
    }
    if let Some(stated) = pkg.score("report.score") {
        if differs(stated, fig.total_score, profile.money_tolerance) {
            out.push(
                Issue::new("E-20", "score", "report.score")
                    .arg("report", fmt(stated))
                    .arg("table", fmt(fig.total_score)),
            );
        }
    }
    if let Some(total) = pkg.money("report.basic_total") {
        let parts: Decimal = ["basic_wages", "basic_goods", "basic_households", "basic_capital"]
            .iter()
            .map(|k| pkg.money0(&format!("report.{k}")))
            .sum();
        if differs(parts, total, profile.money_tolerance) {
            out.push(
                Issue::new("E-20", "parts", "report.basic_wages").arg("parts", fmt(parts)).arg("total", fmt(total)),
            );
        }
        if let Some(se) = pkg.money("self_eval.spend_basic") {
            if differs(se, total, profile.money_tolerance) {
                out.push(
                    Issue::new("E-20", "basic", "report.basic_total").arg("report", fmt(total)).arg("table", fmt(se)),
                );
            }
        }
    }
    let dates: Vec<(&str, _)> = ["basic.filing_date", "self_eval.filing_date", "report.cover_date"]
        .into_iter()
        .filter_map(|k| pkg.date(k).map(|d| (k, d)))
        .collect();
    if let Some((_, d0)) = dates.first() {
        for (k, d) in &dates[1..] {
            if d != d0 {
                out.push(Issue::new("W-13", "differ", *k).arg("a", d0.iso()).arg("b", d.iso()));
            }
        }
    }
    if let Some(y) = pkg.fiscal_year() {
        for (k, d) in &dates {
            if d.year <= y {
                out.push(Issue::new("W-13", "early", *k).arg("date", d.iso()).arg("year", y));
            }
        }
    }
    for (report, basic) in [("report.staff_quota", "basic.staff_quota"), ("report.staff_actual", "basic.staff_actual")]
    {
        if let (Some(a), Some(b)) = (pkg.int(report), pkg.int(basic)) {
            if a != b {
                out.push(Issue::new("W-14", "staff", basic).arg("report", a).arg("basic", b));
            }
        }
    }
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
fn narrative(pkg: &Package, profile: &Profile, _fig: &Figures, out: &mut Vec<Issue>) {
    let words = &profile.narrative;
    let report_text: String = spec()
        .fields
        .iter()
        .filter(|f| f.key.starts_with("report.") && f.kind == Kind::LongText)
        .map(|f| pkg.text(&f.key))
        .collect::<Vec<_>>()
        .join("\n");
    let mentions = |list: &[String]| list.iter().find(|w| report_text.contains(w.as_str())).cloned();
    let car_op = pkg.money0("basic.funds.car_operation.final") + pkg.money0("basic.funds.car_purchase.final");
    match mentions(&words.vehicle_words) {
        Some(w) if car_op.is_zero() => {
            out.push(Issue::new("W-09", "mention", "basic.funds.car_operation.final").arg("word", w))
        }
        None if !car_op.is_zero() => {
            out.push(Issue::new("W-09", "silent", "basic.funds.car_operation.final").arg("amount", fmt(car_op)))
        }
        _ => {}
    }
    let contract_staff = pkg.int("report.staff_contract").unwrap_or(0);
    let contract_cost = pkg.money0("basic.funds.project_contract_staff.final");
    if contract_cost.is_zero() {
        if contract_staff > 0 {
            out.push(
                Issue::new("W-10", "count", "basic.funds.project_contract_staff.final").arg("count", contract_staff),
            );
        } else if let Some(w) = mentions(&words.contract_staff_words) {
            out.push(Issue::new("W-10", "mention", "basic.funds.project_contract_staff.final").arg("word", w));
        }
    }
    if let (Some(total), Some(pf)) = (pkg.money("report.basic_total"), pkg.money("basic.funds.public_funds.final")) {
        let derived = total - pkg.money0("report.basic_wages") - pkg.money0("report.basic_households");
        if !derived.is_zero()
            && (pf - derived).abs() * Decimal::ONE_HUNDRED > derived.abs() * profile.public_funds_tolerance
        {
            out.push(
                Issue::new("W-11", "", "basic.funds.public_funds.final")
                    .arg("basic", fmt(pf))
                    .arg("derived", fmt(derived))
                    .arg("tolerance", fmt(profile.public_funds_tolerance)),
            );
        }
    }
    if let Some(general) = pkg.money("report.general_total") {
        let spend = pkg.money0("report.basic_total") + pkg.money0("report.project_total");
        if general + profile.money_tolerance < spend {
            out.push(
                Issue::new("W-12", "less", "report.general_total")
                    .arg("general", fmt(general))
                    .arg("spend", fmt(spend)),
            );
        }
    }
    let others = pkg.money0("self_eval.income_fund")
        + pkg.money0("self_eval.income_special_account")
        + pkg.money0("self_eval.income_other");
    if let Some(w) = mentions(&words.all_general_words) {
        if !others.is_zero() {
            out.push(
                Issue::new("W-12", "all_general", "report.general_text").arg("word", w).arg("others", fmt(others)),
            );
        }
    }
    let (a, b) = (count_items(pkg.text("report.functions")), count_items(pkg.text("self_eval.goal_expected")));
    if a > 0 && b > 0 && a != b {
        out.push(Issue::new("W-15", "", "self_eval.goal_expected").arg("report", a).arg("goals", b));
    }
    if pkg.text("report.project_text").trim().is_empty() {
        out.push(Issue::new("W-17", "", "report.project_text"));
    }
}
