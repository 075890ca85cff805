//! The wizard's state machine driven by key scripts, no terminal.

mod support;

use jixiao::i18n::Lang;
use jixiao::wizard::{Confirm, Effect, Event, Overlay, Screen};
use support::{blank, filled, keys, render_buffer, run, screen};

fn section_id(w: &jixiao::wizard::Wizard) -> String {
    w.sections()[w.section()].id()
}

#[test]
fn forward_is_refused_with_errors_but_back_jump_save_and_quit_work() {
    let mut w = blank(Lang::ZhCn);
    assert!(matches!(w.screen(), Screen::Section(_)));
    assert_eq!(section_id(&w), "unit");
    run(&mut w, "<PgDn>");
    assert_eq!(section_id(&w), "unit", "forward must be refused");
    let note = w.note().cloned().expect("a refusal note");
    assert!(note.error && note.key == "note.blocked");
    assert!(screen(&w, 80, 24).contains("不能前进"), "{}", screen(&w, 80, 24));
    // Tab through the last field also refuses.
    run(&mut w, "<Tab><Tab><Tab><Tab><Tab>");
    assert_eq!(section_id(&w), "unit");
    // Jump anywhere through the section map.
    run(&mut w, "<F2><Down><Down><Down><Enter>");
    assert_eq!(section_id(&w), "buildings");
    // Back always works.
    run(&mut w, "<PgUp>");
    assert_eq!(section_id(&w), "special_funds");
    // Save works whatever the errors.
    let effects = run(&mut w, "<C-s>");
    assert!(matches!(effects.as_slice(), [Effect::SaveData(_)]));
    // Quit works (nothing typed: no question).
    assert_eq!(run(&mut w, "<Esc>"), vec![Effect::Quit]);
}

#[test]
fn money_is_normalised_and_shown_as_it_will_be_written() {
    let mut w = blank(Lang::ZhCn);
    assert!(w.open_section("funding"));
    run(&mut w, "<Tab>８６５．８２<Tab>");
    assert!(screen(&w, 80, 24).contains("“８６５．８２”按 865.82 记录"), "{}", screen(&w, 80, 24));
    assert_eq!(w.pkg().text_at("self_eval.budget_initial"), "865.82");
    assert_eq!(w.note().map(|n| n.key), Some("note.normalized"));
}

#[test]
fn bad_input_is_kept_named_and_blocks_forward() {
    let mut w = blank(Lang::ZhCn);
    w.open_section("funding");
    run(&mut w, "<Tab>865.82元<Tab>");
    assert_eq!(w.pkg().text_at("self_eval.budget_initial"), "865.82元", "never a silent change");
    let issues = w.issues_at("self_eval.budget_initial");
    assert!(issues.iter().any(|i| i.rule == "E-02" && i.variant == "yuan"));
    let s = screen(&w, 80, 24);
    assert!(s.contains("错"), "{s}");
    run(&mut w, "<S-Tab>");
    assert!(screen(&w, 80, 24).contains("差一万倍"), "{}", screen(&w, 80, 24));
    run(&mut w, "<C-u>865.82<Tab>");
    assert_eq!(w.pkg().text_at("self_eval.budget_initial"), "865.82");
}

#[test]
fn chinese_typing_paste_and_undo() {
    let mut w = blank(Lang::ZhCn);
    run(&mut w, "<Tab>岳阳市城管");
    // The caret sits after five double-width characters.
    let (_, cursor) = render_buffer(&w, 80, 24);
    let (x, _) = cursor.expect("cursor shown while editing");
    assert_eq!(x, 2 + 10);
    w.update(Event::Paste("支队\r\n三大队".into()));
    assert_eq!(w.editor_text().as_deref(), Some("岳阳市城管支队 三大队"));
    w.update(Event::Paste("\u{1b}[2J".into()));
    assert_eq!(w.editor_text().as_deref(), Some("岳阳市城管支队 三大队\\x1b[2J"), "escapes made visible");
    run(&mut w, "<C-z>");
    assert_eq!(w.editor_text().as_deref(), Some("岳阳市城管支队 三大队"), "a paste is one undo step");
    run(&mut w, "<C-z>");
    assert_eq!(w.editor_text().as_deref(), Some("岳阳市城管"));
    run(&mut w, "<C-y><Tab>");
    assert_eq!(w.pkg().text_at("basic.unit_name"), "岳阳市城管支队 三大队");
    // A long text keeps its line breaks and wraps Chinese by glyph.
    w.open_section("goals");
    w.update(Event::Paste("第一行\r第二行".into()));
    assert_eq!(w.editor_text().as_deref(), Some("第一行\n第二行"));
    run(&mut w, "<Enter>第三行<Tab>");
    assert_eq!(w.pkg().text_at("self_eval.goal_expected"), "第一行\n第二行\n第三行");
}

#[test]
fn a_long_chinese_text_wraps_and_the_cursor_follows() {
    let mut w = blank(Lang::ZhCn);
    w.open_section("goals");
    let text: String = std::iter::repeat_n("城市管理执法", 40).collect();
    w.update(Event::Paste(text));
    let (buf, cursor) = render_buffer(&w, 80, 24);
    let (x, y) = cursor.expect("cursor");
    // The caret is right after the last glyph: the cell before it holds a Chinese character.
    let before = buf[(x - 2, y)].symbol().to_string();
    assert_eq!(before, "法", "x={x} y={y}");
    assert!(x < 80 && y < 24);
}

#[test]
fn table_rows_add_move_delete_and_the_score_runs() {
    let mut w = blank(Lang::ZhCn);
    w.open_section("indicators");
    assert_eq!(w.checked().score().total.to_string(), "0");
    run(&mut w, "<Enter>");
    assert_eq!(w.pkg().rows_at("self_eval.indicators").len(), 1);
    // level1 by digit, level2 by picker, then the rest.
    // Tab passes over 指标性质 (the target sets it), 计量单位 (100% carries its own), 档次 (a ≥ row).
    run(&mut w, "1<Tab><Enter><Down><Enter><Tab>日常管理及时到位率<Tab>100%<Tab>99%<Tab>5<Tab>");
    let row = &w.pkg().rows_at("self_eval.indicators")[0];
    assert_eq!(row.get("level1"), "产出指标");
    assert_eq!(row.get("level2"), "质量指标");
    assert_eq!(row.get("nature"), "≥", "inferred from the target");
    assert_eq!(row.get("score"), "4.95", "the rule score is proposed");
    assert_eq!(w.checked().score().parts[1].score.map(|d| d.to_string()), Some("4.95".into()));
    // A score below the rule score: the reason is asked next.
    run(&mut w, "<C-u>4<Tab>");
    assert!(w.slot().and_then(|s| s.path()).is_some_and(|p| p.ends_with(".reason")), "{:?}", w.slot());
    assert_eq!(w.note().map(|n| n.key), Some("note.give_reason"));
    // Tab on the last row's last cell: a second row, its 一级/二级 as above, on its 三级.
    run(&mut w, "复审迎检期间延后<Tab>");
    assert_eq!(w.pkg().rows_at("self_eval.indicators").len(), 2);
    assert_eq!(w.pkg().text_at("self_eval.indicators.2.level2"), "质量指标");
    assert_eq!(w.slot().and_then(|s| s.path()), Some("self_eval.indicators.2.name"));
    // Another 一级 (Shift-Tab back to it), move the row up, delete it.
    run(&mut w, "<S-Tab><S-Tab>2<M-Up>");
    assert_eq!(w.pkg().text_at("self_eval.indicators.1.level1"), "效益指标");
    run(&mut w, "<C-d>");
    assert_eq!(w.overlay(), Some(&Overlay::Confirm(Confirm::DeleteRow)), "a row with data asks first");
    run(&mut w, "<Enter>");
    assert_eq!(w.pkg().rows_at("self_eval.indicators").len(), 1);
    assert_eq!(w.pkg().text_at("self_eval.indicators.1.name"), "日常管理及时到位率");
}

