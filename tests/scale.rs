//! Size: what a package holds must not make loading quadratic or a key dearer (issue 14).
//! Bounds are generous (10 s on a busy machine) and only a quadratic algorithm exceeds them:
//! these tests are not timings (the benchmark `benches/cost.py` measures), they catch a
//! regression that would take minutes.

mod support;

use std::time::{Duration, Instant};

use jixiao::form::file::load;
use jixiao::form::{Package, Profile};
use jixiao::i18n::{Catalog, Lang};
use jixiao::wizard::{Event, Wizard};
use support::{files, render_buffer, run};

/// Far above what a linear algorithm needs here (well under a second), far below what a
/// quadratic one took (6.7 s for 20,000 `[stated]` keys, 25 s for 40,000, 2.3 s to open
/// 1,000 rows with more than ten times that for the whole test).
const BOUND: Duration = Duration::from_secs(10);

fn example_text() -> String {
    std::fs::read_to_string("examples/yueyang-2023.toml").expect("example")
}

/// The example with its indicator rows repeated to `n` rows.
fn with_rows(n: usize) -> String {
    let text = example_text();
    let head = "[[self_eval.indicators]]";
    let first = text.find(head).expect("rows");
    let end = text[first..].find("\n[report]").map(|i| first + i).expect("report");
    let rows: Vec<&str> = text[first..end].split(head).filter(|r| !r.trim().is_empty()).collect();
    let mut body = String::new();
    for i in 0..n {
        body.push_str(head);
        body.push_str(rows[i % rows.len()].trim_end());
        body.push_str("\n\n");
    }
    format!("{}{body}{}", &text[..first], &text[end..])
}

#[test]
fn a_thousand_row_package_loads_checks_reports_and_opens_in_bounded_time() {
    let text = with_rows(1000);
    let t = Instant::now();
    let pkg = load(text.as_bytes()).expect("load").package;
    assert_eq!(pkg.rows_at("self_eval.indicators").len(), 1000);
    let profile = Profile::default_profile();
    let checked = jixiao::form::check(&pkg, &profile);
    assert!(!checked.issues.is_empty(), "1,000 rows of weights add up to far more than 100");
    let report = jixiao::form::report(&pkg, &profile, Catalog::get(Lang::ZhCn));
    assert!(report.len() > text.len() / 10);
    let mut w = Wizard::new(pkg, profile, Lang::ZhCn, files());
    w.open_section("indicators");
    render_buffer(&w, 80, 24);
    // Keys in the last row's name, then a commit: every one re-checks or redraws.
    run(&mut w, "<C-End><Tab><Tab>改名<Tab>");
    render_buffer(&w, 200, 60);
    let saved = w.data_text();
    assert_eq!(load(saved.as_bytes()).expect("reload").package.rows_at("self_eval.indicators").len(), 1000);
    let took = t.elapsed();
    assert!(took < BOUND, "1,000 rows took {took:?}");
}

#[test]
fn forty_thousand_stated_keys_load_and_check_in_bounded_time() {
    let mut text = example_text();
    assert!(text.trim_end().ends_with("\"report.score\" = \"98.00\""), "[stated] is the last table");
    for i in 1..=40_000 {
        text.push_str(&format!("\"indicators.{i}.score\" = \"{i}.00\"\n"));
    }
    let t = Instant::now();
    let pkg = load(text.as_bytes()).expect("load").package;
    assert_eq!(pkg.stated.len(), 40_001);
    let checked = jixiao::form::check(&pkg, &Profile::default_profile());
    let saved = jixiao::form::file::save(&pkg, Catalog::get(Lang::ZhCn));
    assert_eq!(load(saved.as_bytes()).expect("reload").package.stated.len(), 40_001);
    let took = t.elapsed();
    assert!(took < BOUND, "40,000 [stated] keys took {took:?} ({} issues)", checked.issues.len());
}

/// A wizard on the example whose 职能职责 is `text`, in that section.
fn with_text(text: &str) -> Wizard {
    let mut pkg: Package = load(example_text().as_bytes()).expect("load").package;
    assert!(pkg.set("report.functions", text));
    let mut w = Wizard::new(pkg, Profile::default_profile(), Lang::ZhCn, files());
    w.open_section("report_s1");
    w
}

