//! The forms as an `.xlsx` workbook: each [`Sheet`] written with `rust_xlsxwriter`, in memory.
//! Text in 宋体 (the title in 黑体), numbers as numbers with `0.00`, `0` or `0.00%`, dates as
//! dates, computed cells as formulas with their value, thin borders inside the form, every cell
//! wrapped; A4, fit to one page wide, the title row repeated on every page, pages numbered.

use std::collections::HashMap;

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError};

use super::Error;
use super::sheet::{Num, Role, Sheet, Style, Value, sheets};
use crate::form::layout::{Align, Layout};
use crate::i18n::Catalog;

/// The body font: every Chinese Windows, WPS and Office has it; elsewhere the office suite
/// substitutes its own Chinese font.
pub const BODY_FONT: &str = "宋体";
/// The title font.
pub const TITLE_FONT: &str = "黑体";

fn err(e: XlsxError) -> Error {
    Error(e.to_string())
}

/// The workbook's bytes: one sheet per form document of `layout`.
///
/// # Errors
/// `rust_xlsxwriter`'s message (a sheet beyond the format's limits).
pub fn render(layout: &Layout, cat: &Catalog) -> Result<Vec<u8>, Error> {
    let mut book = Workbook::new();
    for s in sheets(layout, cat) {
        let ws = book.add_worksheet();
        write(ws, &s).map_err(err)?;
    }
    book.save_to_buffer().map_err(err)
}

fn format(style: Style, date_format: &str) -> Format {
    let (font, size) = match style.role {
        Role::Title => (TITLE_FONT, 16.0),
        Role::Note => (BODY_FONT, 10.0),
        _ => (BODY_FONT, 11.0),
    };
    let mut f = Format::new().set_font_name(font).set_font_size(size).set_align(FormatAlign::VerticalCenter);
    f = match style.align {
        Align::Left => f.set_align(FormatAlign::Left),
        Align::Right => f.set_align(FormatAlign::Right),
        Align::Center => f.set_align(FormatAlign::Center),
    };
    if style.role != Role::Title {
        f = f.set_text_wrap();
    }
    // Long text reads from the top of its (tall) cell, as on paper.
    if style.role == Role::Body && style.num == Num::Text && style.align == Align::Left {
        f = f.set_align(FormatAlign::Top);
    }
    if matches!(style.role, Role::Title | Role::Caption | Role::Header | Role::Total) {
        f = f.set_bold();
    }
    if style.border {
        f = f.set_border(FormatBorder::Thin);
    }
    match style.num {
        Num::Text => f,
        Num::Fixed2 => f.set_num_format("0.00"),
        Num::Int => f.set_num_format("0"),
        Num::Percent => f.set_num_format("0.00%"),
        Num::Date => f.set_num_format(date_format),
    }
}

/// A decimal as the nearest `f64` (from its exact digits).
fn float(d: rust_decimal::Decimal) -> f64 {
    d.normalize().to_string().parse().unwrap_or_default()
}

fn write(ws: &mut Worksheet, s: &Sheet) -> Result<(), XlsxError> {
    ws.set_name(&s.name)?;
    let mut formats: HashMap<Style, Format> = HashMap::new();
    let mut fmt = |st: Style| formats.entry(st).or_insert_with(|| format(st, &s.date_format)).clone();
    for (i, w) in s.widths.iter().enumerate() {
        ws.set_column_width(u16::try_from(i).unwrap_or(u16::MAX), *w)?;
    }
    for (row, h) in &s.heights {
        ws.set_row_height(*row, *h)?;
    }
    for m in &s.merges {
        ws.merge_range(m.first.0, m.first.1, m.last.0, m.last.1, "", &fmt(m.style))?;
    }
    for c in &s.cells {
        let f = fmt(c.style);
        match (&c.formula, &c.value) {
            (Some(formula), v) => {
                let result = match v {
                    Value::Number(d) => d.normalize().to_string(),
                    Value::Text(t) => t.clone(),
                    Value::Blank | Value::Date(_) => String::new(),
                };
                ws.write_formula_with_format(c.row, c.col, Formula::new(formula).set_result(result), &f)?;
            }
            (None, Value::Blank) => {
                ws.write_blank(c.row, c.col, &f)?;
            }
            (None, Value::Text(t)) => {
                ws.write_string_with_format(c.row, c.col, t, &f)?;
            }
            (None, Value::Number(d)) => {
                ws.write_number_with_format(c.row, c.col, float(*d), &f)?;
            }
            (None, Value::Date(d)) => {
                let date = ExcelDateTime::from_ymd(
                    u16::try_from(d.year).unwrap_or(1900),
                    u8::try_from(d.month).unwrap_or(1),
                    u8::try_from(d.day).unwrap_or(1),
                )?;
                ws.write_datetime_with_format(c.row, c.col, &date, &f)?;
            }
        }
    }
    // Print: A4, fit to one page wide (as many pages down as needed), centred, the title on
    // every page, "第 1 页，共 2 页" at the foot.
    ws.set_paper_size(9);
    if s.landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    if s.title_rows > 0 {
        ws.set_repeat_rows(0, s.title_rows - 1)?;
    }
    ws.set_footer(format!("&C{}", s.footer));
    Ok(())
}
