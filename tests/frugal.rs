//! The frugal backend against the stock crossterm backend: for random sequences of frames
//! (Chinese and Latin text, colours, attributes, the cursor shown, hidden and moved, clears),
//! a terminal emulator fed each backend's bytes shows the same screen after every frame, and
//! the frugal backend never writes more.

mod support;

use std::cell::RefCell;
use std::io::Write;
use std::num::NonZeroU16;
use std::rc::Rc;

use jixiao::frugal::{Frugal, Screen};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier, Style};
use ratatui::{Terminal, TerminalOptions, Viewport};

#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Shared {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

/// xorshift: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const WORDS: &[&str] = &[
    "岳阳",
    "abc",
    "城管执法",
    "865.82",
    "x",
    "中文测试一二三",
    "  ",
    "E-01",
    "绩效",
    "—",
    "·",
    "合计 98.00/100.00 优",
    // Symbols of more than one character: a combining accent, a flag. (Not an emoji joined by
    // U+200D: vt100, like many terminals, draws its parts apart, so that even the stock
    // backend's screen is not the frame's, and there is nothing to compare with. Nor one made
    // wide by U+FE0F: vt100 keeps it narrow, and the two backends' screens differ in the
    // cell after it, with ratatui's Terminal as with `Screen`.)
    "cafe\u{301}",
    "\u{1f1e8}\u{1f1f3}",
];
const COLORS: &[Color] = &[
    Color::Reset,
    Color::Red,
    Color::Yellow,
    Color::Green,
    Color::Cyan,
    Color::DarkGray,
    Color::Indexed(123),
    Color::Rgb(1, 2, 3),
];
const MODS: &[Modifier] = &[Modifier::BOLD, Modifier::REVERSED, Modifier::UNDERLINED, Modifier::ITALIC, Modifier::DIM];

/// Frames as ratatui requires them (and as jixiao's `put` makes them): text written on the
/// right half of a wide character blanks that character first.
fn well_formed_before(buf: &mut Buffer, x: u16, y: u16) {
    if x > 0 && unicode_width::UnicodeWidthStr::width(buf[(x - 1, y)].symbol()) > 1 {
        buf[(x - 1, y)].set_symbol(" ");
    }
}

fn random_frame(rng: &mut Rng, area: Rect, prev: &Buffer) -> Buffer {
    // Mostly small changes to the previous frame, sometimes a new screen.
    let mut buf = if rng.below(6) == 0 { Buffer::empty(area) } else { prev.clone() };
    for _ in 0..rng.below(12) + 1 {
        let mut style = Style::default()
            .fg(COLORS[rng.below(COLORS.len() as u64) as usize])
            .bg(COLORS[rng.below(COLORS.len() as u64) as usize]);
        for m in MODS {
            if rng.below(4) == 0 {
                style = style.add_modifier(*m);
            }
        }
        // Bold with dim is shown differently by different terminals (and the stock backend's
        // own order depends on the path); jixiao never combines them.
        if style.add_modifier.contains(Modifier::BOLD | Modifier::DIM) {
            style = style.remove_modifier(Modifier::DIM);
        }
        let x = rng.below(u64::from(area.width)) as u16;
        let y = rng.below(u64::from(area.height)) as u16;
        if rng.below(4) == 0 {
            // A blank run, to the end of the row or not, as when a line of text is replaced by
            // a shorter one (the frugal backend erases such runs with EL or ECH).
            let n = rng.below(u64::from(area.width - x)) as usize + 1;
            let style = if rng.below(3) == 0 { style } else { Style::reset() };
            well_formed_before(&mut buf, x, y);
            buf.set_stringn(x, y, " ".repeat(n), n, style);
            continue;
        }
        let w = WORDS[rng.below(WORDS.len() as u64) as usize];
        well_formed_before(&mut buf, x, y);
        buf.set_stringn(x, y, w, usize::from(area.width - x), style);
    }
    for c in &mut buf.content {
        if c.modifier.contains(Modifier::BOLD | Modifier::DIM) {
            c.modifier.remove(Modifier::DIM);
        }
    }
    buf
}

/// An erased cell and a printed space look the same (vt100 reports "" and " ").
fn text(c: &vt100::Cell) -> String {
    if c.contents().is_empty() { " ".to_string() } else { c.contents().to_string() }
}

