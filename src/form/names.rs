//! What a path is called in the user's language: a field, a grid cell, a table, a table cell
//! or a computed cell, in the package or in one of its project sheets ("项目 2《…》· 绩效指标
//! 第 3 行 · 得分"). Shared by messages, the screens and the printed package.

use super::Package;
use super::def::{GroupKey, Target};
use crate::i18n::Catalog;
use crate::text::visible;

/// "项目 2《name》": how a group instance (a project sheet) is named to the user; "项目 2"
/// while it has no name.
#[must_use]
pub fn instance(pkg: &Package, g: GroupKey, n: usize, cat: &Catalog) -> String {
    let name = pkg
        .form()
        .group(g.0)
        .and_then(|def| pkg.instances(g).get(n - 1).map(|p| p.text(def.name).trim().to_string()))
        .unwrap_or_default();
    if name.is_empty() {
        return cat.fmt("present.instance_unnamed", &[("n", n.to_string())]);
    }
    cat.fmt("present.instance", &[("n", n.to_string()), ("name", visible(&name, false))])
}

/// [`instance`] in at most `w` columns: the name is cut inside its brackets (`项目 2《环卫…》`),
/// so what follows it still reads as the project's. The number alone when even that is too
/// wide.
#[must_use]
pub fn instance_within(pkg: &Package, g: GroupKey, n: usize, cat: &Catalog, w: usize) -> String {
    use crate::text::{truncate, width};
    let full = instance(pkg, g, n, cat);
    if width(&full) <= w {
        return full;
    }
    let name = pkg
        .form()
        .group(g.0)
        .and_then(|def| pkg.instances(g).get(n - 1).map(|p| visible(p.text(def.name).trim(), false)))
        .unwrap_or_default();
    let frame = width(&cat.fmt("present.instance", &[("n", n.to_string()), ("name", String::new())]));
    match w.checked_sub(frame).filter(|room| *room >= 3) {
        Some(room) => cat.fmt("present.instance", &[("n", n.to_string()), ("name", truncate(&name, room))]),
        None => truncate(&cat.fmt("present.instance_unnamed", &[("n", n.to_string())]), w),
    }
}

/// Where a path is, for a message that must send the user to it: the document, the section
/// and the label ("基础数据表 · 单位与人员 · 单位负责人"); the label alone when the form puts
/// the path in no section.
#[must_use]
pub fn located(pkg: &Package, path: &str, cat: &Catalog) -> String {
    let (sheet, rest) = pkg.sheet_of(path);
    let form = sheet.form();
    let label = label(pkg, path, cat);
    match form.section_of(rest).map(|i| &form.sections[i]) {
        Some(sec) => {
            let doc = cat.tr(&form.doc_key(sec.doc)).to_string();
            let section = cat.tr(&form.section_key(sec.id)).to_string();
            cat.fmt("present.located", &[("doc", doc), ("section", section), ("field", label)])
        }
        None => label,
    }
}

/// The label of any path: a field, a grid cell, a table, a table cell, a computed cell, in
/// the package or in one of its project sheets.
#[must_use]
pub fn label(pkg: &Package, path: &str, cat: &Catalog) -> String {
    let Some(r) = pkg.form().resolve(path) else { return visible(path, false) };
    let form = r.form;
    let own = match r.target {
        Target::Field(f) => f.label.iter().map(|k| cat.tr(k)).collect::<Vec<_>>().join(" · "),
        Target::Table(t) => cat.tr(&form.table_key(t.key)).to_string(),
        Target::Group(g) => cat.tr(&format!("table.{}", g.key.0)).to_string(),
        Target::Cell(t, row, c) => cat.fmt(
            "present.cell",
            &[
                ("table", cat.tr(&form.table_key(t.key)).to_string()),
                ("row", row.to_string()),
                ("column", cat.tr(&c.label).to_string()),
            ],
        ),
        Target::Calc(c, Some(row)) => {
            let table = c.path.rsplit_once('.').map_or("", |(t, _)| t);
            cat.fmt(
                "present.cell",
                &[
                    ("table", cat.tr(&form.table_key(table)).to_string()),
                    ("row", row.to_string()),
                    ("column", cat.tr(&format!("calc.{}.label", c.name)).to_string()),
                ],
            )
        }
        Target::Calc(c, None) => cat.tr(&format!("calc.{}.label", c.name)).to_string(),
    };
    let mut parts: Vec<String> = r.within.iter().map(|(g, n)| instance(pkg, *g, *n, cat)).collect();
    parts.push(own);
    parts.join(" · ")
}
