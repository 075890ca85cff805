//! The section screens of a package: the form's own sections in order, and right after the
//! section that lists a group (the projects), each instance's sheet as its own group of
//! sections. Sections whose "shown when" condition fails are left out. Also: which section
//! shows a path, and moving between sections (forward refused while the section has errors).

use crate::form::def::{Form, GroupKey, Item, Kind, Section};
use crate::form::{Package, Profile, Severity};
use crate::i18n::Catalog;

use super::nav::At;
use super::{Note, Screen, Wizard, slots};

/// One section screen: a section of a form, and the sheet it belongs to.
#[derive(Clone, Debug)]
pub struct SectionRef {
    /// The (sub-)form of the section.
    pub form: &'static Form,
    /// The section's index in that form.
    pub index: usize,
    /// The sheet's path prefix: empty, or `projects.2.`.
    pub prefix: String,
    /// The group instance (1-based) for a project's section.
    pub instance: Option<(GroupKey, usize)>,
}

impl PartialEq for SectionRef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.form, other.form)
            && self.index == other.index
            && self.prefix == other.prefix
            && self.instance == other.instance
    }
}

impl Eq for SectionRef {}

impl SectionRef {
    /// The section's definition.
    #[must_use]
    pub fn def(&self) -> &'static Section {
        &self.form.sections[self.index]
    }

    /// Its id as `--section` and `:goto` take it: `funding`, or `projects.2.funding`.
    #[must_use]
    pub fn id(&self) -> String {
        format!("{}{}", self.prefix, self.def().id)
    }

    /// Its title in the user's language, with the project's number and name for a project's
    /// section (`项目 2《…》· 资金`).
    #[must_use]
    pub fn title(&self, pkg: &Package, cat: &Catalog) -> String {
        self.title_within(pkg, cat, usize::MAX)
    }

    /// [`SectionRef::title`] in at most `w` columns: a project's section keeps its own name
    /// whole and its project's name is cut (`项目 1《城区环卫…》 · 资金`), so that the sections
    /// of one project stay apart in a narrow list. Others are cut at the end with `…`.
    #[must_use]
    pub fn title_within(&self, pkg: &Package, cat: &Catalog, w: usize) -> String {
        use crate::text::{truncate, width};
        let name = cat.tr(&self.form.section_key(self.def().id)).to_string();
        match self.instance {
            Some((g, n)) => {
                let own = format!(" · {name}");
                let room = w.saturating_sub(width(&own));
                if room < 6 {
                    truncate(&format!("{}{own}", crate::present::instance(pkg, g, n, cat)), w)
                } else {
                    format!("{}{own}", crate::form::names::instance_within(pkg, g, n, cat, room))
                }
            }
            None => truncate(&name, w),
        }
    }

    /// The locale key of its document's name.
    #[must_use]
    pub fn doc_key(&self) -> String {
        self.form.doc_key(self.def().doc)
    }
}

/// The section screens of `pkg`.
#[must_use]
pub fn list(pkg: &Package, profile: &Profile) -> Vec<SectionRef> {
    let form = pkg.form();
    let mut out = Vec::new();
    for (i, s) in form.sections.iter().enumerate() {
        if s.shown.is_some_and(|shown| !shown(pkg, profile)) {
            continue;
        }
        out.push(SectionRef { form, index: i, prefix: String::new(), instance: None });
        for item in &s.items {
            let Item::Group(g) = item else { continue };
            let Some(def) = form.group(g.0) else { continue };
            let sub = (def.form)();
            for (n, inst) in pkg.instances(*g).iter().enumerate() {
                for (j, ss) in sub.sections.iter().enumerate() {
                    if ss.shown.is_some_and(|shown| !shown(inst, profile)) {
                        continue;
                    }
                    out.push(SectionRef {
                        form: sub,
                        index: j,
                        prefix: format!("{}.{}.", g.0, n + 1),
                        instance: Some((*g, n + 1)),
                    });
                }
            }
        }
    }
    out
}