fn same_cell(a: &vt100::Cell, b: &vt100::Cell) -> bool {
    text(a) == text(b)
        && a.fgcolor() == b.fgcolor()
        && a.bgcolor() == b.bgcolor()
        && a.bold() == b.bold()
        && a.dim() == b.dim()
        && a.italic() == b.italic()
        && a.underline() == b.underline()
        && a.inverse() == b.inverse()
}

fn vt_color(c: Color) -> vt100::Color {
    match c {
        Color::Reset => vt100::Color::Default,
        Color::Indexed(i) => vt100::Color::Idx(i),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
        basic => {
            let order = [
                Color::Black,
                Color::Red,
                Color::Green,
                Color::Yellow,
                Color::Blue,
                Color::Magenta,
                Color::Cyan,
                Color::Gray,
                Color::DarkGray,
                Color::LightRed,
                Color::LightGreen,
                Color::LightYellow,
                Color::LightBlue,
                Color::LightMagenta,
                Color::LightCyan,
                Color::White,
            ];
            vt100::Color::Idx(order.iter().position(|o| *o == basic).and_then(|i| u8::try_from(i).ok()).unwrap_or(0))
        }
    }
}

/// Does the emulator's cell show exactly what the frame holds?
fn shows_frame(c: &vt100::Cell, frame: &Buffer, col: u16, row: u16) -> bool {
    let covered = col > 0 && unicode_width::UnicodeWidthStr::width(frame[(col - 1, row)].symbol()) == 2;
    if covered {
        return c.is_wide_continuation();
    }
    let want = &frame[(col, row)];
    text(c) == want.symbol()
        && c.fgcolor() == vt_color(want.fg)
        && c.bgcolor() == vt_color(want.bg)
        && c.bold() == want.modifier.contains(Modifier::BOLD)
        && c.dim() == want.modifier.contains(Modifier::DIM)
        && c.italic() == want.modifier.contains(Modifier::ITALIC)
        && c.underline() == want.modifier.contains(Modifier::UNDERLINED)
        && c.inverse() == want.modifier.contains(Modifier::REVERSED)
}

/// Each frugal cell must be the stock backend's cell; where the stock backend leaves a cell that
/// differs from the frame (it trusts the terminal to clear the right half of a wide character
/// with a style that vt100 keeps), the frugal cell may instead be exactly the frame's. Returns
/// how many cells took that second way.
fn compare(a: &vt100::Parser, b: &vt100::Parser, area: Rect, cursor_shown: bool, ctx: &str, frame: &Buffer) -> usize {
    let (sa, sb) = (a.screen(), b.screen());
    let mut better = 0;
    for row in 0..area.height {
        for col in 0..area.width {
            let (ca, cb) = (sa.cell(row, col).expect("cell"), sb.cell(row, col).expect("cell"));
            if same_cell(ca, cb) {
                continue;
            }
            let ok = !shows_frame(ca, frame, col, row) && shows_frame(cb, frame, col, row);
            assert!(
                ok,
                "{ctx}: cell ({row},{col}) differs (wanted {:?}): stock {:?} vs frugal {:?}\nstock:\n{}\nfrugal:\n{}",
                frame[(col, row)],
                ca,
                cb,
                sa.contents(),
                sb.contents()
            );
            better += 1;
        }
    }
    assert_eq!(sa.hide_cursor(), sb.hide_cursor(), "{ctx}: cursor visibility");
    if cursor_shown {
        assert_eq!(sa.cursor_position(), sb.cursor_position(), "{ctx}: cursor position");
    }
    better
}

/// Feeds the frugal bytes to the emulator, checking before every ECH that it does not stop
/// between the halves of a wide character: vt100 clears the whole character, tmux leaves an
/// orphaned half, so such an erase would look right here and wrong there.
fn process_checked(p: &mut vt100::Parser, bytes: &[u8], ctx: &str) {
    let mut from = 0;
    let mut i = 0;
    while i + 2 < bytes.len() {
        if bytes[i] == 0x1b && bytes[i + 1] == b'[' {
            let digits = bytes[i + 2..].iter().take_while(|b| b.is_ascii_digit()).count();
            if bytes.get(i + 2 + digits) == Some(&b'X') {
                let n: u16 =
                    std::str::from_utf8(&bytes[i + 2..i + 2 + digits]).ok().and_then(|d| d.parse().ok()).unwrap_or(1);
                p.process(&bytes[from..i]);
                from = i;
                let (row, col) = p.screen().cursor_position();
                let cut = p.screen().cell(row, col + n).is_some_and(vt100::Cell::is_wide_continuation);
                assert!(!cut, "{ctx}: ECH {n} at ({row},{col}) stops inside a wide character");
                i += 3 + digits;
                continue;
            }
        }
        i += 1;
    }
    p.process(&bytes[from..]);
}

