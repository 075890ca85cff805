//! Rendering: a pure function of the wizard's state to a ratatui `Buffer`, plus the position
//! where the terminal cursor belongs (the caret, so an input method's candidate window
//! follows it). Never mutates the wizard, never fails. All text is placed by display width.
//!
//! Layout (rows): header (2) · body (the section's slots) · editor pane · status · help.
//! At 110 columns and wider the section map is a side panel; below, a popup (F2).

mod body;
pub mod theme;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget as _;

use crate::form::scoring::fixed2;
use crate::form::{Issue, Severity};
use crate::i18n::Catalog;
use crate::keymap;
use crate::present;
use crate::text::{truncate, width};
use crate::wizard::{Confirm, Overlay, Screen, WelcomeOpt, Wizard};
pub use theme::Theme;

/// Smallest usable terminal.
pub use crate::wizard::MIN_SIZE;
/// Width from which the section map is a side panel; its width.
pub use crate::wizard::geometry::{SIDE_PANEL_FROM, SIDE_WIDTH};

/// Writes `text` at (x, y), at most `max` columns; returns the column after it.
pub(crate) fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, max: u16, style: Style) -> u16 {
    if max == 0 {
        return x;
    }
    // A text no wider than `max` is written as it is (its width is at most its length in
    // bytes, so most need no measuring): no copy per cell on every frame.
    let fits = text.len() <= usize::from(max) || crate::text::width(text) <= usize::from(max);
    let t =
        if fits { std::borrow::Cow::Borrowed(text) } else { std::borrow::Cow::Owned(truncate(text, usize::from(max))) };
    // Writing on the right half of a wide character: blank that character first, or ratatui's
    // diff (which skips the cell a wide character covers) would never send this text.
    if x > buf.area.left() && !t.is_empty() {
        let left = &mut buf[(x - 1, y)];
        if crate::text::width(left.symbol()) > 1 {
            left.set_symbol(" ");
        }
    }
    buf.set_stringn(x, y, &t, usize::from(max), style).0
}

/// Blanks `w` cells from `(x, y)` (within the buffer), as [`put`] of `w` spaces in the plain
/// style would, without segmenting the spaces into graphemes: a table cell's padding is most
/// of what a row of a wide table writes.
pub(crate) fn blank(buf: &mut Buffer, x: u16, y: u16, w: u16) {
    if w == 0 {
        return;
    }
    if x > buf.area.left() {
        if let Some(left) = buf.cell_mut((x - 1, y)) {
            if crate::text::width(left.symbol()) > 1 {
                left.set_symbol(" ");
            }
        }
    }
    for cx in x..x.saturating_add(w) {
        match buf.cell_mut((cx, y)) {
            Some(c) => {
                c.set_symbol(" ");
            }
            None => break,
        }
    }
}

/// A question's title and text.
fn confirm_text(w: &Wizard, c: &Confirm, cat: &Catalog) -> (&'static str, String) {
    let cat: &'static Catalog = Catalog::get(cat.lang);
    match c {
        // Never promise a draft that cannot be written.
        Confirm::Quit if w.draft_error().is_some() => {
            (cat.tr("confirm.quit_title"), cat.tr("confirm.quit_lost").to_string())
        }
        Confirm::Quit => (cat.tr("confirm.quit_title"), cat.fmt("confirm.quit", &[("path", w.files().data.clone())])),
        Confirm::WriteWithErrors(n) => {
            (cat.tr("confirm.errors_title"), cat.fmt("confirm.errors", &[("n", n.to_string())]))
        }
        Confirm::Overwrite(paths) => {
            (cat.tr("confirm.overwrite_title"), cat.fmt("confirm.overwrite", &[("paths", paths.join("\n"))]))
        }
        Confirm::DeleteRow => (cat.tr("confirm.delete_title"), cat.tr("confirm.delete").to_string()),
        Confirm::DeleteProject(name) => {
            (cat.tr("confirm.delete_project_title"), cat.fmt("confirm.delete_project", &[("name", name.clone())]))
        }
    }
}

