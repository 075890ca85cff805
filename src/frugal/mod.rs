//! An SSH-frugal ratatui backend: it remembers what the terminal already has (cursor position,
//! cursor visibility, current colours and attributes) and writes no sequence that would not
//! change it. No cursor move where the cursor already is (including right after printing a
//! run), the cheapest move otherwise (`\r`, relative moves, or an absolute one), only the
//! attribute changes needed, no style reset after each frame, no hide/show of the cursor unless
//! it changes, and nothing at all for an unchanged frame. One `write` per frame.
//!
//! It also keeps a shadow of the screen as ratatui believes it to be (the last frame). With
//! it, a short gap between two changed cells is crossed by printing the gap's own characters
//! again when that is cheaper than a cursor move, and a run of blank cells is erased with EL
//! (to the end of the line) or ECH (n characters) instead of being printed space by space.
//! Reprinting is safe because every cell outside the frame's pending changes already shows what
//! the new frame holds; the cells a fill crosses are always before the next pending change.
//!
//! Wide characters advance two columns. After printing in the last column the terminal is in
//! its "pending wrap" state, so the position counts as unknown until the next absolute move.
//!
//! `tests/frugal.rs` drives it and the stock crossterm backend with the same random frames and
//! checks that a terminal emulator (the vt100 crate) shows the same screen after both.

mod screen;

use std::io::{self, Write};

pub use screen::Screen;

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
    /// An East Asian ambiguous-width character (…, ·, “, ≥) was printed since the last move:
    /// terminals set to show those wide have the cursor one column further than we count, so
    /// the next move must not be relative to the column (the stock backend re-syncs the same
    /// way, with an absolute move before every run).
    drift: bool,
    /// Known pen.
    pen: Option<Pen>,
    /// Fixed size (tests); `None` asks the terminal.
    fixed: Option<Size>,
    /// What the screen holds, as ratatui believes it.
    shadow: Shadow,
    /// Bytes written since [`Frugal::take_written`] was last called.
    written: usize,
}

/// A cell as printed, in 16 bytes (a ratatui `Cell` takes 48; three of those per screen cell,
/// counting ratatui's two buffers, were 420 pages to touch before the first frame at 200×60):
/// its symbol (one character, or an index into [`Shadow::many`]), its pen, and whether ratatui
/// marked it to be skipped or always redrawn (`diff_option` not the default).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Seen {
    sym: u32,
    pen: Pen,
    plain: bool,
}

/// Symbols of more than one character (or none) are numbered from here, past every `char`.
const MANY: u32 = 0x11_0000;

const BLANK: Seen = Seen { sym: ' ' as u32, pen: DEFAULT_PEN, plain: true };

/// The screen as last drawn: cells, and each cell's width (0 for the right half of a wide
/// character). `valid` is false after an erase at an unknown cursor, until the next full clear.
#[derive(Default)]
struct Shadow {
    width: u16,
    height: u16,
    cells: Vec<Seen>,
    widths: Vec<u8>,
    valid: bool,
    /// The symbols that are not one character (combining marks, emoji sequences, ""), each
    /// once: a cell holds `MANY + index`.
    many: Vec<Box<str>>,
}

impl Shadow {
    fn blank(width: u16, height: u16) -> Self {
        let n = usize::from(width) * usize::from(height);
        Self { width, height, cells: vec![BLANK; n], widths: vec![1; n], valid: true, many: Vec::new() }
    }