/// Both backends side by side, each feeding its own emulator.
struct Pair {
    area: Rect,
    so: Shared,
    fo: Shared,
    stock: Terminal<CrosstermBackend<Shared>>,
    frugal: Screen<Shared>,
    va: vt100::Parser,
    vb: vt100::Parser,
    /// Bytes written: stock, frugal.
    bytes: (usize, usize),
    /// Cells where only the frugal screen showed the frame.
    better: usize,
}

impl Pair {
    fn new(width: u16, height: u16) -> Self {
        let area = Rect::new(0, 0, width, height);
        let (so, fo) = (Shared::default(), Shared::default());
        let opts = || TerminalOptions { viewport: Viewport::Fixed(area) };
        let stock = Terminal::with_options(CrosstermBackend::new(so.clone()), opts()).expect("terminal");
        let frugal = Screen::new(Frugal::with_size(fo.clone(), Size { width, height })).expect("screen");
        let rows = NonZeroU16::new(height).expect("rows");
        let cols = NonZeroU16::new(width).expect("cols");
        let (va, vb) = (vt100::Parser::new(rows, cols, 0), vt100::Parser::new(rows, cols, 0));
        Self { area, so, fo, stock, frugal, va, vb, bytes: (0, 0), better: 0 }
    }

    /// Clears both screens; the next frame is drawn whole by both. (`Terminal::clear` asks the
    /// real terminal where its cursor is: the stock backend clears, and a new `Terminal`, whose
    /// buffers are blank like the screen, takes over.)
    fn clear(&mut self) {
        self.stock.backend_mut().clear().expect("clear");
        Backend::flush(self.stock.backend_mut()).expect("flush");
        let opts = TerminalOptions { viewport: Viewport::Fixed(self.area) };
        let backend = CrosstermBackend::new(self.so.clone());
        self.stock = Terminal::with_options(backend, opts).expect("terminal");
        self.frugal.clear().expect("clear");
    }

    /// Draws a frame with both and compares the emulators' screens.
    fn show(&mut self, frame: &Buffer, cursor: Option<Position>, ctx: &str) {
        self.stock.draw_frame(frame, cursor);
        self.frugal.draw_frame(frame, cursor);
        let (a, b) = (self.so.take(), self.fo.take());
        self.bytes.0 += a.len();
        self.bytes.1 += b.len();
        self.va.process(&a);
        process_checked(&mut self.vb, &b, ctx);
        self.better += compare(&self.va, &self.vb, self.area, cursor.is_some(), ctx, frame);
    }
}

/// Bytes written by the stock and the frugal backend, and the cells where the frugal screen
/// matched the frame and the stock screen did not.
fn run_sequences(width: u16, height: u16, sequences: u64, frames: usize) -> (usize, usize, usize) {
    let area = Rect::new(0, 0, width, height);
    let (mut stock_bytes, mut frugal_bytes, mut better) = (0, 0, 0);
    for seed in 1..=sequences {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let mut pair = Pair::new(width, height);
        let mut prev = Buffer::empty(area);
        for f in 0..frames {
            if rng.below(15) == 0 {
                pair.clear();
            }
            let frame = random_frame(&mut rng, area, &prev);
            let cursor = (rng.below(3) > 0)
                .then(|| Position { x: rng.below(u64::from(width)) as u16, y: rng.below(u64::from(height)) as u16 });
            pair.show(&frame, cursor, &format!("seed {seed} frame {f}"));
            prev = frame;
        }
        stock_bytes += pair.bytes.0;
        frugal_bytes += pair.bytes.1;
        better += pair.better;
    }
    (stock_bytes, frugal_bytes, better)
}

trait DrawFrame {
    fn draw_frame(&mut self, frame: &Buffer, cursor: Option<Position>);
}

impl DrawFrame for Screen<Shared> {
    fn draw_frame(&mut self, frame: &Buffer, cursor: Option<Position>) {
        self.draw(|_, buf| {
            buf.content.clone_from(&frame.content);
            cursor
        })
        .unwrap_or_else(|_| panic!("draw"));
    }
}

