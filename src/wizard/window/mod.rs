//! A long text's window: the part of a long text the editor holds. The text editor
//! (`ratatui_textarea`) wraps everything it holds on every edit, so a long text of more than
//! [`WINDOW_CHARS`] characters is edited through a window around the caret and the rest waits
//! in [`Outside`]: a key then costs what the window costs, whatever the text's length
//! (issue 14).
//!
//! The window ends at line breaks where a line break is near, and inside a paragraph
//! otherwise — a text pasted without line breaks is one paragraph. A cut inside a paragraph
//! is made where the editor starts a screen row at the width it is drawn at, so the rows in
//! the window are the rows the whole paragraph has. The caret keeps a screenful of text
//! between itself and an edge with more text beyond it: the screen never shows an edge, and
//! moving the window (when the caret comes nearer) changes nothing on screen.
//!
//! Undo across windows is in `undo`; the editor's size for a terminal size in
//! `wizard::geometry`.
//!
//! **Invariant** (the unit tests below): typing, moving, selecting and deleting through the
//! window shows, at every key, the screen the editor shows when it holds the whole text, and
//! leaves the same text; undo and redo, across the windows the caret left, give its texts.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget as _;
use ratatui_textarea::{CursorMove, DataCursor, TextArea, WrapMode};
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation as _};

mod undo;

pub use undo::Earlier;

use super::geometry::text_editor_size;
use super::{Outside, Page};
use crate::keymap::{Code, Key};

/// A long text longer than this (characters) is edited through a window: about this many
/// characters around the caret, more when a screenful of the editor holds more than a
/// quarter of it.
pub const WINDOW_CHARS: usize = 4000;

/// How far a window reaches, for an editor of a given size.
#[derive(Clone, Copy, Debug)]
struct Reach {
    /// The width the editor wraps at (columns).
    width: u16,
    /// What a screenful of the editor can show (characters): the caret keeps at least this
    /// much text between itself and an edge with more text beyond it.
    keep: usize,
    /// The window's text on each side of the caret where the text has it (characters).
    each_side: usize,
}

impl Reach {
    fn at(size: (u16, u16)) -> Self {
        let (w, h) = text_editor_size(size);
        // Each screen row shows at most `w` characters and ends one line; the cap keeps the
        // window's rows and columns within what the editor's caret moves take (u16).
        let keep = (usize::from(h) * (usize::from(w) + 1) + 1).min(16_000);
        Self { width: w, keep, each_side: (WINDOW_CHARS / 2).max(2 * keep) }
    }
}

/// An editor of `lines`: a long text's (`long`) wraps soft, between any two ideographs; no
/// painted caret.
pub(super) fn text_area(lines: Vec<String>, long: bool) -> TextArea<'static> {
    let mut ta = TextArea::new(lines);
    if long {
        ta.set_wrap_mode(WrapMode::WordOrGlyph);
    }
    ta.set_max_histories(200);
    // The terminal's own cursor marks the caret (input methods follow it); no painted one.
    ta.set_cursor_style(ratatui::style::Style::default());
    ta.set_cursor_line_style(ratatui::style::Style::default());
    ta.set_selection_style(ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::REVERSED));
    ta
}

/// The byte offset `n` characters before `at` in `text` (0 when there are fewer).
fn chars_back(text: &str, at: usize, n: usize) -> usize {
    if n == 0 {
        return at;
    }
    text[..at].char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i)
}

/// The byte offset `n` characters after `at` in `text` (its end when there are fewer).
fn chars_forward(text: &str, at: usize, n: usize) -> usize {
    text[at..].char_indices().nth(n).map_or(text.len(), |(i, _)| at + i)
}

/// The first grapheme boundary at or after `at`.
fn grapheme_ceil(text: &str, at: usize) -> usize {
    let mut c = GraphemeCursor::new(at, text.len(), true);
    match c.is_boundary(text, 0) {
        Ok(true) => at,
        _ => c.next_boundary(text, 0).ok().flatten().unwrap_or(text.len()),
    }
}

