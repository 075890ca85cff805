//! Every user-facing string lives in locales/: zh-CN and en have the same keys and the same
//! placeholders, and every label, help text and rule the program uses exists in both.

use jixiao::form::def::{Form, GridRow};
use jixiao::form::{Profile, unit};
use jixiao::i18n::{Catalog, Lang, placeholders, source};

fn catalogs() -> (Catalog, Catalog) {
    let zh = Catalog::parse(Lang::ZhCn, source(Lang::ZhCn)).unwrap_or_else(|e| panic!("zh-CN: {e}"));
    let en = Catalog::parse(Lang::En, source(Lang::En)).unwrap_or_else(|e| panic!("en: {e}"));
    (zh, en)
}

#[test]
fn same_keys_and_placeholders() {
    let (zh, en) = catalogs();
    let zk: Vec<&str> = zh.keys().collect();
    let ek: Vec<&str> = en.keys().collect();
    let only_zh: Vec<_> = zk.iter().filter(|k| !en.has(k)).collect();
    let only_en: Vec<_> = ek.iter().filter(|k| !zh.has(k)).collect();
    assert!(only_zh.is_empty() && only_en.is_empty(), "only in zh-CN: {only_zh:?}\nonly in en: {only_en:?}");
    for k in zk {
        assert_eq!(placeholders(zh.tr(k)), placeholders(en.tr(k)), "placeholders differ for {k}");
    }
}

/// The locale keys a form's definition names: labels, help, sections, tables, documents,
/// computed cells, grid rows.
fn form_keys(form: &Form, need: &mut impl FnMut(String)) {
    for f in &form.fields {
        f.label.iter().for_each(|l| need(l.clone()));
        need(f.help.clone());
        need(f.kind.expect_key().to_string());
        need(f.kind.hint_key());
    }
    for t in &form.tables {
        need(form.table_key(t.key));
        for c in &t.columns {
            need(c.label.clone());
            need(c.help.clone());
            need(c.short.clone());
        }
    }
    for g in &form.grids {
        need(format!("file.grid.{}{}", form.locale, g.key));
        for r in &g.rows {
            if let GridRow::Input { key, .. } = r {
                need(format!("field.{}{}.{key}", form.locale, g.key));
            }
        }
        for c in g.columns {
            need(format!("column.{c}"));
        }
    }
    for sec in &form.sections {
        need(form.section_key(sec.id));
        need(form.doc_key(sec.doc));
    }
    for c in &form.calcs {
        need(format!("calc.{}.label", c.name));
        need(format!("calc.{}.formula", c.name));
    }
    for g in &form.groups {
        need(format!("table.{}", g.key.0));
        form_keys((g.form)(), need);
    }
}

#[test]
fn everything_the_program_names_has_text() {
    let (zh, _) = catalogs();
    let mut missing = Vec::new();
    let mut need = |k: String| {
        if !zh.has(&k) {
            missing.push(k);
        }
    };
    form_keys(unit::form(), &mut need);
    for id in jixiao::form::profile::builtin_ids() {
        let p = Profile::builtin(id).unwrap_or_else(|| panic!("{id}"));
        need(format!("profile.{id}"));
        p.level1.iter().for_each(|l| {
            need(format!("level1.{}", l.key));
            l.level2.iter().for_each(|m| need(format!("level2.{}", m.key)));
        });
        p.tiers.iter().for_each(|t| need(format!("tier.{}", t.key)));
        p.tiers.iter().for_each(|t| need(format!("tier_short.{}", t.key)));
        p.grades.iter().for_each(|g| need(format!("grade.{}", g.key)));
    }
    for id in (1..=24).map(|n| format!("E-{n:02}")).chain((1..=19).map(|n| format!("W-{n:02}"))) {
        let prefix = format!("issue.{id}");
        if !zh.keys().any(|k| k == prefix || k.starts_with(&format!("{prefix}."))) {
            missing.push(prefix);
        }
    }
    assert!(missing.is_empty(), "missing locale keys: {missing:?}");
}

#[test]
fn a_file_that_is_not_toml_is_refused_in_the_language_shown() {
    // The TOML parser words its messages in English only; each description it gives has a
    // catalog key (form::syntax) in both languages.
    let (zh, en) = catalogs();
    for k in jixiao::form::syntax::keys() {
        assert!(zh.has(k) && en.has(k), "{k}");
    }
    let files = [
        "a = \n",
        "[unit\nname = \"x\"\n",
        "x = \"abc\n",
        "x = 1\nx = 2\n",
        "x = tru\n",
        "# \u{1} control\n",
        "[a]\n[a]\n",
        "x = \"\"\"abc\n",
        "x = 1.2.3\n",
        "x = {a = 1\n",
        "x = [1 2]\n",
        "x = 01\n",
        "= 1\n",
        "x = \"\\q\"\n",
        "x = [1,,2]\n",
        "a b = 1\n",
        "x = \"\\u12\"\n",
        "x = 1 2\n",
        "[[a]\n",
        "x = 1_\n",
        "x = 0X1\n",
        "x = 'abc\n",
        "x = \n[unit]\n",
        "name = 岳阳\n",
    ];
    for text in files {
        let e = jixiao::form::file::load(text.as_bytes()).err().unwrap_or_else(|| panic!("{text:?} loaded"));
        let (key, args) = e.kind.message();
        assert!(key.starts_with("toml."), "{text:?}: the parser's {args:?} has no words of ours");
        let said = zh.fmt(key, &args);
        assert!(!said.contains("expected") && !said.contains("invalid"), "{text:?}: {said}");
    }
}
