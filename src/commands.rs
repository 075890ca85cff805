//! The subcommands: `check`, `report` and the wizard's entry. This and `fsio` are the only
//! places (with `tui`) that touch files, standard output and the process environment.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::{Cli, Command, WizardArgs};
use crate::form::Profile;
use crate::form::file::{self, Loaded};
use crate::fsio;
use crate::i18n::{Catalog, Lang};

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
        Some(Command::Open(args)) => {
            let parsed = crate::cli::wizard_command(Catalog::get(crate::cli::language(args)))
                .no_binary_name(true)
                .try_get_matches_from(args)
                .and_then(|m| <WizardArgs as clap::FromArgMatches>::from_arg_matches(&m));
            match parsed {
                Ok(w) => Some(w),
                Err(e) => {
                    let _ = e.print();
                    return ExitCode::from(if e.use_stderr() { FAILED } else { OK });
                }
            }
        }
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
    if let Some(code) = locale_gate(&cli, lang) {
        return ExitCode::from(code);
    }
    let code = match cli.command {
        Some(Command::Check { paths, format, quiet, profile }) => {
            crate::batch::run(&paths, &crate::batch::Options { format, quiet, profile }, cat)
        }
        Some(Command::New { file, profile }) => {
            crate::profiles::new(&file, profile.as_deref(), current_year() - 1, cat)
        }
        Some(Command::Profiles { show }) => crate::profiles::run(show.as_deref(), cat),
        Some(Command::Report { file, output, profile }) => {
            report_cmd(&file, output.as_deref(), profile.as_deref(), cat)
        }
        Some(Command::Open(_)) => match wizard {
            Some(args) => open_wizard(&args, lang),
            None => FAILED,
        },
        None => {
            let _ = match cli.generate {
                Some(what) => std::io::stdout().lock().write_all(crate::manual::generate(what, cat).as_bytes()),
                None => crate::cli::command(cat).print_help(),
            };
            OK
        }
    };
    ExitCode::from(code)
}

/// A terminal whose locale is not UTF-8 (`LANG=zh_CN.GBK`): the wizard would store what it
/// sends as garbled text and draw an unreadable screen, so an interactive wizard is refused
/// with the fix; `check` and `report` on a terminal run, with a note. The message is read on
/// that terminal: in ASCII (the English text) unless standard error goes elsewhere.
fn locale_gate(cli: &Cli, lang: Lang) -> Option<u8> {
    use std::io::IsTerminal as _;
    let locale = crate::i18n::non_utf8_locale(|k| std::env::var(k).ok())?;
    let cat = Catalog::get(if std::io::stderr().is_terminal() { Lang::En } else { lang });
    let args = [("locale", crate::text::visible(&locale, false))];
    match cli.command {
        Some(Command::Open(_)) if std::io::stdin().is_terminal() => {
            eprintln!("{}", cat.fmt("cli.not_utf8", &args));
            Some(FAILED)
        }
        Some(Command::Check { .. } | Command::Report { .. }) if std::io::stdout().is_terminal() => {
            eprintln!("{}", cat.fmt("cli.not_utf8_note", &args));
            None
        }
        _ => None,
    }
}

/// Reads and parses a package file, or prints why not (localized, with line and column).
///
/// # Errors
/// The message already printed to standard error.
pub fn load(path: &Path, cat: &Catalog) -> Result<Loaded, String> {
    load_with(path, &[], cat)
}