    /// The number a symbol has in the shadow, if it has one yet (one character: itself;
    /// several: its index in [`Shadow::many`], past every `char`).
    fn number(&self, text: &str) -> Option<u32> {
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Some(u32::from(c)),
            _ => self.many.iter().position(|m| **m == *text).map(|at| MANY + u32::try_from(at).unwrap_or(0)),
        }
    }

    /// A ratatui cell as the shadow keeps it.
    fn seen(&mut self, cell: &Cell) -> Seen {
        let text = cell.symbol();
        let sym = self.number(text).unwrap_or_else(|| {
            self.many.push(text.into());
            MANY + u32::try_from(self.many.len() - 1).unwrap_or(0)
        });
        Seen { sym, pen: pen_of(cell), plain: cell.diff_option == Default::default() }
    }

    /// The symbol of a cell the shadow holds (a one-character symbol is written into `buf`).
    fn symbol<'a>(&'a self, seen: Seen, buf: &'a mut [u8; 4]) -> &'a str {
        match char::from_u32(seen.sym) {
            Some(c) => c.encode_utf8(buf),
            None => self.many.get((seen.sym - MANY) as usize).map_or("", |m| m),
        }
    }

    fn index(&self, x: u16, y: u16) -> Option<usize> {
        (x < self.width && y < self.height).then(|| usize::from(y) * usize::from(self.width) + usize::from(x))
    }

    /// Records a cell as printed (a wide character covers the cell after it).
    fn apply(&mut self, x: u16, y: u16, cell: &Cell) {
        let Some(i) = self.index(x, y) else { return };
        let w = cell_width(cell);
        let was = self.widths[i];
        self.cells[i] = self.seen(cell);
        self.widths[i] = w;
        if x + 1 < self.width {
            if w == 2 {
                self.cells[i + 1] = BLANK;
                self.widths[i + 1] = 0;
            } else if was == 2 {
                self.widths[i + 1] = 1;
            }
        }
    }

    /// Blanks cells `from..to` of a row (what an erase leaves).
    fn erase(&mut self, y: u16, from: u16, to: u16) {
        for x in from..to.min(self.width) {
            if let Some(i) = self.index(x, y) {
                self.cells[i] = BLANK;
                self.widths[i] = 1;
            }
        }
    }

    /// Is the cell a blank that the default pen's erase reproduces exactly?
    fn is_blank(&self, i: usize) -> bool {
        self.widths[i] == 1 && self.cells[i].sym == BLANK.sym && self.cells[i].pen == DEFAULT_PEN
    }

    /// The end of the run of erasable blanks on row `y` starting at `x`.
    fn blank_run(&self, x: u16, y: u16) -> u16 {
        let mut e = x;
        while let Some(i) = self.index(e, y) {
            if !self.is_blank(i) {
                break;
            }
            e += 1;
        }
        e
    }
}

/// A symbol a terminal may draw at another width than we count: East Asian ambiguous width
/// (narrow here, wide in terminals set up for CJK), or a cluster of several characters (an
/// emoji sequence joined by U+200D is one wide cell to us, several to a terminal that does not
/// join it). After one, the next move is absolute; a fill never reprints one.
fn ambiguous(sym: &str) -> bool {
    sym.chars().nth(1).is_some()
        || unicode_width::UnicodeWidthStr::width(sym) != unicode_width::UnicodeWidthStr::width_cjk(sym)
}

fn cell_width(cell: &Cell) -> u8 {
    u8::try_from(crate::text::width(cell.symbol()).clamp(1, 2)).unwrap_or(1)
}

fn pen_of(cell: &Cell) -> Pen {
    Pen { fg: cell.fg, bg: cell.bg, modifier: cell.modifier }
}

/// The longest gap a fill may reprint (it is compared with a move of at most 8 bytes).
const MAX_FILL: u16 = 12;

impl<W: Write> Frugal<W> {
    /// A backend for a real terminal (size asked from it).
    pub fn new(out: W) -> Self {
        Self {
            out,
            buf: String::new(),
            cursor: None,
            visible: None,
            drift: false,
            pen: None,
            fixed: None,
            shadow: Shadow::default(),
            written: 0,
        }
    }

    /// The bytes written since the last call (the event loop asks after each frame, to know
    /// whether the frame is worth waiting for the terminal to show: `tui`).
    pub fn take_written(&mut self) -> usize {
        std::mem::take(&mut self.written)
    }

    /// A backend with a fixed size, for tests and benchmarks.
    pub fn with_size(out: W, size: Size) -> Self {
        Self { fixed: Some(size), ..Self::new(out) }
    }

