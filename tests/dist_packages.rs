//! The release itself, built by `dist/build.sh` with the tools it needs: the x86_64 binary
//! is static (no dynamic loader, no shared library); the .deb and the .rpm hold exactly the expected files
//! and install cleanly (into a scratch root, not this machine); what they install runs.
//!
//! Runs when asked for (`JIXIAO_DIST_TEST=1`) where cargo-zigbuild, zig (`pip install
//! ziglang`), cargo-deb, cargo-generate-rpm, readelf, dpkg and rpm are installed; otherwise it
//! says SKIPPED and why.
//! It builds with the `dist-check` profile (the release profile without LTO: the same
//! static linking, in less time) into its own target folder, since the target
//! folder of `cargo test` is locked while tests run.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "dist_support/shared.rs"]
mod shared;
use shared::{DEB_FILES, RPM_FILES, tell};

fn run(program: &str, args: &[&str]) -> Output {
    Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program}: {e}"))
}

fn ok(program: &str, args: &[&str]) -> String {
    let out = run(program, args);
    assert!(out.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn found(program: &str, args: &[&str]) -> bool {
    Command::new(program).args(args).output().is_ok_and(|o| o.status.success())
}

fn missing_tools() -> Vec<&'static str> {
    let mut missing = Vec::new();
    for (name, program, args) in [
        ("cargo-zigbuild", "cargo", &["zigbuild", "--help"][..]),
        ("cargo-deb", "cargo", &["deb", "--version"]),
        ("cargo-generate-rpm", "cargo", &["generate-rpm", "--version"]),
        ("readelf", "readelf", &["--version"]),
        ("dpkg", "dpkg", &["--version"]),
        ("rpm", "rpm", &["--version"]),
    ] {
        if !found(program, args) {
            missing.push(name);
        }
    }
    if !found("python3", &["-m", "ziglang", "version"]) && !found("zig", &["version"]) {
        missing.push("zig (pip install ziglang)");
    }
    missing
}

fn sorted(lines: impl Iterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = lines.collect();
    v.sort();
    v
}

/// The files (not folders) `dpkg-deb -c` lists, as absolute paths.
fn deb_files(deb: &Path) -> Vec<String> {
    let listing = ok("dpkg-deb", &["-c", &deb.to_string_lossy()]);
    sorted(
        listing
            .lines()
            .filter(|l| !l.starts_with('d'))
            .filter_map(|l| l.split_whitespace().nth(5).map(|p| p.trim_start_matches('.').to_string())),
    )
}

fn one(dir: &Path, suffix: &str) -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    assert_eq!(found.len(), 1, "one {suffix} in {}: {found:?}", dir.display());
    found.remove(0)
}

