//! The plain-text report: a [`Layout`] drawn in at most [`WIDTH`] columns, tables with ASCII
//! borders aligned by display width, amounts with 2 decimals, percentages with `%`, dates as
//! the forms print them (`2024年5月20日`). Text from the file is already made visible by the
//! layout (escapes shown, never sent raw).
//!
//! Pure: `(layout, catalog) -> String`.

use std::fmt::Write as _;

use super::layout::{Align, Block, Document, Layout, Shown, Table};
use super::scoring::fixed2;
use crate::i18n::Catalog;
use crate::text::{center, pad_left, pad_right, wrap};

/// Report width in columns.
pub const WIDTH: usize = 100;

/// How a value prints in the text report.
#[must_use]
pub fn show(v: &Shown, cat: &Catalog) -> String {
    match v {
        Shown::Empty => String::new(),
        Shown::Text(t) => t.clone(),
        Shown::Money(d) | Shown::Area(d) | Shown::Score(d) => fixed2(*d),
        Shown::Int(n) => n.to_string(),
        Shown::Percent(None) => "—".into(),
        Shown::Percent(Some(d)) => format!("{}%", fixed2(*d)),
        Shown::Date(d) => {
            cat.fmt("report.date", &[("y", d.year.to_string()), ("m", d.month.to_string()), ("d", d.day.to_string())])
        }
    }
}

/// Renders a table with ASCII borders; cells wrap inside their column.
fn table(t: &Table, cat: &Catalog) -> String {
    let mut rule = String::from("+");
    for c in &t.columns {
        rule.push_str(&"-".repeat(c.width + 2));
        rule.push('+');
    }
    rule.push('\n');
    let emit = |out: &mut String, cells: &[String], aligns: &[Align]| {
        // No character whose width depends on the font (— … · “ ”): the columns stay put in 宋体.
        let wrapped: Vec<Vec<String>> =
            cells.iter().zip(&t.columns).map(|(c, col)| wrap(&crate::text::cell_safe(c), col.width)).collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for line in 0..height {
            out.push('|');
            for ((cell, col), a) in wrapped.iter().zip(&t.columns).zip(aligns) {
                let s = cell.get(line).map_or("", String::as_str);
                let s = match a {
                    Align::Left => pad_right(s, col.width),
                    Align::Right => pad_left(s, col.width),
                    Align::Center => center(s, col.width),
                };
                let _ = write!(out, " {s} |");
            }
            out.push('\n');
        }
    };
    let header: Vec<String> = t.columns.iter().map(|c| c.title.clone()).collect();
    let aligns: Vec<Align> = t.columns.iter().map(|c| c.align).collect();
    let mut out = rule.clone();
    emit(&mut out, &header, &vec![Align::Center; t.columns.len()]);
    out.push_str(&rule);
    for r in &t.rows {
        let cells: Vec<String> = r.iter().map(|v| show(&v.shown, cat)).collect();
        emit(&mut out, &cells, &aligns);
        out.push_str(&rule);
    }
    out
}

fn para(out: &mut String, text: &str) {
    for line in wrap(text.trim_end(), WIDTH) {
        out.push_str(&line);
        out.push('\n');
    }
}

fn document(out: &mut String, d: &Document, cat: &Catalog) {
    for line in wrap(&d.title, WIDTH) {
        let _ = writeln!(out, "{}", center(&line, WIDTH).trim_end());
    }
    out.push('\n');
    let mut after_heading = true;
    for b in &d.blocks {
        match b {
            Block::Heading { level: 1, text } => {
                let _ = writeln!(out, "\n{text}\n");
            }
            // A sub-heading right under a part's heading needs no blank line of its own.
            Block::Heading { text, .. } if after_heading => {
                let _ = writeln!(out, "{text}");
            }
            Block::Heading { text, .. } => {
                let _ = writeln!(out, "\n{text}");
            }
            Block::Pair { label, value } => {
                let _ = writeln!(out, "{label}{}", show(&value.shown, cat));
            }
            Block::Para(v) => para(out, &show(&v.shown, cat)),
            Block::Note(v) => {
                out.push('\n');
                para(out, &show(&v.shown, cat));
            }
            Block::Table(t) => {
                if !after_heading {
                    out.push('\n');
                }
                out.push_str(&table(t, cat));
            }
            Block::Sign(pairs) => {
                out.push('\n');
                for two in pairs.chunks(2) {
                    let line: Vec<String> = two.iter().map(|(l, v)| format!("{l}{}", show(&v.shown, cat))).collect();
                    let _ = writeln!(out, "{}", line.join("    "));
                }
            }
            Block::Notes { heading, lines } => {
                let _ = writeln!(out, "\n{heading}");
                for n in lines {
                    for line in wrap(n, WIDTH - 2) {
                        let _ = writeln!(out, "  {line}");
                    }
                }
            }
        }
        after_heading = matches!(b, Block::Heading { .. });
    }
}

/// Renders the whole printed package.
#[must_use]
pub fn render(layout: &Layout, cat: &Catalog) -> String {
    let mut out = String::new();
    for (i, d) in layout.docs.iter().enumerate() {
        if i > 0 {
            let _ = write!(out, "\n{}\n\n", "=".repeat(WIDTH));
        }
        document(&mut out, d, cat);
    }
    out
}
