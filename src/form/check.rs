//! Checks every form shares, driven by its definition: each field and table cell against its
//! kind (E-01 required and well-formed, E-02 numbers), each choice against its list (E-01,
//! E-15 for the indicator vocabulary), W-18 for a bare local phone number; and the comparison
//! of a `[stated]` transcription with the computed value (E-03, E-04 …).

use rust_decimal::Decimal;

use super::def::{Choices, Kind, cell_path};
use super::input::{self, InputError, Phone};
use super::issue::{Issue, input_issue};
use super::package::{Cell, Package};
use super::profile::Profile;
use super::scoring::{Nature, differs, fixed2};

/// E-01, E-02, choices (E-01/E-15) and W-18 on every field and table cell of `pkg` (not its
/// group instances: each instance is checked on its own form).
pub fn fields(pkg: &Package, profile: &Profile, out: &mut Vec<Issue>) {
    let form = pkg.form();
    for f in &form.fields {
        value(f.key, f.kind, f.required, pkg.cell_at(f.key), None, profile, out);
    }
    for t in &form.tables {
        for (i, row) in pkg.rows_at(t.key).iter().enumerate() {
            for c in &t.columns {
                let path = cell_path(t.key, i + 1, c.key);
                value(&path, c.kind, c.required, row.cell(c.key), Some(row), profile, out);
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn value(
    path: &str,
    kind: Kind,
    required: bool,
    cell: Option<&Cell>,
    row: Option<&super::package::Row>,
    profile: &Profile,
    out: &mut Vec<Issue>,
) {
    let text = cell.map_or("", Cell::text);
    if let Kind::Choice(ch) = kind {
        choice(path, text, ch, required, row, profile, out);
        return;
    }
    if text.trim().is_empty() {
        if required {
            out.push(input_issue(path, &InputError::Empty));
        }
        return;
    }
    if matches!(kind, Kind::Line | Kind::LongText | Kind::Name) {
        // E-24 / W-20: the template's own prompt left in the cell (issue 19).
        if let Some(found) = template_text(text, required) {
            let rule = if required { "E-24" } else { "W-20" };
            out.push(Issue::new(rule, "", path).arg("found", crate::text::visible(&found, false)));
        }
        // W-23: markup from a web page or an extraction.
        if let Some(found) = web_residue(text) {
            out.push(Issue::new("W-23", "", path).arg("found", found));
        }
    }
    match cell.and_then(Cell::error) {
        Some(e) => out.push(input_issue(path, e).arg("value", crate::text::visible(text, false))),
        None if kind == Kind::Phone => {
            if let Ok(Phone::Local(n)) = input::phone(text) {
                out.push(Issue::new("W-18", "", path).arg("value", n));
            }
        }
        None => {}
    }
}

/// Prompts of the official templates that are not an answer.
const PROMPTS: &[&str] = &[
    "请填写",
    "请输入",
    "此处填写",
    "根据实际情况填写",
    "按实际情况填写",
    "填写说明",
    "（填写",
    "(填写",
    "（如有",
    "(如有",
];

/// What stands for "nothing" in a cell: an answer for an optional one, not for a required one.
const DASHES: &[&str] = &["/", "—", "——", "-", "--", "…", "...", "、", "无内容"];

/// The template text left in a cell, if any (issue 19): a template prompt (`请填写…`,
/// `（根据实际情况填写）`, `此处填写`), an example (`例：…`), a run of placeholder letters (`XX`,
/// `××`), or — in a required cell — a lone `/` or `—`.
#[must_use]
pub fn template_text(text: &str, required: bool) -> Option<String> {
    let folded = input::fold_fullwidth(text);
    let t = folded.trim();
    if required && DASHES.contains(&t) {
        return Some(t.to_string());
    }
    if let Some(p) = PROMPTS.iter().find(|p| t.contains(**p)) {
        return Some((*p).to_string());
    }
    for ex in ["例：", "例:", "例如：", "例如:"] {
        if t.starts_with(ex) {
            return Some(ex.to_string());
        }
    }
    // Two or more placeholder letters standing alone (`XX单位`, `××年`), not part of a word.
    let mark = |c: char| matches!(c, 'X' | 'x' | '×' | '✕');
    if !t.contains(mark) {
        return None;
    }
    let chars: Vec<char> = t.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if mark(chars[i]) {
            let start = i;
            while i < chars.len() && mark(chars[i]) {
                i += 1;
            }
            let alone = (start == 0 || !chars[start - 1].is_ascii_alphanumeric())
                && (i == chars.len() || !chars[i].is_ascii_alphanumeric());
            if i - start >= 2 && alone {
                return Some(chars[start..i].iter().collect());
            }
        } else {
            i += 1;
        }
    }
    None
}

/// What web markup looks like in a text (W-23), lower case.
const WEB_MARKS: &[&str] = &[
    "<p>", "</p>", "<p ", "<br>", "<br/>", "<br />", "<div", "</div>", "<span", "</span>", "&nbsp;", "&lt;", "&gt;",
    "&amp;", "&quot;", "&#",
];

/// Markup left from a web page or a document extraction (`<p>`, `<br>`, `&nbsp;` …), the first
/// found.
#[must_use]
pub fn web_residue(text: &str) -> Option<String> {
    // Every mark starts with `<` or `&` (a test says so): most texts hold neither.
    if !text.contains(['<', '&']) {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    WEB_MARKS.iter().find(|m| lower.contains(**m)).map(|m| (*m).to_string())
}

/// A text without web markup: `<br>` and paragraph ends become line breaks, other tags go,
/// entities become their characters; blank lines left by that are folded.
#[must_use]
pub fn without_web_residue(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let tail = &rest[lt..];
        match tail.find('>') {
            Some(gt) if gt < 40 && tail[1..gt].chars().all(|c| c.is_ascii_alphanumeric() || " /=\"'-_".contains(c)) => {
                let tag = tail[1..gt].trim().to_ascii_lowercase();
                if tag.starts_with("br") || tag == "/p" || tag == "/div" {
                    out.push('\n');
                }
                rest = &tail[gt + 1..];
            }
            _ => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    let out = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let mut lines: Vec<&str> = out.lines().map(str::trim_end).collect();
    lines.dedup_by(|a, b| a.trim().is_empty() && b.trim().is_empty());
    lines.join("\n").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn w23_every_web_mark_starts_with_what_the_quick_look_seeks() {
        for m in WEB_MARKS {
            assert!(m.starts_with(['<', '&']), "{m}");
            assert_eq!(web_residue(&format!("正文{}正文", m.to_uppercase())).as_deref(), Some(*m));
        }
        assert_eq!(web_residue("正文，没有标记 a<b"), None);
    }

    #[test]
    fn e24_placeholder_letters_are_found_only_where_they_stand() {
        assert_eq!(template_text("XX单位", true).as_deref(), Some("XX"));
        assert_eq!(template_text("××年度", false).as_deref(), Some("××"));
        assert_eq!(template_text("Xbox 一台", true), None);
        assert_eq!(template_text("已完成", true), None);
    }

    #[test]
    fn template_prompts_examples_and_placeholders_are_found() {
        for (t, want) in [
            ("请填写单位职能", "请填写"),
            ("（根据实际情况填写）", "根据实际情况填写"),
            ("例：按时完成", "例:"),
            ("XX单位", "XX"),
            ("××年度", "××"),
            ("ＸＸ科", "XX"),
        ] {
            assert_eq!(template_text(t, false).as_deref(), Some(want), "{t}");
        }
        assert_eq!(template_text("/", true).as_deref(), Some("/"));
        assert_eq!(template_text("—", false), None, "an optional cell may say nothing so");
        for ok in ["岳阳市城管支队", "Windows XP 电脑 2 台", "XXL 号服装", "无", "按期完成"] {
            assert_eq!(template_text(ok, true), None, "{ok}");
        }
    }

    #[test]
    fn web_markup_is_found_and_removed() {
        assert_eq!(web_residue("<p>一、加强领导</p>").as_deref(), Some("<p>"));
        assert_eq!(web_residue("a&nbsp;b").as_deref(), Some("&nbsp;"));
        assert_eq!(web_residue("x < y 且 y > z"), None);
        assert_eq!(without_web_residue("<p>一、加强领导</p><p>二、完善制度</p>"), "一、加强领导\n二、完善制度");
        assert_eq!(without_web_residue("甲<br/>乙&nbsp;丙 &lt;丁&gt;"), "甲\n乙 丙 <丁>");
        assert_eq!(without_web_residue("x < y 且 y > z"), "x < y 且 y > z");
    }
}

/// The stored values a choice offers (in its row, for a 二级).
#[must_use]
pub fn options(ch: Choices, row: Option<&super::package::Row>, profile: &Profile) -> Vec<String> {
    match ch {
        Choices::Level1 => profile.level1.iter().map(|l| l.name.clone()).collect(),
        Choices::Level2(parent) => level2_options(profile, row.map_or("", |r| r.text(parent))),
        Choices::Nature => Nature::ALL.iter().map(|n| n.symbol().to_string()).collect(),
        Choices::Tier => profile.tiers.iter().map(|t| t.name.clone()).collect(),
    }
}

/// The 二级 names the profile allows under the 一级 `level1` (none for an unknown 一级).
#[must_use]
pub fn level2_options(profile: &Profile, level1: &str) -> Vec<String> {
    profile.level1(level1).map(|l| l.level2.iter().map(|m| m.name.clone()).collect()).unwrap_or_default()
}

#[allow(clippy::too_many_arguments)]
fn choice(
    path: &str,
    text: &str,
    ch: Choices,
    required: bool,
    row: Option<&super::package::Row>,
    profile: &Profile,
    out: &mut Vec<Issue>,
) {
    // The indicator vocabulary is E-15 (domain §3); other lists are E-01.
    let rule = if matches!(ch, Choices::Level1 | Choices::Level2(_)) { "E-15" } else { "E-01" };
    let opts = options(ch, row, profile);
    if let Choices::Level2(parent) = ch {
        let parent_ok = row.is_some_and(|r| profile.level1(r.text(parent)).is_some());
        if !parent_ok {
            if text.trim().is_empty() {
                out.push(Issue::new("E-15", "level2_missing", path));
            }
            return;
        }
    }
    if text.trim().is_empty() {
        if required {
            out.push(input_issue(path, &InputError::Empty));
        }
    } else if !opts.iter().any(|o| o == text.trim()) {
        out.push(
            Issue::new(rule, "not_a_choice", path)
                .arg("value", crate::text::visible(text, false))
                .arg("options", opts.join(" / ")),
        );
    }
}

/// A `[stated]` value as a number: `Some(None)` for a printed "—", `None` when not stated.
#[must_use]
pub fn stated_value(pkg: &Package, key: &str) -> Option<Option<Decimal>> {
    let t = pkg.stated.get(key)?.trim();
    if matches!(t, "—" | "-" | "--" | "－" | "") {
        return Some(None);
    }
    Some(input::percent(t).ok().or_else(|| input::money(t).ok()).or_else(|| {
        let f = input::fold_fullwidth(t);
        f.trim().parse::<Decimal>().ok()
    }))
}

/// How a computed cell is shown in a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `85.19%`.
    Percent,
    /// `865.82`.
    Number,
}

fn show(d: Option<Decimal>, shape: Shape) -> String {
    match (d, shape) {
        (None, _) => "—".into(),
        (Some(d), Shape::Percent) => format!("{}%", fixed2(d)),
        (Some(d), Shape::Number) => fixed2(d),
    }
}

/// Compares the `[stated]` transcription of computed cell `key` (named `calc` in messages) with
/// the computed value; on a difference beyond `tol`, an issue `(rule, variant)` at `path`.
#[allow(clippy::too_many_arguments)]
pub fn stated(
    pkg: &Package,
    key: &str,
    calc: &str,
    (rule, variant): (&'static str, &'static str),
    path: &str,
    computed: Option<Decimal>,
    tol: Decimal,
    shape: Shape,
    out: &mut Vec<Issue>,
) {
    let Some(stated) = stated_value(pkg, key) else { return };
    // A printed rate is compared at the precision it was written with: `91%` for a computed
    // 91.37 % is the same number rounded coarser (issue 19; docs/form-rules.md). Amounts are
    // exact to the fen: a sum printed `6` for 5.90 is a different number.
    let places = match shape {
        Shape::Percent => pkg.stated.get(key).map_or(2, |t| written_places(t)),
        Shape::Number => 2,
    };
    let bad = match (stated, computed) {
        (Some(s), Some(c)) if places < 2 => {
            differs(s, c.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero), tol)
        }
        (Some(s), Some(c)) => differs(s, c, tol),
        (None, None) => false,
        _ => true,
    };
    if bad {
        out.push(
            Issue::new(rule, variant, path)
                .arg("calc", calc)
                .arg("stated", show(stated, shape))
                .arg("computed", show(computed, shape)),
        );
    }
}

/// How many decimal places a printed figure was written with (`91%` 0, `91.4%` 1,
/// `103.85%` 2; full-width digits and separators count as their ASCII twins).
#[must_use]
pub fn written_places(text: &str) -> u32 {
    let t = input::fold_fullwidth(text);
    let digits_after = t.split_once('.').map_or(0, |(_, frac)| frac.chars().take_while(char::is_ascii_digit).count());
    u32::try_from(digits_after).unwrap_or(2)
}

/// Moves every issue of a group instance under its prefix (`projects.2.`).
pub fn prefixed(issues: Vec<Issue>, prefix: &str) -> impl Iterator<Item = Issue> + '_ {
    issues.into_iter().map(move |mut i| {
        i.path = format!("{prefix}{}", i.path);
        i
    })
}
