//! Property tests: the parsers never panic and read back what they print; a package survives
//! save-then-load with every value intact.

use jixiao::form::def::Kind;
use jixiao::form::file::{load, save};
use jixiao::form::input::{self, Date};
use jixiao::form::package::canonical_text as canonical;
use jixiao::form::{Package, Profile, unit};
use jixiao::i18n::{Catalog, Lang};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn fullwidth(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_graphic() { char::from_u32(u32::from(c) + 0xfee0).unwrap_or(c) } else { c })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn parsers_never_panic(s in "\\PC{0,40}") {
        let _ = input::money(&s);
        let _ = input::percent(&s);
        let _ = input::area(&s);
        let _ = input::score(&s);
        let _ = input::integer(&s, 1_000_000);
        let _ = input::date(&s);
        let _ = input::phone(&s);
        let _ = input::name(&s);
        let _ = jixiao::form::scoring::quantity(&s);
    }

    #[test]
    fn money_reads_what_it_prints(cents in 0i64..100_000_000_000_000, thousands in any::<bool>(), wide in any::<bool>(), unit in any::<bool>()) {
        let d = Decimal::new(cents, 2);
        let mut text = d.to_string();
        if thousands {
            let (int, frac) = text.split_once('.').unwrap_or((&text, "00"));
            let digits: Vec<char> = int.chars().collect();
            let mut grouped = String::new();
            for (i, c) in digits.iter().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    grouped.push(',');
                }
                grouped.push(*c);
            }
            text = format!("{grouped}.{frac}");
        }
        if wide {
            text = fullwidth(&text);
        }
        if unit {
            text.push_str("万元");
        }
        let got = input::money(&text);
        prop_assert_eq!(got, Ok(d), "{}", text);
        let c = canonical(Kind::Money, &text).expect("canonical");
        prop_assert_eq!(input::money(&c), Ok(d));
    }

    #[test]
    fn dates_read_back_in_every_form(y in 1900i32..2999, m in 1u32..=12, d in 1u32..=31) {
        if let Some(date) = Date::new(y, m, d) {
            for text in [date.iso(), date.chinese(), format!("{y}/{m}/{d}"), format!("{y}.{m}.{d}"), fullwidth(&date.iso())] {
                prop_assert_eq!(input::date(&text), Ok(date), "{}", text);
            }
        } else {
            let text = format!("{y}-{m:02}-{d:02}");
            prop_assert!(input::date(&text).is_err(), "{} should not parse", text);
        }
    }

    #[test]
    fn packages_survive_save_and_load(
        picks in proptest::collection::vec((0usize..200, "\\PC{0,30}"), 0..40),
        rows in proptest::collection::vec(("\\PC{0,12}", 0i64..1_000_000), 0..6),
        projects in proptest::collection::vec(("\\PC{0,12}", 0i64..1_000_000), 0..3),
    ) {
        let form = unit::form();
        let mut p = Package::new(form, 2023);
        for (i, text) in picks {
            let f = &form.fields[i % form.fields.len()];
            let text = if f.kind == Kind::LongText { text } else { text.replace('\n', " ") };
            p.set(f.key, text);
        }
        for (name, cents) in rows {
            let at = p.insert_row("self_eval.indicators", usize::MAX).expect("row");
            p.set(&format!("self_eval.indicators.{}.name", at + 1), name);
            p.set(&format!("self_eval.indicators.{}.weight", at + 1), Decimal::new(cents % 10_000, 2).to_string());
        }
        for (name, cents) in projects {
            let at = p.insert_instance(unit::keys::PROJECTS, usize::MAX).expect("project");
            p.set(&format!("projects.{}.name", at + 1), name.clone());
            p.set(&format!("projects.{}.funds.fiscal.spent", at + 1), Decimal::new(cents, 2).to_string());
            let row = p.insert_row(&format!("projects.{}.indicators", at + 1), 0).expect("row");
            p.set(&format!("projects.{}.indicators.{}.name", at + 1, row + 1), name);
        }
        let text = save(&p, Catalog::get(Lang::ZhCn));
        let back = load(text.as_bytes()).map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?.package;
        prop_assert_eq!(&back, &p);
        // Checking any package never panics.
        let _ = jixiao::form::check(&back, &Profile::default_profile());
    }

    #[test]
    fn loading_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = load(&bytes);
    }
}
