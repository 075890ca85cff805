//! The section screen's body: every slot as a row (fields), a grid (the 经费 table) or a
//! table row (repeatable rows), then the editor pane for the focused slot.

use std::sync::OnceLock;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget as _;

use super::{Theme, put};
use crate::form::def::{Choices, Figure, Form, GridRow, Kind, TableColumn, Target};
use crate::form::scoring::{Nature, Outcome};
use crate::form::{Package, Severity, file};
use crate::i18n::Catalog;
use crate::present;
use crate::text::{pad_left, pad_right, truncate, width};
use crate::wizard::{Group, SlotKind, Wizard};

/// A line of the list: a grid's or table's header, or the slots of one row.
enum VRow<'a> {
    Header(&'a Group),
    Slots(std::ops::Range<usize>),
}

/// A table's columns (key, width, header label) at the width drawn.
type Columns = Vec<(&'static str, u16, String)>;

/// What the lines of one table or project list share, found once per frame and group, not
/// once per row: the width of the row numbers (two digits, more when there are more rows:
/// row 1,000 is shown whole) and, for a table, its columns.
#[derive(Default)]
struct Rows {
    number_w: u16,
    cols: Columns,
}

impl Rows {
    /// The columns before a row's first cell: the focus mark, the number and a space.
    fn gutter(&self) -> u16 {
        self.number_w + 2
    }
}

/// Digits in the largest row number of `n` rows, at least two.
fn number_width(n: usize) -> u16 {
    u16::try_from(n.max(1).ilog10() + 1).unwrap_or(u16::MAX).max(2)
}

/// The form of the section shown.
fn form(w: &Wizard) -> &'static Form {
    w.sections().get(w.section()).map_or_else(|| w.pkg().form(), |s| s.form)
}

/// The value of a computed cell as shown.
fn calc_value(w: &Wizard, path: &str, cat: &Catalog) -> String {
    present::figure(w.checked().figures.get(path), cat, "-")
}

/// The kind of the field at `path`.
fn kind_of(pkg: &Package, path: &str) -> Option<Kind> {
    match pkg.form().resolve(path)?.target {
        Target::Field(f) => Some(f.kind),
        Target::Cell(_, _, c) => Some(c.kind),
        _ => None,
    }
}

/// How a choice value is shown (its translation beside it in English).
pub(super) fn choice_label(w: &Wizard, path: &str, value: &str, cat: &Catalog) -> String {
    let p = w.profile();
    let key = match kind_of(w.pkg(), path) {
        Some(Kind::Choice(Choices::Level1)) => p.level1(value).map(|l| format!("level1.{}", l.key)),
        Some(Kind::Choice(Choices::Level2(_))) => {
            p.level1.iter().flat_map(|l| &l.level2).find(|m| m.name == value).map(|m| format!("level2.{}", m.key))
        }
        Some(Kind::Choice(Choices::Tier)) => p.tier(value).map(|(_, t)| format!("tier.{}", t.key)),
        Some(Kind::Choice(Choices::Nature)) => Nature::parse(value).map(|n| n.key().to_string()),
        _ => None,
    };
    match key.as_deref().and_then(|k| cat.try_tr(k)) {
        Some(t) if t != value => format!("{value} ({t})"),
        _ => value.to_string(),
    }
}

fn field_display(w: &Wizard, path: &str, kind: Kind) -> String {
    let t = w.pkg().text_at(path);
    match kind {
        Kind::LongText if !t.is_empty() => {
            let first: String = t.lines().next().unwrap_or("").chars().take(200).collect();
            let first = first.as_str();
            let n = t.chars().count();
            format!("{} ({})", crate::text::visible(first, false), w.catalog().fmt("ui.chars", &[("n", n.to_string())]))
        }
        _ => crate::text::visible(t, false),
    }
}

/// The mark after a field: error, warning, or required-and-empty.
fn mark(w: &Wizard, path: &str, cat: &Catalog, theme: Theme) -> (String, Style) {
    let issues = w.issues_at(path);
    if issues.iter().any(|i| i.severity() == Severity::Error) {
        (cat.tr("mark.error").to_string(), theme.error())
    } else if !issues.is_empty() {
        (cat.tr("mark.warning").to_string(), theme.warning())
    } else {
        (String::new(), theme.normal())
    }
}

/// Whether a field is required.
fn required(w: &Wizard, path: &str) -> bool {
    match w.pkg().form().resolve(path).map(|r| r.target) {
        Some(Target::Field(f)) => f.required,
        Some(Target::Cell(_, _, c)) => c.required,
        _ => false,
    }
}

