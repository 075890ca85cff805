//! In-process benchmark of rendering: time per frame and per keystroke, and bytes the
//! crossterm backend writes, at 80×24 and 200×60. Run: `cargo bench --bench render`.
//! (A benchmark, not a test: it asserts nothing and prints medians.)

use std::cell::Cell;
use std::io::Write;
use std::rc::Rc;
use std::time::Instant;

use jixiao::form::Profile;
use jixiao::form::file::load;
use jixiao::i18n::Lang;
use jixiao::keymap::{Code, Key};
use jixiao::ui::{self, Theme};
use jixiao::wizard::{Event, Files, Wizard};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

#[derive(Clone)]
struct Counter(Rc<Cell<usize>>);

impl Write for Counter {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + b.len());
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn wizard(section: &str) -> Wizard {
    let text = std::fs::read_to_string("examples/yueyang-2023.toml").expect("example");
    let pkg = load(text.as_bytes()).expect("load").package;
    let mut w = Wizard::new(pkg, Profile::default_profile(), Lang::ZhCn, Files::default());
    w.open_section(section);
    w
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

struct Run {
    term: Terminal<CrosstermBackend<Counter>>,
    bytes: Rc<Cell<usize>>,
}

impl Run {
    fn new(w: u16, h: u16) -> Self {
        let bytes = Rc::new(Cell::new(0));
        let backend = CrosstermBackend::new(Counter(bytes.clone()));
        let term =
            Terminal::with_options(backend, TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, w, h)) })
                .expect("terminal");
        Self { term, bytes }
    }

    /// One frame; returns (µs, bytes).
    fn frame(&mut self, w: &Wizard) -> (f64, usize) {
        let before = self.bytes.get();
        let t = Instant::now();
        self.term
            .draw(|f| {
                if let Some(p) = ui::draw(w, Theme { color: true }, f.area(), f.buffer_mut()) {
                    f.set_cursor_position(p);
                }
            })
            .expect("draw");
        (t.elapsed().as_secs_f64() * 1e6, self.bytes.get() - before)
    }
}

/// Median µs (update + render) and bytes per key over a sequence of keys.
fn per_key(w: &mut Wizard, run: &mut Run, keys: &[Event]) -> (f64, f64) {
    let mut times = Vec::new();
    let mut bytes = Vec::new();
    let mut updates = Vec::new();
    for k in keys {
        let t = Instant::now();
        w.update(k.clone());
        updates.push(t.elapsed().as_secs_f64() * 1e6);
        let (_, b) = run.frame(w);
        times.push(t.elapsed().as_secs_f64() * 1e6);
        bytes.push(b as f64);
    }
    if std::env::var_os("BENCH_DETAIL").is_some() {
        eprintln!("  (update alone: median {:.1} µs)", median(updates));
    }
    (median(times), median(bytes))
}

fn key(c: Code) -> Event {
    Event::Key(Key::plain(c))
}

