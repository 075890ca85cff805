//! Tests that kill the mutants `cargo mutants` found surviving in src/form (issue 20,
//! docs/mutants.md). Each test is named after the rule it protects and asserts the field path
//! and the figure, not only the rule id. They start from the shipped examples, as tests/rules.rs
//! does, and change one thing.

use jixiao::form::file::load;
use jixiao::form::issue::Issue;
use jixiao::form::{Package, Profile};

const SEED: &str = "examples/yueyang-2023.toml";
const PROJECTS: &str = "examples/projects-2023.toml";

fn base(path: &str) -> Package {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    load(text.as_bytes()).unwrap_or_else(|e| panic!("{path}: {e:?}")).package
}

fn set(p: &mut Package, path: &str, v: &str) {
    assert!(p.set(path, v.to_string()), "no such path {path}");
}

fn issues(p: &Package) -> Vec<Issue> {
    jixiao::form::check(p, &Profile::default_profile()).issues
}

/// The issues of `rule` at `path`, each as its variant and its arguments.
fn at(p: &Package, rule: &str, path: &str) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    issues(p).into_iter().filter(|i| i.rule == rule && i.path == path).map(|i| (i.variant, i.args)).collect()
}

// ---- src/form/project/mod.rs -------------------------------------------------------------

/// A project sheet's 本年财政拨款 年初预算数 and 全年执行数 are required (E-01); its other
/// funding cells may be blank.
#[test]
fn e01_a_project_sheets_fiscal_initial_and_spent_are_required_and_nothing_else_in_its_funds() {
    for col in ["budget_initial", "spent"] {
        let mut p = base(PROJECTS);
        let path = format!("projects.1.funds.fiscal.{col}");
        set(&mut p, &path, "");
        assert_eq!(at(&p, "E-01", &path), vec![("required", vec![])], "{path}");
    }
    let p = base(PROJECTS);
    for row in ["carryover", "other"] {
        for col in ["budget_initial", "budget_full", "spent"] {
            let path = format!("projects.1.funds.{row}.{col}");
            assert_eq!(p.text_at(&path), "", "{path} is blank in the example");
            assert_eq!(at(&p, "E-01", &path), vec![], "{path} may be blank");
        }
    }
    let mut p = base(PROJECTS);
    set(&mut p, "projects.1.funds.fiscal.budget_full", "");
    assert_eq!(at(&p, "E-01", "projects.1.funds.fiscal.budget_full"), vec![]);
}

/// A project sheet checked, printed and assisted on its own form is what the package shows for
/// it under `projects.<n>.`: the same issues, computed cells, score, report and fills.
#[test]
fn a_project_sheet_on_its_own_form_is_what_the_package_shows_under_its_prefix() {
    let mut p = base(PROJECTS);
    // Something to report on the sheet: a 得分 above its 分值 (E-13) and a blank 实际完成值.
    set(&mut p, "projects.1.indicators.1.score", "99");
    set(&mut p, "projects.1.indicators.2.actual", "");
    let profile = Profile::default_profile();
    let whole = jixiao::form::check(&p, &profile);
    let sheet = &p.instances(jixiao::form::unit::keys::PROJECTS)[0];
    let alone = jixiao::form::check(sheet, profile.for_projects());

    let prefixed = |i: &Issue| (i.rule, i.variant, format!("projects.1.{}", i.path), i.args.clone());
    let mine: Vec<_> = alone.issues.iter().map(prefixed).collect();
    let theirs: Vec<_> = whole
        .issues
        .iter()
        .filter(|i| i.path.starts_with("projects.1."))
        .map(|i| (i.rule, i.variant, i.path.clone(), i.args.clone()))
        .collect();
    assert!(mine.iter().any(|(r, _, path, _)| *r == "E-13" && path == "projects.1.indicators.1.score"), "{mine:#?}");
    assert_eq!(mine, theirs);

    let figures: Vec<_> = alone.figures.iter().map(|(k, v)| (format!("projects.1.{k}"), format!("{v:?}"))).collect();
    let expected: Vec<_> = whole
        .figures
        .iter()
        .filter(|(k, _)| k.starts_with("projects.1."))
        .map(|(k, v)| (k.clone(), format!("{v:?}")))
        .collect();
    assert!(figures.iter().any(|(k, v)| k == "projects.1.funds.total.spent" && v.contains("316.80")), "{figures:?}");
    assert_eq!(figures, expected);
    assert_eq!(format!("{:?}", alone.score()), format!("{:?}", whole.scores["projects.1."]));

    let cat = jixiao::i18n::Catalog::get(jixiao::i18n::Lang::ZhCn);
    let report = jixiao::form::report(sheet, profile.for_projects(), cat);
    assert!(report.contains("城区环卫保洁作业经费") && report.contains("316.80"), "{report}");

    // The fills the wizard proposes for a 三级指标 typed on the sheet.
    let mut p = base(PROJECTS);
    for col in ["nature", "tier", "score"] {
        set(&mut p, &format!("projects.1.indicators.1.{col}"), "");
    }
    let sheet = &p.instances(jixiao::form::unit::keys::PROJECTS)[0];
    let fills = sheet.form().behaviour.autofill(sheet, profile.for_projects(), "indicators.1.target");
    let via_package = p.form().behaviour.autofill(&p, &profile, "projects.1.indicators.1.target");
    assert_eq!(fills.first().map(|(k, _)| k.as_str()), Some("indicators.1.nature"), "{fills:?}");
    assert!(fills.iter().any(|(k, v)| k == "indicators.1.score" && !v.is_empty()), "{fills:?}");
    assert_eq!(fills.iter().map(|(k, v)| (format!("projects.1.{k}"), v.clone())).collect::<Vec<_>>(), via_package);

    // E-16: after a 得分 below the rule score, the reason cell of the same row is next.
    let mut p = base(PROJECTS);
    set(&mut p, "projects.2.indicators.3.reason", "");
    let sheet = &p.instances(jixiao::form::unit::keys::PROJECTS)[1];
    let alone = jixiao::form::check(sheet, profile.for_projects());
    let next = sheet.form().behaviour.follow_up(&alone, "indicators.3.score");
    assert_eq!(next, Some(("indicators.3.reason".to_string(), "note.give_reason")));
    // Not after another row's 得分 (its reason is not asked for), nor after another cell.
    assert_eq!(sheet.form().behaviour.follow_up(&alone, "indicators.1.score"), None);
    assert_eq!(sheet.form().behaviour.follow_up(&alone, "indicators.3.actual"), None);
}

/// Issue 13 on a project sheet: Tab passes a 三级指标's 指标性质 once it is set (and not
/// questioned), and stops at every other field, such as the 项目名称.
#[test]
fn tab_passes_a_project_indicators_set_nature_and_stops_at_its_name() {
    let p = base(PROJECTS);
    let sheet = &p.instances(jixiao::form::unit::keys::PROJECTS)[0];
    assert_eq!(sheet.text_at("indicators.1.nature"), "≥");
    let b = sheet.form().behaviour;
    assert!(!b.tab_stop(sheet, &|_| false, "indicators.1.nature"));
    assert!(b.tab_stop(sheet, &|path| path == "indicators.1.nature", "indicators.1.nature"));
    assert!(b.tab_stop(sheet, &|_| false, "name"));
    assert!(b.tab_stop(sheet, &|_| false, "indicators.1.target"));
}

// ---- src/form/carry.rs -----------------------------------------------------------------

/// Counts what a carry-over should report, from the two packages and the form's declarations:
/// (kept, cleared, references). The fiscal year (`Carry::Year`) is counted in none of them.
fn tally(last: &Package, next: &Package, n: &mut (usize, usize, usize)) {
    use jixiao::form::def::Carry;
    let form = last.form();
    for f in &form.fields {
        let (old, new) = (last.text_at(f.key), next.text_at(f.key));
        if f.carry == Carry::Year {
            continue;
        }
        if !new.is_empty() {
            n.0 += 1;
        } else if !old.is_empty() {
            n.1 += 1;
        }
        if f.carry == Carry::Reference && !old.is_empty() {
            n.2 += 1;
            assert_eq!(next.reference_at(f.key), Some(old), "{}", f.key);
        }
    }
    for t in &form.tables {
        n.0 += next.rows_at(t.key).iter().map(|r| r.cells().count()).sum::<usize>();
        for row in last.rows_at(t.key) {
            for c in &t.columns {
                let new = match c.carry {
                    Carry::Keep => row.get(c.key),
                    Carry::From(name) => row.get(name),
                    Carry::Clear | Carry::Reference | Carry::Year => "",
                };
                if c.carry != Carry::Year && new.is_empty() && !row.get(c.key).is_empty() {
                    n.1 += 1;
                }
            }
        }
    }
    for g in &form.groups {
        for (l, x) in last.instances(g.key).iter().zip(next.instances(g.key)) {
            tally(l, x, n);
        }
    }
}

/// Issue 17: `jixiao new --from` says how many values it kept, emptied and kept as last year's
/// text; those counts are the package's, its project sheets' included.
#[test]
fn carry_summary_counts_the_values_kept_cleared_and_referenced_in_every_sheet() {
    for path in [SEED, PROJECTS] {
        let last = base(path);
        let (next, summary) = jixiao::form::carry::next_year(&last, jixiao::form::unit::form(), None)
            .unwrap_or_else(|e| panic!("{path}: {e:?}"));
        let mut n = (0, 0, 0);
        tally(&last, &next, &mut n);
        assert!(n.0 > 0 && n.1 > 0 && n.2 > 0, "{path}: {n:?}");
        assert_eq!((summary.kept, summary.cleared, summary.references), n, "{path}");
        assert_eq!((summary.from_year, summary.year), (Some(2023), Some(2024)), "{path}");
        // Every value of the new package but its fiscal year is one kept.
        assert_eq!(summary.kept, next.filled() - 1, "{path}");
    }
}

// ---- src/form/project/keys.rs, src/form/unit/keys.rs ---------------------------------

/// Every computed cell of a form (not a table's computed column) has a handle: the list of
/// handles (`all_calcs`) is the form's own list, so tests/field_paths.rs checks them all.
#[test]
fn every_computed_cell_of_a_form_has_a_handle_in_its_keys() {
    use jixiao::form::{project, unit};
    for (form, handles) in [(unit::form(), unit::keys::all_calcs()), (project::form(), project::keys::all_calcs())] {
        let cells: Vec<&str> = form
            .calcs
            .iter()
            .map(|c| c.path)
            .filter(|p| !form.tables.iter().any(|t| p.starts_with(&format!("{}.", t.key))))
            .collect();
        assert!(cells.len() > 5, "{}: {cells:?}", form.id);
        for c in &cells {
            assert!(handles.iter().any(|h| h.0 == *c), "{}: computed cell {c} has no handle", form.id);
        }
        for h in &handles {
            assert!(cells.contains(&h.0), "{}: handle {} is no computed cell", form.id, h.0);
        }
    }
}

// ---- src/form/project/rules.rs ---------------------------------------------------------

/// E-11 on a project sheet: a 执行率得分 printed 0.01 off the computed one is a different
/// figure (the score tolerance is halved for it, as on the 整体支出 sheet), at the sheet's
/// 本年财政拨款 全年执行数, with both figures.
#[test]
fn e11_a_project_sheets_printed_execution_score_001_off_is_reported_at_its_spent() {
    let p = base(PROJECTS);
    let profile = Profile::default_profile();
    let checked = jixiao::form::check(&p, &profile);
    let figure = format!("{:?}", checked.figures["projects.1.exec_score"]);
    assert!(figure.contains("9.9"), "{figure}");
    for (stated, tripped) in [("9.91", true), ("9.89", true), ("9.90", false), ("9.9", false)] {
        let mut p = base(PROJECTS);
        let sheet = p.instance_mut(jixiao::form::unit::keys::PROJECTS, 0).expect("project 1");
        sheet.stated.insert("exec_score".into(), stated.into());
        let found = at(&p, "E-11", "projects.1.funds.fiscal.spent");
        if tripped {
            assert_eq!(
                found,
                vec![(
                    "",
                    vec![
                        ("calc", "exec_score".to_string()),
                        ("stated", stated.to_string()),
                        ("computed", "9.90".to_string())
                    ]
                )],
                "{stated}"
            );
        } else {
            assert_eq!(found, vec![], "{stated}");
        }
    }
}

// ---- src/form/scoring/ --------------------------------------------------------------------

/// 指标性质 is shown by its locale name (a 定性 row reads 定性 / Qual on screen), and each
/// nature has its own.
#[test]
fn each_indicator_nature_is_shown_by_its_own_locale_name() {
    use jixiao::form::scoring::Nature;
    use jixiao::i18n::{Catalog, Lang};
    let (zh, en) = (Catalog::get(Lang::ZhCn), Catalog::get(Lang::En));
    let shown = |cat: &Catalog| Nature::ALL.map(|n| cat.try_tr(n.key()).map(str::to_string));
    let s = |t: &str| Some(t.to_string());
    assert_eq!(shown(zh), [s("≥ 正向"), s("≤ 反向"), s("= 等于"), s("定性")]);
    assert_eq!(shown(en)[0], s("≥ more is better"));
    // In a narrow column: the abbreviation.
    let abbr = |cat: &Catalog| Nature::ALL.map(|n| cat.try_tr(&format!("abbr.{}", n.key())).map(str::to_string));
    assert_eq!(abbr(zh), [s("≥"), s("≤"), s("="), s("定性")]);
    assert_eq!(abbr(en), [s("≥"), s("≤"), s("="), s("Qual")]);
}

/// A vague target (`5件左右`, `120万元上下`) has no direction, but its number and unit are read
/// without the vague word: W-05 compares units, and `件` must not read as `件左右`.
#[test]
fn w05_a_vague_targets_unit_is_read_without_its_vague_word() {
    use jixiao::form::scoring::{Direction, direction, quantity};
    for (text, value, unit) in [("5件左右", "5", "件"), ("120万元上下", "120", "万元"), ("98%左右", "98", "%")]
    {
        let q = quantity(text).unwrap_or_else(|| panic!("{text}"));
        assert_eq!((q.op, q.value.to_string(), q.unit.as_str()), (None, value.to_string(), unit), "{text}");
        assert_eq!(direction(text), Direction::Unclear, "{text}");
    }
}

/// Two amounts differ when they are more than the money tolerance (0.005 万元) apart, not when
/// they are exactly that far (E-09: Σ 收入 against the 全年执行数 899.13).
#[test]
fn e09_income_exactly_the_tolerance_off_the_spent_is_no_difference_and_beyond_it_is() {
    for (other, sum, tripped) in [
        ("9.185", "899.135", false),
        ("9.175", "899.125", false),
        ("9.186", "899.136", true),
        ("9.174", "899.124", true),
    ] {
        let mut p = base(SEED);
        set(&mut p, "self_eval.income_other", other);
        let found = at(&p, "E-09", "self_eval.income_general");
        let want = if tripped {
            let shown = jixiao::form::scoring::fixed2(sum.parse().expect("decimal"));
            vec![("", vec![("sum", shown), ("spent", "899.13".to_string())])]
        } else {
            vec![]
        };
        assert_eq!(found, want, "Σ 收入 {sum}");
    }
}

// ---- src/form/check.rs -------------------------------------------------------------------

/// E-24 (issue 19): placeholder letters left from the template inside a required text
/// (`岳阳市XX局`) are reported with the letters found; letters that are part of a word
/// (`DXX`, `XXL`) are not placeholders.
#[test]
fn e24_placeholder_letters_inside_a_required_text_are_found_and_words_are_not() {
    for (name, found) in [
        ("岳阳市XX局", Some("XX")),
        ("城管××支队", Some("××")),
        ("DXX大队", None),
        ("XXL服装店", None),
        ("城管X光室", None),
    ] {
        let mut p = base(SEED);
        set(&mut p, "self_eval.unit_name", name);
        let want = found.map(|f| ("", vec![("found", f.to_string())])).into_iter().collect::<Vec<_>>();
        assert_eq!(at(&p, "E-24", "self_eval.unit_name"), want, "{name}");
    }
}