/// [`load`] for a package that may be on one of `custom` (a bureau's own profiles).
///
/// # Errors
/// The message to print.
pub fn load_with(path: &Path, custom: &[Profile], cat: &Catalog) -> Result<Loaded, String> {
    let shown = crate::text::visible(&path.display().to_string(), false);
    let bytes = fsio::read_limited(path, file::MAX_FILE_BYTES).map_err(|e| {
        cat.fmt("load.io", &[("path", shown.clone()), ("error", crate::text::visible(&e.to_string(), false))])
    })?;
    file::load_with(&bytes, custom).map_err(|e| {
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

fn report_cmd(path: &Path, output: Option<&Path>, profile: Option<&str>, cat: &Catalog) -> u8 {
    let chosen = match profile.map(|p| crate::profiles::choose(p, cat)).transpose() {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("{msg}");
            return FAILED;
        }
    };
    let custom = chosen.as_ref().map(|c| c.custom.clone()).unwrap_or_default();
    let loaded = match load_with(path, &custom, cat) {
        Ok(l) => l,
        Err(msg) => {
            eprintln!("{msg}");
            return FAILED;
        }
    };
    let profile = chosen.map_or_else(|| crate::profiles::of_file(&loaded.package.profile, &custom), |c| c.profile);
    let text = crate::form::report(&loaded.package, &profile, cat);
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

/// Years since 1970 → the current calendar year (UTC), without a date crate.
fn current_year() -> i32 {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    // Civil-from-days (H. Hinnant), year only.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    i32::try_from(year).unwrap_or(2024)
}

/// How long ago a file was modified, in words.
fn age(path: &Path, cat: &Catalog) -> String {
    let secs = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .map_or(0, |d| d.as_secs());
    ago(secs, cat)
}

/// A duration in words: "刚才", "3 分钟前"…
fn ago(secs: u64, cat: &Catalog) -> String {
    match secs {
        0..60 => cat.tr("time.just_now").to_string(),
        60..3600 => cat.fmt("time.minutes", &[("n", (secs / 60).to_string())]),
        3600..86_400 => cat.fmt("time.hours", &[("n", (secs / 3600).to_string())]),
        _ => cat.fmt("time.days", &[("n", (secs / 86_400).to_string())]),
    }
}

fn open_wizard(args: &WizardArgs, lang: Lang) -> u8 {
    use std::io::IsTerminal as _;
    let cat = Catalog::get(lang);
    let paths = crate::tui::Paths::for_data(&args.file);
    let shown = |p: &Path| crate::text::visible(&p.display().to_string(), false);
    let data_exists = args.file.exists();
    let chosen = match args.profile.as_deref().map(|p| crate::profiles::choose(p, cat)).transpose() {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("{msg}");
            return FAILED;
        }
    };
    let custom = chosen.as_ref().map(|c| c.custom.clone()).unwrap_or_default();
    let (pkg, profile) = if data_exists {
        match load_with(&args.file, &custom, cat) {
            Ok(l) => {
                let p = chosen.map_or_else(|| crate::profiles::of_file(&l.package.profile, &custom), |c| c.profile);
                (l.package, p)
            }
            Err(msg) => {
                eprintln!("{msg}");
                return FAILED;
            }
        }
    } else {
        let mut pkg = crate::form::Package::new(crate::form::unit::form(), current_year() - 1);
        let profile = chosen.map_or_else(Profile::default_profile, |c| c.profile);
        pkg.profile.clone_from(&profile.id);
        (pkg, profile)
    };
    let (pkg, only_missing) = match &args.answers {
        None => (pkg, false),
        Some(prefill) => match load_with(prefill, &custom, cat) {
            Ok(l) => (merge(pkg, l.package, data_exists), true),
            Err(msg) => {
                eprintln!("{msg}");
                return FAILED;
            }
        },
    };
    let files = crate::wizard::Files {
        data: shown(&paths.data),
        report: shown(&paths.report),
        data_exists,
        report_exists: paths.report.exists(),
    };
    let mut w = crate::wizard::Wizard::new(pkg, profile, lang, files);
    if paths.draft.exists() {
        match fsio::read_limited(&paths.draft, file::MAX_FILE_BYTES).ok().and_then(|b| file::load(&b).ok()) {
            Some(d) if d.package != *w.pkg() => {
                w.offer_draft(crate::wizard::DraftOffer { package: d.package, saved_at: age(&paths.draft, cat) });
            }
            Some(_) => {}
            None => eprintln!("{}", cat.fmt("cli.bad_draft", &[("path", shown(&paths.draft))])),
        }
    }
    if let Some(sec) = &args.section {
        if w.draft_offer().is_some() {
            eprintln!("{}", cat.fmt("cli.draft_first", &[("path", shown(&paths.draft))]));
        } else if !w.open_section(sec) {
            let ids: Vec<String> = w.sections().iter().map(crate::wizard::SectionRef::id).collect();
            eprintln!(
                "{}",
                cat.fmt(
                    "cli.bad_section",
                    &[("section", crate::text::visible(sec, false)), ("sections", ids.join(", "))]
                )
            );
            return FAILED;
        }
    }
    let term = std::env::var("TERM").unwrap_or_default();
    let small = crossterm::terminal::size().is_ok_and(|(w, h)| w < crate::ui::MIN_SIZE.0 || h < crate::ui::MIN_SIZE.1);
    let auto_plain = term.is_empty()
        || term == "dumb"
        || !std::io::stdin().is_terminal()
        || !std::io::stdout().is_terminal()
        || small;
    if args.plain || auto_plain {
        if !args.plain {
            println!("{}", cat.tr("plain.auto"));
        }
        return plain_mode(w, &paths, args, only_missing, cat);
    }
    w.set_read_only(args.read_only);
    let lock = if args.read_only {
        None
    } else {
        match fsio::lock(&args.file) {
            Ok(Ok(lock)) => {
                // The data file, its draft and its report are all written atomically.
                for p in [&paths.data, &paths.draft, &paths.report] {
                    fsio::clean_stale_temps(p);
                }
                Some(lock)
            }
            Ok(Err(holder)) => {
                let secs = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs())
                    .saturating_sub(holder.since);
                let since = ago(secs, cat);
                eprintln!(
                    "{}",
                    cat.fmt(
                        "cli.locked",
                        &[
                            ("path", shown(&args.file)),
                            ("pid", holder.pid.to_string()),
                            ("host", crate::text::visible(&holder.host, false)),
                            ("since", since),
                            ("lock", shown(&fsio::lock_path(&args.file))),
                        ],
                    )
                );
                return FAILED;
            }
            Err(e) => {
                eprintln!("{}", cat.fmt("cli.no_lock", &[("path", shown(&args.file)), ("error", e.to_string())]));
                None
            }
        }
    };
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let lock_path = lock.as_ref().map(|l| l.path().to_path_buf());
    let result = crate::tui::run(w, paths, crate::ui::Theme { color }, lock_path, args.stock_backend);
    drop(lock);
    match result {
        Ok(()) => OK,
        Err(e) => {
            eprintln!("{}", cat.fmt("cli.terminal_error", &[("error", e.to_string())]));
            FAILED
        }
    }
}

/// Fills the empty fields of `base` from `prefill` (or takes `prefill` whole for a new file).
fn merge(base: crate::form::Package, prefill: crate::form::Package, base_exists: bool) -> crate::form::Package {
    if !base_exists {
        return prefill;
    }
    let mut out = base;
    out.fill_from(&prefill);
    out
}

fn plain_mode(
    mut w: crate::wizard::Wizard,
    paths: &crate::tui::Paths,
    args: &WizardArgs,
    only_missing: bool,
    cat: &Catalog,
) -> u8 {
    use std::io::BufRead as _;
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    w.set_read_only(args.read_only);
    if let Some(d) = w.take_draft_offer() {
        println!(
            "{} {}",
            cat.fmt(
                "ui.welcome_draft",
                &[("saved_at", d.saved_at.clone()), ("filled", d.package.filled().to_string())]
            ),
            cat.tr("plain.restore_draft")
        );
        let mut line = String::new();
        let _ = input.read_line(&mut line);
        if crate::plain::is_no(&line) {
            let _ = std::fs::remove_file(&paths.draft);
        } else {
            // Through the one path that re-checks: the draft's errors are reported.
            w.replace(d.package);
        }
    }
    if matches!(w.screen(), crate::wizard::Screen::Welcome { .. }) {
        w.command(crate::wizard::Command::Goto(0));
    }
    use std::io::IsTerminal as _;
    let echo = !std::io::stdin().is_terminal();
    match crate::plain::run(w, paths, input, std::io::stdout().lock(), crate::plain::Options { only_missing, echo }) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}", cat.fmt("cli.terminal_error", &[("error", e.to_string())]));
            FAILED
        }
    }
}