fn main() {
    println!("{:<10} {:<34} {:>12} {:>10}", "size", "what", "median µs", "bytes");
    for (width, height) in [(80u16, 24u16), (200, 60)] {
        let size = format!("{width}x{height}");
        let mut w = wizard("funding");
        w.update(Event::Resize(width, height));
        let mut run = Run::new(width, height);
        let (us, b) = run.frame(&w);
        println!("{size:<10} {:<34} {us:>12.1} {b:>10}", "first frame (funding)");
        let (us, b) = run.frame(&w);
        println!("{size:<10} {:<34} {us:>12.1} {b:>10}", "redraw, nothing changed");
        // Number field: focus 年初预算数 and type digits.
        w.update(key(Code::Tab));
        run.frame(&w);
        w.update(Event::Key(Key::ctrl('u')));
        run.frame(&w);
        let digits: Vec<Event> = "1234567.89".chars().cycle().take(40).map(|c| key(Code::Char(c))).collect();
        let (us, b) = per_key(&mut w, &mut run, &digits);
        println!("{size:<10} {:<34} {us:>12.1} {b:>10.0}", "typed char, number field");
        let tabs: Vec<Event> = std::iter::repeat_n(key(Code::Tab), 8).collect();
        let (us, b) = per_key(&mut w, &mut run, &tabs);
        println!("{size:<10} {:<34} {us:>12.1} {b:>10.0}", "Tab (next field)");

        // Long text with 20,000 Chinese characters, as saved in the package.
        let long: String = "城市管理综合行政执法支队直属三大队年度绩效".chars().cycle().take(20_000).collect();
        let mut pkg = wizard("unit").pkg().clone();
        pkg.set("self_eval.goal_expected", long.clone());
        let mut w = jixiao::wizard::Wizard::new(
            pkg,
            jixiao::form::Profile::default_profile(),
            jixiao::i18n::Lang::ZhCn,
            jixiao::wizard::Files::default(),
        );
        w.update(Event::Key(Key::plain(Code::Enter)));
        w.open_section("goals");
        w.update(Event::Resize(width, height));
        let mut run = Run::new(width, height);
        run.frame(&w);
        let chars: Vec<Event> = "岳阳市城管".chars().cycle().take(40).map(|c| key(Code::Char(c))).collect();
        let (us, b) = per_key(&mut w, &mut run, &chars);
        println!("{size:<10} {:<34} {us:>12.1} {b:>10.0}", "typed char, 20,000-char long text");
        // The same text just pasted over the old one (cut + paste in the undo history).
        w.update(Event::Key(Key::ctrl('u')));
        w.update(Event::Paste(long));
        run.frame(&w);
        let (us, b) = per_key(&mut w, &mut run, &chars);
        println!("{size:<10} {:<34} {us:>12.1} {b:>10.0}", "  … right after pasting it");
        // The seed's longest text: part 六 of the report, 6,660 characters in 60 paragraphs.
        let mut w6 = wizard("report_s6");
        w6.update(Event::Resize(width, height));
        let mut run6 = Run::new(width, height);
        w6.update(key(Code::Tab));
        run6.frame(&w6);
        let (us, b) = per_key(&mut w6, &mut run6, &chars);
        println!("{size:<10} {:<34} {us:>12.1} {b:>10.0}", "typed char, seed's 6,660-char text");
        // A key in a cell of the 17-row indicator table, then in one of 1,000 rows
        // (`dist/large-package.sh`): the target is within 2× (issue 14).
        let large = std::process::Command::new("bash").args(["dist/large-package.sh", "1000", "0"]).output();
        let mut tables = vec![("17-row table", wizard("indicators").pkg().clone())];
        if let Some(out) = large.ok().filter(|o| o.status.success()) {
            tables.push(("1,000-row table", load(&out.stdout).expect("generated package loads").package));
        }
        for (what, pkg) in tables {
            let mut wt = Wizard::new(pkg, Profile::default_profile(), Lang::ZhCn, Files::default());
            wt.update(Event::Key(Key::plain(Code::Enter)));
            wt.open_section("indicators");
            wt.update(Event::Resize(width, height));
            let mut runt = Run::new(width, height);
            for k in [key(Code::Tab), key(Code::Tab)] {
                wt.update(k);
                runt.frame(&wt);
            }
            let letters: Vec<Event> = "abcdefghij".chars().cycle().take(60).map(|c| key(Code::Char(c))).collect();
            let (us, b) = per_key(&mut wt, &mut runt, &letters);
            println!("{size:<10} {:<34} {us:>12.1} {b:>10.0}", format!("typed char, {what}"));
        }
        let pages: Vec<Event> =
            std::iter::repeat_n(key(Code::PageDown), 1).chain(std::iter::repeat_n(key(Code::PageUp), 1)).collect();
        let (us, b) = per_key(&mut w, &mut run, &pages);
        println!("{size:<10} {:<34} {us:>12.1} {b:>10.0}", "section change");
    }
}
