//! Plain mode: the same package as line-by-line prompts, for screen readers, dumb terminals,
//! web shells and scripts. No cursor movement, no colour, no alternate screen.
//!
//! It drives the same `Wizard` state machine as the full-screen mode through its commands (set
//! a field, pick a choice, add a row or a project, save, write), which take the same path into
//! the package as typing does, so every check is the same code. Computed values are shown after
//! the answers they depend on. Commands at any prompt: `<` back, `?` help, `!` clear, `:goto NAME`,
//! `:review`, `:save`, `:quit`; an empty line keeps the current value; a line ending in `\`
//! continues on the next (long texts).

use std::io::{self, BufRead, Write};

use crate::form::Severity;
use crate::form::def::{GroupKey, Kind};
use crate::form::input::fold_fullwidth;
use crate::form::scoring::fixed2;
use crate::fsio;
use crate::i18n::Catalog;
use crate::present;
use crate::tui::Paths;
use crate::wizard::{Command, Effect, Event, SlotKind, Wizard, slots};

/// Options of a plain run.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Ask only for fields that are missing or invalid.
    pub only_missing: bool,
    /// Write each answer after its prompt (input from a pipe is not echoed by a terminal).
    pub echo: bool,
}

enum Step {
    Field(String, Kind),
    Calc(String, &'static str),
    AddRow(String),
    AddInstance(GroupKey),
}

struct Plain<R: BufRead, W: Write> {
    w: Wizard,
    input: R,
    out: W,
    paths: Paths,
    opts: Options,
    cat: &'static Catalog,
    /// `:quit` was refused once because nothing could keep the unsaved answers.
    quit_warned: bool,
}

/// A yes to a line-prompt question (`y` or 是, whatever the interface language).
pub(crate) fn is_yes(answer: &str) -> bool {
    matches!(fold_fullwidth(answer).trim(), "y" | "Y" | "是")
}

/// A no to a line-prompt question (`n` or 否, whatever the interface language).
pub(crate) fn is_no(answer: &str) -> bool {
    matches!(fold_fullwidth(answer).trim(), "n" | "N" | "否")
}

/// Runs plain mode; returns the exit code (0 no errors, 1 errors remain).
///
/// # Errors
/// I/O errors of standard input or output.
pub fn run<R: BufRead, W: Write>(w: Wizard, paths: &Paths, input: R, out: W, opts: Options) -> io::Result<u8> {
    let cat = w.catalog();
    let mut p = Plain { w, input, out, paths: Paths::for_data(&paths.data), opts, cat, quit_warned: false };
    p.main()
}

impl<R: BufRead, W: Write> Plain<R, W> {
    fn say(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.out, "{text}")?;
        self.out.flush()
    }

    /// Reads one answer (joining lines that end in `\`); `None` at end of input.
    fn read(&mut self) -> io::Result<Option<String>> {
        let mut answer = String::new();
        loop {
            let mut line = String::new();
            if self.input.read_line(&mut line)? == 0 {
                if self.opts.echo {
                    writeln!(self.out)?;
                }
                return Ok(if answer.is_empty() { None } else { Some(answer) });
            }
            let line = line.trim_end_matches(['\n', '\r']);
            if self.opts.echo {
                writeln!(self.out, "{}", crate::text::visible(line, false))?;
            }
            match line.strip_suffix('\\') {
                Some(part) => {
                    answer.push_str(part);
                    answer.push('\n');
                }
                None => {
                    answer.push_str(line);
                    return Ok(Some(answer));
                }
            }
        }
    }

    fn steps(&self, section: usize) -> Vec<Step> {
        let Some(sec) = self.w.sections().get(section) else { return Vec::new() };
        slots::slots(sec, self.w.pkg())
            .into_iter()
            .map(|s| match s.kind {
                SlotKind::Field { path, kind } => Step::Field(path, kind),
                SlotKind::Calc { path, name } => Step::Calc(path, name),
                SlotKind::AddRow { table } => Step::AddRow(table),
                SlotKind::AddInstance { group } => Step::AddInstance(group),
            })
            .collect()
    }

    fn has_error(&self, path: &str) -> bool {
        self.w.issues().iter().any(|i| i.path == path && i.severity() == Severity::Error)
    }

    fn score_line(&self) -> String {
        let s = self.w.checked().score();
        let part = |i: usize| s.parts.get(i).and_then(|p| p.score).map_or_else(|| "-".into(), fixed2);
        self.cat.fmt(
            "plain.score",
            &[
                ("exec", part(0)),
                ("ind", part(1)),
                ("total", fixed2(s.total)),
                ("weight", fixed2(s.weight)),
                ("grade", present::grade(s.grade.as_ref(), self.cat)),
            ],
        )
    }

