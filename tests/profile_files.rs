//! A bureau's own profile: loaded from disk with `--profile PATH.toml`, its options at work
//! (execution on the 年初预算数, as a row of the table, bonus points, 评分标准 rows), and every
//! kind of invalid profile refused with its line and column and what is accepted.

mod support;

use std::path::PathBuf;
use std::process::Output;

use jixiao::form::profile::{BUILTIN, builtin_ids, builtin_text};
use jixiao::form::profile_file::read;
use jixiao::form::{Package, Profile};

fn jixiao(args: &[&str]) -> Output {
    support::jixiao(args)
}

fn dir() -> PathBuf {
    let d = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("jixiao-profiles-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{e}"));
    d
}

fn write(name: &str, text: &str) -> String {
    let p = dir().join(name);
    std::fs::write(&p, text).unwrap_or_else(|e| panic!("{e}"));
    p.display().to_string()
}

fn hunan() -> String {
    builtin_text("hunan-2023").expect("built in").to_string()
}

/// The Hunan profile under another id, with `(from, to)` replacements.
fn bureau(changes: &[(&str, &str)]) -> String {
    let mut t =
        hunan().replace("id = \"hunan-2023\"", "id = \"bureau-2024\"\ndescription = \"某市财政局 2024 年模板\"");
    for (from, to) in changes {
        assert!(t.contains(from), "{from}");
        t = t.replacen(from, to, 1);
    }
    t
}

fn profile(text: &str) -> Profile {
    let custom = vec![read(text, &builtin_ids()).unwrap_or_else(|e| panic!("{e:?}"))];
    Profile::resolve(&custom[0].id, &custom).expect("resolves")
}

fn set(p: &mut Package, path: &str, v: &str) {
    assert!(p.set(path, v.to_string()), "{path}");
}

#[test]
fn the_options_a_bureau_can_set() {
    let base = support::example("examples/projects-2023.toml");
    let rate = |p: &Profile| {
        jixiao::form::check(&base, p).figures.get("self_eval.exec_rate").cloned().map(|f| format!("{f:?}"))
    };
    // 执行率 on the 年初预算数 (1596.30 / 1600) instead of the 全年预算数 (1596.30 / 1620).
    let initial = profile(&bureau(&[("exec_base = \"full\"", "exec_base = \"initial\"")]));
    assert_eq!(rate(&initial), Some("Percent(Some(99.77))".into()));
    assert_eq!(rate(&Profile::default_profile()), Some("Percent(Some(98.54))".into()));

    // Bonus up to 120% of 分值 for a ≥ row above its target.
    let bonus = profile(&bureau(&[("bonus_cap = \"100\"", "bonus_cap = \"120\"")]));
    let mut p = base.clone();
    set(&mut p, "self_eval.indicators.1.actual", "1.1");
    let target = p.text_at("self_eval.indicators.1.target").to_string();
    set(&mut p, "self_eval.indicators.1.target", "1");
    set(&mut p, "self_eval.indicators.1.score", "11");
    let e13 = |p: &Package, prof: &Profile| jixiao::form::check(p, prof).issues.iter().any(|i| i.rule == "E-13");
    assert!(!e13(&p, &bonus) && e13(&p, &Profile::default_profile()), "{target}");
    set(&mut p, "self_eval.indicators.1.score", "12.5");
    assert!(e13(&p, &bonus));

    // A 定性 row scored against its 评分标准: no tier asked for.
    let criteria = profile(&bureau(&[("criteria = false", "criteria = true")]));
    let mut p = base.clone();
    set(&mut p, "self_eval.indicators.1.nature", "定性");
    set(&mut p, "self_eval.indicators.1.tier", "");
    set(&mut p, "self_eval.indicators.1.target", "每少办结一件扣 1 分");
    set(&mut p, "self_eval.indicators.1.score", "8");
    set(&mut p, "self_eval.indicators.1.reason", "两件未办结");
    let tier_asked =
        |prof: &Profile| jixiao::form::check(&p, prof).issues.iter().any(|i| i.path == "self_eval.indicators.1.tier");
    assert!(!tier_asked(&criteria) && tier_asked(&Profile::default_profile()));

    // Execution as a row of the indicator table: 预算执行率, 10 of the 100 table points.
    let row = profile(&bureau(&[
        ("exec_weight = \"10\"", "exec_weight = \"0\"\nexec_row = \"预算执行率\""),
        ("indicator_total = \"90\"", "indicator_total = \"100\""),
        (
            "levels = [\"产出指标\", \"成本指标\"]\nweight = \"50\"",
            "levels = [\"产出指标\", \"成本指标\"]\nweight = \"60\"",
        ),
    ]));
    let mut p = base.clone();
    let n = p.insert_row("self_eval.indicators", usize::MAX).expect("row") + 1;
    for (k, v) in [
        ("level1", "产出指标"),
        ("level2", "时效指标"),
        ("name", "预算执行率"),
        ("nature", "≥"),
        ("target", "100%"),
        ("actual", "98.54%"),
        ("weight", "10"),
        ("score", "9.85"),
        ("reason", "年末部分采购未支付"),
    ] {
        set(&mut p, &format!("self_eval.indicators.{n}.{k}"), v);
    }
    let checked = jixiao::form::check(&p, &row);
    let proposed = checked.figures.get(&format!("self_eval.indicators.{n}.proposed")).map(|f| format!("{f:?}"));
    assert!(proposed.as_deref().is_some_and(|f| f.contains("Some(9.85)")), "{proposed:?}");
    let errors: Vec<_> = checked.issues.iter().filter(|i| i.rule.starts_with('E')).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(checked.score().weight.to_string(), "100.00");
}

