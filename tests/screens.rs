//! Snapshots of every screen at 80×24 (and a few at 120×30), in zh-CN and en. Rendered
//! through ratatui's TestBackend; styles are left out, so what is checked is the text a
//! person sees, placed by display width.

mod support;

use jixiao::i18n::Lang;
use support::{blank, filled, run, snap};

fn tag(lang: Lang) -> &'static str {
    lang.tag()
}

#[test]
fn welcome_review_done_and_small() {
    for lang in Lang::ALL {
        let w = jixiao::wizard::Wizard::new(
            jixiao::form::Package::new(jixiao::form::unit::form(), 2023),
            jixiao::form::Profile::default_profile(),
            lang,
            support::files(),
        );
        insta::assert_snapshot!(format!("{}-welcome-new", tag(lang)), snap(&w, 80, 24));
        let w = filled(lang);
        insta::assert_snapshot!(format!("{}-welcome-continue", tag(lang)), snap(&w, 80, 24));
        let mut w = filled(lang);
        run(&mut w, "<Enter><F10>");
        insta::assert_snapshot!(format!("{}-review", tag(lang)), snap(&w, 80, 24));
        w.update(jixiao::wizard::Event::Wrote(Ok(())));
        insta::assert_snapshot!(format!("{}-done", tag(lang)), snap(&w, 80, 24));
        insta::assert_snapshot!(format!("{}-too-small", tag(lang)), snap(&w, 60, 20));
    }
}

#[test]
fn every_section_filled() {
    for lang in Lang::ALL {
        for sec in &jixiao::form::unit::form().sections {
            let mut w = filled(lang);
            assert!(w.open_section(sec.id));
            insta::assert_snapshot!(format!("{}-section-{}", tag(lang), sec.id), snap(&w, 80, 24));
        }
        // A project's sections, on the two-project example.
        for id in ["projects", "projects.1.info", "projects.1.funding", "projects.2.indicators"] {
            let mut w = support::projects(lang);
            assert!(w.open_section(id), "{id}");
            insta::assert_snapshot!(format!("{}-two-projects-{id}", tag(lang)), snap(&w, 80, 24));
        }
    }
}

#[test]
fn sections_blank_and_refused() {
    for lang in Lang::ALL {
        let mut w = blank(lang);
        run(&mut w, "<PgDn>");
        insta::assert_snapshot!(format!("{}-unit-refused", tag(lang)), snap(&w, 80, 24));
        let mut w = blank(lang);
        w.open_section("indicators");
        run(&mut w, "<Enter>");
        insta::assert_snapshot!(format!("{}-indicators-new-row", tag(lang)), snap(&w, 80, 24));
    }
}

#[test]
fn overlays() {
    for lang in Lang::ALL {
        let mut w = filled(lang);
        w.open_section("indicators");
        run(&mut w, "<Enter>");
        insta::assert_snapshot!(format!("{}-picker", tag(lang)), snap(&w, 80, 24));
        run(&mut w, "<Esc><F2>");
        insta::assert_snapshot!(format!("{}-map", tag(lang)), snap(&w, 80, 24));
        run(&mut w, "<Esc><Tab><Tab><F1>");
        insta::assert_snapshot!(format!("{}-help", tag(lang)), snap(&w, 80, 24));
        let mut w = blank(lang);
        run(&mut w, "<Tab>x<Tab><Esc>");
        insta::assert_snapshot!(format!("{}-confirm-quit", tag(lang)), snap(&w, 80, 24));
    }
}

#[test]
fn wide_terminal_has_the_side_panel() {
    for lang in Lang::ALL {
        let mut w = filled(lang);
        w.open_section("indicators");
        insta::assert_snapshot!(format!("{}-indicators-120x30", tag(lang)), snap(&w, 120, 30));
        let mut w = filled(lang);
        w.open_section("report_s6");
        run(&mut w, "<Tab>");
        insta::assert_snapshot!(format!("{}-long-text-120x30", tag(lang)), snap(&w, 120, 30));
    }
}