/// Draws the whole screen; returns where the terminal cursor belongs (None: hide it).
#[must_use]
pub fn draw(w: &Wizard, theme: Theme, area: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
    let cat = w.catalog();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        let msg = cat.fmt(
            "ui.too_small",
            &[
                ("w", area.width.to_string()),
                ("h", area.height.to_string()),
                ("min_w", MIN_SIZE.0.to_string()),
                ("min_h", MIN_SIZE.1.to_string()),
            ],
        );
        // Only quitting and saving act here (and answering the question they may ask): say
        // so, and show that question or the last note, since nothing else can be seen.
        let mut lines: Vec<(String, Style)> =
            crate::text::wrap(&msg, usize::from(area.width.max(10))).into_iter().map(|l| (l, theme.error())).collect();
        let extra = match w.overlay() {
            Some(Overlay::Confirm(c)) => Some(format!("{} {}", confirm_text(w, c, cat).1, cat.tr("confirm.keys"))),
            _ => w.note().map(|n| cat.fmt(n.key, &n.args)),
        };
        for l in extra.iter().flat_map(|t| crate::text::wrap(t, usize::from(area.width.max(10)))) {
            lines.push((l, theme.normal()));
        }
        for (i, (line, style)) in lines.iter().enumerate().take(usize::from(area.height)) {
            put(buf, area.x, area.y + i as u16, line, area.width, *style);
        }
        return None;
    }
    let cursor = match w.screen() {
        Screen::Welcome { .. } => {
            welcome(w, cat, theme, area, buf);
            None
        }
        Screen::Done => {
            done(w, cat, theme, area, buf);
            None
        }
        Screen::Review { .. } => {
            header(w, cat, theme, area, buf);
            review(w, cat, theme, Rect { y: area.y + 2, height: area.height - 4, ..area }, buf);
            footer(w, cat, theme, area, buf);
            None
        }
        Screen::Section(_) => {
            header(w, cat, theme, area, buf);
            let side = area.width >= SIDE_PANEL_FROM;
            let (main_w, main_h) = crate::wizard::geometry::main_size((area.width, area.height));
            let main = Rect { x: area.x, y: area.y + 2, width: main_w, height: main_h };
            if side {
                let panel = Rect { x: area.x + main_w + 1, y: main.y, width: SIDE_WIDTH, height: main.height };
                for y in panel.y..panel.y + panel.height {
                    put(buf, panel.x - 1, y, "|", 1, theme.muted());
                }
                section_map(w, cat, theme, panel, buf, None, true);
            }
            let c = body::section(w, cat, theme, main, buf);
            footer(w, cat, theme, area, buf);
            c
        }
    };
    match w.overlay() {
        None => cursor,
        Some(ov) => {
            overlay(w, ov, cat, theme, area, buf);
            None
        }
    }
}