/// One indicator row of the given (column, text) pairs.
fn indicator_row(pairs: &[(&str, &str)]) -> jixiao::form::package::Row {
    use jixiao::form::def::TableKey;
    let t = jixiao::form::scoring::indicator_table("", TableKey("t"));
    let mut r = jixiao::form::package::Row::default();
    for (k, v) in pairs {
        let c = t.column(k).unwrap_or_else(|| panic!("column {k}"));
        r.set(c.key, c.kind, v);
    }
    r
}

/// W-06 (domain §2.3): a ≥ row is over-achieved when actual ÷ target is *above* 120 %, not at
/// it; the message gives the ratio (190件 → 229件 is 120.53 %) and the limit, at the row's 实际完成值.
#[test]
fn w06_over_achievement_is_above_120_percent_of_the_target_not_at_it() {
    for (actual, ratio) in [("228件", None), ("229件", Some("120.53%")), ("380件", Some("200%"))] {
        let mut p = base(SEED);
        set(&mut p, "self_eval.indicators.1.actual", actual);
        let want: Vec<_> =
            ratio.map(|r| ("", vec![("ratio", r.to_string()), ("limit", "120.00%".to_string())])).into_iter().collect();
        assert_eq!(at(&p, "W-06", "self_eval.indicators.1.actual"), want, "{actual}");
    }
}

/// Domain §2.3 with a profile's bonus (`bonus_cap` above 100): a ≥ row above its target scores
/// 分值 × actual ÷ target, up to the cap; at its target exactly, or with a target of 0, 分值.
#[test]
fn rule_score_of_a_ge_row_above_its_target_carries_the_profiles_bonus() {
    use jixiao::form::scoring::{Outcome, propose};
    let mut profile = Profile::default_profile();
    profile.bonus_cap = "110".parse().expect("decimal");
    let score = |target: &str, actual: &str| {
        let r = indicator_row(&[("nature", "≥"), ("target", target), ("actual", actual), ("weight", "10")]);
        let p = propose(&r, &profile);
        (p.score.map(|s| s.to_string()), p.outcome)
    };
    assert_eq!(score("100", "105"), (Some("10.50".into()), Outcome::Met));
    assert_eq!(score("100", "115"), (Some("11.00".into()), Outcome::Met), "the cap");
    assert_eq!(score("100", "100"), (Some("10.00".into()), Outcome::Met));
    assert_eq!(score("0", "5"), (Some("10.00".into()), Outcome::Met), "a target of 0 is met by anything");
    assert_eq!(score("100", "90"), (Some("9.00".into()), Outcome::Missed));
    // Without the bonus (the default profile): 分值 however far above.
    let r = indicator_row(&[("nature", "≥"), ("target", "0"), ("actual", "5"), ("weight", "10")]);
    assert_eq!(propose(&r, &Profile::default_profile()).score.map(|s| s.to_string()), Some("10.00".into()));
}

/// Domain §2.3, a profile whose over-achievement line (W-06) is below its bonus cap: a ≥ row
/// above the line is marked over-achieved and still scores 分值 × actual ÷ target (110 % of 10
/// is 11.00), not the cap.
#[test]
fn rule_score_of_an_over_achieved_row_is_the_ratio_when_below_the_profiles_cap() {
    use jixiao::form::scoring::{Outcome, propose};
    let mut profile = Profile::default_profile();
    profile.bonus_cap = "150".parse().expect("decimal");
    profile.over_achievement = "1.05".parse().expect("decimal");
    let r = indicator_row(&[("nature", "≥"), ("target", "100"), ("actual", "110"), ("weight", "10")]);
    let p = propose(&r, &profile);
    assert_eq!(p.score.map(|s| s.to_string()), Some("11.00".into()));
    assert_eq!(p.outcome, Outcome::Over("110.00".parse().expect("decimal")));
}

/// W-23's fix (issue 19): a tag is `<` up to 38 tag characters `>`; a longer run is text that
/// happens to hold `<` and `>`, and stays.
#[test]
fn w23_markup_removal_takes_a_tag_of_at_most_38_characters_and_leaves_longer_runs() {
    use jixiao::form::check::without_web_residue;
    let tag = |n: usize| format!("甲<span{}>乙", " ".repeat(n - 4));
    assert_eq!(tag(38).chars().filter(|c| *c == ' ').count(), 34);
    assert_eq!(without_web_residue(&tag(38)), "甲乙");
    let long = tag(39);
    assert_eq!(without_web_residue(&long), long);
}

/// W-23's fix: `<br>` and the end of a paragraph or a division break the line, other tags go
/// without a trace, and a run of blank lines left by them becomes one.
#[test]
fn w23_markup_removal_breaks_lines_at_br_p_and_div_only_and_folds_blank_lines() {
    use jixiao::form::check::without_web_residue;
    for (html, text) in [
        ("<b>加粗</b>的字", "加粗的字"),
        ("<span>甲</span><p>乙</p>", "甲乙"),
        ("<div>甲</div>乙", "甲\n乙"),
        ("甲<br><br><br><br>乙", "甲\n\n乙"),
        ("<p>甲</p><br><p>乙</p>", "甲\n\n乙"),
    ] {
        assert_eq!(without_web_residue(html), text, "{html}");
    }
}

/// Domain I-18, as plain mode asks it: the 指标性质 filled from a bare or vague target is only
/// assumed (asked to be confirmed), one from a stated direction or a qualitative target is not;
/// a target whose stated direction contradicts the row's 指标性质 names the nature's path, the
/// nature and the stated one, in a unit sheet's table and a project sheet's alike, and nowhere
/// else.
#[test]
fn a_target_assumes_or_contradicts_the_rows_nature() {
    use jixiao::form::scoring::{Nature, nature_assumed, nature_conflict};
    for (target, assumed) in
        [("190件", true), ("约98%", true), ("95%-100%", true), ("≥98%", false), ("不低于95%", false), ("提高", false)]
    {
        assert_eq!(nature_assumed(target), assumed, "{target}");
    }
    let p = base(SEED);
    // Row 1 is ≥ (190件); row 7 is 定性.
    let at = |row: usize| format!("self_eval.indicators.{row}.target");
    let nature = |row: usize| format!("self_eval.indicators.{row}.nature");
    assert_eq!(nature_conflict(&p, &at(1), "≤100件"), Some((nature(1), "≥".to_string(), Nature::Le)));
    assert_eq!(nature_conflict(&p, &at(7), "≥95%"), Some((nature(7), "定性".to_string(), Nature::Ge)));
    for (row, target) in [(1, "≥100件"), (1, "100件"), (1, "约100件"), (1, "提高"), (7, "提高")] {
        assert_eq!(nature_conflict(&p, &at(row), target), None, "{row} {target}");
    }
    // Not the target cell, not an indicator table, no such row, an empty nature.
    assert_eq!(nature_conflict(&p, &nature(1), "≤100件"), None);
    assert_eq!(nature_conflict(&p, "basic.special_funds.1.final", "≤100件"), None);
    assert_eq!(nature_conflict(&p, &at(99), "≤100件"), None);
    let mut empty = base(SEED);
    set(&mut empty, &nature(1), "");
    assert_eq!(nature_conflict(&empty, &at(1), "≤100件"), None);
    // A project sheet's indicator table.
    let mut q = base(SEED);
    let n = q.instances(jixiao::form::unit::keys::PROJECTS).len();
    assert!(q.insert_instance(jixiao::form::unit::keys::PROJECTS, n).is_some());
    let table = format!("projects.{}.indicators", n + 1);
    assert!(q.insert_row(&table, 0).is_some());
    let (target, np) = (format!("{table}.1.target"), format!("{table}.1.nature"));
    set(&mut q, &np, "≤");
    assert_eq!(nature_conflict(&q, &target, "≥5%"), Some((np, "≤".to_string(), Nature::Ge)));
}

/// Issue 13: where Tab stops in the indicator table. 指标性质 once the target is there and the
/// nature is missing or questioned; 计量单位 unless the row is 定性 or the target carries its
/// unit; 定性评价档次 on 定性 rows; 偏差原因 when 得分 is below 分值 or it holds a text; a
/// questioned cell always; every other column always; no answer outside an indicator table.
#[test]
fn tab_stops_in_the_indicator_table_only_where_a_value_is_wanted() {
    use jixiao::form::scoring::indicator_tab_stop;
    let stop = |change: &dyn Fn(&mut Package), col: &str, asked: bool| {
        let mut p = base(SEED);
        change(&mut p);
        let path = format!("self_eval.indicators.{col}");
        indicator_tab_stop(&p, &|q| asked && q == path, &path)
    };
    let none = |_: &mut Package| {};
    type Case<'a> = (&'a str, &'a dyn Fn(&mut Package), bool, Option<bool>);
    let cases: &[Case] = &[
        // Row 1: ≥, 190件 → 190件, 5 of 5, no reason; row 6: a reason; row 7: 定性.
        ("1.nature", &none, false, Some(false)),
        ("1.nature", &none, true, Some(true)),
        ("1.nature", &|p| set(p, "self_eval.indicators.1.nature", ""), false, Some(true)),
        (
            "1.nature",
            &|p| {
                set(p, "self_eval.indicators.1.nature", "");
                set(p, "self_eval.indicators.1.target", "");
            },
            false,
            Some(false),
        ),
        ("1.unit", &none, false, Some(false)),
        ("1.unit", &none, true, Some(true)),
        ("1.unit", &|p| set(p, "self_eval.indicators.1.target", "190"), false, Some(true)),
        ("1.unit", &|p| set(p, "self_eval.indicators.1.unit", "件"), false, Some(true)),
        ("7.unit", &none, false, Some(false)),
        ("7.tier", &none, false, Some(true)),
        ("1.tier", &none, false, Some(false)),
        ("1.tier", &none, true, Some(true)),
        ("6.reason", &none, false, Some(true)),
        ("1.reason", &none, false, Some(false)),
        ("1.reason", &none, true, Some(true)),
        ("1.reason", &|p| set(p, "self_eval.indicators.1.reason", "无"), false, Some(true)),
        ("1.reason", &|p| set(p, "self_eval.indicators.1.score", "5.5"), false, Some(false)),
        ("1.reason", &|p| set(p, "self_eval.indicators.1.score", "4.99"), false, Some(true)),
        ("1.name", &none, false, Some(true)),
        ("1.weight", &none, false, Some(true)),
    ];
    for (i, (col, change, asked, want)) in cases.iter().enumerate() {
        assert_eq!(stop(*change, col, *asked), *want, "case {i}: {col} asked {asked}");
    }
    let p = base(SEED);
    assert_eq!(indicator_tab_stop(&p, &|_| true, "self_eval.spent"), None);
    assert_eq!(indicator_tab_stop(&p, &|_| true, "basic.special_funds.1.final"), None);
    assert_eq!(indicator_tab_stop(&p, &|_| true, "self_eval.indicators.99.nature"), None);
}

/// E-03 on a transcription (`[stated]`): a 人员控制率 printed "—" where none can be computed
/// (编制数 0) is right; a figure printed there is not, and the message shows "—" for the
/// computed one.
#[test]
fn e03_a_printed_dash_where_no_rate_can_be_computed_is_right_and_a_figure_is_not() {
    for (printed, want) in [("—", None), ("-", None), ("85.19%", Some("85.19%"))] {
        let mut p = base(SEED);
        set(&mut p, "basic.staff_quota", "0");
        p.stated.insert("basic.control_rate".into(), printed.into());
        let expected: Vec<_> = want
            .map(|w| {
                let args = vec![
                    ("calc", "control_rate".to_string()),
                    ("stated", w.to_string()),
                    ("computed", "—".to_string()),
                ];
                ("", args)
            })
            .into_iter()
            .collect();
        assert_eq!(at(&p, "E-03", "basic.staff_quota"), expected, "{printed}");
    }
}

/// E-23 on a project sheet: a printed 年度资金总额 is compared with the exact sum of its parts
/// (316.8049 万元), not with the sum rounded to the fen first: 316.806 is within 0.005 of it,
/// 316.81 is not.
#[test]
fn e23_a_printed_total_is_compared_with_the_exact_sum_not_a_rounded_one() {
    for (printed, tripped) in [("316.806", false), ("316.8049", false), ("316.81", true), ("316.799", true)] {
        let mut p = base(PROJECTS);
        set(&mut p, "projects.1.funds.fiscal.spent", "316.8049");
        let sheet = p.instance_mut(jixiao::form::unit::keys::PROJECTS, 0).expect("project 1");
        sheet.stated.insert("funds.total.spent".into(), printed.into());
        let found = at(&p, "E-23", "projects.1.funds.fiscal.spent");
        assert_eq!(found.len(), usize::from(tripped), "{printed}: {found:?}");
        if tripped {
            let args = &found[0].1;
            assert!(args.contains(&("computed", "316.80".to_string())), "{printed}: {args:?}");
        }
    }
}

// ---- src/form/claims.rs ------------------------------------------------------------------

/// W-22 (issue 19): a figure a reason states is compared with the sheet's own, and the message
/// names what it is (执行率, the share not spent …) with the computed figure at the precision
/// the reason wrote (执行率 103.85 % → `104%`; not spent: none, so no claim is checked).
#[test]
fn w22_a_reasons_stated_execution_rate_is_compared_and_named() {
    for (reason, want) in [
        ("执行率95%，因追加预算", Some(("95%", "claim.rate", "104%"))),
        ("执行率103.8%", Some(("103.8%", "claim.rate", "103.9%"))),
        ("执行率103.9%", None),
        ("执行率104%", None),
        ("执行率 95", None),
        ("超支 33.31 万元，因追加预算", None),
        ("超支 30 万元", Some(("30万元", "claim.over", "33万元"))),
    ] {
        let mut p = base(SEED);
        set(&mut p, "self_eval.exec_reason", reason);
        let expected: Vec<_> = want
            .map(|(stated, what, computed)| {
                let args = vec![
                    ("stated", stated.to_string()),
                    ("what", what.to_string()),
                    ("computed", computed.to_string()),
                ];
                ("", args)
            })
            .into_iter()
            .collect();
        assert_eq!(at(&p, "W-22", "self_eval.exec_reason"), expected, "{reason}");
    }
}

/// An indicator table's narrow header shows the short labels every indicator table shares
/// (`short.indicators.<col>`: 性质, 得分 …), in both languages, on both forms.
#[test]
fn indicator_columns_have_the_shared_short_labels_in_both_languages() {
    use jixiao::i18n::{Catalog, Lang};
    for form in [jixiao::form::unit::form(), jixiao::form::project::form()] {
        let t = form.tables.iter().find(|t| t.key.ends_with("indicators")).expect("an indicator table");
        for c in &t.columns {
            assert_eq!(c.short, format!("short.indicators.{}", c.key), "{}", form.id);
            for lang in [Lang::ZhCn, Lang::En] {
                assert!(Catalog::get(lang).try_tr(&c.short).is_some(), "{} {lang:?}", c.short);
            }
        }
        let nature = t.columns.iter().find(|c| c.key == "nature").expect("nature");
        assert_eq!(Catalog::get(Lang::ZhCn).tr(&nature.short), "性质");
    }
}

/// What the wizard fills in after a value is committed in the indicator table: the 指标性质
/// read from the target (and the first tier for a 定性 row) while it is empty, and the rule score
/// while 得分 is empty, after a change to a cell the score depends on — in that row only.
#[test]
fn autofill_gives_an_indicators_nature_tier_and_rule_score_only_where_they_are_empty() {
    type Change = fn(&mut Package);
    let clear = |cols: &'static [&'static str], n: usize| {
        move |p: &mut Package| {
            for c in cols {
                set(p, &format!("self_eval.indicators.{n}.{c}"), "");
            }
        }
    };
    let fills = |change: &dyn Fn(&mut Package), path: &str| {
        let mut p = base(SEED);
        change(&mut p);
        p.form().behaviour.autofill(&p, &Profile::default_profile(), path)
    };
    let f = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (format!("self_eval.indicators.{k}"), (*v).to_string())).collect()
    };
    let none: Change = |_| {};
    // Row 1: ≥ 190件 → 190件, 5 of 5. Row 6: 99% of 100%, 4 of 5. Row 7: 定性 每天, 5 of 5.
    let t = "self_eval.indicators.";
    assert_eq!(
        fills(&clear(&["nature", "score"], 1), &format!("{t}1.target")),
        f(&[("1.nature", "≥"), ("1.score", "5.00")])
    );
    assert_eq!(fills(&none, &format!("{t}1.target")), f(&[]));
    assert_eq!(fills(&clear(&["score"], 1), &format!("{t}1.actual")), f(&[("1.score", "5.00")]));
    assert_eq!(fills(&clear(&["score"], 1), &format!("{t}1.name")), f(&[]));
    assert_eq!(fills(&clear(&["score"], 6), &format!("{t}6.actual")), f(&[("6.score", "4.95")]));
    assert_eq!(
        fills(&clear(&["nature", "tier", "score"], 7), &format!("{t}7.target")),
        f(&[("7.nature", "定性"), ("7.tier", "达成预期指标"), ("7.score", "5.00")])
    );
    assert_eq!(fills(&clear(&["nature"], 7), &format!("{t}7.target")), f(&[("7.nature", "定性")]));
    assert_eq!(fills(&clear(&["tier"], 7), &format!("{t}7.target")), f(&[]));
    assert_eq!(fills(&none, "basic.special_funds.1.final"), f(&[]));
}

