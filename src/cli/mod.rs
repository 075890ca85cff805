//! The command line (clap derive). No logic here: `commands` does the work.
//!
//! `jixiao FILE [--section NAME]` opens the wizard; clap sees FILE as an external
//! subcommand and [`WizardArgs`] parses what follows, so that `--lang` works before or after
//! any subcommand.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

mod speak;
pub use speak::{clap_exit, localize, usage_error};

/// How jixiao is used, one line per way (the wizard first, then each subcommand): written
/// with option names only, so the same in every language. `--help` shows them all; each
/// subcommand's help and usage errors show its own line.
pub(crate) const USAGE: [&str; 6] = [
    "jixiao [--lang LANG] FILE [--section NAME] [--plain] [--answers PREFILL.toml] [--read-only] [--profile ID|PATH.toml]",
    "jixiao [--lang LANG] new FILE [--from LAST.toml] [--year YEAR] [--force] [--profile ID|PATH.toml]",
    "jixiao [--lang LANG] check PATH... [--format text|json] [--quiet] [--profile ID|PATH.toml]",
    "jixiao [--lang LANG] report FILE [-o OUT] [--profile ID|PATH.toml] [--doc-lang LANG]",
    "jixiao [--lang LANG] export FILE -o OUT.xlsx|OUT.docx [--format xlsx|docx] [--separate] [--doc-lang LANG]",
    "jixiao [--lang LANG] profiles [--show ID]",
];

/// jixiao — 预算单位整体支出绩效自评 wizard.
#[derive(Debug, Parser)]
#[command(
    name = "jixiao",
    version,
    about = "预算单位整体支出绩效自评 — fill, check and print the package / 填写、检查、打印整体支出绩效自评材料",
    override_usage = USAGE.join("\n       ")
)]
pub struct Cli {
    /// Interface language: zh-CN or en (default: from LANG, else zh-CN).
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,

    /// Print the man page or a completion script (for packagers; see dist/build.sh).
    #[arg(long, hide = true, value_name = "WHAT")]
    pub generate: Option<crate::manual::Generate>,

    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a package: every error and warning, and the score. Exit 0 = no errors, 1 = errors, 2 = unreadable.
    Check {
        /// Package files, or folders to search for `*.toml` (drafts and locks are skipped).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output: `text` (a summary table, then each file's findings) or `json`.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Print only the summary table.
        #[arg(long, short)]
        quiet: bool,
        /// Check against this profile (a built-in id or a profile file) instead of the files' own.
        #[arg(long, value_name = "ID|PATH.toml")]
        profile: Option<String>,
    },
    /// List the built-in scoring profiles, or print one (`--show ID`) as a starting point.
    Profiles {
        /// Print this built-in profile's TOML file.
        #[arg(long, value_name = "ID")]
        show: Option<String>,
    },
    /// Write the plain-text report of a package.
    Report {
        /// The package file (TOML).
        file: PathBuf,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// The profile file of a package on a bureau's own profile (or a built-in id to print with).
        #[arg(long, value_name = "ID|PATH.toml")]
        profile: Option<String>,
        /// The document's language (default zh-CN, whatever the interface language: the forms
        /// are Chinese official documents; `en` gives a reading aid).
        #[arg(long, value_name = "LANG")]
        doc_lang: Option<String>,
    },
    /// Write a new package file: next year's from last year's (--from), or an empty one.
    New(NewArgs),
    /// Write a package as office files: the forms as a spreadsheet (.xlsx) or the report and the
    /// forms as a Word document (.docx).
    Export {
        /// The package file (TOML).
        file: PathBuf,
        /// The file to write; its extension (.xlsx or .docx) says the format.
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
        /// The format, whatever the extension: xlsx or docx.
        #[arg(long, value_name = "FORMAT")]
        format: Option<String>,
        /// .docx: the report alone, and each form in a file of its own beside it (OUT-基础数据表.docx …).
        #[arg(long)]
        separate: bool,
        /// The documents' language (default zh-CN, whatever the interface language).
        #[arg(long, value_name = "LANG")]
        doc_lang: Option<String>,
    },
    /// FILE [--section NAME]: open the wizard on FILE (created if it does not exist).
    #[command(external_subcommand)]
    Open(Vec<OsString>),
}

