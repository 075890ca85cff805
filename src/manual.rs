//! The man page and the bash and zsh completions, generated from the same clap definition as
//! `--help` ([`crate::cli::command`] and [`crate::cli::wizard_command`], whose help texts come
//! from locales/), so they cannot drift from it. Pure: each function returns text;
//! `jixiao --generate man|bash|zsh` prints it and `dist/build.sh` puts it into the packages.

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Arg, Command, ValueHint};

use crate::i18n::{Catalog, Lang};

/// What `jixiao --generate` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Generate {
    /// The man page (roff), in the language of `--lang`.
    Man,
    /// The bash completion script.
    Bash,
    /// The zsh completion script (descriptions in the language of `--lang`).
    Zsh,
}

/// The text `jixiao --generate WHAT` prints.
#[must_use]
pub fn generate(what: Generate, cat: &Catalog) -> String {
    match what {
        Generate::Man => man_page(cat),
        Generate::Bash => completion(clap_complete::Shell::Bash, cat),
        Generate::Zsh => completion(clap_complete::Shell::Zsh, cat),
    }
}

/// The names `--section` accepts, in the wizard's order (a project's sections are
/// `projects.<n>.<name>`, listed by the program itself when a name is unknown).
#[must_use]
pub fn section_ids() -> Vec<&'static str> {
    crate::form::unit::form().sections.iter().map(|s| s.id).collect()
}

/// The whole command line as one clap command: `jixiao [OPTIONS] [FILE]` with the wizard's
/// options, and the subcommands `check` and `report`. The program parses the wizard's
/// arguments through an external subcommand (see `cli`), which completion generators cannot
/// see into; this command declares the same arguments (taken from [`crate::cli::wizard_command`],
/// not restated) so that the man page lists them and completions offer FILE, the wizard's
/// options and the section names after `--section`.
#[must_use]
pub fn full_command(cat: &Catalog) -> Command {
    let mut cmd = top_command(cat);
    for arg in wizard_args(cat) {
        cmd = cmd.arg(arg);
    }
    cmd
}

/// `jixiao` with its own options and subcommands, without the wizard's arguments.
fn top_command(cat: &Catalog) -> Command {
    let langs: Vec<&'static str> = Lang::ALL.iter().map(|l| l.tag()).collect();
    let base = crate::cli::command(cat);
    // A new command rather than `base` changed: completion generators list hidden options
    // too, and `--generate` is for packagers only.
    let mut cmd = Command::new("jixiao").args_conflicts_with_subcommands(true);
    if let Some(about) = base.get_about() {
        cmd = cmd.about(about.clone());
    }
    if let Some(usage) = base.get_overridden_usage() {
        cmd = cmd.override_usage(usage.clone());
    }
    if let Some(version) = base.get_version() {
        cmd = cmd.version(version.to_string());
    }
    if let Some(version) = base.get_long_version() {
        cmd = cmd.long_version(version.to_string());
    }
    for arg in base.get_arguments().filter(|a| !a.is_hide_set()) {
        let arg = match arg.get_id().as_str() {
            "lang" => arg.clone().value_parser(PossibleValuesParser::new(langs.clone())).hide_possible_values(true),
            _ => arg.clone(),
        };
        cmd = cmd.arg(arg);
    }
    for sub in base.get_subcommands() {
        let sub = sub.clone().mut_args(|a| match a.get_id().as_str() {
            "file" | "output" => a.value_hint(ValueHint::FilePath),
            _ => a,
        });
        cmd = cmd.subcommand(sub);
    }
    cmd
}

/// The wizard's visible arguments but `--lang` (global above): FILE (optional here, since a
/// subcommand may stand in its place), `--section` with the section names, and the rest.
fn wizard_args(cat: &Catalog) -> Vec<Arg> {
    let sections: Vec<PossibleValue> = section_ids()
        .into_iter()
        .map(|id| PossibleValue::new(id).help(cat.tr(&format!("section.{id}")).to_string()))
        .collect();
    crate::cli::wizard_command(cat)
        .get_arguments()
        .filter(|a| !a.is_hide_set() && a.get_id() != "lang")
        .map(|arg| match arg.get_id().as_str() {
            "file" => arg.clone().required(false).value_hint(ValueHint::FilePath),
            "answers" => arg.clone().value_hint(ValueHint::FilePath),
            // The man page lists them in its own section, with their names.
            "section" => {
                arg.clone().value_parser(PossibleValuesParser::new(sections.clone())).hide_possible_values(true)
            }
            _ => arg.clone(),
        })
        .collect()
}