/// Equal texts, or the first line that differs.
fn assert_same(got: &str, want: &str) {
    if got != want {
        let (g, w): (Vec<_>, Vec<_>) = (got.lines().collect(), want.lines().collect());
        let i = g.iter().zip(&w).position(|(a, b)| a != b).unwrap_or(g.len().min(w.len()));
        panic!("{} lines, want {}; line {i}: {:?}, want {:?}", g.len(), w.len(), g.get(i), w.get(i));
    }
}

#[test]
fn a_long_text_is_edited_through_a_window_and_nothing_moves_or_is_lost() {
    // 1,000 short lines (no wrapping at 80 columns): Up and Down move one line each.
    let lines: Vec<String> = (0..1000).map(|i| format!("第{i}段：城市管理综合行政执法")).collect();
    let text = lines.join("\n");
    assert!(text.chars().count() > 15_000);
    let mut w = with_text(&text);
    // Typing opens it at the end; far up and back down again cross the window many times.
    run(&mut w, "末");
    run(&mut w, &"<Up>".repeat(700));
    run(&mut w, "<Home>甲");
    run(&mut w, &"<Down>".repeat(500));
    run(&mut w, "<End>乙");
    run(&mut w, &"<Up>".repeat(299));
    run(&mut w, "<Home>丙<BS><BS>");
    let mut want = lines.clone();
    want[999].push('末');
    want[299] = format!("甲{}", want[299]);
    want[799].push('乙');
    // Backspace at a line's start joins it to the line before.
    let joined = format!("{}{}", want[499], &want[500]);
    want.splice(499..=500, [joined]);
    assert_same(&w.editor_text().unwrap_or_default(), &want.join("\n"));
    // Undo works within the window: the join is undone.
    run(&mut w, "<C-z>");
    want = lines.clone();
    want[999].push('末');
    want[299] = format!("甲{}", want[299]);
    want[799].push('乙');
    assert_same(&w.editor_text().unwrap_or_default(), &want.join("\n"));
    // Leaving commits the whole text, not the window.
    run(&mut w, "<Tab>");
    assert_eq!(w.pkg().text_at("report.functions"), want.join("\n"));
}

#[test]
fn a_long_chinese_text_in_a_window_wraps_and_the_cursor_follows() {
    // 60 paragraphs of 150 ideographs: each wraps over four lines at 80 columns.
    let para: String = "城市管理执法".repeat(25);
    let text = vec![para.clone(); 60].join("\n");
    let mut w = with_text(&text);
    for (script, glyph) in
        [("岳", "岳"), (&"<Up>".repeat(90) as &str, ""), ("阳", "阳"), (&"<Down>".repeat(45), ""), ("楼", "楼")]
    {
        run(&mut w, script);
        let (buf, cursor) = render_buffer(&w, 80, 24);
        let (x, y) = cursor.expect("cursor");
        if !glyph.is_empty() {
            // The caret is right after the glyph just typed: two columns, one cell.
            assert_eq!(buf[(x - 2, y)].symbol(), glyph, "after {script:?}: x={x} y={y}");
        }
        assert!(x < 80 && y < 24);
    }
    let got = w.editor_text().expect("editor");
    assert_eq!(got.chars().count(), text.chars().count() + 3);
    assert!(got.ends_with(&format!("{para}岳")));
    // Ctrl-U clears all of it, not the window only.
    run(&mut w, "<C-u><Tab>");
    assert_eq!(w.pkg().text_at("report.functions"), "");
}