    /// Moves the cursor to (x, y) the cheapest way, counting the pen change to `next` (the pen
    /// of what is printed there next) since a fill leaves the pen of its last cell.
    fn move_to(&mut self, x: u16, y: u16, next: Option<Pen>) {
        if self.cursor == Some((x, y)) {
            return;
        }
        let pen_cost = |from: Option<Pen>| match (from, next) {
            (_, None) => 0,
            (Some(f), Some(t)) => sgr_len(f, t),
            (None, Some(t)) => sgr_full(t).len(),
        };
        let absolute = match (x, y) {
            (0, 0) => "\x1b[H".to_string(),
            (0, _) => format!("\x1b[{}H", y + 1),
            _ => format!("\x1b[{};{}H", y + 1, x + 1),
        };
        let mut best = (absolute.len() + pen_cost(self.pen), absolute, self.pen);
        if let Some((cx, cy)) = self.cursor {
            // The vertical part and the column it leaves the cursor in (`None`: not known, when
            // an ambiguous-width character may have moved it one column further).
            let here = (!self.drift).then_some(cx);
            let mut vertical: Vec<(String, Option<u16>)> = Vec::new();
            match y.cmp(&cy) {
                std::cmp::Ordering::Equal => vertical.push((String::new(), here)),
                std::cmp::Ordering::Greater => {
                    vertical.push((csi_n(y - cy, 'B'), here));
                    if y == cy + 1 {
                        vertical.push(("\r\n".to_string(), Some(0)));
                    }
                }
                std::cmp::Ordering::Less => vertical.push((csi_n(cy - y, 'A'), here)),
            }
            for (v, col) in vertical {
                // From an unknown column, start the row over with a carriage return.
                let (v, col) = match col {
                    Some(c) => (v, c),
                    None => (format!("{v}\r"), 0),
                };
                let mut horizontal: Vec<String> = Vec::new();
                match x.cmp(&col) {
                    std::cmp::Ordering::Equal => horizontal.push(String::new()),
                    std::cmp::Ordering::Greater => horizontal.push(csi_n(x - col, 'C')),
                    std::cmp::Ordering::Less => {
                        horizontal.push(csi_n(col - x, 'D'));
                        if col - x <= 2 {
                            horizontal.push("\x08".repeat(usize::from(col - x)));
                        }
                        if x == 0 {
                            horizontal.push("\r".to_string());
                        }
                    }
                }
                for h in horizontal {
                    let cand = format!("{v}{h}");
                    let cost = cand.len() + pen_cost(self.pen);
                    if cost < best.0 {
                        best = (cost, cand, self.pen);
                    }
                }
                // Reprint the cells between the cursor and the target instead of moving.
                let fill_from = |from: u16, prefix: String, this: &Self| {
                    this.fill(from, x, y, this.pen).map(|(text, pen)| {
                        let cand = format!("{v}{prefix}{text}");
                        (cand.len() + pen_cost(pen), cand, pen)
                    })
                };
                let mut fills = Vec::new();
                if x > col {
                    fills.push(fill_from(col, String::new(), self));
                }
                if col > 0 && x > 0 {
                    fills.push(fill_from(0, "\r".to_string(), self));
                }
                for f in fills.into_iter().flatten() {
                    if f.0 < best.0 {
                        best = f;
                    }
                }
            }
        }
        self.buf.push_str(&best.1);
        self.pen = best.2;
        self.cursor = Some((x, y));
        self.drift = false;
    }

