//! Plain mode's questions besides a field's own: the welcome with the draft offer, the
//! commands every question takes (`:quit`, `:save`, `:review`, `:goto`), the save with its
//! "where instead?", the write question after the last section, the end of input, and the
//! blank new row removed once the questions leave it.

use std::io::{BufRead, Write};

use super::{Finish, Fresh, Plain, Res, Shared, Step, is_no, is_yes};
use crate::form::input::fold_fullwidth;
use crate::fsio;
use crate::present;
use crate::wizard::{Command, Effect, Event};

/// What the question where to save got (`Plain::relocate`).
pub(super) enum Relocated {
    /// A new path, taken: the paths (and the draft) moved.
    Moved,
    /// An empty line or `<`: the old path stays.
    Kept,
    /// The end of input.
    Ended,
    /// `:quit`.
    Quit,
}

impl<R: BufRead, W: Write> Plain<R, W> {
    /// The welcome: the mode's line and, with a draft, whether to restore it (only looking:
    /// whether to look at it; the draft is then never deleted). `false` when the user quits
    /// there.
    pub(super) fn start(&mut self) -> Res<bool> {
        if let Some(key) = self.opts.announce {
            // Wrapped here, to the window: a terminal would break `:goto` in the middle.
            for line in crate::text::wrap(self.cat.tr(key), self.wrap_width().unwrap_or(78)) {
                self.say(&line)?;
            }
        }
        if self.w.read_only() {
            self.say(self.cat.tr("plain.read_only"))?;
        }
        // The offer stays with the wizard while it is asked: no draft is written over it
        // (`Wizard::drafting`) until it is restored or discarded.
        if let Some(d) = self.w.draft_offer() {
            let found = self.cat.fmt(
                "ui.welcome_draft",
                &[("saved_at", crate::present::ago(d.age_secs, self.cat)), ("filled", d.package.filled().to_string())],
            );
            let ask = self.cat.tr(if self.w.read_only() { "plain.view_draft" } else { "plain.restore_draft" });
            let q = crate::text::join_sentences(&found, ask);
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
            let offer = self.w.take_draft_offer();
            if is_no(&answer) {
                if !self.w.read_only() {
                    fsio::remove(&self.paths.draft);
                }
            } else if let Some(d) = offer {
                // Through the one path that re-checks: the draft's errors are reported.
                self.w.replace(d.package);
            }
        }
        if matches!(self.w.screen(), crate::wizard::Screen::Welcome { .. }) {
            self.w.command(Command::Goto(0));
        }
        Ok(true)
    }

    /// Standard input ended before the last question was answered (a script's answers ran
    /// out, the terminal went away): the draft keeps the answers, nothing is written, and the
    /// exit code is the hang-up's, 129. Said if output still works.
    pub(super) fn input_ended(&mut self) -> u8 {
        self.drop_fresh_blank();
        self.settle_unsaved();
        self.save_draft_quietly();
        let kept = self.w.dirty() && !self.w.read_only() && self.w.draft_error().is_none();
        let note = if kept {
            self.cat.fmt("plain.input_ended_draft", &[("path", self.w.files().data.clone())])
        } else {
            self.cat.tr("plain.input_ended").to_string()
        };
        // On a terminal, Ctrl-D left the cursor after the prompt: the note on a line of its own.
        if !self.opts.echo {
            let _ = self.say("");
        }
        let _ = self.say(&note);
        crate::commands::HUNG_UP
    }

    /// Back to what was opened or saved (`Wizard::settle_unsaved`): nothing unsaved, and the
    /// draft written meanwhile, the file's text again, goes.
    fn settle_unsaved(&mut self) {
        // With drafts failing, the draft there is not this session's: left alone.
        if !self.w.read_only() && self.w.draft_error().is_none() && self.w.settle_unsaved() {
            fsio::remove(&self.paths.draft);
        }
    }