#[test]
fn review_jump_and_write_with_confirmations() {
    let mut w = filled(Lang::ZhCn);
    run(&mut w, "<Enter><F10>");
    assert!(matches!(w.screen(), Screen::Review { .. }));
    let s = screen(&w, 80, 24);
    assert!(s.contains("98.00 / 100.00") && s.contains("W-04"), "{s}");
    // The data file exists: writing asks before overwriting, naming it.
    run(&mut w, "<C-w>");
    assert!(matches!(w.overlay(), Some(Overlay::Confirm(Confirm::Overwrite(p))) if p == &vec!["pkg.toml".to_string()]));
    let effects = run(&mut w, "<Enter>");
    assert!(matches!(effects.as_slice(), [Effect::WriteAll { .. }]));
    w.update(Event::Wrote(Ok(())));
    assert!(matches!(w.screen(), Screen::Done));
    assert!(screen(&w, 80, 24).contains("pkg.txt"));

    // With errors left: an explicit confirmation naming how many.
    let mut w = jixiao::wizard::Wizard::new(
        support::example("examples/yueyang-2023-as-filed.toml"),
        jixiao::form::Profile::default_profile(),
        Lang::ZhCn,
        support::files(),
    );
    run(&mut w, "<Enter><F10><C-w>");
    match w.overlay() {
        Some(Overlay::Confirm(Confirm::WriteWithErrors(n))) => assert!(*n >= 10),
        other => panic!("{other:?}"),
    }
    assert!(screen(&w, 80, 24).contains("个错误"));
    assert_eq!(run(&mut w, "<Esc>"), vec![]);
    assert_eq!(w.overlay(), None);
    // Enter on an issue jumps to its field.
    run(&mut w, "<Enter>");
    assert!(matches!(w.screen(), Screen::Section(_)));
}

#[test]
fn quit_asks_when_unsaved_and_save_clears_it() {
    let mut w = blank(Lang::ZhCn);
    run(&mut w, "<Tab>单位<Tab>");
    assert!(w.dirty());
    run(&mut w, "<Esc>");
    assert_eq!(w.overlay(), Some(&Overlay::Confirm(Confirm::Quit)));
    assert_eq!(run(&mut w, "<Esc>"), vec![]);
    let eff = run(&mut w, "<C-s>");
    assert!(matches!(eff.as_slice(), [Effect::SaveData(t)] if t.contains("unit_name = \"单位\"")));
    w.update(Event::Saved(Ok(())));
    assert!(!w.dirty());
    assert_eq!(run(&mut w, "<Esc>"), vec![Effect::Quit]);
}

#[test]
fn resize_keeps_focus_and_text_and_small_terminals_get_a_message() {
    let mut w = blank(Lang::ZhCn);
    run(&mut w, "<Tab>岳阳");
    let focus = w.focus();
    w.update(Event::Resize(200, 60));
    w.update(Event::Resize(80, 24));
    assert_eq!((w.focus(), w.editor_text().as_deref()), (focus, Some("岳阳")));
    let s = screen(&w, 60, 20);
    assert!(s.contains("80×24"), "{s}");
    let wide = screen(&w, 120, 30);
    assert!(wide.contains("目录"), "side panel at 120 columns:\n{wide}");
}

#[test]
fn help_shows_meaning_rule_and_example() {
    let mut w = blank(Lang::ZhCn);
    run(&mut w, "<Tab><Tab><F1>");
    assert_eq!(w.overlay(), Some(&Overlay::Help));
    let s = screen(&w, 80, 24);
    assert!(s.contains("编制数") && s.contains("示例（岳阳 2023）：27"), "{s}");
    run(&mut w, "x");
    assert_eq!(w.overlay(), None);
    // A computed value shows its formula (Tab passes it; an arrow reaches it).
    run(&mut w, "<Tab><Down><F1>");
    assert!(screen(&w, 80, 24).contains("实际在职人数 ÷ 编制数"));
}

#[test]
fn keys_helper_parses_scripts() {
    assert_eq!(keys("a<Tab>中<C-s><lt>").len(), 5);
}

#[test]
fn english_interface_is_complete() {
    let mut w = blank(Lang::En);
    run(&mut w, "<PgDn>");
    let s = screen(&w, 80, 24);
    assert!(s.contains("Cannot go on") && s.contains("Budget unit name"), "{s}");
}

#[test]
fn escapes_in_a_loaded_file_never_reach_the_screen() {
    let mut p = support::example("examples/yueyang-2023.toml");
    p.set("basic.unit_name", "单位\u{1b}]0;title\u{7}\u{1b}[2J");
    p.set("self_eval.goal_actual", "第一行\u{1b}[31m红\n第二行");
    let mut w = jixiao::wizard::Wizard::new(p, jixiao::form::Profile::default_profile(), Lang::ZhCn, support::files());
    run(&mut w, "<Enter>");
    w.open_section("unit");
    let (buf, _) = render_buffer(&w, 80, 24);
    assert!(buf.content().iter().all(|c| !c.symbol().contains('\u{1b}')));
    assert!(screen(&w, 80, 24).contains("\\x1b"), "escapes are shown, not hidden");
    w.open_section("goals");
    let (buf, _) = render_buffer(&w, 80, 24);
    assert!(buf.content().iter().all(|c| !c.symbol().contains('\u{1b}')));
}

#[test]
fn a_failed_save_offers_another_path_and_retries_there() {
    let mut w = blank(Lang::ZhCn);
    run(&mut w, "<Tab>单位<Tab>");
    assert!(matches!(run(&mut w, "<C-s>").as_slice(), [Effect::SaveData(_)]));
    w.update(Event::Saved(Err("No such file or directory (os error 2)".into())));
    assert!(matches!(w.overlay(), Some(Overlay::PathPrompt { .. })));
    assert!(screen(&w, 80, 24).contains("保存到其他位置"));
    assert!(w.dirty(), "nothing is lost");
    // Typing 'n' is part of a path here, not "no".
    let effects = run(&mut w, "<C-u>/tmp/new.toml<Enter>");
    assert_eq!(effects, vec![Effect::Relocate("/tmp/new.toml".into())]);
    let retry = w.update(Event::Relocated);
    assert!(matches!(retry, Effect::SaveData(t) if t.contains("单位")));
}

