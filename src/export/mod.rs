//! Office files from the printed layout: the forms as a spreadsheet (`.xlsx`, one sheet per
//! form) and the 自评报告 as a word-processor document (`.docx`, the forms as tables after it or
//! in files of their own). Two more renderers of [`Layout`], beside the text report.
//!
//! Pure: `(layout, catalog) -> bytes`, built in memory by `rust_xlsxwriter` and `docx-rs`; the
//! caller writes the bytes through `fsio` (`commands::export`, the wizard's write step). No file
//! system, no environment here (`tests/layering.rs`).
//!
//! - `sheet` — a form document as a grid: columns shared by its tables, merged cells, number
//!   formats, formulas in A1 notation, row heights for wrapped Chinese text, print set-up.
//! - `xlsx` — sheets into a workbook.
//! - `docx` — the report (GB/T 9704 type) and the forms as Word tables.

pub mod docx;
pub mod sheet;
pub mod xlsx;

use crate::form::layout::Layout;
pub use crate::form::package::Office;

/// A renderer's failure (the crate's message): nothing was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One output file: `suffix` is added to the stem of the path asked for (empty for the file
/// itself, `-基础数据表` for a form written apart).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// Added to the file stem.
    pub suffix: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Renders `layout` as `office`; `separate` puts each form in a `.docx` of its own after the
/// report's (a spreadsheet always holds every form).
///
/// # Errors
/// The renderer's message (an internal limit of the office format).
pub fn render(layout: &Layout, office: Office, separate: bool, cat: &crate::i18n::Catalog) -> Result<Vec<Part>, Error> {
    match office {
        Office::Xlsx => Ok(vec![Part { suffix: String::new(), bytes: xlsx::render(layout, cat)? }]),
        Office::Docx if separate => docx::render_separate(layout, cat),
        Office::Docx => Ok(vec![Part { suffix: String::new(), bytes: docx::render(layout, cat)? }]),
    }
}

/// Where a [`Part`] goes: `out` for the file itself, else `out`'s stem with the suffix added,
/// same folder and extension (`包-2023.docx` → `包-2023-基础数据表.docx`).
#[must_use]
pub fn part_path(out: &std::path::Path, suffix: &str) -> std::path::PathBuf {
    if suffix.is_empty() {
        return out.to_path_buf();
    }
    let stem = out.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let name = match out.extension() {
        Some(e) => format!("{stem}{suffix}.{}", e.to_string_lossy()),
        None => format!("{stem}{suffix}"),
    };
    out.with_file_name(name)
}

/// A name usable as a file name part and a sheet tab: no `/ \ ? * [ ] :` and no control
/// character, at most `max` characters.
#[must_use]
pub fn safe_name(name: &str, max: usize) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_control() || "/\\?*[]:'".contains(c) { '_' } else { c }).take(max).collect();
    cleaned.trim().to_string()
}
