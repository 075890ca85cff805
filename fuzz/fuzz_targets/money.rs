//! The input parsers on arbitrary text: never a panic; an accepted amount prints and parses back
//! to itself.
#![no_main]

use jixiao::form::input;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(d) = input::money(s) {
        assert_eq!(input::money(&d.to_string()), Ok(d));
    }
    let _ = input::percent(s);
    let _ = input::area(s);
    let _ = input::score(s);
    let _ = input::date(s);
    let _ = input::phone(s);
    let _ = jixiao::form::calc::quantity(s);
});