/// A completion script for `shell`.
#[must_use]
pub fn completion(shell: clap_complete::Shell, cat: &Catalog) -> String {
    match shell {
        clap_complete::Shell::Zsh => zsh(cat),
        clap_complete::Shell::Bash => bash(cat),
        other => generated(other, full_command(cat)),
    }
}

fn generated(shell: clap_complete::Shell, mut cmd: Command) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "jixiao", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Long and short names of the options that take a value, in `cmd` and its subcommands.
fn value_options(cmd: &Command) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in std::iter::once(cmd).chain(cmd.get_subcommands()) {
        for a in c.get_arguments().filter(|a| !a.is_positional() && a.get_action().takes_values()) {
            out.extend(a.get_long().map(|l| format!("--{l}")));
            out.extend(a.get_short().map(|s| format!("-{s}")));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Two generated functions: `_jixiao` (the commands and `jixiao`'s own options) and
/// `_jixiao_wizard` (the options that follow FILE, section names after `--section`); a
/// dispatcher picks one by the first word that is neither an option nor an option's value,
/// and adds files wherever FILE, OUT or a path may stand (clap_complete alone offers them only
/// once a prefix is typed, through bash's `-o default`).
fn bash(cat: &Catalog) -> String {
    let top = top_command(cat);
    let wizard_options = wizard_args(cat).into_iter().filter(|a| a.get_id() != "file");
    let lang = top.get_arguments().find(|a| a.get_id() == "lang").cloned();
    let wizard = Command::new("jixiao").args(wizard_options).args(lang);
    let mut all = value_options(&top);
    all.extend(value_options(&wizard));
    all.sort();
    all.dedup();
    let commands: Vec<String> =
        top.get_subcommands().map(|c| c.get_name().to_string()).chain(["help".to_string()]).collect();
    let top_values = value_options(&top).join("|");
    let mut out = generated(clap_complete::Shell::Bash, top);
    let mut wizard_script = Vec::new();
    clap_complete::generate(clap_complete::Shell::Bash, &mut wizard.clone(), "jixiao_wizard", &mut wizard_script);
    let wizard_script = String::from_utf8_lossy(&wizard_script);
    // Only the function: its `complete` lines would register a command named jixiao_wizard.
    let function = wizard_script.split("\nif [[ \"${BASH_VERSINFO[0]}\" -eq 4").next().unwrap_or_default();
    out.push_str(function);
    out.push_str(&format!(
        r#"
_jixiao_dispatch() {{
    local cur="$2" prev="$3" i word wizard=""
    for (( i = 1; i < COMP_CWORD; i++ )); do
        word="${{COMP_WORDS[i]}}"
        case "${{word}}" in
            {top_values}) (( i++ )) ;;
            -*) ;;
            {commands}) break ;;
            *) wizard=1; break ;;
        esac
    done
    if [[ -n "${{wizard}}" ]]; then
        _jixiao_wizard "$@"
    else
        _jixiao "$@"
    fi
    case "${{prev}}" in
        {all}) return 0 ;;
    esac
    # After the wizard's FILE only options follow; elsewhere a FILE or OUT may stand here.
    if [[ -z "${{wizard}}" && "${{cur}}" != -* && "${{COMP_WORDS[1]}}" != help ]]; then
        local IFS=$'\n'
        COMPREPLY+=( $(compgen -f -- "${{cur}}") )
        compopt -o filenames 2>/dev/null
    fi
    return 0
}}
complete -F _jixiao_dispatch -o bashdefault -o default jixiao
"#,
        commands = commands.join("|"),
        all = all.join("|"),
    ));
    out
}

