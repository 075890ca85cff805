//! Next year's package from this year's (issue 17): the shipped examples carried to 2024, every
//! field's fate checked against what its form declares (generic over the definition, so a new
//! field is covered), the carried file read back and checked, the refusals, `jixiao new` and
//! the `--answers` trap on the real binary.

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

use jixiao::form::carry::{self, Refusal};
use jixiao::form::def::{Carry, Form};
use jixiao::form::scoring::ind;
use jixiao::form::unit::keys::{PROJECTS, basic, funds, report, self_eval, special};
use jixiao::form::{Package, Profile, Severity, file, project, unit};
use jixiao::i18n::{Catalog, Lang};

const EXAMPLES: [&str; 2] = ["examples/yueyang-2023.toml", "examples/projects-2023.toml"];

fn carried(path: &str) -> (Package, Package) {
    let last = support::example(path);
    let (next, _) = carry::next_year(&last, unit::form(), None).unwrap_or_else(|e| panic!("{path}: {e:?}"));
    (last, next)
}

/// The fate of every value of one sheet (and of its group instances), as its form declares it.
/// Records which declarations met a value in last year's package (`seen`).
fn check_fates(last: &Package, next: &Package, year: i32, at: &str, seen: &mut BTreeSet<String>) {
    let form: &Form = last.form();
    assert_eq!(next.form().id, form.id, "{at}");
    assert!(next.stated.is_empty(), "{at}: [stated] describes last year's paper form");
    assert_eq!(next.profile, last.profile, "{at}");
    let sibling = |path: &str, name: &str| match path.rsplit_once('.') {
        Some((head, _)) => format!("{head}.{name}"),
        None => name.to_string(),
    };
    for f in &form.fields {
        let (old, new) = (last.text_at(f.key), next.text_at(f.key));
        let want = match f.carry {
            Carry::Keep => old.to_string(),
            Carry::From(name) => last.text_at(&sibling(f.key, name)).to_string(),
            Carry::Year => year.to_string(),
            Carry::Clear | Carry::Reference => String::new(),
        };
        assert_eq!(new, want, "{at}{}: declared {:?}", f.key, f.carry);
        let reference = next.reference.get(f.key).map(String::as_str);
        match f.carry {
            Carry::Reference | Carry::Year if !old.is_empty() => {
                assert_eq!(reference, Some(old), "{at}{}: last year's text kept as a reference", f.key);
            }
            _ => assert_eq!(reference, None, "{at}{}: no reference for {:?}", f.key, f.carry),
        }
        if !old.is_empty() {
            seen.insert(format!("{}:{:?}", form.id, f.carry));
        }
    }
    for t in &form.tables {
        // A row keeps what its columns keep; a row that keeps nothing is left out.
        let keeps = |row: &jixiao::form::package::Row| {
            t.columns.iter().any(|c| match c.carry {
                Carry::Keep => !row.get(c.key).is_empty(),
                Carry::From(name) => !row.get(name).is_empty(),
                _ => false,
            })
        };
        let kept: Vec<_> = last.rows_at(t.key).iter().filter(|r| keeps(r)).collect();
        let rows = next.rows_at(t.key);
        assert_eq!(rows.len(), kept.len(), "{at}{}: rows", t.key);
        for (n, (old, new)) in kept.iter().zip(rows).enumerate() {
            for c in &t.columns {
                let want = match c.carry {
                    Carry::Keep => old.get(c.key),
                    Carry::From(name) => old.get(name),
                    Carry::Clear | Carry::Reference | Carry::Year => "",
                };
                assert_eq!(new.get(c.key), want, "{at}{}.{}.{}: declared {:?}", t.key, n + 1, c.key, c.carry);
                if !old.get(c.key).is_empty() {
                    seen.insert(format!("{}:{}:{:?}", form.id, t.key, c.carry));
                }
            }
        }
    }
    for g in &form.groups {
        let (olds, news) = (last.instances(g.key), next.instances(g.key));
        assert_eq!(olds.len(), news.len(), "{at}{}: every project is kept", g.key.0);
        for (i, (o, n)) in olds.iter().zip(news).enumerate() {
            check_fates(o, n, year, &format!("{at}{}.{}.", g.key.0, i + 1), seen);
        }
    }
}

