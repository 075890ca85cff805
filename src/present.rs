//! Issues, field names and scores as text in the user's language: shared by `check`, the
//! report's notes, plain mode and the wizard, so a message reads the same everywhere. Every
//! name comes from the package's form definition: a path inside a project sheet reads
//! "项目 2《…》· 绩效指标 第 3 行 · 得分".

use std::collections::HashMap;

use crate::form::def::{Score, Target};
use crate::form::scoring::fixed2;
use crate::form::{Issue, Package, Profile, Severity};
use crate::i18n::Catalog;
use crate::text::visible;

pub use crate::form::names::{instance, label};

/// A duration of `secs` seconds in words, in the catalog's language: "刚才", "3 分钟前"…
/// Said when shown, so a language switched on the welcome screen says it anew.
#[must_use]
pub fn ago(secs: u64, cat: &Catalog) -> String {
    let (n, one, many) = match secs {
        0..60 => return cat.tr("time.just_now").to_string(),
        60..3600 => (secs / 60, "time.minute", "time.minutes"),
        3600..86_400 => (secs / 3600, "time.hour", "time.hours"),
        _ => (secs / 86_400, "time.day", "time.days"),
    };
    // One and more are said apart ("a minute ago", "2 minutes ago").
    if n == 1 { cat.tr(one).to_string() } else { cat.fmt(many, &[("n", n.to_string())]) }
}

/// The message of an issue in the user's language.
#[must_use]
pub fn message(pkg: &Package, issue: &Issue, cat: &Catalog) -> String {
    let expected = match pkg.form().resolve(&issue.path).map(|r| r.target) {
        Some(Target::Field(f)) => f.kind.expect_key(),
        Some(Target::Cell(_, _, c)) => c.kind.expect_key(),
        _ => "expect.choice",
    };
    let mut args: Vec<(&str, String)> = issue
        .args
        .iter()
        .map(|(k, v)| match *k {
            "calc" => (*k, cat.tr(&format!("calc.{v}.label")).to_string()),
            // A locale key naming what a figure is (W-22).
            "what" => (*k, cat.tr(v).to_string()),
            "other" => (*k, crate::form::names::located(pkg, v, cat)),
            _ => (*k, v.clone()),
        })
        .collect();
    // Where the issue itself is, for messages that name two places (E-18).
    args.push(("here", crate::form::names::located(pkg, &issue.path, cat)));
    args.push(("expected", cat.tr(expected).to_string()));
    cat.fmt(&issue.message_key(), &args)
}

/// "错误" / "警告".
#[must_use]
pub fn severity(issue: &Issue, cat: &Catalog) -> &'static str {
    let key = match issue.severity() {
        Severity::Error => "present.error",
        Severity::Warning => "present.warning",
    };
    // Catalog strings live as long as the static catalog.
    Catalog::get(cat.lang).tr(key)
}

/// One line for `check`: `错误 E-03 基础数据表·编制数 (12:1)：message`.
#[must_use]
pub fn issue_line(pkg: &Package, issue: &Issue, cat: &Catalog, spans: &HashMap<String, (usize, usize)>) -> String {
    let at = spans
        .get(&issue.path)
        .map(|(l, c)| cat.fmt("present.at", &[("line", l.to_string()), ("col", c.to_string())]))
        .unwrap_or_default();
    cat.fmt(
        "present.issue_line",
        &[
            ("severity", severity(issue, cat).to_string()),
            ("rule", issue.rule.to_string()),
            ("field", label(pkg, &issue.path, cat)),
            ("at", at),
            ("message", message(pkg, issue, cat)),
        ],
    )
}

/// A computed cell's value as shown, the screen and plain mode alike: an amount or a score
/// with 2 decimals (`10.00 / 10.00` with its maximum), a rate with `%`, a grade, a rule score
/// (`建议分`), or a 定性 row's band (`3.00-3.99`), `?` when a rule score cannot be worked out
/// yet. `none` where there is nothing to show (the screen's `-` is narrow on every terminal).
#[must_use]
pub fn figure(f: Option<&crate::form::def::Figure>, cat: &Catalog, none: &str) -> String {
    use crate::form::def::Figure;
    use crate::form::scoring::Outcome;
    match f {
        None | Some(Figure::Score(None, _) | Figure::Percent(None)) => none.to_string(),
        Some(Figure::Money(d)) => fixed2(*d),
        Some(Figure::Percent(Some(d))) => format!("{}%", fixed2(*d)),
        Some(Figure::Score(Some(s), None)) => fixed2(*s),
        Some(Figure::Score(Some(s), Some(of))) => format!("{} / {}", fixed2(*s), fixed2(*of)),
        Some(Figure::Grade(g)) => g.as_ref().map_or_else(|| none.to_string(), |g| grade(Some(g), cat)),
        Some(Figure::Proposal(p)) => match (p.score, p.band, &p.outcome) {
            (Some(s), _, _) => fixed2(s),
            (None, Some((lo, hi)), _) => format!("{}-{}", fixed2(lo), fixed2(hi)),
            (None, None, Outcome::Unscorable(_)) => "?".into(),
            _ => none.to_string(),
        },
    }
}

