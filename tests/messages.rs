//! Every rule's message rendered with the arguments the rules really give it, in both
//! languages: no `{placeholder}` may be left (issue 11: E-12 with a stated 合计分值 printed
//! `三级指标分值合计 {sum}，应为 {want}`), and every message in the catalog is reached.

mod support;

use std::collections::BTreeSet;

use jixiao::form::{Package, Profile};
use jixiao::i18n::{Catalog, Lang};

type Change = fn(&mut Package);

fn set(p: &mut Package, path: &str, v: &str) {
    assert!(p.set(path, v.to_string()), "no such path {path}");
}

fn stated(p: &mut Package, key: &str, v: &str) {
    p.stated.insert(key.into(), v.into());
}

fn row(p: &mut Package, pairs: &[(&str, &str)]) {
    let n = p.insert_row("self_eval.indicators", usize::MAX).expect("a row") + 1;
    for (k, v) in pairs {
        set(p, &format!("self_eval.indicators.{n}.{k}"), v);
    }
}

fn indicator(p: &mut Package, target: &str, actual: &str, nature: &str) {
    row(
        p,
        &[
            ("level1", "产出指标"),
            ("level2", "数量指标"),
            ("name", "案件数"),
            ("nature", nature),
            ("target", target),
            ("actual", actual),
            ("weight", "5"),
            ("score", "5"),
            ("reason", "说明"),
        ],
    );
}

/// Changes to the corrected example, each tripping some messages.
const ON_EXAMPLE: &[Change] = &[
    |p| set(p, "basic.preparer", ""),
    |p| set(p, "basic.filing_date", "2024年5月"),
    |p| set(p, "basic.filing_date", "2023-02-30"),
    |p| set(p, "basic.phone", "12345"),
    |p| set(p, "basic.phone", "8690022"),
    |p| set(p, "basic.head", "Hu"),
    |p| set(p, "basic.unit_name", "岳阳\u{1b}[2J"),
    |p| set(p, "basic.unit_name", &"长".repeat(300)),
    |p| set(p, "self_eval.indicators.1.nature", "大概"),
    |p| set(p, "self_eval.indicators.1.level1", "别的指标"),
    |p| {
        set(p, "self_eval.indicators.1.level1", "别的指标");
        set(p, "self_eval.indicators.1.level2", "");
    },
    |p| set(p, "self_eval.spent", "很多"),
    |p| set(p, "self_eval.spent", "899.13元"),
    |p| set(p, "self_eval.spent", "899.13m²"),
    |p| set(p, "self_eval.spent", "-1"),
    |p| set(p, "self_eval.spent", "1.2345678"),
    |p| set(p, "self_eval.spent", "9999999999999"),
    |p| set(p, "basic.staff_quota", "2.5"),
    |p| stated(p, "basic.control_rate", "100%"),
    |p| stated(p, "basic.funds.three_public.prev_final", "8"),
    |p| stated(p, "basic.funds.car.prev_final", "6"),
    |p| stated(p, "basic.funds.projects.final", "1"),
    |p| set(p, "basic.funds.public_office.final", "50"),
    |p| {
        p.insert_row("basic.buildings", 0);
        for (k, v) in
            [("approved_area", "100"), ("actual_area", "120"), ("budget_investment", "10"), ("actual_investment", "10")]
        {
            set(p, &format!("basic.buildings.1.{k}"), v);
        }
        stated(p, "basic.buildings.1.area_rate", "100%");
    },
    |p| set(p, "self_eval.income_other", "10"),
    |p| set(p, "self_eval.spend_basic", "899"),
    |p| stated(p, "self_eval.exec_rate", "100%"),
    |p| {
        set(p, "self_eval.budget_initial", "0");
        set(p, "self_eval.budget_full", "");
    },
    |p| stated(p, "self_eval.total_weight", "99"),
    |p| set(p, "self_eval.indicators.1.weight", "6"),
    |p| set(p, "self_eval.indicators.1.score", "6"),
    |p| stated(p, "self_eval.total_score", "99"),
    |p| set(p, "self_eval.indicators.6.reason", ""),
    |p| set(p, "basic.funds.project_business.final", "5"),
    |p| set(p, "self_eval.unit_name", "另一个单位"),
    |p| set(p, "self_eval.head", "胡网新"),
    |p| set(p, "report.performance", "一、总体情况\n正文"),
    |p| stated(p, "report.score", "97"),
    |p| set(p, "report.basic_wages", "1"),
    |p| set(p, "report.basic_total", "1"),
    |p| set(p, "basic.staff_actual", "30"),
    |p| set(p, "basic.funds.reception.final", "20"),
    |p| set(p, "basic.funds.public_funds.final", "50"),
    |p| set(p, "self_eval.budget_full", "2000"),
    |p| set(p, "self_eval.indicators.6.score", "3"),
    |p| {
        let tier = Profile::default_profile().tiers[1].name.clone();
        row(p, &[("level1", "产出指标"), ("nature", "定性"), ("tier", &tier), ("weight", "5"), ("score", "5")]);
    },
    |p| indicator(p, "约98%", "95%", "≥"),
    |p| indicator(p, "≤5起", "3起", "≥"),
    |p| indicator(p, "98%", "九成", "≥"),
    |p| indicator(p, "98%", "95件", "≥"),
    |p| set(p, "self_eval.indicators.1.actual", "300件"),
    |p| {
        set(p, "self_eval.indicators.1.weight", "6");
        set(p, "self_eval.indicators.10.weight", "9");
    },
    |p| set(p, "report.staff_contract", "73"),
    |p| set(p, "report.general_total", "1"),
    |p| set(p, "self_eval.filing_date", "2024-05-21"),
    |p| set(p, "self_eval.filing_date", "2023-05-21"),
    |p| set(p, "report.staff_quota", "26"),
    |p| {
        set(p, "report.functions", "1、甲\n2、乙");
        set(p, "self_eval.goal_expected", "一、甲。二、乙。");
    },
    |p| {
        set(p, "report.project_text", "");
        set(p, "report.project_total", "");
    },
    |p| set(p, "basic.preparer", "XX"),
    |p| set(p, "self_eval.indicators.1.reason", "（根据实际情况填写）"),
    |p| set(p, "self_eval.indicators.1.actual", "完成"),
    |p| set(p, "self_eval.exec_reason", "执行率100%，尚有5%未支付"),
    |p| set(p, "report.functions", "<p>负责城区管理</p>"),
    |p| set(p, "self_eval.spent", "8991300"),
];