/// The last place at or before `at` where the editor, wrapping the paragraph `para` at
/// `width` columns, starts a screen row and a word (a row started inside a word too long for
/// a row would wrap otherwise once cut there). `at` and the result are byte offsets in `para`.
fn row_start(para: &str, at: usize, width: u16) -> usize {
    let ta = text_area(vec![para.to_string()], true);
    let area = Rect::new(0, 0, width, 1);
    (&ta).render(area, &mut Buffer::empty(area));
    let words: Vec<usize> = para.split_word_bound_indices().map(|(i, _)| i).collect();
    let col = para[..at].chars().count();
    // Rows start at increasing columns; the last row is repeated past the end.
    let starts = |row: usize| ta.screen_to_data(row, 0).1;
    let (mut lo, mut hi) = (0, col + 1);
    while lo + 1 < hi {
        let mid = (lo + hi) / 2;
        if starts(mid) <= col { lo = mid } else { hi = mid }
    }
    let byte = |c: usize| para.char_indices().nth(c).map_or(para.len(), |(i, _)| i);
    (0..=lo).rev().map(|r| byte(starts(r))).find(|b| words.binary_search(b).is_ok()).unwrap_or(0)
}

/// The window around the caret (byte offset `caret`) in `text`, as a byte range: at least
/// `each_side` characters on each side where the text has them, widened to a line break
/// within as many more, and cut inside a paragraph otherwise — at a row start above the
/// caret, at a grapheme boundary below it.
fn cut(text: &str, caret: usize, r: Reach) -> Range<usize> {
    let lo = chars_back(text, caret, r.each_side);
    let lo = if lo == 0 {
        0
    } else {
        let line = text[..lo].rfind('\n').map_or(0, |i| i + 1);
        if text[line..lo].chars().count() <= r.each_side {
            line
        } else {
            let end = text[line..].find('\n').map_or(text.len(), |i| line + i);
            line + row_start(&text[line..end], lo - line, r.width)
        }
    };
    let hi = chars_forward(text, caret, r.each_side);
    let end = text[hi..].find('\n').map_or(text.len(), |i| hi + i);
    let hi = if text[hi..end].chars().count() <= r.each_side { end } else { grapheme_ceil(text, hi) };
    lo..hi
}

/// Whether the caret has less than `keep` characters of the window before it, and after it.
fn near_edges(lines: &[String], DataCursor(row, col): DataCursor, keep: usize) -> (bool, bool) {
    let Some(line) = lines.get(row) else { return (false, false) };
    let mut before = col;
    for l in lines[..row].iter().rev() {
        if before >= keep {
            break;
        }
        before += l.chars().count() + 1;
    }
    let mut after = line.chars().count().saturating_sub(col);
    for l in &lines[row + 1..] {
        if after >= keep {
            break;
        }
        after += l.chars().count() + 1;
    }
    (before < keep, after < keep)
}

/// The editor for a long text of `text`, with the caret at its end and, when the text is
/// longer than [`WINDOW_CHARS`], what waits outside its window, for a terminal of `size`.
pub(super) fn open(text: &str, size: (u16, u16)) -> (TextArea<'static>, Outside) {
    let (win, outside) = if text.chars().count() > WINDOW_CHARS {
        let w = cut(text, text.len(), Reach::at(size));
        (
            &text[w.clone()],
            Outside { before: text[..w.start].to_string(), after: text[w.end..].to_string(), ..Outside::default() },
        )
    } else {
        (text, Outside::default())
    };
    let mut ta = text_area(win.split('\n').map(str::to_string).collect(), true);
    ta.move_cursor(CursorMove::Bottom);
    ta.move_cursor(CursorMove::End);
    (ta, outside)
}

impl Page {
    /// Moves a long text's window when the caret has come nearer than a screenful to an edge
    /// with more text beyond it. A selection's other end stays in the window, which grows to
    /// hold it; it is cut back once nothing is selected.
    pub(super) fn slide_window(&mut self, size: (u16, u16)) {
        let Some(ed) = &self.editor else { return };
        let r = Reach::at(size);
        // A window grown to hold a selection (or a paste) is cut back once nothing is
        // selected: a key would cost what it holds.
        let big = 6 * r.each_side;
        if ed.wrap_mode() != WrapMode::None && !ed.is_selecting() && held_bytes(ed) > big && held_chars(ed) > big {
            self.rewindow(size, size);
            return;
        }
        if !windowed(&self.outside) {
            return;
        }
        let (top, bottom) = near_edges(ed.lines(), ed.cursor(), r.keep);
        if top && !self.outside.before.is_empty() || bottom && !self.outside.after.is_empty() {
            self.rewindow(size, size);
        }
    }

