//! The pure domain: what a form is (`def`), the package as data (`package`), input parsing
//! (`input`), the shared arithmetic and indicator engine (`scoring`), the checks every form
//! shares (`check`), the data file (`file`), the printed layout (`layout`) and its plain-text
//! renderer (`report_text`), next year's package from this year's (`carry`), and the forms
//! themselves: the 整体支出 package (`unit`) with its 项目支出绩效自评表 sheets (`project`).
//!
//! **Invariant:** nothing in `form/` touches the terminal, the file system or a global
//! locale; every function here is deterministic and cannot fail except by returning an
//! error value. `tests/layering.rs` enforces it. **Invariant:** no code outside a form's own
//! module names one of its fields; it goes through the form's definition (`tests/field_paths.rs`).

pub mod carry;
pub mod check;
pub mod claims;
pub mod comments;
pub mod def;
pub mod file;
pub mod input;
pub mod issue;
pub mod layout;
pub mod names;
pub mod package;
pub mod profile;
pub mod profile_file;
pub mod project;
pub mod report_text;
pub mod scoring;
pub mod syntax;
pub mod unit;

pub use def::{Checked, Form};
pub use issue::{Issue, Severity};
pub use package::Package;
pub use profile::Profile;

/// Every form a data file may name, by id.
#[must_use]
pub fn by_id(id: &str) -> Option<&'static Form> {
    [unit::form()].into_iter().find(|f| f.id == id)
}

/// Checks a package on its own form: every computed cell, issue and score.
#[must_use]
pub fn check(pkg: &Package, profile: &Profile) -> Checked {
    pkg.form().behaviour.check(pkg, profile)
}

/// The profile that scores the value at `path` of `pkg`: the project sheets' profile inside a
/// project sheet, else `profile` itself.
#[must_use]
pub fn profile_at<'p>(pkg: &Package, profile: &'p Profile, path: &str) -> &'p Profile {
    match pkg.form().resolve(path) {
        Some(r) if !r.within.is_empty() => profile.for_projects(),
        _ => profile,
    }
}

/// The printed package in the language of `cat`, as plain text.
#[must_use]
pub fn report(pkg: &Package, profile: &Profile, cat: &crate::i18n::Catalog) -> String {
    report_text::render(&pkg.form().behaviour.layout(pkg, profile, cat), cat)
}