#[test]
fn one_long_paragraph_is_edited_through_a_window_inside_it() {
    // A text pasted without line breaks: 30,000 characters in one paragraph.
    let para: String = "城市管理综合行政执法，abc 2023。".chars().cycle().take(30_000).collect();
    let mut w = with_text(&para);
    run(&mut w, "尾");
    for (size, script) in [((80, 24), "<Home>首"), ((200, 60), "<Down><Down><Down>中"), ((80, 24), "<End>末")] {
        w.update(Event::Resize(size.0, size.1));
        run(&mut w, script);
        let (buf, cursor) = render_buffer(&w, size.0, size.1);
        let (x, y) = cursor.expect("cursor");
        let typed = script.chars().last().expect("typed").to_string();
        assert_eq!(buf[(x - 2, y)].symbol(), typed, "{size:?} after {script}");
    }
    let got = w.editor_text().expect("editor");
    assert_eq!(got.chars().count(), 30_004);
    assert!(got.starts_with("首城市") && got.ends_with("尾末") && got.contains('中'), "{}", &got[..24]);
    run(&mut w, "<Tab>");
    assert_eq!(w.pkg().text_at("report.functions"), got);
}

/// 45,000 ideographs in one paragraph (no line break, no two alike in a row).
fn ideographs(n: usize) -> String {
    (0..n).map(|i| char::from_u32(0x4e00 + (i as u32 * 7919) % 0x1a00).unwrap_or('字')).collect()
}

/// Each key of `script`, then a frame at `size` (moves by screen row need the rows drawn).
fn drawn(w: &mut Wizard, script: &str, size: (u16, u16)) {
    for e in support::keys(script) {
        w.update(e);
        render_buffer(w, size.0, size.1);
    }
}

/// A wizard on `text` in 职能职责, its editor open and drawn at 80×24 after the terminal said
/// its size.
fn open_on(text: &str) -> Wizard {
    let mut w = with_text(text);
    w.update(Event::Resize(80, 24));
    // End opens it (the caret is at the end already).
    drawn(&mut w, "<End>", (80, 24));
    w
}

/// `got` is `want`, or where they first differ (texts of 45,000 characters are not printed).
#[track_caller]
fn same_text(got: &str, want: &str, what: &str) {
    if got != want {
        let at = got.chars().zip(want.chars()).take_while(|(a, b)| a == b).count();
        let near = |s: &str| s.chars().skip(at.saturating_sub(5)).take(12).collect::<String>();
        panic!(
            "{what}: {} characters, want {}; from character {at}: {:?}, want {:?}",
            got.chars().count(),
            want.chars().count(),
            near(got),
            near(want)
        );
    }
}

