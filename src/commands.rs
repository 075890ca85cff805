//! The subcommands: `check`, `report` and the wizard's entry. This, `fsio`, `tui` and
//! `plain` are the only places that touch files, standard output and the process
//! environment.
//!
//! Everything printed goes through [`emit`] (standard output: errors are returned and end the
//! command with [`OUTPUT_FAILED`]) or [`tell`] (standard error: best effort, never a panic),
//! both of which pass the text through [`crate::text::visible`].

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{Cli, Command, NewArgs, WizardArgs};
use crate::exit::Exit;
use crate::form::Profile;
use crate::form::file::{self, Loaded};
use crate::fsio;
use crate::i18n::{Catalog, Lang};
use crate::paths::Paths;

/// Exit code: no errors.
pub const OK: u8 = 0;
/// Exit code: the package has errors.
pub const HAS_ERRORS: u8 = 1;
/// Exit code: a file cannot be read, parsed or written, a path is refused, the package is
/// locked by another editor, or the command line is wrong.
pub const FAILED: u8 = 2;
/// Exit code: standard output cannot be written (a full device, a closed pipe). The wizard's
/// answers are in the draft and the lock is released.
pub const OUTPUT_FAILED: u8 = 3;
/// Exit code: the terminal went away (SIGHUP, or its input or output failed or ended). The
/// draft holds everything read from it, the lock is released, nothing is printed.
pub const HUNG_UP: u8 = 129;
// SIGINT, SIGQUIT and SIGTERM end the wizard with 128 + the signal (130, 131, 143), after
// the draft is written and the terminal given back (`exit::code_of`).

/// Writes a message for the user to standard error, escapes made visible. Best effort: a
/// closed or dead standard error is ignored, never a panic.
pub fn tell(text: &str) {
    let mut e = io::stderr().lock();
    let _ = writeln!(e, "{}", crate::text::visible(text, true));
    let _ = e.flush();
}

/// Writes `text` to standard output, escapes made visible, and flushes.
///
/// # Errors
/// The write error.
pub fn emit(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(crate::text::visible(text, true).as_bytes())?;
    out.flush()
}

/// Standard output failed: says so on standard error (unless the reader just left: a closed
/// pipe) and gives [`OUTPUT_FAILED`].
#[must_use]
pub fn output_failed(e: &io::Error, cat: &Catalog) -> u8 {
    if e.kind() != io::ErrorKind::BrokenPipe {
        tell(&cat.fmt("cli.output_failed", &[("error", fsio::describe(e, cat))]));
    }
    OUTPUT_FAILED
}