    /// The characters of cells `from..to` of row `y` as the shadow holds them, with the pen
    /// changes they need starting from `pen`; `None` when they cannot be reprinted exactly (a
    /// wide character cut by either end, an unknown screen, a gap too long to be worth it).
    fn fill(&self, from: u16, to: u16, y: u16, pen: Option<Pen>) -> Option<(String, Option<Pen>)> {
        if !self.shadow.valid || to - from > MAX_FILL {
            return None;
        }
        let mut out = String::new();
        let mut pen = pen;
        let mut x = from;
        while x < to {
            let i = self.shadow.index(x, y)?;
            let w = self.shadow.widths[i];
            let cell = self.shadow.cells[i];
            let mut buf = [0; 4];
            let symbol = self.shadow.symbol(cell, &mut buf);
            if w == 0 || x + u16::from(w) > to || symbol.is_empty() || ambiguous(symbol) || !cell.plain {
                return None;
            }
            let p = cell.pen;
            if pen != Some(p) {
                out.push_str(&match pen {
                    Some(f) => sgr_best(f, p),
                    None => sgr_full(p),
                });
                pen = Some(p);
            }
            out.push_str(symbol);
            x += u16::from(w);
        }
        Some((out, pen))
    }

    /// Erases the run of blank cells that starts at a changed blank cell (x, y), when an erase
    /// is shorter than printing the changed blanks: EL when the run reaches the end of the row,
    /// ECH otherwise, only as far as the run's last changed cell. `changed` lists the row's
    /// changed cells from x on, each with whether the screen now holds a wide character
    /// starting there. Returns the end of what was erased, or `None` when the cell is printed
    /// as usual.
    fn erase_run(&mut self, x: u16, y: u16, width: u16, changed: impl Iterator<Item = (u16, bool)>) -> Option<u16> {
        let i = self.shadow.index(x, y)?;
        if !self.shadow.valid || !self.shadow.is_blank(i) {
            return None;
        }
        let end = self.shadow.blank_run(x, y);
        let (last, wide) = changed.take_while(|(c, _)| *c < end).last().unwrap_or((x, false));
        // ECH must not stop between the halves of a wide character the screen holds (terminals
        // differ on what is left); take the right half too when it is blank in the new frame.
        let stop = if wide { last + 2 } else { last + 1 };
        if end < width && stop > end {
            return None;
        }
        let n = stop - x;
        let seq = if end == width { "\x1b[K".to_string() } else { csi_n(n, 'X') };
        // An erase leaves the cursor at x, printing at the run's end; the next move from x
        // costs at most a few bytes more.
        if seq.len() + 1 >= usize::from(n) {
            return None;
        }
        self.move_to(x, y, Some(DEFAULT_PEN));
        self.set_pen(DEFAULT_PEN);
        self.buf.push_str(&seq);
        Some(stop.min(width))
    }

    fn set_pen(&mut self, to: Pen) {
        if self.pen == Some(to) {
            return;
        }
        let seq = match self.pen {
            Some(from) => sgr_best(from, to),
            None => sgr_full(to),
        };
        self.buf.push_str(&seq);
        self.pen = Some(to);
    }
}

/// The shorter of a change and a full reset for going from one pen to another.
fn sgr_best(from: Pen, to: Pen) -> String {
    let (diff, full) = (sgr_diff(from, to), sgr_full(to));
    if diff.len() <= full.len() { diff } else { full }
}