#[test]
fn a_long_text_reached_by_tab_opens_on_enter_or_typing_and_closes_when_left() {
    let mut w = filled(Lang::ZhCn);
    w.open_section("report_s2");
    assert!(!w.is_open(), "a money field is focused first");
    // Tab to 一般公共预算支出说明: closed, one line says how long it is.
    run(&mut w, "<Tab>");
    let path = "report.general_text";
    assert_eq!(w.slot().and_then(|s| s.path()), Some(path));
    assert!(!w.is_open());
    let before = w.pkg().text_at(path).to_string();
    let n = before.chars().count();
    let s = screen(&w, 80, 24);
    assert!(s.contains(&format!("{n} 字 · Enter 展开编辑")), "{s}");
    // Enter opens it without inserting a line break; the tall pane shows the text.
    run(&mut w, "<Enter>");
    assert!(w.is_open());
    assert_eq!(w.editor_text().as_deref(), Some(before.as_str()), "Enter only opened the editor");
    let first: String = before.chars().take(10).collect();
    assert!(screen(&w, 80, 24).contains(&first), "{}", screen(&w, 80, 24));
    // Enter now is a line break; leaving closes it and keeps the text.
    run(&mut w, "<Enter>补充<Tab>");
    assert_eq!(w.pkg().text_at(path), format!("{before}\n补充"));
    assert!(!w.is_open());
    // Back onto it: closed again. Up/Down move between fields while closed.
    run(&mut w, "<S-Tab>");
    assert_eq!(w.slot().and_then(|s| s.path()), Some(path));
    assert!(!w.is_open());
    run(&mut w, "<Down>");
    assert_ne!(w.slot().and_then(|s| s.path()), Some(path), "Down moved on");
    // Typing into a closed text opens it and adds at the end.
    run(&mut w, "<Up>。");
    assert!(w.is_open());
    assert_eq!(w.editor_text(), Some(format!("{before}\n补充。")));
    // A section reached by PgDn/PgUp/F2 or a review jump opens its first long text at once.
    w.open_section("goals");
    run(&mut w, "<PgUp><PgDn>");
    assert_eq!(section_id(&w), "goals");
    assert!(w.is_open());
}

#[test]
fn a_focused_grid_cell_is_marked_on_its_text_only() {
    use ratatui::style::Modifier;
    let mut w = filled(Lang::ZhCn);
    w.open_section("indicators");
    run(&mut w, "<Tab><Tab>");
    assert_eq!(w.slot().and_then(|s| s.path()), Some("self_eval.indicators.1.name"));
    let (buf, _) = render_buffer(&w, 80, 24);
    let row: Vec<(String, bool)> = (0..80)
        .map(|x| (buf[(x, 3)].symbol().to_string(), buf[(x, 3)].modifier.contains(Modifier::REVERSED)))
        .collect();
    let marked: String = row.iter().filter(|(_, r)| *r).map(|(s, _)| s.as_str()).collect();
    // 执法办案件数 is truncated to its column (执法办案件…); only those glyphs are reversed.
    assert_eq!(marked.replace(' ', ""), "执法办案件…");
    assert!(!marked.ends_with(' '), "the padding is not marked: {marked:?}");
    // An empty focused cell shows one marked blank (计量单位: Tab passes it, an arrow reaches it).
    run(&mut w, "<Tab><End><Right>");
    assert_eq!(w.slot().and_then(|s| s.path()), Some("self_eval.indicators.1.unit"));
    let (buf, _) = render_buffer(&w, 80, 24);
    let marked = (0..80).filter(|x| buf[(*x, 3)].modifier.contains(Modifier::REVERSED)).count();
    assert_eq!(marked, 1);
}

#[test]
fn a_draft_warning_stays_until_a_draft_or_the_file_is_written() {
    let mut w = filled(Lang::ZhCn);
    w.open_section("unit");
    w.update(Event::DraftWritten(Err("磁盘已满".into())));
    run(&mut w, "<Tab>");
    assert!(screen(&w, 80, 24).contains("草稿无法写入：磁盘已满"), "{}", screen(&w, 80, 24));
    w.update(Event::DraftWritten(Ok(())));
    assert_eq!(w.draft_error(), None);
    w.update(Event::DraftWritten(Err("磁盘已满".into())));
    w.update(Event::Saved(Ok(())));
    assert_eq!(w.draft_error(), None, "a saved file holds what was typed");
    w.update(Event::DraftWritten(Err("磁盘已满".into())));
    w.update(Event::Wrote(Ok(())));
    assert_eq!(w.draft_error(), None, "so do the written files");
}

#[test]
fn the_header_counts_filled_values_over_every_sheet() {
    let w = filled(Lang::ZhCn);
    let (filled_n, all) = w.progress();
    assert_eq!((filled_n, all), (215, 277), "the seed fills 215 of 277 values (fields and table cells)");
    let mut w = support::projects(Lang::ZhCn);
    run(&mut w, "<Enter>");
    let (f, a) = w.progress();
    assert!(f > 215 && a > 277, "project sheets count too: {f}/{a}");
    assert!(screen(&w, 80, 24).contains(&format!("已填 {f}/{a}")), "{}", screen(&w, 80, 24));
}

#[test]
fn projects_are_added_renamed_reordered_and_deleted_with_a_question() {
    let mut w = blank(Lang::ZhCn);
    assert!(w.open_section("projects"));
    let sections_before = w.sections().len();
    assert!(screen(&w, 80, 24).contains("本单位暂无项目支出"), "{}", screen(&w, 80, 24));
    // Enter adds a project and puts the caret on its name.
    run(&mut w, "<Enter>环卫保洁<Tab>");
    assert_eq!(w.pkg().text_at("projects.1.name"), "环卫保洁");
    assert_eq!(w.sections().len(), sections_before + 5, "the project's sheet adds its five sections");
    // The second one, then move it up.
    let add = w.slots().iter().position(|s| matches!(s.kind, jixiao::wizard::SlotKind::AddInstance { .. }));
    for _ in 0..8 {
        if w.slot().is_some_and(|s| matches!(s.kind, jixiao::wizard::SlotKind::AddInstance { .. })) {
            break;
        }
        run(&mut w, "<Tab>");
    }
    assert!(add.is_some());
    run(&mut w, "<Enter>平台运维<Tab><S-Tab>");
    assert_eq!(w.pkg().text_at("projects.2.name"), "平台运维");
    assert_eq!(w.slot().and_then(|s| s.path()), Some("projects.2.name"), "{:?}", w.slot());
    run(&mut w, "<M-Up>");
    assert_eq!(w.pkg().text_at("projects.1.name"), "平台运维");
    assert_eq!(w.pkg().text_at("projects.2.name"), "环卫保洁");
    // Rename in place.
    run(&mut w, "<C-u>数字城管平台运维<Tab>");
    assert_eq!(w.pkg().text_at("projects.1.name"), "数字城管平台运维");
    // Tab went on to the next project's name (past the computed summary): back to this one.
    run(&mut w, "<S-Tab>");
    // The map lists each project's sections by name.
    run(&mut w, "<F2>");
    let s = screen(&w, 80, 40);
    assert!(s.contains("项目 1《数字城管") && s.contains("》 · 绩效指标"), "{s}");
    run(&mut w, "<Esc>");
    // Delete asks first, naming the project; Esc keeps it, Enter deletes it.
    run(&mut w, "<C-d>");
    assert!(matches!(w.overlay(), Some(Overlay::Confirm(Confirm::DeleteProject(n))) if n == "数字城管平台运维"));
    run(&mut w, "<Esc>");
    assert_eq!(w.pkg().instances(jixiao::form::unit::keys::PROJECTS).len(), 2);
    run(&mut w, "<C-d><Enter>");
    assert_eq!(w.pkg().instances(jixiao::form::unit::keys::PROJECTS).len(), 1);
    assert_eq!(w.pkg().text_at("projects.1.name"), "环卫保洁");
    assert_eq!(w.sections().len(), sections_before + 5);
}