fn header(w: &Wizard, cat: &Catalog, theme: Theme, area: Rect, buf: &mut Buffer) {
    let sections = w.sections();
    let sec = sections.get(w.section());
    let title = match (w.screen(), sec) {
        (Screen::Review { .. }, _) | (_, None) => cat.tr("ui.review_title").to_string(),
        // A project's section names the project, not the (long) document title.
        (_, Some(sec)) if sec.instance.is_some() => cat.fmt(
            "ui.header_sheet",
            &[
                ("section", sec.title(w.pkg(), cat)),
                ("k", (w.section() + 1).to_string()),
                ("n", sections.len().to_string()),
            ],
        ),
        (_, Some(sec)) => cat.fmt(
            "ui.header",
            &[
                // The header is one line at 80 columns: the document's short name.
                ("doc", {
                    let short = sec.doc_key().replacen("doc.", "doc_short.", 1);
                    cat.try_tr(&short).map_or_else(|| cat.tr(&sec.doc_key()).to_string(), str::to_string)
                }),
                ("section", sec.title(w.pkg(), cat)),
                ("k", (w.section() + 1).to_string()),
                ("n", sections.len().to_string()),
            ],
        ),
    };
    // A project's section shows that project's score; everywhere else, the package's.
    let prefix = match (w.screen(), sec) {
        (Screen::Section(_), Some(s)) => s.prefix.as_str(),
        _ => "",
    };
    let score = w.checked().scores.get(prefix).cloned().unwrap_or_default();
    // A total and a grade only once every part can be scored; until then, how far along.
    let (filled, all) = w.progress();
    let total = if score.complete {
        let grade = present::grade(score.grade.as_ref(), cat);
        cat.fmt("ui.total", &[("score", fixed2(score.total)), ("weight", fixed2(score.weight)), ("grade", grade)])
    } else {
        let pct = (filled * 100).checked_div(all).unwrap_or(0);
        cat.fmt("ui.total_pending", &[("pct", pct.to_string())])
    };
    // Look-only mode says so first, on every screen.
    let title = if w.read_only() { format!("{}{title}", cat.tr("ui.read_only_mark")) } else { title };
    let tw = width(&total) as u16;
    put(buf, area.x, area.y, &title, area.width.saturating_sub(tw + 2), theme.title());
    put(buf, area.x + area.width - tw, area.y, &total, tw, theme.title());
    let (e, warn) = w.counts();
    let part = |i: usize| score.parts.get(i);
    let line2 = cat.fmt(
        "ui.header2",
        &[
            ("exec", part(0).and_then(|p| p.score).map_or_else(|| "-".into(), fixed2)),
            ("exec_weight", part(0).map_or_else(String::new, |p| fixed2(p.weight))),
            ("ind", part(1).and_then(|p| p.score).map_or_else(|| "-".into(), fixed2)),
            ("ind_weight", part(1).map_or_else(String::new, |p| fixed2(p.weight))),
            ("filled", filled.to_string()),
            ("all", all.to_string()),
            ("errors", e.to_string()),
            ("warnings", warn.to_string()),
        ],
    );
    put(buf, area.x, area.y + 1, &line2, area.width, theme.muted());
}

