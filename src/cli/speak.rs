//! What clap says, in the catalog's language: the help's headings, usage lines, flags and
//! `help` subcommand ([`localize`]), usage errors ([`usage_error`]), and writing either out
//! ([`clap_exit`]). clap writes these in English of its own; the help texts themselves come
//! from [`super::command`].

use super::{Cli, USAGE, subcommand_names};

/// `cmd` built and put in the catalog's language where clap writes English of its own: the
/// help's headings and usage line, the `--help` and `--version` flags and the `help`
/// subcommand. Each subcommand's usage is its line of [`USAGE`] (the wizard's: the first),
/// without clap's `[OPTIONS]`. Parsing is unchanged (a test holds it to the bare command's).
#[must_use]
pub fn localize(mut cmd: clap::Command, cat: &crate::i18n::Catalog) -> clap::Command {
    cmd.build();
    // The lines after the first stand under it, past the heading.
    let indent = format!("\n{}", " ".repeat(crate::text::width(cat.tr("cli.usage_heading"))));
    let usage = if cmd.has_subcommands() { USAGE.join(&indent) } else { USAGE[0].to_string() };
    localize_built(cmd, cat, &usage)
}

fn localize_built(cmd: clap::Command, cat: &crate::i18n::Catalog, usage: &str) -> clap::Command {
    let t = |k: &str| cat.tr(k).to_string();
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
        t("cli.usage_heading")
    );
    let (args, options) = (t("cli.heading_arguments"), t("cli.heading_options"));
    let mut cmd = cmd
        .help_template(template)
        .override_usage(usage.to_string())
        .subcommand_help_heading(t("cli.heading_commands"))
        // What an option takes and its default are said in its help text, in words.
        .mut_args(|a| {
            let heading = if a.is_positional() { args.clone() } else { options.clone() };
            a.help_heading(heading).hide_possible_values(true).hide_default_value(true)
        });
    for (id, key) in [("help", "cli.help_help"), ("version", "cli.help_version")] {
        if cmd.get_arguments().any(|a| a.get_id() == id) {
            cmd = cmd.mut_arg(id, |a| a.help(t(key)).long_help(t(key)));
        }
    }
    if cmd.get_name() == "help" {
        cmd = cmd.about(t("cli.help_help_command"));
        if cmd.get_arguments().any(|a| a.get_id() == "subcommand") {
            cmd = cmd.mut_arg("subcommand", |a| a.help(t("cli.help_help_subcommand")));
        }
    }
    for sub in cmd.get_subcommands_mut() {
        let name = format!(" {} ", sub.get_name());
        let line =
            USAGE.iter().find(|l| l.contains(&name)).map_or_else(|| format!("jixiao{name}"), |l| (*l).to_string());
        *sub = localize_built(std::mem::take(sub), cat, line.trim_end());
    }
    cmd
}

