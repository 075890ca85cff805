//! The 自评报告 as a `.docx`, set as Chinese official documents are (GB/T 9704): A4 with
//! 37/35/28/26 mm margins, the body in 仿宋 三号 at a fixed 28 pt line (22 lines a page), the
//! title in 宋体 二号 bold, the parts (一、…) in 黑体 and the sub-parts (（一）…) in 楷体, both
//! 三号 and outline levels so they show in the navigation pane, page numbers "— 1 —" at the
//! foot. Its headings are the layout's (numbered 一 to 十 by the program); each of the user's
//! paragraphs is a paragraph. The forms follow as Word tables (merged cells as the paper forms
//! merge them), each from a new page, or go to files of their own ([`render_separate`]).
//!
//! Fonts: the East Asian slot names fonts that every Chinese Windows, WPS and Office has (仿宋,
//! 黑体, 楷体, 宋体), the Latin slot Times New Roman, and each run is marked East Asian
//! (`w:hint`), so an office suite without one of them substitutes a Chinese font of its own
//! (LibreOffice on a machine with only WenQuanYi draws every character; `dist/office-check.sh`).

use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum, Paragraph, Run,
    RunFonts, SpecialIndentType, Table as WTable, TableCell, TableRow, VMergeType, WidthType,
};

use super::{Error, Part};
use crate::form::layout::{Align, Block, Document, Layout, Shown, Table, Val};
use crate::form::report_text::show;
use crate::i18n::Catalog;

/// 仿宋: the body.
pub const FANGSONG: &str = "仿宋";
/// 黑体: first-level headings.
pub const HEITI: &str = "黑体";
/// 楷体: second-level headings.
pub const KAITI: &str = "楷体";
/// 宋体: titles and tables.
pub const SONGTI: &str = "宋体";
/// Latin letters and digits.
pub const LATIN: &str = "Times New Roman";

/// A4 in twips, and the text width inside the margins.
const PAGE: (u32, u32) = (11_906, 16_838);
const MARGIN: PageMargin =
    PageMargin { top: 2098, bottom: 1984, left: 1587, right: 1474, header: 851, footer: 992, gutter: 0 };
const TEXT_WIDTH: usize = 11_906 - 1587 - 1474;
/// Sizes in half-points: 二号, 三号, 四号, 小四, 五号, 小五.
const ERHAO: usize = 44;
const SANHAO: usize = 32;
const SIHAO: usize = 28;
const XIAOSI: usize = 24;
const WUHAO: usize = 21;
const XIAOWU: usize = 18;
/// The body's fixed line: 28 pt.
const LINE: i32 = 560;
/// Two characters of 三号 (16 pt each): the first-line indent.
const INDENT: i32 = 640;

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new().east_asia(east_asia).ascii(LATIN).hi_ansi(LATIN).cs(LATIN).hint("eastAsia")
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts(font)).size(size)
}

fn exact(line: i32) -> LineSpacing {
    LineSpacing::new().line_rule(LineSpacingType::Exact).line(line)
}

/// A paragraph of the report's body text.
fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, FANGSONG, SANHAO))
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
        .line_spacing(exact(LINE))
}

fn heading(text: &str, level: u8) -> Paragraph {
    let font = if level <= 1 { HEITI } else { KAITI };
    Paragraph::new()
        .add_run(run(text, font, SANHAO))
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
        .line_spacing(exact(LINE))
        .outline_lvl(usize::from(level.saturating_sub(1)))
        .keep_next(true)
}

fn title(text: &str, size: usize) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, SONGTI, size).bold())
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().after(240))
        .keep_next(true)
}

/// The user's text: one paragraph per line (blank lines dropped).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n').map(str::trim_end).filter(|l| !l.trim().is_empty())
}

/// A small paragraph (forms, notes) in 宋体 of `size`.
fn small(text: &str, size: usize, align: AlignmentType) -> Paragraph {
    Paragraph::new().add_run(run(text, SONGTI, size)).align(align)
}

fn text_of(v: &Val, cat: &Catalog) -> String {
    show(&v.shown, cat)
}

