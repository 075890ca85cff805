//! Every field is reached through its form's handles: each handle a form declares resolves in
//! its definition and names a field of the right sort, every field has a handle, and no code
//! outside a form's own module (`src/form/unit`, `src/form/project`) writes one of the forms'
//! paths as a string (a path that resolves in the package's form).

use jixiao::form::def::Target;
use jixiao::form::{project, unit};

#[test]
fn every_handle_resolves_and_every_field_has_one() {
    let form = unit::form();
    let handles = unit::keys::all_fields();
    for h in &handles {
        assert!(form.field(h.0).is_some(), "handle {} names no field", h.0);
    }
    for f in &form.fields {
        assert!(handles.iter().any(|h| h.0 == f.key), "field {} has no handle in unit::keys", f.key);
    }
    for c in unit::keys::all_calcs() {
        assert!(matches!(form.resolve(c.0).map(|r| r.target), Some(Target::Calc(..))), "calc handle {}", c.0);
    }
    for t in [unit::keys::basic::SPECIAL_FUNDS, unit::keys::basic::BUILDINGS, unit::keys::self_eval::INDICATORS] {
        assert!(form.table(t.0).is_some(), "table handle {}", t.0);
    }
    assert!(form.group(unit::keys::PROJECTS.0).is_some());

    let sheet = project::form();
    let handles = project::keys::all_fields();
    for h in &handles {
        assert!(sheet.field(h.0).is_some(), "project handle {} names no field", h.0);
    }
    for f in &sheet.fields {
        assert!(handles.iter().any(|h| h.0 == f.key), "project field {} has no handle", f.key);
    }
    for c in project::keys::all_calcs() {
        assert!(matches!(sheet.resolve(c.0).map(|r| r.target), Some(Target::Calc(..))), "calc handle {}", c.0);
    }
    assert!(sheet.table(project::keys::INDICATORS.0).is_some());
}

fn sources(dir: &str, out: &mut Vec<(String, String)>) {
    for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{dir}: {e}")).flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p.to_string_lossy(), out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push((p.display().to_string(), std::fs::read_to_string(&p).unwrap_or_default()));
        }
    }
}

/// The string literals of a Rust source (good enough for this check: no raw strings hold paths).
fn literals(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut cur: Option<String> = None;
    while let Some(c) = chars.next() {
        match (&mut cur, c) {
            (None, '"') => cur = Some(String::new()),
            (Some(s), '\\') => {
                if let Some(n) = chars.next() {
                    s.push('\\');
                    s.push(n);
                }
            }
            (Some(s), '"') => {
                out.push(std::mem::take(s));
                cur = None;
            }
            (Some(s), c) => s.push(c),
            (None, '\'') => {
                // A char literal (or a lifetime): skip to its end without opening a string.
                if chars.peek() == Some(&'"') {
                    chars.next();
                }
            }
            (None, _) => {}
        }
    }
    out
}

#[test]
fn no_code_outside_a_form_names_its_fields() {
    let mut files = Vec::new();
    sources("src", &mut files);
    let form = unit::form();
    let mut bad = Vec::new();
    for (path, text) in &files {
        if path.contains("src/form/unit") || path.contains("src/form/project") {
            continue;
        }
        for lit in literals(text) {
            let named = match form.resolve(&lit).map(|r| r.target) {
                Some(Target::Field(_) | Target::Cell(..) | Target::Table(_) | Target::Calc(..)) => true,
                _ => project::form().field(&lit).is_some(),
            };
            // A word that is also a column name (`name`, `score`) is not a path; paths have dots.
            if named && lit.contains('.') {
                bad.push(format!("{path}: \"{lit}\""));
            }
        }
    }
    assert!(bad.is_empty(), "field paths written outside their form's module:\n{}", bad.join("\n"));
}