/// `jixiao new FILE [--from LAST.toml] [--year YEAR] [--force]`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The package file to write.
    pub file: PathBuf,
    /// Last year's package: the new one follows what each field declares for next year.
    #[arg(long, value_name = "LAST.toml")]
    pub from: Option<PathBuf>,
    /// The new package's fiscal year (default: LAST's year + 1; without --from, last year).
    /// A negative number is a year too, refused for its range (not taken for an option).
    #[arg(long, value_name = "YEAR", allow_negative_numbers = true)]
    pub year: Option<i32>,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
    /// The scoring profile: a built-in id (`jixiao profiles`) or a profile file (default: LAST's,
    /// else `hunan-2023`).
    #[arg(long, value_name = "ID|PATH.toml")]
    pub profile: Option<String>,
}

/// How `check` prints its findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A summary table, then each file's findings.
    Text,
    /// One JSON document (docs/check-json.md).
    Json,
}

/// The wizard's arguments: `FILE [--section NAME] [--lang LANG]`.
#[derive(Debug, Parser)]
#[command(name = "jixiao", no_binary_name = true)]
pub struct WizardArgs {
    /// The package file to open (created if it does not exist).
    pub file: PathBuf,
    /// Open at this section (e.g. funding, indicators).
    #[arg(long, value_name = "NAME")]
    pub section: Option<String>,
    /// Interface language.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Look without changing anything (no save, no write, no draft, no lock).
    #[arg(long)]
    pub read_only: bool,
    /// Line-by-line prompts instead of the full screen (automatic on dumb terminals and pipes).
    #[arg(long)]
    pub plain: bool,
    /// Prefill from this package and ask only for what is missing or invalid.
    #[arg(long, value_name = "PREFILL.toml")]
    pub answers: Option<PathBuf>,
    /// The scoring profile file of a package on a bureau's own profile.
    #[arg(long, value_name = "PATH.toml")]
    pub profile: Option<String>,
    /// Draw with ratatui's stock crossterm backend instead of the frugal one (for comparison).
    #[arg(long, hide = true)]
    pub stock_backend: bool,
}

/// Every `--lang` value on the command line (`--lang X` or `--lang=X`), in order.
fn lang_values(args: &[OsString]) -> Vec<String> {
    let mut out = Vec::new();
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        match a.strip_prefix("--lang=") {
            Some(v) => out.push(v.to_string()),
            None if a == "--lang" => out.extend(it.next().map(std::borrow::Cow::into_owned)),
            // After `--` every word is a file's name or a value, never an option.
            None if a == "--" => break,
            None => {}
        }
    }
    out
}

/// A `--lang` value on the command line that is not a language jixiao speaks (the first
/// one), so that it is refused before clap answers `--help` or `--version` in another.
#[must_use]
pub fn bad_lang(args: &[OsString]) -> Option<String> {
    lang_values(args).into_iter().find(|v| crate::i18n::Lang::parse(v).is_none())
}

/// The names a first word can be a subcommand by: each subcommand's, its aliases, `help`.
pub(crate) fn subcommand_names(cmd: &clap::Command) -> Vec<String> {
    cmd.get_subcommands()
        .flat_map(|c| std::iter::once(c.get_name().to_string()).chain(c.get_all_aliases().map(String::from)))
        .chain(["help".to_string()])
        .collect()
}

