//! The section screen's body: every slot as a row (fields), a grid (the 经费 table) or a
//! table row (repeatable rows), then the editor pane for the focused slot.

use std::sync::OnceLock;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget as _;

use super::{Theme, put};
use crate::form::calc::{Nature, fixed2};
use crate::form::spec::{Calc, FundTotal, Kind, spec, split_cell};
use crate::form::{Package, Severity, file};
use crate::i18n::Catalog;
use crate::present;
use crate::text::{pad_left, pad_right, truncate, width};
use crate::wizard::{Slot, SlotKind, Wizard};

/// Groups of visual rows: plain fields, the 经费 grid, a table.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Group {
    Scalar,
    Funds,
    Table(&'static str),
}

enum VRow {
    Header(Group),
    Slots(Vec<usize>),
}

fn group_of(slot: &Slot) -> Group {
    match &slot.kind {
        SlotKind::Field { path, .. } if path.starts_with("basic.funds.") => Group::Funds,
        SlotKind::Calc { calc: Calc::FundTotal(..), .. } => Group::Funds,
        SlotKind::Field { path, .. } => match split_cell(path).and_then(|(t, _, _)| spec().table(t)) {
            Some(t) => Group::Table(t.key),
            None => Group::Scalar,
        },
        SlotKind::AddRow { table } => Group::Table(table),
        SlotKind::Calc { row: Some(_), calc } => match calc {
            Calc::AreaRate | Calc::InvestmentRate => Group::Table("basic.buildings"),
            _ => Group::Table("self_eval.indicators"),
        },
        SlotKind::Calc { .. } => Group::Scalar,
    }
}

fn visual_rows(w: &Wizard) -> Vec<VRow> {
    let mut out = Vec::new();
    let mut prev = Group::Scalar;
    let mut i = 0;
    while i < w.slots.len() {
        let row = w.slots[i].row;
        let idx: Vec<usize> = (i..w.slots.len()).take_while(|j| w.slots[*j].row == row).collect();
        let g = group_of(&w.slots[i]);
        if g != prev && g != Group::Scalar {
            out.push(VRow::Header(g));
        }
        prev = g;
        i += idx.len();
        out.push(VRow::Slots(idx));
    }
    out
}

/// The value of a computed slot as shown.
fn calc_value(w: &Wizard, calc: Calc, row: Option<usize>, cat: &Catalog) -> String {
    let f = &w.figures;
    let pct = |d: Option<rust_decimal::Decimal>| d.map_or_else(|| "-".to_string(), |d| format!("{}%", fixed2(d)));
    match calc {
        Calc::ControlRate => pct(f.control_rate),
        Calc::FundTotal(t, c) => fixed2(f.fund_total(t, c)),
        Calc::ExecRate => pct(f.exec_rate),
        Calc::ExecScore => {
            f.exec_score.map_or_else(|| "-".into(), |s| format!("{} / {}", fixed2(s), fixed2(w.profile.exec_weight)))
        }
        Calc::AreaRate => pct(row.and_then(|r| f.buildings.get(r - 1)).and_then(|b| b.0)),
        Calc::InvestmentRate => pct(row.and_then(|r| f.buildings.get(r - 1)).and_then(|b| b.1)),
        Calc::Proposed => match row.and_then(|r| f.indicators.get(r - 1)) {
            Some(p) => match (p.score, p.band, &p.outcome) {
                (Some(s), _, _) => fixed2(s),
                (None, Some((lo, hi)), _) => format!("{}-{}", fixed2(lo), fixed2(hi)),
                // Cannot be scored yet: the pane says why when the cell is focused.
                (None, None, crate::form::calc::Outcome::Unscorable(_)) => "?".into(),
                _ => "-".into(),
            },
            None => "-".into(),
        },
        Calc::IndicatorWeights => format!("{} / {}", fixed2(f.indicator_weights), fixed2(w.profile.indicator_total)),
        Calc::IndicatorScores => format!("{} / {}", fixed2(f.indicator_scores), fixed2(f.indicator_weights)),
        Calc::TotalWeight => fixed2(f.total_weight),
        Calc::TotalScore => format!("{} / {}", fixed2(f.total_score), fixed2(f.total_weight)),
        Calc::Grade => f
            .grade
            .as_ref()
            .map_or_else(|| "-".into(), |g| cat.try_tr(&format!("grade.{}", g.key)).unwrap_or(&g.name).to_string()),
    }
}