// ---- src/form/unit/rules.rs --------------------------------------------------------------

/// W-01: more staff than the 编制数 (人员控制率 above 100 %), at the 实际在职人数, with the rate.
#[test]
fn w01_staff_above_the_quota_is_reported_with_the_control_rate() {
    for (actual, rate) in [("27", None), ("30", Some("111.11%")), ("28", Some("103.70%"))] {
        let mut p = base(SEED);
        set(&mut p, "basic.staff_actual", actual);
        let want: Vec<_> = rate.map(|r| ("", vec![("rate", r.to_string())])).into_iter().collect();
        assert_eq!(at(&p, "W-01", "basic.staff_actual"), want, "{actual} of 27");
    }
}

/// E-11 on the 整体支出 sheet: the printed 执行率得分 is compared within half the score
/// tolerance (0.005 of the profile's 0.01), so 0.01 off is reported at 全年执行数 with both
/// figures, and the same figure written with one decimal fewer is not.
#[test]
fn e11_the_unit_sheets_printed_execution_score_001_off_is_reported_at_its_spent() {
    let p = base(SEED);
    let figures = jixiao::form::check(&p, &Profile::default_profile()).figures;
    let Some(jixiao::form::def::Figure::Score(Some(computed), _)) = figures.get("self_eval.exec_score").cloned() else {
        panic!("the seed has an execution score")
    };
    let cent = rust_decimal::Decimal::new(1, 2);
    let two = |d: rust_decimal::Decimal| format!("{:.2}", d);
    for (stated, tripped) in [(two(computed + cent), true), (two(computed - cent), true), (two(computed), false)] {
        let mut p = base(SEED);
        p.stated.insert("self_eval.exec_score".into(), stated.clone());
        let found = at(&p, "E-11", "self_eval.spent");
        let want = if tripped {
            vec![(
                "",
                vec![("calc", "exec_score".to_string()), ("stated", stated.clone()), ("computed", two(computed))],
            )]
        } else {
            vec![]
        };
        assert_eq!(found, want, "{stated} for {computed}");
    }
}

/// E-07: 办公经费 + 水电差旅 + 会议培训 above 公用经费 by more than the money tolerance
/// (0.005 万元) is reported at 公用经费 with both figures; equal, or above by exactly the
/// tolerance, is not.
#[test]
fn e07_public_funds_parts_above_the_total_by_more_than_the_tolerance() {
    // The seed's parts: 15.50 + 2.30 + 0.00 = 17.80 万元.
    for (total, tripped) in [("17.80", false), ("17.795", false), ("17.81", false), ("17.79", true)] {
        let mut p = base(SEED);
        set(&mut p, "basic.funds.public_funds.final", total);
        let found = at(&p, "E-07", "basic.funds.public_funds.final");
        let want: Vec<_> = tripped
            .then(|| ("", vec![("parts", "17.80".to_string()), ("total", total.to_string())]))
            .into_iter()
            .collect();
        assert_eq!(found, want, "parts 17.80 of 公用经费 {total}");
    }
}

/// W-02 (budget): 三公经费 本年决算数 above its 本年预算数 by more than the money tolerance is
/// reported at 公务接待's 本年决算数 with both totals; by exactly the tolerance it is not.
#[test]
fn w02_three_public_final_above_budget_by_more_than_the_tolerance() {
    for (final_, tripped) in [("1.00", false), ("1.005", false), ("1.01", true)] {
        let mut p = base(SEED);
        set(&mut p, "basic.funds.reception.budget", "1.00");
        set(&mut p, "basic.funds.reception.final", final_);
        let found: Vec<_> =
            at(&p, "W-02", "basic.funds.reception.final").into_iter().filter(|(v, _)| *v == "budget").collect();
        let want: Vec<_> = tripped
            .then(|| ("budget", vec![("final", "1.01".to_string()), ("budget", "1.00".to_string())]))
            .into_iter()
            .collect();
        assert_eq!(found, want, "公务接待 本年决算数 {final_} of 本年预算数 1.00");
    }
}

/// W-02 (growth): 三公经费 本年决算数 above 上年决算数 by more than the money tolerance is
/// reported at 公务接待's 本年决算数 with both totals and the growth (本年 − 上年) / 上年; by
/// exactly the tolerance it is not.
#[test]
fn w02_three_public_growth_over_last_year_with_the_rate() {
    // The amounts print to the fen (2.2345 as 2.23); the rate from the exact figures.
    let cases =
        [("1.00", None), ("1.005", None), ("1.50", Some(("1.50", "+50%"))), ("2.2345", Some(("2.23", "+123.45%")))];
    for (final_, change) in cases {
        let mut p = base(SEED);
        set(&mut p, "basic.funds.car_operation.prev_final", "");
        set(&mut p, "basic.funds.reception.prev_final", "1.00");
        set(&mut p, "basic.funds.reception.budget", "9.00");
        set(&mut p, "basic.funds.reception.final", final_);
        let found: Vec<_> =
            at(&p, "W-02", "basic.funds.reception.final").into_iter().filter(|(v, _)| *v == "growth").collect();
        let want: Vec<_> = change
            .map(|(shown, c)| {
                let args = vec![("final", shown.to_string()), ("prev", "1.00".to_string()), ("change", c.to_string())];
                ("growth", args)
            })
            .into_iter()
            .collect();
        assert_eq!(found, want, "公务接待 {final_} after 1.00");
    }
}

/// W-03: 公用经费 本年决算数 above its 本年预算数 by more than the money tolerance is reported at
/// 公用经费's 本年决算数 with both; by exactly the tolerance it is not.
#[test]
fn w03_public_funds_final_above_budget_by_more_than_the_tolerance() {
    for (final_, tripped) in [("46.80", false), ("46.805", false), ("46.81", true)] {
        let mut p = base(SEED);
        set(&mut p, "basic.funds.public_funds.final", final_);
        let found = at(&p, "W-03", "basic.funds.public_funds.final");
        let want: Vec<_> = tripped
            .then(|| ("", vec![("final", "46.81".to_string()), ("budget", "46.80".to_string())]))
            .into_iter()
            .collect();
        assert_eq!(found, want, "公用经费 {final_} of 本年预算数 46.80");
    }
}

/// E-19: a report text that writes its own top-level heading (`一、` …) is reported at that
/// text with the numeral and its line, counted from 1.
#[test]
fn e19_a_top_heading_in_a_report_text_names_its_line_from_one() {
    for (text, want) in [("一、概况", vec![("一", 1)]), ("甲。\n\n三、绩效", vec![("三", 3)]), ("甲\n（一）乙", vec![])]
    {
        let mut p = base(SEED);
        set(&mut p, "report.functions", text);
        let found: Vec<_> = at(&p, "E-19", "report.functions")
            .into_iter()
            .map(|(_, args)| {
                let get = |k: &str| args.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone()).unwrap_or_default();
                (get("numeral"), get("line"))
            })
            .collect();
        let want: Vec<_> = want.into_iter().map(|(n, l)| (n.to_string(), l.to_string())).collect();
        assert_eq!(found, want, "{text:?}");
    }
}

/// W-13 under the default profile (filing after the year ends): a date on 1 January of the
/// next year is not early; 31 December is, at each date.
#[test]
fn w13_the_first_day_after_the_year_is_not_early() {
    let dates = ["basic.filing_date", "self_eval.filing_date", "report.cover_date"];
    for (date, early) in [("2024-01-01", false), ("2023-12-31", true)] {
        let mut p = base(SEED);
        for d in dates {
            set(&mut p, d, date);
        }
        for d in dates {
            let found = at(&p, "W-13", d);
            assert_eq!(found.len(), usize::from(early), "{d} = {date}: {found:?}");
            if early {
                assert_eq!(found[0].0, "early", "{d}");
                assert!(found[0].1.iter().any(|(k, v)| *k == "date" && v == date), "{d}: {found:?}");
            }
        }
    }
}

/// W-15 counts enumerated items; a text that ends in a number (not an item) is counted
/// without reading past its end: 2 functions against 2 goals is no warning, against 3 it is.
#[test]
fn w15_item_counts_of_texts_that_end_in_a_number() {
    for (goals, want) in [("一、甲。二、乙。", vec![]), ("一、甲。二、乙。三、丙 3", vec![("2", "3")])]
    {
        let mut p = base(SEED);
        set(&mut p, "report.functions", "1、甲\n2、乙，人员 12");
        set(&mut p, "self_eval.goal_expected", goals);
        let found: Vec<_> = at(&p, "W-15", "self_eval.goal_expected")
            .into_iter()
            .map(|(_, args)| {
                let get = |k: &str| args.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone()).unwrap_or_default();
                (get("report"), get("goals"))
            })
            .collect();
        let want: Vec<_> = want.into_iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(found, want, "{goals}");
    }
}

/// The seed with every 自评报告 long text emptied (no word of the report's narrative left).
fn without_report_texts(path: &str) -> Package {
    let mut p = base(path);
    let texts: Vec<&str> = p
        .form()
        .fields
        .iter()
        .filter(|f| f.key.starts_with("report.") && f.kind == jixiao::form::def::Kind::LongText)
        .map(|f| f.key)
        .collect();
    for k in texts {
        set(&mut p, k, "");
    }
    p
}

/// W-09: 公车运行维护 + 公车购置 (本年决算数) spent while the report never mentions a vehicle
/// is reported at 公车运行维护 with the sum; nothing spent and nothing said is no warning.
#[test]
fn w09_vehicle_spending_the_report_is_silent_on_with_the_sum() {
    for (operation, purchase, want) in [("", "", None), ("3", "5", Some("8.00")), ("0", "2.5", Some("2.50"))] {
        let mut p = without_report_texts(SEED);
        set(&mut p, "basic.funds.car_operation.final", operation);
        set(&mut p, "basic.funds.car_purchase.final", purchase);
        let found = at(&p, "W-09", "basic.funds.car_operation.final");
        let want: Vec<_> = want.map(|a| ("silent", vec![("amount", a.to_string())])).into_iter().collect();
        assert_eq!(found, want, "运行维护 {operation:?} + 购置 {purchase:?}");
    }
}

/// W-11: 公用经费 more than 5 % (the profile's tolerance) away from what the report implies
/// (基本支出 899.13 − 工资福利 340.57 − 对个人和家庭的补助 4.26 = 554.30) is reported at 公用经费
/// with both figures; exactly 5 % away (± 27.715) is not.
#[test]
fn w11_public_funds_more_than_the_tolerance_from_the_reports_figure() {
    for (pf, tripped) in [("554.30", false), ("582.015", false), ("526.585", false), ("582.02", true), ("526.58", true)]
    {
        let mut p = base(SEED);
        set(&mut p, "basic.funds.public_funds.final", pf);
        let found = at(&p, "W-11", "basic.funds.public_funds.final");
        let shown = format!("{:.2}", pf.parse::<rust_decimal::Decimal>().expect("decimal"));
        let want: Vec<_> = tripped
            .then(|| {
                let args = vec![("basic", shown), ("derived", "554.30".to_string()), ("tolerance", "5.00".to_string())];
                ("", args)
            })
            .into_iter()
            .collect();
        assert_eq!(found, want, "公用经费 {pf}");
    }
}

/// W-12 (less): the report's 一般公共预算支出 below 基本支出 + 项目支出 (899.13 + 0.00) by more
/// than the money tolerance is reported with both; by exactly the tolerance it is not.
#[test]
fn w12_general_budget_spending_below_basic_plus_project_by_more_than_the_tolerance() {
    for (general, tripped) in [("899.13", false), ("899.125", false), ("899.12", true)] {
        let mut p = base(SEED);
        set(&mut p, "report.general_total", general);
        let found: Vec<_> = at(&p, "W-12", "report.general_total").into_iter().filter(|(v, _)| *v == "less").collect();
        let want: Vec<_> = tripped
            .then(|| ("less", vec![("general", "899.12".to_string()), ("spend", "899.13".to_string())]))
            .into_iter()
            .collect();
        assert_eq!(found, want, "一般公共预算支出 {general}");
    }
    // 项目支出 counts too: 899.13 against 899.13 + 10.00.
    let mut p = base(SEED);
    set(&mut p, "report.general_total", "899.13");
    set(&mut p, "report.project_total", "10.00");
    let found: Vec<_> = at(&p, "W-12", "report.general_total").into_iter().filter(|(v, _)| *v == "less").collect();
    assert_eq!(found, vec![("less", vec![("general", "899.13".to_string()), ("spend", "909.13".to_string())])]);
}

/// W-12 (all general): the report says 全部为一般公共预算 while 政府性基金 + 专户管理 + 其他资金
/// hold money: reported at 一般公共预算支出说明 with their sum; with all three zero, not.
#[test]
fn w12_all_general_while_other_sources_hold_money_with_their_sum() {
    for (fund, special, other, want) in
        [("1", "2", "4", Some("7.00")), ("0", "0.5", "0", Some("0.50")), ("0", "0", "0", None)]
    {
        let mut p = base(SEED);
        set(&mut p, "self_eval.income_fund", fund);
        set(&mut p, "self_eval.income_special_account", special);
        set(&mut p, "self_eval.income_other", other);
        let found: Vec<_> =
            at(&p, "W-12", "report.general_text").into_iter().filter(|(v, _)| *v == "all_general").collect();
        let want: Vec<_> = want
            .map(|s| ("all_general", vec![("word", "全部为一般公共预算".to_string()), ("others", s.to_string())]))
            .into_iter()
            .collect();
        assert_eq!(found, want, "{fund} + {special} + {other}");
    }
}

/// W-15 only when both texts enumerate: no items on either side is no comparison.
#[test]
fn w15_needs_items_on_both_sides() {
    for (functions, goals) in [("负责市容管理。", "一、甲。二、乙。"), ("1、甲\n2、乙", "做好各项工作。")]
    {
        let mut p = base(SEED);
        set(&mut p, "report.functions", functions);
        set(&mut p, "self_eval.goal_expected", goals);
        assert_eq!(at(&p, "W-15", "self_eval.goal_expected"), vec![], "{functions} / {goals}");
    }
}

/// W-17 (no text): the report's 项目支出情况 is asked for only when it has neither a text nor
/// an amount; the seed's 0.00 项目支出 is an amount.
#[test]
fn w17_project_part_needs_a_text_or_an_amount() {
    for (text, total, tripped) in [("", "0.00", false), ("", "", true), ("无项目支出。", "", false)] {
        let mut p = base(SEED);
        set(&mut p, "report.project_text", text);
        set(&mut p, "report.project_total", total);
        let found = at(&p, "W-17", "report.project_text");
        let want: Vec<_> = tripped.then(|| ("", vec![])).into_iter().collect();
        assert_eq!(found, want, "{text:?} {total:?}");
    }
}

/// E-21 and E-22 compare with the project sheets only when there are some: a package without
/// project sheets whose 项目支出 is 5.00 is not short of projects.
#[test]
fn e21_e22_without_project_sheets_nothing_is_compared() {
    let mut p = base(SEED);
    set(&mut p, "self_eval.spend_project", "5.00");
    set(&mut p, "report.project_total", "5.00");
    assert_eq!(at(&p, "E-21", "self_eval.spend_project"), vec![]);
    assert_eq!(at(&p, "E-22", "report.project_total"), vec![]);
}