    /// The terminal went from `was` to `size`: a windowed editor is cut again where rows start
    /// at the new width. Nothing when the editor holds the whole text.
    pub(super) fn resized(&mut self, was: (u16, u16), size: (u16, u16)) {
        if windowed(&self.outside) {
            self.rewindow(size, was);
        }
    }

    /// An editor that a paste made hold a long text whole edited through a window from now
    /// on; what it held stays for undo.
    pub(super) fn window_if_long(&mut self, size: (u16, u16)) {
        // Long texts only: their editor wraps; a one-line field's does not.
        let Some(ed) = self.editor.as_ref().filter(|ed| ed.wrap_mode() != WrapMode::None) else { return };
        if windowed(&self.outside) || held_chars(ed) <= WINDOW_CHARS {
            return;
        }
        // Only when a window would hold less than all of it (one that did holds it all).
        let text = ed.lines().join("\n");
        let win = cut(&text, spots(&self.outside, ed).0, Reach::at(size));
        if win.start > 0 || win.end < text.len() {
            self.rewindow(size, size);
        }
    }

    /// A windowed editor made to hold the whole text, caret and selection where they were
    /// (before an edit of all of it: clearing must be undone whole); the windowed one is kept
    /// for undo. Nothing for an editor that holds it all already.
    pub(super) fn unwindow(&mut self, size: (u16, u16)) {
        if !windowed(&self.outside) {
            return;
        }
        let Some(ed) = self.editor.take() else { return };
        let (caret, anchor) = spots(&self.outside, &ed);
        let text = whole_text(&self.outside, &ed);
        self.keep_for_undo(ed, &text, text_editor_size(size).0);
        let mut ta = text_area(text.split('\n').map(str::to_string).collect(), true);
        place(&mut ta, &text, 0, caret, anchor);
        self.outside.before.clear();
        self.outside.after.clear();
        self.outside.edited = false;
        self.editor = Some(ta);
    }

    /// The editor rebuilt around its caret for a terminal of `size`: same text, caret and
    /// selection, and the caret as far from the pane's bottom as the next frame would have
    /// shown it (drawn at `was`). The old editor is kept for undo ([`Page::undo_before`]).
    fn rewindow(&mut self, size: (u16, u16), was: (u16, u16)) {
        let Some(ed) = self.editor.take() else { return };
        // As far from the pane's bottom as it was (a pane that grows shows more above).
        let (h, h_was) = (usize::from(text_editor_size(size).1), usize::from(text_editor_size(was).1));
        let below = h_was - 1 - shown_row(&ed, was).min(h_was - 1);
        let shown_at = (h - 1).saturating_sub(below);
        let (caret, anchor) = spots(&self.outside, &ed);
        let text = whole_text(&self.outside, &ed);
        self.keep_for_undo(ed, &text, text_editor_size(was).0);
        self.rebuild(text, caret, anchor, shown_at, size);
    }

    /// A move by lines, words or paragraphs (`key`, for which [`moves_far`] holds) in a
    /// windowed editor: made on the whole text, since it may end beyond the window; the window
    /// is rebuilt around where the caret lands when that is outside it. False when the editor
    /// holds the whole text (the editor's own move is the move), or the text is too large for
    /// the editor's caret (more than 65,535 lines or characters in a line: Home and End are
    /// still made, other moves are the window's).
    pub(super) fn move_far(&mut self, key: Key, size: (u16, u16)) -> bool {
        let Some(ed) = &self.editor else { return false };
        if !windowed(&self.outside) {
            return false;
        }
        let text = whole_text(&self.outside, ed);
        let (caret, anchor) = spots(&self.outside, ed);
        let Some((to, to_anchor)) = whole_move(&text, caret, anchor, key) else { return false };
        self.column = None;
        let (start, end) = (self.outside.before.len(), text.len() - self.outside.after.len());
        let (before, after) = (!self.outside.before.is_empty(), !self.outside.after.is_empty());
        let inside = |b: usize| b >= start && b <= end && (b > start || !before) && (b < end || !after);
        if inside(to) && to_anchor.is_none_or(inside) {
            let ed = self.editor.as_mut().expect("checked above");
            place(ed, &text, start, to, to_anchor);
            self.slide_window(size);
            return true;
        }
        // Beyond the window, so beyond the screen: the editor would scroll it to the first row
        // (above) or the last (below).
        let shown_at = if to < caret { 0 } else { usize::from(text_editor_size(size).1) - 1 };
        if let Some(ed) = self.editor.take() {
            self.keep_for_undo(ed, &text, text_editor_size(size).0);
        }
        self.rebuild(text, to, to_anchor, shown_at, size);
        true
    }