fn footer(w: &Wizard, cat: &Catalog, theme: Theme, area: Rect, buf: &mut Buffer) {
    let y = area.y + area.height - 2;
    let (text, style) = if let Some(n) = w.note() {
        (cat.fmt(n.key, &n.args), if n.error { theme.error() } else { theme.ok() })
    } else if let Some(e) = w.draft_error() {
        // Until drafts can be written again: input is at risk, say so before anything else.
        (cat.fmt("ui.draft_failed", &[("error", e.clone())]), theme.error())
    } else if matches!(w.screen(), Screen::Section(_)) {
        let issues = w.section_issues(w.section());
        let e = issues.iter().filter(|i| i.severity() == Severity::Error).count();
        let shown: Vec<&&Issue> = issues.iter().filter(|i| w.is_revealed(&i.path)).collect();
        match shown.first() {
            Some(first) => {
                // The first finding in full when it fits; else where it is (the message is
                // under the field when it is focused, and in full on the review).
                let status = |first: String| {
                    cat.fmt(
                        "ui.section_status",
                        &[("errors", e.to_string()), ("warnings", (issues.len() - e).to_string()), ("first", first)],
                    )
                };
                let label = present::label(w.pkg(), &first.path, cat);
                let full = status(cat.fmt(
                    "ui.finding_at",
                    &[
                        ("rule", first.rule.to_string()),
                        ("field", label.clone()),
                        ("message", present::message(w.pkg(), first, cat)),
                    ],
                ));
                let fits = |t: &String| width(t) <= usize::from(area.width);
                let where_ =
                    status(cat.fmt("ui.section_status_where", &[("rule", first.rule.to_string()), ("field", label)]));
                let text = if fits(&full) {
                    full
                } else if fits(&where_) {
                    where_
                } else {
                    status(cat.fmt("ui.section_status_rule", &[("rule", first.rule.to_string())]))
                };
                (text, if e > 0 { theme.error() } else { theme.warning() })
            }
            None if e > 0 => (cat.fmt("ui.section_todo", &[("errors", e.to_string())]), theme.muted()),
            None => (cat.tr("ui.section_ok").to_string(), theme.ok()),
        }
    } else {
        (String::new(), theme.normal())
    };
    put(buf, area.x, y, &text, area.width, style);
    // Whole items only: the ones that do not fit leave room for the last two (help, quit).
    let help = match w.overlay() {
        Some(Overlay::Help) => cat.tr("ui.any_key").to_string(),
        Some(Overlay::Map { .. }) => cat.tr("ui.map_keys").to_string(),
        Some(Overlay::Picker { .. }) => cat.tr("ui.picker_keys").to_string(),
        Some(Overlay::PathPrompt { .. }) => cat.tr("ui.path_keys").to_string(),
        Some(Overlay::Reference { .. }) => cat.tr("ui.any_key").to_string(),
        _ => {
            let names = keymap::help(w.context());
            let items: Vec<String> = names
                .iter()
                .map(|h| format!("{} {}", cat.tr(&format!("keys.{h}")), cat.tr(&format!("act.{h}"))))
                .collect();
            // Too narrow for all: the ones kept first (keymap::keep_rank) stay, in the line's order.
            let mut by_rank: Vec<usize> = (0..names.len()).collect();
            by_rank.sort_by_key(|i| keymap::keep_rank(names[*i]));
            let mut shown = vec![false; names.len()];
            let mut used = 0;
            for i in by_rank {
                let wd = width(&items[i]) + if used == 0 { 0 } else { 2 };
                if used + wd <= usize::from(area.width) {
                    shown[i] = true;
                    used += wd;
                }
            }
            items.iter().zip(shown).filter(|(_, s)| *s).map(|(t, _)| t.as_str()).collect::<Vec<_>>().join("  ")
        }
    };
    put(buf, area.x, y + 1, &help, area.width, theme.muted());
}

/// Status mark of a section and its style: its errors, else its warnings, else good.
fn section_mark(w: &Wizard, cat: &Catalog, theme: Theme, i: usize) -> (String, Style) {
    let issues = w.section_issues(i);
    let e = issues.iter().filter(|x| x.severity() == Severity::Error).count();
    match (e, issues.len() - e) {
        (0, 0) => (cat.tr("mark.section_ok").to_string(), theme.ok()),
        (0, n) => (cat.fmt("mark.section_warnings", &[("n", n.to_string())]), theme.warning()),
        (n, _) => (cat.fmt("mark.section_errors", &[("n", n.to_string())]), theme.error()),
    }
}

/// The list of sections with their marks in `r`; with `title`, the first line is the title.
fn section_map(w: &Wizard, cat: &Catalog, theme: Theme, r: Rect, buf: &mut Buffer, sel: Option<usize>, title: bool) {
    let s = w.sections();
    let top = u16::from(title);
    if title {
        put(buf, r.x, r.y, cat.tr("ui.map_title"), r.width, theme.title());
    }
    let rows = usize::from(r.height.saturating_sub(top));
    let total = s.len() + 1;
    let cur = sel.unwrap_or(w.section());
    let start = if total > rows { cur.saturating_sub(rows / 2).min(total - rows) } else { 0 };
    let in_section = matches!(w.screen(), Screen::Section(_));
    for (line, i) in (start..total).take(rows).enumerate() {
        let y = r.y + top + line as u16;
        let here = in_section && i == w.section() || w.in_review() && i == s.len();
        let (mark, mstyle) = if i < s.len() { section_mark(w, cat, theme, i) } else { (String::new(), theme.ok()) };
        // The title in what is left after the number and the mark.
        let room = usize::from(r.width).saturating_sub(width(&mark) + 1 + 4);
        let name =
            if i < s.len() { s[i].title_within(w.pkg(), cat, room) } else { cat.tr("ui.review_title").to_string() };
        let text = format!("{}{:>2} {}", if here { ">" } else { " " }, i + 1, name);
        let style = if sel == Some(i) {
            theme.focus()
        } else if here {
            theme.title()
        } else {
            theme.normal()
        };
        let mw = width(&mark) as u16;
        put(buf, r.x, y, &text, r.width.saturating_sub(mw + 1), style);
        put(buf, r.x + r.width - mw, y, &mark, mw, mstyle);
    }
}