/// W-17 (unnamed) names the project sheet by its number from 1, and W-19 the 本级专项资金
/// row by its number from 1.
#[test]
fn w17_w19_name_the_project_and_the_row_by_number_from_one() {
    let mut p = base(PROJECTS);
    set(&mut p, "report.project_text", "2023 年度项目支出 403.20 万元，主要是城区环卫保洁作业经费。");
    set(&mut p, "basic.special_funds.2.project", "不存在的项目");
    let w17 = at(&p, "W-17", "report.project_text");
    assert_eq!(w17, vec![("unnamed", vec![("n", "2".to_string()), ("name", "数字化城管平台运维经费".to_string())])]);
    let w19 = at(&p, "W-19", "basic.special_funds.2.project");
    assert_eq!(w19, vec![("unknown", vec![("row", "2".to_string()), ("name", "不存在的项目".to_string())])]);
}

// ---- src/form/mod.rs ---------------------------------------------------------------------

/// A value inside a project sheet is scored on the project sheets' profile (hunan-2023's is
/// hunan-2023-project); a value of the 整体支出 sheet on the package's own.
#[test]
fn profile_at_a_project_sheets_value_is_the_project_profile() {
    let p = base(PROJECTS);
    let profile = Profile::default_profile();
    let at = |path: &str| jixiao::form::profile_at(&p, &profile, path).id.clone();
    assert_eq!(at("projects.1.indicators.1.score"), "hunan-2023-project");
    assert_eq!(at("projects.2.funds.fiscal.spent"), "hunan-2023-project");
    assert_eq!(at("self_eval.spent"), "hunan-2023");
    assert_eq!(at("self_eval.indicators.1.score"), "hunan-2023");
}

// ---- src/form/issue.rs, src/form/names.rs, src/form/profile.rs ----------------------------

/// A cross-check's second place is its `other` argument; an issue without one has none.
#[test]
fn an_issues_other_place_is_its_other_argument() {
    let two = Issue::new("E-18", "", "self_eval.head").arg("a", "王").arg("other", "basic.head");
    assert_eq!(two.other_path(), Some("basic.head"));
    let one = Issue::new("E-01", "", "basic.head").arg("a", "王");
    assert_eq!(one.other_path(), None);
}

/// How a project sheet and a place are named to the user: 项目 n《name》, and document ·
/// section · field.
#[test]
fn names_of_a_project_sheet_and_of_a_place() {
    let p = base(PROJECTS);
    let cat = jixiao::i18n::Catalog::get(jixiao::i18n::Lang::ZhCn);
    let g = jixiao::form::unit::keys::PROJECTS;
    assert_eq!(jixiao::form::names::instance(&p, g, 1, cat), "项目 1《城区环卫保洁作业经费》");
    assert_eq!(jixiao::form::names::instance(&p, g, 2, cat), "项目 2《数字化城管平台运维经费》");
    let located = jixiao::form::names::located(&p, "basic.staff_actual", cat);
    assert!(located.starts_with("基础数据表 · ") && located.ends_with(" · 实际在职人数"), "{located}");
    let inside = jixiao::form::names::located(&p, "projects.2.funds.fiscal.spent", cat);
    assert!(inside.contains("项目 2《数字化城管平台运维经费》"), "{inside}");
}

/// A profile that says nothing of a bonus gives none: `bonus_cap` is 100 (%).
#[test]
fn a_profile_without_bonus_cap_gives_no_bonus() {
    let text = jixiao::form::profile::builtin_text("hunan-2023").expect("built in");
    let without: String =
        text.lines().filter(|l| !l.trim_start().starts_with("bonus_cap")).collect::<Vec<_>>().join("\n");
    assert_ne!(without.len(), text.trim_end().len(), "the built-in profile states bonus_cap");
    let p = Profile::from_toml(&without).expect("valid without bonus_cap");
    assert_eq!(p.bonus_cap, rust_decimal::Decimal::ONE_HUNDRED);
}

/// W-08's 成本 rows: a 一级 whose key is `cost` (成本指标) is a cost row whatever its 二级; 产出
/// rows are not, whichever 二级 they name.
#[test]
fn w08_cost_rows_are_the_cost_level_and_no_other() {
    let p = Profile::default_profile();
    assert!(p.is_cost("成本指标", "经济成本指标"));
    assert!(p.is_cost("成本指标", ""));
    for l2 in ["数量指标", "质量指标", "时效指标", "经济成本指标", ""] {
        assert!(!p.is_cost("产出指标", l2), "产出指标 / {l2}");
    }
    assert!(!p.is_cost("效益指标", "社会效益指标"));
    assert!(!p.is_cost("没有这个一级", "经济成本指标"));
}

// ---- src/form/report_text.rs --------------------------------------------------------------

/// The report's calculation notes wrap inside the page with their indent: with amounts in the
/// hundreds of millions the execution note is longer than a line, and no line of the report
/// is wider than `report_text::WIDTH` (100 columns), in either language.
#[test]
fn calculation_notes_wrap_inside_the_page_with_their_indent() {
    let mut p = base(SEED);
    set(&mut p, "self_eval.spent", "123456789.12");
    set(&mut p, "self_eval.budget_full", "123456790.34");
    set(&mut p, "self_eval.budget_initial", "123456790.34");
    for lang in jixiao::i18n::Lang::ALL {
        let cat = jixiao::i18n::Catalog::get(lang);
        let r = jixiao::form::report(&p, &Profile::default_profile(), cat);
        let wide: Vec<_> = r.lines().filter(|l| jixiao::text::width(l) > jixiao::form::report_text::WIDTH).collect();
        assert!(wide.is_empty(), "{lang:?}: {wide:?}");
        assert!(r.contains("123456789.12"), "{lang:?}: the note is there");
    }
}

// ---- src/form/unit/assist.rs --------------------------------------------------------------

/// What the 整体支出 sheet prefills on entering a section: a field that is empty, from a
/// source that is not, in that section only; the same for a project sheet's own fields.
#[test]
fn prefill_fills_an_empty_field_from_a_filled_source_in_its_section_only() {
    let cat = jixiao::i18n::Catalog::get(jixiao::i18n::Lang::ZhCn);
    let fills = |p: &Package, at: (&str, &str)| {
        let checked = jixiao::form::check(p, &Profile::default_profile());
        p.form().behaviour.prefill(p, &checked, at, cat)
    };
    let name = "岳阳市示例区城市管理局".to_string();
    // 整体支出: self_eval.unit_name from basic.unit_name, in "funding".
    let mut p = base(PROJECTS);
    set(&mut p, "self_eval.unit_name", "");
    assert_eq!(fills(&p, ("", "funding")), vec![("self_eval.unit_name".to_string(), name.clone())]);
    assert!(!fills(&p, ("", "self_eval_sign")).iter().any(|(k, _)| k == "self_eval.unit_name"));
    set(&mut p, "basic.unit_name", "");
    assert!(!fills(&p, ("", "funding")).iter().any(|(k, _)| k == "self_eval.unit_name"), "no source");
    let p = base(PROJECTS);
    assert!(!fills(&p, ("", "funding")).iter().any(|(k, _)| k == "self_eval.unit_name"), "already filled");
    // A project sheet: 实施单位 from basic.unit_name, in its "info".
    let mut p = base(PROJECTS);
    set(&mut p, "projects.2.implementer", "");
    assert_eq!(fills(&p, ("projects.2.", "info")), vec![("projects.2.implementer".to_string(), name.clone())]);
    assert_eq!(fills(&p, ("projects.2.", "sign")), vec![]);
    assert_eq!(fills(&p, ("projects.1.", "info")), vec![], "project 1's is filled");
    set(&mut p, "basic.unit_name", "");
    assert_eq!(fills(&p, ("projects.2.", "info")), vec![], "no source");
}

/// The report's （二）项目支出情况 is prefilled from the project list on entering its section,
/// only when it is empty and there are project sheets.
#[test]
fn prefill_writes_the_project_part_only_when_empty_and_there_are_projects() {
    let cat = jixiao::i18n::Catalog::get(jixiao::i18n::Lang::ZhCn);
    let has = |p: &Package| {
        let checked = jixiao::form::check(p, &Profile::default_profile());
        p.form().behaviour.prefill(p, &checked, ("", "report_s2"), cat).iter().any(|(k, _)| k == "report.project_text")
    };
    let mut p = base(PROJECTS);
    assert!(!has(&p), "already written");
    set(&mut p, "report.project_text", "");
    assert!(has(&p));
    let mut seed = base(SEED);
    set(&mut seed, "report.project_text", "");
    assert!(!has(&seed), "no project sheets");
}

/// The v1 → v2 migration moves a typed report score to `[stated]` only for a version-1 file: in
/// a version-2 file `report.score` is not a field, and the file is refused naming it.
#[test]
fn only_a_version_1_file_has_its_report_score_migrated() {
    let text = std::fs::read_to_string(SEED).expect("seed");
    let with_score = text.replacen("[report]", "[report]\nscore = \"95.00\"", 1);
    assert_ne!(with_score, text);
    assert!(load(with_score.as_bytes()).is_err(), "a version-2 file with report.score is refused");
}

// ---- src/form/scoring/mod.rs (second run) -----------------------------------------------

/// Domain §5 (profiles with `exec_row`): the row named by the profile is scored min(执行率,
/// exec_cap) × its 分值, whatever its own target and actual say; below 分值 it is missed, at
/// 分值 met; without a 执行率 it cannot be scored.
#[test]
fn rule_score_of_the_execution_row_is_the_execution_rate_times_its_weight() {
    use jixiao::form::scoring::Outcome;
    let mut profile = Profile::default_profile();
    profile.exec_row = Some("预算执行率".into());
    profile.exec_weight = rust_decimal::Decimal::ZERO;
    let mut p = base(SEED);
    let n = p.insert_row("self_eval.indicators", usize::MAX).expect("row") + 1;
    for (k, v) in [("name", "预算执行率"), ("nature", "≥"), ("target", "100%"), ("actual", "90%"), ("weight", "10")]
    {
        set(&mut p, &format!("self_eval.indicators.{n}.{k}"), v);
    }
    let row = |p: &Package| {
        let f = jixiao::form::unit::calc::compute(p, &profile);
        let prop = f.indicators.proposals[n - 1].clone();
        (f.exec.rate.map(|r| r.round_dp(2).to_string()), prop.score.map(|s| s.to_string()), prop.outcome)
    };
    // 899.13 of 865.82: 103.85 %, capped at 100 %: 10.00 of 10, met (not 9.00 from 90 % of 100 %).
    assert_eq!(row(&p), (Some("103.85".into()), Some("10.00".into()), Outcome::Met));
    set(&mut p, "self_eval.spent", "800");
    assert_eq!(row(&p), (Some("92.40".into()), Some("9.24".into()), Outcome::Missed));
    set(&mut p, "self_eval.spent", "");
    assert_eq!(row(&p), (None, None, Outcome::Unscorable("exec_rate")));
}

/// W-05 (domain §2.3): a target whose written direction contradicts the row's 指标性质 is
/// named with both; one that agrees is not.
#[test]
fn w05_a_target_written_against_the_rows_nature_is_named_and_one_that_agrees_is_not() {
    let path = "self_eval.indicators.1.target";
    let mut p = base(SEED);
    set(&mut p, "self_eval.indicators.1.nature", "≥");
    set(&mut p, "self_eval.indicators.1.actual", "96%");
    set(&mut p, path, "≥95%");
    assert_eq!(at(&p, "W-05", path), vec![]);
    set(&mut p, path, "≤5%");
    let want = vec![("stated", "≤".to_string()), ("nature", "≥".to_string())];
    let got: Vec<_> = at(&p, "W-05", path)
        .into_iter()
        .filter(|(v, _)| *v == "conflict")
        .map(|(_, args)| args.into_iter().filter(|(k, _)| *k != "value").collect::<Vec<_>>())
        .collect();
    assert_eq!(got, vec![want]);
}

/// The running score is complete (no 评分中 in the header) only when 执行率 is scored and
/// every indicator row has its 分值 and 得分; an empty indicator table is not complete.
#[test]
fn the_running_score_is_complete_only_with_execution_and_every_rows_weight_and_score() {
    let complete = |p: &Package| jixiao::form::check(p, &Profile::default_profile()).score().complete;
    let p = base(SEED);
    assert!(complete(&p));
    for (path, why) in [
        ("self_eval.indicators.3.score", "a row without 得分"),
        ("self_eval.indicators.3.weight", "a row without 分值"),
        ("self_eval.spent", "no 执行率"),
    ] {
        let mut q = p.clone();
        set(&mut q, path, "");
        assert!(!complete(&q), "{why}");
    }
    let mut q = p.clone();
    while !q.rows_at("self_eval.indicators").is_empty() {
        assert!(q.remove_row("self_eval.indicators", 0), "remove");
    }
    assert!(!complete(&q), "no rows");
}

/// Domain §2.4: each 一级指标's 分值 and 得分 are the sums of its rows' (the seed's 产出指标
/// has several rows, so a level's second row is added, not subtracted or multiplied).
#[test]
fn level1_sums_add_the_weights_and_scores_of_each_levels_rows() {
    use jixiao::form::scoring::ind;
    let p = base(SEED);
    let f = jixiao::form::unit::calc::compute(&p, &Profile::default_profile());
    let rows = p.rows_at("self_eval.indicators");
    let mut seen = 0;
    for l in &f.indicators.levels {
        let mine: Vec<_> = rows.iter().filter(|r| r.text(ind::LEVEL1) == l.name).collect();
        let sum = |c| mine.iter().filter_map(|r| r.number(c)).sum::<rust_decimal::Decimal>();
        assert_eq!((l.weight, l.score), (sum(ind::WEIGHT), sum(ind::SCORE)), "{}", l.name);
        seen += usize::from(mine.len() > 1);
    }
    assert!(seen > 0, "a level with more than one row");
}

/// 基础数据表's 项目支出 total (domain §1.2): 业务经费 + 编外用工人员经费 + Σ 本级专项资金
/// rows, per column.
#[test]
fn project_spending_total_adds_its_rows_and_the_special_funds() {
    let total = |p: &Package| {
        let f = jixiao::form::unit::calc::compute(p, &Profile::default_profile());
        let row = f.fund_totals.iter().find(|(k, _)| *k == "projects").map(|(_, v)| *v).expect("total row");
        row.map(|d| d.normalize().to_string())
    };
    let mut p = base(SEED);
    set(&mut p, "basic.funds.project_business.final", "10");
    set(&mut p, "basic.funds.project_contract_staff.final", "2.5");
    assert_eq!(total(&p), ["0", "0", "12.5"], "no 专项 rows");
    let n = p.insert_row("basic.special_funds", usize::MAX).expect("row") + 1;
    set(&mut p, &format!("basic.special_funds.{n}.name"), "城管执法专项");
    set(&mut p, &format!("basic.special_funds.{n}.final"), "5");
    set(&mut p, &format!("basic.special_funds.{n}.budget"), "6");
    assert_eq!(total(&p), ["0", "6", "17.5"]);
}

/// W-08 (domain §2.3): 全年执行数 is over the base when above it by more than the money
/// tolerance (0.005 万元); exactly the tolerance above, a 成本 row's "within budget" stands.
#[test]
fn w08_spending_exactly_the_tolerance_above_the_base_is_not_over_and_beyond_it_is() {
    let path = "self_eval.indicators.15.actual";
    let mut p = base(SEED);
    set(&mut p, "self_eval.budget_full", "899.125");
    assert_eq!(at(&p, "W-08", path), vec![]);
    set(&mut p, "self_eval.budget_full", "899.1249");
    assert_eq!(at(&p, "W-08", path), vec![("", vec![("rate", "100.00%".to_string())])]);
}