fn version_of(binary: &Path) -> String {
    let out = Command::new(binary).args(["--lang", "en", "--version"]).output().unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success(), "{}", binary.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_release_is_static_and_its_packages_hold_exactly_the_expected_files() {
    // Building the release for two architectures takes minutes on 2 cores: asked for by name
    // (`JIXIAO_DIST_TEST=1 cargo test --test dist_packages`), not in every `cargo test`.
    if std::env::var_os("JIXIAO_DIST_TEST").is_none() {
        tell("SKIPPED (tests/dist_packages.rs): set JIXIAO_DIST_TEST=1 to build the release and check its packages.");
        return;
    }
    let missing = missing_tools();
    if !missing.is_empty() {
        tell(&format!(
            "SKIPPED (tests/dist_packages.rs): not installed: {}. The release binary's static check, the .deb and the .rpm were NOT tested (see dist/build.sh).",
            missing.join(", ")
        ));
        return;
    }
    let out =
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("jixiao-dist-packages-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap_or_else(|e| panic!("{e}"));
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/dist-check");
    let started = std::time::Instant::now();
    let build = Command::new("bash")
        .arg("dist/build.sh")
        .env("JIXIAO_DIST_PROFILE", "dist-check")
        .env("JIXIAO_DIST_TARGETS", "x86_64")
        .env("JIXIAO_DIST_OUT", &out)
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let log = String::from_utf8_lossy(&build.stderr);
    assert!(build.status.success(), "dist/build.sh failed:\n{log}");
    tell(&format!("dist/build.sh (dist-check, x86_64) took {:?}", started.elapsed()));

    // The binary: static (the script checks it too; this says so here), and it runs.
    let version = env!("CARGO_PKG_VERSION");
    let binary = out.join(format!("jixiao-{version}-x86_64-linux"));
    let check = run("bash", &["dist/build.sh", "check-static", &binary.to_string_lossy()]);
    let said = String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success() && said.contains("is static"), "{said}");
    let elf = ok("readelf", &["-W", "-l", "-d", &binary.to_string_lossy()]);
    assert!(!elf.contains("INTERP") && !elf.contains("(NEEDED)"), "{elf}");
    assert!(version_of(&binary).starts_with(&format!("jixiao {version}\n")));
    // It checks a package and writes its report as the ordinary build does.
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/yueyang-2023.toml");
    let checked = run(&binary.to_string_lossy(), &["--lang", "en", "check", &example.to_string_lossy()]);
    assert!(checked.status.success(), "{}", String::from_utf8_lossy(&checked.stderr));
    let report = run(&binary.to_string_lossy(), &["report", &example.to_string_lossy()]);
    assert!(report.status.success() && String::from_utf8_lossy(&report.stdout).contains("岳阳"));

    // The sums cover every file handed out, and match.
    let sums = std::fs::read_to_string(out.join("SHA256SUMS")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sums.lines().count(), 3, "{sums}");
    let verify = Command::new("sha256sum").args(["-c", "SHA256SUMS"]).current_dir(&out).output();
    assert!(verify.is_ok_and(|o| o.status.success()), "sha256sum -c failed");

    // The .deb: exactly the expected files; installs into a scratch root; what it installs runs.
    let deb = one(&out, "_amd64.deb");
    assert_eq!(deb_files(&deb), DEB_FILES.to_vec());
    let fields = ok("dpkg-deb", &["-f", &deb.to_string_lossy(), "Package", "Architecture", "Depends"]);
    assert!(fields.contains("Package: jixiao") && fields.contains("Architecture: amd64"), "{fields}");
    assert!(fields.contains("libc6 (>= 2.17)"), "{fields}");
    let root = out.join("deb-root");
    for dir in ["var/lib/dpkg/info", "var/lib/dpkg/updates"] {
        std::fs::create_dir_all(root.join(dir)).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(root.join("var/lib/dpkg/status"), "").unwrap_or_else(|e| panic!("{e}"));
    let root_arg = format!("--root={}", root.display());
    // libc6 is not in the scratch root's database: the dependency is checked above instead.
    let install = ok("dpkg", &[&root_arg, "--force-depends", "--force-not-root", "-i", &deb.to_string_lossy()]);
    assert!(!install.contains("warning"), "{install}");
    let listed = ok("dpkg", &[&root_arg, "-L", "jixiao"]);
    for f in DEB_FILES {
        assert!(root.join(f.trim_start_matches('/')).is_file(), "{f} not installed");
        assert!(listed.lines().any(|l| l == f), "dpkg -L lacks {f}");
    }
    assert!(version_of(&root.join("usr/bin/jixiao")).starts_with(&format!("jixiao {version}\n")));

    // The .rpm: exactly the expected files; installs into a scratch root.
    let rpm = one(&out, ".x86_64.rpm");
    let listing = ok("rpm", &["-qlp", &rpm.to_string_lossy()]);
    assert_eq!(sorted(listing.lines().map(String::from)), RPM_FILES.to_vec());
    let requires = ok("rpm", &["-qp", "--requires", &rpm.to_string_lossy()]);
    assert!(requires.lines().any(|l| l.trim() == "glibc >= 2.17"), "{requires}");
    let rpm_root = out.join("rpm-root");
    std::fs::create_dir_all(&rpm_root).unwrap_or_else(|e| panic!("{e}"));
    let rpm_root_arg = rpm_root.to_string_lossy().into_owned();
    ok("rpm", &["--root", &rpm_root_arg, "--initdb"]);
    ok("rpm", &["--root", &rpm_root_arg, "--nodeps", "-i", &rpm.to_string_lossy()]);
    for f in RPM_FILES {
        assert!(rpm_root.join(f.trim_start_matches('/')).is_file(), "{f} not installed by rpm");
    }
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(rpm_root.join("usr/bin/jixiao")).unwrap_or_else(|e| panic!("{e}")).permissions(),
    );
    assert_eq!(mode & 0o777, 0o755);
    assert!(version_of(&rpm_root.join("usr/bin/jixiao")).starts_with(&format!("jixiao {version}\n")));

    for f in [&binary, &deb, &rpm] {
        let size = std::fs::metadata(f).map_or(0, |m| m.len());
        tell(&format!("{}: {size} bytes", f.display()));
    }
    let _ = std::fs::remove_dir_all(&out);
}