#[test]
fn every_value_of_the_examples_fares_as_its_form_declares() {
    let mut seen = BTreeSet::new();
    for path in EXAMPLES {
        let (last, next) = carried(path);
        assert_eq!(next.fiscal_year(), Some(2024));
        assert_eq!(carry::source_year(&next), Some(2023));
        check_fates(&last, &next, 2024, "", &mut seen);
    }
    // The examples exercise every declaration the forms make (the test is not vacuous).
    let mut declared = BTreeSet::new();
    for form in [unit::form(), project::form()] {
        for f in &form.fields {
            declared.insert(format!("{}:{:?}", form.id, f.carry));
        }
        for t in &form.tables {
            for c in &t.columns {
                declared.insert(format!("{}:{}:{:?}", form.id, t.key, c.carry));
            }
        }
    }
    // 楼堂馆所: none in the examples (its rows keep nothing, see below).
    declared.retain(|d| !d.contains(basic::BUILDINGS.0));
    let missing: Vec<_> = declared.difference(&seen).collect();
    assert!(missing.is_empty(), "declarations no example value reaches: {missing:?}");
}

#[test]
fn the_declarations_are_sound() {
    for form in [unit::form(), project::form()] {
        for f in &form.fields {
            if let Carry::From(name) = f.carry {
                let (head, _) = f.key.rsplit_once('.').unwrap_or(("", f.key));
                let from = if head.is_empty() { name.to_string() } else { format!("{head}.{name}") };
                let src = form.field(&from).unwrap_or_else(|| panic!("{}: From({name}) names no field", f.key));
                assert_eq!(src.kind, f.kind, "{}: From({name}) of another kind", f.key);
            }
            if f.carry == Carry::Year {
                assert_eq!(form.fiscal_year.map(|k| k.0), Some(f.key), "{}: only the fiscal year is Year", f.key);
            }
        }
        if let Some(y) = form.fiscal_year {
            assert_eq!(form.field(y.0).map(|f| f.carry), Some(Carry::Year), "{}: fiscal year", form.id);
        }
        for t in &form.tables {
            for c in &t.columns {
                // A row may move: a reference could not follow it.
                assert!(!matches!(c.carry, Carry::Reference | Carry::Year), "{}.{}: {:?}", t.key, c.key, c.carry);
                if let Carry::From(name) = c.carry {
                    assert!(t.column(name).is_some(), "{}.{}: From({name})", t.key, c.key);
                }
            }
        }
    }
}

/// The list in issue 17, declaration by declaration.
#[test]
fn the_mapping_is_the_one_the_issue_asks_for() {
    let form = unit::form();
    let carry = |path: &str| carry::carry_of(form, path).unwrap_or_else(|| panic!("{path}"));
    for keep in [basic::UNIT_NAME, basic::HEAD, basic::PREPARER, basic::PHONE, report::FUNCTIONS, report::ORGANISATION]
    {
        assert_eq!(carry(keep.0), Carry::Keep, "{}", keep.0);
    }
    for row in funds::ALL {
        assert_eq!(carry(row[funds::PREV_FINAL].0), Carry::From(funds::COLUMNS[funds::FINAL]), "{}", row[0].0);
        assert_eq!(carry(row[funds::BUDGET].0), Carry::Clear);
        assert_eq!(carry(row[funds::FINAL].0), Carry::Clear);
    }
    let cell = |table: &str, col: &str| format!("{table}.1.{col}");
    let sf = basic::SPECIAL_FUNDS.0;
    assert_eq!(carry(&cell(sf, special::PREV_FINAL.0)), Carry::From(special::FINAL.0));
    for table in [self_eval::INDICATORS.0.to_string(), format!("{}.1.{}", PROJECTS.0, project::keys::INDICATORS.0)] {
        for c in [ind::LEVEL1, ind::LEVEL2, ind::NAME, ind::NATURE, ind::UNIT, ind::WEIGHT, ind::TARGET] {
            assert_eq!(carry(&cell(&table, c.0)), Carry::Keep, "{table} {}", c.0);
        }
        for c in [ind::ACTUAL, ind::SCORE, ind::REASON, ind::TIER] {
            assert_eq!(carry(&cell(&table, c.0)), Carry::Clear, "{table} {}", c.0);
        }
    }
    for text in [report::PERFORMANCE, report::PROBLEMS, report::MEASURES, self_eval::GOAL_ACTUAL] {
        assert_eq!(carry(text.0), Carry::Reference, "{}", text.0);
    }
    // Dates, execution figures and scores start empty, in every sheet.
    for sheet in [unit::form(), project::form()] {
        for f in &sheet.fields {
            if matches!(
                f.kind,
                jixiao::form::def::Kind::Date | jixiao::form::def::Kind::Money | jixiao::form::def::Kind::Score
            ) {
                assert!(matches!(f.carry, Carry::Clear | Carry::From(_)), "{}: {:?}", f.key, f.carry);
            }
        }
    }
    let name = format!("{}.1.{}", PROJECTS.0, project::keys::NAME.0);
    assert_eq!(carry(&name), Carry::Keep);
}

