//! Popups: help, the section map (jump anywhere), the choice picker, yes/no questions, and the
//! path prompt after a failed save or write.

use crate::keymap::{Act, Code, Key};

use super::nav::At;
use super::{Confirm, Effect, Overlay, Screen, Wizard};

impl Wizard {
    pub(super) fn overlay_key(&mut self, ov: Overlay, act: Option<Act>, key: Key) -> Effect {
        if let Overlay::PathPrompt { mut input } = ov {
            match key.code {
                Code::Enter if !input.trim().is_empty() => {
                    self.overlay = None;
                    return Effect::Relocate(input.trim().to_string());
                }
                Code::Esc => {
                    self.overlay = None;
                    self.pending = None;
                }
                Code::Char('c') if key.ctrl => {
                    self.overlay = None;
                    self.pending = None;
                }
                Code::Char('u') if key.ctrl => input.clear(),
                Code::Backspace => input.truncate(crate::text::without_last_grapheme(&input).len()),
                Code::Char(c) if !key.ctrl && !key.alt => input.push(c),
                _ => {}
            }
            if self.overlay.is_some() {
                self.overlay = Some(Overlay::PathPrompt { input });
            }
            return Effect::None;
        }
        let sections = self.sections.len();
        match (ov, act) {
            (Overlay::Help, _) => self.overlay = None,
            (Overlay::Map { sel }, Some(Act::Up)) => self.overlay = Some(Overlay::Map { sel: sel.saturating_sub(1) }),
            (Overlay::Map { sel }, Some(Act::Down)) => {
                self.overlay = Some(Overlay::Map { sel: (sel + 1).min(sections) });
            }
            (Overlay::Map { sel }, Some(Act::Yes)) => {
                self.overlay = None;
                if sel >= sections {
                    self.commit();
                    self.show_review();
                } else {
                    self.enter(sel, At::First);
                }
            }
            (Overlay::Picker { path, options, sel }, Some(Act::Up)) => {
                self.overlay = Some(Overlay::Picker { path, options, sel: sel.saturating_sub(1) });
            }
            (Overlay::Picker { path, sel, options }, Some(Act::Down)) => {
                let sel = (sel + 1).min(options.len().saturating_sub(1));
                self.overlay = Some(Overlay::Picker { path, options, sel });
            }
            (Overlay::Picker { path, options, sel }, Some(Act::Yes)) => {
                self.overlay = None;
                if let Some(v) = options.get(sel) {
                    self.set_choice(&path, v.clone());
                }
            }
            (Overlay::Picker { path, options, .. }, None) => {
                if let Some(n) = match key.code {
                    Code::Char(c) => crate::keymap::choice_digit(c),
                    _ => None,
                } {
                    if let Some(v) = options.get(n - 1) {
                        self.overlay = None;
                        self.set_choice(&path, v.clone());
                    }
                }
            }
            (Overlay::Confirm(c), Some(Act::Yes)) => {
                self.overlay = None;
                return self.confirmed(c);
            }
            (_, Some(Act::Cancel)) => self.overlay = None,
            _ => {}
        }
        Effect::None
    }

    fn confirmed(&mut self, c: Confirm) -> Effect {
        match c {
            Confirm::Quit => Effect::Quit,
            Confirm::WriteWithErrors(_) => self.write_checked_overwrite(),
            Confirm::Overwrite(_) => self.write_now(),
            Confirm::DeleteRow | Confirm::DeleteProject(_) => {
                self.delete_row(true);
                Effect::None
            }
        }
    }

    /// Whether the review screen is shown.
    #[must_use]
    pub fn in_review(&self) -> bool {
        matches!(self.screen, Screen::Review { .. })
    }
}
