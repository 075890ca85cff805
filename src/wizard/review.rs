//! The review screen (F10): every finding, errors first and in form order, then what is still
//! last year's; Enter goes to the place, → to the other place a finding about two names (E-18).

use super::{Act, Effect, Issue, Overlay, Screen, Wizard, nav, sections};

impl Wizard {
    /// What is still last year's: the fields for which only last year's text exists (this
    /// year's is not written yet), in section order. Not issues: nothing is wrong with them
    /// yet, and a required one is an error (E-01) already; the review lists them after the
    /// issues so the user can go through them.
    #[must_use]
    pub fn still_last_year(&self) -> Vec<String> {
        let mut v = crate::form::carry::still_last_year(&self.pkg);
        v.sort_by_key(|p| sections::section_of(&self.sections, p).unwrap_or(usize::MAX));
        v
    }

    /// The path of the review's entry `sel`: an issue, then what is still last year's.
    fn review_path(&self, sel: usize) -> Option<String> {
        let issues = self.review_list();
        match issues.get(sel) {
            Some(i) => Some(i.path.clone()),
            None => self.still_last_year().get(sel - issues.len()).cloned(),
        }
    }

    /// The review list: errors first, then warnings, in form order.
    #[must_use]
    pub fn review_list(&self) -> Vec<&Issue> {
        let mut v: Vec<&Issue> = self.checked.issues.iter().collect();
        v.sort_by_key(|i| (i.severity(), sections::section_of(&self.sections, &i.path).unwrap_or(usize::MAX)));
        v
    }

    /// The highlighted issue on the review screen.
    #[must_use]
    pub fn review_sel(&self) -> usize {
        match self.screen {
            Screen::Review { sel } => sel,
            _ => 0,
        }
    }

    pub(super) fn review_key(&mut self, act: Option<Act>) -> Effect {
        let n = self.review_list().len() + self.still_last_year().len();
        let sel = self.review_sel();
        match act {
            Some(Act::Up) => self.screen = Screen::Review { sel: sel.saturating_sub(1) },
            Some(Act::Down) => self.screen = Screen::Review { sel: (sel + 1).min(n.saturating_sub(1)) },
            Some(Act::Activate) => {
                if let Some(path) = self.review_path(sel) {
                    self.jump_to(&path);
                }
            }
            // A finding about two places (E-18): → goes to the other one.
            Some(Act::Right) => {
                let other = self.review_list().get(sel).and_then(|i| i.other_path()).map(str::to_string);
                if let Some(path) = other {
                    self.jump_to(&path);
                }
            }
            // Back to the section the review was opened from.
            Some(Act::PrevSection) => self.enter(self.last_section, nav::At::First),
            Some(Act::Map) => self.overlay = Some(Overlay::Map { sel: self.last_section }),
            Some(Act::Save) => return self.save(),
            Some(Act::Write) => return self.start_write(),
            Some(Act::Export(o)) => self.toggle_export(o),
            Some(Act::Quit) => return self.quit(),
            _ => {}
        }
        Effect::None
    }

    pub(super) fn show_review(&mut self) {
        self.last_section = self.section();
        self.screen = Screen::Review { sel: 0 };
    }
}
