//! One field's question in plain mode: the prompt (label, current value, expected format,
//! numbered choices), the answer through the wizard's commands, `?` help, and the lines said
//! after it (computed values with their rule, the running score).

use std::io::{BufRead, Write};

use super::{Plain, Res};
use crate::form::def::Kind;
use crate::form::input::fold_fullwidth;
use crate::form::scoring::fixed2;
use crate::present;
use crate::wizard::Command;

impl<R: BufRead, W: Write> Plain<R, W> {
    /// The running score of the sheet holding `path` (the package's, or a project's).
    pub(super) fn score_line(&self, path: &str) -> String {
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
    pub(super) fn calc_line(&self, path: &str, name: &str) -> String {
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

    pub(super) fn prompt(&mut self, path: &str, kind: Kind) -> Res<()> {
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
    pub(super) fn row_cells(&self, path: &str) -> Vec<(String, String)> {
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

    pub(super) fn answer(&mut self, path: &str, kind: Kind, text: &str) -> Res<bool> {
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
                let assumed = nature && crate::form::scoring::nature_assumed(text);
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
            if let Some((np, nature, stated)) = crate::form::scoring::nature_conflict(self.w.pkg(), path, text) {
                let field = present::label(self.w.pkg(), &np, self.cat);
                let args = [("field", field), ("value", nature), ("stated", stated.symbol().to_string())];
                self.say(&self.cat.fmt("plain.nature_conflict", &args))?;
                self.confirm = Some(np);
            }
        }
        if self.w.checked().scores != before {
            self.say(&self.score_line(path))?;
        }
        Ok(true)
    }

    pub(super) fn help(&self, path: &str, kind: Kind) -> Vec<String> {
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
}