/// What the user met in a windowed text (a helper's findings): undo reaches what was typed
/// before the window moved, clearing is undone whole, selections cross the window's edge and
/// survive a resize, Home reaches the start of a paragraph of any length.
#[test]
fn a_windowed_text_undoes_selects_and_moves_as_a_whole_one() {
    let t = ideographs(45_000);
    let saved = |mut w: Wizard| {
        run(&mut w, "<Tab>");
        w.pkg().text_at("report.functions").to_string()
    };
    // Ctrl-U then Ctrl-Z: all of it back (only the window came back).
    let mut w = open_on(&t);
    drawn(&mut w, "<C-u><C-z>", (80, 24));
    same_text(&saved(w), &t, "clear undone whole");
    // Typing undone after the window moved away and back, or the terminal was resized.
    for (script, resize) in [
        ("甲乙<Home><End><C-z><C-z>", false),
        (&format!("甲{}{}<C-z>", "<Up>".repeat(60), "<Down>".repeat(60)) as &str, false),
        ("甲", true),
    ] {
        let mut w = open_on(&t);
        drawn(&mut w, script, (80, 24));
        if resize {
            w.update(Event::Resize(120, 40));
            render_buffer(&w, 120, 40);
            w.update(Event::Resize(80, 24));
            drawn(&mut w, "<C-z>", (80, 24));
        }
        same_text(&saved(w), &t, script);
    }
    // Redo after undo across the window's move, and after a move after the undo.
    for script in [format!("甲{}<C-z><C-y>", "<Up>".repeat(60)), "甲<C-z><Home><C-y>".to_string()] {
        let mut w = open_on(&t);
        drawn(&mut w, &script, (80, 24));
        same_text(&saved(w), &format!("{t}甲"), &script);
    }
    // More window moves than windows were kept (32 at first): only those with edits count.
    let mut w = open_on(&t);
    drawn(&mut w, &format!("甲{}<C-z>", "<Home><End>".repeat(40)), (80, 24));
    same_text(&saved(w), &t, "undo after 80 moves");
    // Undo after a resize: the window it goes back into is cut again for the new width, so the
    // pane shows whole rows above the caret.
    let mut w = open_on(&t);
    drawn(&mut w, "甲", (80, 24));
    w.update(Event::Resize(120, 40));
    drawn(&mut w, "<C-z>", (120, 40));
    let (buf, cursor) = render_buffer(&w, 120, 40);
    let (_, y) = cursor.expect("cursor");
    for dy in 1..jixiao::wizard::geometry::text_editor_size((120, 40)).1 {
        let row: String = (0..90).map(|x| buf[(x, y - dy)].symbol().to_string()).collect();
        assert!(row.trim().chars().count() > 40, "row {dy} above the caret after undo at 120×40: {row:?}");
    }
    same_text(&saved(w), &t, "undo after a resize");
    // Clearing a short text keeps what came before it undoable.
    let mut w = open_on("短文");
    drawn(&mut w, "甲<C-u><C-z><C-z>", (80, 24));
    same_text(&saved(w), "短文", "undo before a clear");
    // 80 rows selected upwards (39 ideographs a row at 80 columns), then typed over.
    let mut w = open_on(&t);
    drawn(&mut w, &format!("{}乙", "<S-Up>".repeat(80)), (80, 24));
    same_text(&saved(w), &format!("{}乙", &t[..(45_000 - 3_120) * 3]), "S-Up ×80");
    let mut w = open_on(&t);
    drawn(&mut w, &format!("{}<S-Home><BS>", "<Left>".repeat(30)), (80, 24));
    same_text(&saved(w), &t.chars().skip(45_000 - 30).collect::<String>(), "S-Home");
    // A selection kept through a resize.
    let mut w = open_on(&t);
    drawn(&mut w, &format!("{}{}", "<Up>".repeat(100), "<S-Left>".repeat(5)), (80, 24));
    w.update(Event::Resize(120, 40));
    drawn(&mut w, "Q", (120, 40));
    assert_eq!(saved(w).chars().count(), 45_000 - 5 + 1, "the selection replaced after a resize");
    // Home in a paragraph longer than the editor's caret can count (65,535).
    let long = ideographs(70_000);
    let mut w = open_on(&long);
    drawn(&mut w, "<Home>丙", (80, 24));
    same_text(&saved(w), &format!("丙{long}"), "Home to the paragraph's start");
}

/// Up and Down keep the column they started from across a shorter line, and undoing a long
/// paste leaves the text above the caret on screen (a fresh user's findings).
#[test]
fn up_and_down_keep_their_column_and_undo_keeps_the_pane_full() {
    let a = "城".repeat(30);
    let c = "管".repeat(30);
    let mut w = open_on(&format!("{a}\n短行\n{c}"));
    drawn(&mut w, &format!("<Home>{}<Up><Up>甲<Down><Down>乙", "<Right>".repeat(25)), (80, 24));
    let got = w.editor_text().expect("editor");
    assert_eq!(got, format!("{}甲{}\n短行\n{}乙{}", "城".repeat(25), "城".repeat(5), "管".repeat(26), "管".repeat(4)));
    // A paste of 10,000 characters undone: the short text is on screen above the caret.
    let short: String = "城市管理执法。".repeat(40);
    let mut w = open_on(&short);
    w.update(Event::Paste(ideographs(10_000)));
    render_buffer(&w, 80, 24);
    drawn(&mut w, "<C-z>", (80, 24));
    assert_eq!(w.editor_text().expect("editor"), short);
    let (buf, cursor) = render_buffer(&w, 80, 24);
    let (_, y) = cursor.expect("cursor");
    for dy in 1..jixiao::wizard::geometry::text_editor_size((80, 24)).1 {
        let row: String = (0..80).map(|x| buf[(x, y - dy)].symbol().to_string()).collect();
        assert!(row.trim().chars().count() > 20, "row {dy} above the caret after undoing a paste: {row:?}");
    }
}