#[test]
fn a_projects_section_is_checked_and_named_by_its_project() {
    let mut w = support::projects(Lang::ZhCn);
    run(&mut w, "<Enter>");
    assert!(w.open_section("projects.2.funding"));
    assert!(w.focus_path("projects.2.funds.fiscal.spent"));
    run(&mut w, "<C-u>96.4<Tab>");
    assert_eq!(w.pkg().text_at("projects.2.funds.fiscal.spent"), "96.40");
    let s = screen(&w, 80, 24);
    assert!(s.contains("项目 2《数字化城管平台运维经费》"), "the header names the project:\n{s}");
    // The package's cross-checks see the change.
    assert!(w.issues().iter().any(|i| i.rule == "E-21" && i.path == "self_eval.spend_project"));
    assert!(w.issues().iter().any(|i| i.rule == "W-04" && i.path == "projects.2.funds.fiscal.spent"));
    // The review names the project in each finding, and Enter jumps there.
    run(&mut w, "<F10>");
    let s = screen(&w, 100, 30);
    assert!(s.contains("项目 2《数字化城管平台运维经费》 · 其中：本年财政拨款"), "{s}");
}

#[test]
fn the_reports_project_part_is_prefilled_from_the_project_list() {
    let mut p = support::example("examples/projects-2023.toml");
    p.set("report.project_text", "");
    let mut w = jixiao::wizard::Wizard::new(p, jixiao::form::Profile::default_profile(), Lang::ZhCn, support::files());
    run(&mut w, "<Enter>");
    assert!(w.open_section("report_s2"));
    assert_eq!(
        w.pkg().text_at("report.project_text"),
        "2023年度项目支出 403.20 万元，共 2 个项目：1. 城区环卫保洁作业经费 316.80 万元；2. 数字化城管平台运维经费 86.40 万元。"
    );
    assert!(!w.issues().iter().any(|i| i.rule == "W-17"), "the prefilled text names every project");
}

#[test]
fn escapes_in_a_loaded_value_are_edited_as_shown_and_kept_until_edited() {
    let mut pkg = support::example("examples/yueyang-2023.toml");
    pkg.set("basic.unit_name", "岳阳\u{1b}[2J市\u{202e}城管");
    pkg.set("report.functions", "第一行\u{9b}31m\n第二行\t表");
    let mut w =
        jixiao::wizard::Wizard::new(pkg, jixiao::form::Profile::default_profile(), Lang::ZhCn, support::files());
    w.update(Event::Resize(100, 30));
    assert!(w.open_section("unit"));
    assert!(w.focus_path("basic.unit_name"));
    assert_eq!(w.editor_text().as_deref(), Some("岳阳\\x1b[2J市\\u{202e}城管"), "the editor shows the escape");
    // Leaving it unedited keeps the value as stored (and its E-01 error).
    run(&mut w, "<Tab>");
    assert_eq!(w.pkg().text_at("basic.unit_name"), "岳阳\u{1b}[2J市\u{202e}城管");
    assert!(w.issues_at("basic.unit_name").iter().any(|i| i.rule == "E-01"));
    // Editing it stores what the editor shows.
    assert!(w.focus_path("basic.unit_name"));
    run(&mut w, "<End>！<Tab>");
    assert_eq!(w.pkg().text_at("basic.unit_name"), "岳阳\\x1b[2J市\\u{202e}城管！");
    // A long text keeps its line breaks and TABs, shows the rest.
    assert!(w.focus_path("report.functions"));
    assert_eq!(w.editor_text().as_deref(), Some("第一行\\x9b31m\n第二行\t表"));
    assert!(!screen(&w, 100, 30).contains('\u{9b}'));
}

fn focused(w: &jixiao::wizard::Wizard) -> String {
    use jixiao::wizard::SlotKind;
    match w.slot().map(|s| &s.kind) {
        Some(SlotKind::Field { path, .. } | SlotKind::Calc { path, .. }) => path.clone(),
        other => format!("{other:?}"),
    }
}

#[test]
fn tab_stops_only_where_something_may_need_filling_and_arrows_reach_the_rest() {
    let mut w = filled(Lang::ZhCn);
    assert!(w.focus_path("self_eval.indicators.1.name"));
    // Row 1: ≥, target 190件 (a unit of its own), full marks. 性质 is set by the target,
    // 计量单位 is in the target, 档次 is for 定性 rows, 建议 is computed, 原因 is not called for.
    let mut seen = Vec::new();
    for _ in 0..5 {
        run(&mut w, "<Tab>");
        seen.push(focused(&w));
    }
    assert_eq!(
        seen,
        [
            "self_eval.indicators.1.target",
            "self_eval.indicators.1.actual",
            "self_eval.indicators.1.weight",
            "self_eval.indicators.1.score",
            "self_eval.indicators.2.level1",
        ]
    );
    // Row 6 scores below its weight: its 原因 is a stop. Row 7 is 定性: 档次 is, 单位 is not.
    assert!(w.focus_path("self_eval.indicators.6.score"));
    run(&mut w, "<Tab>");
    assert_eq!(focused(&w), "self_eval.indicators.6.reason");
    assert!(w.focus_path("self_eval.indicators.7.target"));
    run(&mut w, "<Tab><Tab>");
    assert_eq!(focused(&w), "self_eval.indicators.7.tier");
    // Arrows reach what Tab skips, in the order drawn: 得分 → 建议 → 原因.
    assert!(w.focus_path("self_eval.indicators.1.score"));
    run(&mut w, "<End><Right>");
    assert!(focused(&w).ends_with("indicators.1.proposed"), "{}", focused(&w));
    run(&mut w, "<Right>");
    assert_eq!(focused(&w), "self_eval.indicators.1.reason");
    // Shift-Tab goes back over the same stops.
    assert!(w.focus_path("self_eval.indicators.2.level1"));
    run(&mut w, "<S-Tab>");
    assert_eq!(focused(&w), "self_eval.indicators.1.score");
}

#[test]
fn the_funds_grid_tab_skips_its_computed_totals() {
    let mut w = filled(Lang::ZhCn);
    assert!(w.open_section("funds"));
    let mut visited = vec![focused(&w)];
    while w.sections()[w.section()].id() == "funds" && visited.len() < 200 {
        run(&mut w, "<Tab>");
        if w.sections()[w.section()].id() == "funds" {
            visited.push(focused(&w));
        }
    }
    assert!(visited.len() > 20);
    assert!(
        visited.iter().all(|p| w
            .pkg()
            .form()
            .resolve(p)
            .is_some_and(|r| matches!(r.target, jixiao::form::def::Target::Field(_)))),
        "{visited:?}"
    );
}