/// Draws the body and the editor pane; returns the caret position.
pub(super) fn section(w: &Wizard, cat: &Catalog, theme: Theme, r: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
    // A long text gets the tall pane only once its editor is open (Enter or typing): moving
    // through a section keeps the layout still and rewrites a few cells (issue 6).
    let long = w.is_open();
    let pane_h = crate::wizard::geometry::pane_height(r.height, long);
    let list = Rect { height: r.height - pane_h - 1, ..r };
    let sep_y = list.y + list.height;
    put(buf, r.x, sep_y, &"-".repeat(usize::from(r.width)), r.width, theme.muted());
    draw_list(w, cat, theme, list, buf);
    pane(w, cat, theme, Rect { y: sep_y + 1, height: pane_h, ..r }, buf)
}

fn draw_list(w: &Wizard, cat: &Catalog, theme: Theme, r: Rect, buf: &mut Buffer) {
    // Only the lines on screen are looked at: the lines were found when the slots were built,
    // and the focused one by binary search (a key costs the same in a 1,000-row table).
    let lines = w.lines();
    if lines.is_empty() {
        return;
    }
    let h = usize::from(r.height).max(1);
    let focused_line = crate::wizard::slots::line_of(lines, w.focus());
    let mut start = (focused_line / h) * h;
    // Keep the header of the focused grid or table on screen.
    let pinned = lines[focused_line].group_header.filter(|hd| *hd < start);
    if pinned.is_some() && focused_line >= start + h - 1 {
        start += 1;
    }
    let label_w = label_width(w, cat);
    let slots = w.slots();
    let vrow = |l: &crate::wizard::Line| {
        if l.header { VRow::Header(&slots[l.slots.start].group) } else { VRow::Slots(l.slots.clone()) }
    };
    let mut shared: Option<(&Group, Rows)> = None;
    let none = Rows::default();
    let shown = pinned.map(|hd| &lines[hd]).into_iter().chain(lines.iter().skip(start));
    for (y, l) in (r.y..r.y + r.height).zip(shown) {
        let rows = match slots.get(l.slots.start).map(|s| &s.group) {
            Some(g @ (Group::Table(_) | Group::Instances(_))) => {
                if shared.as_ref().is_none_or(|(c, _)| *c != g) {
                    shared = Some((g, rows_of(w, g, r.width, cat)));
                }
                shared.as_ref().map(|(_, c)| c)
            }
            _ => None,
        };
        draw_vrow(w, cat, theme, &vrow(l), Rect { y, height: 1, ..r }, (label_w, rows.unwrap_or(&none)), buf);
    }
}

/// What the rows of a table or project list share when drawn `width` columns wide.
fn rows_of(w: &Wizard, g: &Group, width: u16, cat: &Catalog) -> Rows {
    match g {
        Group::Table(t) => {
            let mut rows = Rows { number_w: number_width(w.pkg().rows_at(t).len()), cols: Vec::new() };
            if let Some(def) = w.pkg().table_def(t) {
                let form = w.pkg().sheet_of(t).0.form();
                rows.cols = table_columns(def, form, width.saturating_sub(rows.gutter()), cat);
            }
            rows
        }
        Group::Instances(g) => Rows { number_w: number_width(w.pkg().instances(*g).len()), cols: Vec::new() },
        Group::Scalar | Group::Grid(_) => Rows::default(),
    }
}

fn label_width(w: &Wizard, cat: &Catalog) -> u16 {
    // Scalar rows only: a table's thousand rows are skipped a line at a time, not a slot at a
    // time.
    let slots = w.slots();
    let scalars =
        || w.lines().iter().filter(|l| !l.header && l.group_header.is_none()).flat_map(|l| &slots[l.slots.clone()]);
    // A project's fields are labelled without the project's name (the header says it).
    let own = w.sections().get(w.section()).is_some_and(|s| s.instance.is_some());
    let m = scalars()
        .map(|s| match &s.kind {
            SlotKind::Field { path, .. } if own => width(&own_label(w, path, cat)) + 2,
            SlotKind::Field { path, .. } => width(&present::label(w.pkg(), path, cat)) + 2,
            SlotKind::Calc { name, .. } => width(cat.tr(&format!("calc.{name}.label"))) + 2,
            SlotKind::AddRow { .. } | SlotKind::AddInstance { .. } => 0,
        })
        .max()
        .unwrap_or(10);
    u16::try_from(m.clamp(10, 34)).unwrap_or(34)
}

/// A field's label within its sheet (without "项目 2《…》·").
fn own_label(w: &Wizard, path: &str, cat: &Catalog) -> String {
    match w.sections().get(w.section()) {
        Some(sec) if !sec.prefix.is_empty() && path.starts_with(&sec.prefix) => {
            let (sheet, rest) = w.pkg().sheet_of(path);
            present::label(sheet, rest, cat)
        }
        _ => present::label(w.pkg(), path, cat),
    }
}