impl<B: Backend> DrawFrame for Terminal<B> {
    fn draw_frame(&mut self, frame: &Buffer, cursor: Option<Position>) {
        self.draw(|f| {
            f.buffer_mut().content.clone_from(&frame.content);
            if let Some(p) = cursor {
                f.set_cursor_position(p);
            }
        })
        .map(|_| ())
        .unwrap_or_else(|_| panic!("draw"));
    }
}

#[test]
fn same_screen_as_the_stock_backend_for_random_frames() {
    let (s1, f1, b1) = run_sequences(80, 24, 150, 10);
    let (s2, f2, b2) = run_sequences(37, 9, 150, 10);
    println!("bytes written: stock {s1} / frugal {f1} at 80x24; stock {s2} / frugal {f2} at 37x9");
    println!("cells where only the frugal screen showed the frame: {b1} at 80x24, {b2} at 37x9");
    assert!(f1 < s1 && f2 < s2);
    // Tiny and odd sizes: wide characters and pending wraps at every edge.
    for (w, h) in [(3u16, 2u16), (2, 40), (13, 3), (200, 4)] {
        let (s, f, _) = run_sequences(w, h, 150, 12);
        assert!(f < s, "{w}x{h}: frugal {f} vs stock {s}");
    }
}

#[test]
fn an_unchanged_frame_writes_nothing() {
    let area = Rect::new(0, 0, 80, 24);
    let out = Shared::default();
    let mut t = Screen::new(Frugal::with_size(out.clone(), Size { width: 80, height: 24 })).expect("screen");
    let mut frame = Buffer::empty(area);
    frame.set_string(3, 4, "岳阳市城管 865.82", Style::default().add_modifier(Modifier::BOLD));
    t.draw_frame(&frame, Some(Position { x: 10, y: 4 }));
    assert!(!out.take().is_empty());
    t.draw_frame(&frame, Some(Position { x: 10, y: 4 }));
    assert_eq!(out.take(), b"", "nothing changed, nothing written");
    // Typing one character after the cursor: just the character (the cursor is already there).
    frame.set_string(20, 4, "5", Style::default().add_modifier(Modifier::BOLD));
    t.draw_frame(&frame, Some(Position { x: 21, y: 4 }));
    let b = out.take();
    assert!(b.len() <= 12, "{:?}", String::from_utf8_lossy(&b));
}

/// The wizard's own frames (colour on), key by key through a session that visits every
/// section, types Latin and Chinese, opens long texts and types in them, works the indicator
/// grid, opens the overlays and resizes: after every key the frugal screen is the stock one.
#[test]
fn the_wizard_looks_the_same_through_both_backends_after_every_key() {
    use jixiao::i18n::Lang;
    use jixiao::ui::{self, Theme};
    use jixiao::wizard::Event;
    let script = concat!(
        "<Tab><End>岳阳<BS>abc<BS><BS><BS><BS><Tab><Tab>27<Tab>",
        "<PgDn><PgDn><PgDn><PgDn><PgDn><Tab><C-u>865.82<Tab><Tab><Tab><Tab><Tab><Tab>",
        "<PgDn><End>，补充一句<Tab>",
        "<PgDn><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Enter><Down><Enter>",
        "<F1><Esc><F2><Down><Esc>",
        "<PgDn><PgDn><PgDn><PgDn><Tab><Enter>第一段<Enter>第二段<Tab><Tab>",
        "<PgDn><PgDn><Tab><PgDn><F10><Up><Down><PgUp>",
    );
    for (width, height) in [(80u16, 24u16), (120, 30)] {
        let area = Rect::new(0, 0, width, height);
        let mut w = support::filled(Lang::ZhCn);
        w.update(Event::Resize(width, height));
        w.open_section("unit");
        let mut pair = Pair::new(width, height);
        let events = support::keys(script);
        for (n, ev) in std::iter::once(None).chain(events.into_iter().map(Some)).enumerate() {
            if let Some(ev) = ev {
                w.update(ev);
            }
            let mut frame = Buffer::empty(area);
            let cursor = ui::draw(&w, Theme { color: true }, area, &mut frame).map(|(x, y)| Position { x, y });
            pair.show(&frame, cursor, &format!("{width}x{height} key {n}"));
        }
        let (sb, fb) = pair.bytes;
        println!("{width}x{height}: stock {sb} B, frugal {fb} B over the session");
        assert!(fb < sb);
    }
}