/// A layout table as a Word table the width of the text, merged cells kept.
fn table(t: &Table, cat: &Catalog) -> WTable {
    let weights: Vec<usize> = t.columns.iter().map(|c| c.width + 3).collect();
    let sum: usize = weights.iter().sum::<usize>().max(1);
    let grid: Vec<usize> = weights.iter().map(|w| w * TEXT_WIDTH / sum).collect();
    let align = |a: Align| match a {
        Align::Left => AlignmentType::Left,
        Align::Right => AlignmentType::Right,
        Align::Center => AlignmentType::Center,
    };
    let cell = |text: &str, a: AlignmentType, bold: bool, width: usize| {
        let mut c = TableCell::new().width(width, WidthType::Dxa);
        let mut any = false;
        for l in text.split('\n') {
            let r = run(l, SONGTI, WUHAO);
            c = c.add_paragraph(Paragraph::new().add_run(if bold { r.bold() } else { r }).align(a));
            any = true;
        }
        if !any {
            c = c.add_paragraph(Paragraph::new().size(WUHAO));
        }
        c
    };
    let mut rows = Vec::new();
    let header: Vec<TableCell> =
        t.columns.iter().zip(&grid).map(|(c, w)| cell(&c.title, AlignmentType::Center, true, *w)).collect();
    rows.push(TableRow::new(header).cant_split());
    for (r, row) in t.rows.iter().enumerate() {
        let bold = t.total_row && r + 1 == t.rows.len();
        let mut cells = Vec::new();
        let mut c = 0;
        while c < row.len().min(t.columns.len()) {
            // A span starting here, or one from a row above that covers this cell.
            let start = t.spans.iter().find(|s| s.row == r && s.col == c);
            let above = t.spans.iter().find(|s| s.row < r && r < s.row + s.rows && s.col == c);
            let cols = start.or(above).map_or(1, |s| s.cols).min(t.columns.len() - c);
            let width: usize = grid[c..c + cols].iter().sum();
            let mut wc = if above.is_some() {
                TableCell::new().width(width, WidthType::Dxa).add_paragraph(Paragraph::new().size(WUHAO))
            } else {
                let v = &row[c];
                let a = if matches!(v.shown, Shown::Percent(None)) {
                    AlignmentType::Center
                } else {
                    align(t.columns[c].align)
                };
                cell(&text_of(v, cat), a, bold, width)
            };
            if cols > 1 {
                wc = wc.grid_span(cols);
            }
            match (start, above) {
                (Some(s), _) if s.rows > 1 => wc = wc.vertical_merge(VMergeType::Restart),
                (_, Some(_)) => wc = wc.vertical_merge(VMergeType::Continue),
                _ => {}
            }
            cells.push(wc);
            c += cols;
        }
        rows.push(TableRow::new(cells).cant_split());
    }
    WTable::new(rows).set_grid(grid).width(TEXT_WIDTH, WidthType::Dxa)
}

/// The report's blocks.
fn narrative(mut docx: Docx, d: &Document, cat: &Catalog) -> Docx {
    docx = docx.add_paragraph(title(&d.title, ERHAO));
    for b in &d.blocks {
        docx = match b {
            Block::Heading { level, text } => docx.add_paragraph(heading(text, *level)),
            // The cover lines (unit, date): centred under the title.
            Block::Pair { label, value } => docx.add_paragraph(
                Paragraph::new()
                    .add_run(run(&format!("{label}{}", text_of(value, cat)), FANGSONG, SANHAO))
                    .align(AlignmentType::Center)
                    .line_spacing(exact(LINE)),
            ),
            Block::Para(v) | Block::Note(v) => {
                let text = text_of(v, cat);
                lines(&text).fold(docx, |dx, l| dx.add_paragraph(body(l)))
            }
            Block::Notes { heading, lines: ls } => {
                ls.iter().fold(docx.add_paragraph(body(heading)), |dx, l| dx.add_paragraph(body(l)))
            }
            Block::Table(t) => docx.add_table(table(t, cat)),
            Block::Sign(pairs) => docx.add_paragraph(body(&sign_line(pairs, cat))),
        };
    }
    docx
}

