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
            (Overlay::Reference { scroll }, _) => self.scroll_reference(scroll, act, key),
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

    /// Keys in the popup of last year's text: arrows and pages scroll, F1 shows the field's
    /// help instead, anything else closes it.
    fn scroll_reference(&mut self, scroll: usize, act: Option<Act>, key: Key) {
        let (width, rows) = reference_area(self.size);
        let lines = self.reference().map_or(0, |t| reference_lines(t, width).len());
        let last = lines.saturating_sub(usize::from(rows));
        let page = usize::from(rows.max(2) - 1);
        let scroll = match (act, key.code) {
            (Some(Act::Up), _) => scroll.saturating_sub(1),
            (Some(Act::Down), _) => scroll + 1,
            (_, Code::PageUp) => scroll.saturating_sub(page),
            (_, Code::PageDown | Code::Char(' ')) => scroll + page,
            (_, Code::Home) => 0,
            (_, Code::End) => last,
            (_, Code::F(1)) => {
                self.overlay = Some(Overlay::Help);
                return;
            }
            _ => {
                self.overlay = None;
                return;
            }
        };
        self.overlay = Some(Overlay::Reference { scroll: scroll.min(last) });
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

/// The popup of last year's text on a terminal of `size`: the width of its text and how many
/// of its lines show at once (a heading above, the keys below). The UI draws it so.
#[must_use]
pub fn reference_area(size: (u16, u16)) -> (u16, u16) {
    (size.0.saturating_sub(2).min(100).saturating_sub(4), size.1.saturating_sub(6))
}

/// Last year's text as the popup shows it: escapes made visible, wrapped to `width` columns.
#[must_use]
pub fn reference_lines(text: &str, width: u16) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = crate::text::visible(line, true);
        if line.is_empty() {
            out.push(String::new());
        } else {
            out.extend(crate::text::wrap(&line, usize::from(width.max(1))));
        }
    }
    out
}