#[test]
fn the_carried_file_loads_and_check_lists_exactly_the_missing_figures() {
    let profile = Profile::default_profile();
    for path in EXAMPLES {
        let (last, next) = carried(path);
        let text = file::save(&next, Catalog::get(Lang::ZhCn));
        let back = file::load(text.as_bytes()).unwrap_or_else(|e| panic!("{path}: {e:?}\n{text}"));
        assert_eq!(back.package, next, "{path}: the file holds the package and its references");
        assert!(text.contains("\n[reference]\n"), "{path}");

        let before: BTreeSet<(String, &str)> =
            jixiao::form::check(&last, &profile).issues.into_iter().map(|i| (i.path, i.rule)).collect();
        let issues = jixiao::form::check(&next, &profile).issues;
        for i in &issues {
            // Each finding is about a value of this year still to be given, or was last year's
            // finding on a value carried as it was.
            let missing = carry::is_this_years(unit::form(), &i.path) && next.text_at(&i.path).is_empty();
            let again = before.contains(&(i.path.clone(), i.rule)) && !carry::is_this_years(unit::form(), &i.path);
            assert!(missing || again, "{path}: {} {} {} is not a missing figure", i.rule, i.variant, i.path);
        }
        // Every required value of this year is listed (E-01), in every sheet and table row.
        let listed: BTreeSet<&str> =
            issues.iter().filter(|i| i.rule == "E-01" && i.variant == "required").map(|i| i.path.as_str()).collect();
        let mut wanted = Vec::new();
        required_this_year(&next, "", &mut wanted);
        assert!(!wanted.is_empty());
        for w in &wanted {
            assert!(listed.contains(w.as_str()), "{path}: {w} is not listed as missing");
        }
        assert!(issues.iter().any(|i| i.severity() == Severity::Error));
    }
}

fn required_this_year(sheet: &Package, prefix: &str, out: &mut Vec<String>) {
    let form = sheet.form();
    for f in form.fields.iter().filter(|f| f.required && f.carry != Carry::Keep && sheet.text_at(f.key).is_empty()) {
        out.push(format!("{prefix}{}", f.key));
    }
    for t in &form.tables {
        for (n, row) in sheet.rows_at(t.key).iter().enumerate() {
            for c in t.columns.iter().filter(|c| c.required && c.carry != Carry::Keep && row.get(c.key).is_empty()) {
                out.push(format!("{prefix}{}.{}.{}", t.key, n + 1, c.key));
            }
        }
    }
    for g in &form.groups {
        for (i, inst) in sheet.instances(g.key).iter().enumerate() {
            required_this_year(inst, &format!("{prefix}{}.{}.", g.key.0, i + 1), out);
        }
    }
}

