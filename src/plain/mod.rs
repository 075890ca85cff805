//! Plain mode: the same package as line-by-line prompts, for screen readers, dumb terminals,
//! web shells and scripts. No cursor movement, no colour, no alternate screen.
//!
//! It drives the same `Wizard` state machine as the full-screen mode through its commands (set
//! a field, pick a choice, add a row or a project, save, write), which take the same path into
//! the package as typing does, so every check is the same code. Computed values are shown after
//! the answers they depend on. Commands at any prompt: `<` back, `?` help, `!` clear, `:goto NAME`,
//! `:review`, `:save`, `:quit`; an empty line keeps the current value; a line ending in `\`
//! continues on the next (long texts).
//!
//! Everything written goes through [`crate::text::visible`]. A line that is not UTF-8 (a
//! terminal set to GBK) is refused with a message and asked again. When standard input or
//! output fails, what was read is applied and the draft written before [`run`] returns the
//! [`Stop`]; the caller tells a hung-up terminal (said nothing more) from a failed output.

use std::io::{self, BufRead, Write};

use crate::form::Severity;
use crate::form::def::{GroupKey, Kind};
use crate::form::input::fold_fullwidth;
use crate::form::scoring::fixed2;
use crate::fsio;
use crate::i18n::Catalog;
use crate::paths::Paths;
use crate::present;
use crate::wizard::{Command, Effect, Event, SlotKind, Wizard, slots};

/// Options of a plain run.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Ask only for fields that are missing or invalid.
    pub only_missing: bool,
    /// Write each answer after its prompt (input from a pipe is not echoed by a terminal).
    pub echo: bool,
    /// Say first that plain mode was chosen because the full screen cannot run here.
    pub announce: Option<&'static str>,
}

/// Why plain mode stopped before its end. The draft is written first.
#[derive(Debug)]
pub enum Stop {
    /// Standard input failed.
    Input(io::Error),
    /// Standard output failed.
    Output(io::Error),
}

impl Stop {
    /// Whether this is what a terminal that went away looks like: its input failing, or
    /// its output failing with EIO.
    #[must_use]
    pub fn is_hangup(&self) -> bool {
        match self {
            Self::Input(_) => true,
            Self::Output(e) => e.raw_os_error() == Some(rustix::io::Errno::IO.raw_os_error()),
        }
    }
}

type Res<T> = Result<T, Stop>;

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
    /// The section whose heading was said last: said again on entering another, from
    /// either side (`<` from the next section's first question, `:goto`).
    announced: Option<usize>,
    /// The row plain mode added last (section, table path, 1-based row) while its questions
    /// are asked: left blank, it is removed, as the full screen removes a blank new row.
    fresh: Option<(usize, String, usize)>,
    /// A field the form filled from the last answer by assumption (指标性质 ≥ from a target
    /// that states no direction): asked next, out of turn, to be confirmed.
    confirm: Option<String>,
    /// Standard input failed after part of an answer was read: the next read returns it.
    input_error: Option<io::Error>,
    /// Locks of data files the user moved to (kept until the end).
    locks: Vec<fsio::Lock>,
    /// The process's way out, which must know about those locks.
    exit: Option<crate::exit::Exit>,
}

/// A yes to a line-prompt question (`y` or 是, whatever the interface language).
pub(crate) fn is_yes(answer: &str) -> bool {
    matches!(fold_fullwidth(answer).trim(), "y" | "Y" | "是")
}

/// A no to a line-prompt question (`n` or 否, whatever the interface language).
pub(crate) fn is_no(answer: &str) -> bool {
    matches!(fold_fullwidth(answer).trim(), "n" | "N" | "否")
}

/// How the last question ended (`Plain::finish`).
enum Finish {
    /// Leave plain mode with this exit code.
    Done(u8),
    /// `<`: back to the last section's last step.
    Back,
    /// `:goto`: to where it went.
    Moved,
}