    /// A computed value as plain mode shows it: `= 控制率 85.19%（编制数 ÷ …）`.
    fn calc_line(&self, path: &str, name: &str) -> String {
        use crate::form::def::Figure;
        let shown = match self.w.checked().figures.get(path) {
            Some(Figure::Money(d)) => fixed2(*d),
            Some(Figure::Percent(Some(d))) => format!("{}%", fixed2(*d)),
            Some(Figure::Score(Some(s), Some(of))) => format!("{} / {}", fixed2(*s), fixed2(*of)),
            Some(Figure::Score(Some(s), None)) => fixed2(*s),
            Some(Figure::Grade(g)) => present::grade(g.as_ref(), self.cat),
            _ => "—".into(),
        };
        self.cat.fmt(
            "plain.calc",
            &[
                ("label", self.cat.tr(&format!("calc.{name}.label")).to_string()),
                ("value", shown),
                (
                    "formula",
                    present::formula(name, crate::form::profile_at(self.w.pkg(), self.w.profile(), path), self.cat),
                ),
            ],
        )
    }

    /// Writes the draft; says once when drafts start failing (a full disk).
    fn save_draft(&mut self) {
        if self.w.dirty() && !self.w.read_only() {
            let r = fsio::write_atomic(&self.paths.draft, self.w.draft().as_bytes())
                .map_err(|e| fsio::describe(&e, self.cat));
            if r.as_ref().err() != self.w.draft_error() {
                if let Err(e) = &r {
                    let _ = self.say(&self.cat.fmt("plain.draft_failed", &[("error", e.clone())]));
                }
                self.w.update(Event::DraftWritten(r));
            }
        }
    }

    fn main(&mut self) -> io::Result<u8> {
        let (mut sec, mut i) = (self.w.section(), 0usize);
        'outer: while sec < self.w.sections().len() {
            let sections = self.w.sections().len();
            let steps = self.steps(sec);
            if i >= steps.len() {
                sec += 1;
                i = 0;
                continue;
            }
            if i == 0 {
                // Entering a section fills what the form prefills (shown as current values).
                if !self.opts.only_missing {
                    self.w.command(Command::Goto(sec));
                }
                let s = &self.w.sections()[sec];
                let title = self.cat.fmt(
                    "plain.section",
                    &[
                        ("k", (sec + 1).to_string()),
                        ("n", sections.to_string()),
                        ("doc", self.cat.tr(&s.doc_key()).to_string()),
                        ("section", s.title(self.w.pkg(), self.cat)),
                    ],
                );
                self.say(&title)?;
            }
            let (path, kind) = match &steps[i] {
                Step::Calc(path, name) => {
                    if !self.opts.only_missing {
                        self.say(&self.calc_line(path, name))?;
                    }
                    i += 1;
                    continue;
                }
                Step::AddRow(_) | Step::AddInstance(_) => {
                    if self.opts.only_missing {
                        i += 1;
                        continue;
                    }
                    let (q, add) = match &steps[i] {
                        Step::AddRow(table) => {
                            let form = self.w.pkg().sheet_of(table).0.form();
                            let name =
                                self.w.pkg().table_def(table).map_or_else(String::new, |t| form.table_key(t.key));
                            let n = self.w.pkg().rows_at(table).len();
                            let q = self.cat.fmt(
                                "plain.add_row",
                                &[("table", self.cat.tr(&name).to_string()), ("n", n.to_string())],
                            );
                            (q, Command::AddRow(table.clone()))
                        }
                        Step::AddInstance(g) => {
                            let n = self.w.pkg().instances(*g).len();
                            (self.cat.fmt("plain.add_project", &[("n", n.to_string())]), Command::AddInstance(*g))
                        }
                        _ => unreachable!("matched above"),
                    };
                    self.say(&q)?;
                    let Some(a) = self.read()? else { break 'outer };
                    match a.trim() {
                        t if is_yes(t) => {
                            self.w.command(add);
                            self.save_draft();
                        }
                        "<" => i = i.saturating_sub(1),
                        _ => i += 1,
                    }
                    continue;
                }
                Step::Field(p, k) => (p.clone(), *k),
            };
            if self.opts.only_missing && !self.has_error(&path) {
                i += 1;
                continue;
            }
            self.prompt(&path, kind)?;
            let Some(answer) = self.read()? else { break };
            // A Chinese input method types `：save`, `＜`, `？`: commands all the same.
            let folded = fold_fullwidth(&answer);
            match folded.trim() {
                "" => i += 1,
                "<" => {
                    if i > 0 {
                        i -= 1;
                    } else if sec > 0 {
                        sec -= 1;
                        i = self.steps(sec).len().saturating_sub(1);
                    }
                }
                "?" => {
                    for line in self.help(&path, kind) {
                        self.say(&line)?;
                    }
                }
                ":quit" | ":q" => {
                    self.save_draft();
                    if self.w.dirty() && self.w.draft_error().is_some() && !self.quit_warned {
                        // Neither the file nor a draft holds the answers: say so, ask again.
                        self.quit_warned = true;
                        self.say(self.cat.tr("plain.quit_lost"))?;
                        continue;
                    }
                    if self.w.dirty() && self.w.draft_error().is_none() {
                        self.say(&self.cat.fmt("plain.quit_draft", &[("path", self.w.files().data.clone())]))?;
                    }
                    return Ok(0);
                }
                ":review" => self.review()?,
                ":save" => self.save()?,
                t if t.starts_with(":goto") => {
                    let name = t.trim_start_matches(":goto").trim();
                    match self.w.sections().iter().position(|s| s.id() == name) {
                        Some(s) => {
                            sec = s;
                            i = 0;
                        }
                        None => {
                            let ids: Vec<String> = self.w.sections().iter().map(|s| s.id()).collect();
                            self.say(&self.cat.fmt(
                                "cli.bad_section",
                                &[("section", crate::text::visible(name, false)), ("sections", ids.join(", "))],
                            ))?;
                        }
                    }
                }
                "!" => {
                    self.answer(&path, kind, "")?;
                    i += 1;
                }
                _ => {
                    if self.answer(&path, kind, &answer)? {
                        i += 1;
                    }
                }
            }
        }
        self.finish()
    }