#[test]
fn a_package_on_a_bureau_profile_is_checked_with_the_file() {
    let prof = write("bureau.toml", &bureau(&[]));
    let example = std::fs::read_to_string("examples/projects-2023.toml").expect("example");
    let data = write("on-bureau.toml", &example.replace("profile = \"hunan-2023\"", "profile = \"bureau-2024\""));
    let o = jixiao(&["check", &data, "--profile", &prof]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    // Without the file, the id is unknown: the message lists the known ones and says how.
    let o = jixiao(&["check", &data]);
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(
        e.contains("bureau-2024") && e.contains("hunan-2023, hunan-2023-project") && e.contains("--profile"),
        "{e}"
    );
    assert!(e.contains("行第"), "{e}");
    // An unknown id on the command line lists the known ones too.
    let o = jixiao(&["check", &data, "--profile", "hunan-2099"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("sichuan-2023-project"));
    // report with the profile file; a template's own title for part 六.
    let titled =
        write("bureau-titled.toml", &format!("{}\n[report_titles]\nh6 = \"部门整体支出绩效评价情况\"\n", bureau(&[])));
    let o = jixiao(&["report", &data, "--profile", &titled]);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(text.contains("六、部门整体支出绩效评价情况") && text.contains("七、"), "{text}");
    let bad = write("bureau-bad-part.toml", &format!("{}\n[report_titles]\nh11 = \"其他\"\n", bureau(&[])));
    let o = jixiao(&["report", &data, "--profile", &bad]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("h1, h2"), "{}", String::from_utf8_lossy(&o.stderr));
}

/// (what is wrong, the change, the line it is reported on, the column, words of the message key).
#[test]
fn every_kind_of_invalid_profile_is_refused_with_line_and_column() {
    let ids = builtin_ids();
    let line_of =
        |text: &str, needle: &str| text.lines().position(|l| l.contains(needle)).map(|i| i + 1).expect(needle);
    let cases: Vec<(&str, String, &str, &str)> = vec![
        (
            "unknown key",
            bureau(&[("exec_cap = \"100\"", "exec_cap = \"100\"\nexec_capp = \"100\"")]),
            "exec_capp",
            "profile.error.unknown_key",
        ),
        (
            "wrong type",
            bureau(&[("criteria = false", "criteria = \"yes\"")]),
            "criteria = \"yes\"",
            "profile.error.wrong_type",
        ),
        (
            "bad choice",
            bureau(&[("exec_base = \"full\"", "exec_base = \"budget\"")]),
            "exec_base = \"budget\"",
            "profile.error.bad_choice",
        ),
        (
            "weights",
            bureau(&[("exec_weight = \"10\"", "exec_weight = \"20\"")]),
            "indicator_total",
            "profile.error.total",
        ),
        (
            "groups",
            bureau(&[("levels = [\"效益指标\"]\nweight = \"30\"", "levels = [\"效益指标\"]\nweight = \"25\"")]),
            "weight_group",
            "profile.error.groups",
        ),
        (
            "tier gap",
            bureau(&[("min = \"60\", max = \"80\"", "min = \"65\", max = \"80\"")]),
            "key = \"missed\"",
            "profile.error.tier_gap",
        ),
        (
            "tier ends",
            bureau(&[("min = \"80\", max = \"100\"", "min = \"80\", max = \"95\"")]),
            "tiers = [",
            "profile.error.tier_ends",
        ),
        (
            "grades",
            bureau(&[("name = \"良\", min = \"80\"", "name = \"良\", min = \"95\"")]),
            "grades = [",
            "profile.error.grades",
        ),
        (
            "duplicate",
            bureau(&[("name = \"满意度指标\"", "name = \"效益指标\"")]),
            "name = \"效益指标\"",
            "profile.error.duplicate",
        ),
        (
            "project",
            bureau(&[("project = \"hunan-2023-project\"", "project = \"hunan-2099\"")]),
            "project = \"hunan-2099\"",
            "profile.error.unknown_project",
        ),
        (
            "group level",
            bureau(&[("levels = [\"效益指标\"]", "levels = [\"效益\"]")]),
            "levels = [\"效益\"]",
            "profile.error.unknown_level",
        ),
        ("missing", bureau(&[("fiscal_year = 2023\n", "")]), "", "profile.error.missing"),
        ("syntax", bureau(&[("exec_cap = \"100\"", "exec_cap = = \"100\"")]), "exec_cap = =", "toml.extra_assignment"),
    ];
    for (what, text, needle, key) in &cases {
        let e = read(text, &ids).expect_err(what);
        assert_eq!(e.key, *key, "{what}: {e:?}");
        if *key == "profile.error.duplicate" {
            // The second 效益指标 is the one refused.
            let second =
                text.match_indices(needle).nth(1).map(|(i, _)| text[..i].matches('\n').count() + 1).expect("second");
            assert_eq!(e.line, second, "{what}: {e:?}");
        } else if !needle.is_empty() {
            assert_eq!(e.line, line_of(text, needle), "{what}: {e:?}");
        }
        assert!(e.col >= 1);
    }
    // Through the command line: localized, with the file, line and column and what is accepted.
    let bad = write("bad.toml", &cases[0].1);
    let o = jixiao(&["check", "examples/yueyang-2023.toml", "--profile", &bad]);
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr).to_string();
    let line = line_of(&cases[0].1, "exec_capp");
    assert!(
        e.contains(&format!("第 {line} 行第 1 列")) && e.contains("未知的键") && e.contains("exec_cap, exec_low"),
        "{e}"
    );
    let bad = write("bad-type.toml", &cases[1].1);
    let o = jixiao(&["--lang", "en", "check", "examples/yueyang-2023.toml", "--profile", &bad]);
    let e = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(e.contains("line ") && e.contains("true or false") && e.contains("criteria"), "{e}");
}

#[test]
fn profiles_are_listed_shown_and_used_to_start_a_package() {
    let o = jixiao(&["profiles"]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert_eq!(out.lines().count(), BUILTIN.len(), "{out}");
    for id in builtin_ids() {
        assert!(out.contains(id), "{id}");
    }
    assert!(out.contains("四川 2023 年度") && out.contains("[项目·四川·2023]"), "{out}");
    let en = String::from_utf8_lossy(&jixiao(&["--lang", "en", "profiles"]).stdout).to_string();
    assert!(en.contains("Sichuan FY2023 project table"), "{en}");
    let shown = jixiao(&["profiles", "--show", "sichuan-2023-project"]);
    assert_eq!(String::from_utf8_lossy(&shown.stdout), builtin_text("sichuan-2023-project").unwrap_or_default());
    assert_eq!(jixiao(&["profiles", "--show", "nope"]).status.code(), Some(2));

    let file = dir().join("new-sichuan.toml");
    let _ = std::fs::remove_file(&file);
    let f = file.display().to_string();
    let o = jixiao(&["new", &f, "--profile", "sichuan-2023-project"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(text.contains("profile = \"sichuan-2023-project\""), "{text}");
    assert_eq!(jixiao(&["new", &f]).status.code(), Some(2), "never overwrites");
    let o = jixiao(&["new", &dir().join("x.toml").display().to_string(), "--profile", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("hunan-2020"));
    // A new package on a bureau's file names the bureau's id.
    let prof = write("bureau-new.toml", &bureau(&[]));
    let g = dir().join("new-bureau.toml");
    let _ = std::fs::remove_file(&g);
    let o = jixiao(&["new", &g.display().to_string(), "--profile", &prof]);
    assert_eq!(o.status.code(), Some(0));
    assert!(std::fs::read_to_string(&g).unwrap_or_default().contains("profile = \"bureau-2024\""));
}

/// A bureau's profile file that cannot be read is named with the reason in the user's
/// language (no system message in English inside a Chinese sentence), exit 2.
#[test]
fn an_unreadable_profile_file_is_explained_in_the_users_language() {
    let missing = dir().join("no-such-profile.toml");
    let missing = missing.to_string_lossy();
    let out = jixiao(&["--lang", "zh-CN", "check", "examples/yueyang-2023.toml", "--profile", &missing]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("no-such-profile.toml"), "{err}");
    assert!(!err.contains("No such file") && !err.contains("os error"), "{err}");
}
