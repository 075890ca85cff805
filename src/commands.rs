//! The subcommands: `check`, `report` and the wizard's entry. This and `fsio` are the only
//! places (with `tui`) that touch files, standard output and the process environment.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::{Cli, Command, WizardArgs};
use crate::form::file::{self, Loaded};
use crate::form::{Profile, Severity, report, rules};
use crate::fsio;
use crate::i18n::{Catalog, Lang};
use crate::present;

/// Exit code: no errors.
pub const OK: u8 = 0;
/// Exit code: the package has errors.
pub const HAS_ERRORS: u8 = 1;
/// Exit code: the file cannot be read or parsed, or the command line is wrong.
pub const FAILED: u8 = 2;

/// Runs the command line.
#[must_use]
pub fn run(cli: Cli) -> ExitCode {
    let env_lang = Lang::from_env(|k| std::env::var(k).ok());
    let wizard = match &cli.command {
        Some(Command::Open(args)) => match <WizardArgs as clap::Parser>::try_parse_from(args) {
            Ok(w) => Some(w),
            Err(e) => {
                let _ = e.print();
                return ExitCode::from(FAILED);
            }
        },
        _ => None,
    };
    let lang_arg = wizard.as_ref().and_then(|w| w.lang.clone()).or(cli.lang.clone());
    let lang = match lang_arg.as_deref().map(Lang::parse) {
        None => env_lang,
        Some(Some(l)) => l,
        Some(None) => {
            let cat = Catalog::get(env_lang);
            eprintln!(
                "{}",
                cat.fmt("cli.bad_lang", &[("lang", crate::text::visible(cli.lang.as_deref().unwrap_or(""), false))])
            );
            return ExitCode::from(FAILED);
        }
    };
    let cat = Catalog::get(lang);
    let code = match cli.command {
        Some(Command::Check { file }) => check(&file, cat),
        Some(Command::Report { file, output }) => report_cmd(&file, output.as_deref(), cat),
        Some(Command::Open(_)) => match wizard {
            Some(_) => {
                eprintln!("{}", cat.tr("cli.no_wizard"));
                FAILED
            }
            None => FAILED,
        },
        None => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let _ = cmd.print_help();
            OK
        }
    };
    ExitCode::from(code)
}

/// Reads and parses a package file, or prints why not (localized, with line and column).
///
/// # Errors
/// The message already printed to standard error.
pub fn load(path: &Path, cat: &Catalog) -> Result<Loaded, String> {
    let shown = crate::text::visible(&path.display().to_string(), false);
    let bytes = fsio::read_limited(path, file::MAX_FILE_BYTES).map_err(|e| {
        cat.fmt("load.io", &[("path", shown.clone()), ("error", crate::text::visible(&e.to_string(), false))])
    })?;
    file::load(&bytes).map_err(|e| {
        let (key, args) = e.kind.message();
        cat.fmt(
            "load.at",
            &[
                ("path", shown.clone()),
                ("line", e.line.to_string()),
                ("col", e.col.to_string()),
                ("message", cat.fmt(key, &args)),
            ],
        )
    })
}

fn profile_of(loaded: &Loaded) -> Profile {
    Profile::builtin(&loaded.package.profile).unwrap_or_else(Profile::default_profile)
}

fn check(path: &Path, cat: &Catalog) -> u8 {
    let loaded = match load(path, cat) {
        Ok(l) => l,
        Err(msg) => {
            eprintln!("{msg}");
            return FAILED;
        }
    };
    let profile = profile_of(&loaded);
    let (fig, issues) = rules::check(&loaded.package, &profile);
    let mut out = std::io::stdout().lock();
    let mut sorted: Vec<_> = issues.iter().collect();
    sorted.sort_by_key(|i| (i.severity(), i.rule));
    for i in &sorted {
        let _ = writeln!(out, "{}", present::issue_line(i, cat, &loaded.spans));
    }
    if !sorted.is_empty() {
        let _ = writeln!(out);
    }
    for line in present::score_lines(&fig, &profile, cat) {
        let _ = writeln!(out, "{line}");
    }
    let errors = issues.iter().filter(|i| i.severity() == Severity::Error).count();
    let warnings = issues.len() - errors;
    let _ = writeln!(
        out,
        "\n{}",
        cat.fmt("present.summary", &[("errors", errors.to_string()), ("warnings", warnings.to_string())])
    );
    if errors > 0 { HAS_ERRORS } else { OK }
}

fn report_cmd(path: &Path, output: Option<&Path>, cat: &Catalog) -> u8 {
    let loaded = match load(path, cat) {
        Ok(l) => l,
        Err(msg) => {
            eprintln!("{msg}");
            return FAILED;
        }
    };
    let profile = profile_of(&loaded);
    let fig = crate::form::calc::compute(&loaded.package, &profile);
    let text = report::render(&loaded.package, &fig, cat);
    match output {
        None => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            OK
        }
        Some(out) => match fsio::write_atomic(out, text.as_bytes()) {
            Ok(()) => {
                eprintln!(
                    "{}",
                    cat.fmt("cli.wrote", &[("path", crate::text::visible(&out.display().to_string(), false))])
                );
                OK
            }
            Err(e) => {
                eprintln!(
                    "{}",
                    cat.fmt(
                        "write.failed",
                        &[("path", crate::text::visible(&out.display().to_string(), false)), ("error", e.to_string())]
                    )
                );
                FAILED
            }
        },
    }
}