/// What a shared command did (`Plain::shared`).
enum Shared {
    /// Not a shared command: the question's own answer.
    NotOne,
    /// Carried out: ask what is next.
    Done,
    /// Leave plain mode with this exit code.
    Quit(u8),
}

/// Runs plain mode; returns the exit code (0 no errors, 1 errors remain).
///
/// # Errors
/// Standard input or output failed (after the draft was written).
pub fn run<R: BufRead, W: Write>(
    w: Wizard,
    paths: &Paths,
    input: R,
    out: W,
    opts: Options,
    exit: Option<&crate::exit::Exit>,
) -> Res<u8> {
    let cat = w.catalog();
    let mut p = Plain {
        w,
        input,
        out,
        paths: paths.clone(),
        opts,
        cat,
        quit_warned: false,
        announced: None,
        fresh: None,
        confirm: None,
        input_error: None,
        locks: Vec::new(),
        exit: exit.cloned(),
    };
    // `:quit` at the restore-draft question leaves at once, the draft kept.
    let r = p.start().and_then(|go_on| if go_on { p.main() } else { Ok(0) });
    if r.is_err() {
        p.save_draft_quietly();
    }
    r
}

impl<R: BufRead, W: Write> Plain<R, W> {
    fn say(&mut self, text: &str) -> Res<()> {
        writeln!(self.out, "{}", crate::text::visible(text, true)).and_then(|()| self.out.flush()).map_err(Stop::Output)
    }

    fn put(&mut self, text: &str) -> Res<()> {
        write!(self.out, "{text}").and_then(|()| self.out.flush()).map_err(Stop::Output)
    }

    /// The announcement, then the draft offer (restored unless the answer is no), then the
    /// first section.
    /// The welcome: the mode's line and, with a draft, whether to restore it. `false` when the
    /// user quits there.
    fn start(&mut self) -> Res<bool> {
        if let Some(key) = self.opts.announce {
            // Wrapped here: a terminal would break `:goto` in the middle.
            for line in crate::text::wrap(self.cat.tr(key), 78) {
                self.say(&line)?;
            }
        }
        if let Some(d) = self.w.take_draft_offer() {
            let q = format!(
                "{} {}",
                self.cat.fmt(
                    "ui.welcome_draft",
                    &[("saved_at", d.saved_at.clone()), ("filled", d.package.filled().to_string())]
                ),
                self.cat.tr("plain.restore_draft")
            );
            self.say(&q)?;
            // Yes (or Enter) restores, no discards; anything else is asked again.
            let answer = loop {
                let a = self.read()?.unwrap_or_default();
                let t = fold_fullwidth(&a).trim().to_string();
                if matches!(t.as_str(), ":quit" | ":q") {
                    return Ok(false);
                }
                if t.is_empty() || is_yes(&t) || is_no(&t) {
                    break t;
                }
                self.say(self.cat.tr("plain.yes_or_no_draft"))?;
            };
            if is_no(&answer) {
                fsio::remove(&self.paths.draft);
            } else {
                // Through the one path that re-checks: the draft's errors are reported.
                self.w.replace(d.package);
            }
        }
        if matches!(self.w.screen(), crate::wizard::Screen::Welcome { .. }) {
            self.w.command(Command::Goto(0));
        }
        Ok(true)
    }

    /// Reads one line: `None` at the end of input. A line that is not UTF-8 is refused
    /// with a message and read again.
    fn line(&mut self) -> Res<Option<String>> {
        loop {
            let mut bytes = Vec::new();
            if self.input.read_until(b'\n', &mut bytes).map_err(Stop::Input)? == 0 {
                return Ok(None);
            }
            if let Ok(s) = String::from_utf8(bytes) {
                return Ok(Some(s));
            }
            if self.opts.echo {
                self.say("")?;
            }
            self.say(self.cat.tr("plain.not_utf8"))?;
            self.put("> ")?;
        }
    }

