//! Every user-facing string lives in locales/: zh-CN and en have the same keys and the same
//! placeholders, and every label, help text and rule the program uses exists in both.

use jixiao::form::Profile;
use jixiao::form::spec::{Calc, FUND_ROWS, FundTotal, GridRow, Kind, spec};
use jixiao::i18n::{Catalog, Lang, placeholders, source};

fn catalogs() -> (Catalog, Catalog) {
    let zh = Catalog::parse(Lang::ZhCn, source(Lang::ZhCn)).unwrap_or_else(|e| panic!("zh-CN: {e}"));
    let en = Catalog::parse(Lang::En, source(Lang::En)).unwrap_or_else(|e| panic!("en: {e}"));
    (zh, en)
}

#[test]
fn same_keys_and_placeholders() {
    let (zh, en) = catalogs();
    let zk: Vec<&str> = zh.keys().collect();
    let ek: Vec<&str> = en.keys().collect();
    let only_zh: Vec<_> = zk.iter().filter(|k| !en.has(k)).collect();
    let only_en: Vec<_> = ek.iter().filter(|k| !zh.has(k)).collect();
    assert!(only_zh.is_empty() && only_en.is_empty(), "only in zh-CN: {only_zh:?}\nonly in en: {only_en:?}");
    for k in zk {
        assert_eq!(placeholders(zh.tr(k)), placeholders(en.tr(k)), "placeholders differ for {k}");
    }
}

#[test]
fn everything_the_program_names_has_text() {
    let (zh, _) = catalogs();
    let mut missing = Vec::new();
    let mut need = |k: String| {
        if !zh.has(&k) {
            missing.push(k);
        }
    };
    let s = spec();
    for f in &s.fields {
        f.label.iter().for_each(|l| need(l.clone()));
        need(f.help.clone());
        need(f.kind.expect_key().to_string());
    }
    for t in &s.tables {
        need(format!("table.{}", t.key));
        for c in &t.columns {
            need(c.label[0].clone());
            need(c.help.clone());
        }
    }
    for sec in &s.sections {
        need(format!("section.{}", sec.id));
    }
    let calcs = [
        Calc::ControlRate,
        Calc::FundTotal(FundTotal::ThreePublic, 0),
        Calc::FundTotal(FundTotal::Car, 0),
        Calc::FundTotal(FundTotal::Projects, 0),
        Calc::ExecRate,
        Calc::ExecScore,
        Calc::AreaRate,
        Calc::InvestmentRate,
        Calc::Proposed,
        Calc::IndicatorWeights,
        Calc::IndicatorScores,
        Calc::TotalWeight,
        Calc::TotalScore,
        Calc::Grade,
    ];
    for c in calcs {
        need(format!("calc.{}.label", c.name()));
        need(format!("calc.{}.formula", c.name()));
    }
    for row in FUND_ROWS {
        if let GridRow::Input { key, .. } = row {
            need(format!("field.basic.funds.{key}"));
        }
    }
    let p = Profile::default_profile();
    p.level1.iter().for_each(|l| {
        need(format!("level1.{}", l.key));
        l.level2.iter().for_each(|m| need(format!("level2.{}", m.key)));
    });
    p.tiers.iter().for_each(|t| need(format!("tier.{}", t.key)));
    p.grades.iter().for_each(|g| need(format!("grade.{}", g.key)));
    for id in (1..=20).map(|n| format!("E-{n:02}")).chain((1..=18).map(|n| format!("W-{n:02}"))) {
        let prefix = format!("issue.{id}");
        if !zh.keys().any(|k| k == prefix || k.starts_with(&format!("{prefix}."))) {
            missing.push(prefix);
        }
    }
    let _ = Kind::Money;
    assert!(missing.is_empty(), "missing locale keys: {missing:?}");
}