    fn prompt(&mut self, path: &str, kind: Kind) -> io::Result<()> {
        let cur = self.w.pkg().text_at(path);
        let cur = if cur.is_empty() {
            self.cat.tr("plain.empty").to_string()
        } else {
            crate::text::visible(&cur.replace('\n', " / "), false)
        };
        let required = match self.w.pkg().form().resolve(path).map(|r| r.target) {
            Some(crate::form::def::Target::Field(f)) => f.required,
            Some(crate::form::def::Target::Cell(_, _, c)) => c.required,
            _ => false,
        };
        let line = self.cat.fmt(
            "plain.prompt",
            &[
                ("field", present::label(self.w.pkg(), path, self.cat)),
                ("required", if required { self.cat.tr("plain.required").to_string() } else { String::new() }),
                ("current", cur),
                ("expect", self.cat.tr(kind.expect_key()).to_string()),
            ],
        );
        self.say(&line)?;
        if let Kind::Choice(ch) = kind {
            let opts: Vec<String> =
                self.w.options(path, ch).iter().enumerate().map(|(n, o)| format!("  {}) {o}", n + 1)).collect();
            for o in opts {
                self.say(&o)?;
            }
        }
        write!(self.out, "> ")?;
        self.out.flush()
    }

    /// Commits an answer through the state machine; false (and the message) when it is refused.
    fn answer(&mut self, path: &str, kind: Kind, text: &str) -> io::Result<bool> {
        let before = self.w.checked().scores.clone();
        if let Kind::Choice(ch) = kind {
            let options = self.w.options(path, ch);
            let t = text.trim();
            let pick = fold_fullwidth(t)
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=options.len()).contains(n))
                .or_else(|| options.iter().position(|o| o == t).map(|n| n + 1));
            match pick {
                Some(n) => {
                    self.w.command(Command::Pick { path: path.to_string(), index: n - 1 });
                }
                None if t.is_empty() => {
                    self.w.command(Command::Set { path: path.to_string(), text: String::new() });
                }
                None => {
                    self.say(&self.cat.fmt(
                        "issue.E-01.not_a_choice",
                        &[("value", crate::text::visible(t, false)), ("options", options.join(" / "))],
                    ))?;
                    return Ok(false);
                }
            }
        } else {
            // What arrives on a line is cleaned like a paste (line breaks, invisible characters, escapes).
            let text = crate::text::clean_paste(text, kind == Kind::LongText);
            let text = if kind == Kind::LongText { text.trim_end().to_string() } else { text.trim().to_string() };
            self.w.command(Command::Set { path: path.to_string(), text });
        }
        self.save_draft();
        // A value that did not parse is refused here (it is kept, as in the full-screen mode,
        // and the same prompt comes back).
        let refused: Vec<_> = self
            .w
            .issues()
            .iter()
            .filter(|i| {
                i.path == path
                    && matches!(i.rule, "E-01" | "E-02")
                    && i.variant != "required"
                    && !text.trim().is_empty()
            })
            .cloned()
            .collect();
        if let Some(i) = refused.first() {
            let msg = present::message(self.w.pkg(), i, self.cat);
            self.say(&format!("{} {}: {msg}", present::severity(i, self.cat), i.rule))?;
            return Ok(false);
        }
        if self.w.checked().scores != before {
            self.say(&self.score_line())?;
        }
        Ok(true)
    }

    fn help(&self, path: &str, kind: Kind) -> Vec<String> {
        let mut out = vec![present::label(self.w.pkg(), path, self.cat)];
        let help = match self.w.pkg().form().resolve(path).map(|r| r.target) {
            Some(crate::form::def::Target::Field(f)) => Some(f.help.clone()),
            Some(crate::form::def::Target::Cell(_, _, c)) => Some(c.help.clone()),
            _ => None,
        };
        if let Some(h) = help {
            out.push(self.cat.tr(&h).to_string());
        }
        out.push(self.cat.fmt("ui.help_expect", &[("expect", self.cat.tr(kind.expect_key()).to_string())]));
        out.push(self.cat.tr("plain.commands").to_string());
        out
    }

    fn review(&mut self) -> io::Result<()> {
        let lines: Vec<String> = self
            .w
            .review_list()
            .iter()
            .map(|i| present::issue_line(self.w.pkg(), i, self.cat, &Default::default()))
            .collect();
        for l in lines {
            self.say(&l)?;
        }
        for l in present::score_lines(&self.w.checked().score(), self.w.profile(), self.cat) {
            self.say(&l)?;
        }
        let (e, w) = self.w.counts();
        self.say(&self.cat.fmt("present.summary", &[("errors", e.to_string()), ("warnings", w.to_string())]))
    }

    fn save(&mut self) -> io::Result<()> {
        loop {
            let Effect::SaveData(text) = self.w.command(Command::Save) else {
                if let Some(n) = self.w.note().cloned() {
                    self.say(&self.cat.fmt(n.key, &n.args))?;
                }
                return Ok(());
            };
            // A failure is not sent to the wizard: its answer there is the full screen's path
            // prompt, and plain mode asks for the path on a line of its own (`relocate`).
            match fsio::write_atomic(&self.paths.data, text.as_bytes()).map_err(|e| fsio::describe(&e, self.cat)) {
                Ok(()) => {
                    self.w.update(Event::Saved(Ok(())));
                    let _ = std::fs::remove_file(&self.paths.draft);
                    return self.say(&self.cat.fmt("note.saved", &[("path", self.w.files().data.clone())]));
                }
                Err(e) => {
                    self.say(&self.cat.fmt("note.save_failed", &[("error", e)]))?;
                    if !self.relocate()? {
                        return Ok(());
                    }
                }
            }
        }
    }

    /// Asks for another path after a failed save or write; an empty line keeps the old one.
    /// Returns whether the paths moved (the draft follows).
    fn relocate(&mut self) -> io::Result<bool> {
        self.say(self.cat.tr("plain.save_where"))?;
        let line = self.read()?.unwrap_or_default();
        let path = line.trim();
        if path.is_empty() {
            return Ok(false);
        }
        self.paths = Paths::for_data(std::path::Path::new(path));
        self.w.set_files(self.paths.files());
        self.save_draft();
        Ok(true)
    }

    /// After the last section: the review, then write on `y`.
    fn finish(&mut self) -> io::Result<u8> {
        self.review()?;
        let (errors, _) = self.w.counts();
        let q = if errors > 0 {
            self.cat.fmt("confirm.errors", &[("n", errors.to_string())])
        } else {
            self.cat.tr("plain.write").to_string()
        };
        self.say(&format!("{q} {}", self.cat.tr("plain.yes_no")))?;
        let answer = self.read()?.unwrap_or_default();
        if is_yes(&answer) && !self.w.read_only() {
            let Effect::WriteAll { data, report } = self.w.command(Command::Write) else {
                return Ok(u8::from(errors > 0));
            };
            loop {
                let r = fsio::write_atomic(&self.paths.data, data.as_bytes())
                    .and_then(|()| fsio::write_atomic(&self.paths.report, report.as_bytes()));
                match r {
                    Ok(()) => {
                        let _ = std::fs::remove_file(&self.paths.draft);
                        self.say(&self.cat.fmt("ui.done_data", &[("path", self.w.files().data.clone())]))?;
                        self.say(&self.cat.fmt("ui.done_report", &[("path", self.w.files().report.clone())]))?;
                        break;
                    }
                    Err(e) => {
                        self.say(&self.cat.fmt("note.write_failed", &[("error", fsio::describe(&e, self.cat))]))?;
                        if !self.relocate()? {
                            self.save_draft();
                            break;
                        }
                    }
                }
            }
        } else {
            self.save_draft();
        }
        Ok(u8::from(errors > 0))
    }
}