/// Changes to the two-project example (the project sheets' and cross-sheet messages).
const ON_PROJECTS: &[Change] = &[
    |p| set(p, "projects.2.funds.fiscal.spent", "80"),
    |p| set(p, "report.project_total", "400"),
    |p| {
        let sheet = p.instance_mut(jixiao::form::unit::keys::PROJECTS, 0).expect("project 1");
        sheet.stated.insert("funds.total.spent".into(), "300".into());
    },
    |p| set(p, "report.project_text", "2023 年度项目支出 403.20 万元。"),
    |p| set(p, "basic.special_funds.1.final", "300"),
    |p| set(p, "basic.special_funds.1.project", "别的项目"),
    |p| {
        set(p, "projects.1.funds.fiscal.budget_initial", "0");
        set(p, "projects.1.funds.fiscal.budget_full", "");
    },
];

/// Changes to the two-project example whose project sheets are on Sichuan's profile (a reason
/// below 90%, at most 100 characters: E-25).
const ON_SICHUAN: &[Change] =
    &[|p| set(p, "projects.1.funds.fiscal.spent", "200"), |p| set(p, "projects.1.exec_reason", &"原因".repeat(60))];

/// Changes to the example on a profile that allows filing from December (W-13's other rule).
const ON_DECEMBER: &[Change] = &[|p| set(p, "self_eval.filing_date", "2023-11-30")];

/// Changes to an empty package (messages the example cannot reach).
const ON_BLANK: &[Change] = &[
    |p| set(p, "basic.funds.car_operation.final", "5"),
    |p| set(p, "report.organisation", "另有劳务派遣人员若干"),
    |p| set(p, "report.general_text", "支出全部为一般公共预算支出"),
    |p| {
        set(p, "report.general_text", "支出全部为一般公共预算支出");
        set(p, "self_eval.income_other", "9.18");
    },
    |p| set(p, "report.functions", "本单位负责公车管理"),
];

#[test]
fn every_rule_message_is_filled_in_both_languages() {
    let profile = Profile::default_profile();
    let mut sichuan = Profile::default_profile();
    sichuan.set_for_projects(Profile::builtin("sichuan-2023-project"));
    let mut december = Profile::default_profile();
    december.filing = jixiao::form::profile::Filing::FromDecember;
    let example = support::example("examples/yueyang-2023.toml");
    let mut issues = Vec::new();
    let blank = Package::new(jixiao::form::unit::form(), 2023);
    let projects = support::example("examples/projects-2023.toml");
    for (base, changes, profile) in [
        (&example, ON_EXAMPLE, &profile),
        (&blank, ON_BLANK, &profile),
        (&projects, ON_PROJECTS, &profile),
        (&projects, ON_SICHUAN, &sichuan),
        (&example, ON_DECEMBER, &december),
    ] {
        for change in changes {
            let mut p = base.clone();
            change(&mut p);
            let found = jixiao::form::check(&p, profile).issues;
            issues.extend(found.into_iter().map(|i| (p.clone(), i)));
        }
    }
    let mut reached = BTreeSet::new();
    let mut unfilled = Vec::new();
    for lang in Lang::ALL {
        let cat = Catalog::get(lang);
        for (p, i) in &issues {
            let key = i.message_key();
            assert!(cat.has(&key), "{key} has no text in {}", lang.tag());
            reached.insert(key);
            let m = jixiao::present::message(p, i, cat);
            if let Some(open) = m.find('{') {
                if m[open..].contains('}') {
                    unfilled.push(format!("{} {}: {m}", lang.tag(), i.message_key()));
                }
            }
        }
    }
    unfilled.sort();
    unfilled.dedup();
    assert!(unfilled.is_empty(), "placeholders left:\n{}", unfilled.join("\n"));
    let unreached: Vec<&str> =
        Catalog::get(Lang::ZhCn).keys().filter(|k| k.starts_with("issue.") && !reached.contains(*k)).collect();
    assert!(unreached.is_empty(), "messages no case renders (add a case): {unreached:?}");
}