/// W-05 on a 定性 row (domain §2.3): a tier below the first gives a band of 分值 (部分达成:
/// 60 % to 80 % less a fen, 3.00 to 3.99 of 5); a score at the band's lower edge is in it, a
/// fen below is not.
#[test]
fn w05_a_tier_rows_score_at_the_bands_lower_edge_is_in_it_and_a_fen_below_is_not() {
    let path = "self_eval.indicators.7.score";
    let mut p = base(SEED);
    set(&mut p, "self_eval.indicators.7.tier", "部分达成预期指标并具有一定效果");
    set(&mut p, "self_eval.indicators.7.reason", "部分路段反复");
    set(&mut p, path, "3.00");
    assert_eq!(at(&p, "W-05", path), vec![]);
    set(&mut p, path, "2.99");
    let band = vec![("entered", "2.99".to_string()), ("min", "3.00".to_string()), ("max", "3.99".to_string())];
    assert_eq!(at(&p, "W-05", path), vec![("band", band)]);
}

/// W-22 (issue 19): a row whose target is 0 has no 完成率 to compare a reason's figure with
/// (and no division by zero).
#[test]
fn w22_a_reason_on_a_row_with_a_zero_target_is_not_given_a_completion_rate() {
    let mut p = base(SEED);
    for (k, v) in [("target", "0件"), ("actual", "0件"), ("score", "4"), ("reason", "完成率 100%")] {
        set(&mut p, &format!("self_eval.indicators.1.{k}"), v);
    }
    assert_eq!(at(&p, "W-22", "self_eval.indicators.1.reason"), vec![]);
}

/// W-24 (issue 13): a 执行率 above 1,000 % is an amount typed in 元; 1,000 % itself is not.
#[test]
fn w24_an_execution_rate_above_1000_percent_is_flagged_and_1000_is_not() {
    let mut p = base(SEED);
    set(&mut p, "self_eval.spent", "8658.2");
    assert_eq!(at(&p, "W-24", "self_eval.spent"), vec![]);
    set(&mut p, "self_eval.spent", "8658.3");
    assert_eq!(at(&p, "W-24", "self_eval.spent"), vec![("", vec![("rate", "1000.01%".to_string())])]);
}

// ---- src/form/scoring/execution.rs ------------------------------------------------------

/// The seed with 全年预算数 1000 and 全年执行数 `spent` (so 执行率 = spent ÷ 10 %), and no
/// 执行偏差说明.
fn executed(spent: &str) -> Package {
    let mut p = base(SEED);
    set(&mut p, "self_eval.budget_full", "1000");
    set(&mut p, "self_eval.spent", spent);
    set(&mut p, "self_eval.exec_reason", "");
    p
}

/// W-04 (domain §2.2, S13): 执行率 outside 90 %–100 % without a reason; at either edge it is
/// inside.
#[test]
fn w04_an_execution_rate_at_either_edge_of_the_band_is_inside_it() {
    for (spent, want) in
        [("900", None), ("899.9", Some(("under", "89.99%"))), ("1000", None), ("1000.1", Some(("over", "100.01%")))]
    {
        let got = at(&executed(spent), "W-04", "self_eval.spent");
        let want: Vec<_> = want
            .map(|(v, rate)| (v, vec![("rate", rate.to_string()), ("low", "90.00".into()), ("high", "100.00".into())]))
            .into_iter()
            .collect();
        assert_eq!(got, want, "{spent}");
    }
}

/// W-24 (issue 13): a 执行率 below 0.1 % (and above 0) is an amount typed in the wrong unit;
/// 0.1 % itself, and 0 (nothing spent), are not.
#[test]
fn w24_an_execution_rate_below_a_tenth_of_a_percent_is_flagged_and_the_edges_are_not() {
    for (spent, want) in [("1", None), ("0.9", Some("0.09%")), ("0", None)] {
        let want: Vec<_> = want.map(|r| ("", vec![("rate", r.to_string())])).into_iter().collect();
        assert_eq!(at(&executed(spent), "W-24", "self_eval.spent"), want, "{spent}");
    }
}