/// The index of the section screen that shows `path`.
#[must_use]
pub fn section_of(sections: &[SectionRef], path: &str) -> Option<usize> {
    // A project's own sections come before the list that names it.
    let by_prefix = |s: &SectionRef| {
        let rest = path.strip_prefix(s.prefix.as_str())?;
        (s.form.section_of(rest) == Some(s.index)).then_some(())
    };
    sections.iter().position(|s| !s.prefix.is_empty() && by_prefix(s).is_some()).or_else(|| {
        sections.iter().position(|s| {
            if !s.prefix.is_empty() {
                return false;
            }
            if by_prefix(s).is_some() {
                return true;
            }
            // The project list shows each project (a path of the group itself).
            s.def().items.iter().any(|i| matches!(i, Item::Group(g) if path == g.0))
        })
    })
}

/// (filled, total) input values over every sheet: each field, and each cell of each row.
#[must_use]
pub fn progress(pkg: &Package) -> (usize, usize) {
    let form = pkg.form();
    let mut total = form.fields.len();
    for t in &form.tables {
        total += pkg.rows_at(t.key).len() * t.columns.len();
    }
    let mut filled = pkg.filled();
    for g in &form.groups {
        for inst in pkg.instances(g.key) {
            let (_, t) = progress(inst);
            total += t;
        }
    }
    // Group instances are counted in `filled` already; keep it within the total.
    filled = filled.min(total);
    (filled, total)
}

impl Wizard {
    /// Opens straight at a section, by id (`funding`, `projects.2.indicators`) or by its title
    /// in either language (`绩效指标`); false when no such section.
    pub fn open_section(&mut self, id: &str) -> bool {
        let by_title = |s: &SectionRef| {
            crate::i18n::Lang::ALL.iter().any(|l| s.title(&self.pkg, Catalog::get(*l)).trim() == id.trim())
        };
        match self.sections.iter().position(|s| s.id() == id).or_else(|| self.sections.iter().position(by_title)) {
            Some(i) => {
                self.enter(i, At::First);
                true
            }
            None => false,
        }
    }

    /// Moves the focus to a field or cell (entering its section), as a jump from the review
    /// does. Returns false when no such path exists.
    pub fn focus_path(&mut self, path: &str) -> bool {
        match section_of(&self.sections, path) {
            Some(sec) => {
                self.enter(sec, At::Path(path.to_string()));
                self.slot().and_then(slots::Slot::path) == Some(path)
            }
            None => false,
        }
    }

    pub(super) fn start(&mut self) {
        if self.carried_from().is_some() {
            if let Some((section, path)) = self.first_this_years() {
                self.enter(section, At::Path(path));
                return;
            }
        }
        let start = if self.pkg.is_blank() { 0 } else { self.first_section_with_errors().unwrap_or(0) };
        self.enter(start, At::First);
    }

    /// In a package started from last year's: the first value of this year still to give (an
    /// error on an empty field the form does not keep from last year), by section and slot.
    fn first_this_years(&self) -> Option<(usize, String)> {
        let form = self.pkg.form();
        let missing = |i: &&crate::form::Issue| {
            i.severity() == Severity::Error
                && self.pkg.text_at(&i.path).is_empty()
                && crate::form::carry::is_this_years(form, &i.path)
        };
        let paths: Vec<&str> = self.checked.issues.iter().filter(missing).map(|i| i.path.as_str()).collect();
        let section = paths.iter().filter_map(|p| section_of(&self.sections, p)).min()?;
        let slots = slots::slots(&self.sections[section], &self.pkg);
        let path = paths
            .iter()
            .filter(|p| section_of(&self.sections, p) == Some(section))
            .min_by_key(|p| slots::find(&slots, p).unwrap_or(usize::MAX))?;
        Some((section, (*path).to_string()))
    }

    /// Where a restored draft's work stopped, by section and path: the field the draft says
    /// had the focus (`at`, its first line) when a section shows it, else [`Self::last_change`].
    pub(super) fn resume_at(&self, at: Option<String>, before: &crate::form::Package) -> Option<(usize, String)> {
        let said = at.and_then(|p| {
            let s = section_of(&self.sections, &p)?;
            let shown = slots::slots(&self.sections[s], &self.pkg).iter().any(|x| x.path() == Some(p.as_str()));
            shown.then_some((s, p))
        });
        said.or_else(|| self.last_change(before))
    }

