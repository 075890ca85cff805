//! Plain mode: the same package as line-by-line prompts, for screen readers, dumb terminals,
//! web shells and scripts. No cursor movement, no colour, no alternate screen.
//!
//! It drives the same `Wizard` state machine as the full-screen mode: an answer is delivered as
//! the events a user would produce there (clear the field, paste the text, move on), so every
//! check is the same code. Commands at any prompt: `<` back, `?` help, `!` clear, `:goto NAME`,
//! `:review`, `:save`, `:quit`; an empty line keeps the current value; a line ending in `\`
//! continues on the next (long texts).

use std::io::{self, BufRead, Write};

use crate::form::Severity;
use crate::form::calc::fixed2;
use crate::form::input::fold_fullwidth;
use crate::form::spec::{Kind, spec};
use crate::fsio;
use crate::i18n::Catalog;
use crate::keymap::{Code, Key};
use crate::present;
use crate::tui::Paths;
use crate::wizard::{Effect, Event, SlotKind, Wizard, slots};

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
    AddRow(&'static str),
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
        slots::slots(&spec().sections[section], &self.w.pkg)
            .into_iter()
            .filter_map(|s| match s.kind {
                SlotKind::Field { path, kind } => Some(Step::Field(path, kind)),
                SlotKind::AddRow { table } => Some(Step::AddRow(table)),
                SlotKind::Calc { .. } => None,
            })
            .collect()
    }

    fn has_error(&self, path: &str) -> bool {
        self.w.issues.iter().any(|i| i.path == path && i.severity() == Severity::Error)
    }

    fn score_line(&self) -> String {
        let f = &self.w.figures;
        let grade = f.grade.as_ref().map_or_else(
            || "-".to_string(),
            |g| self.cat.try_tr(&format!("grade.{}", g.key)).unwrap_or(&g.name).to_string(),
        );
        self.cat.fmt(
            "plain.score",
            &[
                ("exec", f.exec_score.map_or_else(|| "-".into(), fixed2)),
                ("ind", fixed2(f.indicator_scores)),
                ("total", fixed2(f.total_score)),
                ("weight", fixed2(f.total_weight)),
                ("grade", grade),
            ],
        )
    }

    /// Writes the draft; says once when drafts start failing (a full disk).
    fn save_draft(&mut self) {
        if self.w.dirty && !self.w.read_only {
            let r = fsio::write_atomic(&self.paths.draft, self.w.draft().as_bytes())
                .map_err(|e| fsio::describe(&e, self.cat));
            if r.as_ref().err() != self.w.draft_error.as_ref() {
                if let Err(e) = &r {
                    let _ = self.say(&self.cat.fmt("plain.draft_failed", &[("error", e.clone())]));
                }
                self.w.update(Event::DraftWritten(r));
            }
        }
    }

    fn main(&mut self) -> io::Result<u8> {
        let sections = spec().sections.len();
        let (mut sec, mut i) = (self.w.section, 0usize);
        'outer: while sec < sections {
            let steps = self.steps(sec);
            if i >= steps.len() {
                sec += 1;
                i = 0;
                continue;
            }
            if i == 0 {
                let title = self.cat.fmt(
                    "plain.section",
                    &[
                        ("k", (sec + 1).to_string()),
                        ("n", sections.to_string()),
                        ("doc", self.cat.tr(&format!("doc.{}", spec().sections[sec].doc.key())).to_string()),
                        ("section", self.cat.tr(&format!("section.{}", spec().sections[sec].id)).to_string()),
                    ],
                );
                self.say(&title)?;
            }
            let (path, kind) = match &steps[i] {
                Step::AddRow(table) => {
                    if self.opts.only_missing {
                        i += 1;
                        continue;
                    }
                    let n = self.w.pkg.rows(table).len();
                    let q = self.cat.fmt(
                        "plain.add_row",
                        &[("table", self.cat.tr(&format!("table.{table}")).to_string()), ("n", n.to_string())],
                    );
                    self.say(&q)?;
                    let Some(a) = self.read()? else { break 'outer };
                    match a.trim() {
                        t if is_yes(t) => {
                            self.w.append_row(table);
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
                    if self.w.dirty && self.w.draft_error.is_some() && !self.quit_warned {
                        // Neither the file nor a draft holds the answers: say so, ask again.
                        self.quit_warned = true;
                        self.say(self.cat.tr("plain.quit_lost"))?;
                        continue;
                    }
                    if self.w.dirty && self.w.draft_error.is_none() {
                        self.say(&self.cat.fmt("plain.quit_draft", &[("path", self.w.files.data.clone())]))?;
                    }
                    return Ok(0);
                }
                ":review" => self.review()?,
                ":save" => self.save()?,
                t if t.starts_with(":goto") => {
                    let name = t.trim_start_matches(":goto").trim();
                    match spec().section(name) {
                        Some((s, _)) => {
                            sec = s;
                            i = 0;
                        }
                        None => {
                            let ids: Vec<&str> = spec().sections.iter().map(|s| s.id).collect();
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
        let cur = self.w.pkg.text(path);
        let cur = if cur.is_empty() {
            self.cat.tr("plain.empty").to_string()
        } else {
            crate::text::visible(&cur.replace('\n', " / "), false)
        };
        let required = spec().resolve(path).is_some_and(|f| f.required);
        let line = self.cat.fmt(
            "plain.prompt",
            &[
                ("field", present::label(path, self.cat)),
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
        let before = (self.w.figures.total_score, self.w.figures.exec_score, self.w.figures.indicator_scores);
        self.w.focus_path(path);
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
                Some(n) if n <= 9 => {
                    let digit = char::from_digit(u32::try_from(n).unwrap_or(1), 10).unwrap_or('1');
                    self.w.update(Event::Key(Key::plain(Code::Char(digit))));
                }
                _ if t.is_empty() => {
                    self.w.update(Event::Key(Key::ctrl('u')));
                }
                _ => {
                    self.say(&self.cat.fmt(
                        "issue.E-01.not_a_choice",
                        &[("value", crate::text::visible(t, false)), ("options", options.join(" / "))],
                    ))?;
                    return Ok(false);
                }
            }
        } else {
            self.w.update(Event::Key(Key::ctrl('u')));
            if !text.is_empty() {
                self.w.update(Event::Paste(text.to_string()));
            }
            self.w.update(Event::Key(Key::plain(Code::Tab)));
        }
        self.save_draft();
        // A value that did not parse is refused here (it is kept, as in the full-screen mode,
        // and the same prompt comes back).
        let refused: Vec<_> = self
            .w
            .issues
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
            self.say(&format!("{} {}: {}", present::severity(i, self.cat), i.rule, present::message(i, self.cat)))?;
            return Ok(false);
        }
        let after = (self.w.figures.total_score, self.w.figures.exec_score, self.w.figures.indicator_scores);
        if after != before {
            self.say(&self.score_line())?;
        }
        Ok(true)
    }

    fn help(&self, path: &str, kind: Kind) -> Vec<String> {
        let mut out = vec![present::label(path, self.cat)];
        if let Some(f) = spec().resolve(path) {
            out.push(self.cat.tr(&f.help).to_string());
        }
        out.push(self.cat.fmt("ui.help_expect", &[("expect", self.cat.tr(kind.expect_key()).to_string())]));
        out.push(self.cat.tr("plain.commands").to_string());
        out
    }

    fn review(&mut self) -> io::Result<()> {
        let lines: Vec<String> =
            self.w.review_list().iter().map(|i| present::issue_line(i, self.cat, &Default::default())).collect();
        for l in lines {
            self.say(&l)?;
        }
        for l in present::score_lines(&self.w.figures, &self.w.profile, self.cat) {
            self.say(&l)?;
        }
        let (e, w) = self.w.counts();
        self.say(&self.cat.fmt("present.summary", &[("errors", e.to_string()), ("warnings", w.to_string())]))
    }

    fn save(&mut self) -> io::Result<()> {
        loop {
            let Effect::SaveData(text) = self.w.update(Event::Key(Key::ctrl('s'))) else {
                if let Some(n) = self.w.note.clone() {
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
                    return self.say(&self.cat.fmt("note.saved", &[("path", self.w.files.data.clone())]));
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
        self.w.files = self.paths.files();
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
        if is_yes(&answer) && !self.w.read_only {
            let data = crate::form::file::save(&self.w.pkg, Catalog::get(crate::i18n::Lang::ZhCn));
            let report = crate::form::report::render(&self.w.pkg, &self.w.figures, self.cat);
            loop {
                let r = fsio::write_atomic(&self.paths.data, data.as_bytes())
                    .and_then(|()| fsio::write_atomic(&self.paths.report, report.as_bytes()));
                match r {
                    Ok(()) => {
                        let _ = std::fs::remove_file(&self.paths.draft);
                        self.say(&self.cat.fmt("ui.done_data", &[("path", self.w.files.data.clone())]))?;
                        self.say(&self.cat.fmt("ui.done_report", &[("path", self.w.files.report.clone())]))?;
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
