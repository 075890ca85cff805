//! Golden tests of the plain-text report, and its layout rules.

use jixiao::form::file::load;
use jixiao::form::{Profile, calc, report};
use jixiao::i18n::{Catalog, Lang};
use jixiao::text::width;

fn render(path: &str, lang: Lang) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"));
    let pkg = load(text.as_bytes()).unwrap_or_else(|e| panic!("{e:?}")).package;
    let fig = calc::compute(&pkg, &Profile::default_profile());
    report::render(&pkg, &fig, Catalog::get(lang))
}

#[test]
fn golden_report_zh() {
    insta::assert_snapshot!("yueyang-2023.zh-CN", render("examples/yueyang-2023.toml", Lang::ZhCn));
}

#[test]
fn golden_report_en() {
    insta::assert_snapshot!("yueyang-2023.en", render("examples/yueyang-2023.toml", Lang::En));
}

#[test]
fn fits_in_100_columns_and_numbers_headings_once() {
    for path in ["examples/yueyang-2023.toml", "examples/yueyang-2023-as-filed.toml"] {
        for lang in Lang::ALL {
            let r = render(path, lang);
            let wide: Vec<_> = r.lines().filter(|l| width(l) > report::WIDTH).collect();
            assert!(wide.is_empty(), "{path} {lang:?}: {wide:?}");
        }
        let r = render(path, Lang::ZhCn);
        let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
        let mut last = 0;
        for (i, n) in numerals.iter().enumerate() {
            let heading = format!("\n{n}、");
            let count = r.matches(&heading).count();
            // Inside part 六 of the as-filed example the seed's own 一、… lines remain (E-19).
            if path.ends_with("yueyang-2023.toml") {
                assert_eq!(count, 1, "{n} appears {count} times");
                let at = r.rfind(&heading).unwrap_or_else(|| panic!("{n} missing"));
                assert!(at > last || i == 0, "{n} out of order");
                last = at;
            } else {
                assert!(count >= 1, "{n} missing");
            }
        }
    }
}
