//! Shared by tests/dist.rs (which checks Cargo.toml's asset lists) and tests/dist_packages.rs
//! (which checks the packages): the files the .deb and the .rpm must hold, and nothing else.
#![allow(dead_code)]

/// The files the .deb must hold, where (cargo-deb adds Debian's `copyright` from the licence field).
pub const DEB_FILES: [&str; 12] = [
    "/usr/bin/jixiao",
    "/usr/share/bash-completion/completions/jixiao",
    "/usr/share/doc/jixiao/LICENSE-APACHE",
    "/usr/share/doc/jixiao/LICENSE-MIT",
    "/usr/share/doc/jixiao/copyright",
    "/usr/share/doc/jixiao/examples/projects-2023-as-filed.toml",
    "/usr/share/doc/jixiao/examples/projects-2023.toml",
    "/usr/share/doc/jixiao/examples/yueyang-2023-as-filed.toml",
    "/usr/share/doc/jixiao/examples/yueyang-2023.toml",
    "/usr/share/man/man1/jixiao.1.gz",
    "/usr/share/man/zh_CN/man1/jixiao.1.gz",
    "/usr/share/zsh/vendor-completions/_jixiao",
];

/// As [`DEB_FILES`], with Red Hat's places for the licence and zsh functions.
pub const RPM_FILES: [&str; 11] = [
    "/usr/bin/jixiao",
    "/usr/share/bash-completion/completions/jixiao",
    "/usr/share/doc/jixiao/examples/projects-2023-as-filed.toml",
    "/usr/share/doc/jixiao/examples/projects-2023.toml",
    "/usr/share/doc/jixiao/examples/yueyang-2023-as-filed.toml",
    "/usr/share/doc/jixiao/examples/yueyang-2023.toml",
    "/usr/share/licenses/jixiao/LICENSE-APACHE",
    "/usr/share/licenses/jixiao/LICENSE-MIT",
    "/usr/share/man/man1/jixiao.1.gz",
    "/usr/share/man/zh_CN/man1/jixiao.1.gz",
    "/usr/share/zsh/site-functions/_jixiao",
];

/// Says something in `cargo test`'s own output (a skipped check, a size): the harness captures
/// `eprintln!` of a passing test, but not writes to the standard error handle itself.
pub fn tell(text: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{text}");
}
