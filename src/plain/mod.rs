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

mod ask;
mod field;

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};

use crate::form::Severity;
use crate::form::def::{GroupKey, Kind};
use crate::form::input::fold_fullwidth;
use crate::fsio;
use crate::i18n::Catalog;
use crate::paths::Paths;
use crate::wizard::{Command, Event, SlotKind, Wizard, slots};

/// Options of a plain run.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Ask only for fields that are missing or invalid.
    pub only_missing: bool,
    /// Write each answer after its prompt (input from a pipe is not echoed by a terminal).
    pub echo: bool,
    /// Say first that plain mode was chosen because the full screen cannot run here.
    pub announce: Option<&'static str>,
    /// The terminal's width in columns, when standard output is one: what every line is
    /// wrapped to. Otherwise lines are written as they are (only the notice of `announce` is
    /// wrapped, at 78 columns).
    pub width: Option<u16>,
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
    /// The row or project plain mode added last, and the section where it was added, while
    /// its questions there are asked: left blank, it is removed, as the full screen removes a
    /// blank new row.
    fresh: Option<(usize, Fresh)>,
    /// A section's heading not said yet: asking only what is missing, it waits for the
    /// section's first question.
    heading: Option<String>,
    /// A field the form filled from the last answer by assumption (指标性质 ≥ from a target
    /// that states no direction): asked next, out of turn, to be confirmed.
    confirm: Option<String>,
    /// Standard input failed after part of an answer was read: the next read returns it.
    input_error: Option<io::Error>,
    /// The fields answered (Enter keeps a value, `!` clears it), and the section each was
    /// answered in last. A project's name, asked in the list of projects, is the first field of
    /// its 项目信息 too: going on, a field answered in another section is not asked again. Going
    /// back (`<`) asks every field on the way, and the section `:goto` went to all of its own.
    answered: BTreeMap<String, usize>,
    /// The section `:goto` went to last: every question there is asked.
    went_to: Option<usize>,
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

/// A row or a project sheet just added (`Plain::fresh`).
#[derive(Clone)]
enum Fresh {
    /// Row `row` (1-based) of the table at `table`.
    Row { table: String, row: usize },
    /// Instance `n` (1-based) of a group (a project sheet).
    Instance { group: GroupKey, n: usize },
}

impl Fresh {
    /// The prefix of the paths of its questions (`self_eval.indicators.18.`, `projects.3.`).
    fn prefix(&self) -> String {
        match self {
            Self::Row { table, row } => crate::form::def::cell_path(table, *row, ""),
            Self::Instance { group, n } => format!("{}.{n}.", group.0),
        }
    }
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
        heading: None,
        confirm: None,
        input_error: None,
        answered: BTreeMap::new(),
        went_to: None,
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
    /// The heading of the section being entered, if it is still to be said.
    fn say_heading(&mut self) -> Res<()> {
        match self.heading.take() {
            Some(h) => self.say(&h),
            None => Ok(()),
        }
    }

    /// Writes `text` and a newline; on a terminal whose width is known, wrapped to it (a
    /// terminal would break a line in the middle of a word or a number).
    fn say(&mut self, text: &str) -> Res<()> {
        let text = crate::text::visible(text, true);
        let text = match self.wrap_width() {
            Some(w) => crate::text::wrap(&text, w).join("\n"),
            None => text,
        };
        writeln!(self.out, "{text}").and_then(|()| self.out.flush()).map_err(Stop::Output)
    }

    /// The columns jixiao's own lines are wrapped to: the terminal's width less one (the
    /// last column would wrap early on some terminals), at least two (a Chinese character),
    /// when standard output is a terminal that says its width (0 says nothing).
    fn wrap_width(&self) -> Option<usize> {
        self.opts.width.filter(|w| *w > 0).map(|w| usize::from(w - 1).max(2))
    }

    fn put(&mut self, text: &str) -> Res<()> {
        write!(self.out, "{text}").and_then(|()| self.out.flush()).map_err(Stop::Output)
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

    /// Writes the draft without a word (standard output has failed).
    fn save_draft_quietly(&mut self) {
        if self.w.drafting() {
            let _ = fsio::write_atomic(&self.paths.draft, self.w.draft().as_bytes());
        }
    }

    /// Writes the draft; says once when drafts start failing (a full disk).
    fn save_draft(&mut self) {
        if self.w.drafting() {
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
                    // Asking only what is missing, a section with nothing to ask goes unsaid.
                    if self.opts.only_missing {
                        self.heading = Some(title);
                    } else {
                        self.say(&title)?;
                    }
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
                        // Only looking, nothing can be added: not asked.
                        if self.opts.only_missing || self.w.read_only() {
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
                        self.say_heading()?;
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
                                let count = |w: &Wizard| match &add {
                                    Command::AddRow(table) => w.pkg().rows_at(table).len(),
                                    Command::AddInstance(g) => w.pkg().instances(*g).len(),
                                    _ => 0,
                                };
                                let before = count(&self.w);
                                let added = match &add {
                                    Command::AddRow(table) => Fresh::Row { table: table.clone(), row: before + 1 },
                                    Command::AddInstance(g) => Fresh::Instance { group: *g, n: before + 1 },
                                    _ => unreachable!("matched above"),
                                };
                                self.w.command(add.clone());
                                if count(&self.w) > before {
                                    self.fresh = Some((sec, added));
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
                let answered_before =
                    !back && self.went_to != Some(sec) && self.answered.get(&path).is_some_and(|s| *s != sec);
                if resume.is_none()
                    && (answered_before || (self.opts.only_missing && !self.has_error(&path)) || !self.w.wants(&path))
                {
                    self.pass(&mut sec, &mut i, &mut back);
                    continue;
                }
                back = false;
                self.say_heading()?;
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
                        self.answered.insert(path, sec);
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
                        self.answered.insert(path, sec);
                        i = resume.unwrap_or(i + 1);
                    }
                    _ => {
                        if self.answer(&path, kind, &answer)? {
                            confirming = None;
                            self.answered.insert(path, sec);
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
                Finish::Back => {
                    back = true;
                    self.announced = None;
                }
                Finish::Moved => back = false,
            }
        }
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
}