#[test]
fn tab_from_the_last_cell_adds_a_row_and_a_blank_one_goes_again() {
    let mut w = filled(Lang::ZhCn);
    let table = "self_eval.indicators";
    let n = w.pkg().rows_at(table).len();
    let last = format!("{table}.{n}.score");
    assert!(w.focus_path(&last));
    // 得分 is the row's last stop (原因 not called for): one Tab, a new row, on its 三级指标.
    run(&mut w, "<Tab>");
    assert_eq!(w.pkg().rows_at(table).len(), n + 1);
    assert_eq!(focused(&w), format!("{table}.{}.name", n + 1));
    assert_eq!(w.pkg().text_at(&format!("{table}.{}.level1", n + 1)), w.pkg().text_at(&format!("{table}.{n}.level1")));
    assert_eq!(w.fresh_row(), Some((table.to_string(), n + 1)));
    assert!(screen(&w, 80, 24).contains("新的一行"), "{}", screen(&w, 80, 24));
    // Shift-Tab reaches its 二级 (to change the group); Up to the row above: the blank row goes.
    run(&mut w, "<S-Tab>");
    assert_eq!(focused(&w), format!("{table}.{}.level2", n + 1));
    run(&mut w, "<Up>");
    assert_eq!(w.pkg().rows_at(table).len(), n);
    assert_eq!(focused(&w), format!("{table}.{n}.level2"));
    // Again, and leave by PgDn, by F10: it goes too. Typed into, it stays.
    for leave in ["<PgDn>", "<F10>"] {
        assert!(w.focus_path(&last));
        run(&mut w, "<Tab>");
        assert_eq!(w.pkg().rows_at(table).len(), n + 1);
        run(&mut w, leave);
        assert_eq!(w.pkg().rows_at(table).len(), n, "{leave}");
    }
    assert!(w.focus_path(&last));
    run(&mut w, "<Tab>新指标<Tab>");
    assert_eq!(w.pkg().rows_at(table).len(), n + 1);
    run(&mut w, "<PgUp>");
    assert_eq!(w.pkg().rows_at(table).len(), n + 1);
    assert_eq!(w.pkg().text_at(&format!("{table}.{}.name", n + 1)), "新指标");
}

#[test]
fn a_screen_too_small_takes_only_quit_and_save() {
    let mut w = filled(Lang::ZhCn);
    assert!(w.open_section("funding"));
    let before = (w.focus(), w.pkg().clone());
    w.update(Event::Resize(60, 20));
    assert!(w.too_small());
    run(&mut w, "<Tab>9<Down><PgDn><F2><C-u>");
    assert_eq!((w.focus(), w.pkg().clone()), before, "keys typed blind changed nothing");
    assert!(w.overlay().is_none());
    assert!(matches!(run(&mut w, "<C-s>").as_slice(), [Effect::SaveData(_)]));
    assert_eq!(run(&mut w, "<Esc>"), vec![Effect::Quit]);
    // Unsaved input: the question shows on the small screen and can be answered.
    let mut w = filled(Lang::ZhCn);
    assert!(w.open_section("unit"));
    assert!(w.focus_path("basic.staff_quota"));
    run(&mut w, "28<Tab>");
    w.update(Event::Resize(60, 20));
    assert!(run(&mut w, "<Esc>").is_empty());
    assert!(screen(&w, 60, 20).contains("Enter/Y"), "{}", screen(&w, 60, 20));
    assert_eq!(run(&mut w, "y"), vec![Effect::Quit]);
}

#[test]
fn a_name_that_differs_names_both_places_and_the_review_goes_to_either() {
    let mut w = jixiao::wizard::Wizard::new(
        support::example("examples/yueyang-2023-as-filed.toml"),
        jixiao::form::Profile::default_profile(),
        Lang::ZhCn,
        support::files(),
    );
    run(&mut w, "<Enter><F10>");
    let list = w.review_list();
    let i = list.iter().position(|i| i.rule == "E-18" && i.variant == "head").expect("E-18 head");
    let (here, other) = (list[i].path.clone(), list[i].other_path().expect("other").to_string());
    let msg = jixiao::present::message(w.pkg(), list[i], w.catalog());
    assert!(msg.contains("整体支出绩效自评表") && msg.contains("基础数据表"), "{msg}");
    for _ in 0..i {
        run(&mut w, "<Down>");
    }
    assert!(screen(&w, 80, 24).contains("→ 转到另一处"), "{}", screen(&w, 80, 24));
    run(&mut w, "<Right>");
    assert_eq!(focused(&w), other);
    run(&mut w, "<F10>");
    for _ in 0..i {
        run(&mut w, "<Down>");
    }
    run(&mut w, "<Enter>");
    assert_eq!(focused(&w), here);
}

#[test]
fn saving_beside_an_older_report_says_it_is_out_of_date() {
    let mut w = filled(Lang::ZhCn);
    w.set_files(jixiao::wizard::Files { data_exists: true, report_exists: true, ..support::files() });
    run(&mut w, "<Enter>");
    assert!(matches!(run(&mut w, "<C-s>").as_slice(), [Effect::SaveData(_)]));
    w.update(Event::Saved(Ok(())));
    assert_eq!(w.note().map(|n| n.key), Some("note.saved_report_stale"));
    assert!(screen(&w, 80, 24).contains("已过期"), "{}", screen(&w, 80, 24));
}

#[test]
fn the_header_shows_progress_not_a_grade_until_every_part_can_be_scored() {
    let w = blank(Lang::ZhCn);
    let top = screen(&w, 80, 24).lines().next().unwrap_or_default().to_string();
    assert!(top.contains("评分中") && top.contains('%') && !top.contains(" 差"), "{top}");
    let w = filled(Lang::ZhCn);
    let mut w = w;
    run(&mut w, "<Enter>");
    let top = screen(&w, 80, 24).lines().next().unwrap_or_default().to_string();
    assert!(top.contains("98.00/100.00 优"), "{top}");
}

#[test]
fn web_markup_is_named_and_one_key_removes_it() {
    let mut w = jixiao::wizard::Wizard::new(
        support::example("examples/yueyang-2023-as-filed.toml"),
        jixiao::form::Profile::default_profile(),
        Lang::ZhCn,
        support::files(),
    );
    run(&mut w, "<Enter>");
    assert!(w.focus_path("self_eval.goal_expected"));
    assert!(w.issues_at("self_eval.goal_expected").iter().any(|i| i.rule == "W-23"));
    assert!(screen(&w, 80, 24).contains("Ctrl-R"), "{}", screen(&w, 80, 24));
    run(&mut w, "<C-r>");
    let text = w.pkg().text_at("self_eval.goal_expected");
    assert!(text.starts_with("一、贯彻执行") && !text.contains("<p>") && !text.contains("</p>"), "{text}");
    assert!(!w.issues_at("self_eval.goal_expected").iter().any(|i| i.rule == "W-23"));
    assert_eq!(w.note().map(|n| n.key), Some("note.web_residue_removed"));
    // On a field without markup it says so and changes nothing.
    assert!(w.focus_path("self_eval.goal_actual"));
    run(&mut w, "<C-r>");
    assert!(!w.pkg().text_at("self_eval.goal_actual").contains("<p>"));
    run(&mut w, "<C-r>");
    assert_eq!(w.note().map(|n| n.key), Some("note.no_web_residue"));
}