/// A grade's name in the user's language.
#[must_use]
pub fn grade(g: Option<&crate::form::profile::Grade>, cat: &Catalog) -> String {
    g.map_or_else(|| "—".to_string(), |g| cat.try_tr(&format!("grade.{}", g.key)).unwrap_or(&g.name).to_string())
}

/// How a computed cell is worked out (`calc.<name>.formula`), with the numbers of `profile`
/// (the execution points, their cap, Σ 三级分值, the total).
#[must_use]
pub fn formula(name: &str, profile: &Profile, cat: &Catalog) -> String {
    let n = |d: rust_decimal::Decimal| d.normalize().to_string();
    cat.fmt(
        &format!("calc.{name}.formula"),
        &[
            ("weight", n(profile.exec_weight)),
            ("cap", n(profile.exec_cap)),
            ("total", n(profile.indicator_total)),
            ("sum", n(profile.exec_weight + profile.indicator_total)),
        ],
    )
}

/// The score breakdown of one sheet, one line each: each part with the rule behind it, each
/// 一级, and the total with its grade.
#[must_use]
pub fn score_lines(score: &Score, profile: &Profile, cat: &Catalog) -> Vec<String> {
    let d2 = fixed2;
    let mut out = vec![cat.tr("present.score_heading").to_string()];
    for p in &score.parts {
        let want = p.want.map_or_else(String::new, |w| cat.fmt("present.score_want", &[("want", d2(w))]));
        let rate =
            p.rate.map_or_else(String::new, |r| cat.fmt("present.score_rate", &[("rate", format!("{}%", d2(r)))]));
        out.push(cat.fmt(
            "present.score_part",
            &[
                ("part", cat.tr(p.label).to_string()),
                ("rate", rate),
                ("score", p.score.map_or_else(|| "—".into(), d2)),
                ("weight", d2(p.weight)),
                ("want", want),
                ("rule", formula(p.rule.trim_start_matches("calc.").trim_end_matches(".formula"), profile, cat)),
            ],
        ));
        if p.label == "score.indicators" {
            for l in &score.levels {
                let name = profile.level1(&l.name).map_or_else(
                    || visible(&l.name, false),
                    |pl| cat.try_tr(&format!("level1.{}", pl.key)).unwrap_or(&l.name).to_string(),
                );
                out.push(
                    cat.fmt(
                        "present.score_level",
                        &[("level", name), ("score", d2(l.score)), ("weight", d2(l.weight))],
                    ),
                );
            }
        }
    }
    out.push(cat.fmt(
        "present.score_total",
        &[("score", d2(score.total)), ("weight", d2(score.weight)), ("grade", grade(score.grade.as_ref(), cat))],
    ));
    out
}

/// The line above last year's text wherever it is shown (F1, plain mode's `?`): whose text it
/// is, and that it is no value of this year's.
#[must_use]
pub fn reference_heading(pkg: &Package, cat: &Catalog) -> String {
    match crate::form::carry::source_year(pkg) {
        Some(year) => cat.fmt("present.reference_heading", &[("year", year.to_string())]),
        None => cat.tr("present.reference_heading_any").to_string(),
    }
}

/// One entry of what is still last year's (the review, plain mode's `:review`): the field, and
/// that only last year's text exists for it.
#[must_use]
pub fn still_line(pkg: &Package, path: &str, cat: &Catalog) -> String {
    let year = crate::form::carry::source_year(pkg).map_or_else(String::new, |y| y.to_string());
    cat.fmt("present.still_last_year", &[("field", label(pkg, path, cat)), ("year", year)])
}

#[cfg(test)]
mod tests {
    use super::ago;
    use crate::i18n::{Catalog, Lang};

    /// Ages in words, one apart from more ("1 minutes ago" was said).
    #[test]
    fn an_age_says_one_and_more_apart() {
        let (en, zh) = (Catalog::get(Lang::En), Catalog::get(Lang::ZhCn));
        for (secs, e, z) in [
            (5, "just now", "刚才"),
            (60, "a minute ago", "1 分钟前"),
            (150, "2 minutes ago", "2 分钟前"),
            (3600, "an hour ago", "1 小时前"),
            (7300, "2 hours ago", "2 小时前"),
            (86_400, "a day ago", "1 天前"),
            (3 * 86_400, "3 days ago", "3 天前"),
        ] {
            assert_eq!((ago(secs, en), ago(secs, zh)), (e.to_string(), z.to_string()), "{secs}");
        }
    }
}