    /// The editor on the window of `text` around the byte offset `caret` (and `anchor`, the
    /// selection's other end, when there is one), showing the caret on the editor's screen row
    /// `shown_at` (as near as the text allows).
    fn rebuild(&mut self, text: String, caret: usize, anchor: Option<usize>, shown_at: usize, size: (u16, u16)) {
        let (w, h) = text_editor_size(size);
        let r = Reach::at(size);
        let mut win = cut(&text, caret, r);
        if let Some(a) = anchor {
            let other = cut(&text, a, r);
            win = win.start.min(other.start)..win.end.max(other.end);
        }
        let mut ta = text_area(text[win.clone()].split('\n').map(str::to_string).collect(), true);
        place(&mut ta, &text, win.start, caret, anchor);
        // Drawn once off screen to learn its rows, then scrolled to put the caret where it was.
        let area = Rect::new(0, 0, w, h);
        (&ta).render(area, &mut Buffer::empty(area));
        let now = ta.screen_cursor().row.saturating_sub(usize::from(ta.scroll_offset().0));
        let delta = i16::try_from(now).unwrap_or(i16::MAX) - i16::try_from(shown_at).unwrap_or(i16::MAX);
        if delta != 0 {
            ta.scroll((delta, 0));
            // Scrolling sets the caret again from its screen column, which puts a caret after
            // a combining mark before it: back to where it was.
            place(&mut ta, &text, win.start, caret, anchor);
        }
        self.outside.before = text[..win.start].to_string();
        self.outside.after = text[win.end..].to_string();
        self.outside.edited = false;
        self.editor = Some(ta);
    }
}

/// `ed` scrolled, if need be, so that a pane of `size` shows no rows past the text's end while
/// there is text above it to show (undoing a long paste put the caret's row at the top, and
/// the text above it out of sight). The caret and selection stay where they are.
fn fill_view(ed: &mut TextArea<'_>, size: (u16, u16)) {
    let (w, h) = text_editor_size(size);
    let area = Rect::new(0, 0, w, h);
    (&*ed).render(area, &mut Buffer::empty(area));
    let top = usize::from(ed.scroll_offset().0);
    if top == 0 {
        return;
    }
    // The number of rows: past the last one, rows resolve to the last one again.
    let last = |r: usize| ed.screen_to_data(r, 0) == ed.screen_to_data(r + 1, 0);
    let (mut lo, mut hi) = (0, top + usize::from(h));
    if !last(hi) {
        return;
    }
    while lo < hi {
        let mid = (lo + hi) / 2;
        if last(mid) { hi = mid } else { lo = mid + 1 }
    }
    let rows = lo + 1;
    let want = rows.saturating_sub(usize::from(h));
    if want < top {
        let (DataCursor(r, c), anchor) = (ed.cursor(), anchor_of(ed));
        ed.scroll((i16::try_from(want).unwrap_or(0) - i16::try_from(top).unwrap_or(0), 0));
        select(ed, (r, c), anchor);
    }
}

/// Whether the editor holds only a window of the text.
fn windowed(o: &Outside) -> bool {
    !(o.before.is_empty() && o.after.is_empty())
}

/// Whether the window begins inside a paragraph (its rows then hold for one width only).
fn cut_inside(o: &Outside) -> bool {
    !o.before.is_empty() && !o.before.ends_with('\n')
}

/// The text the editor holds, in bytes (its lines and the line breaks between them).
fn held_bytes(ed: &TextArea<'_>) -> usize {
    ed.lines().iter().map(|l| l.len() + 1).sum::<usize>() - 1
}

/// The text the editor holds, in characters (line breaks counted).
fn held_chars(ed: &TextArea<'_>) -> usize {
    ed.lines().iter().map(|l| l.chars().count() + 1).sum::<usize>() - 1
}