#[test]
fn a_windowed_text_fills_its_pane_when_it_opens() {
    // The pane showed one row and blank ones below: the terminal's first size rebuilt the
    // window from an editor never drawn.
    for size in [(80, 24), (200, 60)] {
        let mut w = with_text(&ideographs(45_000));
        w.update(Event::Resize(size.0, size.1));
        drawn(&mut w, "<End>", size);
        let (buf, cursor) = render_buffer(&w, size.0, size.1);
        let (_, y) = cursor.expect("cursor");
        let (_, rows) = jixiao::wizard::geometry::text_editor_size(size);
        for dy in 0..rows - 1 {
            let row: String = (0..size.0).map(|x| buf[(x, y - dy)].symbol().to_string()).collect();
            assert!(row.trim().chars().count() > 20, "{size:?}: row {dy} above the caret is blank: {row:?}");
        }
    }
}

#[test]
fn a_key_in_a_long_text_does_not_copy_or_serialise_the_package() {
    // The draft's snapshot shares the package: publishing it costs what the edited text costs.
    let mut w = with_text("短文");
    run(&mut w, "字");
    let a = w.unsaved().expect("editing");
    let b = w.unsaved().expect("editing");
    assert!(a.text().contains("短文字") && a.text() == b.text());
    // A committed change after a snapshot leaves the snapshot as it was.
    run(&mut w, "<Tab>");
    assert!(w.pkg().text_at("report.functions") == "短文字");
    w.update(Event::Paste("新".into()));
    assert!(w.unsaved().expect("unsaved").text().contains("新"));
    assert!(a.text().contains("短文字") && !a.text().contains("短文字新"));
}

#[test]
fn the_filled_count_is_counted_once_per_change_and_follows_every_change() {
    // The header's count is cached (it walked every cell on every frame); each way the
    // package changes must still move it.
    let mut w = support::blank(Lang::ZhCn);
    let (filled, total) = w.progress();
    let path = (0..5)
        .find_map(|_| {
            let p = w.slot().and_then(jixiao::wizard::Slot::path).map(str::to_string);
            let empty = p.as_deref().is_some_and(|p| w.pkg().text_at(p).is_empty());
            if !empty {
                run(&mut w, "<Tab>");
            }
            p.filter(|_| empty)
        })
        .expect("an empty field");
    run(&mut w, "甲<Tab>");
    assert!(!w.pkg().text_at(&path).is_empty());
    assert!(w.progress().0 > filled, "a value typed and committed counts");
    assert_eq!(w.progress().1, total);
    let mut w = with_text("短文");
    let before = w.progress();
    w.open_section("indicators");
    run(&mut w, "<C-o>");
    assert!(w.progress().1 > before.1, "a row added adds its cells to the total");
    w.replace(load(example_text().as_bytes()).expect("load").package);
    assert_eq!(w.progress(), before, "a replaced package is counted again");
}

/// Deep in a 1,000-row table the column header stays above the rows, the focused row is on
/// screen and marked, and three- and four-digit row numbers are shown whole.
#[test]
fn deep_in_a_thousand_rows_the_header_stays_and_row_numbers_are_whole() {
    let pkg = load(with_rows(1000).as_bytes()).expect("load").package;
    let mut w = Wizard::new(pkg, Profile::default_profile(), Lang::ZhCn, files());
    w.open_section("indicators");
    let mut row = 1;
    for step in [1, 8, 13, 77, 150, 250, 499] {
        run(&mut w, &"<Down>".repeat(step));
        row += step;
        for (width, height) in [(80, 24), (200, 60)] {
            let s = support::screen(&w, width, height);
            let lines: Vec<&str> = s.lines().collect();
            let header = lines.iter().position(|l| l.contains("三级指标") && l.contains("性质"));
            let focused = lines
                .iter()
                .position(|l| l.strip_prefix('>').is_some_and(|n| n.trim_start().starts_with(&format!("{row} "))));
            assert!(header.is_some() && focused.is_some(), "row {row} at {width}×{height}:\n{s}");
            assert!(header < focused, "row {row}:\n{s}");
        }
    }
}