    /// Reads one answer (joining lines that end in `\`); `None` at end of input. When input
    /// fails in the middle of an answer, the part read is returned and the failure comes
    /// with the next read.
    fn read(&mut self) -> Res<Option<String>> {
        if let Some(e) = self.input_error.take() {
            return Err(Stop::Input(e));
        }
        let mut answer = String::new();
        loop {
            let line = match self.line() {
                Ok(Some(l)) => l,
                Ok(None) => {
                    if self.opts.echo {
                        self.say("")?;
                    }
                    return Ok(if answer.is_empty() { None } else { Some(answer) });
                }
                Err(Stop::Input(e)) if !answer.is_empty() => {
                    self.input_error = Some(e);
                    return Ok(Some(answer));
                }
                Err(e) => return Err(e),
            };
            let line = line.trim_end_matches(['\n', '\r']);
            if self.opts.echo {
                self.say(&crate::text::visible(line, false))?;
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

    /// The running score of the sheet holding `path` (the package's, or a project's).
    fn score_line(&self, path: &str) -> String {
        let (_, rest) = self.w.pkg().sheet_of(path);
        let prefix = &path[..path.len() - rest.len()];
        let s = self.w.checked().scores.get(prefix).cloned().unwrap_or_else(|| self.w.checked().score());
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
        let figure = self.w.checked().figures.get(path);
        let mut shown = present::figure(figure, self.cat, "—");
        // A rule score that cannot be worked out yet: why (the screen's pane says it too).
        if let Some(Figure::Proposal(p)) = figure {
            if let crate::form::scoring::Outcome::Unscorable(why) = p.outcome {
                let why = self.cat.tr(&format!("unscorable.{why}")).to_string();
                shown = self.cat.fmt("plain.calc_why", &[("value", shown), ("why", why)]);
            }
        }
        // A grid's total is one per column: say which (`三公经费 · 2023 年预算数`).
        let (sheet, rest) = self.w.pkg().sheet_of(path);
        let column = sheet.form().grids.iter().find(|g| rest.starts_with(&format!("{}.", g.key))).and_then(|g| {
            let c = rest.rsplit('.').next()?;
            g.columns.contains(&c).then(|| {
                let year = self.w.pkg().fiscal_year().unwrap_or(0);
                let args = [("year", year.to_string()), ("prev", (year - 1).to_string())];
                self.cat.try_tr(&format!("column.{c}_y")).map_or_else(
                    || self.cat.tr(&format!("column.{c}")).to_string(),
                    |_| self.cat.fmt(&format!("column.{c}_y"), &args),
                )
            })
        });
        let label = self.cat.tr(&format!("calc.{name}.label")).to_string();
        let label = match column {
            Some(c) => format!("{label} · {c}"),
            None => label,
        };
        self.cat.fmt(
            "plain.calc",
            &[
                ("label", label),
                ("value", shown),
                (
                    "formula",
                    present::formula(name, crate::form::profile_at(self.w.pkg(), self.w.profile(), path), self.cat),
                ),
            ],
        )
    }

    /// Standard input ended before the last question was answered (a script's answers ran
    /// out, the terminal went away): the draft keeps the answers, nothing is written, and the
    /// exit code is the hang-up's, 129. Said if output still works.
    fn input_ended(&mut self) -> u8 {
        self.save_draft_quietly();
        let kept = self.w.dirty() && !self.w.read_only() && self.w.draft_error().is_none();
        let note = if kept {
            self.cat.fmt("plain.input_ended_draft", &[("path", self.w.files().data.clone())])
        } else {
            self.cat.tr("plain.input_ended").to_string()
        };
        let _ = self.say(&note);
        crate::commands::HUNG_UP
    }

    /// Once the questions have moved off the row plain mode added last, that row is removed
    /// if still blank (the cells the form copies down from the row above aside), and said so.
    /// `steps` are section `sec`'s, `i` the question about to be asked (`steps` empty: past the
    /// last section); `i` is moved back over the removed row's questions. `true` when a row
    /// was removed (the steps are then stale).
    fn leave_fresh(&mut self, sec: usize, i: &mut usize, steps: &[Step]) -> Res<bool> {
        let Some((at, table, row)) = self.fresh.clone() else { return Ok(false) };
        let prefix = crate::form::def::cell_path(&table, row, "");
        let in_row = |s: &Step| matches!(s, Step::Field(p, _) if p.starts_with(&prefix));
        if at == sec && steps.get(*i).is_some_and(in_row) {
            return Ok(false);
        }
        self.fresh = None;
        let first = if at == sec { steps.iter().position(in_row) } else { None };
        if !self.w.drop_blank_row(&table, row) {
            return Ok(false);
        }
        if let Some(first) = first.filter(|f| *f < *i) {
            let removed = steps.len().saturating_sub(self.steps(sec).len());
            *i = i.saturating_sub(removed).max(first);
        }
        self.save_draft();
        self.say(self.cat.tr("plain.blank_row_dropped"))?;
        Ok(true)
    }

    /// Writes the draft without a word (standard output has failed).
    fn save_draft_quietly(&mut self) {
        if self.w.dirty() && !self.w.read_only() {
            let _ = fsio::write_atomic(&self.paths.draft, self.w.draft().as_bytes());
        }
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

    fn main(&mut self) -> Res<u8> {
        let (mut sec, mut i) = (self.w.section(), 0usize);
        // Going back with `<`: steps passed over are passed over backwards too.
        let mut back = false;
        // A field asked out of turn to confirm what the form assumed (`Plain::confirm`), and
        // the step to go on from once it is answered (the one after the answer that filled it).
        let mut confirming: Option<(String, usize)> = None;
        loop {
            while sec < self.w.sections().len() {
                let sections = self.w.sections().len();
                let steps = self.steps(sec);
                if i >= steps.len() {
                    sec += 1;
                    i = 0;
                    continue;
                }
                if self.leave_fresh(sec, &mut i, &steps)? {
                    continue;
                }
                if self.announced != Some(sec) {
                    self.announced = Some(sec);
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
                        if !self.opts.only_missing && !back {
                            self.say(&self.calc_line(path, name))?;
                        }
                        self.pass(&mut sec, &mut i, &mut back);
                        continue;
                    }
                    Step::AddRow(_) | Step::AddInstance(_) => {
                        if self.opts.only_missing {
                            self.pass(&mut sec, &mut i, &mut back);
                            continue;
                        }
                        back = false;
                        let (q, add) = match &steps[i] {
                            Step::AddRow(table) => {
                                let form = self.w.pkg().sheet_of(table).0.form();
                                let name =
                                    self.w.pkg().table_def(table).map_or_else(String::new, |t| form.table_key(t.key));
                                let n = self.w.pkg().rows_at(table).len();
                                let key = if n == 0 { "plain.add_first_row" } else { "plain.add_row" };
                                let q = self
                                    .cat
                                    .fmt(key, &[("table", self.cat.tr(&name).to_string()), ("n", n.to_string())]);
                                (q, Command::AddRow(table.clone()))
                            }
                            Step::AddInstance(g) => {
                                let n = self.w.pkg().instances(*g).len();
                                let key = if n == 0 { "plain.add_first_project" } else { "plain.add_project" };
                                (self.cat.fmt(key, &[("n", n.to_string())]), Command::AddInstance(*g))
                            }
                            _ => unreachable!("matched above"),
                        };
                        self.say(&q)?;
                        let Some(a) = self.read()? else {
                            if self.w.read_only() {
                                break;
                            }
                            return Ok(self.input_ended());
                        };
                        let folded = fold_fullwidth(&a);
                        match self.shared(folded.trim(), &mut sec, &mut i)? {
                            Shared::Quit(code) => return Ok(code),
                            Shared::Done => continue,
                            Shared::NotOne => {}
                        }
                        match folded.trim() {
                            t if is_yes(t) => {
                                let added = match &add {
                                    Command::AddRow(table) => Some((table.clone(), self.w.pkg().rows_at(table).len())),
                                    _ => None,
                                };
                                self.w.command(add);
                                if let Some((table, before)) = added {
                                    if self.w.pkg().rows_at(&table).len() > before {
                                        self.fresh = Some((sec, table, before + 1));
                                    }
                                }
                                self.save_draft();
                            }
                            "<" => {
                                back = true;
                                self.pass(&mut sec, &mut i, &mut back);
                            }
                            t if t.is_empty() || is_no(t) => i += 1,
                            // Neither yes nor no: asked again, with what is expected.
                            _ => self.say(self.cat.tr("plain.yes_or_no"))?,
                        }
                        continue;
                    }
                    Step::Field(p, k) => (p.clone(), *k),
                };
                // Only what may need filling: a cell the form fills from the others (指标性质 from
                // the target …) is passed over, as Tab passes over it; `<` passes it going back.
                let resume = confirming.take_if(|(p, _)| *p == path).map(|(_, r)| r);
                // Asked again after help or a refused answer, until answered or left.
                if let Some(r) = resume {
                    confirming = Some((path.clone(), r));
                }
                if resume.is_none() && ((self.opts.only_missing && !self.has_error(&path)) || !self.w.wants(&path)) {
                    self.pass(&mut sec, &mut i, &mut back);
                    continue;
                }
                back = false;
                self.prompt(&path, kind)?;
                // The end of input: when only looking, on to the review; else the answers wait in
                // the draft (exit 129).
                let Some(answer) = self.read()? else {
                    if self.w.read_only() {
                        break;
                    }
                    return Ok(self.input_ended());
                };
                // A Chinese input method types `：save`, `＜`, `？`: commands all the same.
                let folded = fold_fullwidth(&answer);
                let here = (sec, i);
                match self.shared(folded.trim(), &mut sec, &mut i)? {
                    Shared::Quit(code) => return Ok(code),
                    Shared::Done => {
                        // `:save`, `:review`: the same question again (out of turn still); `:goto`
                        // went elsewhere.
                        if (sec, i) != here {
                            confirming = None;
                        }
                        continue;
                    }
                    Shared::NotOne => {}
                }
                match folded.trim() {
                    // Enter keeps the value; out of turn, on from where the question came.
                    "" => {
                        confirming = None;
                        i = resume.unwrap_or(i + 1);
                    }
                    // Out of turn, back is the question that raised this one.
                    "<" if resume.is_some() => {
                        confirming = None;
                        i = resume.unwrap_or(1).saturating_sub(1);
                    }
                    "<" => {
                        back = true;
                        confirming = None;
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
                    // W-23: the field's text without web markup.
                    ":clean" => {
                        let text = self.w.pkg().text_at(&path).to_string();
                        if crate::form::check::web_residue(&text).is_some() {
                            self.answer(&path, kind, &crate::form::check::without_web_residue(&text))?;
                            self.say(self.cat.tr("note.web_residue_removed"))?;
                        } else {
                            self.say(self.cat.tr("note.no_web_residue"))?;
                        }
                    }
                    "!" => {
                        self.answer(&path, kind, "")?;
                        confirming = None;
                        i = resume.unwrap_or(i + 1);
                    }
                    _ => {
                        if self.answer(&path, kind, &answer)? {
                            confirming = None;
                            i = resume.unwrap_or(i + 1);
                            // Something filled by assumption is asked next, then on from here.
                            if let Some(p) = self.confirm.take() {
                                if let Some(k) = steps.iter().position(|s| matches!(s, Step::Field(q, _) if *q == p)) {
                                    confirming = Some((p, i));
                                    i = k;
                                }
                            }
                        }
                    }
                }
            }
            self.leave_fresh(sec, &mut i, &[])?;
            match self.finish(&mut sec, &mut i)? {
                Finish::Done(code) => return Ok(code),
                // Back into the sections, from their last step or from where `:goto` went.
                Finish::Back => back = true,
                Finish::Moved => back = false,
            }
        }
    }

    /// The commands every question takes (`:quit`, `:save`, `:review`, `:goto NAME`): `Done`
    /// when `t` was one and was carried out, `Quit` to leave with that exit code.
    fn shared(&mut self, t: &str, sec: &mut usize, i: &mut usize) -> Res<Shared> {
        match t {
            ":quit" | ":q" => {
                self.save_draft();
                if self.w.dirty() && self.w.draft_error().is_some() && !self.quit_warned {
                    // Neither the file nor a draft holds the answers: say so, ask again.
                    self.quit_warned = true;
                    self.say(self.cat.tr("plain.quit_lost"))?;
                    return Ok(Shared::Done);
                }
                if self.w.dirty() && self.w.draft_error().is_none() && !self.w.read_only() {
                    self.say(&self.cat.fmt("plain.quit_draft", &[("path", self.w.files().data.clone())]))?;
                }
                return Ok(Shared::Quit(0));
            }
            ":review" => self.review()?,
            ":save" => self.save()?,
            t if t.starts_with(":goto") => {
                let name = t.trim_start_matches(":goto").trim();
                match self.w.sections().iter().position(|s| s.id() == name) {
                    Some(s) => {
                        *sec = s;
                        *i = 0;
                        // Its heading again, even when it is the section already shown.
                        self.announced = None;
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
            // `:clean` is the field's own; any other `:word` is a mistyped command, never a value.
            t if t.starts_with(':') && t != ":clean" => {
                self.say(&self.cat.fmt("plain.unknown_command", &[("command", crate::text::visible(t, false))]))?;
            }
            _ => return Ok(Shared::NotOne),
        }
        Ok(Shared::Done)
    }

    /// Passes over step `i` of section `sec` (a computed value, or a field nothing asks for) in
    /// the direction of travel: backwards after `<` — from a section's first step to the
    /// previous section's last — else forwards. Before the very first step there is nothing to
    /// go back to: forwards again. Every pass moves, so no step is passed over twice in a row.
    fn pass(&self, sec: &mut usize, i: &mut usize, back: &mut bool) {
        if *back {
            if *i > 0 {
                *i -= 1;
                return;
            }
            if *sec > 0 {
                *sec -= 1;
                *i = self.steps(*sec).len().saturating_sub(1);
                return;
            }
            *back = false;
        }
        *i += 1;
    }

    fn prompt(&mut self, path: &str, kind: Kind) -> Res<()> {
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
        self.put("> ")
    }

    /// Commits an answer through the state machine; false (and the message) when it is refused.
    /// The other typed cells of the table row holding `path`, with their texts (empty outside
    /// a table): what the form may fill from the answer.
    fn row_cells(&self, path: &str) -> Vec<(String, String)> {
        let Some((table, row, _)) = crate::form::def::split_cell(path) else { return Vec::new() };
        let pkg = self.w.pkg();
        let Some(def) = pkg.table_def(table) else { return Vec::new() };
        def.columns
            .iter()
            .map(|c| crate::form::def::cell_path(table, row, c.key))
            .filter(|p| p != path)
            .map(|p| {
                let text = pkg.text_at(&p).to_string();
                (p, text)
            })
            .collect()
    }

    fn answer(&mut self, path: &str, kind: Kind, text: &str) -> Res<bool> {
        let before = self.w.checked().scores.clone();
        let row_before = self.row_cells(path);
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
        // What the form filled from the answer (the 指标性质 a target sets, the first 档次 of a
        // 定性 row): said, since plain mode does not ask it (`<` back to the target and a target
        // written with its direction, `≤5%`, changes it).
        for (p, was) in row_before {
            let now = self.w.pkg().text_at(&p).to_string();
            if now != was && !now.is_empty() {
                let field = present::label(self.w.pkg(), &p, self.cat);
                let nature =
                    crate::form::def::split_cell(&p).map(|(_, _, c)| c) == Some(crate::form::scoring::ind::NATURE.0);
                // A target that states its direction (≤5%, 不低于95%) sets the nature; a bare or
                // vague one only suggests ≥ (domain I-18): that is asked next, to be confirmed.
                use crate::form::scoring::{Direction, direction};
                let assumed = nature && matches!(direction(text), Direction::Bare | Direction::Unclear);
                if assumed {
                    self.confirm = Some(p.clone());
                }
                let key = if assumed { "plain.filled_assumed" } else { "plain.filled" };
                self.say(&self.cat.fmt(key, &[("field", field), ("value", crate::text::visible(&now, false))]))?;
            }
        }
        // A target written with a direction the row's 指标性质 contradicts (`≤100件` on a ≥
        // row, `≥95%` on a 定性 one): the nature is asked at once, as when it was assumed.
        if self.confirm.is_none() {
            if let Some((np, nature, stated)) = self.nature_against_target(path, text) {
                let field = present::label(self.w.pkg(), &np, self.cat);
                let args = [("field", field), ("value", nature), ("stated", stated)];
                self.say(&self.cat.fmt("plain.nature_conflict", &args))?;
                self.confirm = Some(np);
            }
        }
        if self.w.checked().scores != before {
            self.say(&self.score_line(path))?;
        }
        Ok(true)
    }

    /// When `path` is an indicator row's 年度指标值 just answered `text` with a direction its
    /// 指标性质 contradicts: the nature's path, the nature and the stated direction.
    fn nature_against_target(&self, path: &str, text: &str) -> Option<(String, String, String)> {
        use crate::form::scoring::{Direction, Nature, direction, ind};
        let (table, row, col) = crate::form::def::split_cell(path)?;
        if col != ind::TARGET.0 || self.w.pkg().table_def(table)?.column(ind::NATURE.0).is_none() {
            return None;
        }
        let np = crate::form::def::cell_path(table, row, ind::NATURE.0);
        let nature = self.w.pkg().text_at(&np).to_string();
        match direction(text) {
            Direction::Stated(d) if !nature.is_empty() && Nature::parse(&nature) != Some(d) => {
                Some((np, nature, d.symbol().to_string()))
            }
            _ => None,
        }
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
        if let Some(last) = crate::form::carry::reference_at(self.w.pkg(), path) {
            out.push(present::reference_heading(self.w.pkg(), self.cat));
            out.push(crate::text::visible(last, true));
        }
        out.push(self.cat.tr("plain.commands").to_string());
        out
    }

    fn review(&mut self) -> Res<()> {
        let lines: Vec<String> = self
            .w
            .review_list()
            .iter()
            .map(|i| present::issue_line(self.w.pkg(), i, self.cat, &Default::default()))
            .chain(self.w.still_last_year().iter().map(|p| present::still_line(self.w.pkg(), p, self.cat)))
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

    fn save(&mut self) -> Res<()> {
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
                    fsio::remove(&self.paths.draft);
                    // The wizard's own word on it (the report beside it may now be out of date).
                    let said = self.w.note().map_or_else(
                        || self.cat.fmt("note.saved", &[("path", self.w.files().data.clone())]),
                        |n| self.cat.fmt(n.key, &n.args),
                    );
                    return self.say(&said);
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
    /// A path that is refused (its name, or another editor has it) is said and asked again.
    /// Returns whether the paths moved (the draft follows).
    fn relocate(&mut self) -> Res<bool> {
        loop {
            self.say(self.cat.tr("plain.save_where"))?;
            let line = self.read()?.unwrap_or_default();
            let typed = line.trim();
            if typed.is_empty() {
                return Ok(false);
            }
            let moved = crate::commands::relocated(std::path::Path::new(typed), self.cat).and_then(|paths| {
                if let Some(exit) = &self.exit {
                    self.locks.extend(exit.lock_also(&paths, self.cat)?);
                }
                Ok(paths)
            });
            match moved {
                Ok(paths) => {
                    self.paths = paths;
                    self.w.set_files(crate::commands::files(&self.paths));
                    if let Some(exit) = &self.exit {
                        exit.move_draft(self.paths.draft.clone());
                    }
                    self.save_draft();
                    return Ok(true);
                }
                Err(msg) => self.say(&msg)?,
            }
        }
    }

    /// After the last section: the review, then write on `y`.
    /// After the last section: the review, then whether to write the files. The question
    /// takes the commands (`<` and `:goto` go back into the sections).
    fn finish(&mut self, sec: &mut usize, i: &mut usize) -> Res<Finish> {
        self.review()?;
        let (errors, _) = self.w.counts();
        // Look only: nothing to write, so nothing is asked.
        if self.w.read_only() {
            self.say(self.cat.tr("note.read_only"))?;
            return Ok(Finish::Done(u8::from(errors > 0)));
        }
        let q = if errors > 0 {
            self.cat.fmt("confirm.errors", &[("n", errors.to_string())])
        } else {
            self.cat.tr("plain.write").to_string()
        };
        let answer = loop {
            self.say(&format!("{q} {}", self.cat.tr("plain.yes_no")))?;
            let Some(a) = self.read()? else { return Ok(Finish::Done(self.input_ended())) };
            let t = fold_fullwidth(&a).trim().to_string();
            if t == "<" {
                *sec = self.w.sections().len().saturating_sub(1);
                *i = self.steps(*sec).len().saturating_sub(1);
                return Ok(Finish::Back);
            }
            let here = (*sec, *i);
            match self.shared(&t, sec, i)? {
                Shared::Quit(code) => return Ok(Finish::Done(code)),
                Shared::Done if (*sec, *i) != here => return Ok(Finish::Moved),
                Shared::Done => continue,
                Shared::NotOne => {}
            }
            if t.is_empty() || is_yes(&t) || is_no(&t) {
                break t;
            }
            self.say(self.cat.tr("plain.yes_or_no"))?;
        };
        if is_yes(&answer) && !self.w.read_only() {
            let Effect::WriteAll { data, report, office } = self.w.command(Command::Write) else {
                return Ok(Finish::Done(u8::from(errors > 0)));
            };
            let report = crate::text::visible(&report, true);
            loop {
                let r = fsio::write_atomic(&self.paths.data, data.as_bytes())
                    .and_then(|()| fsio::write_atomic(&self.paths.report, report.as_bytes()))
                    .and_then(|()| {
                        office.iter().try_for_each(|(ext, b)| match *ext {
                            "xlsx" => fsio::write_atomic(&self.paths.xlsx, b),
                            "docx" => fsio::write_atomic(&self.paths.docx, b),
                            _ => Ok(()),
                        })
                    });
                match r {
                    Ok(()) => {
                        fsio::remove(&self.paths.draft);
                        self.say(&self.cat.fmt("ui.done_data", &[("path", self.w.files().data.clone())]))?;
                        self.say(&self.cat.fmt("ui.done_report", &[("path", self.w.files().report.clone())]))?;
                        for o in self.w.pkg().exports.clone() {
                            let path = self.w.office_path(o);
                            self.say(&self.cat.fmt(&format!("ui.done_{}", o.ext()), &[("path", path)]))?;
                        }
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
            // Not written: say where the answers are.
            if self.w.dirty() && self.w.draft_error().is_none() {
                self.say(&self.cat.fmt("plain.not_written", &[("path", self.w.files().data.clone())]))?;
            }
        }
        Ok(Finish::Done(u8::from(errors > 0)))
    }
}
