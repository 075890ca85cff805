//! Every built-in scoring profile: a package shaped to its template passes (no error), and one
//! change per profile-specific rule trips that rule where it should. Today's Hunan results are
//! pinned in tests/examples.rs, tests/cli.rs and the report snapshots.

mod support;

use jixiao::form::{Package, Profile, Severity};

/// The two-project example, every indicator table reshaped by `level`: (一级, 二级) → (一级, 二级).
fn reshaped(profile: &str, level: fn(&str, &str) -> (&'static str, &'static str)) -> Package {
    let mut p = support::example("examples/projects-2023.toml");
    p.profile = profile.to_string();
    let mut tables = vec!["self_eval.indicators".to_string()];
    tables.extend(
        (1..=p.instances(jixiao::form::unit::keys::PROJECTS).len()).map(|n| format!("projects.{n}.indicators")),
    );
    for t in tables {
        for n in 1..=p.rows_at(&t).len() {
            let row = &p.rows_at(&t)[n - 1];
            let (l1, l2) = level(row.get("level1"), row.get("level2"));
            assert!(p.set(&format!("{t}.{n}.level1"), l1));
            assert!(p.set(&format!("{t}.{n}.level2"), l2));
        }
    }
    p
}

fn as_is(l1: &str, l2: &str) -> (&'static str, &'static str) {
    (leak(l1), leak(l2))
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

/// 10号 附1: 成本 is a 二级 under 产出.
fn cost_under_output(l1: &str, l2: &str) -> (&'static str, &'static str) {
    if l1 == "成本指标" { ("产出指标", "成本指标") } else { as_is(l1, l2) }
}

/// Sichuan: 经济成本指标 under 产出.
fn economic_cost_under_output(l1: &str, l2: &str) -> (&'static str, &'static str) {
    if l1 == "成本指标" { ("产出指标", "经济成本指标") } else { as_is(l1, l2) }
}

fn set(p: &mut Package, path: &str, v: &str) {
    assert!(p.set(path, v.to_string()), "no such path {path}");
}

/// 产出 40 / 效益+满意度 40 (三级 80) for the 20/40/40 template: the 整体 table's two first
/// 产出 rows and each project's two first rows give up 5 points each.
fn twenty_forty_forty(p: &mut Package) {
    for (path, w) in [
        ("self_eval.indicators.1", "5"),
        ("self_eval.indicators.2", "7"),
        ("projects.1.indicators.1", "10"),
        ("projects.1.indicators.2", "10"),
        ("projects.2.indicators.1", "10"),
        ("projects.2.indicators.2", "10"),
    ] {
        set(p, &format!("{path}.weight"), w);
        set(p, &format!("{path}.score"), w);
    }
}

/// The package on the profile it names, shaped for it.
fn base(id: &str) -> Package {
    match id {
        "hunan-2023" | "hunan-2023-project" => reshaped(id, as_is),
        "hunan-2020" | "central-2020-project" | "anhui-2022-project" => reshaped(id, cost_under_output),
        "sichuan-2023-project" => reshaped(id, economic_cost_under_output),
        "pmkpi-20-40-40-project" => {
            let mut p = reshaped(id, cost_under_output);
            twenty_forty_forty(&mut p);
            p
        }
        _ => panic!("no base for {id}"),
    }
}

fn issues(p: &Package) -> Vec<jixiao::form::Issue> {
    let profile = Profile::builtin(&p.profile).unwrap_or_else(|| panic!("{}", p.profile));
    jixiao::form::check(p, &profile).issues
}

fn errors(p: &Package) -> Vec<String> {
    issues(p)
        .iter()
        .filter(|i| i.severity() == Severity::Error)
        .map(|i| format!("{} {} {:?}", i.rule, i.path, i.args))
        .collect()
}

#[test]
fn a_package_shaped_for_each_builtin_profile_passes() {
    for id in jixiao::form::profile::builtin_ids() {
        let p = base(id);
        assert!(errors(&p).is_empty(), "{id}: {:?}", errors(&p));
        // It survives the file: saved and read back, it names its profile.
        let text = jixiao::form::file::save(&p, jixiao::i18n::Catalog::get(jixiao::i18n::Lang::ZhCn));
        let back = jixiao::form::file::load(text.as_bytes()).unwrap_or_else(|e| panic!("{id}: {e:?}"));
        assert_eq!(back.package.profile, id);
    }
}

type Change = fn(&mut Package);

/// (profile, rule, where, change that trips it). Each starts from `base(profile)`, which does
/// not trip it.
const TRIPS: &[(&str, &str, &str, Change)] = &[
    // Hunan 2023: 成本 is a required 一级; 产出+成本 = 50.
    ("hunan-2023", "E-15", "self_eval.indicators", |p| {
        set(p, "self_eval.indicators.5.level1", "产出指标");
        set(p, "self_eval.indicators.5.level2", "数量指标");
    }),
    ("hunan-2023", "W-07", "self_eval.indicators", |p| {
        set(p, "self_eval.indicators.5.weight", "7");
        set(p, "self_eval.indicators.5.score", "7");
        set(p, "self_eval.indicators.6.weight", "16");
        set(p, "self_eval.indicators.6.score", "16");
    }),
    // Hunan 2023's project sheets (hunan-2023 names hunan-2023-project): the same rules.
    ("hunan-2023", "E-15", "projects.1.indicators", |p| {
        set(p, "projects.1.indicators.4.level1", "产出指标");
        set(p, "projects.1.indicators.4.level2", "数量指标");
    }),
    ("hunan-2023-project", "E-15", "projects.2.indicators", |p| {
        set(p, "projects.2.indicators.4.level1", "产出指标");
        set(p, "projects.2.indicators.4.level2", "数量指标");
    }),
    // Hunan 2020: 成本 is not a 一级 (a 二级 under 产出); 产出 = 50.
    ("hunan-2020", "E-15", "self_eval.indicators.5.level1", |p| {
        set(p, "self_eval.indicators.5.level1", "成本指标");
        set(p, "self_eval.indicators.5.level2", "经济成本指标");
    }),
    ("hunan-2020", "W-07", "self_eval.indicators", |p| {
        set(p, "self_eval.indicators.5.weight", "7");
        set(p, "self_eval.indicators.5.score", "7");
        set(p, "self_eval.indicators.6.weight", "16");
        set(p, "self_eval.indicators.6.score", "16");
    }),
    // W-08 on a 成本 二级 under 产出 that claims 不超过预算 while spending exceeds it.
    ("hunan-2020", "W-08", "self_eval.indicators.5.actual", |p| {
        set(p, "self_eval.indicators.5.actual", "不超过预算");
        set(p, "self_eval.spent", "1700");
        set(p, "self_eval.income_general", "1700");
        set(p, "self_eval.income_fund", "0");
        set(p, "self_eval.income_other", "0");
        set(p, "self_eval.income_special_account", "0");
    }),
    // Central 10号: the same structure; 满意度 = 10.
    ("central-2020-project", "E-15", "projects.1.indicators.4.level1", |p| {
        set(p, "projects.1.indicators.4.level1", "成本指标");
        set(p, "projects.1.indicators.4.level2", "经济成本指标");
    }),
    ("central-2020-project", "W-07", "projects.1.indicators", |p| {
        set(p, "projects.1.indicators.7.weight", "8");
        set(p, "projects.1.indicators.7.score", "8");
        set(p, "projects.1.indicators.6.weight", "17");
        set(p, "projects.1.indicators.6.score", "17");
    }),
    // Anhui 2022: 满意度指标 · 满意度指标 is allowed; a 二级 of another 一级 is not.
    ("anhui-2022-project", "E-15", "projects.1.indicators.7.level2", |p| {
        set(p, "projects.1.indicators.7.level2", "社会效益指标");
    }),
    // Sichuan 2023: a reason below 90% of the adjusted budget, at most 100 characters.
    ("sichuan-2023-project", "E-25", "projects.1.exec_reason", |p| set(p, "projects.1.funds.fiscal.spent", "280")),
    ("sichuan-2023-project", "E-25", "projects.2.exec_reason", |p| {
        set(p, "projects.2.exec_reason", &"原因".repeat(51))
    }),
    // 20/40/40: execution 20, so Σ 三级 = 80; tiers 50–80%; no bonus.
    ("pmkpi-20-40-40-project", "E-12", "projects.1.indicators", |p| {
        set(p, "projects.1.indicators.1.weight", "20");
        set(p, "projects.1.indicators.1.score", "20");
    }),
    ("pmkpi-20-40-40-project", "W-05", "projects.1.indicators.6.score", |p| {
        set(p, "projects.1.indicators.6.nature", "定性");
        set(p, "projects.1.indicators.6.tier", "部分达成预期指标并具有一定效果");
        set(p, "projects.1.indicators.6.score", "7");
        set(p, "projects.1.indicators.6.reason", "部分完成");
    }),
    ("pmkpi-20-40-40-project", "E-13", "projects.1.indicators.1.score", |p| {
        set(p, "projects.1.indicators.1.score", "11");
    }),
];

#[test]
fn each_profile_specific_rule_trips_where_it_should() {
    for (id, rule, at, change) in TRIPS {
        let before = base(id);
        assert!(!issues(&before).iter().any(|i| i.rule == *rule && i.path == *at), "{id} {rule} already at {at}");
        let mut p = before.clone();
        change(&mut p);
        let found = issues(&p);
        assert!(
            found.iter().any(|i| i.rule == *rule && i.path == *at),
            "{id}: {rule} not at {at}: {:?}",
            found.iter().map(|i| format!("{} {}", i.rule, i.path)).collect::<Vec<_>>()
        );
    }
}

#[test]
fn what_one_template_allows_another_refuses() {
    // Sichuan: the unit sets the 一级 weights and needs no 满意度 (青神县: 产出 60, 效益 30).
    let mut p = base("sichuan-2023-project");
    let n = p.rows_at("projects.1.indicators").len();
    p.remove_row("projects.1.indicators", n - 1);
    set(&mut p, "projects.1.indicators.1.weight", "25");
    set(&mut p, "projects.1.indicators.1.score", "25");
    let rules: Vec<_> = issues(&p).into_iter().filter(|i| i.path.starts_with("projects.1.")).map(|i| i.rule).collect();
    assert!(!rules.contains(&"E-15") && !rules.contains(&"W-07"), "{rules:?}");
    p.profile = "central-2020-project".into();
    let rules: Vec<_> = issues(&p).into_iter().filter(|i| i.path.starts_with("projects.1.")).map(|i| i.rule).collect();
    assert!(rules.contains(&"E-15") && rules.contains(&"W-07"), "{rules:?}");

    // A partial tier scored at 2.60 of 5 is inside 50–80% (20/40/40) but not 60–80% (Hunan).
    let mut p = base("pmkpi-20-40-40-project");
    set(&mut p, "projects.1.indicators.5.nature", "定性");
    set(&mut p, "projects.1.indicators.5.tier", "部分达成预期指标并具有一定效果");
    set(&mut p, "projects.1.indicators.5.score", "7.9");
    set(&mut p, "projects.1.indicators.5.reason", "部分完成");
    let at = "projects.1.indicators.5.score";
    assert!(!issues(&p).iter().any(|i| i.rule == "W-05" && i.path == at));
    p.profile = "central-2020-project".into();
    assert!(issues(&p).iter().any(|i| i.rule == "W-05" && i.path == at));

    // Execution worth 20: a 95% rate earns 19.00 (10 points: 9.50).
    let p = base("pmkpi-20-40-40-project");
    let profile = Profile::builtin(&p.profile).expect("profile");
    let checked = jixiao::form::check(&p, &profile);
    let first = checked.scores.get("projects.2.").expect("project 2");
    assert_eq!(first.parts[0].score.map(|d| d.to_string()), Some("19.20".into()));
    assert_eq!(first.weight.to_string(), "100.00");
    // The rule behind each part says this template's numbers.
    let cat = jixiao::i18n::Catalog::get(jixiao::i18n::Lang::ZhCn);
    let lines = jixiao::present::score_lines(first, &profile, cat).join("\n");
    assert!(lines.contains("× 20") && lines.contains("应为 80"), "{lines}");
}

#[test]
fn the_project_sheets_follow_the_profile_the_package_names_for_them() {
    let hunan = Profile::builtin("hunan-2023").expect("hunan");
    assert_eq!(hunan.for_projects().id, "hunan-2023-project");
    // Same results as before the split: every project issue and score equal under both.
    let p = support::example("examples/projects-2023-as-filed.toml");
    let mut same = hunan.clone();
    same.set_for_projects(None);
    assert_eq!(jixiao::form::check(&p, &hunan), jixiao::form::check(&p, &same));
    // A package on Hunan 2023 with Sichuan project sheets: E-25 on the sheet, not the 整体 table.
    let mut mixed = hunan.clone();
    mixed.set_for_projects(Profile::builtin("sichuan-2023-project"));
    let mut p = reshaped("hunan-2023", as_is);
    for n in 1..=2 {
        for r in 1..=p.rows_at(&format!("projects.{n}.indicators")).len() {
            if p.text_at(&format!("projects.{n}.indicators.{r}.level1")) == "成本指标" {
                set(&mut p, &format!("projects.{n}.indicators.{r}.level1"), "产出指标");
                set(&mut p, &format!("projects.{n}.indicators.{r}.level2"), "经济成本指标");
            }
        }
    }
    set(&mut p, "projects.1.funds.fiscal.spent", "280");
    set(&mut p, "self_eval.spent", "1300");
    let found = jixiao::form::check(&p, &mixed).issues;
    assert!(found.iter().any(|i| i.rule == "E-25" && i.path == "projects.1.exec_reason"));
    assert!(!found.iter().any(|i| i.rule == "E-25" && i.path == "self_eval.exec_reason"));
    assert!(
        !found.iter().any(|i| i.rule == "E-15"),
        "{:?}",
        found.iter().filter(|i| i.rule == "E-15").collect::<Vec<_>>()
    );
}
