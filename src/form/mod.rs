//! The pure domain: the form described once (`spec`), the package as data (`package`),
//! input parsing (`input`), every formula (`calc`), every check (`rules`), the data file
//! (`file`) and the plain-text report (`report`).
//!
//! **Invariant:** nothing in `form/` touches the terminal, the file system or a global
//! locale; every function here is deterministic and cannot fail except by returning an
//! error value. `tests/layering.rs` enforces it.

pub mod calc;
pub mod file;
pub mod input;
pub mod issue;
pub mod package;
pub mod profile;
pub mod report;
pub mod rules;
pub mod spec;

pub use issue::{Issue, Severity};
pub use package::Package;
pub use profile::Profile;