/// Draws one line; `label_w` is the width of scalar labels and `rows` what the line's table
/// or project list shares (default for other lines).
fn draw_vrow(
    w: &Wizard,
    cat: &Catalog,
    theme: Theme,
    v: &VRow,
    r: Rect,
    (label_w, rows): (u16, &Rows),
    buf: &mut Buffer,
) {
    match v {
        VRow::Header(Group::Grid(gi)) => {
            let form = form(w);
            let year = w.pkg().fiscal_year().unwrap_or(0);
            let args = [("year", year.to_string()), ("prev", (year - 1).to_string())];
            let lw = r.width - 2 - 3 * 13;
            let mut x =
                put(buf, r.x + 2, r.y, &pad_right(cat.tr("report.funds_item"), usize::from(lw)), lw, theme.title());
            for c in form.grids[*gi].columns {
                let label = cat.try_tr(&format!("column.{c}_y")).map_or_else(
                    || cat.tr(&format!("column.{c}")).to_string(),
                    |_| cat.fmt(&format!("column.{c}_y"), &args),
                );
                x = put(buf, x + 1, r.y, &pad_left(&truncate(&label, 12), 12), 12, theme.title());
            }
        }
        VRow::Header(Group::Table(_)) => {
            let mut x = r.x + rows.gutter();
            for (_, wd, label) in &rows.cols {
                put(buf, x, r.y, &truncate(label, usize::from(*wd)), *wd, theme.title());
                x += wd + 1;
            }
            put(buf, r.x, r.y, "#", 2, theme.title());
        }
        VRow::Header(Group::Instances(_)) => {
            let (name_w, money_w) = instance_columns(r.width, rows.gutter());
            let x = put(
                buf,
                r.x + rows.gutter(),
                r.y,
                &pad_right(cat.tr("ui.projects_name"), usize::from(name_w)),
                name_w,
                theme.title(),
            );
            let x = put(
                buf,
                x + 1,
                r.y,
                &pad_left(cat.tr("ui.projects_spent"), usize::from(money_w)),
                money_w,
                theme.title(),
            );
            put(buf, x + 1, r.y, &pad_left(cat.tr("ui.projects_score"), usize::from(money_w)), money_w, theme.title());
            put(buf, r.x, r.y, "#", 2, theme.title());
        }
        VRow::Header(Group::Scalar) => {}
        VRow::Slots(range) => {
            let ix: Vec<usize> = range.clone().collect();
            let ix = ix.as_slice();
            let focused = range.contains(&w.focus());
            put(buf, r.x, r.y, if focused { ">" } else { " " }, 1, theme.title());
            let first = &w.slots()[ix[0]];
            match &first.group {
                Group::Scalar => scalar_row(w, cat, theme, ix[0], r, label_w, buf),
                Group::Grid(gi) => grid_row(w, cat, theme, *gi, ix, r, buf),
                Group::Table(_) => table_row(w, cat, theme, rows, ix, r, buf),
                Group::Instances(_) => instance_row(w, cat, theme, rows, ix, r, buf),
            }
        }
    }
}

fn scalar_row(w: &Wizard, cat: &Catalog, theme: Theme, i: usize, r: Rect, label_w: u16, buf: &mut Buffer) {
    let slot = &w.slots()[i];
    let value_x = r.x + 2 + label_w;
    let value_w = r.width.saturating_sub(label_w + 2 + 4);
    match &slot.kind {
        SlotKind::Field { path, kind } => {
            let empty = w.pkg().text_at(path).is_empty();
            let label = format!("{}{}", own_label(w, path, cat), if required(w, path) && empty { " *" } else { "" });
            put(buf, r.x + 2, r.y, &label, label_w, theme.normal());
            let value = if matches!(kind, Kind::Choice(_)) {
                choice_label(w, path, w.pkg().text_at(path), cat)
            } else {
                field_display(w, path, *kind)
            };
            // Focus is marked by ">" alone: moving it rewrites two cells, not two whole rows.
            put(buf, value_x, r.y, &truncate(&value, usize::from(value_w)), value_w, theme.normal());
            let (m, ms) = mark(w, path, cat, theme);
            put(buf, r.x + r.width - 3, r.y, &m, 3, ms);
        }
        SlotKind::Calc { path, name } => {
            put(buf, r.x + 2, r.y, cat.tr(&format!("calc.{name}.label")), label_w, theme.normal());
            let v = format!("= {}", calc_value(w, path, cat));
            put(buf, value_x, r.y, &v, value_w, theme.computed());
        }
        SlotKind::AddRow { .. } | SlotKind::AddInstance { .. } => {}
    }
}