fn sign_line(pairs: &[(String, Val)], cat: &Catalog) -> String {
    pairs.iter().map(|(l, v)| format!("{l}{}", text_of(v, cat))).collect::<Vec<_>>().join("    ")
}

/// A form's blocks, from a new page unless `first`.
fn form(mut docx: Docx, d: &Document, first: bool, cat: &Catalog) -> Docx {
    docx = docx.add_paragraph(title(&d.title, SIHAO).page_break_before(!first));
    for b in &d.blocks {
        docx = match b {
            Block::Heading { text, .. } => docx.add_paragraph(
                Paragraph::new().add_run(run(text, SONGTI, XIAOSI).bold()).align(AlignmentType::Left).keep_next(true),
            ),
            Block::Pair { label, value } => {
                docx.add_paragraph(small(&format!("{label}{}", text_of(value, cat)), XIAOSI, AlignmentType::Left))
            }
            Block::Para(v) => {
                let text = text_of(v, cat);
                lines(&text).fold(docx, |dx, l| dx.add_paragraph(small(l, WUHAO, AlignmentType::Both)))
            }
            Block::Note(v) => {
                let text = text_of(v, cat);
                lines(&text).fold(docx, |dx, l| dx.add_paragraph(small(l, XIAOWU, AlignmentType::Both)))
            }
            Block::Notes { heading, lines: ls } => {
                ls.iter().fold(docx.add_paragraph(small(heading, XIAOWU, AlignmentType::Left)), |dx, l| {
                    dx.add_paragraph(small(l, XIAOWU, AlignmentType::Both))
                })
            }
            Block::Table(t) => docx.add_table(table(t, cat)).add_paragraph(Paragraph::new().size(XIAOWU)),
            Block::Sign(pairs) => docx.add_paragraph(small(&sign_line(pairs, cat), XIAOSI, AlignmentType::Left)),
        };
    }
    docx
}

fn page_setup() -> Docx {
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(run("— ", SONGTI, SIHAO))
            .add_page_num(PageNum::new())
            .add_run(run(" —", SONGTI, SIHAO)),
    );
    Docx::new()
        .page_size(PAGE.0, PAGE.1)
        .page_margin(MARGIN)
        .default_fonts(fonts(FANGSONG))
        .default_size(SANHAO)
        .footer(footer)
}

fn pack(docx: Docx) -> Result<Vec<u8>, Error> {
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut out).map_err(|e| Error(e.to_string()))?;
    Ok(out.into_inner())
}

fn build(docs: &[&Document], cat: &Catalog) -> Docx {
    let mut docx = page_setup();
    let mut first = true;
    for d in docs {
        if d.narrative {
            if !first {
                docx = docx.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
            }
            docx = narrative(docx, d, cat);
        } else {
            docx = form(docx, d, first, cat);
        }
        first = false;
    }
    docx
}

/// The report, then every form, in one document.
///
/// # Errors
/// The packing error of `docx-rs` (none expected in memory).
pub fn render(layout: &Layout, cat: &Catalog) -> Result<Vec<u8>, Error> {
    let mut docs: Vec<&Document> = layout.docs.iter().filter(|d| d.narrative).collect();
    docs.extend(layout.docs.iter().filter(|d| !d.narrative));
    pack(build(&docs, cat))
}

/// The report alone (suffix empty), then each form in a file of its own (suffix `-` and its
/// short name).
///
/// # Errors
/// As [`render`].
pub fn render_separate(layout: &Layout, cat: &Catalog) -> Result<Vec<Part>, Error> {
    let prose: Vec<&Document> = layout.docs.iter().filter(|d| d.narrative).collect();
    let mut out = vec![Part { suffix: String::new(), bytes: pack(build(&prose, cat))? }];
    let mut used = std::collections::BTreeSet::new();
    for d in layout.docs.iter().filter(|d| !d.narrative) {
        let mut suffix = format!("-{}", super::safe_name(&d.short, 60));
        let mut n = 2;
        while !used.insert(suffix.clone()) {
            suffix = format!("-{}({n})", super::safe_name(&d.short, 60));
            n += 1;
        }
        out.push(Part { suffix, bytes: pack(build(&[d], cat))? });
    }
    Ok(out)
}
