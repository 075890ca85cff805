//! The caret over user-perceived characters. The text editor moves and deletes by `char`, so
//! a letter written with a combining mark (`e` + U+0301), a flag or an emoji with a skin tone
//! would be entered half and deleted half. Left, Right, Backspace and Delete are done here
//! by grapheme cluster; every other key is left to the editor, and a caret that lands inside
//! a cluster (Up, Down, Home …) is moved to its start. Up and Down keep the screen column they
//! started from across shorter rows, as editors do (the text editor forgets it).

use ratatui_textarea::{CursorMove, DataCursor, TextArea};

use crate::keymap::{Code, Key};
use crate::text::{grapheme_after, grapheme_before, grapheme_floor};

/// Does `key` in `ed`: by grapheme cluster where that differs from by `char`, else with
/// `editor_key` (the editor's own handling). `column` is the screen column a run of Up and
/// Down keys started from (kept between keys by the caller; any other key forgets it).
/// Returns whether the text changed.
pub(super) fn edit(
    ed: &mut TextArea<'_>,
    key: Key,
    column: &mut Option<usize>,
    editor_key: impl FnOnce(&mut TextArea<'_>) -> bool,
) -> bool {
    let vertical = matches!(key.code, Code::Up | Code::Down) && !key.ctrl && !key.alt;
    if !vertical {
        *column = None;
    } else if column.is_none() {
        *column = Some(ed.screen_cursor().col);
    }
    if let Some(changed) = by_cluster(ed, key) {
        return changed;
    }
    let changed = editor_key(ed);
    if let Some(want) = column.filter(|_| vertical) {
        // The row the key reached, at the column the run started from (or its end; the end
        // of a row that wraps is the next row's start: then the editor's own place stays).
        let (row, DataCursor(r0, c0)) = (ed.screen_cursor().row, ed.cursor());
        let DataCursor(r, c) = ed.screen_to_data(row, want);
        let jump = |ed: &mut TextArea<'_>, r: usize, c: usize| {
            if let (Ok(r), Ok(c)) = (u16::try_from(r), u16::try_from(c)) {
                ed.move_cursor(CursorMove::Jump(r, c));
            }
        };
        jump(ed, r, c);
        if ed.screen_cursor().row != row {
            jump(ed, r0, c0);
        }
    }
    if matches!(key.code, Code::Up | Code::Down | Code::PageUp | Code::PageDown) {
        snap(ed);
    }
    changed
}

/// Left, Right, Backspace and Delete over a cluster of more than one `char`; `None` for
/// anything else.
fn by_cluster(ed: &mut TextArea<'_>, key: Key) -> Option<bool> {
    if key.ctrl || key.alt {
        return None;
    }
    let DataCursor(row, col) = ed.cursor();
    let line = ed.lines().get(row)?.clone();
    match key.code {
        Code::Left | Code::Right => {
            let n = if key.code == Code::Left { grapheme_before(&line, col) } else { grapheme_after(&line, col) };
            if n <= 1 {
                return None;
            }
            // The editor's own key n times keeps its selection rules (Shift extends, none cancels).
            let input = ratatui_textarea::Input {
                key: if key.code == Code::Left { ratatui_textarea::Key::Left } else { ratatui_textarea::Key::Right },
                ctrl: false,
                alt: false,
                shift: key.shift,
            };
            for _ in 0..n {
                ed.input(input.clone());
            }
            Some(false)
        }
        Code::Backspace | Code::Delete if ed.is_selecting() => None,
        Code::Backspace => {
            let n = grapheme_before(&line, col);
            if n <= 1 {
                return None;
            }
            for _ in 0..n {
                ed.move_cursor(CursorMove::Back);
            }
            // One edit, one undo step.
            Some(ed.delete_str(n))
        }
        Code::Delete => {
            let n = grapheme_after(&line, col);
            if n <= 1 {
                return None;
            }
            Some(ed.delete_str(n))
        }
        _ => None,
    }
}

/// Moves a caret that lies inside a cluster to the cluster's start.
fn snap(ed: &mut TextArea<'_>) {
    let DataCursor(row, col) = ed.cursor();
    let Some(line) = ed.lines().get(row) else { return };
    let start = grapheme_floor(line, col);
    for _ in start..col {
        ed.move_cursor(CursorMove::Back);
    }
}