/// clap_complete's zsh script cannot offer a positional or a subcommand in the same place:
/// it is generated without FILE, its list of commands also offers files, and the wizard's
/// options follow any word that is not a command.
fn zsh(cat: &Catalog) -> String {
    let mut script = generated(clap_complete::Shell::Zsh, top_command(cat));
    let wizard = wizard_args(cat).into_iter().filter(|a| a.get_id() != "file");
    let lang = top_command(cat).get_arguments().find(|a| a.get_id() == "lang").cloned();
    let options = generated(clap_complete::Shell::Zsh, Command::new("jixiao").args(wizard).args(lang));
    let arguments = options
        .split_once("_arguments \"${_arguments_options[@]}\" : \\\n")
        .and_then(|(_, rest)| rest.split_once("&& ret=0"))
        .map(|(args, _)| args.to_string())
        .unwrap_or_default();
    let list = "    _describe -t commands 'jixiao commands' commands \"$@\"\n";
    script = script.replacen(list, &format!("{list}    _files \"$@\"\n"), 1);
    let end = "\n        esac\n    ;;\nesac\n}\n";
    let arm = format!("\n(*)\n_arguments \"${{_arguments_options[@]}}\" : \\\n{arguments}&& ret=0\n;;{end}");
    script.replacen(end, &arm, 1)
}

/// Text for roff: backslashes and hyphens escaped, a line that would start with a control
/// character guarded, blank lines as paragraph breaks.
fn roff(text: &str) -> String {
    let mut out = String::new();
    for line in text.trim().lines() {
        if line.trim().is_empty() {
            out.push_str(".PP\n");
            continue;
        }
        let escaped = line.replace('\\', "\\e").replace('-', "\\-");
        if escaped.starts_with(['.', '\'']) {
            out.push_str("\\&");
        }
        out.push_str(&escaped);
        out.push('\n');
    }
    out
}

fn heading(title: &str) -> String {
    format!(".SH \"{}\"\n", title.replace('"', ""))
}

/// A `.TP` item: a bold tag, then its text.
fn item(tag: &str, text: &str) -> String {
    format!(".TP\n\\fB{}\\fR\n{}", roff(tag).trim_end(), roff(text))
}