#[test]
fn look_only_mode_refuses_every_change_and_says_so() {
    let mut w = filled(Lang::ZhCn);
    w.set_read_only(true);
    run(&mut w, "<Enter>");
    assert!(screen(&w, 80, 24).lines().next().unwrap_or_default().contains("只读"), "{}", screen(&w, 80, 24));
    let before = w.pkg().clone();
    assert!(w.focus_path("basic.staff_quota"));
    run(&mut w, "9");
    assert_eq!(w.note().map(|n| n.key), Some("note.read_only_edit"));
    run(&mut w, "9<Tab>");
    assert!(w.focus_path("self_eval.indicators.1.level1"));
    run(&mut w, "2<C-u><C-o><C-d><M-Down>");
    w.update(Event::Paste("粘贴".into()));
    assert_eq!(w.pkg(), &before, "nothing changed");
    assert_eq!(w.note().map(|n| n.key), Some("note.read_only_edit"));
    // Nothing to lose: Esc quits without a question.
    assert_eq!(run(&mut w, "<Esc>"), vec![Effect::Quit]);
}

#[test]
fn esc_while_writing_a_long_text_closes_its_editor_and_keeps_the_text() {
    let mut w = filled(Lang::ZhCn);
    assert!(w.focus_path("report.other"));
    run(&mut w, "<Enter>补充一句");
    assert!(w.is_open());
    assert!(run(&mut w, "<Esc>").is_empty(), "not a quit");
    assert!(!w.is_open());
    assert!(w.pkg().text_at("report.other").ends_with("补充一句"));
    assert!(w.overlay().is_none());
}

#[test]
fn a_section_opens_by_its_title_and_the_review_returns_where_it_came_from() {
    let mut w = filled(Lang::ZhCn);
    assert!(w.open_section("绩效指标"));
    assert_eq!(section_id(&w), "indicators");
    assert!(w.open_section("Performance indicators") || w.open_section("绩效指标"));
    run(&mut w, "<F10><PgUp>");
    assert_eq!(section_id(&w), "indicators");
}

/// A new package's wizard at its welcome screen.
fn welcome() -> jixiao::wizard::Wizard {
    let pkg = jixiao::form::Package::new(jixiao::form::unit::form(), 2023);
    jixiao::wizard::Wizard::new(pkg, jixiao::form::Profile::default_profile(), Lang::ZhCn, support::files())
}

/// Only looking (`--read-only`), a draft found beside the file is someone's unsaved work: the
/// welcome offers to look at it or at the file, and neither deletes it (found by a fresh user:
/// "discard" deleted it). Open for editing, discarding is still asked for and done.
#[test]
fn read_only_never_discards_the_draft() {
    for read_only in [true, false] {
        let mut w = welcome();
        let mut draft = w.pkg().clone();
        assert!(draft.set("basic.unit_name", "草稿里的单位".to_string()));
        w.offer_draft(jixiao::wizard::DraftOffer { package: draft, age_secs: 600, at: None });
        w.set_read_only(read_only);
        w.update(Event::Resize(80, 24));
        let shown = screen(&w, 80, 24);
        assert_eq!(shown.contains("查看原文件（草稿保留）"), read_only, "{shown}");
        assert_eq!(shown.contains("丢弃草稿"), !read_only, "{shown}");
        let effects: Vec<Effect> = keys("<Down><Enter>").into_iter().map(|e| w.update(e)).collect();
        assert_eq!(effects.contains(&Effect::DiscardDraft), !read_only, "{effects:?}");
        assert!(w.draft_offer().is_none());
        assert_eq!(w.pkg().text_at("basic.unit_name"), "", "the file's own value");
    }
    // Looking at the draft, read-only: its values, nothing written.
    let mut w = welcome();
    let mut draft = w.pkg().clone();
    assert!(draft.set("basic.unit_name", "草稿里的单位".to_string()));
    w.offer_draft(jixiao::wizard::DraftOffer { package: draft, age_secs: 600, at: None });
    w.set_read_only(true);
    let effects: Vec<Effect> = keys("<Enter>").into_iter().map(|e| w.update(e)).collect();
    assert!(effects.iter().all(|e| *e == Effect::None), "{effects:?}");
    assert_eq!(w.pkg().text_at("basic.unit_name"), "草稿里的单位");
}

/// A new indicator row whose target the user typed and then emptied again is blank: the
/// 指标性质, 评分档次 and 得分 the form filled from that target (`Table::derived`) are no
/// answer, so the row goes like any blank new row. A 指标名称 typed in it is an answer.
#[test]
fn a_row_emptied_by_hand_is_blank_whatever_the_form_filled_from_it() {
    use jixiao::wizard::Command;
    let table = "self_eval.indicators";
    for (target, name) in [("100%", ""), ("提高", ""), ("≥95%", ""), ("100%", "群众满意度")] {
        let mut w = blank(Lang::ZhCn);
        w.command(Command::AddRow(table.into()));
        assert_eq!(w.pkg().rows_at(table).len(), 1);
        let cell = |c: &str| jixiao::form::def::cell_path(table, 1, c);
        w.command(Command::Set { path: cell("target"), text: target.into() });
        assert!(!w.pkg().text_at(&cell("nature")).is_empty(), "{target}: the nature is filled from the target");
        w.command(Command::Set { path: cell("name"), text: name.into() });
        w.command(Command::Set { path: cell("target"), text: String::new() });
        assert!(!w.pkg().text_at(&cell("nature")).is_empty(), "{target}: the nature stays");
        let dropped = w.drop_blank_row(table, 1);
        assert_eq!(dropped, name.is_empty(), "{target} {name:?}");
        assert_eq!(w.pkg().rows_at(table).len(), usize::from(!name.is_empty()), "{target} {name:?}");
    }
    // What the user typed or picked in those columns is an answer, even alone in the row, even
    // the very value the form had filled.
    let cases: [&[(&str, &str)]; 5] = [
        &[("score", "5")],
        &[("nature", "定性")],
        &[("target", "提高"), ("tier", "良")],
        &[("target", "100%"), ("nature", "≤")],
        &[("target", "100%"), ("nature", "≥")],
    ];
    for typed in cases {
        let mut w = blank(Lang::ZhCn);
        w.command(Command::AddRow(table.into()));
        assert!(w.drop_blank_row(table, 1), "a new row is blank");
        w.command(Command::AddRow(table.into()));
        let cell = |c: &str| jixiao::form::def::cell_path(table, 1, c);
        for (c, v) in typed {
            w.command(Command::Set { path: cell(c), text: (*v).into() });
        }
        w.command(Command::Set { path: cell("target"), text: String::new() });
        assert!(!w.drop_blank_row(table, 1), "{typed:?}: an answer");
        assert_eq!(w.pkg().rows_at(table).len(), 1, "{typed:?}");
    }
    // Picked from the list: the very 指标性质 the target implied, the 一级 and 二级 copied
    // down from the row above. Each an answer; left as copied, the row is blank.
    let mut w = filled(Lang::ZhCn);
    let n = w.pkg().rows_at(table).len();
    let cell = |c: &str| jixiao::form::def::cell_path(table, n + 1, c);
    let pick_same = |w: &mut jixiao::wizard::Wizard, c: &str| {
        use jixiao::form::def::Choices;
        let path = cell(c);
        let now = w.pkg().text_at(&path).to_string();
        let ch = match c {
            "level1" => Choices::Level1,
            "level2" => Choices::Level2(jixiao::form::scoring::ind::LEVEL1),
            _ => Choices::Nature,
        };
        let index = w.options(&path, ch).iter().position(|o| *o == now).unwrap_or_else(|| panic!("{c}: {now}"));
        w.command(Command::Pick { path, index });
    };
    for col in ["", "level1", "level2", "nature"] {
        w.command(Command::AddRow(table.into()));
        assert_eq!(w.pkg().rows_at(table).len(), n + 1);
        assert!(!w.pkg().text_at(&cell("level1")).is_empty(), "copied down");
        if col == "nature" {
            w.command(Command::Set { path: cell("target"), text: "100%".into() });
        }
        if !col.is_empty() {
            pick_same(&mut w, col);
        }
        w.command(Command::Set { path: cell("target"), text: String::new() });
        assert_eq!(w.drop_blank_row(table, n + 1), col.is_empty(), "{col:?}");
        if !col.is_empty() {
            w.command(Command::Set { path: cell(col), text: String::new() });
            w.command(Command::Set { path: cell("level1"), text: String::new() });
            w.command(Command::Set { path: cell("level2"), text: String::new() });
            w.command(Command::Set { path: cell("nature"), text: String::new() });
            assert!(w.drop_blank_row(table, n + 1), "{col:?}: emptied by hand");
        }
    }
}

