//! What a whole fill costs in keys (issue 13): the user model (`support::user`) fills the seed
//! package and the two-project package from an empty file; navigation keys are counted per
//! section and per indicator row. `cargo test --test keys -- --nocapture` prints the counts.

mod support;

use jixiao::form::file::load;
use jixiao::i18n::Lang;

fn report(name: &str, f: &support::user::Fill) {
    println!(
        "{name}: {} navigation keys ({} with the keys that end an entry), {} characters typed",
        f.nav_total(),
        f.moves,
        f.typed
    );
    for (section, n) in &f.nav {
        println!("  {section:<28} {n:>4}");
    }
}

#[test]
fn the_seed_from_an_empty_file_takes_at_most_150_navigation_keys_and_4_per_indicator_row() {
    let target = support::example("examples/yueyang-2023.toml");
    let f = support::user::fill(&target, Lang::ZhCn);
    report("seed", &f);
    let written = load(f.written.as_bytes()).expect("load").package;
    assert_eq!(written.text_at("self_eval.indicators.17.name"), target.text_at("self_eval.indicators.17.name"));
    assert_eq!(written.rows_at("self_eval.indicators").len(), 17);
    let rows: Vec<usize> =
        (1..=17).map(|r| f.nav_per_row.get(&("indicators".to_string(), r)).copied().unwrap_or(0)).collect();
    println!("  per indicator row: {rows:?}");
    for (i, n) in rows.iter().enumerate() {
        assert!(*n <= 4, "indicator row {}: {n} navigation keys ({rows:?})", i + 1);
    }
    assert!(f.nav_total() <= 150, "{} navigation keys", f.nav_total());
}

#[test]
fn a_package_with_two_project_sheets_costs_no_more_per_indicator_row() {
    let target = support::example("examples/projects-2023.toml");
    let f = support::user::fill(&target, Lang::ZhCn);
    report("two projects", &f);
    for ((section, row), n) in &f.nav_per_row {
        assert!(*n <= 4, "{section} row {row}: {n} navigation keys");
    }
}

#[test]
fn english_costs_the_same_keys() {
    let target = support::example("examples/yueyang-2023.toml");
    let zh = support::user::fill(&target, Lang::ZhCn);
    let en = support::user::fill(&target, Lang::En);
    assert_eq!(zh.nav, en.nav);
}