fn grid_row(w: &Wizard, cat: &Catalog, theme: Theme, gi: usize, ix: &[usize], r: Rect, buf: &mut Buffer) {
    let form = form(w);
    let grid = &form.grids[gi];
    let lw = r.width - 2 - 3 * 13;
    let slots = w.slots();
    let row_key = match &slots[ix[0]].kind {
        SlotKind::Field { path, .. } | SlotKind::Calc { path, .. } => {
            path.rsplit('.').nth(1).unwrap_or_default().to_string()
        }
        _ => String::new(),
    };
    let label = match grid.rows.iter().find(|g| g.key() == row_key) {
        Some(g @ GridRow::Input { key, .. }) => format!(
            "{}{}",
            "  ".repeat(usize::from(g.indent())),
            cat.tr(&format!("field.{}{}.{key}", form.locale, grid.key))
        ),
        Some(GridRow::Total { key, indent, table, .. }) => {
            let label = format!("{}{}", "  ".repeat(usize::from(*indent)), cat.tr(&format!("calc.{key}.label")));
            let prefix = w.sections().get(w.section()).map_or("", |s| s.prefix.as_str());
            let n = table.map_or(0, |t| w.pkg().rows_at(&format!("{prefix}{}", t.0)).len());
            if n > 0 { cat.fmt("ui.projects_with_special", &[("label", label), ("n", n.to_string())]) } else { label }
        }
        None => String::new(),
    };
    let mut x =
        put(buf, r.x + 2, r.y, &pad_right(&truncate(&label, usize::from(lw)), usize::from(lw)), lw, theme.normal());
    for i in ix {
        let focused = *i == w.focus();
        let (text, style) = match &slots[*i].kind {
            SlotKind::Field { path, .. } => {
                let (m, _) = mark(w, path, cat, theme);
                let v = crate::text::visible(w.pkg().text_at(path), false);
                // The mark sits apart from the value, so neither reads as part of the other.
                let text = if m.is_empty() {
                    v
                } else if v.is_empty() {
                    m
                } else {
                    format!("{m} {v}")
                };
                (text, if focused { theme.focus() } else { theme.normal() })
            }
            SlotKind::Calc { path, .. } => {
                (calc_value(w, path, cat), if focused { theme.focus() } else { theme.computed() })
            }
            _ => (String::new(), theme.normal()),
        };
        cell(buf, (x + 1, r.y, 12), &text, true, style, focused);
        x += 13;
    }
}

/// One grid cell, aligned in its column. A focused cell is marked on its text only (one cell
/// when empty), so moving focus restyles the values, not the whole column width (issue 6).
fn cell(buf: &mut Buffer, (x, y, wd): (u16, u16, u16), text: &str, right: bool, style: Style, focused: bool) {
    let t = truncate(text, usize::from(wd));
    let t = if t.is_empty() && focused { " ".to_string() } else { t };
    let tw = u16::try_from(width(&t)).unwrap_or(wd).min(wd);
    let at = if right { x + wd - tw } else { x };
    // Padding is plain: a coloured blank looks the same and would only cost bytes.
    super::blank(buf, x, y, wd);
    put(buf, at, y, &t, tw, style);
}

