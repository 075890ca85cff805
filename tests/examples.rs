//! The shipped examples: written in canonical form (load then save gives the same text, so
//! the file round-trips exactly), and they check as documented. `JIXIAO_BLESS=1 cargo test
//! --test examples` rewrites them in canonical form after an intentional format change.

use jixiao::form::file::{load, save};
use jixiao::form::{Profile, Severity, rules};
use jixiao::i18n::{Catalog, Lang};

const EXAMPLES: [&str; 2] = ["examples/yueyang-2023.toml", "examples/yueyang-2023-as-filed.toml"];

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn examples_are_canonical_and_round_trip() {
    let cat = Catalog::get(Lang::ZhCn);
    for path in EXAMPLES {
        let text = read(path);
        let loaded = load(text.as_bytes()).unwrap_or_else(|e| panic!("{path}: {e:?}"));
        let saved = save(&loaded.package, cat);
        // Split the header comment (kept by hand) from the data written by `save`.
        let (head, body) = text.split_once("\n[jixiao]").map_or(("", text.as_str()), |(h, b)| (h, b));
        let (_, saved_body) = saved.split_once("\n[jixiao]").unwrap_or(("", &saved));
        if std::env::var_os("JIXIAO_BLESS").is_some() {
            let head =
                if head.trim().is_empty() { saved.split_once("\n[jixiao]").map_or("", |(h, _)| h) } else { head };
            std::fs::write(path, format!("{head}\n[jixiao]{saved_body}")).unwrap_or_else(|e| panic!("{e}"));
            continue;
        }
        assert_eq!(body, saved_body, "{path} is not in canonical form; run JIXIAO_BLESS=1 cargo test --test examples");
        let again = load(saved.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(again.package, loaded.package, "{path}: load(save(x)) != x");
    }
}

#[test]
fn corrected_example_has_no_errors_and_keeps_the_seed_scores() {
    let loaded = load(read(EXAMPLES[0]).as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
    let (fig, issues) = rules::check(&loaded.package, &Profile::default_profile());
    let errors: Vec<_> = issues.iter().filter(|i| i.severity() == Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(fig.total_score.to_string(), "98.00");
    assert_eq!(fig.exec_rate.map(|d| d.to_string()), Some("103.85".into()));
    assert_eq!(fig.control_rate.map(|d| d.to_string()), Some("85.19".into()));
    assert_eq!(fig.grade.map(|g| g.name), Some("优".into()));
}

#[test]
fn as_filed_example_shows_every_seed_inconsistency_the_data_can_show() {
    let loaded = load(read(EXAMPLES[1]).as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
    let (_, issues) = rules::check(&loaded.package, &Profile::default_profile());
    let has = |rule: &str, path: &str| issues.iter().any(|i| i.rule == rule && i.path.contains(path));
    // domain.md §4, finding by finding.
    let expected = [
        ("E-03", "basic.staff_quota"),              // I-1 控制率 85.19% with 23/23
        ("W-14", "basic.staff_quota"),              // I-1 report says 27
        ("E-18", "self_eval.head"),                 // I-2 胡网新 / 胡明新
        ("E-01", "basic.filing_date"),              // I-3 2024年5月/1
        ("E-01", "self_eval.filing_date"),          // I-3 2024年5月
        ("E-11", "self_eval.spent"),                // I-4 100.00% printed, 103.85% computed
        ("W-04", "self_eval.spent"),                // I-4 over-spend
        ("W-05", "self_eval.indicators.6.score"),   // I-5 4 vs 4.95
        ("E-16", "self_eval.indicators.6.reason"),  // I-5 no reason
        ("W-05", "self_eval.indicators.14.score"),  // I-6 9 vs 9.90
        ("E-16", "self_eval.indicators.14.reason"), // I-6 no reason
        ("W-08", "self_eval.indicators.15"),        // I-7 不超过预算金额
        ("W-12", "report.general_text"),            // I-8 全部为一般公共预算
        ("W-12", "report.general_total"),           // I-8 889.95 < 899.13
        ("E-19", "report.performance"),             // I-9 一、… inside 六
        ("W-17", "report.project_text"),            // I-10
        ("W-09", "car_operation"),                  // I-11 vehicles, 0 cost
        ("W-10", "project_contract_staff"),         // I-12 73 协管员
        ("W-11", "public_funds"),                   // I-12 46.8 vs 554.30
        ("W-16", "budget_adjustment"),              // I-13
        ("W-15", "self_eval.goal_expected"),        // I-14 8 vs 7
        ("E-01", "basic.unit_name"),                // I-16 no name on the basic table
        ("E-18", "report.unit_name"),               // I-16 岳阳楼区 prefix
    ];
    let missing: Vec<_> = expected.iter().filter(|(r, p)| !has(r, p)).collect();
    assert!(missing.is_empty(), "missing findings {missing:?}\nall: {issues:#?}");
    assert!(issues.iter().filter(|i| i.rule == "E-19").count() >= 5);
}