#[test]
fn what_is_still_last_years_goes_as_this_years_text_is_written() {
    let (last, mut next) = carried("examples/projects-2023.toml");
    let still = carry::still_last_year(&next);
    let goal = format!("{}.2.{}", PROJECTS.0, project::keys::GOAL_ACTUAL.0);
    for p in [report::PERFORMANCE.0, report::PROBLEMS.0, self_eval::GOAL_ACTUAL.0, goal.as_str()] {
        assert!(still.iter().any(|s| s == p), "{p} in {still:?}");
        assert_eq!(next.reference_at(p), Some(last.text_at(p)), "{p}");
    }
    assert!(!still.iter().any(|s| s == basic::FISCAL_YEAR.0), "the year is this year's already");
    // This year's text takes it off the list; last year's copied unchanged does not.
    next.set(report::PERFORMANCE.0, "2024 年，我单位……");
    next.set(report::PROBLEMS.0, last.text_at(report::PROBLEMS.0));
    next.set(&goal, "完成");
    let still = carry::still_last_year(&next);
    assert!(!still.iter().any(|s| s == report::PERFORMANCE.0 || *s == goal));
    assert!(still.iter().any(|s| s == report::PROBLEMS.0));
    // A project deleted takes its references along; the next one's stay its own.
    let first = next.instances(PROJECTS)[0].reference.clone();
    let second = next.instances(PROJECTS)[1].reference.clone();
    assert_ne!(first, second);
    assert!(next.remove_instance(PROJECTS, 0));
    assert_eq!(next.instances(PROJECTS)[0].reference, second);
}

#[test]
fn refusals() {
    let last = support::example("examples/yueyang-2023.toml");
    let form = unit::form();
    assert!(carry::next_year(&last, form, Some(2025)).is_ok_and(|(p, _)| p.fiscal_year() == Some(2025)));
    assert_eq!(carry::next_year(&last, form, Some(2023)).err(), Some(Refusal::NotBefore { last: 2023, year: 2023 }));
    assert_eq!(carry::next_year(&last, form, Some(2022)).err(), Some(Refusal::NotBefore { last: 2023, year: 2022 }));
    assert_eq!(carry::next_year(&last, form, Some(2101)).err(), Some(Refusal::BadYear(2101)));
    let mut no_year = last.clone();
    no_year.set(basic::FISCAL_YEAR.0, "");
    assert_eq!(carry::next_year(&no_year, form, None).err(), Some(Refusal::NoYear));
    let other = Package::empty(project::form());
    assert_eq!(
        carry::next_year(&other, form, None).err(),
        Some(Refusal::OtherForm { found: project::FORM_ID, want: unit::FORM_ID })
    );
    // A project sheet on its own carries by its own form's declarations, without a year.
    let projects = support::example("examples/projects-2023.toml");
    let one = &projects.instances(PROJECTS)[0];
    let (next, _) = carry::next_year(one, project::form(), None).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(&next, &carried("examples/projects-2023.toml").1.instances(PROJECTS)[0]);
    for r in [Refusal::NoYear, Refusal::BadYear(1), Refusal::NotBefore { last: 1, year: 1 }] {
        for lang in Lang::ALL {
            let (key, args) = r.message();
            let m = Catalog::get(lang).fmt(key, &args);
            assert!(!m.contains('{') && !m.is_empty(), "{m}");
        }
    }
}

// ── the binary ──

fn dir(name: &str) -> PathBuf {
    let d =
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("jixiao-carry-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{e}"));
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}

