//! The full screen on the frugal backend: one frame buffer the UI draws into, diffed against
//! the backend's shadow of what the terminal shows ([`Frugal::changes`], ratatui's own diff
//! with the shadow as the previous frame), instead of ratatui's `Terminal` and its two buffers.

use std::io::{self, Write};

use ratatui::backend::Backend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::Color;

use super::{Frugal, Shadow, pen_of};

impl Shadow {
    /// Whether cell `i` shows `cell` as it is (symbol, colours, attributes, ratatui's
    /// skip/redraw mark): the test of ratatui's own diff, without interning the symbol.
    fn shows(&self, i: usize, cell: &Cell) -> bool {
        self.cells.get(i).is_some_and(|seen| {
            self.number(cell.symbol()) == Some(seen.sym)
                && seen.pen == pen_of(cell)
                && seen.plain == (cell.diff_option == Default::default())
        })
    }
}

impl<W: Write> Frugal<W> {
    /// The cells of `frame` the screen does not show yet: ratatui's diff of two buffers
    /// (ratatui-core 0.1's `BufferDiff`, step for step) with the shadow as the previous
    /// buffer. A cell is written when it differs (or is marked to be always updated); the cells
    /// a wide character covers are not, except after an emoji with U+FE0F (some terminals
    /// draw it narrow and leave the next cell as it was) and after a wide character with a
    /// visible background replaced by a narrow one. A shadow of another size than the frame
    /// (before the first frame, after a resize) counts as blank, as the screen is then.
    fn changes<'a>(&mut self, frame: &'a Buffer) -> Vec<(u16, u16, &'a Cell)> {
        use ratatui::buffer::{CellDiffOption, CellWidth};
        use ratatui::style::Modifier as M;
        const VISIBLE_ON_BLANK: M =
            M::REVERSED.union(M::UNDERLINED).union(M::SLOW_BLINK).union(M::RAPID_BLINK).union(M::CROSSED_OUT);
        #[allow(deprecated)]
        fn skipped(cell: &Cell) -> bool {
            matches!(cell.diff_option, CellDiffOption::Skip) || (cell.skip && cell.diff_option == CellDiffOption::None)
        }
        let (width, height) = (frame.area.width, frame.area.height);
        if (self.shadow.width, self.shadow.height) != (width, height) {
            self.shadow = Shadow::blank(width, height);
        }
        let next = &frame.content;
        let len = next.len().min(self.shadow.cells.len());
        let mut out = Vec::new();
        let mut i = 0;
        while i < len {
            let current = &next[i];
            let at = frame.pos_of(i);
            i += 1;
            match current.diff_option {
                CellDiffOption::Skip => {}
                _ if skipped(current) => {}
                CellDiffOption::ForcedWidth(w) => {
                    let same = self.shadow.shows(i - 1, current);
                    i += usize::from(w.get()).saturating_sub(1);
                    if !same {
                        out.push((at.0, at.1, current));
                    }
                }
                CellDiffOption::None | CellDiffOption::AlwaysUpdate => {
                    let cell_width = usize::from(current.cell_width());
                    if current.diff_option == CellDiffOption::None && self.shadow.shows(i - 1, current) {
                        i += cell_width.saturating_sub(1);
                        continue;
                    }
                    out.push((at.0, at.1, current));
                    let prev = self.shadow.cells[i - 1];
                    let prev_width = usize::from(self.shadow.widths[i - 1]).max(1);
                    // (the trailing cells: from `i` up to `end`, which a wide cell there extends)
                    let trailing = |end: usize, force: bool, out: &mut Vec<(u16, u16, &'a Cell)>| {
                        let (mut j, mut end) = (i, end.min(len));
                        while j < end {
                            let k = j;
                            j += usize::from(next[k].cell_width()).max(1);
                            end = end.max(j).min(len);
                            let mut b = [0; 4];
                            if !skipped(&next[k])
                                && (force || self.shadow.symbol(self.shadow.cells[k], &mut b) != next[k].symbol())
                            {
                                let (x, y) = frame.pos_of(k);
                                out.push((x, y, &next[k]));
                            }
                        }
                        end
                    };
                    if cell_width > 1 && current.symbol().contains('\u{FE0F}') {
                        i = trailing(i - 1 + cell_width, false, &mut out);
                    } else if cell_width > 1 {
                        i += cell_width - 1;
                    } else if prev_width > cell_width
                        && (prev.pen.bg != Color::Reset || prev.pen.modifier.intersects(VISIBLE_ON_BLANK))
                    {
                        i = trailing(i - 1 + prev_width, true, &mut out);
                    }
                }
            }
        }
        out
    }
}

/// The full screen on the frugal backend: one frame buffer that the UI draws into, compared
/// cell by cell with what the terminal shows (the backend's shadow). ratatui's `Terminal`
/// keeps two frame buffers of 48-byte cells to diff; with the shadow the second is not needed
/// (at 200×60 it is 576 KB, some 140 pages to touch before the first frame). The cells it
/// writes are those ratatui's diff would write (`Frugal::changes`; `tests/frugal.rs` draws
/// the same random frames through both and compares the screens).
pub struct Screen<W: Write> {
    backend: Frugal<W>,
    frame: Buffer,
}

