//! An SSH-frugal ratatui backend: it remembers what the terminal already has (cursor position,
//! cursor visibility, current colours and attributes) and writes no sequence that would not
//! change it. No cursor move where the cursor already is (including right after printing a
//! run), the cheapest move otherwise (`\r`, relative moves, or an absolute one), only the
//! attribute changes needed, no style reset after each frame, no hide/show of the cursor unless
//! it changes, and nothing at all for an unchanged frame. One `write` per frame.
//!
//! Wide characters advance two columns. After printing in the last column the terminal is in
//! its "pending wrap" state, so the position counts as unknown until the next absolute move.
//!
//! `tests/frugal.rs` drives it and the stock crossterm backend with the same random frames and
//! checks that a terminal emulator (the vt100 crate) shows the same screen after both.

use std::fmt::Write as _;
use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

/// Colours and attributes as the terminal holds them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

const DEFAULT_PEN: Pen = Pen { fg: Color::Reset, bg: Color::Reset, modifier: Modifier::empty() };

/// The frugal backend over any writer (the terminal, or a `Vec` in tests).
pub struct Frugal<W: Write> {
    out: W,
    buf: String,
    /// Known cursor position; `None` after anything that may have moved it unpredictably.
    cursor: Option<(u16, u16)>,
    /// Known cursor visibility.
    visible: Option<bool>,
    /// Known pen.
    pen: Option<Pen>,
    /// Fixed size (tests); `None` asks the terminal.
    fixed: Option<Size>,
}

impl<W: Write> Frugal<W> {
    /// A backend for a real terminal (size asked from it).
    pub fn new(out: W) -> Self {
        Self { out, buf: String::new(), cursor: None, visible: None, pen: None, fixed: None }
    }

    /// A backend with a fixed size, for tests and benchmarks.
    pub fn with_size(out: W, size: Size) -> Self {
        Self { fixed: Some(size), ..Self::new(out) }
    }

    fn width(&self) -> u16 {
        self.size().map_or(u16::MAX, |s| s.width)
    }

    fn move_to(&mut self, x: u16, y: u16) {
        if self.cursor == Some((x, y)) {
            return;
        }
        let absolute = if x == 0 { format!("\x1b[{}H", y + 1) } else { format!("\x1b[{};{}H", y + 1, x + 1) };
        let mut best = absolute;
        if let Some((cx, cy)) = self.cursor {
            let mut candidates = Vec::new();
            if cy == y {
                if x == 0 {
                    candidates.push("\r".to_string());
                }
                if x > cx {
                    candidates.push(csi_n(x - cx, 'C'));
                } else {
                    candidates.push(csi_n(cx - x, 'D'));
                }
            }
            if cx == x && y > cy {
                candidates.push(csi_n(y - cy, 'B'));
            }
            if cx == x && y < cy {
                candidates.push(csi_n(cy - y, 'A'));
            }
            if x == 0 && y == cy + 1 {
                candidates.push("\r\n".to_string());
            }
            for c in candidates {
                if c.len() < best.len() {
                    best = c;
                }
            }
        }
        self.buf.push_str(&best);
        self.cursor = Some((x, y));
    }

    fn set_pen(&mut self, to: Pen) {
        if self.pen == Some(to) {
            return;
        }
        let full = sgr_full(to);
        let seq = match self.pen {
            Some(from) => {
                let diff = sgr_diff(from, to);
                if diff.len() <= full.len() { diff } else { full }
            }
            None => full,
        };
        self.buf.push_str(&seq);
        self.pen = Some(to);
    }
}

fn csi_n(n: u16, c: char) -> String {
    if n == 1 { format!("\x1b[{c}") } else { format!("\x1b[{n}{c}") }
}

fn color_params(c: Color, fg: bool, out: &mut Vec<String>) {
    let base = if fg { 30 } else { 40 };
    let bright = if fg { 90 } else { 100 };
    let p = match c {
        Color::Reset => (base + 9).to_string(),
        Color::Black => base.to_string(),
        Color::Red => (base + 1).to_string(),
        Color::Green => (base + 2).to_string(),
        Color::Yellow => (base + 3).to_string(),
        Color::Blue => (base + 4).to_string(),
        Color::Magenta => (base + 5).to_string(),
        Color::Cyan => (base + 6).to_string(),
        Color::Gray => (base + 7).to_string(),
        Color::DarkGray => bright.to_string(),
        Color::LightRed => (bright + 1).to_string(),
        Color::LightGreen => (bright + 2).to_string(),
        Color::LightYellow => (bright + 3).to_string(),
        Color::LightBlue => (bright + 4).to_string(),
        Color::LightMagenta => (bright + 5).to_string(),
        Color::LightCyan => (bright + 6).to_string(),
        Color::White => (bright + 7).to_string(),
        Color::Indexed(i) => format!("{};5;{i}", base + 8),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
    };
    out.push(p);
}

const MODS: [(Modifier, &str); 9] = [
    (Modifier::BOLD, "1"),
    (Modifier::DIM, "2"),
    (Modifier::ITALIC, "3"),
    (Modifier::UNDERLINED, "4"),
    (Modifier::SLOW_BLINK, "5"),
    (Modifier::RAPID_BLINK, "6"),
    (Modifier::REVERSED, "7"),
    (Modifier::HIDDEN, "8"),
    (Modifier::CROSSED_OUT, "9"),
];

fn sgr(params: &[String]) -> String {
    if params.is_empty() { String::new() } else { format!("\x1b[{}m", params.join(";")) }
}

