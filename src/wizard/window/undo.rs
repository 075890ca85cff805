//! Undo across the long text's windows. Each window's editor keeps its own undo history; the
//! editors the caret left that hold edits wait in `Outside::earlier`, and undo goes back into
//! them while the whole text is as it was when the caret left (its length and hash say so);
//! redo first tries the editor left after undoing, then goes forward through
//! `Outside::later`. An editor kept for one width is cut again when undo reaches it at
//! another.

use ratatui_textarea::{TextArea, WrapMode};

use super::{cut_inside, fill_view, held_bytes, shown_row, spots, text_editor_size, whole_text};
use crate::wizard::Page;

impl Page {
    /// Keeps `ed`, an editor the window moved away from, for undo to go back into, when it
    /// holds edits (an editor the caret only passed through has nothing to undo); `text` is
    /// the whole text it was part of, `cut_for` the width its window was cut for.
    pub(super) fn keep_for_undo(&mut self, ed: TextArea<'static>, text: &str, cut_for: u16) {
        let o = &mut self.outside;
        if !o.edited {
            return;
        }
        // A window cut inside a paragraph has rows for one width only.
        let width = cut_inside(o).then_some(cut_for);
        o.earlier.push(Earlier { start: o.before.len(), len: text.len(), hash: hash(text), width, editor: ed });
        if o.earlier.len() > KEPT_WINDOWS {
            o.earlier.remove(0);
        }
    }

    /// Undo (`undo`) or redo in the editor: there, else in the window the caret came from
    /// ([`Page::undo_before`]); a long text's pane then shows no rows past its end while text
    /// above could show ([`fill_view`]). The window stays where it is (moving it would forget
    /// what redo can do); the next move moves it. Whether the text changed.
    pub(in crate::wizard) fn undo(&mut self, undo: bool, size: (u16, u16)) -> bool {
        let Some(ed) = &mut self.editor else { return false };
        let own = if undo { ed.undo() } else { ed.redo() };
        self.outside.edited |= own;
        let done = own || self.undo_before(undo, size);
        if let Some(ed) = self.editor.as_mut().filter(|ed| ed.wrap_mode() != WrapMode::None) {
            fill_view(ed, size);
        }
        done
    }

    /// Undo (`undo`) or redo in a windowed text whose editor has nothing left to undo (or
    /// redo): goes back to the window the caret came from (or forward to the one it went
    /// back from), when the text is as it was when the caret left it, and undoes (or redoes)
    /// there; windows with nothing to undo are passed through. Redo first tries the window
    /// the caret left after undoing (it holds what was undone). A window cut for another
    /// width is cut again for `size`. False when there is none.
    fn undo_before(&mut self, undo: bool, size: (u16, u16)) -> bool {
        let Some(mut here) = self.editor.take() else { return false };
        let text = whole_text(&self.outside, &here);
        // The caret's screen row now: an editor cut again for this width shows it there.
        let was_row = shown_row(&here, size);
        let (len, hash) = (text.len(), hash(&text));
        let mut start = self.outside.before.len();
        let mut own = len - start - self.outside.after.len();
        let mut width = cut_inside(&self.outside).then_some(text_editor_size(size).0);
        let mut done = false;
        let same = |e: &Earlier| e.len == len && e.hash == hash;
        if let Some(top) = self.outside.earlier.last_mut().filter(|e| !undo && same(e)) {
            let top_own = held_bytes(&top.editor);
            if top.editor.redo() {
                let there = self.outside.earlier.pop().expect("the last one");
                (start, own, width, here, done) = (there.start, top_own, there.width, there.editor, true);
            }
        }
        while !done {
            let from = if undo { &mut self.outside.earlier } else { &mut self.outside.later };
            let Some(there) = from.pop() else { break };
            if !same(&there) {
                // The text moved on since (more edits than an editor keeps): go no further.
                from.clear();
                break;
            }
            let to = if undo { &mut self.outside.later } else { &mut self.outside.earlier };
            to.push(Earlier { start, len, hash, width, editor: here });
            (start, width, here) = (there.start, there.width, there.editor);
            own = held_bytes(&here);
            done = if undo { here.undo() } else { here.redo() };
        }
        self.outside.before = text[..start].to_string();
        self.outside.after = text[start + own..].to_string();
        self.editor = Some(here);
        if done {
            self.outside.edited = true;
            if width.is_some_and(|w| w != text_editor_size(size).0) {
                // Cut for another width: cut again, the caret on the row it was on.
                let Some(ed) = self.editor.take() else { return done };
                let (caret, anchor) = spots(&self.outside, &ed);
                let text = whole_text(&self.outside, &ed);
                self.keep_for_undo(ed, &text, width.unwrap_or_default());
                let shown_at = was_row.min(usize::from(text_editor_size(size).1) - 1);
                self.rebuild(text, caret, anchor, shown_at, size);
            }
        }
        done
    }

    /// A new edit: the window's editor holds something to undo, and what redo could go
    /// forward to across windows is gone.
    pub(in crate::wizard) fn edited(&mut self) {
        self.outside.edited = true;
        self.outside.later.clear();
    }
}

/// Windows with edits kept for undo ([`Page::undo_before`]), as many as edits an editor
/// keeps; older ones are forgotten.
const KEPT_WINDOWS: usize = 200;

/// An editor the window moved away from, kept for undo: where its window began in the whole
/// text (bytes), and that text's length and hash when the window moved.
#[derive(Clone, Debug)]
pub struct Earlier {
    start: usize,
    len: usize,
    hash: u64,
    /// The width its rows were cut for (`None`: its window begins at a line's start).
    width: Option<u16>,
    editor: TextArea<'static>,
}

fn hash(text: &str) -> u64 {
    use std::hash::{BuildHasher as _, Hasher as _};
    let mut h = foldhash::quality::FixedState::with_seed(0x6a78).build_hasher();
    h.write(text.as_bytes());
    h.finish()
}