fn out(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn new_from_writes_next_years_package() {
    let d = dir("new");
    let file = d.join("unit-2024.toml");
    let o = support::jixiao(&["new", s(&file), "--from", "examples/yueyang-2023.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("2024") && out(&o).contains("F1"), "{}", out(&o));
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let loaded = file::load(text.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(loaded.package, carried("examples/yueyang-2023.toml").1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&file).map(|m| m.permissions().mode() & 0o777).unwrap_or(0);
        assert_eq!(mode, 0o600, "it holds names and phones");
    }
    // `check` lists what is missing and exits 1.
    let c = support::jixiao(&["check", s(&file)]);
    assert_eq!(c.status.code(), Some(1), "{}", out(&c));
    assert!(out(&c).contains("E-01"));

    // A later year on purpose; the same year or an earlier one is refused.
    let later = d.join("unit-2025.toml");
    let o = support::jixiao(&["new", s(&later), "--from", "examples/yueyang-2023.toml", "--year", "2025"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    for year in ["2023", "2022"] {
        let p = d.join(format!("same-{year}.toml"));
        let o = support::jixiao(&["new", s(&p), "--from", "examples/yueyang-2023.toml", "--year", year]);
        assert_eq!(o.status.code(), Some(2), "{}", out(&o));
        assert!(out(&o).contains("2023 年度") && out(&o).contains(year), "{}", out(&o));
        assert!(!p.exists());
    }

    // An existing file is never overwritten without --force.
    std::fs::write(&file, "mine").unwrap_or_else(|e| panic!("{e}"));
    let o = support::jixiao(&["new", s(&file), "--from", "examples/yueyang-2023.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).contains("--force"), "{}", out(&o));
    assert_eq!(std::fs::read_to_string(&file).unwrap_or_default(), "mine");
    let o = support::jixiao(&["new", s(&file), "--from", "examples/yueyang-2023.toml", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert_eq!(std::fs::read_to_string(&file).unwrap_or_default(), text);

    // Nor one open in the wizard (its lock held).
    let paths = jixiao::paths::Paths::for_data(&file).unwrap_or_else(|e| panic!("{e:?}"));
    let lock = jixiao::fsio::lock(&paths.lock).unwrap_or_else(|e| panic!("{e}")).unwrap_or_else(|h| panic!("{h:?}"));
    let o = support::jixiao(&["new", s(&file), "--from", "examples/yueyang-2023.toml", "--force", "--year", "2026"]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(out(&o).contains(&std::process::id().to_string()), "says who has it: {}", out(&o));
    drop(lock);
    assert_eq!(std::fs::read_to_string(&file).unwrap_or_default(), text);

    // Last year's file itself is never the new one, even with --force.
    let copy = d.join("unit-2023.toml");
    std::fs::copy("examples/yueyang-2023.toml", &copy).unwrap_or_else(|e| panic!("{e}"));
    let before = std::fs::read(&copy).unwrap_or_default();
    let o = support::jixiao(&["new", s(&copy), "--from", s(&copy), "--force", "--year", "2024"]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert_eq!(std::fs::read(&copy).unwrap_or_default(), before);

    // Without --from: an empty package of the year asked for.
    let empty = d.join("empty.toml");
    let o = support::jixiao(&["new", s(&empty), "--year", "2024"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let p = file::load(&std::fs::read(&empty).unwrap_or_default()).unwrap_or_else(|e| panic!("{e:?}")).package;
    assert!(p.is_blank() && p.fiscal_year() == Some(2024));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn new_from_refuses_what_is_not_last_years_package() {
    let d = dir("refuse");
    let base = std::fs::read_to_string("examples/yueyang-2023.toml").unwrap_or_default();
    let other = d.join("other.toml");
    std::fs::write(&other, base.replace(unit::FORM_ID, project::FORM_ID)).unwrap_or_else(|e| panic!("{e}"));
    let garbage = d.join("garbage.toml");
    std::fs::write(&garbage, "this is = = not toml\n").unwrap_or_else(|e| panic!("{e}"));
    let no_year = d.join("no-year.toml");
    std::fs::write(&no_year, base.replace("fiscal_year = 2023", "fiscal_year = \"\""))
        .unwrap_or_else(|e| panic!("{e}"));
    let cases = [
        (s(&other), vec!["上一年度", project::FORM_ID]),
        (s(&garbage), vec!["上一年度", "第 1 行"]),
        ("no/such/file.toml", vec!["上一年度", "无法读取"]),
        (s(&no_year), vec!["年度"]),
    ];
    for (from, needles) in cases {
        let target = d.join("new.toml");
        let o = support::jixiao(&["new", s(&target), "--from", from]);
        assert_eq!(o.status.code(), Some(2), "{from}: {}", out(&o));
        for n in needles {
            assert!(out(&o).contains(n), "{from}: {n} not in {}", out(&o));
        }
        assert!(!target.exists(), "{from}");
    }
    let en = support::jixiao(&["--lang", "en", "new", s(&d.join("x.toml")), "--from", s(&other)]);
    assert!(out(&en).contains("last year"), "{}", out(&en));
    // A name a derived file would take (the report's), or a link to last year's file.
    let report = d.join("new.txt");
    let o = support::jixiao(&["new", s(&report), "--from", "examples/yueyang-2023.toml"]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(!report.exists());
    #[cfg(unix)]
    {
        let last = d.join("last.toml");
        std::fs::write(&last, &base).unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink(&last, d.join("link.toml")).unwrap_or_else(|e| panic!("{e}"));
        let o = support::jixiao(&["new", s(&d.join("link.toml")), "--from", s(&last), "--force"]);
        assert_eq!(o.status.code(), Some(2), "{}", out(&o));
        assert_eq!(std::fs::read_to_string(&last).unwrap_or_default(), base, "last year's file untouched");
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn answers_from_another_year_are_refused_and_point_to_new_from() {
    let d = dir("answers");
    let this = d.join("unit-2024.toml");
    let o = support::jixiao(&["new", s(&this), "--from", "examples/yueyang-2023.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let before = std::fs::read(&this).unwrap_or_default();
    let o = support::jixiao(&[s(&this), "--plain", "--answers", "examples/yueyang-2023.toml"]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(out(&o).contains("new") && out(&o).contains("--from") && out(&o).contains("2023"), "{}", out(&o));
    assert_eq!(std::fs::read(&this).unwrap_or_default(), before, "nothing written");
    let help = support::jixiao(&["unit.toml", "--help"]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("new"), "{}", out(&help));
    let _ = std::fs::remove_dir_all(&d);
}

// ── the wizard on a carried package ──

fn wizard_on(pkg: Package, lang: Lang) -> jixiao::wizard::Wizard {
    let mut w = jixiao::wizard::Wizard::new(pkg, Profile::default_profile(), lang, support::files());
    w.update(jixiao::wizard::Event::Resize(100, 30));
    w
}

#[test]
fn the_wizard_opens_where_this_years_figures_begin() {
    let (_, next) = carried("examples/yueyang-2023.toml");
    let mut w = wizard_on(next.clone(), Lang::ZhCn);
    let welcome = support::screen(&w, 100, 30);
    assert!(welcome.contains("由 2023 年度的材料转入"), "{welcome}");
    support::run(&mut w, "<Enter>");
    assert_eq!(w.sections()[w.section()].id(), "unit");
    assert_eq!(w.slot().and_then(|s| s.path()), Some(basic::STAFF_ACTUAL.0), "實际在职人数 is this year's");
    // Once the unit's figures are given, the next start is where the next ones are missing.
    let mut more = next;
    more.set(basic::STAFF_ACTUAL.0, "23");
    let mut w = wizard_on(more, Lang::ZhCn);
    support::run(&mut w, "<Enter>");
    assert_eq!(w.sections()[w.section()].id(), "funds");
    let budget = funds::PUBLIC_FUNDS[funds::BUDGET].0;
    assert_eq!(w.slot().and_then(|s| s.path()), Some(budget));
}

#[test]
fn f1_shows_last_years_text_as_a_reference_not_a_value() {
    use jixiao::wizard::Overlay;
    let (last, next) = carried("examples/yueyang-2023.toml");
    for lang in Lang::ALL {
        let mut w = wizard_on(next.clone(), lang);
        support::run(&mut w, "<Enter>");
        assert!(w.focus_path(report::PERFORMANCE.0));
        let old = last.text_at(report::PERFORMANCE.0);
        let start: String = old.chars().take(12).collect();
        let pane = support::screen(&w, 100, 30);
        assert!(pane.contains(&start), "{}: the pane shows how last year's began\n{pane}", lang.tag());
        support::run(&mut w, "<F1>");
        assert_eq!(w.overlay(), Some(&Overlay::Reference { scroll: 0 }));
        let popup = support::screen(&w, 100, 30);
        let heading = if lang == Lang::ZhCn { "2023 年度材料中的文字" } else { "The text of 2023" };
        assert!(popup.contains(heading) && popup.contains(&start), "{popup}");
        support::run(&mut w, "<Down><Down><Up>");
        assert_eq!(w.overlay(), Some(&Overlay::Reference { scroll: 1 }));
        support::run(&mut w, "<End>");
        let Some(Overlay::Reference { scroll: end }) = w.overlay().cloned() else { panic!("closed") };
        assert!(end > 10, "a long text scrolls: {end}");
        support::run(&mut w, "<Down>");
        assert_eq!(w.overlay(), Some(&Overlay::Reference { scroll: end }), "no scrolling past the end");
        let tail = support::screen(&w, 100, 30);
        let last_line = old.lines().last().unwrap_or_default();
        let end_of_text: String = last_line.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
        assert!(tail.contains(&end_of_text), "{end_of_text} in\n{tail}");
        support::run(&mut w, "<F1>");
        assert_eq!(w.overlay(), Some(&Overlay::Help), "F1 again: the field's help");
        support::run(&mut w, "<Esc>");
        assert_eq!(w.overlay(), None);
        // Never a value: the field is still empty and nothing was changed.
        assert_eq!(w.pkg().text_at(report::PERFORMANCE.0), "");
        assert!(!w.dirty());
        // A field without last year's text: F1 is its help.
        assert!(w.focus_path(basic::STAFF_ACTUAL.0));
        support::run(&mut w, "<F1>");
        assert_eq!(w.overlay(), Some(&Overlay::Help));
    }
}

#[test]
fn the_review_lists_what_is_still_last_years() {
    let (_, next) = carried("examples/projects-2023.toml");
    let mut w = wizard_on(next, Lang::ZhCn);
    support::run(&mut w, "<Enter><F10>");
    let still = w.still_last_year();
    assert_eq!(still, {
        let mut v = carry::still_last_year(w.pkg());
        v.sort_by_key(|p| jixiao::wizard::sections::section_of(w.sections(), p));
        v
    });
    assert!(still.len() >= 10, "{still:?}");
    let screen = support::screen(&w, 100, 30);
    assert!(screen.contains(&format!("仍是上年的：{} 处", still.len())), "{screen}");
    // The entries follow the issues; Enter on one goes to its field.
    let issues = w.review_list().len();
    for _ in 0..issues {
        support::run(&mut w, "<Down>");
    }
    let page = support::screen(&w, 100, 30);
    assert!(page.contains("> 上年 "), "{page}");
    support::run(&mut w, "<Enter>");
    assert_eq!(w.slot().and_then(|s| s.path()), Some(still[0].as_str()));
    // This year's text written: off the list.
    support::run(&mut w, "<Enter>本年的情况<Tab>");
    assert!(!w.still_last_year().contains(&still[0]), "{:?}", w.still_last_year());
}

#[test]
fn a_real_terminal_shows_last_years_text_on_the_carried_file() {
    let d = dir("pty");
    let o = support::jixiao(&["new", s(&d.join("unit-2024.toml")), "--from", "examples/yueyang-2023.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let last = support::example("examples/yueyang-2023.toml");
    let start: String = last.text_at(report::PERFORMANCE.0).chars().take(10).collect();

    let mut session = support::pty::Session::start(&d, &["unit-2024.toml"], &[]);
    session.wait_for("由 2023 年度的材料转入");
    session.send(b"\r");
    session.wait_for("实际在职人数");
    // Ctrl-Q quits (Esc in an open long text would close its editor first).
    session.send(b"\x11");
    assert!(session.wait_exit().success());

    let mut session = support::pty::Session::start(&d, &["unit-2024.toml", "--section", "report_s6"], &[]);
    session.wait_for("自评得分");
    session.send(b"\t");
    session.wait_for("上年（F1 查看全文）");
    session.send(b"\x1bOP");
    session.wait_for("2023 年度材料中的文字");
    session.wait_for(&start);
    // Esc closes it; a second Esc at once would read as the start of an escape sequence.
    session.send(b"\x1b");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while session.screen_text().contains("2023 年度材料中的文字") {
        assert!(std::time::Instant::now() < deadline, "{}", session.screen_text());
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    // Ctrl-Q quits (Esc in an open long text would close its editor first).
    session.send(b"\x11");
    assert!(session.wait_exit().success());
    // Looking changed nothing.
    let after = file::load(&std::fs::read(d.join("unit-2024.toml")).unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e:?}"))
        .package;
    assert_eq!(after, carried("examples/yueyang-2023.toml").1);
    let _ = std::fs::remove_dir_all(&d);
}
