//! The data file loader on arbitrary bytes: never a panic; whatever loads saves and loads again
//! to the same values, and checks without a panic.
#![no_main]

use jixiao::form::file::{load, save};
use jixiao::form::{Profile, rules};
use jixiao::i18n::{Catalog, Lang};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(loaded) = load(data) {
        let _ = rules::check(&loaded.package, &Profile::default_profile());
        let text = save(&loaded.package, Catalog::get(Lang::ZhCn));
        let again = load(text.as_bytes()).expect("a saved package loads");
        assert_eq!(again.package, loaded.package);
    }
});