/// The lines a user reads to know what to do — the pane under the separator (label, issue,
/// hint), the status line and the key line — never end cut off at 80×24, in either language,
/// whichever slot has the focus (issue 13). The review's detail lines neither.
#[test]
fn no_finding_hint_or_key_line_is_cut_at_80_columns() {
    let mut cut = Vec::new();
    let mut check = |what: String, text: String| {
        let lines: Vec<&str> = text.lines().collect();
        let sep = lines.iter().rposition(|l| l.starts_with("-----")).map_or(lines.len().saturating_sub(2), |i| i + 1);
        for l in &lines[sep..] {
            if l.trim_end().ends_with('…') {
                cut.push(format!("{what}: {l}"));
            }
        }
    };
    for lang in Lang::ALL {
        for example in
            ["examples/yueyang-2023.toml", "examples/yueyang-2023-as-filed.toml", "examples/projects-2023.toml"]
        {
            let mut w = jixiao::wizard::Wizard::new(
                support::example(example),
                jixiao::form::Profile::default_profile(),
                lang,
                support::files(),
            );
            w.update(jixiao::wizard::Event::Resize(80, 24));
            let ids: Vec<String> = w.sections().iter().map(jixiao::wizard::SectionRef::id).collect();
            for id in ids {
                assert!(w.open_section(&id));
                let paths: Vec<String> = w.slots().iter().filter_map(|s| s.path().map(str::to_string)).collect();
                check(format!("{} {example} {id}", tag(lang)), support::screen(&w, 80, 24));
                for p in paths {
                    w.focus_path(&p);
                    check(format!("{} {example} {id} {p}", tag(lang)), support::screen(&w, 80, 24));
                }
            }
            run(&mut w, "<F10>");
            let n = w.review_list().len();
            for _ in 0..n {
                check(format!("{} {example} review", tag(lang)), support::screen(&w, 80, 24));
                run(&mut w, "<Down>");
            }
        }
    }
    assert!(
        cut.is_empty(),
        "{} lines cut, e.g.:\n{}",
        cut.len(),
        cut.iter().take(15).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn a_package_started_from_last_years() {
    let last = support::example("examples/yueyang-2023.toml");
    let form = jixiao::form::unit::form();
    let (next, _) = jixiao::form::carry::next_year(&last, form, None).unwrap_or_else(|e| panic!("{e:?}"));
    for lang in Lang::ALL {
        let mut w =
            jixiao::wizard::Wizard::new(next.clone(), jixiao::form::Profile::default_profile(), lang, support::files());
        insta::assert_snapshot!(format!("{}-welcome-carried", tag(lang)), snap(&w, 80, 24));
        run(&mut w, "<Enter>");
        insta::assert_snapshot!(format!("{}-carried-opens", tag(lang)), snap(&w, 80, 24));
        // The section opens on its first stop, the text (past the computed score).
        assert!(w.focus_path("report.performance"));
        insta::assert_snapshot!(format!("{}-carried-reference-line", tag(lang)), snap(&w, 80, 24));
        run(&mut w, "<F1>");
        insta::assert_snapshot!(format!("{}-carried-reference", tag(lang)), snap(&w, 80, 24));
    }
}

/// Read-only (`--read-only`), the screen offers no key that would change or write the
/// package — the key line at the bottom, the add lines and hints, the review (found by a fresh user: it offered Ctrl-O 加行 and Ctrl-D 删行), in a
/// table and on the review too; the same screen open for editing offers them.
#[test]
fn the_read_only_screen_offers_no_editing_key() {
    let last = |w: &jixiao::wizard::Wizard| support::screen(w, 80, 24).lines().last().unwrap_or_default().to_string();
    let mut w = jixiao::wizard::Wizard::new(
        support::example("examples/yueyang-2023.toml"),
        jixiao::form::Profile::default_profile(),
        Lang::ZhCn,
        support::files(),
    );
    w.update(jixiao::wizard::Event::Resize(80, 24));
    assert!(w.open_section("indicators"));
    // Wide enough for every key (at 80 columns saving and checking are kept before them).
    let editing = support::screen(&w, 140, 24).lines().last().unwrap_or_default().to_string();
    assert!(editing.contains("Ctrl-O 加行") && editing.contains("Ctrl-D 删行"), "{editing}");
    w.set_read_only(true);
    let shown = [last(&w), {
        run(&mut w, "<F10>");
        last(&w)
    }];
    for line in shown {
        for key in ["Ctrl-S", "Ctrl-O", "Ctrl-D", "Ctrl-Z", "保存", "加行", "删行", "写出"] {
            assert!(!line.contains(key), "{key} in {line}");
        }
        assert!(line.contains("退出"), "{line}");
    }
    // Nor does the rest of the screen, wherever the focus is: the add-a-row line and its
    // hint, the project list, the review's choice of office files.
    for (example, section) in
        [("examples/yueyang-2023.toml", "indicators"), ("examples/projects-2023.toml", "projects")]
    {
        let mut w = jixiao::wizard::Wizard::new(
            support::example(example),
            jixiao::form::Profile::default_profile(),
            Lang::ZhCn,
            support::files(),
        );
        w.set_read_only(true);
        w.update(jixiao::wizard::Event::Resize(80, 24));
        assert!(w.open_section(section));
        let mut seen_add = false;
        for _ in 0..w.slots().len() {
            let s = support::screen(&w, 80, 24);
            for key in ["Ctrl-O", "Ctrl-D", "Enter 添加", "添加一行", "添加项目"] {
                assert!(!s.contains(key), "{section}: {key} in\n{s}");
            }
            seen_add |= s.contains("（只读：不能添加）");
            run(&mut w, "<Tab>");
        }
        assert!(seen_add, "{section}: the add line is shown, read-only");
        run(&mut w, "<F10>");
        let s = support::screen(&w, 80, 24);
        assert!(!s.contains("（按 X）") && !s.contains("同时写出"), "{s}");
    }
}

/// A key line too narrow for every key keeps save, review, help and quit (it kept a table's
/// add and delete row and dropped Ctrl-S and F10 at 80 columns), in both languages, in a table
/// and on a field.
#[test]
fn a_narrow_key_line_keeps_save_review_help_and_quit() {
    for lang in [Lang::ZhCn, Lang::En] {
        for section in ["indicators", "unit"] {
            let mut w = filled(lang);
            assert!(w.open_section(section));
            for width in [80u16, 100] {
                let shown = support::screen(&w, width, 24);
                let keys = shown.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or_default();
                for k in ["Ctrl-S", "F10", "F1", "Esc"] {
                    assert!(keys.contains(k), "{lang:?} {section} {width}: {keys}");
                }
            }
        }
    }
}

/// In a narrow list of sections (F2, the side panel), a project's sections keep their own
/// names and cut the project's (all five read "项目 1《城区环卫保洁作…" before), and the F2 list
/// shows them apart on screen.
#[test]
fn a_projects_sections_stay_apart_in_a_narrow_list() {
    let mut w = support::projects(Lang::ZhCn);
    let mut pkg = w.pkg().clone();
    assert!(pkg.set("projects.1.name", "城区环卫保洁作业经费及垃圾清运处置服务采购项目".to_string()));
    w.replace(pkg);
    let cat = jixiao::i18n::Catalog::get(Lang::ZhCn);
    let titles: Vec<String> = w
        .sections()
        .iter()
        .filter(|s| s.instance.is_some_and(|(_, n)| n == 1))
        .map(|s| s.title_within(w.pkg(), cat, 30))
        .collect();
    assert!(titles.len() >= 4, "{titles:?}");
    for t in &titles {
        assert!(jixiao::text::width(t) <= 30 && t.starts_with("项目 1《") && t.contains("…》 · "), "{t}");
    }
    let mut distinct = titles.clone();
    distinct.dedup();
    assert_eq!(distinct.len(), titles.len(), "{titles:?}");
    run(&mut w, "<Enter><F2>");
    let shown = support::screen(&w, 100, 30);
    for t in &titles {
        let own = t.rsplit(" · ").next().unwrap_or_default();
        assert!(shown.lines().any(|l| l.contains("项目 1") && l.contains(&format!(" · {own}"))), "{own}:\n{shown}");
    }
}