/// W-22 (issue 19) on what was not spent and what was overspent, as a share and as an amount:
/// 800 of 865.82 leaves 65.82 万元, 7.60 %; the seed's 899.13 is 33.31 万元, 3.85 % over.
#[test]
fn w22_the_unspent_and_overspent_figures_of_a_reason_are_compared() {
    let claim = |spent: &str, reason: &str| {
        let mut p = base(SEED);
        set(&mut p, "self_eval.spent", spent);
        set(&mut p, "self_eval.exec_reason", reason);
        at(&p, "W-22", "self_eval.exec_reason")
            .into_iter()
            .map(|(_, args)| args.into_iter().map(|(_, v)| v).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    };
    let none: Vec<Vec<String>> = vec![];
    assert_eq!(claim("800", "年末结余 65.82 万元，未执行 7.6%"), none);
    assert_eq!(claim("800", "结余 60 万元"), vec![vec!["60万元".to_string(), "claim.unspent".into(), "66万元".into()]]);
    assert_eq!(claim("800", "未执行 5%"), vec![vec!["5%".to_string(), "claim.unspent".into(), "8%".into()]]);
    assert_eq!(claim("899.13", "超支 3.85%"), none);
    assert_eq!(claim("899.13", "超支 5%"), vec![vec!["5%".to_string(), "claim.over".into(), "4%".into()]]);
}

/// E-25 (S13, Sichuan): a 执行偏差说明 of at most `max_chars` characters; exactly that many is
/// allowed, one more is not; `max_chars` 0 sets no limit.
#[test]
fn e25_a_reason_of_exactly_the_limit_is_allowed_and_no_limit_means_none() {
    use jixiao::form::profile::ExecReason;
    let check = |max_chars: usize, reason: &str| {
        let mut profile = Profile::default_profile();
        profile.exec_reason = Some(ExecReason { below: "90".parse().expect("decimal"), max_chars });
        let mut p = base(SEED);
        set(&mut p, "self_eval.exec_reason", reason);
        jixiao::form::check(&p, &profile)
            .issues
            .into_iter()
            .filter(|i| i.rule == "E-25" && i.path == "self_eval.exec_reason")
            .map(|i| (i.variant, i.args))
            .collect::<Vec<_>>()
    };
    assert_eq!(check(10, "年末追加预算所致。"), vec![], "9 characters");
    assert_eq!(check(10, "年末追加预算所致。。"), vec![], "10 characters");
    let eleven = vec![("too_long", vec![("count", "11".to_string()), ("max", "10".to_string())])];
    assert_eq!(check(10, "年末追加预算所致。。。"), eleven);
    assert_eq!(check(0, &"年末追加预算所致。".repeat(20)), vec![], "no limit");
}

/// E-25 (S13, Sichuan): a reason is required *below* 90 %; at exactly 90 % it is not.
#[test]
fn e25_a_reason_is_required_below_the_rate_and_not_at_it() {
    use jixiao::form::profile::ExecReason;
    let mut profile = Profile::default_profile();
    profile.exec_reason = Some(ExecReason { below: "90".parse().expect("decimal"), max_chars: 100 });
    let e25 = |spent: &str| {
        jixiao::form::check(&executed(spent), &profile)
            .issues
            .into_iter()
            .filter(|i| i.rule == "E-25")
            .map(|i| (i.path, i.args))
            .collect::<Vec<_>>()
    };
    assert_eq!(e25("900"), vec![]);
    let args = vec![("rate", "89.99%".to_string()), ("below", "90.00".to_string())];
    assert_eq!(e25("899.9"), vec![("self_eval.exec_reason".to_string(), args)]);
}

/// Domain §2.2: 执行率's base is the 全年预算数, or the 年初预算数 when the 全年预算数 is blank
/// *or 0*.
#[test]
fn execution_rate_falls_back_to_the_initial_budget_when_the_full_budget_is_zero() {
    use jixiao::form::scoring::{Given, execution};
    let d = |s: &str| s.parse::<rust_decimal::Decimal>().expect("decimal");
    let profile = Profile::default_profile();
    let of = |full: Given| execution(Some(d("865.82")), full, Some(d("899.13")), &profile).rate.map(|r| r.to_string());
    assert_eq!(of(Given::Amount(d("0"))), Some("103.85".into()));
    assert_eq!(of(Given::Blank), Some("103.85".into()));
    assert_eq!(of(Given::Amount(d("1000"))), Some("89.91".into()));
    assert_eq!(of(Given::Invalid), None);
}

/// The spreadsheet's 执行率得分 formula (issue 16) gives the figure jixiao computes: min(执行
/// 数 ÷ base, cap ÷ 100) × 分值, rounded to 2 — under the cap and above it.
#[test]
fn execution_score_formula_caps_the_rate_as_the_computed_score_does() {
    use jixiao::form::layout::At;
    use jixiao::form::scoring::{Given, execution, execution_formulas};
    let d = |s: &str| s.parse::<rust_decimal::Decimal>().expect("decimal");
    let profile = Profile::default_profile();
    let (spent_at, base_at, weight_at) = (At::here(1, 1), At::here(2, 1), At::here(3, 1));
    let (_, score) = execution_formulas(spent_at, base_at, weight_at, &profile);
    for spent in ["800", "865.82", "899.13"] {
        let cell = |a: At| match a {
            a if a == spent_at => Some(d(spent)),
            a if a == base_at => Some(d("865.82")),
            a if a == weight_at => Some(profile.exec_weight),
            _ => None,
        };
        let computed = execution(Some(d("865.82")), Given::Blank, Some(d(spent)), &profile).score;
        assert_eq!(score.eval(&cell).map(|s| s.round_dp(2)), computed, "{spent}");
    }
}

/// E-16 (domain §2.3): a 偏差原因 is required when the entered 得分 is below 分值, *or* when the
/// rule finds the target missed — either alone is enough.
#[test]
fn e16_a_reason_is_required_for_a_score_below_weight_or_a_missed_target_alone() {
    let path = "self_eval.indicators.1.reason";
    let e16 = |changes: &[(&str, &str)]| {
        let mut p = base(SEED);
        for (k, v) in changes {
            set(&mut p, &format!("self_eval.indicators.1.{k}"), v);
        }
        at(&p, "E-16", path)
    };
    let row1 = vec![("", vec![("row", "1".to_string())])];
    assert_eq!(e16(&[]), vec![], "met, full marks");
    assert_eq!(e16(&[("score", "4")]), row1, "met, 4 of 5");
    assert_eq!(e16(&[("actual", "180件")]), row1, "missed, 5 of 5");
}

// ---- src/form/package.rs ------------------------------------------------------------------

/// Two packages are equal when their form, profile, office files, values, rows, project
/// sheets, transcribed figures and last year's texts are; the user's comments do not count.
#[test]
fn packages_differ_in_every_part_but_their_comments() {
    let base = base(PROJECTS);
    type Change = (&'static str, fn(&mut Package));
    let changes: [Change; 9] = [
        ("profile", |p| p.profile = "hunan-2020".into()),
        ("exports", |p| p.exports = vec![jixiao::form::package::Office::Xlsx]),
        ("a value", |p| assert!(p.set("basic.staff_actual", "24"))),
        ("a row", |p| assert!(p.set("self_eval.indicators.1.weight", "4"))),
        ("a project sheet", |p| assert!(p.set("projects.1.name", "另一个项目"))),
        ("stated", |p| {
            p.stated.insert("self_eval.total".into(), "99".into());
        }),
        ("reference", |p| {
            p.reference.insert("report.summary".into(), "去年".into());
        }),
        ("the form", |p| *p = jixiao::form::Package::empty(jixiao::form::project::form())),
        ("nothing", |_| {}),
    ];
    for (what, change) in changes {
        let mut p = base.clone();
        change(&mut p);
        assert_eq!(p == base, what == "nothing", "{what}");
    }
    let mut p = base.clone();
    p.comments = jixiao::form::comments::Comments::extract("# 备注\n[jixiao]\n", "");
    assert_eq!(p, base, "comments are presentation only");
    let shown = format!("{base:?}");
    assert!(shown.contains("hunan-2023") && shown.contains("basic.staff_actual"), "{shown}");
}

/// `row_of`: the row a table cell's path lies in, in the package or a project's sheet.
#[test]
fn row_of_a_cell_path_is_that_row_of_its_sheet() {
    let p = base(PROJECTS);
    let name = |path: &str| p.row_of(path).map(|(_, r)| r.get("name").to_string());
    assert_eq!(name("self_eval.indicators.2.score"), Some(p.text_at("self_eval.indicators.2.name").to_string()));
    let (sheet, row) = p.row_of("projects.2.indicators.1.score").expect("a project's row");
    assert_eq!(sheet.form().id, jixiao::form::project::form().id);
    assert_eq!(row.get("name"), p.text_at("projects.2.indicators.1.name"));
    assert_eq!(name("self_eval.indicators.99.score"), None);
    assert_eq!(name("self_eval.spent"), None);
}

/// Rows are removed and swapped only where they exist (0-based), and say whether they were.
#[test]
fn rows_are_removed_and_swapped_only_where_they_exist() {
    let t = "self_eval.indicators";
    let p = base(SEED);
    let names = |p: &Package| p.rows_at(t).iter().map(|r| r.get("name").to_string()).collect::<Vec<_>>();
    let n = p.rows_at(t).len();
    let mut q = p.clone();
    assert!(!q.remove_row(t, n), "no row {n}");
    assert_eq!(q, p);
    assert!(q.remove_row(t, n - 1));
    assert_eq!(names(&q), names(&p)[..n - 1]);
    let mut q = p.clone();
    assert!(q.swap_rows(t, 0, 1));
    assert_eq!((names(&q)[0].clone(), names(&q)[1].clone()), (names(&p)[1].clone(), names(&p)[0].clone()));
    for (a, b) in [(0, n), (n, 0), (n, n)] {
        let mut q = p.clone();
        assert!(!q.swap_rows(t, a, b), "{a} {b}");
        assert_eq!(q, p);
    }
    assert!(!p.clone().swap_rows("no.such", 0, 1));
    assert!(!p.clone().remove_row("no.such", 0));
}

/// `--answers`: what is empty here is filled from the answers (a field, a table without
/// rows, a group without sheets); what is filled here stays.
#[test]
fn fill_from_fills_only_what_is_empty() {
    let full = base(PROJECTS);
    let mut p = jixiao::form::Package::new(full.form(), 2023);
    assert!(p.set("basic.unit_name", "本单位"));
    p.fill_from(&full);
    assert_eq!(p.text_at("basic.unit_name"), "本单位", "kept");
    assert_eq!(p.text_at("basic.staff_quota"), full.text_at("basic.staff_quota"));
    assert_eq!(p.rows_at("self_eval.indicators").len(), full.rows_at("self_eval.indicators").len());
    let g = jixiao::form::unit::keys::PROJECTS;
    assert_eq!(p.instances(g).len(), full.instances(g).len());
    let values: Vec<&str> = p.values().map(|(k, _)| k).collect();
    assert!(values.contains(&"basic.staff_quota") && values.contains(&"basic.unit_name"), "{values:?}");
}

/// Blank: nothing but the fiscal year — no other field, no row, no project sheet.
#[test]
fn a_package_is_blank_until_anything_but_its_year_is_filled() {
    let form = jixiao::form::unit::form();
    assert!(jixiao::form::Package::new(form, 2023).is_blank());
    let mut p = jixiao::form::Package::new(form, 2023);
    assert!(p.set("basic.unit_name", "本单位"));
    assert!(!p.is_blank(), "a field");
    let mut p = jixiao::form::Package::new(form, 2023);
    assert!(p.insert_row("self_eval.indicators", 0).is_some());
    assert!(!p.is_blank(), "a row");
    let mut p = jixiao::form::Package::new(form, 2023);
    assert!(p.insert_instance(jixiao::form::unit::keys::PROJECTS, 0).is_some());
    assert!(!p.is_blank(), "a project");
}

// ---- src/form/file.rs ---------------------------------------------------------------------

fn seed_text() -> String {
    std::fs::read_to_string(SEED).unwrap_or_else(|e| panic!("{SEED}: {e}"))
}

fn load_err(text: &str) -> jixiao::form::file::LoadError {
    match load(text.as_bytes()) {
        Ok(_) => panic!("loaded, but should not have"),
        Err(e) => e,
    }
}

/// The 1-based line of the first line of `text` that starts with `start`.
fn line_of(text: &str, start: &str) -> usize {
    text.lines().position(|l| l.starts_with(start)).unwrap_or_else(|| panic!("no line {start}")) + 1
}

/// A data file may be up to 4 MiB (`MAX_FILE_BYTES`): a 2 MiB one (a long comment) loads, one
/// byte over 4 MiB is refused before it is parsed, with its size.
#[test]
fn a_data_file_up_to_4_mib_loads_and_a_larger_one_is_refused_with_its_size() {
    assert_eq!(jixiao::form::file::MAX_FILE_BYTES, 4 * 1024 * 1024);
    let seed = seed_text();
    let mut big = seed.clone();
    big.push('#');
    big.push_str(&"x".repeat(2 * 1024 * 1024));
    big.push('\n');
    let loaded = load(big.as_bytes()).unwrap_or_else(|e| panic!("a 2 MiB file: {e:?}"));
    assert_eq!(loaded.package, base(SEED), "the comment changes nothing");
    let mut over = seed;
    over.push('#');
    over.push_str(&"x".repeat(4 * 1024 * 1024 + 1 - over.len()));
    assert_eq!(over.len(), 4 * 1024 * 1024 + 1);
    let e = load_err(&over);
    assert_eq!((e.line, e.col, e.kind), (1, 1, jixiao::form::file::LoadErrorKind::TooLarge(4 * 1024 * 1024 + 1)));
}

/// Line and column (in characters, 1-based) of a byte offset: an offset inside a character
/// counts as that character's start.
#[test]
fn line_and_column_of_an_offset_count_characters_and_a_split_character_counts_whole() {
    use jixiao::form::file::line_col;
    let t = "a中b\n中文x";
    assert_eq!(line_col(t, 0), (1, 1));
    assert_eq!(line_col(t, 1), (1, 2), "中 starts at byte 1");
    assert_eq!(line_col(t, 2), (1, 2), "inside 中: its start");
    assert_eq!(line_col(t, 3), (1, 2), "inside 中: its start");
    assert_eq!(line_col(t, 4), (1, 3), "b");
    assert_eq!(line_col(t, 6), (2, 1));
    assert_eq!(line_col(t, 8), (2, 1), "inside the second line's 中");
    assert_eq!(line_col(t, 12), (2, 3), "x after two Chinese characters is column 3");
    assert_eq!(line_col(t, 99), (2, 4), "past the end: the end");
}

/// Where each value stood (line, column of the value) is kept for the messages that name a
/// field: a field, a table cell, a project sheet's field and cell, and the tables themselves.
#[test]
fn the_loader_keeps_the_line_and_column_of_every_value_it_read() {
    let text = seed_text();
    let loaded = load(text.as_bytes()).expect("seed loads");
    let name = line_of(&text, "name = \"执法办案件数\"");
    assert_eq!(loaded.spans.get("self_eval.indicators.1.name"), Some(&(name, 8)));
    let unit = line_of(&text, "unit_name = \"岳阳");
    assert!(unit > line_of(&text, "[basic]") && unit < line_of(&text, "[basic.funds]"));
    assert_eq!(loaded.spans.get("basic.unit_name"), Some(&(unit, 13)));
    let year = line_of(&text, "fiscal_year = 2023");
    assert_eq!(loaded.spans.get("basic.fiscal_year"), Some(&(year, 15)), "a number's span");
    let table = line_of(&text, "[[self_eval.indicators]]");
    assert_eq!(loaded.spans.get("self_eval.indicators").map(|s| s.0), Some(table));

    let text = std::fs::read_to_string(PROJECTS).expect("projects example");
    let loaded = load(text.as_bytes()).expect("projects example loads");
    let first = line_of(&text, "[[projects]]");
    assert_eq!(loaded.spans.get("projects.1").map(|s| s.0), Some(first));
    let pname = first + text.lines().skip(first).position(|l| l.starts_with("name = ")).expect("a name") + 1;
    assert_eq!(loaded.spans.get("projects.1.name"), Some(&(pname, 8)));
    assert!(loaded.spans.contains_key("projects.2.indicators.1.name"), "{:?}", loaded.spans.keys());
}

/// A table holds at most 1,000 rows (`MAX_ROWS`) and a package at most 200 project sheets
/// (`MAX_PROJECTS`): exactly that many load, one more is refused naming the table and the
/// limit.
#[test]
fn a_table_of_1000_rows_and_200_project_sheets_load_and_one_more_is_refused() {
    use jixiao::form::file::LoadErrorKind::TooManyRows;
    let seed = seed_text();
    let rows = |n: usize| format!("{seed}\n{}", "[[self_eval.indicators]]\nname = \"x\"\n".repeat(n - 17));
    let loaded = load(rows(1000).as_bytes()).expect("1,000 rows load");
    assert_eq!(loaded.package.rows_at("self_eval.indicators").len(), 1000);
    let e = load_err(&rows(1001));
    assert_eq!(e.kind, TooManyRows("self_eval.indicators".into(), 1000));
    assert_eq!(e.line, line_of(&seed, "[[self_eval.indicators]]"), "where the table starts");

    let sheets = |n: usize| format!("{seed}\n{}", "[[projects]]\nname = \"p\"\n".repeat(n));
    let loaded = load(sheets(200).as_bytes()).expect("200 project sheets load");
    assert_eq!(loaded.package.instances(jixiao::form::unit::keys::PROJECTS).len(), 200);
    assert_eq!(load_err(&sheets(201)).kind, TooManyRows("projects".into(), 200));
}

/// A key the current version does not know is refused where it stands, before anything
/// after it is read: not set aside for a migration, which is for files of older versions.
#[test]
fn an_unknown_key_in_a_current_file_is_the_error_even_with_a_later_bad_value() {
    let seed = seed_text();
    let text = seed.replacen("[basic]\n", "[basic]\nzzz = 1\n", 1).replacen(
        "weight = 5.00  # 分值",
        "weight = \"五\"  # 分值",
        1,
    );
    let e = load_err(&text);
    assert_eq!(e.kind, jixiao::form::file::LoadErrorKind::UnknownKey("basic.zzz".into()));
    assert_eq!((e.line, e.col), (line_of(&text, "zzz = 1"), 1));
}

/// v1 → v2 (Behaviour::migrate): a typed `report.score`, as text, a whole number or a
/// decimal, becomes the `[stated]` transcription of the paper report's score, as written.
#[test]
fn a_v1_report_score_in_any_number_form_becomes_the_stated_score_as_written() {
    let seed = seed_text();
    for (written, kept) in [("\"88.50\"", "88.50"), ("88", "88"), ("88.5", "88.5")] {
        let v1 = seed
            .replacen("format_version = 2", "format_version = 1", 1)
            .replacen("\"report.score\" = \"98.00\"\n", "", 1)
            .replacen("[report]\n", &format!("[report]\nscore = {written}\n"), 1);
        let loaded = load(v1.as_bytes()).unwrap_or_else(|e| panic!("{written}: {e:?}"));
        assert_eq!(loaded.version, 1);
        assert_eq!(loaded.package.stated.get("report.score").map(String::as_str), Some(kept), "{written}");
    }
}

/// `[stated]` and `[reference]` are tables, in the package and in each project sheet: a
/// value of another type there is refused naming the key, never passed over.
#[test]
fn stated_and_reference_that_are_not_tables_are_refused_in_the_package_and_a_sheet() {
    use jixiao::form::file::LoadErrorKind::WrongType;
    let full = seed_text();
    // Without its own `[stated]` table (a key may not be given twice).
    let seed = &full[..full.find("\n[stated]").expect("the seed has [stated]") + 1];
    for name in ["stated", "reference"] {
        // A top-level key must come before the first table header.
        let text = seed.replacen("[jixiao]\n", &format!("{name} = \"x\"\n[jixiao]\n"), 1);
        let e = load_err(&text);
        assert_eq!(e.kind, WrongType { key: name.into(), expected: "table" }, "{name}");
        assert_eq!((e.line, e.col), (line_of(&text, &format!("{name} = ")), name.len() + 4));

        let projects = std::fs::read_to_string(PROJECTS).expect("projects example");
        let text = projects.replacen("[[projects]]  # 项目支出绩效自评表\n", &format!("[[projects]]\n{name} = 1\n"), 1);
        assert_ne!(text, projects);
        assert_eq!(load_err(&text).kind, WrongType { key: format!("projects.1.{name}"), expected: "table" });
    }
}

/// A `[stated]` transcription is kept as written, whether the file holds it as text, a whole
/// number or a decimal; anything else (a boolean, a table) is refused naming the key.
#[test]
fn a_stated_transcription_is_kept_as_written_in_text_or_number_form_and_nothing_else() {
    let seed = seed_text();
    for (written, kept) in [("\"98.00\"", "98.00"), ("98", "98"), ("97.5", "97.5"), ("1_000", "1000")] {
        let text = seed.replacen("\"report.score\" = \"98.00\"", &format!("\"report.score\" = {written}"), 1);
        let loaded = load(text.as_bytes()).unwrap_or_else(|e| panic!("{written}: {e:?}"));
        assert_eq!(loaded.package.stated.get("report.score").map(String::as_str), Some(kept), "{written}");
    }
    let text = seed.replacen("\"report.score\" = \"98.00\"", "\"report.score\" = true", 1);
    let e = load_err(&text);
    assert_eq!(
        e.kind,
        jixiao::form::file::LoadErrorKind::WrongType { key: "stated.report.score".into(), expected: "text" }
    );
    assert_eq!((e.line, e.col), (line_of(&text, "\"report.score\" = true"), 18));
}

/// `[reference]` (last year's values, by field path) keeps text with its line breaks made LF
/// and a whole number as written; a decimal or a boolean there is refused naming the key.
#[test]
fn a_reference_value_is_text_or_a_whole_number_and_anything_else_is_refused() {
    use jixiao::form::file::LoadErrorKind::WrongType;
    let seed = seed_text();
    let with = |body: &str| format!("{seed}\n[reference]\n{body}\n");
    let loaded = load(with("\"basic.staff_quota\" = 25\n\"report.functions\" = \"一\\r\\n二\"").as_bytes())
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(loaded.package.reference.get("basic.staff_quota").map(String::as_str), Some("25"));
    assert_eq!(loaded.package.reference.get("report.functions").map(String::as_str), Some("一\n二"));
    for bad in ["25.5", "true"] {
        let text = with(&format!("\"basic.staff_quota\" = {bad}"));
        let e = load_err(&text);
        assert_eq!(e.kind, WrongType { key: "reference.basic.staff_quota".into(), expected: "text" }, "{bad}");
        assert_eq!(e.line, line_of(&text, "\"basic.staff_quota\" = "), "{bad}");
    }
}

/// A value of the wrong type is refused with what the field expects: a number for money, a
/// date for a date, text for text.
#[test]
fn a_value_of_the_wrong_type_names_what_its_field_expects_number_date_or_text() {
    use jixiao::form::file::LoadErrorKind::WrongType;
    let seed = seed_text();
    for (line, to, key, expected) in [
        ("fiscal_year = 2023", "fiscal_year = true", "basic.fiscal_year", "number"),
        ("cover_date = 2024-05-20", "cover_date = true", "report.cover_date", "date"),
        ("cover_date = 2024-05-20", "cover_date = 2024-05-20T08:00:00", "report.cover_date", "date"),
        ("unit_name = \"岳阳", "unit_name = true\nx = \"岳阳", "basic.unit_name", "text"),
    ] {
        let text = seed.replacen(line, to, 1);
        assert_ne!(text, seed, "{line}");
        let e = load_err(&text);
        assert_eq!(e.kind, WrongType { key: key.into(), expected }, "{to}");
    }
}

/// A number written without quotes is read for a number field and for a telephone number
/// (`phone = 13975028272`), and refused for text, as are a decimal and a date there.
#[test]
fn bare_numbers_are_read_for_numbers_and_phones_and_refused_for_text_as_are_decimals_and_dates() {
    use jixiao::form::file::LoadErrorKind::WrongType;
    let seed = seed_text();
    let phone = seed.replacen("phone = \"13975028272\"", "phone = 13975028270", 1);
    assert_ne!(phone, seed);
    let loaded = load(phone.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(loaded.package.text_at("basic.phone"), "13975028270");
    let quota = seed.replacen("staff_quota = 27", "staff_quota = 2_7", 1);
    assert_eq!(load(quota.as_bytes()).expect("loads").package.text_at("basic.staff_quota"), "27");
    for bare in ["5", "5.5", "2024-05-20", "12:00:00"] {
        let text = seed.replacen("unit_name = \"岳阳", &format!("unit_name = {bare}\nx = \"岳阳"), 1);
        let e = load_err(&text);
        assert_eq!(e.kind, WrongType { key: "basic.unit_name".into(), expected: "text" }, "{bare}");
        assert_eq!((e.line, e.col), (line_of(&text, "unit_name = "), 13), "{bare}");
    }
}

/// Exactly 4 MiB is within the limit (`MAX_FILE_BYTES` is the largest size read).
#[test]
fn a_data_file_of_exactly_4_mib_loads() {
    let mut text = seed_text();
    text.push('#');
    text.push_str(&"x".repeat(4 * 1024 * 1024 - text.len() - 1));
    text.push('\n');
    assert_eq!(text.len(), jixiao::form::file::MAX_FILE_BYTES);
    assert!(load(text.as_bytes()).is_ok());
}

/// `[jixiao] exports` lists the office files the wizard writes beside the report: `xlsx`,
/// `docx`, each once, in the order offered; anything else there, or a value that is not a
/// list, is refused naming `jixiao.exports` and what it takes.
#[test]
fn the_office_exports_are_a_list_of_xlsx_and_docx_and_nothing_else() {
    use jixiao::form::file::LoadErrorKind::WrongType;
    use jixiao::form::package::Office;
    let seed = seed_text();
    let with = |v: &str| seed.replacen("[jixiao]\n", &format!("[jixiao]\nexports = {v}\n"), 1);
    assert_eq!(load(seed.as_bytes()).expect("loads").package.exports, []);
    let loaded = load(with("[\"docx\", \"xlsx\", \"docx\"]").as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(loaded.package.exports, [Office::Xlsx, Office::Docx]);
    for bad in ["[\"pdf\"]", "[\"xlsx\", 1]", "\"xlsx\"", "true"] {
        let text = with(bad);
        let e = load_err(&text);
        assert_eq!(e.kind, WrongType { key: "jixiao.exports".into(), expected: "[\"xlsx\", \"docx\"]" }, "{bad}");
        assert_eq!(e.line, line_of(&text, "exports = "), "{bad}");
    }
}

/// `[jixiao] form`, `format_version` and `profile` of the wrong type are refused as such
/// (what they take: text), not as unknown keys.
#[test]
fn the_files_form_version_and_profile_of_the_wrong_type_are_refused_as_wrong_types() {
    use jixiao::form::file::LoadErrorKind::WrongType;
    let seed = seed_text();
    for (line, to, key) in [
        ("form = \"", "form = 1\nx = \"", "jixiao.form"),
        ("format_version = 2", "format_version = \"2\"", "jixiao.format_version"),
        ("profile = \"", "profile = 1\nx = \"", "jixiao.profile"),
    ] {
        let text = seed.replacen(line, to, 1);
        assert_ne!(text, seed, "{line}");
        let e = load_err(&text);
        assert_eq!(e.kind, WrongType { key: key.into(), expected: "text" }, "{to}");
    }
}

/// Top-level keys are checked before anything is read: a table's name (`basic`, `report`,
/// `stated`, `reference`) holding a value is "table expected", project sheets that are not
/// rows "rows expected", a key no form has is unknown.
#[test]
fn a_top_level_key_of_the_wrong_type_is_refused_before_anything_is_read() {
    use jixiao::form::file::LoadErrorKind::{UnknownKey, WrongType};
    let seed = seed_text();
    // The `[jixiao]` table alone: the top-level keys are checked before the tables are missed.
    let meta = &seed[seed.find("[jixiao]").expect("[jixiao]")..seed.find("[basic]").expect("[basic]")];
    let table = |key: &str| WrongType { key: key.into(), expected: "table" };
    for (key, kind) in [
        ("basic = 5", table("basic")),
        ("report = \"x\"", table("report")),
        ("stated = 1", table("stated")),
        ("reference = []", table("reference")),
        ("projects = 5", WrongType { key: "projects".into(), expected: "rows" }),
        ("zzz = 5", UnknownKey("zzz".into())),
    ] {
        let e = load_err(&format!("{key}\n{meta}"));
        assert_eq!((e.kind, e.line), (kind, 1), "{key}");
    }
}

/// In a file of an older version, a key the migration does not take is unknown after all,
/// named with its line.
#[test]
fn a_key_an_old_file_has_and_the_migration_does_not_take_is_unknown() {
    let v1 = seed_text().replacen("format_version = 2", "format_version = 1", 1).replacen(
        "[basic]\n",
        "[basic]\nzzz = \"旧\"\n",
        1,
    );
    let e = load_err(&v1);
    assert_eq!(e.kind, jixiao::form::file::LoadErrorKind::UnknownKey("basic.zzz".into()));
    assert_eq!((e.line, e.col), (line_of(&v1, "zzz = "), 1));
}

/// A TOML string keeps invisible characters visible as escapes (a zero-width space, a BOM, a
/// tag character beyond the BMP with `\U`), but not those that shape the text around them (a
/// zero-width joiner in an emoji, a variation selector): those are part of what is shown.
#[test]
fn toml_strings_escape_invisible_characters_but_not_the_ones_that_shape_text() {
    use jixiao::form::file::toml_string;
    assert_eq!(toml_string("a\u{200B}b"), "\"a\\u200Bb\"");
    assert_eq!(toml_string("\u{FEFF}x"), "\"\\uFEFFx\"");
    assert_eq!(toml_string("x\u{E0001}"), "\"x\\U000E0001\"");
    assert_eq!(toml_string("👨\u{200D}👩"), "\"👨\u{200D}👩\"");
    assert_eq!(toml_string("☺\u{FE0F}"), "\"☺\u{FE0F}\"");
    assert_eq!(toml_string("一\n二"), "\"\"\"\n一\n二\"\"\"");
    assert_eq!(toml_string("a\t\"\\"), "\"a\\t\\\"\\\\\"");
}

// ---- src/form/def.rs ----------------------------------------------------------------------

/// Every kind of field names what it expects (`expect.<kind>`, in F1 help and error messages)
/// and its short hint (`hint.<kind>`, beside the label), and both are in each catalog.
#[test]
fn every_kind_of_field_names_its_expected_format_and_hint_in_both_languages() {
    use jixiao::form::def::{Choices, Kind};
    let kinds = [
        (Kind::Year, "year"),
        (Kind::Money, "money"),
        (Kind::Integer, "integer"),
        (Kind::Area, "area"),
        (Kind::Score, "score"),
        (Kind::Line, "line"),
        (Kind::LongText, "long_text"),
        (Kind::Date, "date"),
        (Kind::Phone, "phone"),
        (Kind::Name, "name"),
        (Kind::Choice(Choices::Level1), "choice"),
    ];
    for (kind, name) in kinds {
        assert_eq!(kind.expect_key(), format!("expect.{name}"));
        assert_eq!(kind.hint_key(), format!("hint.{name}"));
        for lang in jixiao::i18n::Lang::ALL {
            let cat = jixiao::i18n::Catalog::get(lang);
            assert!(cat.try_tr(kind.expect_key()).is_some_and(|t| !t.is_empty()), "{name} {lang:?}");
            assert!(cat.try_tr(&kind.hint_key()).is_some_and(|t| !t.is_empty()), "{name} {lang:?}");
        }
    }
}

/// A field's handle is its path in the form.
#[test]
fn a_field_key_is_its_path() {
    use jixiao::form::unit::keys::{basic, self_eval};
    assert_eq!(basic::UNIT_NAME.path(), "basic.unit_name");
    assert_eq!(self_eval::UNIT_NAME.path(), "self_eval.unit_name");
    let form = jixiao::form::unit::form();
    assert!(form.field(basic::UNIT_NAME.path()).is_some_and(|f| f.key == "basic.unit_name"));
}

/// A table's columns in screen order: the typed columns in their order, a computed column
/// right after the typed column it names (建议分 after 得分), computed columns that name none —
/// or a column the table does not have — at the end.
#[test]
fn a_tables_screen_order_puts_each_computed_column_after_the_one_it_names() {
    use jixiao::form::def::{ColKey, TableColumn};
    let names = |t: &jixiao::form::def::Table| -> Vec<String> {
        t.screen_order()
            .iter()
            .map(|c| match c {
                TableColumn::Input(c) => c.key.to_string(),
                TableColumn::Computed(k) => format!("={}", k.key.0),
            })
            .collect()
    };
    let form = jixiao::form::unit::form();
    let ind = form.table("self_eval.indicators").expect("indicator table");
    let typed: Vec<String> = ind.columns.iter().map(|c| c.key.to_string()).collect();
    let mut want = typed.clone();
    let at = want.iter().position(|k| k == "score").expect("a score column") + 1;
    want.insert(at, "=proposed".into());
    assert_eq!(names(ind), want);
    let buildings = form.table("basic.buildings").expect("buildings table");
    let mut want: Vec<String> = buildings.columns.iter().map(|c| c.key.to_string()).collect();
    want.extend(buildings.computed.iter().map(|k| format!("={}", k.key.0)));
    assert!(buildings.computed.len() >= 2, "two computed columns at the end");
    assert_eq!(names(buildings), want);
    // Naming a column the table does not have: at the end.
    let mut odd = ind.clone();
    odd.computed[0].after = Some(ColKey("nope"));
    let mut want = typed;
    want.push("=proposed".into());
    assert_eq!(names(&odd), want);
}

/// A form shows its id when debugged (its definition is too long to print).
#[test]
fn a_form_debugs_as_its_id() {
    let shown = format!("{:?}", jixiao::form::unit::form());
    assert!(shown.starts_with("Form") && shown.contains(&format!("{:?}", jixiao::form::unit::form().id)), "{shown}");
}

/// A form's section by id: its index in the form's order and its definition; an id the form
/// does not have is none.
#[test]
fn a_forms_section_is_found_by_its_id_with_its_index() {
    let form = jixiao::form::unit::form();
    for (i, s) in form.sections.iter().enumerate() {
        let (at, found) = form.section(s.id).unwrap_or_else(|| panic!("{}", s.id));
        assert_eq!((at, found.id), (i, s.id));
    }
    let (at, found) = form.section("indicators").expect("indicators");
    assert_eq!((at, found.doc), (7, "self_eval"));
    assert!(form.section("nope").is_none());
}

/// The section that shows a path: a field's, a table's for the table and each of its cells,
/// a grid's for its cells, a group's for the group; nothing for a path no section shows.
#[test]
fn the_section_that_shows_a_path_is_found_for_fields_tables_cells_grids_and_groups() {
    let form = jixiao::form::unit::form();
    let index = |id: &str| form.section(id).map(|(i, _)| i);
    for (path, id) in [
        ("basic.unit_name", "unit"),
        ("self_eval.indicators", "indicators"),
        ("self_eval.indicators.3.name", "indicators"),
        ("self_eval.indicators.1000.score", "indicators"),
        ("basic.funds.total.final", "funds"),
        ("projects", "projects"),
    ] {
        assert_eq!(form.section_of(path), index(id), "{path}");
        assert!(index(id).is_some(), "{id}");
    }
    assert_eq!(form.section_of("basic.nope"), None);
}

/// Each section's title is in each catalog under the form's key for it (the project sheet's
/// under its own prefix).
#[test]
fn every_sections_title_key_is_in_both_catalogs() {
    for form in [jixiao::form::unit::form(), jixiao::form::project::form()] {
        for s in &form.sections {
            let key = form.section_key(s.id);
            assert!(key.starts_with("section.") && key.ends_with(s.id), "{key}");
            for lang in jixiao::i18n::Lang::ALL {
                let t = jixiao::i18n::Catalog::get(lang).try_tr(&key);
                assert!(t.is_some_and(|t| !t.is_empty()), "{key} {lang:?}");
            }
        }
    }
    assert_eq!(jixiao::form::unit::form().section_key("indicators"), "section.indicators");
}

// ---- src/form/profile_file.rs --------------------------------------------------------------

fn hunan_profile() -> String {
    jixiao::form::profile::builtin_text("hunan-2023")
        .expect("built in")
        .replace("id = \"hunan-2023\"", "id = \"b-2024\"")
}

fn profile_error(text: &str) -> jixiao::form::profile_file::ProfileError {
    let ids = jixiao::form::profile::builtin_ids();
    jixiao::form::profile_file::read(text, &ids).expect_err("refused")
}

/// A profile's unknown key is named by its whole path when it is inside a table of a list
/// (`level1.1.weigth`), not by its last part only.
#[test]
fn a_profiles_unknown_key_deep_inside_is_named_by_its_whole_path() {
    let text = hunan_profile().replacen("key = \"output\"\n", "key = \"output\"\nweigth = \"5\"\n", 1);
    let e = profile_error(&text);
    assert_eq!(e.key, "profile.error.unknown_key");
    assert_eq!(e.args.first(), Some(&("key", "level1.1.weigth".to_string())), "{e:?}");
    assert_eq!(e.line, line_of(&text, "weigth = "));
}

/// A value of the wrong type says the key and what it takes: a number, a whole number (a
/// negative one for a year), true or false.
#[test]
fn a_profiles_value_of_the_wrong_type_names_the_key_and_the_kind_it_takes() {
    for (from, to, key, kind) in [
        ("exec_cap = \"100\"", "exec_cap = \"百\"", "exec_cap", "number"),
        ("fiscal_year = 2023", "fiscal_year = \"2023\"", "fiscal_year", "integer"),
        ("fiscal_year = 2023", "fiscal_year = 99999999999", "fiscal_year", "integer"),
        ("criteria = false", "criteria = \"no\"", "criteria", "boolean"),
    ] {
        let text = hunan_profile().replacen(from, to, 1);
        let e = profile_error(&text);
        assert_eq!(e.key, "profile.error.wrong_type", "{to}: {e:?}");
        assert_eq!(e.args, vec![("key", key.to_string()), ("expected", kind.to_string())], "{to}");
        assert_eq!(e.line, line_of(&text, to), "{to}");
    }
}

/// The weights that must add up are shown as written, without trailing zeros (10 + 85 ≠ 100,
/// not 10.00).
#[test]
fn a_profiles_weights_that_do_not_add_up_are_shown_without_trailing_zeros() {
    let text = hunan_profile().replacen("indicator_total = \"90\"", "indicator_total = \"85.50\"", 1);
    let e = profile_error(&text);
    assert_eq!(e.key, "profile.error.total");
    let shown: Vec<&str> = e.args.iter().map(|(_, v)| v.as_str()).collect();
    assert!(shown.contains(&"85.5") && shown.contains(&"10"), "{e:?}");
}

/// 二级 names are unique within their 一级 only: the same 二级 under two 一级 is accepted,
/// twice under one is refused at the second, and a 二级 may bear its 一级's name (S12).
#[test]
fn a_profiles_level2_names_are_unique_within_their_level1_only() {
    let ids = jixiao::form::profile::builtin_ids();
    let read = |t: &str| jixiao::form::profile_file::read(t, &ids);
    let base = hunan_profile();
    let in_two = base.replacen(
        "{ key = \"timeliness\", name = \"时效指标\" }",
        "{ key = \"timeliness\", name = \"社会效益指标\" }",
        1,
    );
    assert_ne!(in_two, base);
    assert!(in_two.contains("name = \"社会效益指标\" }"), "the benefit level has a 社会效益指标 too");
    assert!(read(&in_two).is_ok(), "{:?}", read(&in_two).err());
    let twice = base.replacen(
        "{ key = \"timeliness\", name = \"时效指标\" }",
        "{ key = \"timeliness\", name = \"质量指标\" }",
        1,
    );
    let e = read(&twice).expect_err("twice in one 一级");
    assert_eq!((e.key, e.args.clone()), ("profile.error.duplicate", vec![("name", "质量指标".to_string())]));
    let second = twice.lines().position(|l| l.contains("timeliness")).expect("timeliness") + 1;
    assert_eq!(e.line, second, "the second is refused");
    let own = base.replacen(
        "{ key = \"timeliness\", name = \"时效指标\" }",
        "{ key = \"timeliness\", name = \"产出指标\" }",
        1,
    );
    assert!(read(&own).is_ok(), "{:?}", read(&own).err());
}

// ---- src/form/layout.rs ------------------------------------------------------------------

/// The printed report of a package, in Chinese.
fn report_of(p: &Package) -> String {
    let cat = jixiao::i18n::Catalog::get(jixiao::i18n::Lang::ZhCn);
    let layout = p.form().behaviour.layout(p, &Profile::default_profile(), cat);
    jixiao::form::report_text::render(&layout, cat)
}

/// An amount given more exactly than the forms print it (to the 元: four decimals of 万元) is
/// printed with two and said with its exact value under its document — the 整体支出 sheet's
/// and a project sheet's alike — so that nothing printed is rounded unsaid.
#[test]
fn an_amount_more_exact_than_printed_is_said_exactly_under_its_document() {
    let mut p = base(PROJECTS);
    set(&mut p, "basic.funds.car_operation.prev_final", "5.9012");
    set(&mut p, "projects.1.funds.fiscal.spent", "316.8049");
    set(&mut p, "basic.special_funds.2.final", "86.4012");
    // (Notes wrap, at a space or not: read without white space.)
    let squeeze = |t: &str| t.split_whitespace().collect::<String>();
    let report = squeeze(&report_of(&p));
    for said in [
        "公车运行维护 · 上年决算数 5.9012 万元（印为 5.90）",
        // A table cell.
        "86.4012 万元（印为 86.40）",
        // The project sheet's own note, and the report's (which names the project).
        "更精确：其中：本年财政拨款 · 全年执行数 316.8049 万元（印为 316.80）",
        "更精确：项目 1《城区环卫保洁作业经费》 · 其中：本年财政拨款 · 全年执行数 316.8049",
    ] {
        assert!(report.contains(&squeeze(said)), "{said}");
    }
    let plain = report_of(&base(PROJECTS));
    assert!(!plain.contains("万元（印为"), "no note without such an amount");
}

/// A document is completed with every filled field of its sections its layout did not print
/// (a field added to a form reaches the printed package without a layout change): a long
/// text as a heading and its paragraph, any other field as `label：value`, before the
/// signatures; a field the layout printed is not printed twice.
#[test]
fn a_document_is_completed_with_the_filled_fields_its_layout_left_out() {
    use jixiao::form::layout::{Block, Document, Source, complete_doc};
    let p = base(SEED);
    let cat = jixiao::i18n::Catalog::get(jixiao::i18n::Lang::ZhCn);
    let sign = Block::Sign(Vec::new());
    let mut doc = Document {
        kind: "report",
        title: String::new(),
        short: String::new(),
        narrative: true,
        title_from: Vec::new(),
        blocks: vec![sign.clone()],
    };
    complete_doc(&mut doc, &p, "", cat);
    let source = |b: &Block| match b {
        Block::Pair { value, .. } | Block::Para(value) => match &value.source {
            Source::Field(f) => Some(f.clone()),
            _ => None,
        },
        _ => None,
    };
    let at = |path: &str| doc.blocks.iter().position(|b| source(b).as_deref() == Some(path));
    let functions = at("report.functions").expect("a long text, added");
    assert!(matches!(&doc.blocks[functions], Block::Para(_)));
    assert!(
        matches!(&doc.blocks[functions - 1], Block::Heading { level: 2, text } if text == "职能职责"),
        "{:?}",
        doc.blocks[functions - 1]
    );
    let unit = at("report.unit_name").expect("a line, added");
    assert!(
        matches!(&doc.blocks[unit], Block::Pair { label, .. } if label == "部门（单位）名称："),
        "{:?}",
        doc.blocks[unit]
    );
    let sign_at = doc.blocks.iter().position(|b| *b == sign).expect("signatures");
    assert!(functions < sign_at && unit < sign_at, "before the signatures");
    // Completed again, nothing is added twice.
    let n = doc.blocks.len();
    complete_doc(&mut doc, &p, "", cat);
    assert_eq!(doc.blocks.len(), n);
}

/// The printed indicator table merges a 一级指标 over the rows it heads and a 二级指标 over its
/// rows within it, as the paper form does — never a single row; a 计量单位 is printed after a
/// value, never alone where the value is blank.
#[test]
fn the_printed_indicator_table_merges_levels_over_their_rows_and_never_prints_a_lone_unit() {
    use jixiao::form::layout::{Shown, indicator_table};
    let mut p = base(SEED);
    let cat = jixiao::i18n::Catalog::get(jixiao::i18n::Lang::ZhCn);
    let profile = Profile::default_profile();
    let rows = p.rows_at("self_eval.indicators").to_vec();
    let (table, _) = indicator_table(&rows, "self_eval.indicators", &profile.tiers, cat);
    // The runs of equal 一级 (column 0) and of equal (一级, 二级) (column 1) longer than a row.
    let key = |i: usize, col: usize| {
        let r = &rows[i];
        (r.get("level1").to_string(), if col == 0 { String::new() } else { r.get("level2").to_string() })
    };
    let mut want = Vec::new();
    for col in 0..2 {
        let mut i = 0;
        while i < rows.len() {
            let len = (i..rows.len()).take_while(|j| key(*j, col) == key(i, col)).count();
            if len > 1 {
                want.push((i, col, len));
            }
            i += len;
        }
    }
    let mut got: Vec<(usize, usize, usize)> = table.spans.iter().map(|s| (s.row, s.col, s.rows)).collect();
    got.sort_unstable();
    want.sort_unstable();
    assert!(want.iter().any(|w| w.1 == 1), "the seed has 二级 runs: {want:?}");
    assert_eq!(got, want);
    assert!(table.spans.iter().all(|s| s.rows > 1 && s.cols == 1));
    // A unit with a blank actual: nothing printed there.
    set(&mut p, "self_eval.indicators.1.unit", "件");
    set(&mut p, "self_eval.indicators.1.actual", "");
    set(&mut p, "self_eval.indicators.1.target", "190");
    let rows = p.rows_at("self_eval.indicators").to_vec();
    let (table, _) = indicator_table(&rows, "self_eval.indicators", &profile.tiers, cat);
    let texts: Vec<String> = table.rows[0]
        .iter()
        .map(|v| match &v.shown {
            Shown::Text(t) => t.clone(),
            other => format!("{other:?}"),
        })
        .collect();
    assert!(texts.iter().any(|t| t == "190件"), "{texts:?}");
    assert!(!texts.iter().any(|t| t == "件"), "{texts:?}");
}

/// A 定性 row's actual is printed with its 档次 when below the first (提高（部分达成）); at the
/// first 档次, and in any other column, as written.
#[test]
fn a_qualitative_actual_is_printed_with_its_tier_below_the_first() {
    use jixiao::form::layout::{Shown, indicator_table};
    let cat = jixiao::i18n::Catalog::get(jixiao::i18n::Lang::ZhCn);
    let profile = Profile::default_profile();
    let printed = |tier: &str| {
        let mut p = base(SEED);
        for (col, v) in [("nature", "定性"), ("target", "提高"), ("actual", "提高"), ("unit", ""), ("tier", tier)]
        {
            set(&mut p, &format!("self_eval.indicators.1.{col}"), v);
        }
        let rows = p.rows_at("self_eval.indicators").to_vec();
        let (table, _) = indicator_table(&rows, "self_eval.indicators", &profile.tiers, cat);
        let text = |i: usize| match &table.rows[0][i].shown {
            Shown::Text(t) => t.clone(),
            other => format!("{other:?}"),
        };
        (text(3), text(4))
    };
    let short = cat.tr("tier_short.partial");
    assert_eq!(printed(&profile.tiers[1].name), ("提高".to_string(), format!("提高（{short}）")));
    assert_eq!(printed(&profile.tiers[0].name), ("提高".to_string(), "提高".to_string()));
    let missed = cat.tr("tier_short.missed");
    assert_eq!(printed(&profile.tiers[2].name).1, format!("提高（{missed}）"));
}

/// The 合计 row's formulas: 合计分值 = the 执行率 分值 + Σ 分值 of the rows above, 合计得分 =
/// the 执行率得分 beside it + Σ 得分; with no rows, the 执行率 cells alone.
#[test]
fn the_total_rows_formulas_add_the_execution_cells_and_the_rows_above() {
    use jixiao::form::layout::{At, Expr, Formula, total_formulas};
    let weight = At { table: "budget", row: 0, col: 3 };
    let score = At { col: 5, ..weight };
    assert_eq!(
        total_formulas(17, weight),
        vec![
            Formula { row: 17, col: 5, expr: Expr::Sum(vec![Expr::Cell(weight), Expr::Down(At::here(0, 5), 16)]) },
            Formula { row: 17, col: 6, expr: Expr::Sum(vec![Expr::Cell(score), Expr::Down(At::here(0, 6), 16)]) },
        ]
    );
    assert_eq!(
        total_formulas(0, weight),
        vec![
            Formula { row: 0, col: 5, expr: Expr::Sum(vec![Expr::Cell(weight)]) },
            Formula { row: 0, col: 6, expr: Expr::Sum(vec![Expr::Cell(score)]) },
        ]
    );
}

// ---- src/form/unit/layout.rs -------------------------------------------------------------

/// The 楼堂馆所 table carries its 控制率 formulas (规模控制率 = 实际规模 ÷ 批复规模, 投资概算控制率
/// likewise) for the spreadsheet, one per building row whose rate is worked out; the 无 row
/// of a package without buildings has none.
#[test]
fn the_buildings_table_carries_a_formula_for_each_rate_it_shows() {
    use jixiao::form::layout::Block;
    let buildings = |p: &Package| {
        let cat = jixiao::i18n::Catalog::get(jixiao::i18n::Lang::ZhCn);
        let layout = p.form().behaviour.layout(p, &Profile::default_profile(), cat);
        let title = cat.tr("calc.area_rate.label");
        layout.docs[0]
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(t) if t.columns.iter().any(|c| c.title == title) => Some(t.clone()),
                _ => None,
            })
            .expect("the buildings table")
    };
    let mut p = base(SEED);
    assert!(p.rows_at("basic.buildings").is_empty());
    let none = buildings(&p);
    assert_eq!((none.rows.len(), none.formulas.len()), (1, 0));
    assert!(p.insert_row("basic.buildings", 0).is_some());
    for (col, v) in [
        ("name", "办公楼"),
        ("approved_area", "1000"),
        ("actual_area", "980"),
        ("budget_investment", "500"),
        ("actual_investment", "490"),
    ] {
        set(&mut p, &format!("basic.buildings.1.{col}"), v);
    }
    let one = buildings(&p);
    let at: Vec<(usize, usize)> = one.formulas.iter().map(|f| (f.row, f.col)).collect();
    assert_eq!(at, [(0, 3), (0, 6)]);
}

/// The report's （二）项目支出情况 leads with the amount when there is one or when there are
/// project sheets, and says 无项目支出 only when the amount is 0 and there is no project.
#[test]
fn the_reports_project_part_says_none_only_with_no_amount_and_no_project() {
    let lead = |p: &Package| {
        let report = report_of(p).split_whitespace().collect::<String>();
        (report.contains("年度本单位无项目支出。"), report.contains("年度项目支出"))
    };
    let mut p = base(SEED);
    assert!(p.instances(jixiao::form::unit::keys::PROJECTS).is_empty());
    set(&mut p, "report.project_text", "");
    set(&mut p, "report.project_total", "0");
    assert_eq!(lead(&p), (true, false), "0 and no project");
    set(&mut p, "report.project_total", "120.00");
    assert_eq!(lead(&p), (false, true), "an amount, no project sheet");
    let mut q = base(PROJECTS);
    set(&mut q, "report.project_text", "");
    set(&mut q, "report.project_total", "0");
    assert_eq!(lead(&q), (false, true), "0 written, but project sheets");
}

// ---- src/form/project/layout.rs ----------------------------------------------------------

/// A project sheet's 执行率 formula divides by the 全年预算数 when one is written and its total
/// is not 0, else by the 年初预算数 (S12), as the figure beside it does.
#[test]
fn a_project_sheets_execution_formula_divides_by_the_full_budget_only_when_it_is_there() {
    use jixiao::form::layout::Block;
    let base_col = |p: &Package| {
        let cat = jixiao::i18n::Catalog::get(jixiao::i18n::Lang::ZhCn);
        let layout = p.form().behaviour.layout(p, &Profile::default_profile(), cat);
        let doc = layout.docs.iter().find(|d| d.kind == "project").expect("a project sheet");
        let rate = doc
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(t) => t.formulas.iter().find(|f| f.col == 5).cloned(),
                _ => None,
            })
            .expect("the 执行率 formula");
        // Whether it reads a cell of the 年初 (column 1) or of the 全年 (column 2) column.
        let shown = format!("{:?}", rate.expr);
        (shown.contains("col: 1 }"), shown.contains("col: 2 }"))
    };
    let p = base(PROJECTS);
    assert_eq!(base_col(&p), (false, true), "全年预算数 written");
    let mut zero = base(PROJECTS);
    set(&mut zero, "projects.1.funds.fiscal.budget_full", "0");
    assert_eq!(base_col(&zero), (true, false), "全年预算数 0: the 年初预算数");
    let mut none = base(PROJECTS);
    set(&mut none, "projects.1.funds.fiscal.budget_full", "");
    assert_eq!(base_col(&none), (true, false), "no 全年预算数: the 年初预算数");
}