fn welcome(w: &Wizard, cat: &Catalog, theme: Theme, area: Rect, buf: &mut Buffer) {
    let x = area.x + 2;
    let wd = area.width - 4;
    let mut y = area.y + 1;
    put(buf, x, y, cat.tr("ui.welcome_title"), wd, theme.title());
    y += 2;
    let intro = if w.read_only() { cat.tr("ui.welcome_read_only") } else { cat.tr("ui.welcome_intro") };
    for line in crate::text::wrap(intro, usize::from(wd)) {
        put(buf, x, y, &line, wd, theme.normal());
        y += 1;
    }
    y += 1;
    let (filled, all) = w.progress();
    let (e, warn) = w.counts();
    let status = if w.pkg().is_blank() {
        cat.fmt("ui.welcome_new", &[("path", w.files().data.clone())])
    } else {
        cat.fmt(
            "ui.welcome_continue",
            &[
                ("path", w.files().data.clone()),
                ("filled", filled.to_string()),
                ("all", all.to_string()),
                ("errors", e.to_string()),
                ("warnings", warn.to_string()),
            ],
        )
    };
    for line in crate::text::wrap(&status, usize::from(wd)) {
        put(buf, x, y, &line, wd, theme.normal());
        y += 1;
    }
    y += 1;
    if let Some(year) = w.carried_from() {
        let text = cat.fmt("ui.welcome_carried", &[("year", year.to_string())]);
        for line in crate::text::wrap(&text, usize::from(wd)) {
            put(buf, x, y, &line, wd, theme.normal());
            y += 1;
        }
        y += 1;
    }
    if let Some(d) = w.draft_offer() {
        let filled = d.package.filled();
        let text = cat.fmt(
            "ui.welcome_draft",
            &[("saved_at", crate::present::ago(d.age_secs, cat)), ("filled", filled.to_string())],
        );
        for line in crate::text::wrap(&text, usize::from(wd)) {
            put(buf, x, y, &line, wd, theme.warning());
            y += 1;
        }
        y += 1;
    }
    for (i, opt) in w.welcome_options().iter().enumerate() {
        let label = match opt {
            WelcomeOpt::Start if w.pkg().is_blank() => cat.tr("ui.welcome_start").to_string(),
            WelcomeOpt::Start => cat.tr("ui.welcome_resume").to_string(),
            WelcomeOpt::RestoreDraft if w.read_only() => cat.tr("ui.welcome_view_draft").to_string(),
            WelcomeOpt::DiscardDraft if w.read_only() => cat.tr("ui.welcome_skip_draft").to_string(),
            WelcomeOpt::RestoreDraft => cat.tr("ui.welcome_restore").to_string(),
            WelcomeOpt::DiscardDraft => cat.tr("ui.welcome_discard").to_string(),
            WelcomeOpt::Language => cat.fmt("ui.welcome_lang", &[("lang", cat.tr("ui.lang_name").to_string())]),
        };
        let sel = w.welcome_sel() == i;
        let text = format!("{} {label}", if sel { ">" } else { " " });
        put(buf, x, y, &text, wd, if sel { theme.focus() } else { theme.normal() });
        y += 1;
    }
    put(buf, x, area.y + area.height - 1, cat.tr("ui.welcome_keys"), wd, theme.muted());
}