    /// The last field, in the order of the sections and their slots, whose text differs from
    /// `before` (the file as opened): forms are filled in order, so that is where the work
    /// stopped when the draft does not say. `None` when no field a slot shows differs (rows
    /// only removed).
    fn last_change(&self, before: &crate::form::Package) -> Option<(usize, String)> {
        self.sections.iter().enumerate().rev().find_map(|(i, sec)| {
            let slots = slots::slots(sec, &self.pkg);
            let changed =
                slots.iter().rev().filter_map(slots::Slot::path).find(|p| self.pkg.text_at(p) != before.text_at(p));
            changed.map(|p| (i, p.to_string()))
        })
    }

    fn first_section_with_errors(&self) -> Option<usize> {
        (0..self.sections.len()).find(|s| self.section_issues(*s).iter().any(|i| i.severity() == Severity::Error))
    }

    /// Enters a section: fills what the form prefills, builds its slots, focuses.
    pub(super) fn enter(&mut self, index: usize, at: At) {
        self.commit();
        self.drop_fresh_row();
        self.overlay = None;
        let index = index.min(self.sections.len().saturating_sub(1));
        self.last_section = index;
        let sec = self.sections[index].clone();
        let fills =
            self.pkg.form().behaviour.prefill(&self.pkg, &self.checked, (&sec.prefix, sec.def().id), self.catalog());
        self.apply(fills);
        let slots = slots::slots(&sec, &self.pkg);
        let n = slots.len();
        let path_focus = match at {
            At::Path(ref p) => slots::find(&slots, p),
            _ => None,
        };
        self.screen = Screen::Section(Box::new(super::Page {
            index,
            lines: slots::lines(&slots),
            slots,
            focus: 0,
            editor: None,
            outside: super::Outside::default(),
            editing: false,
            opened: None,
            fresh: None,
            column: None,
        }));
        // The first (last) stop: a computed value or a cell that does not apply is skipped.
        let focus = match at {
            At::First => self.first_stop(0),
            At::Last => (0..n).rev().find(|i| self.is_stop(*i)).unwrap_or(n.saturating_sub(1)),
            At::Path(_) => path_focus.unwrap_or(0),
        };
        if let Some(p) = self.page_mut() {
            p.focus = focus;
        }
        self.load_editor();
        // Arriving in a section redraws the screen anyway: a long text there opens at once.
        self.open_text();
    }

    pub(super) fn next_section(&mut self) {
        self.commit();
        self.drop_fresh_row();
        let blocking: Vec<crate::form::Issue> = self.blocking().into_iter().cloned().collect();
        if let Some(first) = blocking.first() {
            for i in &blocking {
                self.revealed.insert(i.path.clone());
            }
            let cat = self.catalog();
            self.note = Some(Note::error(
                "note.blocked",
                vec![
                    ("count", blocking.len().to_string()),
                    ("field", crate::present::label(&self.pkg, &first.path, cat)),
                    ("message", crate::present::message(&self.pkg, first, cat)),
                ],
            ));
            if let Some(idx) = slots::find(self.slots(), &first.path) {
                self.set_focus(idx);
            }
            return;
        }
        if self.section() + 1 < self.sections.len() {
            self.enter(self.section() + 1, At::First);
        } else {
            self.show_review();
        }
    }

    pub(super) fn prev_section(&mut self) {
        if self.section() > 0 {
            self.enter(self.section() - 1, At::First);
        } else {
            self.commit();
        }
    }

    pub(super) fn jump_to(&mut self, path: &str) {
        if let Some(sec) = section_of(&self.sections, path) {
            self.enter(sec, At::Path(path.to_string()));
            self.revealed.insert(path.to_string());
        }
    }

    /// The kind of the field at `path`, if it is one.
    pub(super) fn kind_at(&self, path: &str) -> Option<Kind> {
        match self.pkg.form().resolve(path)?.target {
            crate::form::def::Target::Field(f) => Some(f.kind),
            crate::form::def::Target::Cell(_, _, c) => Some(c.kind),
            _ => None,
        }
    }
}
