//! Moving the focus within a section: Tab and Shift-Tab in reading order (on to the next
//! section at the end), arrows through grid rows and table columns, and the form's follow-up
//! (a score below the rule asks for its reason next).

use super::{Note, Wizard, slots};

/// Where to put the focus on entering a section.
pub(super) enum At {
    /// The first slot.
    First,
    /// The last slot.
    Last,
    /// The slot of this path.
    Path(String),
}

impl Wizard {
    pub(super) fn set_focus(&mut self, idx: usize) {
        self.commit();
        if let Some(p) = self.page_mut() {
            p.focus = idx.min(p.slots.len().saturating_sub(1));
        }
        self.load_editor();
    }

    pub(super) fn next(&mut self) {
        let left = self.slot().and_then(slots::Slot::path).map(str::to_string);
        self.commit();
        if let Some(path) = left {
            let follow = self.pkg.form().behaviour.follow_up(&self.checked, &path);
            if let Some((target, note)) = follow {
                if let Some(idx) = slots::find(self.slots(), &target) {
                    self.set_focus(idx);
                    let row = crate::form::def::split_cell(&target).map_or(0, |(_, r, _)| r);
                    self.note = Some(Note::info(note, vec![("row", row.to_string())]));
                    return;
                }
            }
        }
        let (focus, len) = (self.focus(), self.slots().len());
        if focus + 1 < len {
            self.set_focus(focus + 1);
        } else {
            self.next_section();
        }
    }

    pub(super) fn prev(&mut self) {
        let focus = self.focus();
        if focus > 0 {
            self.set_focus(focus - 1);
        } else if self.section() > 0 {
            self.enter(self.section() - 1, At::Last);
        }
    }

    pub(super) fn vertical(&mut self, delta: isize) {
        if let Some(i) = slots::vertical(self.slots(), self.focus(), delta) {
            self.set_focus(i);
        }
    }
}