/// Everything from a reset.
fn sgr_full(to: Pen) -> String {
    let mut p = vec!["0".to_string()];
    for (m, code) in MODS {
        if to.modifier.contains(m) {
            p.push(code.to_string());
        }
    }
    if to.fg != Color::Reset {
        color_params(to.fg, true, &mut p);
    }
    if to.bg != Color::Reset {
        color_params(to.bg, false, &mut p);
    }
    if p.len() == 1 { "\x1b[m".to_string() } else { sgr(&p) }
}

/// Only what changes.
fn sgr_diff(from: Pen, to: Pen) -> String {
    let mut p = Vec::new();
    let removed = from.modifier - to.modifier;
    let mut readd = Modifier::empty();
    if removed.intersects(Modifier::BOLD | Modifier::DIM) {
        p.push("22".to_string());
        readd |= to.modifier & (Modifier::BOLD | Modifier::DIM);
    }
    for (m, off) in [
        (Modifier::ITALIC, "23"),
        (Modifier::UNDERLINED, "24"),
        (Modifier::REVERSED, "27"),
        (Modifier::HIDDEN, "28"),
        (Modifier::CROSSED_OUT, "29"),
    ] {
        if removed.contains(m) {
            p.push(off.to_string());
        }
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        p.push("25".to_string());
        readd |= to.modifier & (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK);
    }
    let added = (to.modifier - from.modifier) | readd;
    for (m, code) in MODS {
        if added.contains(m) {
            p.push(code.to_string());
        }
    }
    if from.fg != to.fg {
        color_params(to.fg, true, &mut p);
    }
    if from.bg != to.bg {
        color_params(to.bg, false, &mut p);
    }
    sgr(&p)
}

impl<W: Write> Backend for Frugal<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let width = self.width();
        for (x, y, cell) in content {
            self.move_to(x, y);
            self.set_pen(Pen { fg: cell.fg, bg: cell.bg, modifier: cell.modifier });
            let sym = cell.symbol();
            let sym = if sym.is_empty() { " " } else { sym };
            self.buf.push_str(sym);
            let w = u16::try_from(crate::text::width(sym).max(1)).unwrap_or(1);
            let next = x.saturating_add(w);
            // Printing into the last column leaves the terminal in its pending-wrap state.
            self.cursor = if next >= width { None } else { Some((next, y)) };
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.visible != Some(false) {
            self.buf.push_str("\x1b[?25l");
            self.visible = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.visible != Some(true) {
            self.buf.push_str("\x1b[?25h");
            self.visible = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor.map_or(Position::ORIGIN, |(x, y)| Position { x, y }))
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        self.move_to(p.x, p.y);
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // Erasing fills with the current background: erase with the default pen.
        self.set_pen(DEFAULT_PEN);
        let seq = match clear_type {
            ClearType::All => "\x1b[2J",
            ClearType::AfterCursor => "\x1b[J",
            ClearType::BeforeCursor => "\x1b[1J",
            ClearType::CurrentLine => "\x1b[2K",
            ClearType::UntilNewLine => "\x1b[K",
        };
        self.buf.push_str(seq);
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        match self.fixed {
            Some(s) => Ok(s),
            None => crossterm::terminal::size().map(|(width, height)| Size { width, height }),
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let columns_rows = self.size()?;
        Ok(WindowSize { columns_rows, pixels: Size { width: 0, height: 0 } })
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.buf.is_empty() {
            self.out.write_all(self.buf.as_bytes())?;
            self.buf.clear();
        }
        self.out.flush()
    }
}

impl<W: Write> Frugal<W> {
    /// Forget what the terminal holds (after anything outside this backend wrote to it).
    pub fn forget(&mut self) {
        self.cursor = None;
        self.visible = None;
        self.pen = None;
    }

    /// A reset of colours and attributes, for leaving the screen as it was found.
    pub fn reset_pen(&mut self) -> io::Result<()> {
        let _ = write!(self.buf, "\x1b[m");
        self.pen = Some(DEFAULT_PEN);
        self.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sgr_diffs_are_minimal() {
        let plain = DEFAULT_PEN;
        let bold_red = Pen { fg: Color::Red, modifier: Modifier::BOLD, ..plain };
        assert_eq!(sgr_diff(plain, bold_red), "\x1b[1;31m");
        assert_eq!(sgr_diff(bold_red, plain), "\x1b[22;39m");
        assert_eq!(sgr_full(plain), "\x1b[m");
        let dim = Pen { modifier: Modifier::DIM, ..plain };
        let bold_dim = Pen { modifier: Modifier::BOLD | Modifier::DIM, ..plain };
        assert_eq!(sgr_diff(bold_dim, dim), "\x1b[22;2m", "22 clears both; dim is set again");
    }

    #[test]
    fn moves_are_cheapest_and_skipped_when_in_place() {
        let mut b = Frugal::with_size(Vec::new(), Size { width: 80, height: 24 });
        b.move_to(5, 3);
        assert_eq!(b.buf, "\x1b[4;6H");
        b.buf.clear();
        b.move_to(5, 3);
        assert_eq!(b.buf, "");
        b.move_to(6, 3);
        assert_eq!(b.buf, "\x1b[C");
        b.buf.clear();
        b.move_to(0, 3);
        assert_eq!(b.buf, "\r");
        b.buf.clear();
        b.move_to(0, 4);
        assert_eq!(b.buf, "\r\n");
    }
}