fn sgr_len(from: Pen, to: Pen) -> usize {
    if from == to { 0 } else { sgr_best(from, to).len() }
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
        let size = self.size()?;
        if (self.shadow.width, self.shadow.height) != (size.width, size.height) {
            // ratatui clears on every resize; until then the screen is what it believes: blank.
            self.shadow = Shadow::blank(size.width, size.height);
        }
        let width = size.width;
        // The whole new frame first, so that erases can look ahead along the row.
        let updates: Vec<(u16, u16, &Cell)> = content.collect();
        // Which changed cells start a wide character on the screen as it is now: an erase that
        // ends there must take the character's right half too (tmux leaves an orphaned half).
        let was_wide: Vec<bool> = updates
            .iter()
            .map(|(x, y, _)| self.shadow.index(*x, *y).is_some_and(|i| self.shadow.widths[i] == 2))
            .collect();
        for (x, y, cell) in &updates {
            self.shadow.apply(*x, *y, cell);
        }
        let mut k = 0;
        while k < updates.len() {
            let (x, y, cell) = updates[k];
            k += 1;
            let row =
                updates[k - 1..].iter().zip(&was_wide[k - 1..]).take_while(|(u, _)| u.1 == y).map(|(u, w)| (u.0, *w));
            if let Some(end) = self.erase_run(x, y, width, row) {
                // Cells of this row inside the erased run are done.
                while k < updates.len() && updates[k].1 == y && updates[k].0 < end {
                    k += 1;
                }
                continue;
            }
            let pen = pen_of(cell);
            self.move_to(x, y, Some(pen));
            self.set_pen(pen);
            let sym = cell.symbol();
            let sym = if sym.is_empty() { " " } else { sym };
            self.buf.push_str(sym);
            let w = u16::try_from(crate::text::width(sym).max(1)).unwrap_or(1);
            let next = x.saturating_add(w);
            // Printing into the last column leaves the terminal in its pending-wrap state.
            self.cursor = if next >= width { None } else { Some((next, y)) };
            self.drift |= ambiguous(sym);
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
        self.move_to(p.x, p.y, None);
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // Erasing fills with the current background: erase with the default pen.
        self.set_pen(DEFAULT_PEN);
        let (w, h) = (self.shadow.width, self.shadow.height);
        match (clear_type, self.cursor) {
            (ClearType::All, _) => self.shadow = Shadow::blank(w, h),
            (ClearType::CurrentLine, Some((_, y))) => self.shadow.erase(y, 0, w),
            (ClearType::UntilNewLine, Some((x, y))) => self.shadow.erase(y, x, w),
            (ClearType::AfterCursor, Some((x, y))) => {
                self.shadow.erase(y, x, w);
                (y + 1..h).for_each(|r| self.shadow.erase(r, 0, w));
            }
            (ClearType::BeforeCursor, Some((x, y))) => {
                (0..y).for_each(|r| self.shadow.erase(r, 0, w));
                self.shadow.erase(y, 0, x + 1);
            }
            _ => self.shadow.valid = false,
        }
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
            None => terminal_size(),
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let columns_rows = self.size()?;
        Ok(WindowSize { columns_rows, pixels: Size { width: 0, height: 0 } })
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.buf.is_empty() {
            self.out.write_all(self.buf.as_bytes())?;
            self.written += self.buf.len();
            self.buf.clear();
        }
        self.out.flush()
    }
}