// ---- src/form/names.rs (second run) ------------------------------------------------------

/// A project sheet is named 项目 n《name》, and 项目 n while it has none.
#[test]
fn a_project_is_named_with_its_number_and_its_name_once_it_has_one() {
    use jixiao::form::unit::keys::PROJECTS as GROUP;
    let cat = jixiao::i18n::Catalog::get(jixiao::i18n::Lang::ZhCn);
    let mut p = base(PROJECTS);
    assert_eq!(jixiao::form::names::instance(&p, GROUP, 1, cat), "项目 1《城区环卫保洁作业经费》");
    set(&mut p, "projects.2.name", "  ");
    assert_eq!(jixiao::form::names::instance(&p, GROUP, 2, cat), "项目 2");
    let en = jixiao::i18n::Catalog::get(jixiao::i18n::Lang::En);
    assert_eq!(jixiao::form::names::instance(&p, GROUP, 2, en), "Project 2");
}

/// `Package::fill` stores a value as the form's, `Package::set` as the user's (`Cell::filled`),
/// in a field, a table cell and a project sheet's cell alike; both say whether the path exists.
#[test]
fn a_value_the_form_fills_is_told_from_one_the_user_gives() {
    let mut p = base(SEED);
    let filled = |p: &Package, path: &str| p.filled_at(path);
    for path in ["basic.staff_quota", "self_eval.indicators.1.nature"] {
        assert!(!filled(&p, path), "{path}: read from the file, the user's");
        let v = p.text_at(path).to_string();
        assert!(p.fill(path, v.clone()));
        assert!(filled(&p, path), "{path}");
        assert_eq!(p.text_at(path), v);
        assert!(p.set(path, v));
        assert!(!filled(&p, path), "{path}: given by the user");
    }
    assert!(!p.fill("basic.no_such_field", "1"));
    assert!(!p.fill("self_eval.indicators.99.nature", "≥"));
    let n = p.instances(jixiao::form::unit::keys::PROJECTS).len();
    assert!(p.insert_instance(jixiao::form::unit::keys::PROJECTS, n).is_some());
    let table = format!("projects.{}.indicators", n + 1);
    assert!(p.insert_row(&table, 0).is_some());
    let cell = format!("{table}.1.nature");
    assert!(p.fill(&cell, "≥"));
    assert!(filled(&p, &cell));
}