/// The editor's screen row of the caret in the next frame drawn at `size`: the editor scrolls
/// only to keep the caret shown (drawn off screen here, as that frame would draw it).
fn shown_row(ed: &TextArea<'_>, size: (u16, u16)) -> usize {
    let (w, h) = text_editor_size(size);
    let area = Rect::new(0, 0, w, h);
    ed.render(area, &mut Buffer::empty(area));
    ed.screen_cursor().row.saturating_sub(usize::from(ed.scroll_offset().0))
}

/// The editor's row and column (characters) of the byte offset `at` of `text` in a window
/// starting at the byte offset `start`.
fn row_col(text: &str, start: usize, at: usize) -> (usize, usize) {
    let row = text[start..at].matches('\n').count();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1).max(start);
    (row, text[line_start..at].chars().count())
}

/// The caret moved to the byte offset `caret` of `text` in an editor whose window starts at
/// `start`, selecting from `anchor` when there is one.
fn place(ta: &mut TextArea<'_>, text: &str, start: usize, caret: usize, anchor: Option<usize>) {
    select(ta, row_col(text, start, caret), anchor.map(|a| row_col(text, start, a)));
}

/// The caret moved to the editor's (row, column) `caret`, selecting from `anchor` when there
/// is one.
fn select(ta: &mut TextArea<'_>, caret: (usize, usize), anchor: Option<(usize, usize)>) {
    let jump = |ta: &mut TextArea<'_>, (r, c): (usize, usize)| {
        ta.move_cursor(CursorMove::Jump(u16::try_from(r).unwrap_or(u16::MAX), u16::try_from(c).unwrap_or(u16::MAX)));
    };
    ta.cancel_selection();
    if let Some(a) = anchor {
        jump(ta, a);
        ta.start_selection();
    }
    jump(ta, caret);
}

/// The byte offset in the whole text of the editor's (row, column) in a window of `lines`
/// starting at the byte offset `start`.
fn offset_of(start: usize, lines: &[String], (row, col): (usize, usize)) -> usize {
    let above: usize = lines.iter().take(row).map(|l| l.len() + 1).sum();
    start + above + lines.get(row).map_or(0, |l| l.char_indices().nth(col).map_or(l.len(), |(b, _)| b))
}

/// The editor's caret and the selection's other end (`None`: nothing selected), as byte
/// offsets in the whole text.
fn spots(outside: &Outside, ed: &TextArea<'_>) -> (usize, Option<usize>) {
    let start = outside.before.len();
    let DataCursor(r, c) = ed.cursor();
    (offset_of(start, ed.lines(), (r, c)), anchor_of(ed).map(|p| offset_of(start, ed.lines(), p)))
}

/// The selection's other end (where it began), as the editor's (row, column).
fn anchor_of(ed: &TextArea<'_>) -> Option<(usize, usize)> {
    let DataCursor(r, c) = ed.cursor();
    ed.selection_range().map(|(a, b)| if a == (r, c) { b } else { a })
}

/// The whole text: what is outside the window and what the editor holds.
fn whole_text(outside: &Outside, ed: &TextArea<'_>) -> String {
    format!("{}{}{}", outside.before, ed.lines().join("\n"), outside.after)
}

/// `key` made on an editor holding the whole `text`, with the caret at `caret` selecting from
/// `anchor`: where the caret and the selection's other end go. For a text the editor's caret
/// cannot reach (more than 65,535 lines or characters in a line), Home and End only, and
/// `None` for other keys.
fn whole_move(text: &str, caret: usize, anchor: Option<usize>, key: Key) -> Option<(usize, Option<usize>)> {
    let fits = |at: usize| {
        let (r, c) = row_col(text, 0, at);
        u16::try_from(r).is_ok() && u16::try_from(c).is_ok()
    };
    if !fits(caret) || anchor.is_some_and(|a| !fits(a)) {
        let line = text[..caret].rfind('\n').map_or(0, |i| i + 1);
        let end = text[caret..].find('\n').map_or(text.len(), |i| caret + i);
        return match key.code {
            _ if key.shift => None,
            Code::Home => Some((line, None)),
            Code::End => Some((end, None)),
            _ => None,
        };
    }
    let mut all = text_area(text.split('\n').map(str::to_string).collect(), true);
    place(&mut all, text, 0, caret, anchor);
    super::caret::edit(&mut all, key, &mut None, |ed| ed.input(super::editor::to_input(key)));
    Some(spots(&Outside::default(), &all))
}

