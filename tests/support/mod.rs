//! Test helpers: key scripts, wizards on the examples, rendering to text.
#![allow(dead_code)]

pub mod pty;
pub mod user;

use jixiao::form::file::load;
use jixiao::form::{Package, Profile};
use jixiao::i18n::Lang;
use jixiao::keymap::{Code, Key};
use jixiao::ui::{self, Theme};
use jixiao::wizard::{Effect, Event, Files, Wizard};
use ratatui::backend::TestBackend;
use ratatui::{Terminal, buffer::Buffer, layout::Rect};

/// Parses a key script: text is typed, `<Tab>` `<S-Tab>` `<Enter>` `<BS>` `<Esc>` `<Up>`
/// `<Down>` `<Left>` `<Right>` `<Home>` `<End>` `<PgUp>` `<PgDn>` `<F1>`.. `<C-x>` `<M-Up>`
/// `<lt>` are keys; `<S-Up>` (any of them with Shift) too.
pub fn keys(script: &str) -> Vec<Event> {
    let mut out = Vec::new();
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if let Some(end) = rest.find('>') {
                let name = &rest[1..end];
                rest = &rest[end + 1..];
                out.push(Event::Key(named(name)));
                continue;
            }
        }
        out.push(Event::Key(Key::plain(Code::Char(c))));
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn named(name: &str) -> Key {
    let plain = |c| Key::plain(c);
    match name {
        "Tab" => plain(Code::Tab),
        "S-Tab" => plain(Code::BackTab),
        "Enter" => plain(Code::Enter),
        "BS" => plain(Code::Backspace),
        "Del" => plain(Code::Delete),
        "Esc" => plain(Code::Esc),
        "Up" => plain(Code::Up),
        "Down" => plain(Code::Down),
        "Left" => plain(Code::Left),
        "Right" => plain(Code::Right),
        "Home" => plain(Code::Home),
        "End" => plain(Code::End),
        "PgUp" => plain(Code::PageUp),
        "PgDn" => plain(Code::PageDown),
        "Space" => plain(Code::Char(' ')),
        "lt" => plain(Code::Char('<')),
        "M-Up" => Key::alt(Code::Up),
        "M-Down" => Key::alt(Code::Down),
        n if n.starts_with("C-") => Key::ctrl(n[2..].chars().next().unwrap_or('?')),
        n if n.starts_with("S-") => Key { shift: true, ..named(&n[2..]) },
        n if n.starts_with('F') => plain(Code::F(n[1..].parse().unwrap_or(1))),
        n => panic!("unknown key <{n}>"),
    }
}

/// Feeds a script; returns the effects that were not `None`.
pub fn run(w: &mut Wizard, script: &str) -> Vec<Effect> {
    keys(script).into_iter().map(|e| w.update(e)).filter(|e| *e != Effect::None).collect()
}

pub fn example(path: &str) -> Package {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    load(text.as_bytes()).unwrap_or_else(|e| panic!("{e:?}")).package
}

pub fn files() -> Files {
    Files { data: "pkg.toml".into(), report: "pkg.txt".into(), data_exists: false, report_exists: false }
}

/// A wizard on an empty package, past the welcome screen.
pub fn blank(lang: Lang) -> Wizard {
    let mut w = Wizard::new(Package::new(jixiao::form::unit::form(), 2023), Profile::default_profile(), lang, files());
    w.update(Event::Key(Key::plain(Code::Enter)));
    w
}

/// A wizard on the corrected example.
pub fn filled(lang: Lang) -> Wizard {
    let mut w = Wizard::new(example("examples/yueyang-2023.toml"), Profile::default_profile(), lang, files());
    w.set_files(Files { data_exists: true, ..files() });
    w
}

/// A wizard on the two-project example.
pub fn projects(lang: Lang) -> Wizard {
    let mut w = Wizard::new(example("examples/projects-2023.toml"), Profile::default_profile(), lang, files());
    w.set_files(Files { data_exists: true, ..files() });
    w
}

/// Renders to a buffer; returns it and the cursor position.
pub fn render_buffer(w: &Wizard, width: u16, height: u16) -> (Buffer, Option<(u16, u16)>) {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    let cursor = ui::draw(w, Theme { color: false }, area, &mut buf);
    (buf, cursor)
}

/// Renders through a TestBackend terminal (as the real loop does) and returns its text.
pub fn screen(w: &Wizard, width: u16, height: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(width, height)).unwrap_or_else(|e| panic!("{e}"));
    t.draw(|f| {
        if let Some(p) = ui::draw(w, Theme { color: false }, f.area(), f.buffer_mut()) {
            f.set_cursor_position(p);
        }
        assert_well_formed(f.buffer_mut());
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = jixiao::text::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// ratatui draws a frame correctly only if no wide character is followed by a non-blank cell
/// (its diff skips the cell a wide character covers): e.g. a popup border drawn on the right
/// half of a Chinese character would never reach the terminal.
pub fn assert_well_formed(buf: &Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right().saturating_sub(1) {
            let sym = buf[(x, y)].symbol();
            if jixiao::text::width(sym) == 2 {
                let next = buf[(x + 1, y)].symbol();
                assert!(next == " " || next.is_empty(), "({x},{y}) {sym:?} is followed by {next:?}");
            }
        }
    }
}

/// The screen for a snapshot: as [`screen`], with the filled/total count of the header replaced
/// by `#/#` (it moves whenever the form gains a field; `tests/flow.rs` checks the count itself).
pub fn snap(w: &Wizard, width: u16, height: u16) -> String {
    let text = screen(w, width, height);
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let mut line = line.to_string();
        for word in ["已填 ", "Filled "] {
            if let Some(at) = line.find(word) {
                let start = at + word.len();
                let end =
                    line[start..].find(|c: char| !(c.is_ascii_digit() || c == '/')).map_or(line.len(), |e| start + e);
                line.replace_range(start..end, "#/#");
            }
        }
        out.push_str(&line);
    }
    out
}

/// Runs the binary with `args` in a zh-CN locale and waits for it (stdin closed).
pub fn jixiao(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}