/// How a choice value is shown (its translation beside it in English).
pub(super) fn choice_label(w: &Wizard, path: &str, value: &str, cat: &Catalog) -> String {
    let col = split_cell(path).map_or("", |(_, _, c)| c);
    let key = match col {
        "level1" => w.profile.level1(value).map(|l| format!("level1.{}", l.key)),
        "level2" => w
            .profile
            .level1
            .iter()
            .flat_map(|l| &l.level2)
            .find(|m| m.name == value)
            .map(|m| format!("level2.{}", m.key)),
        "tier" => w.profile.tier(value).map(|(_, t)| format!("tier.{}", t.key)),
        "nature" => Nature::parse(value).map(|n| n.key().to_string()),
        _ => None,
    };
    match key.and_then(|k| cat.try_tr(&k)) {
        Some(t) if t != value => format!("{value} ({t})"),
        _ => value.to_string(),
    }
}

fn field_display(w: &Wizard, path: &str, kind: Kind) -> String {
    let t = w.pkg.text(path);
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

/// Draws the body and the editor pane; returns the caret position.
pub(super) fn section(w: &Wizard, cat: &Catalog, theme: Theme, r: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
    // A long text gets the tall pane only once its editor is open (Enter or typing): moving
    // through a section keeps the layout still and rewrites a few cells (issue 6).
    let long = w.is_open();
    let pane_h = if long { (r.height / 2).clamp(6, 14) } else { 4 };
    let list = Rect { height: r.height - pane_h - 1, ..r };
    let sep_y = list.y + list.height;
    put(buf, r.x, sep_y, &"-".repeat(usize::from(r.width)), r.width, theme.muted());
    draw_list(w, cat, theme, list, buf);
    pane(w, cat, theme, Rect { y: sep_y + 1, height: pane_h, ..r }, buf)
}

fn draw_list(w: &Wizard, cat: &Catalog, theme: Theme, r: Rect, buf: &mut Buffer) {
    let rows = visual_rows(w);
    let h = usize::from(r.height);
    let focused_row = rows.iter().position(|v| matches!(v, VRow::Slots(ix) if ix.contains(&w.focus))).unwrap_or(0);
    let mut start = (focused_row / h.max(1)) * h.max(1);
    // Keep the header of the focused grid or table on screen.
    let header =
        rows[..=focused_row.min(rows.len().saturating_sub(1))].iter().rposition(|v| matches!(v, VRow::Header(_)));
    let pinned =
        header.filter(|hd| *hd < start && rows[*hd + 1..=focused_row].iter().all(|v| matches!(v, VRow::Slots(_))));
    if pinned.is_some() && focused_row >= start + h - 1 {
        start += 1;
    }
    let label_w = label_width(w, cat);
    let mut y = r.y;
    if let Some(hd) = pinned {
        draw_vrow(w, cat, theme, &rows[hd], Rect { y, height: 1, ..r }, label_w, buf);
        y += 1;
    }
    for v in rows.iter().skip(start) {
        if y >= r.y + r.height {
            break;
        }
        draw_vrow(w, cat, theme, v, Rect { y, height: 1, ..r }, label_w, buf);
        y += 1;
    }
}

fn label_width(w: &Wizard, cat: &Catalog) -> u16 {
    let m = w
        .slots
        .iter()
        .filter(|s| group_of(s) == Group::Scalar)
        .map(|s| match &s.kind {
            SlotKind::Field { path, .. } => width(&present::label(path, cat)) + 2,
            SlotKind::Calc { calc, .. } => width(cat.tr(&format!("calc.{}.label", calc.name()))) + 2,
            SlotKind::AddRow { .. } => 0,
        })
        .max()
        .unwrap_or(10);
    u16::try_from(m.clamp(10, 34)).unwrap_or(34)
}

fn draw_vrow(w: &Wizard, cat: &Catalog, theme: Theme, v: &VRow, r: Rect, label_w: u16, buf: &mut Buffer) {
    match v {
        VRow::Header(Group::Funds) => {
            let year = w.pkg.fiscal_year().unwrap_or(0);
            let args = [("year", year.to_string()), ("prev", (year - 1).to_string())];
            let lw = r.width - 2 - 3 * 13;
            let mut x =
                put(buf, r.x + 2, r.y, &pad_right(cat.tr("report.funds_item"), usize::from(lw)), lw, theme.title());
            for c in ["column.prev_final_y", "column.budget_y", "column.final_y"] {
                x = put(buf, x + 1, r.y, &pad_left(&cat.fmt(c, &args), 12), 12, theme.title());
            }
        }
        VRow::Header(Group::Table(t)) => {
            let cols = table_columns(t, r.width - 4);
            let mut x = r.x + 4;
            for (key, wd) in cols {
                let label = column_label(t, key, cat);
                put(buf, x, r.y, &truncate(&label, usize::from(wd)), wd, theme.title());
                x += wd + 1;
            }
            put(buf, r.x, r.y, "#", 2, theme.title());
        }
        VRow::Header(Group::Scalar) => {}
        VRow::Slots(ix) => {
            let focused = ix.contains(&w.focus);
            put(buf, r.x, r.y, if focused { ">" } else { " " }, 1, theme.title());
            let first = &w.slots[ix[0]];
            match group_of(first) {
                Group::Scalar => scalar_row(w, cat, theme, ix[0], r, label_w, buf),
                Group::Funds => funds_row(w, cat, theme, ix, r, buf),
                Group::Table(t) => table_row(w, cat, theme, t, ix, r, buf),
            }
        }
    }
}

fn scalar_row(w: &Wizard, cat: &Catalog, theme: Theme, i: usize, r: Rect, label_w: u16, buf: &mut Buffer) {
    let slot = &w.slots[i];
    let value_x = r.x + 2 + label_w;
    let value_w = r.width.saturating_sub(label_w + 2 + 4);
    match &slot.kind {
        SlotKind::Field { path, kind } => {
            let f = spec().resolve(path);
            let empty = w.pkg.text(path).is_empty();
            let label = format!(
                "{}{}",
                present::label(path, cat),
                if f.is_some_and(|f| f.required) && empty { " *" } else { "" }
            );
            put(buf, r.x + 2, r.y, &label, label_w, theme.normal());
            let value = if matches!(kind, Kind::Choice(_)) {
                choice_label(w, path, w.pkg.text(path), cat)
            } else {
                field_display(w, path, *kind)
            };
            // Focus is marked by ">" alone: moving it rewrites two cells, not two whole rows.
            put(buf, value_x, r.y, &truncate(&value, usize::from(value_w)), value_w, theme.normal());
            let (m, ms) = mark(w, path, cat, theme);
            put(buf, r.x + r.width - 3, r.y, &m, 3, ms);
        }
        SlotKind::Calc { calc, row } => {
            put(buf, r.x + 2, r.y, cat.tr(&format!("calc.{}.label", calc.name())), label_w, theme.normal());
            let v = format!("= {}", calc_value(w, *calc, *row, cat));
            put(buf, value_x, r.y, &v, value_w, theme.computed());
        }
        SlotKind::AddRow { .. } => {}
    }
}

fn funds_row(w: &Wizard, cat: &Catalog, theme: Theme, ix: &[usize], r: Rect, buf: &mut Buffer) {
    let lw = r.width - 2 - 3 * 13;
    let label = match &w.slots[ix[0]].kind {
        SlotKind::Field { path, .. } => {
            let key = path.trim_start_matches("basic.funds.").split('.').next().unwrap_or("");
            let indent = crate::form::spec::FUND_ROWS.iter().find_map(|g| match g {
                crate::form::spec::GridRow::Input { key: k, indent } if *k == key => Some(usize::from(*indent)),
                _ => None,
            });
            format!("{}{}", "  ".repeat(indent.unwrap_or(0)), cat.tr(&format!("field.basic.funds.{key}")))
        }
        SlotKind::Calc { calc: Calc::FundTotal(t, _), .. } => {
            let indent = if *t == FundTotal::Car { "  " } else { "" };
            let label = format!("{indent}{}", cat.tr(&format!("calc.{}.label", Calc::FundTotal(*t, 0).name())));
            if *t == FundTotal::Projects && !w.pkg.rows("basic.special_funds").is_empty() {
                cat.fmt(
                    "ui.projects_with_special",
                    &[("label", label), ("n", w.pkg.rows("basic.special_funds").len().to_string())],
                )
            } else {
                label
            }
        }
        _ => String::new(),
    };
    let mut x =
        put(buf, r.x + 2, r.y, &pad_right(&truncate(&label, usize::from(lw)), usize::from(lw)), lw, theme.normal());
    for i in ix {
        let focused = *i == w.focus;
        let (text, style) = match &w.slots[*i].kind {
            SlotKind::Field { path, .. } => {
                let (m, _) = mark(w, path, cat, theme);
                (
                    format!("{}{}", m, crate::text::visible(w.pkg.text(path), false)),
                    if focused { theme.focus() } else { theme.normal() },
                )
            }
            SlotKind::Calc { calc, row } => {
                (calc_value(w, *calc, *row, cat), if focused { theme.focus() } else { theme.computed() })
            }
            SlotKind::AddRow { .. } => (String::new(), theme.normal()),
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
    put(buf, x, y, &" ".repeat(usize::from(wd)), wd, Style::default());
    put(buf, at, y, &t, tw, style);
}

/// Column keys and widths of a table for an available width.
fn table_columns(table: &str, avail: u16) -> Vec<(&'static str, u16)> {
    // (column, minimum width, share of the extra width)
    let spec_cols: &[(&'static str, u16, u16)] = match table {
        "basic.special_funds" => &[("name", 12, 4), ("prev_final", 11, 0), ("budget", 11, 0), ("final", 11, 0)],
        "basic.buildings" => &[
            ("name", 8, 4),
            ("approved_area", 9, 0),
            ("actual_area", 9, 0),
            ("area_rate", 8, 0),
            ("budget_investment", 9, 0),
            ("actual_investment", 9, 0),
            ("investment_rate", 8, 0),
        ],
        _ => &[
            ("level1", 4, 1),
            ("level2", 6, 1),
            ("name", 8, 4),
            ("nature", 4, 0),
            ("unit", 4, 0),
            ("target", 6, 1),
            ("actual", 6, 1),
            ("tier", 4, 0),
            ("weight", 5, 0),
            ("score", 5, 0),
            ("proposed", 5, 0),
            ("reason", 4, 2),
        ],
    };
    let fixed: u16 = spec_cols.iter().map(|(_, m, _)| m + 1).sum();
    let shares: u16 = spec_cols.iter().map(|(_, _, s)| s).sum();
    let extra = avail.saturating_sub(fixed);
    let mut cols: Vec<(&'static str, u16)> =
        spec_cols.iter().map(|(k, m, s)| (*k, m + (extra * s).checked_div(shares).unwrap_or(0))).collect();
    // What integer division left over goes to the widest-growing column.
    let used: u16 = cols.iter().map(|(_, w)| w + 1).sum();
    if let Some(i) = spec_cols.iter().enumerate().max_by_key(|(_, c)| c.2).map(|(i, _)| i) {
        cols[i].1 += avail.saturating_sub(used);
    }
    cols
}

fn column_label(table: &str, key: &str, cat: &Catalog) -> String {
    if let Some(short) = cat.try_tr(&format!("short.{key}")) {
        return short.to_string();
    }
    let field = format!("field.{table}.{key}");
    match cat.try_tr(&field) {
        Some(t) => t.to_string(),
        None => cat.tr(&format!("calc.{key}.label")).to_string(),
    }
}

/// A table cell's value in a narrow column: 一级/二级 without the common 指标 suffix, tiers by
/// their first two characters.
fn short_value(col: &str, v: &str) -> String {
    match col {
        "level1" | "level2" => v.strip_suffix("指标").unwrap_or(v).to_string(),
        "tier" => v.chars().take(2).collect(),
        _ => v.to_string(),
    }
}

fn table_row(w: &Wizard, cat: &Catalog, theme: Theme, table: &'static str, ix: &[usize], r: Rect, buf: &mut Buffer) {
    if let SlotKind::AddRow { .. } = &w.slots[ix[0]].kind {
        let style = if ix[0] == w.focus { theme.focus() } else { theme.muted() };
        put(buf, r.x + 2, r.y, cat.tr("ui.add_row"), r.width - 2, style);
        return;
    }
    let cols = table_columns(table, r.width - 4);
    let row_no = match &w.slots[ix[0]].kind {
        SlotKind::Field { path, .. } => split_cell(path).map_or(0, |(_, n, _)| n),
        _ => 0,
    };
    put(buf, r.x + 1, r.y, &format!("{row_no:>2}"), 2, theme.muted());
    let mut x = r.x + 4;
    for (key, wd) in cols {
        let slot = ix.iter().find(|i| match &w.slots[**i].kind {
            SlotKind::Field { path, .. } => split_cell(path).is_some_and(|(_, _, c)| c == key),
            SlotKind::Calc { calc, .. } => calc.name() == key,
            SlotKind::AddRow { .. } => false,
        });
        if let Some(i) = slot {
            let focused = *i == w.focus;
            let (text, style, right) = match &w.slots[*i].kind {
                SlotKind::Field { path, kind } => {
                    let (m, ms) = mark(w, path, cat, theme);
                    let col = split_cell(path).map_or("", |(_, _, c)| c);
                    let v = short_value(col, &crate::text::visible(w.pkg.text(path), false));
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
                SlotKind::Calc { calc, row } => {
                    (calc_value(w, *calc, *row, cat), if focused { theme.focus() } else { theme.computed() }, true)
                }
                SlotKind::AddRow { .. } => (String::new(), theme.normal(), false),
            };
            cell(buf, (x, r.y, wd), &text, right, style, focused);
        }
        x += wd + 1;
    }
}

/// The editor pane: label, editor (or value), live feedback or issue, help.
fn pane(w: &Wizard, cat: &Catalog, theme: Theme, r: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
    let slot = w.slot()?;
    let mut cursor = None;
    match &slot.kind {
        SlotKind::Field { path, kind } => {
            let f = spec().resolve(path);
            let req = if f.is_some_and(|f| f.required) { cat.tr("ui.required") } else { "" };
            let label = format!("{}{}", present::label(path, cat), req);
            // The format hint stays at a fixed column, so moving between fields of one kind
            // rewrites only the label's own characters.
            let end = put(buf, r.x, r.y, &label, r.width, theme.title());
            let hint_x = (r.x + 36).max(end + 2);
            if hint_x < r.x + r.width {
                put(
                    buf,
                    hint_x,
                    r.y,
                    &format!("({})", cat.tr(&kind.hint_key())),
                    r.x + r.width - hint_x,
                    theme.muted(),
                );
            }
            let open = w.is_open();
            let edit_h = if open { r.height - 3 } else { 1 };
            let er = Rect { x: r.x + 2, y: r.y + 1, width: r.width - 2, height: edit_h };
            put(buf, r.x, er.y, ">", 1, theme.title());
            if *kind == Kind::LongText && !open {
                // Closed: its length and how to open it; the caret waits where typing begins.
                let n = w.pkg.text(path).chars().count();
                let line = if n == 0 {
                    cat.tr("ui.closed_empty").to_string()
                } else {
                    cat.fmt("ui.closed_text", &[("n", n.to_string())])
                };
                put(buf, er.x + 2, er.y, &line, er.width.saturating_sub(2), theme.muted());
                cursor = Some((er.x, er.y));
            } else if let Some(ed) = &w.editor {
                ed.render(er, buf);
                let sc = ed.screen_cursor();
                let (top, left) = ed.scroll_offset();
                let cx = er.x as usize + sc.col.saturating_sub(usize::from(left));
                let cy = er.y as usize + sc.row.saturating_sub(usize::from(top));
                if let (Ok(cx), Ok(cy)) = (u16::try_from(cx), u16::try_from(cy)) {
                    cursor = Some((cx.min(er.x + er.width - 1), cy.min(er.y + er.height - 1)));
                }
            } else {
                let v = choice_label(w, path, w.pkg.text(path), cat);
                let v = if v.is_empty() { cat.tr("ui.not_chosen").to_string() } else { v };
                put(buf, er.x, er.y, &v, er.width, theme.focus());
            }
            let (line, style) = feedback(w, path, cat, theme);
            put(buf, r.x, er.y + edit_h, &line, r.width, style);
            // Choices list their options (a digit picks one); the field's help is on F1, and the
            // format hint is on the label line: a focus move then rewrites little.
            let help = if let Kind::Choice(ch) = kind {
                let opts: Vec<String> =
                    w.options(path, *ch).iter().enumerate().map(|(i, o)| format!("{} {}", i + 1, o)).collect();
                format!("{}  {}", cat.tr("ui.pick_hint"), opts.join("  "))
            } else {
                String::new()
            };
            put(buf, r.x, er.y + edit_h + 1, &help, r.width, theme.muted());
        }
        SlotKind::Calc { calc, row } => {
            put(
                buf,
                r.x,
                r.y,
                &format!("{} {}", cat.tr(&format!("calc.{}.label", calc.name())), cat.tr("ui.computed")),
                r.width,
                theme.title(),
            );
            put(
                buf,
                r.x + 2,
                r.y + 1,
                &format!("= {}", calc_value(w, *calc, *row, cat)),
                r.width - 2,
                theme.computed(),
            );
            put(buf, r.x, r.y + 2, cat.tr(&format!("calc.{}.formula", calc.name())), r.width, theme.muted());
            if let (Calc::Proposed, Some(p)) = (calc, row.and_then(|n| w.figures.indicators.get(n - 1))) {
                if let crate::form::calc::Outcome::Unscorable(why) = p.outcome {
                    put(buf, r.x, r.y + 3, cat.tr(&format!("unscorable.{why}")), r.width, theme.warning());
                }
            }
        }
        SlotKind::AddRow { table } => {
            put(buf, r.x, r.y, cat.tr(&format!("table.{table}")), r.width, theme.title());
            put(buf, r.x, r.y + 1, cat.tr("ui.add_row_hint"), r.width, theme.muted());
        }
    }
    cursor
}

/// The field's issue once the user has left it; while typing, nothing (the stale message is
/// cleared on the first keystroke and the field is checked again when the user leaves it).
fn feedback(w: &Wizard, path: &str, cat: &Catalog, theme: Theme) -> (String, Style) {
    if w.editing {
        return (String::new(), theme.normal());
    }
    match w.issues_at(path).first() {
        Some(i) => (
            format!("{} {}: {}", present::severity(i, cat), i.rule, present::message(i, cat)),
            if i.severity() == Severity::Error { theme.error() } else { theme.warning() },
        ),
        None => (String::new(), theme.normal()),
    }
}

/// The seed example, for "e.g." values in help.
fn example() -> &'static Package {
    static EX: OnceLock<Package> = OnceLock::new();
    EX.get_or_init(|| {
        file::load(include_str!("../../examples/yueyang-2023.toml").as_bytes()).map(|l| l.package).unwrap_or_default()
    })
}

/// The help popup's lines for the focused slot.
pub(super) fn help_lines(w: &Wizard, cat: &Catalog) -> Vec<String> {
    let mut out = Vec::new();
    match w.slot().map(|s| &s.kind) {
        Some(SlotKind::Field { path, kind }) => {
            out.push(present::label(path, cat));
            if let Some(f) = spec().resolve(path) {
                out.push(cat.tr(&f.help).to_string());
            }
            out.push(cat.fmt("ui.help_expect", &[("expect", cat.tr(kind.expect_key()).to_string())]));
            let ex_path = match split_cell(path) {
                Some((t, _, c)) if spec().table(t).is_some() => format!("{t}.1.{c}"),
                _ => path.clone(),
            };
            let ex = example().text(&ex_path);
            if !ex.is_empty() {
                let first: String = ex.lines().next().unwrap_or("").chars().take(60).collect();
                out.push(cat.fmt("ui.help_example", &[("value", first)]));
            }
            for i in w.issues.iter().filter(|i| &i.path == path) {
                out.push(format!("{} {}: {}", present::severity(i, cat), i.rule, present::message(i, cat)));
            }
        }
        Some(SlotKind::Calc { calc, .. }) => {
            out.push(cat.tr(&format!("calc.{}.label", calc.name())).to_string());
            out.push(cat.tr(&format!("calc.{}.formula", calc.name())).to_string());
        }
        Some(SlotKind::AddRow { .. }) | None => out.push(cat.tr("ui.add_row_hint").to_string()),
    }
    out.push(String::new());
    out.push(cat.tr("ui.help_keys").to_string());
    out
}