/// Runs the command line.
#[must_use]
pub fn run(cli: Cli) -> ExitCode {
    let env_lang = Lang::from_env(|k| std::env::var(k).ok());
    let wizard = match &cli.command {
        Some(Command::Open(open)) => {
            let args = &crate::cli::wizard_args(open);
            let cat = Catalog::get(crate::cli::language(args));
            // `jixiao chekc x.toml`: a mistyped subcommand, not a data file named chekc.
            if let Some(word) = open.first().and_then(|a| a.to_str()) {
                if let Some(meant) = crate::cli::mistyped_command(word, || fsio::exists(std::path::Path::new(word))) {
                    // `--lang` before the word or after it.
                    let all: Vec<std::ffi::OsString> = std::env::args_os().collect();
                    tell(&Catalog::get(crate::cli::language(&all)).fmt(
                        "cli.mistyped_command",
                        &[("word", crate::text::visible(word, false)), ("command", meant)],
                    ));
                    return ExitCode::from(FAILED);
                }
            }
            let bare = <WizardArgs as clap::CommandFactory>::command().no_binary_name(true);
            let full = || crate::cli::localize(crate::cli::wizard_command(cat).no_binary_name(true), cat);
            match crate::cli::parse_with::<WizardArgs>(bare, full, args.clone()) {
                Ok(w) => Some(w),
                Err(e) => return ExitCode::from(crate::cli::clap_exit(&e, cat)),
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
            tell(&cat.fmt("cli.bad_lang", &[("lang", crate::text::visible(lang_arg.as_deref().unwrap_or(""), false))]));
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
        Some(Command::Profiles { show }) => crate::profiles::run(show.as_deref(), cat),
        Some(Command::Report { file, output, profile, doc_lang }) => match doc_catalog(doc_lang.as_deref(), cat) {
            Ok(doc) => report_cmd(&file, output.as_deref(), profile.as_deref(), (cat, doc)),
            Err(code) => code,
        },
        Some(Command::New(args)) => new_package(&args, cat),
        Some(Command::Export { file, output, format, separate, doc_lang }) => {
            match doc_catalog(doc_lang.as_deref(), cat) {
                Ok(doc) => export_cmd(&file, &output, format.as_deref(), separate, (cat, doc)),
                Err(code) => code,
            }
        }
        Some(Command::Open(_)) => match wizard {
            Some(args) => open_wizard(&args, lang),
            None => FAILED,
        },
        None => {
            let text = match cli.generate {
                Some(what) => crate::manual::generate(what, cat),
                None => crate::cli::command(cat).render_help().to_string(),
            };
            match emit(&text) {
                Ok(()) => OK,
                Err(e) => output_failed(&e, cat),
            }
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
            tell(&cat.fmt("cli.not_utf8", &args));
            Some(FAILED)
        }
        Some(Command::Check { .. } | Command::Report { .. } | Command::Export { .. })
            if std::io::stdout().is_terminal() =>
        {
            tell(&cat.fmt("cli.not_utf8_note", &args));
            None
        }
        _ => None,
    }
}

fn shown(p: &Path) -> String {
    crate::text::visible(&p.display().to_string(), false)
}

/// What the wizard shows of a package's paths, and which files exist already.
#[must_use]
pub fn files(paths: &Paths) -> crate::wizard::Files {
    let shown = |p: &Path| crate::text::visible(&p.display().to_string(), false);
    crate::wizard::Files {
        data: shown(&paths.data),
        report: shown(&paths.report),
        data_exists: fsio::exists(&paths.data),
        report_exists: fsio::exists(&paths.report),
    }
}

/// The paths for a data file the user typed after a failed save or write, or why not.
///
/// # Errors
/// The message: the link cannot be followed, or the name is refused.
pub fn relocated(typed: &Path, cat: &crate::i18n::Catalog) -> Result<Paths, String> {
    let data = fsio::resolve(typed)
        .map_err(|e| cat.fmt("write.failed", &[("path", shown(typed)), ("error", fsio::describe(&e, cat))]))?;
    Paths::for_data(&data).map_err(|e| {
        let (key, args) = e.message(typed);
        cat.fmt(key, &args)
    })
}

/// A path the user named (FILE, `--answers`, `-o`), with symlinks followed, or why not.
fn named(path: &Path, cat: &Catalog) -> Result<PathBuf, String> {
    fsio::resolve(path).map_err(|e| cat.fmt("load.io", &[("path", shown(path)), ("error", fsio::describe(&e, cat))]))
}

/// Every path of the package FILE names (its symlinks followed once), or why that name cannot
/// be a data file.
fn package_paths(file: &Path, cat: &Catalog) -> Result<Paths, String> {
    named(file, cat).and_then(|data| {
        Paths::for_data(&data).map_err(|e| {
            let (key, a) = e.message(file);
            cat.fmt(key, &a)
        })
    })
}

/// Reads and parses a package file (a regular file; a named path must be resolved first),
/// or says why not (localized, with line and column).
///
/// # Errors
/// The message.
pub fn load(path: &Path, cat: &Catalog) -> Result<Loaded, String> {
    load_with(path, &[], cat)
}

/// [`load`] for a package that may be on one of `custom` (a bureau's own profiles).
///
/// # Errors
/// The message to print.
pub fn load_with(path: &Path, custom: &[Profile], cat: &Catalog) -> Result<Loaded, String> {
    let bytes = fsio::read_limited(path, file::MAX_FILE_BYTES)
        .map_err(|e| cat.fmt("load.io", &[("path", shown(path)), ("error", fsio::describe(&e, cat))]))?;
    parse_at(path, &bytes, 0, custom, cat)
}

/// A draft read as [`load`] reads a package, and the field that had the focus when it was
/// written (its first line, which is not part of the package: `wizard::split_draft`).
///
/// # Errors
/// The message to print (lines counted in the draft file).
fn load_draft(path: &Path, cat: &Catalog) -> Result<(Loaded, Option<String>), String> {
    let bytes = fsio::read_limited(path, file::MAX_FILE_BYTES)
        .map_err(|e| cat.fmt("load.io", &[("path", shown(path)), ("error", fsio::describe(&e, cat))]))?;
    let (at, rest, skipped) = crate::wizard::split_draft(&bytes);
    parse_at(path, rest, skipped, &[], cat).map(|l| (l, at))
}

/// `bytes` of the file at `path` parsed, `skipped` lines after its start (for the line an
/// error names).
fn parse_at(path: &Path, bytes: &[u8], skipped: usize, custom: &[Profile], cat: &Catalog) -> Result<Loaded, String> {
    file::load_with(bytes, custom).map_err(|e| {
        let (key, args) = e.kind.message();
        let args: Vec<_> = args.into_iter().map(|(k, v)| (k, crate::text::visible(&v, false))).collect();
        cat.fmt(
            "load.at",
            &[
                ("path", shown(path)),
                ("line", (e.line + skipped).to_string()),
                ("col", e.col.to_string()),
                ("message", cat.fmt(key, &args)),
            ],
        )
    })
}

/// The profile chosen with `--profile` (an id or a file), or the message.
fn chosen_profile(profile: Option<&str>, cat: &Catalog) -> Result<Option<crate::profiles::Chosen>, String> {
    profile.map(|p| crate::profiles::choose(p, cat)).transpose()
}

/// The catalog documents are written in: `--doc-lang`, else Chinese — the report and the
/// office files are the official Chinese forms whatever the interface language.
fn doc_catalog(doc_lang: Option<&str>, cat: &Catalog) -> Result<&'static Catalog, u8> {
    match doc_lang.map(Lang::parse) {
        None => Ok(Catalog::get(Lang::ZhCn)),
        Some(Some(l)) => Ok(Catalog::get(l)),
        Some(None) => {
            tell(&cat.fmt("cli.bad_lang", &[("lang", crate::text::visible(doc_lang.unwrap_or(""), false))]));
            Err(FAILED)
        }
    }
}

fn report_cmd(path: &Path, output: Option<&Path>, profile: Option<&str>, (cat, doc): (&Catalog, &Catalog)) -> u8 {
    let chosen = match chosen_profile(profile, cat) {
        Ok(c) => c,
        Err(msg) => {
            tell(&msg);
            return FAILED;
        }
    };
    let custom = chosen.as_ref().map(|c| c.custom.clone()).unwrap_or_default();
    let input = match named(path, cat) {
        Ok(p) => p,
        Err(msg) => {
            tell(&msg);
            return FAILED;
        }
    };
    let loaded = match load_with(&input, &custom, cat) {
        Ok(l) => l,
        Err(msg) => {
            tell(&msg);
            return FAILED;
        }
    };
    let profile = chosen.map_or_else(|| crate::profiles::of_file(&loaded.package.profile, &custom), |c| c.profile);
    let text = crate::form::report(&loaded.package, &profile, doc);
    let Some(out) = output else {
        return match emit(&text) {
            Ok(()) => OK,
            Err(e) => output_failed(&e, cat),
        };
    };
    write_out(&input, out, crate::text::visible(&text, true).as_bytes(), cat)
}

/// Writes a file a command was asked for (`-o OUT`): a path the user named (links followed),
/// never the package it comes from nor its draft or lock, replaced atomically; says so on
/// standard error. The exit code.
fn write_out(input: &Path, out: &Path, bytes: &[u8], cat: &Catalog) -> u8 {
    let target = match named(out, cat) {
        Ok(p) => p,
        Err(msg) => {
            tell(&msg);
            return FAILED;
        }
    };
    if let Some(suggest) = overwrites_input(input, &target) {
        tell(&cat.fmt("cli.output_is_input", &[("path", shown(out)), ("suggest", shown(&suggest))]));
        return FAILED;
    }
    match fsio::write_atomic(&target, bytes) {
        Ok(()) => {
            tell(&cat.fmt("cli.wrote", &[("path", shown(&target))]));
            OK
        }
        Err(e) => {
            tell(&cat.fmt("write.failed", &[("path", shown(out)), ("error", fsio::describe(&e, cat))]));
            FAILED
        }
    }
}

/// Whether writing the report to `target` would replace the package `input` itself, its
/// draft or its lock; then the report path to use instead.
fn overwrites_input(input: &Path, target: &Path) -> Option<PathBuf> {
    let same_file = fsio::same_file(input, target);
    let report = input.with_extension("txt");
    let own = Paths::for_data(input).ok().filter(|p| p.contains(target) && target != p.report);
    (same_file || own.is_some()).then(|| if report == input { input.with_extension("report.txt") } else { report })
}

/// The fiscal year a new package starts with: last year (the self-evaluation is of the year
/// just ended).
#[must_use]
pub fn default_fiscal_year() -> i32 {
    current_year() - 1
}

/// `jixiao new FILE [--from LAST] [--year Y] [--force]`: writes a new package — next year's
/// from last year's as each field declares (`form::carry`), or an empty one. Never replaces a
/// file without `--force`, never last year's file itself, never one open in the wizard.
fn new_package(args: &NewArgs, cat: &Catalog) -> u8 {
    use crate::form::{Package, carry};
    let refuse = |msg: String| {
        tell(&msg);
        FAILED
    };
    let paths = match package_paths(&args.file, cat) {
        Ok(p) => p,
        Err(msg) => return refuse(msg),
    };
    let path = ("path", shown(&args.file));
    if args.from.as_ref().is_some_and(|from| fsio::same_file(from, &paths.data)) {
        return refuse(cat.fmt("carry.same_file", &[path]));
    }
    if fsio::exists(&paths.data) && !args.force {
        return refuse(cat.fmt("carry.exists", &[path]));
    }
    let chosen = match chosen_profile(args.profile.as_deref(), cat) {
        Ok(c) => c,
        Err(msg) => return refuse(msg),
    };
    let (mut pkg, summary) = match &args.from {
        None => {
            let year = args.year.unwrap_or_else(|| current_year() - 1);
            if crate::form::package::year(&year.to_string()).is_err() {
                return refuse(cat.fmt("carry.bad_year", &[("year", year.to_string())]));
            }
            (Package::new(crate::form::unit::form(), year), None)
        }
        Some(from) => {
            let last = match named(from, cat).and_then(|p| load(&p, cat)) {
                Ok(l) => l.package,
                Err(msg) => return refuse(cat.fmt("carry.unreadable", &[("message", msg)])),
            };
            match carry::next_year(&last, crate::form::unit::form(), args.year) {
                Ok((p, s)) => (p, Some(s)),
                Err(r) => {
                    let (key, a) = r.message();
                    return refuse(cat.fmt("carry.refused", &[("path", shown(from)), ("reason", cat.fmt(key, &a))]));
                }
            }
        }
    };
    // --profile names the new package's scoring profile (a bureau's own file: by its id).
    if let Some(c) = &chosen {
        pkg.profile.clone_from(&c.profile.id);
    }
    // A package open in the wizard is not replaced under it.
    let _lock = match take_lock(&paths, cat) {
        Locking::Held(l) => Some(l),
        Locking::Without(_) => None,
        Locking::Refused(msg) => return refuse(msg),
    };
    let text = file::save(&pkg, Catalog::get(Lang::ZhCn));
    let written = if args.force {
        fsio::write_atomic(&paths.data, text.as_bytes())
    } else {
        fsio::write_new(&paths.data, text.as_bytes())
    };
    if let Err(e) = written {
        return match e.kind() {
            io::ErrorKind::AlreadyExists => refuse(cat.fmt("carry.exists", &[path])),
            _ => refuse(cat.fmt("write.failed", &[path, ("error", fsio::describe(&e, cat))])),
        };
    }
    let year = pkg.fiscal_year().map_or_else(String::new, |y| y.to_string());
    let done = match (summary, &args.from) {
        (Some(s), Some(from)) => cat.fmt(
            "carry.done",
            &[
                path,
                ("year", year),
                ("from", shown(from)),
                ("from_year", s.from_year.map_or_else(String::new, |y| y.to_string())),
                ("kept", s.kept.to_string()),
                ("cleared", s.cleared.to_string()),
                ("references", s.references.to_string()),
            ],
        ),
        _ => cat.fmt("carry.done_empty", &[path, ("year", year)]),
    };
    match emit(&format!("{done}\n")) {
        Ok(()) => OK,
        Err(e) => output_failed(&e, cat),
    }
}

/// `export FILE -o OUT`: the office file(s) of a package. Exit codes as `report`: 0 written,
/// 2 unreadable package, unknown format or failed write (nothing half-written: each file is
/// replaced atomically, and none is written when rendering fails).
fn export_cmd(path: &Path, out: &Path, format: Option<&str>, separate: bool, (cat, doc): (&Catalog, &Catalog)) -> u8 {
    use crate::export::Office;
    let asked = format.map(str::to_string).or_else(|| out.extension().map(|e| e.to_string_lossy().into_owned()));
    let Some(office) = asked.as_deref().and_then(Office::parse) else {
        let shown = crate::text::visible(asked.as_deref().unwrap_or(""), false);
        tell(&cat.fmt("cli.bad_format", &[("format", shown)]));
        return FAILED;
    };
    let loaded = match named(path, cat).and_then(|p| load(&p, cat).map(|l| (p, l))) {
        Ok(l) => l,
        Err(msg) => {
            tell(&msg);
            return FAILED;
        }
    };
    let (input, loaded) = loaded;
    let profile = crate::profiles::of_file(&loaded.package.profile, &[]);
    let layout = loaded.package.form().behaviour.layout(&loaded.package, &profile, doc);
    let parts = match crate::export::render(&layout, office, separate, doc) {
        Ok(p) => p,
        Err(e) => {
            tell(&cat.fmt("write.failed", &[("path", shown(out)), ("error", e.to_string())]));
            return FAILED;
        }
    };
    for part in parts {
        let target = crate::export::part_path(out, &part.suffix);
        let code = write_out(&input, &target, &part.bytes, cat);
        if code != OK {
            return code;
        }
    }
    OK
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

/// What came of taking a package's lock.
#[derive(Debug)]
pub enum Locking {
    /// Taken (stale temporaries beside the files were removed).
    Held(fsio::Lock),
    /// Not possible for an ordinary reason (a read-only folder, a file system without
    /// locks): the wizard goes on without one, after this warning.
    Without(String),
    /// Another editor has the file, or something other than a file is at the lock's path.
    Refused(String),
}

/// Takes the lock of `paths`, or says who holds it.
#[must_use]
pub fn take_lock(paths: &Paths, cat: &Catalog) -> Locking {
    match fsio::lock(&paths.lock) {
        Ok(Ok(lock)) => {
            fsio::clean_stale_temps(paths);
            Locking::Held(lock)
        }
        Ok(Err(holder)) if holder.pid == 0 => Locking::Refused(
            cat.fmt("cli.locked_unknown", &[("path", shown(&paths.data)), ("lock", shown(&paths.lock))]),
        ),
        Ok(Err(holder)) => {
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
                .saturating_sub(holder.since);
            Locking::Refused(cat.fmt(
                "cli.locked",
                &[
                    ("path", shown(&paths.data)),
                    ("pid", holder.pid.to_string()),
                    ("host", crate::text::visible(&holder.host, false)),
                    ("since", crate::present::ago(secs, cat)),
                    ("lock", shown(&paths.lock)),
                ],
            ))
        }
        Err(e) if fsio::refusal(&e).is_some() => Locking::Refused(
            cat.fmt("write.failed", &[("path", shown(&paths.lock)), ("error", fsio::describe(&e, cat))]),
        ),
        Err(e) => Locking::Without(
            cat.fmt("cli.no_lock", &[("path", shown(&paths.data)), ("error", fsio::describe(&e, cat))]),
        ),
    }
}

/// The draft beside the data file, if there is one to offer: a regular file (never a link:
/// it might point at another package) that parses and differs from the package. One that
/// holds the package itself (left by a session killed after its changes came back to the
/// file) is removed, unless only looking (`tidy` false): it keeps nothing.
///
/// # Errors
/// The message when a draft is there that cannot be read (a typo, a newer jixiao's, junk) and
/// the session could write drafts (`tidy`): its first draft, or quitting, would replace what
/// it holds, so the wizard does not open until the user moves or mends it. Only looking, it
/// is said and left alone.
fn draft_offer(
    paths: &Paths,
    pkg: &crate::form::Package,
    tidy: bool,
    cat: &Catalog,
) -> Result<Option<crate::wizard::DraftOffer>, String> {
    if !fsio::exists(&paths.draft) {
        return Ok(None);
    }
    match load_draft(&paths.draft, cat) {
        Ok((d, at)) if d.package != *pkg => {
            Ok(Some(crate::wizard::DraftOffer { package: d.package, age_secs: fsio::age_secs(&paths.draft), at }))
        }
        Ok(_) => {
            if tidy {
                fsio::remove(&paths.draft);
            }
            Ok(None)
        }
        Err(_) if !fsio::is_file(&paths.draft) => {
            tell(&cat.fmt("cli.draft_not_file", &[("path", shown(&paths.draft))]));
            Ok(None)
        }
        Err(why) if tidy => Err(cat.fmt(
            "cli.bad_draft_refused",
            &[("path", shown(&paths.draft)), ("why", why), ("data", shown(&paths.data))],
        )),
        Err(_) => {
            tell(&cat.fmt("cli.bad_draft", &[("path", shown(&paths.draft))]));
            Ok(None)
        }
    }
}

fn open_wizard(args: &WizardArgs, lang: Lang) -> u8 {
    let cat = Catalog::get(lang);
    // One place derives every path from the data file; a name that would make two of them
    // one file is refused here, before anything is read or written.
    let paths = match package_paths(&args.file, cat) {
        Ok(p) => p,
        Err(msg) => {
            tell(&msg);
            return FAILED;
        }
    };
    // Every mode that can write takes the lock, before reading what another editor may be
    // writing; `--read-only` needs none.
    let lock = if args.read_only {
        None
    } else {
        match take_lock(&paths, cat) {
            Locking::Held(l) => Some(l),
            Locking::Without(warning) => {
                tell(&warning);
                None
            }
            Locking::Refused(msg) => {
                tell(&msg);
                return FAILED;
            }
        }
    };
    let chosen = match chosen_profile(args.profile.as_deref(), cat) {
        Ok(c) => c,
        Err(msg) => {
            tell(&msg);
            return FAILED;
        }
    };
    let custom = chosen.as_ref().map(|c| c.custom.clone()).unwrap_or_default();
    let data_exists = fsio::exists(&paths.data);
    // Looking at a file that is not there is a mistyped name, not a new package.
    if args.read_only && !data_exists {
        tell(&cat.fmt("cli.read_only_missing", &[("path", shown(&paths.data))]));
        return FAILED;
    }
    let (pkg, profile) = if data_exists {
        match load_with(&paths.data, &custom, cat) {
            Ok(l) => {
                let p = chosen.map_or_else(|| crate::profiles::of_file(&l.package.profile, &custom), |c| c.profile);
                (l.package, p)
            }
            Err(msg) => {
                tell(&msg);
                return FAILED;
            }
        }
    } else {
        let mut pkg = crate::form::Package::new(crate::form::unit::form(), default_fiscal_year());
        let profile = chosen.map_or_else(Profile::default_profile, |c| c.profile);
        pkg.profile.clone_from(&profile.id);
        (pkg, profile)
    };
    let file_pkg = args.answers.as_ref().map(|_| pkg.clone());
    let mut answers = None;
    let (pkg, only_missing) = match &args.answers {
        None => (pkg, false),
        Some(prefill) => match named(prefill, cat).and_then(|p| load_with(&p, &custom, cat)) {
            // Answers are for this same package: last year's would put its 本年决算数 into this
            // year's (issue 17). Next year's package starts with `jixiao new FILE --from LAST`.
            Ok(l)
                if data_exists
                    && pkg.fiscal_year().is_some_and(|y| l.package.fiscal_year().is_some_and(|a| a != y)) =>
            {
                let year = |p: &crate::form::Package| p.fiscal_year().map_or_else(String::new, |y| y.to_string());
                tell(&cat.fmt(
                    "cli.answers_other_year",
                    &[
                        ("answers", shown(prefill)),
                        ("answers_year", year(&l.package)),
                        ("path", shown(&args.file)),
                        ("year", year(&pkg)),
                    ],
                ));
                return FAILED;
            }
            Ok(l) => {
                answers = Some(l.package.clone());
                (merge(pkg, l.package, data_exists), true)
            }
            Err(msg) => {
                tell(&msg);
                return FAILED;
            }
        },
    };
    let mut w = crate::wizard::Wizard::new(pkg, profile, lang, files(&paths));
    if let Some(file) = file_pkg {
        w.opened_from(file);
    }
    match draft_offer(&paths, w.pkg(), !args.read_only, cat) {
        Ok(Some(mut offer)) => {
            // Restored, the draft is what was typed; the answers still fill what it leaves
            // empty, as they fill the file's (for the same year only).
            if let Some(a) =
                answers.filter(|a| a.fiscal_year() == offer.package.fiscal_year() || a.fiscal_year().is_none())
            {
                offer.package.fill_from(&a);
            }
            w.offer_draft(offer);
        }
        Ok(None) => {}
        Err(msg) => {
            tell(&msg);
            return FAILED;
        }
    }
    if let Some(sec) = &args.section {
        if w.draft_offer().is_some() {
            tell(&cat.fmt("cli.draft_first", &[("path", shown(&paths.draft))]));
        } else if !w.open_section(sec) {
            let ids: Vec<String> = w.sections().iter().map(crate::wizard::SectionRef::id).collect();
            tell(&cat.fmt(
                "cli.bad_section",
                &[("section", crate::text::visible(sec, false)), ("sections", ids.join(", "))],
            ));
            return FAILED;
        }
    }
    w.set_read_only(args.read_only);
    let exit = Exit::new((!args.read_only).then(|| paths.draft.clone()), lock.as_ref().map(|l| l.path().to_path_buf()));
    let plain = args.plain || !crate::tui::full_screen_possible();
    if let Err(e) = exit.guard(!plain) {
        tell(&cat.fmt("cli.terminal_error", &[("error", e.to_string())]));
        return FAILED;
    }
    let code = if plain {
        plain_mode(w, &paths, args, only_missing, cat, &exit)
    } else {
        let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        match crate::tui::run(w, paths, crate::ui::Theme { color }, &exit, args.stock_backend) {
            Ok(()) => OK,
            Err(_) if !crate::exit::terminal_alive() => HUNG_UP,
            Err(e) => {
                tell(&cat.fmt("cli.terminal_error", &[("error", e.to_string())]));
                FAILED
            }
        }
    };
    drop(lock);
    code
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
    w: crate::wizard::Wizard,
    paths: &Paths,
    args: &WizardArgs,
    only_missing: bool,
    cat: &Catalog,
    exit: &Exit,
) -> u8 {
    use std::io::IsTerminal as _;
    let on_terminal = std::io::stdin().is_terminal() || std::io::stdout().is_terminal();
    // Why plain mode, when it was not asked for: the window's size, or no full-screen terminal.
    let small = crate::tui::window_too_small();
    let announce = match (args.plain, small && std::io::stdout().is_terminal()) {
        (true, _) => None,
        (false, true) => Some("plain.auto_small"),
        (false, false) => Some("plain.auto"),
    };
    let width = crate::frugal::terminal_size().ok().filter(|_| std::io::stdout().is_terminal()).map(|s| s.width);
    let opts = crate::plain::Options { only_missing, echo: !std::io::stdin().is_terminal(), announce, width };
    let result = crate::plain::run(w, paths, std::io::stdin().lock(), std::io::stdout().lock(), opts, Some(exit));
    let code = match result {
        Ok(code) => code,
        // The terminal went away: nothing more is said (the draft holds the answers).
        Err(stop) if exit.pending().is_some() || (on_terminal && stop.is_hangup()) => HUNG_UP,
        Err(crate::plain::Stop::Output(e)) => output_failed(&e, cat),
        Err(crate::plain::Stop::Input(e)) => {
            tell(&cat.fmt("cli.input_failed", &[("error", fsio::describe(&e, cat))]));
            FAILED
        }
    };
    exit.claim_or_wait();
    code
}