fn done(w: &Wizard, cat: &Catalog, theme: Theme, area: Rect, buf: &mut Buffer) {
    let x = area.x + 2;
    let wd = area.width - 4;
    put(buf, x, area.y + 1, cat.tr("ui.done_title"), wd, theme.title());
    let score = w.checked().score();
    let (e, warn) = w.counts();
    let lines = [
        cat.fmt("ui.done_data", &[("path", w.files().data.clone())]),
        cat.fmt("ui.done_report", &[("path", w.files().report.clone())]),
    ];
    let office =
        w.pkg().exports.iter().map(|o| cat.fmt(&format!("ui.done_{}", o.ext()), &[("path", w.office_path(*o))]));
    let lines: Vec<String> = lines
        .into_iter()
        .chain(office)
        .chain([
            String::new(),
            cat.fmt("ui.done_score", &[("score", fixed2(score.total)), ("weight", fixed2(score.weight))]),
            cat.fmt("ui.done_issues", &[("errors", e.to_string()), ("warnings", warn.to_string())]),
            String::new(),
            cat.tr("ui.done_keys").to_string(),
        ])
        .collect();
    for (i, l) in lines.iter().enumerate() {
        put(buf, x, area.y + 3 + i as u16, l, wd, theme.normal());
    }
}

fn review(w: &Wizard, cat: &Catalog, theme: Theme, r: Rect, buf: &mut Buffer) {
    let mut y = r.y;
    for line in present::score_lines(&w.checked().score(), w.profile(), cat) {
        put(buf, r.x, y, &line, r.width, theme.normal());
        y += 1;
    }
    // What Ctrl-W writes besides the data file and the report: X and D switch them.
    let mark = |o| if w.pkg().exports.contains(&o) { "[x]" } else { "[ ]" };
    let office = cat.fmt(
        "ui.review_office",
        &[
            ("xlsx", mark(crate::form::package::Office::Xlsx).into()),
            ("docx", mark(crate::form::package::Office::Docx).into()),
        ],
    );
    // Only looking, nothing is written: no choice of what to write.
    if !w.read_only() {
        put(buf, r.x, y, &office, r.width, theme.normal());
        y += 2;
    }
    let list = w.review_list();
    let still = w.still_last_year();
    let (e, warn) = w.counts();
    let mut count = cat.fmt("ui.review_issues", &[("errors", e.to_string()), ("warnings", warn.to_string())]);
    if !still.is_empty() {
        count.push_str(&cat.fmt("ui.review_still", &[("n", still.len().to_string())]));
    }
    put(buf, r.x, y, &count, r.width, theme.title());
    y += 1;
    if list.is_empty() && still.is_empty() {
        put(buf, r.x, y, cat.tr("ui.review_clean"), r.width, theme.ok());
        return;
    }
    // The selected entry in full at the bottom (a list line may be cut); where it is, and for
    // a finding about two places, how to go to either.
    let sel = w.review_sel();
    let (full, key) = match (list.get(sel), still.get(sel.wrapping_sub(list.len()))) {
        (Some(issue), _) => (
            present::issue_line(w.pkg(), issue, cat, &Default::default()),
            if issue.other_path().is_some() { "ui.review_go_either" } else { "ui.review_go" },
        ),
        (None, Some(p)) => (present::still_line(w.pkg(), p, cat), "ui.review_go"),
        (None, None) => (String::new(), "ui.review_go"),
    };
    let mut detail = crate::text::wrap(&full, usize::from(r.width));
    detail.truncate(4);
    detail.push(cat.tr(key).to_string());
    let detail_h = u16::try_from(detail.len()).unwrap_or(0);
    let list_end = (r.y + r.height).saturating_sub(detail_h + 1);
    let rows = usize::from(list_end.saturating_sub(y));
    // The issues, then what is still last year's (not an issue: nothing is wrong with it yet).
    let entries = list
        .iter()
        .map(|issue| {
            let style = if issue.severity() == Severity::Error { theme.error() } else { theme.warning() };
            (present::issue_line(w.pkg(), issue, cat, &Default::default()), style)
        })
        .chain(still.iter().map(|p| (present::still_line(w.pkg(), p, cat), theme.muted())));
    let start = (w.review_sel() / rows.max(1)) * rows.max(1);
    for (i, (text, style)) in entries.enumerate().skip(start).take(rows) {
        let sel = i == w.review_sel();
        let line = format!("{} {text}", if sel { ">" } else { " " });
        put(buf, r.x, y, &line, r.width, if sel { theme.focus() } else { style });
        y += 1;
    }
    let n = detail.len();
    for (dy, (i, line)) in (list_end + 1..).zip(detail.iter().enumerate()) {
        let style = if i + 1 == n { theme.muted() } else { theme.normal() };
        put(buf, r.x, dy, line, r.width, style);
    }
}