/// The size of the terminal on standard output, where the frames go: one ioctl on that
/// descriptor. crossterm's `terminal::size` opens `/dev/tty`, asks and closes it again, and a
/// frame asks for the size: that was a tenth of the CPU a typed key cost (issue 14). When
/// standard output is not a terminal, crossterm's answer.
///
/// # Errors
/// Neither standard output nor `/dev/tty` is a terminal.
pub fn terminal_size() -> io::Result<Size> {
    match rustix::termios::tcgetwinsize(io::stdout()) {
        Ok(ws) if ws.ws_col > 0 && ws.ws_row > 0 => Ok(Size { width: ws.ws_col, height: ws.ws_row }),
        _ => crossterm::terminal::size().map(|(width, height)| Size { width, height }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shadow_keeps_a_cell_in_16_bytes_and_each_long_symbol_once() {
        assert!(std::mem::size_of::<Seen>() <= 16, "{}", std::mem::size_of::<Seen>());
        let mut s = Shadow::blank(4, 1);
        let mut cell = Cell::default();
        for (x, sym) in ["e\u{301}", "a", "e\u{301}", ""].iter().enumerate() {
            cell.set_symbol(sym);
            s.apply(u16::try_from(x).unwrap_or(0), 0, &cell);
        }
        assert_eq!(s.many.len(), 2, "{:?}", s.many);
        let mut buf = [0; 4];
        let shown: Vec<String> = s.cells.iter().map(|c| s.symbol(*c, &mut buf).to_string()).collect();
        assert_eq!(shown, ["e\u{301}", "a", "e\u{301}", ""]);
    }

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
        b.move_to(5, 3, None);
        assert_eq!(b.buf, "\x1b[4;6H");
        b.buf.clear();
        b.move_to(5, 3, None);
        assert_eq!(b.buf, "");
        b.move_to(6, 3, None);
        assert_eq!(b.buf, "\x1b[C");
        b.buf.clear();
        b.move_to(0, 3, None);
        assert_eq!(b.buf, "\r");
        b.buf.clear();
        b.move_to(0, 4, None);
        assert_eq!(b.buf, "\r\n");
    }

    fn cells(text: &str) -> Vec<Cell> {
        text.chars()
            .map(|c| {
                let mut cell = Cell::default();
                cell.set_char(c);
                cell
            })
            .collect()
    }

    /// Draws `text` at row 0 starting at column 0, only the cells whose index is in `changed`.
    fn draw_row(b: &mut Frugal<Vec<u8>>, text: &str, changed: &[u16]) -> String {
        let row = cells(text);
        b.draw(changed.iter().map(|x| (*x, 0, &row[usize::from(*x)]))).expect("draw");
        b.flush().expect("flush");
        String::from_utf8(std::mem::take(&mut b.out)).expect("utf-8")
    }

    #[test]
    fn short_gaps_are_reprinted_and_blank_runs_erased() {
        let mut b = Frugal::with_size(Vec::new(), Size { width: 20, height: 2 });
        let all: Vec<u16> = (0..11).collect();
        draw_row(&mut b, "abcdefghijk", &all);
        // Cells 0 and 2 change: reprinting "b" (1 byte) beats a move (3 bytes).
        assert_eq!(draw_row(&mut b, "AbCdefghijk", &[0, 2]), "\rAbC");
        // A gap of six unchanged cells is crossed by a move, not reprinted.
        assert_eq!(draw_row(&mut b, "AbCdefghiJk", &[9]), "\x1b[6CJ");
        // The rest of the row becomes blank: erased to the end of the line.
        let blanks = "AbC                 ";
        assert_eq!(draw_row(&mut b, blanks, &(3..11).collect::<Vec<_>>()), "\x1b[7D\x1b[K");
        // A blank run in the middle of a row, long enough for ECH.
        draw_row(&mut b, "AbCdefghijklmnopqrst", &(3..20).collect::<Vec<_>>());
        let mid = "AbC          lmnopqrst";
        assert_eq!(draw_row(&mut b, &mid[..20], &(3..13).collect::<Vec<_>>()), "\x1b[1;4H\x1b[10X");
    }

    #[test]
    fn backspace_costs_what_it_does_in_whiptail() {
        let mut b = Frugal::with_size(Vec::new(), Size { width: 200, height: 2 });
        draw_row(&mut b, "abc", &[0, 1, 2]);
        // The caret after "c"; Backspace blanks it and puts the caret back.
        let row = cells("ab ");
        b.draw(std::iter::once((2, 0, &row[2]))).expect("draw");
        b.set_cursor_position(Position { x: 2, y: 0 }).expect("cursor");
        b.flush().expect("flush");
        assert_eq!(String::from_utf8(std::mem::take(&mut b.out)).expect("utf-8"), "\x08 \x08");
    }

    #[test]
    fn after_an_ambiguous_width_character_the_column_is_set_again() {
        // Terminals set up for CJK show … as two columns: a relative move after it would land
        // one column off, so the next move starts the row over (as the stock backend's
        // absolute moves do).
        let mut b = Frugal::with_size(Vec::new(), Size { width: 20, height: 2 });
        assert_eq!(draw_row(&mut b, "a…bc   Z", &[0, 1, 2, 3, 7]), "\x1b[H\x1b[ma…bc\r\x1b[7CZ");
        // Without one, the cursor goes on from where it is (here by reprinting three blanks).
        let mut b = Frugal::with_size(Vec::new(), Size { width: 20, height: 2 });
        assert_eq!(draw_row(&mut b, "a.bc   Z", &[0, 1, 2, 3, 7]), "\x1b[H\x1b[ma.bc   Z");
    }
}