/// Column keys, widths and header labels of a table for an available width: each column's
/// minimum from the definition, the rest shared out.
fn table_columns(
    def: &crate::form::def::Table,
    form: &Form,
    avail: u16,
    cat: &Catalog,
) -> Vec<(&'static str, u16, String)> {
    let spec: Vec<(&'static str, (u16, u16), String)> = def
        .screen_order()
        .into_iter()
        .map(|col| match col {
            TableColumn::Input(c) => {
                (c.key, c.width, cat.try_tr(&c.short).unwrap_or_else(|| cat.tr(&c.label)).to_string())
            }
            TableColumn::Computed(c) => {
                let name = form.calc(&format!("{}.{}", def.key, c.key.0)).map_or(c.key.0, |d| d.name);
                let label = cat
                    .try_tr(&format!("short.{name}"))
                    .map_or_else(|| cat.tr(&format!("calc.{name}.label")).to_string(), str::to_string);
                (c.key.0, c.width, label)
            }
        })
        .collect();
    let fixed: u16 = spec.iter().map(|(_, (m, _), _)| m + 1).sum();
    let shares: u16 = spec.iter().map(|(_, (_, s), _)| s).sum();
    let extra = avail.saturating_sub(fixed);
    let mut cols: Vec<(&'static str, u16, String)> =
        spec.iter().map(|(k, (m, s), l)| (*k, m + (extra * s).checked_div(shares).unwrap_or(0), l.clone())).collect();
    // What integer division left over goes to the widest-growing column.
    let used: u16 = cols.iter().map(|(_, w, _)| w + 1).sum();
    if let Some(i) = spec.iter().enumerate().max_by_key(|(_, c)| (c.1).1).map(|(i, _)| i) {
        cols[i].1 += avail.saturating_sub(used);
    }
    cols
}

/// A choice's value in a narrow table column: its abbreviation in the user's language
/// (locale `abbr.<level1|level2|tier|nature>.<key>`: 产出 / Out, 达成 / Met); any other value
/// as it is.
fn short_value(w: &Wizard, kind: Kind, v: &str, cat: &Catalog) -> String {
    let p = w.profile();
    let key = match kind {
        Kind::Choice(Choices::Level1) => p.level1(v).map(|l| format!("abbr.level1.{}", l.key)),
        Kind::Choice(Choices::Level2(_)) => {
            p.level1.iter().flat_map(|l| &l.level2).find(|m| m.name == v).map(|m| format!("abbr.level2.{}", m.key))
        }
        Kind::Choice(Choices::Tier) => p.tier(v).map(|(_, t)| format!("abbr.tier.{}", t.key)),
        Kind::Choice(Choices::Nature) => Nature::parse(v).map(|n| format!("abbr.{}", n.key())),
        _ => None,
    };
    match key.as_deref().and_then(|k| cat.try_tr(k)) {
        Some(t) => t.to_string(),
        None => v.to_string(),
    }
}

/// A table's row: its number, then each column's cell. `rows.cols` are the table's columns
/// in screen order, the order [`crate::wizard::slots::slots`] gives a row's slots in.
fn table_row(w: &Wizard, cat: &Catalog, theme: Theme, rows: &Rows, ix: &[usize], r: Rect, buf: &mut Buffer) {
    let slots = w.slots();
    if let SlotKind::AddRow { .. } = &slots[ix[0]].kind {
        let style = if ix[0] == w.focus() { theme.focus() } else { theme.muted() };
        let label = if w.read_only() { "ui.add_row_read_only" } else { "ui.add_row" };
        put(buf, r.x + 2, r.y, cat.tr(label), r.width - 2, style);
        return;
    }
    let row_no = slots[ix[0]].table_row().map_or(0, |(_, n)| n);
    let nw = rows.number_w;
    put(buf, r.x + 1, r.y, &format!("{row_no:>n$}", n = usize::from(nw)), nw, theme.muted());
    let mut x = r.x + rows.gutter();
    for ((_, wd, _), i) in rows.cols.iter().zip(ix) {
        let wd = *wd;
        let focused = *i == w.focus();
        let (text, style, right) = match &slots[*i].kind {
            SlotKind::Field { path, kind } => {
                let (m, ms) = mark(w, path, cat, theme);
                let v = short_value(w, *kind, &crate::text::visible(w.pkg().text_at(path), false), cat);
                let style = if focused {
                    theme.focus()
                } else if m.is_empty() {
                    theme.normal()
                } else {
                    ms
                };
                let v = if v.is_empty() && !m.is_empty() { m } else { v };
                (v, style, kind.is_numeric())
            }
            SlotKind::Calc { path, .. } => {
                (calc_value(w, path, cat), if focused { theme.focus() } else { theme.computed() }, true)
            }
            _ => (String::new(), theme.normal(), false),
        };
        cell(buf, (x, r.y, wd), &text, right, style, focused);
        x += wd + 1;
    }
}

/// Widths of the project list's columns after a `gutter`: name, then two figures.
fn instance_columns(width: u16, gutter: u16) -> (u16, u16) {
    let money = 14;
    (width.saturating_sub(gutter + 2 * (money + 1)), money)
}

fn instance_row(w: &Wizard, cat: &Catalog, theme: Theme, rows: &Rows, ix: &[usize], r: Rect, buf: &mut Buffer) {
    let slots = w.slots();
    if let SlotKind::AddInstance { .. } = &slots[ix[0]].kind {
        let style = if ix[0] == w.focus() { theme.focus() } else { theme.muted() };
        let text = match (w.read_only(), ix.len() == 1 && slots.len() == 1) {
            (true, true) => cat.tr("ui.no_projects_read_only"),
            (true, false) => cat.tr("ui.add_row_read_only"),
            (false, true) => cat.tr("ui.no_projects"),
            (false, false) => cat.tr("ui.add_project"),
        };
        put(buf, r.x + 2, r.y, text, r.width - 2, style);
        return;
    }
    let n = slots[ix[0]].table_row().map_or(0, |(_, n)| n);
    let nw = rows.number_w;
    put(buf, r.x + 1, r.y, &format!("{n:>w$}", w = usize::from(nw)), nw, theme.muted());
    let (name_w, money_w) = instance_columns(r.width, rows.gutter());
    let mut x = r.x + rows.gutter();
    for (k, i) in ix.iter().enumerate() {
        let focused = *i == w.focus();
        let wd = if k == 0 { name_w } else { money_w };
        let (text, style, right) = match &slots[*i].kind {
            SlotKind::Field { path, .. } => {
                let (m, ms) = mark(w, path, cat, theme);
                let v = crate::text::visible(w.pkg().text_at(path), false);
                let v = if v.is_empty() { m.clone() } else { v };
                (
                    v,
                    if focused {
                        theme.focus()
                    } else if m.is_empty() {
                        theme.normal()
                    } else {
                        ms
                    },
                    false,
                )
            }
            SlotKind::Calc { path, .. } => {
                (calc_value(w, path, cat), if focused { theme.focus() } else { theme.computed() }, true)
            }
            _ => (String::new(), theme.normal(), false),
        };
        cell(buf, (x, r.y, wd), &text, right, style, focused);
        x += wd + 1;
    }
}

/// The editor pane: label, editor (or value), live feedback or issue, help.
fn pane(w: &Wizard, cat: &Catalog, theme: Theme, r: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
    let slot = w.slot()?;
    let mut cursor = None;
    match &slot.kind {
        SlotKind::Field { path, kind } => {
            let req = if required(w, path) { cat.tr("ui.required") } else { "" };
            let label = format!("{}{}", own_label(w, path, cat), req);
            // The format hint stays at a fixed column, so moving between fields of one kind
            // rewrites only the label's own characters.
            let end = put(buf, r.x, r.y, &label, r.width, theme.title());
            let hint_x = (r.x + 36).max(end + 2);
            // Whole or not at all (it is on F1 too).
            let hint = format!("({})", cat.tr(&kind.hint_key()));
            if usize::from(hint_x) + width(&hint) <= usize::from(r.x + r.width) {
                put(buf, hint_x, r.y, &hint, r.x + r.width - hint_x, theme.muted());
            }
            let open = w.is_open();
            let edit_h = if open { r.height - 3 } else { 1 };
            let er = Rect { x: r.x + 2, y: r.y + 1, width: r.width - 2, height: edit_h };
            put(buf, r.x, er.y, ">", 1, theme.title());
            if *kind == Kind::LongText && !open {
                // Closed: its length and how to open it; the caret waits where typing begins.
                let n = w.pkg().text_at(path).chars().count();
                let line = if n == 0 {
                    cat.tr("ui.closed_empty").to_string()
                } else {
                    cat.fmt("ui.closed_text", &[("n", n.to_string())])
                };
                put(buf, er.x + 2, er.y, &line, er.width.saturating_sub(2), theme.muted());
                cursor = Some((er.x, er.y));
            } else if let Some(ed) = w.editor() {
                ed.render(er, buf);
                let sc = ed.screen_cursor();
                let (top, left) = ed.scroll_offset();
                let cx = er.x as usize + sc.col.saturating_sub(usize::from(left));
                let cy = er.y as usize + sc.row.saturating_sub(usize::from(top));
                if let (Ok(cx), Ok(cy)) = (u16::try_from(cx), u16::try_from(cy)) {
                    cursor = Some((cx.min(er.x + er.width - 1), cy.min(er.y + er.height - 1)));
                }
            } else {
                let v = choice_label(w, path, w.pkg().text_at(path), cat);
                let v = if v.is_empty() { cat.tr("ui.not_chosen").to_string() } else { v };
                put(buf, er.x, er.y, &v, er.width, theme.focus());
            }
            let (line, style) = feedback(w, path, cat, theme);
            // Choices list their options (a digit picks one); the field's help is on F1, and the
            // format hint is on the label line: a focus move then rewrites little.
            // A choice lists its options, whole ones only (the list on Enter has them all); a
            // table row says what it needs (a fresh row, a rule score that cannot be worked out).
            let help = if let Kind::Choice(ch) = kind {
                let mut items = vec![cat.tr("ui.pick_hint").to_string()];
                items.extend(w.options(path, *ch).iter().enumerate().map(|(i, o)| format!("{} {}", i + 1, o)));
                crate::text::fit_items(&items, "  ", usize::from(r.width), cat.tr("ui.pick_more"))
            } else if let Some(last) = w.reference() {
                // A package started from last year's: its text for this field is on F1.
                let first = last.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
                cat.fmt("ui.reference_line", &[("text", crate::text::visible(first, false))])
            } else {
                row_hint(w, path, cat).unwrap_or_default()
            };
            // The field's issue, on two lines when it needs them and the help line is free;
            // what still does not fit is in full on F1.
            let wd = usize::from(r.width);
            let mut lines = crate::text::wrap(&line, wd);
            let room = if help.is_empty() { 2 } else { 1 };
            if lines.len() > room {
                lines.truncate(room);
                let more = cat.tr("ui.more_on_f1");
                let last = lines.pop().unwrap_or_default();
                lines.push(format!("{}{more}", crate::text::truncate(&last, wd.saturating_sub(width(more)))));
            }
            for (i, l) in lines.iter().enumerate() {
                put(buf, r.x, er.y + edit_h + i as u16, l, r.width, style);
            }
            if lines.len() < 2 {
                put(buf, r.x, er.y + edit_h + 1, &help, r.width, theme.muted());
            }
        }
        SlotKind::Calc { path, name } => {
            put(
                buf,
                r.x,
                r.y,
                &format!("{} {}", cat.tr(&format!("calc.{name}.label")), cat.tr("ui.computed")),
                r.width,
                theme.title(),
            );
            put(buf, r.x + 2, r.y + 1, &format!("= {}", calc_value(w, path, cat)), r.width - 2, theme.computed());
            let profile = crate::form::profile_at(w.pkg(), w.profile(), path);
            put(buf, r.x, r.y + 2, &present::formula(name, profile, cat), r.width, theme.muted());
            if let Some(Figure::Proposal(p)) = w.checked().figures.get(path) {
                if let Outcome::Unscorable(why) = p.outcome {
                    put(buf, r.x, r.y + 3, cat.tr(&format!("unscorable.{why}")), r.width, theme.warning());
                }
            }
        }
        SlotKind::AddRow { table } => {
            let form = w.pkg().sheet_of(table).0.form();
            let key = w.pkg().table_def(table).map_or_else(String::new, |t| form.table_key(t.key));
            put(buf, r.x, r.y, cat.tr(&key), r.width, theme.title());
            for (i, l) in crate::text::wrap(cat.tr(rows_hint(w, "ui.add_row_hint")), usize::from(r.width))
                .iter()
                .take(3)
                .enumerate()
            {
                put(buf, r.x, r.y + 1 + i as u16, l, r.width, theme.muted());
            }
        }
        SlotKind::AddInstance { group } => {
            put(buf, r.x, r.y, cat.tr(&format!("table.{}", group.0)), r.width, theme.title());
            for (i, l) in crate::text::wrap(cat.tr(rows_hint(w, "ui.add_project_hint")), usize::from(r.width))
                .iter()
                .take(3)
                .enumerate()
            {
                put(buf, r.x, r.y + 1 + i as u16, l, r.width, theme.muted());
            }
        }
    }
    cursor
}

/// What the focused table row needs, said once under the editor: a fresh row (added by
/// Tab) how to go on, a rule score that cannot be worked out yet why, a 定性 row how it is
/// scored.
fn row_hint(w: &Wizard, path: &str, cat: &Catalog) -> Option<String> {
    let (table, row, _) = crate::form::def::split_cell(path)?;
    if w.fresh_row().is_some_and(|(t, r)| t == table && r == row) {
        return Some(cat.tr("ui.fresh_row").to_string());
    }
    let proposed = crate::form::def::cell_path(table, row, crate::form::scoring::ind::PROPOSED.0);
    match w.checked().figures.get(&proposed) {
        Some(Figure::Proposal(p)) => match p.outcome {
            Outcome::Unscorable(why) => {
                Some(cat.fmt("ui.row_unscorable", &[("why", cat.tr(&format!("unscorable.{why}")).to_string())]))
            }
            Outcome::Tier(_) => Some(cat.tr("ui.row_qualitative").to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// A finding as the field and the help show it: `警告 W-14：message`.
fn finding(w: &Wizard, i: &crate::form::Issue, cat: &Catalog) -> String {
    cat.fmt(
        "ui.finding",
        &[
            ("severity", present::severity(i, cat).to_string()),
            ("rule", i.rule.to_string()),
            ("message", present::message(w.pkg(), i, cat)),
        ],
    )
}

/// The field's issue once the user has left it; while typing, nothing (the stale message is
/// cleared on the first keystroke and the field is checked again when the user leaves it).
fn feedback(w: &Wizard, path: &str, cat: &Catalog, theme: Theme) -> (String, Style) {
    if w.editing() {
        return (String::new(), theme.normal());
    }
    match w.issues_at(path).first() {
        Some(i) => (finding(w, i, cat), if i.severity() == Severity::Error { theme.error() } else { theme.warning() }),
        None => (String::new(), theme.normal()),
    }
}

/// How wide an example value in F1 help may be, in columns (60 汉字).
const EXAMPLE_COLUMNS: usize = 120;

/// An example value on one line of help: its first line, cut to [`EXAMPLE_COLUMNS`], ending
/// with `…` when anything was left out (more of the line, or more lines).
fn example_line(ex: &str) -> String {
    let first = crate::text::visible(ex.lines().next().unwrap_or(""), false);
    let mut shown = crate::text::truncate(&first, EXAMPLE_COLUMNS);
    if ex.trim_end().lines().count() > 1 && !shown.ends_with('…') {
        shown.push('…');
    }
    shown
}

/// The shipped examples, for "e.g." values in help: the package, and one with projects.
fn examples() -> &'static [Package] {
    static EX: OnceLock<Vec<Package>> = OnceLock::new();
    EX.get_or_init(|| {
        [include_str!("../../examples/yueyang-2023.toml"), include_str!("../../examples/projects-2023.toml")]
            .iter()
            .filter_map(|t| file::load(t.as_bytes()).ok().map(|l| l.package))
            .collect()
    })
}

/// The example value of a path: the same field, the first row of the same table, the first
/// project's same field.
fn example_value(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = path.split('.').collect();
    // Row and instance numbers become 1.
    for p in &mut parts {
        if p.parse::<usize>().is_ok() {
            *p = "1";
        }
    }
    let p = parts.join(".");
    examples().iter().map(|e| e.text_at(&p)).find(|t| !t.is_empty()).map(str::to_string)
}

/// The hint for an add-a-row or add-a-project slot: its keys, or read-only that nothing can
/// be added.
fn rows_hint(w: &Wizard, key: &'static str) -> &'static str {
    if w.read_only() { "ui.rows_read_only_hint" } else { key }
}

/// The help popup's lines for the focused slot.
pub(super) fn help_lines(w: &Wizard, cat: &Catalog) -> Vec<String> {
    let mut out = Vec::new();
    match w.slot().map(|s| &s.kind) {
        Some(SlotKind::Field { path, kind }) => {
            out.push(present::label(w.pkg(), path, cat));
            let help = match w.pkg().form().resolve(path).map(|r| r.target) {
                Some(Target::Field(f)) => Some(f.help.clone()),
                Some(Target::Cell(_, _, c)) => Some(c.help.clone()),
                _ => None,
            };
            if let Some(h) = help {
                out.push(cat.tr(&h).to_string());
            }
            out.push(cat.fmt("ui.help_expect", &[("expect", cat.tr(kind.expect_key()).to_string())]));
            if let Some(ex) = example_value(path) {
                out.push(cat.fmt("ui.help_example", &[("value", example_line(&ex))]));
            }
            for i in w.issues().iter().filter(|i| &i.path == path) {
                out.push(finding(w, i, cat));
            }
        }
        Some(SlotKind::Calc { name, path, .. }) => {
            out.push(cat.tr(&format!("calc.{name}.label")).to_string());
            out.push(present::formula(name, crate::form::profile_at(w.pkg(), w.profile(), path), cat));
        }
        Some(SlotKind::AddInstance { .. }) => out.push(cat.tr(rows_hint(w, "ui.add_project_hint")).to_string()),
        Some(SlotKind::AddRow { .. }) | None => out.push(cat.tr(rows_hint(w, "ui.add_row_hint")).to_string()),
    }
    out.push(String::new());
    // The keys of this kind of slot, then those of a table row, then the ones that work anywhere.
    let own = match w.slot().map(|s| &s.kind) {
        Some(SlotKind::Field { kind: Kind::LongText, .. }) => "ui.help_keys_text",
        Some(SlotKind::Field { kind: Kind::Choice(_), .. }) => "ui.help_keys_choice",
        Some(SlotKind::Field { .. }) => "ui.help_keys_line",
        _ => "ui.help_keys_button",
    };
    out.push(cat.tr(own).to_string());
    if w.context().in_table {
        out.push(cat.tr("ui.help_keys_table").to_string());
    }
    out.push(cat.tr("ui.help_keys").to_string());
    out
}

#[cfg(test)]
mod tests {
    use super::{example_line, number_width};

    /// Row numbers take two columns up to 99 rows, and as many as the last number needs past
    /// that (it was cut to `1…` from row 100 on).
    #[test]
    fn row_numbers_are_as_wide_as_the_last_one() {
        for (n, w) in [(0, 2), (1, 2), (9, 2), (99, 2), (100, 3), (999, 3), (1000, 4), (12_345, 5)] {
            assert_eq!(number_width(n), w, "{n} rows");
        }
    }

    /// An example in F1 help is never cut without saying so.
    #[test]
    fn an_example_cut_in_help_ends_with_an_ellipsis() {
        assert_eq!(example_line("王建华"), "王建华");
        let long = "以收定支、统筹兼顾".repeat(10);
        let shown = example_line(&long);
        assert!(shown.ends_with('…') && crate::text::width(&shown) <= 120, "{shown}");
        assert_eq!(example_line("一、概况\n二、绩效"), "一、概况…");
    }
}