    /// Removes the row or project plain mode added last if it is still blank, before the
    /// answers go to the draft for good (`:quit`, the end of input): restored, it would no
    /// longer be new.
    fn drop_fresh_blank(&mut self) {
        if let Some((_, fresh)) = self.fresh.take() {
            if let Some(said) = self.drop_blank(&fresh) {
                let _ = self.say(self.cat.tr(said));
            }
        }
    }

    /// Removes `fresh` if it is blank; what to say then.
    fn drop_blank(&mut self, fresh: &Fresh) -> Option<&'static str> {
        let said = match fresh {
            Fresh::Row { table, row } => self.w.drop_blank_row(table, *row).then_some("plain.blank_row_dropped"),
            Fresh::Instance { group, n } => {
                self.w.drop_blank_instance(*group, *n).then_some("plain.blank_project_dropped")
            }
        };
        // Its questions were answered blank: a row or project added later at the same place
        // is asked afresh.
        if said.is_some() {
            let prefix = fresh.prefix();
            self.answered.retain(|p, _| !p.starts_with(&prefix));
        }
        said
    }

    /// Once the questions have moved off the row plain mode added last, that row is removed
    /// if still blank (the cells the form copies down from the row above aside), and said so.
    /// `steps` are section `sec`'s, `i` the question about to be asked (`steps` empty: past the
    /// last section); `i` is moved back over the removed row's questions. `true` when a row
    /// was removed (the steps are then stale).
    pub(super) fn leave_fresh(&mut self, sec: usize, i: &mut usize, steps: &[Step]) -> Res<bool> {
        let Some((at, fresh)) = self.fresh.clone() else { return Ok(false) };
        let prefix = fresh.prefix();
        let in_row = |s: &Step| matches!(s, Step::Field(p, _) if p.starts_with(&prefix));
        if at == sec && steps.get(*i).is_some_and(in_row) {
            return Ok(false);
        }
        self.fresh = None;
        // A project is removed only from its list: its own sections come after, and removing
        // them under another section's question would move that section.
        if matches!(fresh, Fresh::Instance { .. }) && at != sec {
            return Ok(false);
        }
        let first = if at == sec { steps.iter().position(in_row) } else { None };
        let Some(said) = self.drop_blank(&fresh) else { return Ok(false) };
        if let Some(first) = first.filter(|f| *f < *i) {
            let removed = steps.len().saturating_sub(self.steps(sec).len());
            *i = i.saturating_sub(removed).max(first);
        }
        self.save_draft();
        self.say(self.cat.tr(said))?;
        Ok(true)
    }

    /// The commands every question takes (`:quit`, `:save`, `:review`, `:goto NAME`): `Done`
    /// when `t` was one and was carried out, `Quit` to leave with that exit code.
    pub(super) fn shared(&mut self, t: &str, sec: &mut usize, i: &mut usize) -> Res<Shared> {
        match t {
            ":quit" | ":q" => {
                return Ok(self.quit()?.map_or(Shared::Done, Shared::Quit));
            }
            ":review" => self.review()?,
            ":save" => {
                if let Some(code) = self.save()? {
                    return Ok(Shared::Quit(code));
                }
            }
            t if t.starts_with(":goto") => {
                let name = t.trim_start_matches(":goto").trim();
                match self.w.sections().iter().position(|s| s.id() == name) {
                    Some(s) => {
                        *sec = s;
                        *i = 0;
                        // Its heading again, even when it is the section already shown; and
                        // every question there asked, answered before or not.
                        self.announced = None;
                        self.went_to = Some(s);
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

    pub(super) fn review(&mut self) -> Res<()> {
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

    /// `:quit`: the draft written, and the exit code 0 — or `None` (asked again) the first
    /// time neither the file nor a draft can hold the answers.
    fn quit(&mut self) -> Res<Option<u8>> {
        self.drop_fresh_blank();
        self.settle_unsaved();
        self.save_draft();
        if self.w.dirty() && self.w.draft_error().is_some() && !self.quit_warned {
            // Neither the file nor a draft holds the answers: say so, ask again.
            self.quit_warned = true;
            self.say(self.cat.tr("plain.quit_lost"))?;
            return Ok(None);
        }
        if self.w.dirty() && self.w.draft_error().is_none() && !self.w.read_only() {
            self.say(&self.cat.fmt("plain.quit_draft", &[("path", self.w.files().data.clone())]))?;
        }
        Ok(Some(0))
    }

    /// `:save`, and after a failure the question where to; `Some(code)` when the user quit
    /// there.
    pub(super) fn save(&mut self) -> Res<Option<u8>> {
        // A blank new row or project is no part of what is saved: removed first, and said.
        self.drop_fresh_blank();
        loop {
            let Effect::SaveData(text) = self.w.command(Command::Save) else {
                if let Some(n) = self.w.note().cloned() {
                    self.say(&self.cat.fmt(n.key, &n.args))?;
                }
                return Ok(None);
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
                    self.say(&said)?;
                    return Ok(None);
                }
                Err(e) => {
                    self.say(&self.cat.fmt("note.save_failed", &[("error", e)]))?;
                    match self.relocate()? {
                        Relocated::Moved => {}
                        // (The end of input is met again by the next question.)
                        Relocated::Kept | Relocated::Ended => return Ok(None),
                        Relocated::Quit => {
                            if let Some(code) = self.quit()? {
                                return Ok(Some(code));
                            }
                        }
                    }
                }
            }
        }
    }

    /// Asks for another path after a failed save or write; an empty line or `<` keeps the
    /// old one, `:quit` quits, another command is refused (a path starting with `:` is
    /// written `./:name`). A path that is refused (its name, or another editor has it) is said
    /// and asked again. When the paths move, the draft follows.
    pub(super) fn relocate(&mut self) -> Res<Relocated> {
        loop {
            self.say(self.cat.tr("plain.save_where"))?;
            let Some(line) = self.read()? else { return Ok(Relocated::Ended) };
            let typed = line.trim();
            match fold_fullwidth(typed).as_ref() {
                "" | "<" => return Ok(Relocated::Kept),
                ":quit" | ":q" => return Ok(Relocated::Quit),
                t if t.starts_with(':') => {
                    self.say(
                        &self.cat.fmt("plain.save_where_command", &[("command", crate::text::visible(t, false))]),
                    )?;
                    continue;
                }
                _ => {}
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
                    return Ok(Relocated::Moved);
                }
                Err(msg) => self.say(&msg)?,
            }
        }
    }

    /// After the last section: the review, then write on `y`.
    /// After the last section: the review, then whether to write the files. The question
    /// takes the commands (`<` and `:goto` go back into the sections).
    pub(super) fn finish(&mut self, sec: &mut usize, i: &mut usize) -> Res<Finish> {
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
            self.say(&crate::text::join_sentences(&q, self.cat.tr("plain.yes_no")))?;
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
                        match self.relocate()? {
                            Relocated::Moved => {}
                            Relocated::Ended => return Ok(Finish::Done(self.input_ended())),
                            Relocated::Quit => {
                                if let Some(code) = self.quit()? {
                                    return Ok(Finish::Done(code));
                                }
                            }
                            // Not written anywhere: said, with where the answers are; exit 2 (a
                            // file could not be written).
                            Relocated::Kept => {
                                self.not_written()?;
                                return Ok(Finish::Done(crate::commands::FAILED));
                            }
                        }
                    }
                }
            }
        } else {
            self.not_written()?;
        }
        Ok(Finish::Done(u8::from(errors > 0)))
    }

    /// Nothing was written: the answers go to the draft, and where they are is said.
    fn not_written(&mut self) -> Res<()> {
        self.save_draft();
        if self.w.dirty() && self.w.draft_error().is_none() {
            self.say(&self.cat.fmt("plain.not_written", &[("path", self.w.files().data.clone())]))?;
        }
        Ok(())
    }
}