impl<W: Write> Screen<W> {
    /// A screen over `backend`, of the size the backend reports.
    ///
    /// # Errors
    /// The terminal's size cannot be read.
    pub fn new(backend: Frugal<W>) -> io::Result<Self> {
        let size = backend.size()?;
        Ok(Self { backend, frame: Buffer::empty(Rect::new(0, 0, size.width, size.height)) })
    }

    /// The backend (its byte count, a clear of the real screen).
    pub fn backend_mut(&mut self) -> &mut Frugal<W> {
        &mut self.backend
    }

    /// The terminal's size.
    ///
    /// # Errors
    /// The terminal's size cannot be read.
    pub fn size(&self) -> io::Result<Size> {
        self.backend.size()
    }

    /// Clears the terminal: the next frame is drawn whole.
    ///
    /// # Errors
    /// Writing to the terminal failed.
    pub fn clear(&mut self) -> io::Result<()> {
        self.backend.clear()?;
        self.backend.flush()
    }

    /// Draws a frame: `render` fills the blank frame of the terminal's size and says where the
    /// cursor goes (`None`: hidden). A new size clears the screen first, as ratatui does.
    ///
    /// # Errors
    /// The size cannot be read, or writing to the terminal failed.
    pub fn draw(&mut self, render: impl FnOnce(Rect, &mut Buffer) -> Option<Position>) -> io::Result<()> {
        let size = self.backend.size()?;
        let area = Rect::new(0, 0, size.width, size.height);
        if area != self.frame.area {
            self.frame = Buffer::empty(area);
            self.backend.clear()?;
        } else {
            self.frame.reset();
        }
        let cursor = render(area, &mut self.frame);
        let changes = self.backend.changes(&self.frame);
        self.backend.draw(changes.into_iter())?;
        match cursor {
            None => self.backend.hide_cursor()?,
            Some(p) => {
                self.backend.show_cursor()?;
                self.backend.set_cursor_position(p)?;
            }
        }
        self.backend.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Frugal::changes` against the shadow of the last frame finds the cells ratatui's diff
    /// of the two buffers finds: changed text, wide characters replacing narrow ones and back,
    /// a wide character with a background replaced by a narrow one, an emoji with U+FE0F, and
    /// ratatui's diff options (skip, always update, forced width).
    #[test]
    fn changes_are_the_cells_ratatuis_diff_finds() {
        use ratatui::buffer::CellDiffOption;
        use ratatui::style::Style;
        let area = Rect::new(0, 0, 12, 3);
        let blue = Style::default().bg(Color::Blue);
        let frames: Vec<Buffer> = {
            let mut f = Vec::new();
            let mut b = Buffer::empty(area);
            b.set_string(0, 0, "岳阳 abc", Style::default());
            b.set_string(0, 1, "中文", blue);
            f.push(b.clone());
            b.set_string(0, 0, "ab阳 x", Style::default());
            b.set_string(0, 1, "xy", Style::default());
            b.set_string(4, 2, "\u{2764}\u{fe0f}z", Style::default());
            f.push(b.clone());
            b.set_string(0, 1, "a", Style::default());
            b.set_string(4, 2, "qq", Style::default());
            b[(8, 0)].set_symbol("S").set_diff_option(CellDiffOption::Skip);
            b[(9, 0)].set_symbol("U").set_diff_option(CellDiffOption::AlwaysUpdate);
            f.push(b.clone());
            b[(9, 0)].set_diff_option(CellDiffOption::AlwaysUpdate);
            b[(0, 2)]
                .set_symbol("W")
                .set_diff_option(CellDiffOption::ForcedWidth(std::num::NonZeroU16::MIN.saturating_add(1)));
            f.push(b.clone());
            // (A cell left skipped: the shadow keeps what it last drew there, where ratatui's
            // diff, which compares the marks too, would write it once the mark goes.)
            let mut e = Buffer::empty(area);
            e[(8, 0)].set_diff_option(CellDiffOption::Skip);
            f.push(e);
            f
        };
        let mut screen = Screen::new(Frugal::with_size(Vec::new(), Size { width: 12, height: 3 })).expect("screen");
        let mut prev = Buffer::empty(area);
        for (n, next) in frames.iter().enumerate() {
            let theirs: Vec<(u16, u16)> = prev.diff(next).iter().map(|(x, y, _)| (*x, *y)).collect();
            let ours: Vec<(u16, u16)> = screen.backend.changes(next).iter().map(|(x, y, _)| (*x, *y)).collect();
            assert_eq!(ours, theirs, "frame {n}");
            screen
                .draw(|_, buf| {
                    buf.content.clone_from(&next.content);
                    None
                })
                .expect("draw");
            prev = next.clone();
        }
    }
}
