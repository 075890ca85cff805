//! Bytes written per focus move (Tab), section by section, with the frugal backend and the stock
//! crossterm backend side by side, at 80×24 and 200×60. In-process, so it isolates what the
//! wizard's own screen design costs per Tab. Run: `cargo bench --bench focus`.
//! `FOCUS_DETAIL=section` prints, for that section, the rows each Tab changed.
//! (A benchmark, not a test: it asserts nothing and prints medians.)

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;
use std::time::Instant;

use jixiao::form::Profile;
use jixiao::form::file::load;
use jixiao::frugal::Frugal;
use jixiao::i18n::Lang;
use jixiao::keymap::{Code, Key};
use jixiao::ui::{self, Theme};
use jixiao::wizard::{Event, Files, Wizard};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::{Terminal, TerminalOptions, Viewport};

#[derive(Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn wizard(section: &str, width: u16, height: u16) -> Wizard {
    let text = std::fs::read_to_string("examples/yueyang-2023.toml").expect("example");
    let pkg = load(text.as_bytes()).expect("load").package;
    let mut w = Wizard::new(pkg, Profile::default_profile(), Lang::ZhCn, Files::default());
    w.open_section(section);
    w.update(Event::Resize(width, height));
    w
}

fn frame<B: Backend>(term: &mut Terminal<B>, w: &Wizard) -> Buffer {
    let done = term
        .draw(|f| {
            if let Some(p) = ui::draw(w, Theme { color: true }, f.area(), f.buffer_mut()) {
                f.set_cursor_position(p);
            }
        })
        .expect("draw");
    done.buffer.clone()
}

fn term<B: Backend>(b: B, width: u16, height: u16) -> Terminal<B> {
    Terminal::with_options(b, TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, width, height)) })
        .expect("terminal")
}

fn median(mut v: Vec<usize>) -> usize {
    v.sort_unstable();
    v[v.len() / 2]
}

/// Bytes per Tab over `tabs` Tabs from the section's first field: (frugal, stock) lists.
fn tabs(section: &str, width: u16, height: u16, tabs: usize, detail: bool) -> (Vec<usize>, Vec<usize>) {
    let mut w = wizard(section, width, height);
    let fs = Sink::default();
    let ss = Sink::default();
    let mut ft = term(Frugal::with_size(fs.clone(), Size::new(width, height)), width, height);
    let mut st = term(CrosstermBackend::new(ss.clone()), width, height);
    let mut prev = frame(&mut ft, &w);
    frame(&mut st, &w);
    let (mut f, mut s, mut times) = (Vec::new(), Vec::new(), Vec::new());
    for n in 0..tabs {
        fs.0.borrow_mut().clear();
        ss.0.borrow_mut().clear();
        w.update(Event::Key(Key::plain(Code::Tab)));
        let t = Instant::now();
        let now = frame(&mut ft, &w);
        let tf = t.elapsed().as_secs_f64() * 1e6;
        let t = Instant::now();
        frame(&mut st, &w);
        let ts = t.elapsed().as_secs_f64() * 1e6;
        times.push((tf, ts));
        f.push(fs.0.borrow().len());
        s.push(ss.0.borrow().len());
        if detail {
            println!("-- Tab {}: {} B frugal, {} B stock", n + 1, f[n], s[n]);
            for y in 0..height {
                let changed: Vec<u16> = (0..width).filter(|x| prev[(*x, y)] != now[(*x, y)]).collect();
                if let (Some(a), Some(b)) = (changed.first(), changed.last()) {
                    let line: String = (*a..=*b).map(|x| now[(x, y)].symbol()).collect();
                    println!("   row {y:>2} cols {a:>3}-{b:<3} ({:>3} cells) {line}", changed.len());
                }
            }
            println!("   bytes: {:?}", String::from_utf8_lossy(&fs.0.borrow()));
        }
        prev = now;
    }
    TIMES.with(|t| t.borrow_mut().extend(times));
    (f, s)
}

thread_local! {
    /// µs per frame (render + backend): frugal, stock.
    static TIMES: RefCell<Vec<(f64, f64)>> = const { RefCell::new(Vec::new()) };
}

fn main() {
    let detail = std::env::var("FOCUS_DETAIL").ok();
    println!(
        "{:<8} {:<20} {:>5} {:>13} {:>13} {:>10}",
        "size", "section", "Tabs", "frugal median", "stock median", "frugal max"
    );
    for (width, height) in [(80u16, 24u16), (200, 60)] {
        let size = format!("{width}x{height}");
        let mut all = Vec::new();
        for sec in &jixiao::form::unit::form().sections {
            // Tabs that stay in the section (the last slot's Tab is a section change).
            let w = wizard(sec.id, width, height);
            let n = w.slots().len().saturating_sub(1).min(24);
            if n == 0 {
                println!("{size:<8} {:<20} {n:>5} {:>13}", sec.id, "(one slot)");
                continue;
            }
            let show = detail.as_deref() == Some(sec.id);
            let (f, s) = tabs(sec.id, width, height, n, show);
            let max = f.iter().copied().max().unwrap_or(0);
            all.extend(f.iter().copied());
            println!("{size:<8} {:<20} {n:>5} {:>13} {:>13} {max:>10}", sec.id, median(f), median(s));
        }
        println!("{size:<8} {:<20} {:>5} {:>13}", "all sections", all.len(), median(all));
        let (mut tf, mut ts): (Vec<f64>, Vec<f64>) = TIMES.with(|t| t.borrow_mut().drain(..).unzip());
        tf.sort_by(f64::total_cmp);
        ts.sort_by(f64::total_cmp);
        println!(
            "{size:<8} µs per Tab frame (render + backend), median: frugal {:.0}, stock {:.0}",
            tf[tf.len() / 2],
            ts[ts.len() / 2]
        );
    }
}