/// Whether `key` moves the caret by the text's lines, words or paragraphs, or to its top or
/// bottom (Home, End, and arrows with Ctrl or Alt): a move that may end outside the window.
/// Moves by a character or a screen row stay in it (the caret keeps a screenful of text
/// between itself and an edge).
#[must_use]
pub fn moves_far(key: Key) -> bool {
    matches!(key.code, Code::Home | Code::End)
        || (key.ctrl || key.alt) && matches!(key.code, Code::Left | Code::Right | Code::Up | Code::Down)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::geometry::{main_size, pane_height};
    use proptest::prelude::*;

    const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

    fn key(code: Code, ctrl: bool, alt: bool) -> Key {
        Key { code, ctrl, alt, shift: false }
    }

    /// The keys a test presses: index into a fixed list; some press one key many times.
    fn keys(i: u8) -> Vec<Key> {
        let k = |c| key(c, false, false);
        let s = |c| Key { code: c, ctrl: false, alt: false, shift: true };
        match i % 26 {
            0 => vec![k(Code::Up)],
            1 => vec![k(Code::Down)],
            2 => vec![k(Code::Left)],
            3 => vec![k(Code::Right)],
            4 => vec![k(Code::Home)],
            5 => vec![k(Code::End)],
            6 => vec![key(Code::Up, true, false)],
            7 => vec![key(Code::Down, true, false)],
            8 => vec![key(Code::Left, true, false)],
            9 => vec![key(Code::Right, true, false)],
            10 => vec![key(Code::Up, true, true)],
            11 => vec![key(Code::Down, true, true)],
            12 => vec![k(Code::Char('字'))],
            13 => vec![k(Code::Char('a')), k(Code::Char(' '))],
            14 => vec![k(Code::Enter)],
            15 => vec![k(Code::Backspace)],
            16 => vec![k(Code::Delete)],
            17 => vec![k(Code::Up); 40],
            18 => vec![k(Code::Down); 40],
            19 => vec![k(Code::Left); 150],
            20 => vec![s(Code::Up); 30],
            21 => vec![s(Code::Down); 30],
            22 => vec![s(Code::Left); 5],
            23 => vec![s(Code::Home)],
            24 => vec![s(Code::End)],
            _ => vec![Key { code: Code::Up, ctrl: true, alt: false, shift: true }],
        }
    }

    /// A text from `seed`: paragraphs of ideographs, words, digits, TABs and combining marks,
    /// one of them `long` characters long (none when 0), more than `WINDOW_CHARS` in all.
    fn text(seed: u64, long: usize) -> String {
        let mut x = seed | 1;
        let mut next = move |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        let glyphs = [
            "城",
            "市",
            "管",
            "理",
            "执",
            "法",
            "。",
            "，",
            "abc",
            "executive",
            " ",
            "2023",
            "\t",
            "e\u{301}",
            "（一）",
        ];
        let mut out = String::new();
        let mut paragraph = 0;
        while out.chars().count() < WINDOW_CHARS + 1500 || paragraph < 3 {
            if paragraph > 0 {
                out.push('\n');
            }
            let n = if paragraph == 1 && long > 0 { long } else { next(400) as usize };
            let start = out.chars().count();
            while out.chars().count() - start < n {
                out.push_str(glyphs[next(glyphs.len() as u64) as usize]);
            }
            paragraph += 1;
        }
        out
    }

    /// The editor's screen (its rows as text) and the caret's place in it, drawn at `size`.
    fn screen(ta: &TextArea<'_>, size: (u16, u16)) -> (Vec<String>, (usize, usize)) {
        let (w, h) = text_editor_size(size);
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        ta.render(area, &mut buf);
        let rows = (0..h).map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>()).collect();
        let sc = ta.screen_cursor();
        (rows, (sc.row - usize::from(ta.scroll_offset().0), sc.col))
    }

    fn page(text: &str, size: (u16, u16)) -> Page {
        let (editor, outside) = open(text, size);
        Page {
            index: 0,
            slots: Vec::new(),
            lines: Vec::new(),
            focus: 0,
            editor: Some(editor),
            outside,
            editing: false,
            opened: None,
            fresh: None,
            column: None,
        }
    }

    /// `key` in a windowed page, as the wizard does it.
    fn press(p: &mut Page, k: Key, size: (u16, u16)) {
        if moves_far(k) && p.move_far(k, size) {
            return;
        }
        let ed = p.editor.as_mut().expect("editor");
        if super::super::caret::edit(ed, k, &mut p.column, |ed| ed.input(super::super::editor::to_input(k))) {
            p.edited();
        }
        p.slide_window(size);
    }

    fn whole_of(p: &Page) -> String {
        whole_text(&p.outside, p.editor.as_ref().expect("editor"))
    }

    /// Every key through the window and through an editor holding the whole text: the same
    /// screen, caret and text after each.
    fn same_as_whole(text: &str, presses: &[u8], size: (u16, u16)) -> Result<(), TestCaseError> {
        let mut p = page(text, size);
        prop_assert!(!p.outside.before.is_empty(), "windowed");
        // The terminal says its size once the screen is up: nothing may move (a pane showed
        // one row and blank ones below, from an editor never drawn).
        p.resized(size, size);
        let (mut all, mut all_column) = (text_area(text.split('\n').map(str::to_string).collect(), true), None);
        all.move_cursor(CursorMove::Bottom);
        all.move_cursor(CursorMove::End);
        prop_assert_eq!(screen(p.editor.as_ref().expect("editor"), size), screen(&all, size));
        for (n, i) in presses.iter().enumerate() {
            for k in keys(*i) {
                press(&mut p, k, size);
                super::super::caret::edit(&mut all, k, &mut all_column, |ed| {
                    ed.input(super::super::editor::to_input(k))
                });
                let (got, want) = (screen(p.editor.as_ref().expect("editor"), size), screen(&all, size));
                prop_assert_eq!(got, want, "press {} ({:?}) at {:?}", n, k, size);
            }
            prop_assert_eq!(whole_of(&p), all.lines().join("\n"), "text after press {}", n);
        }
        Ok(())
    }

    /// Undo everything typed through the window, then redo it: after each step the text is the
    /// one an editor holding the whole text has (windows the caret left are gone back into).
    fn undo_redo_as_whole(text: &str, presses: &[u8], size: (u16, u16)) -> Result<(), TestCaseError> {
        let mut p = page(text, size);
        let mut all = text_area(text.split('\n').map(str::to_string).collect(), true);
        let mut all_column = None;
        all.move_cursor(CursorMove::Bottom);
        all.move_cursor(CursorMove::End);
        // Both drawn before the first key (moves by screen row need the rows).
        let _ = (screen(p.editor.as_ref().expect("editor"), size), screen(&all, size));
        for i in presses {
            for k in keys(*i) {
                press(&mut p, k, size);
                super::super::caret::edit(&mut all, k, &mut all_column, |ed| {
                    ed.input(super::super::editor::to_input(k))
                });
                // Drawn after each key, as the wizard does.
                let _ = (screen(p.editor.as_ref().expect("editor"), size), screen(&all, size));
            }
        }
        for undo in [true, false] {
            if !undo {
                // Moves between undoing and redoing move the window; redo still reaches.
                for k in keys(17).into_iter().chain(keys(4)).chain(keys(18)) {
                    press(&mut p, k, size);
                    super::super::caret::edit(&mut all, k, &mut all_column, |ed| {
                        ed.input(super::super::editor::to_input(k))
                    });
                    let _ = (screen(p.editor.as_ref().expect("editor"), size), screen(&all, size));
                }
            }
            for step in 0.. {
                let want = if undo { all.undo() } else { all.redo() };
                let got = p.undo(undo, size);
                prop_assert_eq!(got, want, "undo {} step {}", undo, step);
                prop_assert_eq!(whole_of(&p), all.lines().join("\n"), "undo {} step {}", undo, step);
                if !want {
                    break;
                }
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 16, .. ProptestConfig::default() })]

        /// The same keys shown and undone as an editor holding the whole text does.
        #[test]
        fn the_window_acts_as_the_whole_text(
            seed in any::<u64>(),
            long in prop_oneof![Just(0usize), 5_000usize..10_000],
            presses in proptest::collection::vec(any::<u8>(), 8..24),
            size in 0..SIZES.len(),
        ) {
            let text = text(seed, long);
            same_as_whole(&text, &presses, SIZES[size])?;
            undo_redo_as_whole(&text, &presses, SIZES[size])?;
        }
    }

    #[test]
    fn one_long_paragraph_is_cut_inside_it_and_a_key_costs_the_window() {
        // 30,000 characters without a line break: the window holds about 4,000 of them.
        let text: String = "城市管理综合行政执法支队，abc 2023。".chars().cycle().take(30_000).collect();
        for size in SIZES {
            let mut p = page(&text, size);
            let held = p.editor.as_ref().expect("editor").lines().concat().chars().count();
            assert!(held < 10_000, "{size:?}: the window holds {held}");
            assert!(!p.outside.before.is_empty() && !p.outside.before.ends_with('\n'), "cut inside the paragraph");
            // To the paragraph's start and its end, typing on the way, twice.
            for _ in 0..2 {
                for k in [key(Code::Home, false, false), key(Code::Char('甲'), false, false)] {
                    press(&mut p, k, size);
                }
                for _ in 0..100 {
                    press(&mut p, key(Code::Down, false, false), size);
                }
                for k in [key(Code::End, false, false), key(Code::Char('乙'), false, false)] {
                    press(&mut p, k, size);
                }
                let held = p.editor.as_ref().expect("editor").lines().concat().chars().count();
                assert!(held < 10_000, "{size:?}: the window holds {held}");
            }
            // All of it selected: the window holds all of it, and is cut back once the
            // selection ends.
            press(&mut p, Key { code: Code::Home, ctrl: false, alt: false, shift: true }, size);
            assert!(p.outside.before.is_empty(), "{size:?}: the selection is in the window");
            press(&mut p, key(Code::Right, false, false), size);
            let held = p.editor.as_ref().expect("editor").lines().concat().chars().count();
            assert!(held < 10_000, "{size:?}: the window holds {held} after the selection");
            let got = whole_of(&p);
            assert_eq!(got.chars().count(), 30_004);
            assert!(got.starts_with("甲甲城市") && got.ends_with("乙乙"), "{size:?}: {}", &got[..30]);
        }
    }

    #[test]
    fn resizing_cuts_the_paragraph_where_rows_start_at_the_new_width() {
        let text: String = "城市管理执法abc ".chars().cycle().take(20_000).collect();
        let mut p = page(&text, (200, 60));
        for _ in 0..100 {
            press(&mut p, key(Code::Up, false, false), (200, 60));
        }
        let state = |p: &Page| {
            let ed = p.editor.as_ref().expect("editor");
            (whole_text(&p.outside, ed), spots(&p.outside, ed))
        };
        let before = state(&p);
        let mut was = (200, 60);
        for size in [(80, 24), (130, 30), (200, 60)] {
            p.resized(was, size);
            was = size;
            assert_eq!(state(&p), before, "text and caret kept");
            assert!(!p.outside.before.is_empty() && !p.outside.before.ends_with('\n'), "cut inside the paragraph");
            // The rows on screen, in order, are rows the whole paragraph has at this width.
            let (w, _) = text_editor_size(size);
            let all = text_area(vec![text.clone()], true);
            let tall = Rect::new(0, 0, w, 2000);
            let mut buf = Buffer::empty(tall);
            (&all).render(tall, &mut buf);
            let rows = |b: &Buffer, n: u16| {
                (0..n).map(|y| (0..w).map(|x| b[(x, y)].symbol()).collect::<String>()).collect::<Vec<_>>()
            };
            let whole_rows = rows(&buf, 2000).join("|");
            let shown = screen(p.editor.as_ref().expect("editor"), size).0.join("|");
            assert!(whole_rows.contains(&shown), "{size:?}: {shown}");
        }
    }

    #[test]
    fn the_editor_size_is_the_size_the_editor_is_drawn_at() {
        // ui draws the open editor in `text_editor_size`: a text that fills it wraps there.
        for size in [(80, 24), (109, 30), (110, 40), (200, 60), (300, 100)] {
            let (w, h) = text_editor_size(size);
            let (mw, mh) = main_size(size);
            assert!(w + 2 == mw && h + 3 == pane_height(mh, true), "{size:?}");
            assert!(h >= 3 && usize::from(w) * usize::from(h) < Reach::at(size).keep);
        }
    }
}