/// One of clap_mangen's sections without its preamble, its English heading replaced by
/// `title` (or dropped).
fn mangen(render: impl Fn(&mut Vec<u8>) -> std::io::Result<()>, title: Option<&str>) -> String {
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = render(&mut buf);
    let mut out = title.map(heading).unwrap_or_default();
    let mut replaced = false;
    for line in String::from_utf8_lossy(&buf).lines() {
        if line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq") {
            continue;
        }
        if line.starts_with(".SH") && !replaced {
            replaced = true;
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `jixiao report FILE [-o OUT]`: a subcommand's usage from its arguments.
fn usage(sub: &Command) -> String {
    let mut parts = vec![format!("jixiao {}", sub.get_name())];
    for a in sub.get_arguments().filter(|a| !a.is_hide_set()) {
        let value = a
            .get_value_names()
            .and_then(|v| v.first())
            .map_or_else(|| a.get_id().as_str().to_uppercase(), ToString::to_string);
        if a.is_positional() {
            parts.push(value);
        } else if let Some(flag) =
            a.get_short().map(|s| format!("-{s}")).or_else(|| a.get_long().map(|l| format!("--{l}")))
        {
            // A switch (`--force`) takes no value.
            parts.push(if a.get_action().takes_values() { format!("[{flag} {value}]") } else { format!("[{flag}]") });
        }
    }
    parts.join(" ")
}

/// The man page (section 1) in the catalog's language: clap_mangen renders the title, the
/// synopsis and the options of the same command `--help` prints, and each subcommand's
/// options; the name line, description, section names, exit status, environment, files and
/// examples are worded in locales/ (headings too, so the Chinese page is Chinese).
#[must_use]
pub fn man_page(cat: &Catalog) -> String {
    let t = |k: &str| cat.tr(k).to_string();
    let cmd = full_command(cat);
    let man = clap_mangen::Man::new(cmd.clone())
        .title("JIXIAO")
        .section("1")
        .date(crate::version::BUILD_DATE)
        .source(format!("jixiao {}", crate::version::VERSION))
        .manual(t("man.manual"));
    let mut title = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = man.render_title(&mut title);
    // The coding line: man-db otherwise reads pages under zh_CN as GB2312 and drops the Chinese.
    let mut out = String::from(
        ".\\\" -*- coding: UTF-8 -*-\n.\\\" Generated by `jixiao --generate man` from the command line and locales/.\n",
    );
    out.push_str(&String::from_utf8_lossy(&title));
    // Ragged right: justifying lines of Chinese stretches the few spaces there are.
    out.push_str(".ad l\n");
    out.push_str(&heading(&t("man.h_name")));
    out.push_str(&roff(&format!("jixiao - {}", t("man.summary"))));
    out.push_str(&mangen(|w| man.render_synopsis_section(w), Some(&t("man.h_synopsis"))));
    out.push_str(&heading(&t("man.h_description")));
    out.push_str(&roff(&t("man.description")));
    out.push_str(&mangen(|w| man.render_options_section(w), Some(&t("man.h_options"))));

    out.push_str(&heading(&t("man.h_commands")));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        out.push_str(&format!(".SS \"{}\"\n", usage(sub).replace('-', "\\-")));
        if let Some(about) = sub.get_about() {
            out.push_str(&roff(&about.to_string()));
        }
        out.push_str(&mangen(|w| clap_mangen::Man::new(sub.clone()).render_options_section(w), None));
    }

    out.push_str(&heading(&t("man.h_sections")));
    out.push_str(&roff(&t("man.sections")));
    for id in section_ids() {
        out.push_str(&item(id, cat.tr(&format!("section.{id}"))));
    }

    out.push_str(&heading(&t("man.h_exit")));
    for (code, key) in [
        (crate::commands::OK, "man.exit_0"),
        (crate::commands::HAS_ERRORS, "man.exit_1"),
        (crate::commands::FAILED, "man.exit_2"),
        (crate::commands::OUTPUT_FAILED, "man.exit_3"),
        (crate::commands::HUNG_UP, "man.exit_129"),
    ] {
        out.push_str(&item(&code.to_string(), cat.tr(key)));
    }
    out.push_str(&item("130, 131, 143", cat.tr("man.exit_signal")));

    out.push_str(&heading(&t("man.h_environment")));
    out.push_str(&item("LC_ALL, LC_MESSAGES, LANG", cat.tr("man.env_lang")));
    out.push_str(&item("TERM", cat.tr("man.env_term")));
    out.push_str(&item("NO_COLOR", cat.tr("man.env_no_color")));

    out.push_str(&heading(&t("man.h_files")));
    out.push_str(&item("FILE.draft", cat.tr("man.file_draft")));
    out.push_str(&item("FILE.lock", cat.tr("man.file_lock")));
    out.push_str(&item("FILE.txt", cat.tr("man.file_report")));

    out.push_str(&heading(&t("man.h_examples")));
    for (example, key) in [
        ("jixiao new unit-2024.toml --from unit-2023.toml", "man.ex_new_from"),
        ("jixiao unit-2024.toml", "man.ex_new"),
        ("jixiao unit-2024.toml --section funding", "man.ex_section"),
        ("jixiao unit-2024.toml --plain", "man.ex_plain"),
        ("jixiao check unit-2024.toml", "man.ex_check"),
        ("jixiao report unit-2024.toml -o report.txt", "man.ex_report"),
    ] {
        out.push_str(&item(example, cat.tr(key)));
    }
    breakable(&out)
}

/// groff breaks lines only at spaces, and Chinese has none: allow a break (`\:`, zero width)
/// after every wide character, as a Chinese reader expects.
/// Not after an opening bracket, nor before a closing one or a comma (避头尾).
fn breakable(roff: &str) -> String {
    let mut out = String::with_capacity(roff.len() * 2);
    let mut chars = roff.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        let wide = unicode_width::UnicodeWidthChar::width(c) == Some(2);
        let opens = "（《“‘「『【".contains(c);
        let next_closes = chars.peek().is_some_and(|n| "，。、；：）》”’」』】！？".contains(*n));
        if wide && !opens && !next_closes {
            out.push_str("\\:");
        }
    }
    out
}