/// Changes that come back to what was opened (a blank row added and removed, a value typed
/// and typed back) leave nothing unsaved: quitting asks nothing and keeps no draft. A change
/// that stays still asks; after a save, the saved package is what "back" means.
#[test]
fn back_to_what_was_opened_is_nothing_unsaved() {
    use jixiao::wizard::Command;
    let table = "self_eval.indicators";
    let mut w = filled(Lang::ZhCn);
    assert!(w.open_section("unit"));
    let rows = w.pkg().rows_at(table).len();
    w.command(Command::AddRow(table.into()));
    assert!(w.drop_blank_row(table, rows + 1));
    assert!(w.dirty(), "changed, then changed back");
    assert_eq!(run(&mut w, "<Esc>"), vec![Effect::Quit], "no question: nothing unsaved");
    assert!(!w.dirty());
    // A value typed and typed back.
    let mut w = filled(Lang::ZhCn);
    assert!(w.open_section("unit"));
    let was = w.pkg().text_at("basic.staff_quota").to_string();
    w.command(Command::Set { path: "basic.staff_quota".into(), text: "99".into() });
    w.command(Command::Set { path: "basic.staff_quota".into(), text: was.clone() });
    assert_eq!(run(&mut w, "<Esc>"), vec![Effect::Quit]);
    // A change that stays: asked.
    let mut w = filled(Lang::ZhCn);
    assert!(w.open_section("unit"));
    w.command(Command::Set { path: "basic.staff_quota".into(), text: "99".into() });
    assert!(run(&mut w, "<Esc>").is_empty(), "the quit question");
    assert!(matches!(w.overlay(), Some(Overlay::Confirm(Confirm::Quit))));
    // Saved at 99: back to 99 after a detour is nothing unsaved; back to the opened value is not.
    let mut w = filled(Lang::ZhCn);
    assert!(w.open_section("unit"));
    w.command(Command::Set { path: "basic.staff_quota".into(), text: "99".into() });
    assert!(matches!(w.command(Command::Save), Effect::SaveData(_)));
    w.update(Event::Saved(Ok(())));
    w.command(Command::Set { path: "basic.staff_quota".into(), text: "98".into() });
    w.command(Command::Set { path: "basic.staff_quota".into(), text: "99".into() });
    assert!(w.settle_unsaved());
    w.command(Command::Set { path: "basic.staff_quota".into(), text: was });
    assert!(!w.settle_unsaved());
    assert!(w.dirty());
}

/// The text of the one save among `effects`.
fn saved_text(effects: Vec<Effect>) -> String {
    match effects.as_slice() {
        [Effect::SaveData(text)] => text.clone(),
        other => panic!("not one save: {other:?}"),
    }
}

/// Ctrl-S with a blank new row (Tab from the last cell) saves without it and removes it, so
/// that the file and the screen agree and quitting after finds nothing unsaved; Esc with one
/// removes it too. A row typed into is saved.
#[test]
fn a_blank_new_row_is_neither_saved_nor_asked_about_on_quitting() {
    let table = "self_eval.indicators";
    let mut w = filled(Lang::ZhCn);
    let n = w.pkg().rows_at(table).len();
    let last = format!("{table}.{n}.score");
    let rows_in = |text: &str| jixiao::form::file::load(text.as_bytes()).expect("loads").package.rows_at(table).len();
    assert!(w.focus_path(&last));
    run(&mut w, "<Tab>");
    assert_eq!(w.pkg().rows_at(table).len(), n + 1);
    let text = saved_text(run(&mut w, "<C-s>"));
    assert_eq!(rows_in(&text), n);
    assert_eq!(w.pkg().rows_at(table).len(), n);
    assert_eq!(focused(&w), format!("{table}.{n}.name"), "the row above, the same column");
    // From the computed 建议分 of the new row: the row above's 建议分.
    w.update(Event::Saved(Ok(())));
    assert!(w.focus_path(&last));
    run(&mut w, "<Tab>");
    run(&mut w, &"<Right>".repeat(8));
    assert_eq!(focused(&w), format!("{table}.{}.proposed", n + 1), "建议分 of the new row");
    let _ = saved_text(run(&mut w, "<C-s>"));
    assert_eq!(focused(&w), format!("{table}.{n}.proposed"));
    w.update(Event::Saved(Ok(())));
    assert_eq!(run(&mut w, "<Esc>"), vec![Effect::Quit], "nothing unsaved");
    // The draft leaves a blank new row out (restored it would be a row with errors); typed
    // into, it is in.
    let mut w = filled(Lang::ZhCn);
    assert!(w.focus_path(&last));
    run(&mut w, "<Tab>");
    assert_eq!(w.pkg().rows_at(table).len(), n + 1);
    assert_eq!(rows_in(&w.draft()), n);
    run(&mut w, "新");
    assert_eq!(rows_in(&w.draft()), n + 1, "the text being typed is in the draft");
    // Esc on the blank new row: it goes, nothing else changed, no question.
    let mut w = filled(Lang::ZhCn);
    assert!(w.focus_path(&last));
    run(&mut w, "<Tab>");
    assert_eq!(run(&mut w, "<Esc>"), vec![Effect::Quit]);
    // Typed into: saved with the file.
    let mut w = filled(Lang::ZhCn);
    assert!(w.focus_path(&last));
    run(&mut w, "<Tab>新指标");
    let text = saved_text(run(&mut w, "<C-s>"));
    assert_eq!(rows_in(&text), n + 1);
}

/// Each section's and each path's issues are found once per check (the footer and every cell
/// on screen show them on every frame): after the package is replaced by one with other
/// issues and more sections (projects), each section's issues are still exactly those whose
/// path lies in it, and each path's those at that path.
#[test]
fn each_sections_issues_follow_the_package_through_changes() {
    use jixiao::wizard::sections::section_of;
    let load = |b: &[u8]| jixiao::form::file::load(b).unwrap_or_else(|e| panic!("{e:?}")).package;
    let expect = |w: &jixiao::wizard::Wizard| {
        for s in 0..w.sections().len() {
            let naive: Vec<&jixiao::form::Issue> =
                w.issues().iter().filter(|i| section_of(w.sections(), &i.path) == Some(s)).collect();
            assert_eq!(w.section_issues(s), naive, "section {s}");
        }
        // Each path's issues (all revealed in a loaded package), found through the index.
        for i in w.issues() {
            let naive: Vec<&jixiao::form::Issue> = w.issues().iter().filter(|j| j.path == i.path).collect();
            assert_eq!(w.issues_at(&i.path), naive, "{}", i.path);
        }
    };
    let first = load(include_bytes!("../examples/yueyang-2023.toml"));
    let mut w =
        jixiao::wizard::Wizard::new(first, jixiao::form::Profile::default_profile(), Lang::ZhCn, support::files());
    let before = w.sections().len();
    expect(&w);
    w.replace(load(include_bytes!("../examples/projects-2023-as-filed.toml")));
    assert!(w.sections().len() > before, "projects add sections");
    assert!(!w.issues().is_empty(), "the as-filed package has issues to place");
    expect(&w);
    w.replace(load(include_bytes!("../examples/yueyang-2023-as-filed.toml")));
    expect(&w);
}