/// The subcommand `word` was probably meant to be (`chekc` → `check`): a word that names no
/// file there is (`exists`, asked only when the rest fits), has no extension or folder, and
/// is one or two letters away from a subcommand's name (Damerau–Levenshtein: a swap counts
/// once). `None`: take it as the data file. Cheap for an ordinary file name (`x.toml`): the
/// command is not built then.
#[must_use]
pub fn mistyped_command(word: &str, exists: impl FnOnce() -> bool) -> Option<String> {
    if word.contains(['.', '/', '\\']) || word.chars().count() < 3 || exists() {
        return None;
    }
    let lower = word.to_lowercase();
    subcommand_names(&<Cli as clap::CommandFactory>::command())
        .into_iter()
        .map(|n| (strsim::damerau_levenshtein(&lower, &n), n))
        .filter(|(d, n)| *d <= 2 && *d < n.len().saturating_sub(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

/// The language asked for on the command line (`--lang X` or `--lang=X`), else from the
/// environment: known before clap parses, so that clap's help is in that language.
pub fn language(args: &[std::ffi::OsString]) -> crate::i18n::Lang {
    use crate::i18n::Lang;
    lang_values(args).iter().find_map(|v| Lang::parse(v)).unwrap_or_else(|| Lang::from_env(|k| std::env::var(k).ok()))
}

/// The command with every help text from the catalog (locales/), not from the code.
#[must_use]
pub fn command(cat: &crate::i18n::Catalog) -> clap::Command {
    let t = |k: &str| cat.tr(k).to_string();
    // The wizard's own options are parsed after FILE (see the module doc), so clap does not
    // list them: the help says them, one per line, with the names `--section` takes.
    let wizard = [
        ("FILE", "cli.help_wizard_file"),
        ("--section NAME", "cli.help_section"),
        ("--plain", "cli.help_plain"),
        ("--answers PREFILL.toml", "cli.help_answers"),
        ("--read-only", "cli.help_read_only"),
    ];
    let mut after = format!("{}\n", t("cli.help_wizard_heading"));
    for (arg, key) in wizard {
        after.push_str(&format!("  {arg:<24} {}\n", t(key)));
    }
    after.push_str(&format!(
        "\n{}\n  {}\n  {}",
        t("cli.help_sections_heading"),
        crate::manual::section_ids().join(" "),
        cat.fmt(
            "cli.help_sections_projects",
            &[(
                "ids",
                crate::form::project::form()
                    .sections
                    .iter()
                    .map(|s| format!("projects.N.{}", s.id))
                    .collect::<Vec<_>>()
                    .join(" "),
            )]
        )
    ));
    <Cli as clap::CommandFactory>::command()
        // Usage lines name the command, not the file it was started as
        // (`jixiao-0.1.0-x86_64-linux check …`).
        .bin_name("jixiao")
        .about(t("cli.about"))
        .after_help(after)
        .version(crate::version::short())
        .long_version(crate::version::long(cat))
        .mut_arg("lang", |a| a.help(t("cli.help_lang")))
        .mut_subcommand("check", |c| {
            c.about(t("cli.help_check"))
                .mut_arg("paths", |a| a.help(t("cli.help_paths")))
                .mut_arg("format", |a| a.help(t("cli.help_check_format")))
                .mut_arg("quiet", |a| a.help(t("cli.help_quiet")))
                .mut_arg("profile", |a| a.help(t("cli.help_profile")))
        })
        .mut_subcommand("new", |c| {
            c.about(t("cli.help_new"))
                .long_about(t("cli.help_new_long"))
                .mut_arg("file", |a| a.help(t("cli.help_new_file")))
                .mut_arg("from", |a| a.help(t("cli.help_from")))
                .mut_arg("year", |a| a.help(t("cli.help_year")))
                .mut_arg("force", |a| a.help(t("cli.help_force")))
                .mut_arg("profile", |a| a.help(t("cli.help_profile")))
        })
        .mut_subcommand("export", |c| {
            c.about(t("cli.help_export"))
                .mut_arg("file", |a| a.help(t("cli.help_file")))
                .mut_arg("output", |a| a.help(t("cli.help_export_output")))
                .mut_arg("format", |a| a.help(t("cli.help_format")))
                .mut_arg("separate", |a| a.help(t("cli.help_separate")))
                .mut_arg("doc_lang", |a| a.help(t("cli.help_doc_lang")))
        })
        .mut_subcommand("profiles", |c| c.about(t("cli.help_profiles")).mut_arg("show", |a| a.help(t("cli.help_show"))))
        .mut_subcommand("report", |c| {
            c.about(t("cli.help_report"))
                .mut_arg("file", |a| a.help(t("cli.help_file")))
                .mut_arg("output", |a| a.help(t("cli.help_output")))
                .mut_arg("profile", |a| a.help(t("cli.help_profile")))
                .mut_arg("doc_lang", |a| a.help(t("cli.help_doc_lang")))
        })
}

/// The wizard's arguments with help texts from the catalog.
#[must_use]
pub fn wizard_command(cat: &crate::i18n::Catalog) -> clap::Command {
    let t = |k: &str| cat.tr(k).to_string();
    <WizardArgs as clap::CommandFactory>::command()
        .bin_name("jixiao")
        .about(t("cli.about"))
        .mut_arg("file", |a| a.help(t("cli.help_wizard_file")))
        .mut_arg("section", |a| a.help(t("cli.help_section")))
        .mut_arg("lang", |a| a.help(t("cli.help_lang")))
        .mut_arg("read_only", |a| a.help(t("cli.help_read_only")))
        .mut_arg("plain", |a| a.help(t("cli.help_plain")))
        .mut_arg("answers", |a| a.help(t("cli.help_answers")))
        .mut_arg("profile", |a| a.help(t("cli.help_wizard_profile")))
}

/// Parses the process's command line.
///
/// # Errors
/// The exit code when parsing stops: help or version was printed, or the usage is wrong (the
/// message was printed).
pub fn parse() -> Result<Cli, u8> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cat = crate::i18n::Catalog::get(language(&args));
    if let Some(lang) = bad_lang(&args) {
        crate::commands::tell(&cat.fmt("cli.bad_lang", &[("lang", crate::text::visible(&lang, false))]));
        return Err(crate::commands::FAILED);
    }
    // Two `--lang` are refused everywhere; clap lets them pass before `help`.
    if lang_values(&args).len() > 1 {
        use clap::error::{ContextKind, ContextValue, ErrorKind};
        let mut cmd = localize(command(cat), cat);
        let mut e = clap::Error::new(ErrorKind::ArgumentConflict).with_cmd(&cmd);
        for kind in [ContextKind::InvalidArg, ContextKind::PriorArg] {
            e.insert(kind, ContextValue::String("--lang <LANG>".into()));
        }
        e.insert(ContextKind::Usage, ContextValue::StyledStr(cmd.render_usage()));
        return Err(clap_exit(&e, cat));
    }
    // One bare command, built once: the subcommand names it knows, then the parse.
    let bare = <Cli as clap::CommandFactory>::command();
    let args = wizard_options_after_file(args, &subcommand_names(&bare));
    parse_with(bare, || localize(command(cat), cat), args).map_err(|e| clap_exit(&e, cat))
}

/// Parses `args` with `bare` (the derived command: all that parsing needs) and, only when clap
/// has something to say (help, version, a usage error), again with `full()` (the same command
/// with every help text from the catalog), whose message is the one returned. Building the
/// help texts costs a few hundred catalog look-ups and the version's build facts: on every
/// start, that was a tenth of the time to the first screen (issue 14). The help texts do not
/// change what parses (a test holds the two commands to the same outcome).
///
/// # Errors
/// The full command's error when parsing stops.
pub fn parse_with<T: clap::FromArgMatches>(
    bare: clap::Command,
    full: impl FnOnce() -> clap::Command,
    args: Vec<OsString>,
) -> Result<T, clap::Error> {
    let parsed = |cmd: clap::Command, args| cmd.try_get_matches_from(args).and_then(|m| T::from_arg_matches(&m));
    match parsed(bare, args.clone()) {
        Ok(t) => Ok(t),
        Err(_) => parsed(full(), args),
    }
}

/// The wizard's own arguments (what follows FILE, FILE first) as its parser reads them: a
/// FILE that looks like an option (`jixiao -- -odd.toml`, reached only after `--`) goes last,
/// after `--`, so that it is taken for the file's name, never for an option.
#[must_use]
pub fn wizard_args(open: &[OsString]) -> Vec<OsString> {
    match open.split_first() {
        Some((file, rest)) if file.to_string_lossy().starts_with('-') => {
            rest.iter().cloned().chain([OsString::from("--"), file.clone()]).collect()
        }
        _ => open.to_vec(),
    }
}

/// The wizard's options written before its FILE (`jixiao --read-only --profile x FILE`) moved
/// after it, where the wizard's parser reads them (FILE is an external subcommand to clap, so
/// only what follows it is the wizard's). `--lang` stays where it is (it is read everywhere).
/// Anything else is left as it came: before a subcommand (`names`), the options are clap's to
/// refuse with its message.
/// After `help`, a `--lang` goes before `help` (clap's `help` takes only subcommand names).
#[must_use]
pub fn wizard_options_after_file(args: Vec<std::ffi::OsString>, names: &[String]) -> Vec<std::ffi::OsString> {
    const FLAGS: [&str; 3] = ["--read-only", "--plain", "--stock-backend"];
    const VALUED: [&str; 3] = ["--section", "--answers", "--profile"];
    let mut head = Vec::new();
    let mut moved = Vec::new();
    let mut it = args.into_iter();
    head.extend(it.next()); // the program's name
    while let Some(a) = it.next() {
        let text = a.to_string_lossy().into_owned();
        // `--`: the next word is FILE whatever it looks like; the wizard's options written
        // before it follow it, where the wizard reads them (`jixiao --plain -- FILE`).
        if text == "--" {
            head.push(a);
            head.extend(it.next());
            head.append(&mut moved);
            head.extend(it);
            return head;
        }
        let (name, inline) = text.split_once('=').map_or((text.as_str(), false), |(n, _)| (n, true));
        if text.starts_with("--") {
            let takes_value = !inline && (VALUED.contains(&name) || name == "--lang");
            let into = if FLAGS.contains(&name) || VALUED.contains(&name) { &mut moved } else { &mut head };
            into.push(a);
            if takes_value {
                into.extend(it.next());
            }
            continue;
        }
        // The first word that is not an option: FILE (the wizard's options follow it) or a
        // subcommand (the options stay before it).
        if text == "help" {
            // clap's `help` takes only subcommand names: a `--lang` after it (`jixiao help
            // --lang en check`) goes before it, where `--lang` is an option.
            head.append(&mut moved);
            let mut words = Vec::new();
            while let Some(r) = it.next() {
                let t = r.to_string_lossy();
                if t == "--lang" {
                    head.push(r);
                    head.extend(it.next());
                } else if t.starts_with("--lang=") {
                    head.push(r);
                } else {
                    words.push(r);
                }
            }
            head.push(a);
            head.extend(words);
            return head;
        }
        if text.starts_with('-') || names.contains(&text) {
            head.append(&mut moved);
            head.push(a);
        } else {
            head.push(a);
            head.append(&mut moved);
        }
        head.extend(it);
        return head;
    }
    head.append(&mut moved);
    head
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Catalog, Lang};

    fn outcome(cmd: clap::Command, args: &[&str]) -> Result<(), clap::error::ErrorKind> {
        cmd.try_get_matches_from(args).map(|_| ()).map_err(|e| e.kind())
    }

    /// The bare commands parse exactly as the ones with help texts do (`parse_with` relies on
    /// it): the same successes, the same kinds of stop.
    #[test]
    fn help_texts_do_not_change_what_parses() {
        let top: &[&[&str]] = &[
            &["jixiao"],
            &["jixiao", "a.toml"],
            &["jixiao", "a.toml", "--section", "unit"],
            &["jixiao", "--lang", "en", "check", "a.toml", "--format", "json", "-q"],
            &["jixiao", "check"],
            &["jixiao", "check", "a.toml", "--format", "xml"],
            &["jixiao", "new", "b.toml", "--from", "a.toml", "--year", "2024", "--force"],
            &["jixiao", "new"],
            &["jixiao", "report", "a.toml", "-o", "r.txt"],
            &["jixiao", "export", "a.toml", "-o", "a.xlsx", "--separate"],
            &["jixiao", "export", "a.toml"],
            &["jixiao", "profiles", "--show", "hunan-2023"],
            &["jixiao", "--help"],
            &["jixiao", "-h"],
            &["jixiao", "help", "check"],
            &["jixiao", "help"],
            &["jixiao", "check", "a.toml", "-q", "-q"],
            &["jixiao", "new", "b.toml", "--year", "abc"],
            &["jixiao", "check", "--help"],
            &["jixiao", "--version"],
            &["jixiao", "-V"],
            &["jixiao", "--bogus"],
            &["jixiao", "chekc", "a.toml"],
            &["jixiao", "--generate", "man"],
            &["jixiao", "--generate", "nonsense"],
        ];
        let wizard: &[&[&str]] = &[
            &["a.toml"],
            &["a.toml", "--section", "indicators", "--plain", "--read-only"],
            &["a.toml", "--answers", "b.toml", "--profile", "x"],
            &["a.toml", "--section"],
            &["a.toml", "b.toml"],
            &["a.toml", "--help"],
            &["a.toml", "--nonsense"],
            &[],
        ];
        for lang in [Lang::ZhCn, Lang::En] {
            let cat = Catalog::get(lang);
            for args in top {
                let bare = outcome(<Cli as clap::CommandFactory>::command(), args);
                assert_eq!(bare, outcome(localize(command(cat), cat), args), "{args:?}");
            }
            for args in wizard {
                let bare = outcome(<WizardArgs as clap::CommandFactory>::command().no_binary_name(true), args);
                assert_eq!(bare, outcome(localize(wizard_command(cat).no_binary_name(true), cat), args), "{args:?}");
            }
        }
    }

    #[test]
    fn a_word_near_a_subcommand_is_taken_for_it_unless_it_is_a_file() {
        let no_file = || false;
        for (word, meant) in [("chekc", "check"), ("CHECK", "check"), ("repot", "report"), ("exprot", "export")] {
            assert_eq!(mistyped_command(word, no_file).as_deref(), Some(meant), "{word}");
        }
        assert_eq!(mistyped_command("chekc", || true), None, "an existing file");
        for word in ["chekc.toml", "dir/chekc", "unit-2024", "ne", "report2024"] {
            assert_eq!(mistyped_command(word, no_file), None, "{word}");
        }
        let os = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(bad_lang(&os(&["jixiao", "--lang", "fr"])), Some("fr".to_string()));
        assert_eq!(bad_lang(&os(&["jixiao", "x.toml", "--lang=xx"])), Some("xx".to_string()));
        assert_eq!(bad_lang(&os(&["jixiao", "--lang", "en", "x.toml", "--lang=zh-CN"])), None);
    }

    /// What clap has to say comes from the full command: the catalog's help texts.
    #[test]
    fn a_stop_is_said_with_the_help_texts_of_the_catalog() {
        for lang in [Lang::ZhCn, Lang::En] {
            let cat = Catalog::get(lang);
            let args = ["jixiao", "check", "--help"].map(OsString::from).to_vec();
            let e = parse_with::<Cli>(<Cli as clap::CommandFactory>::command(), || command(cat), args)
                .err()
                .unwrap_or_else(|| panic!("--help stops"));
            assert!(e.render().to_string().contains(cat.tr("cli.help_paths")), "{lang:?}");
            let args = ["jixiao", "a.toml"].map(OsString::from).to_vec();
            let ok = parse_with::<Cli>(<Cli as clap::CommandFactory>::command(), || panic!("not needed"), args);
            assert!(matches!(ok, Ok(Cli { command: Some(Command::Open(_)), .. })));
        }
    }
}
