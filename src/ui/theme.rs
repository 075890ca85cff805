//! Semantic styles. Focus and errors are visible without colour (reverse video, bold and
//! text marks); colour is added only when allowed (`NO_COLOR` unset).

use ratatui::style::{Color, Modifier, Style};

/// Styles by meaning.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    /// Colour allowed.
    pub color: bool,
}

impl Theme {
    /// Plain text.
    #[must_use]
    pub fn normal(self) -> Style {
        Style::default()
    }

    /// The focused slot (reverse video works on every terminal, with or without colour).
    #[must_use]
    pub fn focus(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    /// Titles and headings.
    #[must_use]
    pub fn title(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    /// Errors.
    #[must_use]
    pub fn error(self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        self.tint(s, Color::Red)
    }

    /// Warnings.
    #[must_use]
    pub fn warning(self) -> Style {
        self.tint(Style::default(), Color::Yellow)
    }

    /// Secondary text (help, formulas).
    #[must_use]
    pub fn muted(self) -> Style {
        self.tint(Style::default(), Color::DarkGray)
    }

    /// Computed values.
    #[must_use]
    pub fn computed(self) -> Style {
        self.tint(Style::default(), Color::Cyan)
    }

    /// Good news (saved, no errors).
    #[must_use]
    pub fn ok(self) -> Style {
        self.tint(Style::default(), Color::Green)
    }

    /// The style with a colour, when colour is allowed.
    fn tint(self, s: Style, c: Color) -> Style {
        if self.color { s.fg(c) } else { s }
    }
}