/// A centred box with ASCII borders (box-drawing characters are double width in some CJK
/// terminals); returns the inner area.
fn popup(area: Rect, w: u16, h: u16, title: &str, theme: Theme, buf: &mut Buffer) -> Rect {
    let w = w.min(area.width - 2);
    let h = h.min(area.height - 2);
    let r = Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h };
    ratatui::widgets::Clear.render(r, buf);
    let border = format!("+{}+", "-".repeat(usize::from(w - 2)));
    put(buf, r.x, r.y, &border, w, theme.normal());
    put(buf, r.x, r.y + h - 1, &border, w, theme.normal());
    for y in r.y + 1..r.y + h - 1 {
        put(buf, r.x, y, "|", 1, theme.normal());
        put(buf, r.x + w - 1, y, "|", 1, theme.normal());
    }
    put(buf, r.x + 2, r.y, &format!(" {title} "), w - 4, theme.title());
    Rect { x: r.x + 2, y: r.y + 1, width: w - 4, height: h - 2 }
}

fn overlay(w: &Wizard, ov: &Overlay, cat: &Catalog, theme: Theme, area: Rect, buf: &mut Buffer) {
    match ov {
        Overlay::Help => {
            let inner = popup(area, 76, 18, cat.tr("ui.help_title"), theme, buf);
            let lines = body::help_lines(w, cat);
            let mut y = inner.y;
            for l in lines {
                for part in crate::text::wrap(&l, usize::from(inner.width)) {
                    if y < inner.y + inner.height - 1 {
                        put(buf, inner.x, y, &part, inner.width, theme.normal());
                        y += 1;
                    }
                }
            }
            put(buf, inner.x, inner.y + inner.height - 1, cat.tr("ui.any_key"), inner.width, theme.muted());
        }
        Overlay::Reference { scroll } => {
            let (tw, rows) = crate::wizard::overlay::reference_area(w.size());
            let title = w.slot().and_then(|s| s.path()).map_or_else(String::new, |p| present::label(w.pkg(), p, cat));
            let lines = crate::wizard::overlay::reference_lines(w.reference().unwrap_or_default(), tw);
            // As tall as the text needs, at most the screen.
            let shown = u16::try_from(lines.len()).unwrap_or(u16::MAX).clamp(1, rows);
            let inner = popup(area, tw + 4, shown + 4, &title, theme, buf);
            put(buf, inner.x, inner.y, &present::reference_heading(w.pkg(), cat), inner.width, theme.muted());
            for (i, line) in lines.iter().skip(*scroll).take(usize::from(rows)).enumerate() {
                put(buf, inner.x, inner.y + 1 + i as u16, line, inner.width, theme.normal());
            }
            let keys = cat.fmt(
                "ui.reference_keys",
                &[
                    ("from", (scroll + 1).min(lines.len()).to_string()),
                    ("to", (scroll + usize::from(rows)).min(lines.len()).to_string()),
                    ("n", lines.len().to_string()),
                ],
            );
            put(buf, inner.x, inner.y + inner.height - 1, &keys, inner.width, theme.muted());
        }
        Overlay::Map { sel } => {
            let inner = popup(
                area,
                44,
                (w.sections().len() as u16 + 5).min(area.height - 2),
                cat.tr("ui.map_title"),
                theme,
                buf,
            );
            // The box's border carries the title; the list fills the box above the key line.
            let list = Rect { height: inner.height - 1, ..inner };
            section_map(w, cat, theme, list, buf, Some(*sel), false);
            put(buf, inner.x, inner.y + inner.height - 1, cat.tr("ui.map_keys"), inner.width, theme.muted());
        }
        Overlay::Picker { path, options, sel } => {
            let title = present::label(w.pkg(), path, cat);
            let h = (options.len() as u16 + 4).min(area.height - 2);
            let inner = popup(area, 60, h, &title, theme, buf);
            for (i, o) in options.iter().enumerate().take(usize::from(inner.height - 1)) {
                let shown = body::choice_label(w, path, o, cat);
                let text = format!("{} {}. {shown}", if i == *sel { ">" } else { " " }, i + 1);
                put(
                    buf,
                    inner.x,
                    inner.y + i as u16,
                    &text,
                    inner.width,
                    if i == *sel { theme.focus() } else { theme.normal() },
                );
            }
            put(buf, inner.x, inner.y + inner.height - 1, cat.tr("ui.picker_keys"), inner.width, theme.muted());
        }
        Overlay::PathPrompt { input } => {
            let inner = popup(area, 70, 8, cat.tr("ui.path_title"), theme, buf);
            put(buf, inner.x, inner.y, cat.tr("ui.path_text"), inner.width, theme.normal());
            let shown = crate::text::visible(input, false);
            let max = usize::from(inner.width - 2);
            // Show the end of a long path, where the user types.
            let tail: String = {
                let mut t: Vec<char> = Vec::new();
                let mut wsum = 0;
                for c in shown.chars().rev() {
                    let cw = crate::text::char_width(c);
                    if wsum + cw > max {
                        break;
                    }
                    wsum += cw;
                    t.push(c);
                }
                t.into_iter().rev().collect()
            };
            put(buf, inner.x, inner.y + 2, &format!("> {tail}"), inner.width, theme.focus());
            put(buf, inner.x, inner.y + inner.height - 1, cat.tr("ui.path_keys"), inner.width, theme.muted());
        }
        Overlay::Confirm(c) => {
            let (title, text) = confirm_text(w, c, cat);
            // As tall as the question: its lines, a blank line, the keys, the border.
            let width = 64.min(area.width.saturating_sub(2));
            let lines = crate::text::wrap(&text, usize::from(width.saturating_sub(4))).len();
            let height = u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(4).max(5);
            let inner = popup(area, width, height, title, theme, buf);
            let mut y = inner.y;
            for line in crate::text::wrap(&text, usize::from(inner.width)) {
                if y < inner.y + inner.height - 1 {
                    put(buf, inner.x, y, &line, inner.width, theme.normal());
                    y += 1;
                }
            }
            put(buf, inner.x, inner.y + inner.height - 1, cat.tr("confirm.keys"), inner.width, theme.title());
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    use super::{blank, put};

    /// `blank` is `put` of spaces in the plain style, cell for cell: beside a wide character,
    /// over one, over styled cells, and running off the right edge.
    #[test]
    fn blank_writes_what_put_of_spaces_writes() {
        let base = |s: &str| {
            let mut b = Buffer::empty(Rect::new(0, 0, 12, 2));
            b.set_stringn(0, 0, s, 12, Style::default().fg(Color::Red));
            b.set_stringn(0, 1, "ab中文cd", 12, Style::default().bg(Color::Blue));
            b
        };
        for line in ["中文中文中文", "a中b文c中d", "abcdefghijkl"] {
            for (x, y, w) in [(0, 0, 4), (1, 0, 3), (2, 1, 5), (3, 1, 2), (9, 0, 6), (11, 1, 1), (4, 0, 0)] {
                let (mut a, mut b) = (base(line), base(line));
                blank(&mut a, x, y, w);
                put(&mut b, x, y, &" ".repeat(usize::from(w)), w, Style::default());
                assert_eq!(a, b, "{line:?} at ({x}, {y}) for {w}");
            }
        }
    }
}