/// The example with a draft that makes `changes` and names `at` as its focus, restored on
/// the welcome screen: the section shown and the focused field.
fn restored(changes: &[(&str, &str)], at: Option<&str>) -> (String, Option<String>) {
    let pkg = support::example("examples/yueyang-2023.toml");
    let mut w = jixiao::wizard::Wizard::new(
        pkg.clone(),
        jixiao::form::Profile::default_profile(),
        Lang::ZhCn,
        support::files(),
    );
    let mut draft = pkg;
    for (path, text) in changes {
        assert!(draft.set(path, (*text).to_string()), "{path}");
    }
    w.offer_draft(jixiao::wizard::DraftOffer { package: draft, age_secs: 600, at: at.map(str::to_string) });
    w.update(Event::Resize(80, 24));
    w.update(keys("<Enter>").remove(0));
    (w.sections()[w.section()].id().to_string(), w.slot().and_then(|s| s.path()).map(str::to_string))
}

/// A restored draft that does not name its focus opens where the work stopped: at the last
/// field (in the order of the sections) that the draft changed, not at the first field.
#[test]
fn a_restored_draft_opens_at_the_last_change() {
    let (section, at) =
        restored(&[("basic.unit_name", "改过的单位"), ("self_eval.indicators.5.name", "改过的指标")], None);
    assert_eq!((section.as_str(), at.as_deref()), ("indicators", Some("self_eval.indicators.5.name")));
    let (section, at) = restored(&[("basic.unit_name", "改过的单位")], None);
    assert_eq!(at.as_deref(), Some("basic.unit_name"), "{section}");
    // Nothing a field shows changed: where a package opens.
    let (section, _) = restored(&[], None);
    assert!(!section.is_empty());
}

/// The draft names the field that had the focus: restored, the focus goes back there, even
/// when a later field in the form was changed earlier. A path the form does not show falls
/// back to the last change.
#[test]
fn a_restored_draft_opens_where_its_focus_was() {
    let changes = [("self_eval.indicators.12.actual", "97%"), ("self_eval.indicators.3.actual", "150次")];
    let at = |p: &str| restored(&changes, Some(p)).1;
    assert_eq!(at("self_eval.indicators.3.actual").as_deref(), Some("self_eval.indicators.3.actual"));
    assert_eq!(at("basic.unit_name").as_deref(), Some("basic.unit_name"));
    for unknown in ["self_eval.indicators.99.actual", "no.such.field", "basic"] {
        assert_eq!(at(unknown).as_deref(), Some("self_eval.indicators.12.actual"), "{unknown}");
    }
}

/// A row added with Ctrl-O (below the focused row) or with Enter on "add a row" is fresh like
/// one Tab adds: left blank, it goes again; typed into, it stays. Deleting or moving another
/// row meanwhile keeps the fresh row's place, so the right row goes.
#[test]
fn rows_added_by_ctrl_o_or_enter_go_again_when_left_blank() {
    let table = "self_eval.indicators";
    let name = |w: &jixiao::wizard::Wizard, r: usize| w.pkg().text_at(&format!("{table}.{r}.name")).to_string();
    let mut w = filled(Lang::ZhCn);
    let n = w.pkg().rows_at(table).len();
    let names: Vec<String> = (1..=n).map(|r| name(&w, r)).collect();
    // Ctrl-O on row 3: a row 4, fresh; Down leaves it blank: gone, every row as it was.
    assert!(w.focus_path(&format!("{table}.3.name")));
    run(&mut w, "<C-o>");
    assert_eq!(w.pkg().rows_at(table).len(), n + 1);
    assert_eq!(w.fresh_row(), Some((table.to_string(), 4)));
    run(&mut w, "<Down>");
    assert_eq!(w.pkg().rows_at(table).len(), n);
    assert_eq!((1..=n).map(|r| name(&w, r)).collect::<Vec<_>>(), names);
    // Down from the blank row lands on the row below it, now row 4 again (not row 5).
    assert_eq!(focused(&w), format!("{table}.4.name"));
    // Up lands on the row above.
    assert!(w.focus_path(&format!("{table}.3.name")));
    run(&mut w, "<C-o><Up>");
    assert_eq!(focused(&w), format!("{table}.3.name"));
    assert_eq!(w.pkg().rows_at(table).len(), n);
    // Enter on "add a row": a last row, fresh; PgDn leaves it blank: gone.
    assert!(w.focus_path(&format!("{table}.{n}.name")));
    run(&mut w, "<Down>");
    assert!(matches!(w.slot().map(|s| &s.kind), Some(jixiao::wizard::SlotKind::AddRow { .. })));
    run(&mut w, "<Enter>");
    assert_eq!(w.pkg().rows_at(table).len(), n + 1);
    assert_eq!(w.fresh_row(), Some((table.to_string(), n + 1)));
    run(&mut w, "<PgDn>");
    assert_eq!(w.pkg().rows_at(table).len(), n);
    // Typed into, it stays.
    assert!(w.open_section("indicators"));
    assert!(w.focus_path(&format!("{table}.3.name")));
    run(&mut w, "<C-o>新指标<Down>");
    assert_eq!(w.pkg().rows_at(table).len(), n + 1);
    assert_eq!(name(&w, 4), "新指标");
    // A fresh row below a row moved up past it: still the blank one goes.
    let mut w = filled(Lang::ZhCn);
    assert!(w.focus_path(&format!("{table}.5.name")));
    run(&mut w, "<C-o><M-Up>");
    assert_eq!(w.fresh_row(), Some((table.to_string(), 5)));
    run(&mut w, "<Up>");
    assert_eq!(w.pkg().rows_at(table).len(), n);
    assert_eq!((1..=n).map(|r| name(&w, r)).collect::<Vec<_>>(), names);
}

/// The draft's age on the welcome screen is said in the language shown: switching the
/// language there says it again (it stayed in the first language).
#[test]
fn the_drafts_age_follows_a_language_switch() {
    let mut w = welcome();
    let mut draft = w.pkg().clone();
    assert!(draft.set("basic.unit_name", "草稿里的单位".to_string()));
    w.offer_draft(jixiao::wizard::DraftOffer { package: draft, age_secs: 600, at: None });
    w.update(Event::Resize(80, 24));
    assert!(screen(&w, 80, 24).contains("10 分钟前"), "{}", screen(&w, 80, 24));
    // The options with a draft: restore, discard, language.
    run(&mut w, "<Down><Down><Enter>");
    assert_eq!(w.lang(), Lang::En);
    let shown = screen(&w, 80, 24);
    assert!(shown.contains("10 minutes ago") && !shown.contains("分钟前"), "{shown}");
}