/// A usage error in the catalog's language, from clap's kind of error and what it names
/// (the argument, the value, the suggestion), with the usage line of the command it is about
/// and where to read more. clap's own message is English.
#[must_use]
pub fn usage_error(e: &clap::Error, cat: &crate::i18n::Catalog) -> String {
    use clap::error::{ContextKind as C, ContextValue as V, ErrorKind as K};
    let get = |k: C| match e.get(k) {
        Some(V::String(s)) => s.clone(),
        Some(V::Strings(v)) => v.join(" "),
        Some(V::StyledStr(s)) => s.to_string(),
        Some(V::StyledStrs(v)) => v.iter().map(ToString::to_string).collect::<Vec<_>>().join(" "),
        Some(V::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let shown = |v: String| crate::text::visible(&v, false);
    let arg = shown(get(C::InvalidArg));
    let value = shown(get(C::InvalidValue));
    let message = match e.kind() {
        K::UnknownArgument => cat.fmt("cli.error_unknown_argument", &[("arg", arg)]),
        K::InvalidSubcommand => {
            cat.fmt("cli.error_unknown_subcommand", &[("command", shown(get(C::InvalidSubcommand)))])
        }
        K::InvalidValue | K::ValueValidation if value.is_empty() => cat.fmt("cli.error_empty_value", &[("arg", arg)]),
        K::InvalidValue | K::ValueValidation => cat.fmt("cli.error_invalid_value", &[("arg", arg), ("value", value)]),
        K::MissingRequiredArgument => cat.fmt("cli.error_missing", &[("args", arg)]),
        K::ArgumentConflict if get(C::PriorArg) == get(C::InvalidArg) => cat.fmt("cli.error_repeated", &[("arg", arg)]),
        K::ArgumentConflict => cat.fmt("cli.error_conflict", &[("arg", arg), ("other", shown(get(C::PriorArg)))]),
        K::NoEquals | K::TooManyValues | K::TooFewValues | K::WrongNumberOfValues => {
            cat.fmt("cli.error_values", &[("arg", arg)])
        }
        K::InvalidUtf8 => cat.tr("cli.error_utf8").to_string(),
        _ => cat.tr("cli.error_other").to_string(),
    };
    let mut out = cat.fmt("cli.error", &[("message", message)]);
    // What a value that did not parse should look like (`--year abc`), where the catalog says.
    if matches!(e.kind(), K::ValueValidation) {
        let long = get(C::InvalidArg);
        let long = long.trim_start_matches('-').split([' ', '=']).next().unwrap_or_default().replace('-', "_");
        if let Some(expect) = cat.try_tr(&format!("cli.expect_{long}")) {
            out.push('\n');
            out.push_str(expect);
        }
    }
    let valid = shown(get(C::ValidValue).split(' ').filter(|v| !v.is_empty()).collect::<Vec<_>>().join(", "));
    if !valid.is_empty() {
        out.push('\n');
        out.push_str(&cat.fmt("cli.tip_values", &[("values", valid)]));
    }
    for similar in [C::SuggestedArg, C::SuggestedSubcommand, C::SuggestedValue] {
        let s = shown(get(similar));
        if !s.is_empty() {
            out.push('\n');
            out.push_str(&cat.fmt("cli.tip_similar", &[("similar", s)]));
        }
    }
    if matches!(e.get(C::TrailingArg), Some(V::Bool(true))) {
        out.push('\n');
        out.push_str(&cat.fmt("cli.tip_trailing", &[("arg", shown(get(C::InvalidArg)))]));
    }
    // clap's usage is `Usage: <our line>`: the line is ours (`localize`), the heading is not.
    let usage = get(C::Usage);
    let line = usage.lines().next().unwrap_or("").trim_start();
    let line = line.split_once(": ").map_or(line, |(_, l)| l).trim();
    if !line.is_empty() {
        out.push_str("\n\n");
        out.push_str(cat.tr("cli.usage_heading"));
        out.push_str(line);
        let names = subcommand_names(&<Cli as clap::CommandFactory>::command());
        let command = match names.iter().find(|n| line.contains(&format!(" {n} "))) {
            Some(sub) => format!("jixiao {sub} --help"),
            None => "jixiao --help".to_string(),
        };
        out.push('\n');
        out.push_str(&cat.fmt("cli.error_more", &[("command", command)]));
    }
    out
}

/// clap's help with its headings (`Options:`, which it ends with an ASCII colon) ended as the
/// catalog ends a heading (`选项：`).
fn help_headings(text: &str, cat: &crate::i18n::Catalog) -> String {
    let mut out = String::with_capacity(text.len());
    let headings = ["cli.heading_commands", "cli.heading_arguments", "cli.heading_options"].map(|k| cat.tr(k));
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches('\n');
        match bare.strip_suffix(':').filter(|h| headings.contains(h)) {
            Some(h) => {
                out.push_str(&cat.fmt("cli.heading", &[("heading", h.to_string())]));
                out.push_str(&line[bare.len()..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// What clap has to say when parsing stops (help, version, a usage error), written by us so
/// that a failed write is seen: the exit code. A usage error is said in the catalog's
/// language ([`usage_error`]).
#[must_use]
pub fn clap_exit(e: &clap::Error, cat: &crate::i18n::Catalog) -> u8 {
    use crate::commands::{FAILED, OK, emit, output_failed, tell};
    if e.use_stderr() {
        tell(&usage_error(e, cat));
        return FAILED;
    }
    let mut text = help_headings(&e.render().to_string(), cat);
    if !text.ends_with('\n') {
        text.push('\n');
    }
    match emit(&text) {
        Ok(()) => OK,
        Err(err) => output_failed(&err, cat),
    }
}
