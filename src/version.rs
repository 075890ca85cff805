//! What `jixiao --version` says: the version, the commit and day of the build (from
//! `build.rs`, which works without git) and the scoring profiles built in.

use crate::i18n::Catalog;

/// The package version (Cargo.toml).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The commit built from (`unknown` for a source tarball without `JIXIAO_COMMIT`).
pub const COMMIT: &str = env!("JIXIAO_BUILD_COMMIT");
/// The day of the build, UTC, `YYYY-MM-DD` (`SOURCE_DATE_EPOCH` when set).
pub const BUILD_DATE: &str = env!("JIXIAO_BUILD_DATE");

/// `-V`: one line after the program's name, `0.1.0 (664dc8e1a2 2026-11-30)`.
#[must_use]
pub fn short() -> String {
    format!("{VERSION} ({COMMIT} {BUILD_DATE})")
}

/// `--version`: the version on the first line (as `-V`, for scripts), then one labelled line
/// each for the commit, the build date and the built-in scoring profiles.
#[must_use]
pub fn long(cat: &Catalog) -> String {
    let profiles = crate::form::profile::builtin_ids().join(", ");
    format!(
        "{VERSION}\n{}\n{}\n{}",
        cat.fmt("version.commit", &[("commit", COMMIT.to_string())]),
        cat.fmt("version.built", &[("date", BUILD_DATE.to_string())]),
        cat.fmt("version.profiles", &[("profiles", profiles)]),
    )
}