/// `Package::without_filled_rows`: rows holding only what the form filled go (in a unit and a
/// project sheet's tables), a row with anything the user gave stays, an empty row stays, and
/// nothing is copied when there is nothing to leave out.
#[test]
fn rows_of_only_form_filled_cells_are_left_out() {
    use jixiao::form::unit::keys::PROJECTS;
    let mut p = base(SEED);
    assert!(p.without_filled_rows().is_none(), "a package as read has none");
    let table = "self_eval.indicators";
    let n = p.rows_at(table).len();
    assert!(p.insert_row(table, n).is_some());
    assert!(p.without_filled_rows().is_none(), "an empty row stays");
    let cell = |c: &str| format!("{table}.{}.{c}", n + 1);
    assert!(p.fill(&cell("level1"), "产出指标"));
    assert!(p.fill(&cell("nature"), "≥"));
    let kept = p.without_filled_rows().expect("one to leave out");
    assert_eq!(kept.rows_at(table).len(), n);
    assert_eq!(kept.rows_at(table), &p.rows_at(table)[..n]);
    assert!(p.set(&cell("nature"), "≥"));
    assert!(p.without_filled_rows().is_none(), "picked by the user");
    // In a project sheet.
    let g = p.instances(PROJECTS).len();
    assert!(p.insert_instance(PROJECTS, g).is_some());
    let t = format!("projects.{}.indicators", g + 1);
    assert!(p.insert_row(&t, 0).is_some());
    assert!(p.fill(&format!("{t}.1.level1"), "产出指标"));
    let kept = p.without_filled_rows().expect("one to leave out");
    assert!(kept.rows_at(&t).is_empty());
    assert_eq!(kept.rows_at(table).len(), n + 1);
    assert_eq!(kept.instances(PROJECTS).len(), g + 1);
}

/// Each amount given more exactly is said once under its document, however many times the
/// document prints it, and only amounts are said (a text that reads as a number with four
/// decimals is not an amount).
#[test]
fn each_exact_amount_is_said_once_and_only_amounts_are_said() {
    use jixiao::form::layout::{Block, Document, Shown, Val, complete_doc};
    let cat = jixiao::i18n::Catalog::get(jixiao::i18n::Lang::ZhCn);
    let mut p = base(SEED);
    set(&mut p, "basic.funds.car_operation.prev_final", "5.9012");
    set(&mut p, "report.unit_name", "12.3456");
    let pair =
        |path: &str| Block::Pair { label: String::new(), value: Val::field(path, p.cell_at(path), Shown::Money) };
    let amount = "basic.funds.car_operation.prev_final";
    let mut doc = Document {
        kind: "other",
        title: String::new(),
        short: String::new(),
        narrative: false,
        title_from: Vec::new(),
        blocks: vec![pair(amount), pair("report.unit_name"), pair(amount)],
    };
    complete_doc(&mut doc, &p, "", cat);
    let notes: Vec<String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Note(v) => Some(jixiao::form::report_text::show(&v.shown, cat)),
            _ => None,
        })
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].matches("5.9012").count(), 1, "{}", notes[0]);
    assert!(!notes[0].contains("12.3456"), "{}", notes[0]);
}

/// `names::instance_within`: the whole name when it fits (exactly at its width too), else the
/// name cut inside its brackets to the width, else the number alone.
#[test]
fn a_projects_name_is_cut_inside_its_brackets_to_the_width() {
    use jixiao::form::names::{instance, instance_within};
    use jixiao::i18n::{Catalog, Lang};
    use jixiao::text::width;
    let cat = Catalog::get(Lang::ZhCn);
    let mut p = base(PROJECTS);
    set(&mut p, "projects.1.name", "城区环卫保洁作业经费");
    let g = jixiao::form::unit::keys::PROJECTS;
    let full = instance(&p, g, 1, cat);
    assert_eq!(full, "项目 1《城区环卫保洁作业经费》");
    assert_eq!(instance_within(&p, g, 1, cat, width(&full)), full);
    assert_eq!(instance_within(&p, g, 1, cat, 100), full);
    let cut = instance_within(&p, g, 1, cat, width(&full) - 1);
    assert_eq!(cut, "项目 1《城区环卫保洁作业经…》");
    assert!(width(&cut) < width(&full));
    assert_eq!(instance_within(&p, g, 1, cat, 16), "项目 1《城区…》");
    assert_eq!(instance_within(&p, g, 1, cat, 13), "项目 1《城…》");
    assert_eq!(instance_within(&p, g, 1, cat, 12), "项目 1");
    assert_eq!(instance_within(&p, g, 1, cat, 4), "项…");
}
