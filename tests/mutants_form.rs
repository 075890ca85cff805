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
    assert!(!fills.is_empty());
    assert_eq!(fills.iter().map(|(k, v)| (format!("projects.1.{k}"), v.clone())).collect::<Vec<_>>(), via_package);

    // E-16: after a 得分 below the rule score, the reason cell of the same row is next.
    let mut p = base(PROJECTS);
    set(&mut p, "projects.2.indicators.3.reason", "");
    let sheet = &p.instances(jixiao::form::unit::keys::PROJECTS)[1];
    let alone = jixiao::form::check(sheet, profile.for_projects());
    let next = sheet.form().behaviour.follow_up(&alone, "indicators.3.score");
    assert_eq!(next, Some(("indicators.3.reason".to_string(), "note.give_reason")));
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
