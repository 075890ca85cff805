//! Where the section screen puts things, in a terminal of a given size: the main area beside
//! the side panel, the editor pane, and the open long-text editor, whose width its text wraps
//! at. `ui` draws at these sizes and the long-text window (`window`) cuts its rows for them;
//! a test in `window` holds the two to the same numbers.

/// Width from which the section map is a side panel (columns).
pub const SIDE_PANEL_FROM: u16 = 110;
/// The side panel's width (columns), without the rule left of it.
pub const SIDE_WIDTH: u16 = 30;

/// The section screen's main area in a terminal of `size` (columns, rows): below the two
/// header rows, above the status and key lines, left of the side panel when there is one.
#[must_use]
pub fn main_size(size: (u16, u16)) -> (u16, u16) {
    let w = if size.0 >= SIDE_PANEL_FROM { size.0 - SIDE_WIDTH - 1 } else { size.0 };
    (w, size.1.saturating_sub(4))
}

/// The editor pane's height (rows) in a main area `rows` high: four rows, or half the area
/// (6 to 14 rows) while a long text's editor is open.
#[must_use]
pub fn pane_height(rows: u16, open: bool) -> u16 {
    if open { (rows / 2).clamp(6, 14) } else { 4 }
}

/// The open long-text editor's size (columns, rows) in a terminal of `size`: the width its
/// text wraps at and the rows it shows. The pane's label line and two lines under it take
/// three rows; the `>` and a space take two columns.
#[must_use]
pub fn text_editor_size(size: (u16, u16)) -> (u16, u16) {
    let (w, h) = main_size(size);
    (w.saturating_sub(2).max(1), pane_height(h, true).saturating_sub(3).max(1))
}
